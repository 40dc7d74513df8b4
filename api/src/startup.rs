//! Building the actix application (routes, limits, middleware) and running the server.

use crate::{
    accounts, api_tokens, audit, auth, catalogue, compliance,
    config::Settings,
    error::{ApiError, Lang},
    expert_users, extract, health, holdings, notifications,
    openapi::{ApiDoc, add_problem_responses},
    order_messages, ordering_rights, orders, providers, reviews,
    state::AppState,
    summary,
};
use actix_web::{
    App, HttpRequest, HttpResponse, HttpServer,
    body::{BoxBody, MessageBody},
    dev::{Server, ServiceRequest, ServiceResponse},
    get,
    http::{Method, header},
    middleware::{Compress, DefaultHeaders, Logger, Next, from_fn},
    web,
};
use std::{net::TcpListener, path::PathBuf};
use utoipa::OpenApi;
use utoipa_actix_web::{AppExt, scope, service_config::ServiceConfig};

/// The Content-Security-Policy of the single-page app: nothing but its own origin.
const SPA_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
/// The API docs page (Swagger UI) needs inline styles.
const DOCS_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
/// Everything else is data, never a document.
const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// Registers every `/api/v1` route.
pub fn configure_api_v1(cfg: &mut ServiceConfig) {
    cfg.configure(auth::routes::configure)
        .configure(catalogue::routes::configure)
        .configure(providers::routes::configure)
        .configure(accounts::routes::configure)
        .configure(api_tokens::routes::configure)
        .configure(ordering_rights::routes::configure)
        .configure(orders::routes::configure)
        .configure(compliance::routes::configure)
        .configure(expert_users::routes::configure)
        .configure(holdings::routes::configure)
        .configure(reviews::routes::configure)
        .configure(notifications::routes::configure)
        .configure(audit::routes::configure)
        .configure(order_messages::routes::configure)
        .configure(summary::routes::configure)
        .configure(crate::webhooks::routes::configure)
        .configure(accounts::link_routes::configure)
        .configure(auth::oidc::routes::configure)
        .service(openapi_json);
}

/// The OpenAPI document, as served and as committed in `openapi/openapi.json`.
pub fn api_doc() -> utoipa::openapi::OpenApi {
    let (_, mut doc) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(scope::scope("/api/v1").configure(configure_api_v1))
        .configure(health::configure)
        .split_for_parts();
    add_problem_responses(&mut doc);
    crate::openapi_conventions::apply(doc)
}

/// The served document, rendered once.
struct DocJson(String);

/// Serves this OpenAPI document.
///
/// Readable without a token; `openapi/openapi.json` in the repository is the same document.
#[utoipa::path(
    tag = "meta",
    operation_id = "get_openapi",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json", body = Object)),
    security(())
)]
#[get("/openapi.json")]
async fn openapi_json(doc: web::Data<DocJson>) -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(doc.0.clone())
}

/// Rewrites every error answer as problem+json in the client's language: our own errors are
/// re-rendered in English when preferred; anything from below us (actix, files) gets a problem body.
async fn problem_json(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let lang = Lang::from_accept_language(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    // No clone of the request may be held while the inner services run: routing needs it unshared.
    let res = match next.call(req).await {
        Ok(res) => res.map_into_boxed_body(),
        Err(err) => {
            let response = match err.as_error::<ApiError>() {
                Some(api) => api.to_response(lang),
                None => ApiError::from_status(err.as_response_error().status_code()).to_response(lang),
            };
            return Err(actix_web::error::InternalError::from_response("problem", response).into());
        }
    };
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return Ok(res);
    }
    if let Some(api) = res.response().error().and_then(|e| e.as_error::<ApiError>()) {
        if lang == Lang::Sv {
            return Ok(res);
        }
        let response = api.to_response(lang);
        return Ok(res.into_response(response));
    }
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/problem+json"));
    if is_problem {
        return Ok(res);
    }
    let response = ApiError::from_status(status).to_response(lang);
    Ok(res.into_response(response))
}

/// A query string with a NUL byte (`%00`) is refused as a bad query before any handler sees it:
/// no text with a NUL reaches the database (PostgreSQL refuses it in text, which would be a 500).
async fn refuse_nul_in_query(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if has_nul(req.query_string()) {
        return Err(ApiError::InvalidQuery("a query parameter holds a NUL byte".into()).into());
    }
    next.call(req).await
}

/// The longest request target (path and query) the server takes; 414 beyond. (The HTTP layer below
/// refuses targets over 64 KiB and heads over 128 KiB by itself, with a bare status.)
pub const MAX_REQUEST_TARGET: usize = 8 * 1024;
/// The most header bytes (names and values) the server takes; 431 beyond.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Requests beyond the server's limits answer 414 or 431 as problem+json, before anything reads them.
async fn refuse_oversized_heads(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let target = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if target > MAX_REQUEST_TARGET {
        return Err(ApiError::UriTooLong.into());
    }
    let header_bytes: usize = req.headers().iter().map(|(name, value)| name.as_str().len() + value.len()).sum();
    if header_bytes > MAX_HEADER_BYTES {
        return Err(ApiError::HeadersTooLarge.into());
    }
    next.call(req).await
}

/// Answers `HEAD` as `GET` without the body (RFC 9110: a server supports both). The routes are
/// declared for `GET`; the HTTP/1 codec remembers the request's own method and leaves the body out.
async fn head_as_get(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    next.call(req).await
}

/// Answers to a request that carried credentials are the caller's own (full personal numbers, among
/// others): no cache, shared or private, may keep them. Errors included; a handler's own choice stands.
async fn no_store_when_authenticated(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let authenticated = req.headers().contains_key(header::AUTHORIZATION);
    let mut res = next.call(req).await?;
    if authenticated && !res.headers().contains_key(header::CACHE_CONTROL) {
        res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    }
    Ok(res)
}

/// Whether a raw query string decodes to something with a NUL byte.
fn has_nul(query: &str) -> bool {
    query.as_bytes().windows(3).any(|w| w == b"%00") || query.contains('\0')
}

/// A request no route of `/api/v1` took: 405 with `Allow` when the path is one the API serves with
/// other methods, else 404.
async fn api_not_found(req: HttpRequest, routes: web::Data<ApiRoutes>) -> Result<HttpResponse, ApiError> {
    match routes.allow(req.path()) {
        Some(allow) => Err(ApiError::MethodNotAllowed { allow: Some(allow) }),
        None => Err(ApiError::NotFound),
    }
}

/// The methods each API path answers, from the OpenAPI document (so it cannot drift from the routes).
struct ApiRoutes(Vec<(Vec<String>, Vec<&'static str>)>);

impl ApiRoutes {
    /// The methods in the order `Allow` names them; `HEAD` wherever `GET` is (see [`head_as_get`]).
    fn from_doc(doc: &utoipa::openapi::OpenApi) -> ApiRoutes {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let methods = [
                    ("GET", &item.get),
                    ("HEAD", &item.get),
                    ("POST", &item.post),
                    ("PUT", &item.put),
                    ("PATCH", &item.patch),
                    ("DELETE", &item.delete),
                ]
                .into_iter()
                .filter_map(|(name, operation)| operation.as_ref().map(|_| name))
                .collect();
                (path.split('/').map(str::to_owned).collect(), methods)
            })
            .collect();
        ApiRoutes(routes)
    }

    /// The `Allow` value for a concrete path: the methods of the most specific template it matches
    /// (`/orders/batch` is that resource, not `/orders/{id}`), or `None` when it matches none.
    fn allow(&self, path: &str) -> Option<String> {
        let segments: Vec<&str> = path.split('/').collect();
        let matches = |template: &[String]| {
            template.len() == segments.len()
                && template.iter().zip(&segments).all(|(t, s)| t == s || (t.starts_with('{') && !s.is_empty()))
        };
        let literals = |template: &[String]| template.iter().filter(|t| !t.starts_with('{')).count();
        let (_, allowed) = self.0.iter().filter(|(t, _)| matches(t)).max_by_key(|(t, _)| literals(t))?;
        let order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
        Some(order.into_iter().filter(|m| allowed.contains(m)).collect::<Vec<_>>().join(", "))
    }
}

/// With no frontend built: a pointer to the API docs at `/`, 404 elsewhere.
async fn no_frontend(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    if req.path() == "/" {
        return Ok(HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CONTENT_SECURITY_POLICY, SPA_CSP))
            .body(
                "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Sesam</title></head><body><main>\
<h1>Sesam</h1><p>API:t körs. Frontend är inte byggd (sätt SESAM_FRONTEND_DIR). \
<a href=\"/api/docs/\">API-dokumentation</a></p></main></body></html>",
            ));
    }
    Err(ApiError::NotFound)
}

/// Serves `index.html` for the SPA's client-side routes; API paths stay 404 problems.
async fn spa_fallback(index: web::Data<SpaIndex>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let path = req.path();
    let is_api = path.starts_with("/api/") || path == "/api" || path.starts_with("/health/");
    let is_page = req.method() == actix_web::http::Method::GET || req.method() == actix_web::http::Method::HEAD;
    if is_api || !is_page {
        return Err(ApiError::NotFound);
    }
    let body = tokio::fs::read(&index.0).await.map_err(|e| ApiError::internal(format!("reading index.html: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(body))
}

struct SpaIndex(PathBuf);

/// Blanks out whatever looks like a personal identity number (10 or 12 digits, maybe with `-` or
/// `+` before the last four) in text bound for the log. Longer or shorter runs of digits stay.
pub fn redact_personal_numbers(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let run = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
            let first = run(i);
            let mut end = i + first;
            let mut digits = first;
            if (first == 6 || first == 8) && end < b.len() && (b[end] == b'-' || b[end] == b'+') && run(end + 1) == 4 {
                end += 5;
                digits += 4;
            }
            if digits == 10 || digits == 12 {
                out.push_str("[pnr]");
            } else {
                out.push_str(&text[i..end]);
            }
            i = end;
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// A bound, not yet running server, and the address it listens on.
pub struct Application {
    pub server: Server,
    pub local_addr: std::net::SocketAddr,
}

/// Binds the listener and builds the server. Nothing is served until `server` is awaited.
pub fn build(state: AppState) -> std::io::Result<Application> {
    let settings: Settings = state.settings.clone();
    let listener = TcpListener::bind(settings.bind)?;
    let local_addr = listener.local_addr()?;
    let api_doc = api_doc();
    let routes = web::Data::new(ApiRoutes::from_doc(&api_doc));
    let doc = web::Data::new(DocJson(serde_json::to_string_pretty(&api_doc).map_err(std::io::Error::other)?));
    let state = web::Data::new(state);
    let frontend = settings.frontend_dir.clone();
    let cors_origins = settings.cors_origins.clone();

    let server = HttpServer::new(move || {
        let mut cors = actix_cors::Cors::default()
            .allowed_methods(["GET", "POST", "PATCH", "DELETE"])
            .allowed_headers([
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                header::ACCEPT,
                header::ACCEPT_LANGUAGE,
                header::IF_MATCH,
                header::IF_NONE_MATCH,
            ])
            .allowed_header("idempotency-key")
            .expose_headers([header::ETAG, header::RETRY_AFTER, header::LOCATION])
            .max_age(3600)
            // Same-origin requests carry an Origin too; they must not be refused, just not given CORS headers.
            .block_on_origin_mismatch(false);
        for origin in &cors_origins {
            cors = cors.allowed_origin(origin);
        }

        let (app, _) = App::new()
            .into_utoipa_app()
            .app_data(state.clone())
            .app_data(doc.clone())
            .app_data(routes.clone())
            .app_data(extract::query_config())
            .app_data(extract::path_config())
            .app_data(extract::json_config())
            .service(scope::scope("/api/v1").configure(configure_api_v1).default_service(web::to(api_not_found)))
            .configure(health::configure)
            .split_for_parts();

        let app = app.service(
            web::scope("/api/docs")
                .wrap(DefaultHeaders::new().add((header::CONTENT_SECURITY_POLICY, DOCS_CSP)))
                .service(web::redirect("", "/api/docs/"))
                .service(
                    utoipa_swagger_ui::SwaggerUi::new("/{_:.*}")
                        .config(utoipa_swagger_ui::Config::new(["/api/v1/openapi.json"])),
                ),
        );
        let app = match &frontend {
            Some(dir) => app.app_data(web::Data::new(SpaIndex(dir.join("index.html")))).service(
                web::scope("").wrap(DefaultHeaders::new().add((header::CONTENT_SECURITY_POLICY, SPA_CSP))).service(
                    actix_files::Files::new("/", dir)
                        .index_file("index.html")
                        .prefer_utf8(true)
                        .default_handler(web::to(spa_fallback)),
                ),
            ),
            None => app.default_service(web::to(no_frontend)),
        };
        app.wrap(from_fn(head_as_get))
            .wrap(from_fn(no_store_when_authenticated))
            .wrap(from_fn(refuse_nul_in_query))
            .wrap(from_fn(refuse_oversized_heads))
            // Inside `problem_json`, so that a refused preflight answers problem+json too.
            .wrap(cors)
            .wrap(from_fn(problem_json))
            .wrap(
                DefaultHeaders::new()
                    .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                    .add((header::REFERRER_POLICY, "no-referrer"))
                    .add((header::X_FRAME_OPTIONS, "DENY"))
                    .add((header::CONTENT_SECURITY_POLICY, API_CSP)),
            )
            .wrap(Compress::default())
            // The path only: query strings may hold names or personal identity numbers; and a
            // path that holds something shaped like one (a client's mistake) has it blanked out.
            .wrap(
                Logger::new("%{r}a \"%{method}xi %{path}xi\" %s %b %Dms")
                    .custom_request_replace("method", |req| req.method().to_string())
                    .custom_request_replace("path", |req| redact_personal_numbers(req.path()))
                    .exclude("/health/live"),
            )
    })
    .workers(settings.workers)
    .listen(listener)?
    .shutdown_timeout(20)
    .run();
    Ok(Application { server, local_addr })
}

#[cfg(test)]
mod tests {
    use super::{ApiRoutes, api_doc, redact_personal_numbers as r};

    #[test]
    fn allow_names_the_methods_of_the_most_specific_path() {
        let routes = ApiRoutes::from_doc(&api_doc());
        assert_eq!(routes.allow("/api/v1/orders").as_deref(), Some("GET, HEAD, POST"));
        assert_eq!(
            routes.allow("/api/v1/orders/0190c2a4-6f5e-7000-8000-000000000001").as_deref(),
            Some("GET, HEAD, PATCH, DELETE")
        );
        assert_eq!(routes.allow("/api/v1/orders/batch").as_deref(), Some("POST"));
        assert_eq!(routes.allow("/api/v1/orders/x/submit").as_deref(), Some("POST"));
        assert_eq!(routes.allow("/api/v1/orders//submit"), None);
        assert_eq!(routes.allow("/api/v1/nothing"), None);
        assert_eq!(routes.allow("/api/v1/orders/"), None);
    }

    #[test]
    fn personal_numbers_are_blanked_out_of_logged_paths() {
        assert_eq!(r("/api/v1/accounts/19121212-1212"), "/api/v1/accounts/[pnr]");
        assert_eq!(r("/x/191212121212/y"), "/x/[pnr]/y");
        assert_eq!(r("/x/121212-1212"), "/x/[pnr]");
        assert_eq!(r("/x/121212+1212"), "/x/[pnr]");
        assert_eq!(r("/x/1212121212"), "/x/[pnr]");
        assert_eq!(
            r("/api/v1/providers/01a21fed-8400-754d-bf9a-408a2e589e38/units"),
            "/api/v1/providers/01a21fed-8400-754d-bf9a-408a2e589e38/units"
        );
        assert_eq!(r("/x/2026/123/12345678901234"), "/x/2026/123/12345678901234");
        assert_eq!(r("/å/ä"), "/å/ä");
    }
}
