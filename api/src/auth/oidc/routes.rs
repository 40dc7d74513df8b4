//! `GET /auth/methods`, `GET /auth/oidc/login`, `GET /auth/oidc/callback`, `POST /auth/oidc/exchange`.

use super::{
    dto::{CallbackQuery, ExchangeRequest, SignInMethods},
    service::{self, Failure},
};
use crate::{auth::dto::TokenResponse, error::ApiError, extract::Body, state::AppState};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;

/// The cookie that binds a sign-in to the browser that started it.
const STATE_COOKIE: &str = "sesam_oidc_state";

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(methods).service(login).service(callback).service(exchange);
}

/// How people may sign in: with a password, through the identity provider, or both.
///
/// Public, so that the login page knows which ways to offer; it holds no secret.
#[utoipa::path(
    tag = "auth",
    operation_id = "sign_in_methods",
    responses((status = 200, description = "The ways to sign in", body = SignInMethods)),
    security(())
)]
#[get("/auth/methods")]
async fn methods(state: web::Data<AppState>) -> web::Json<SignInMethods> {
    web::Json(SignInMethods { password: state.settings.password_login, oidc: state.oidc.is_some() })
}

/// Starts signing in through the municipality's identity provider (a browser navigation).
///
/// Redirects to the provider's authorization endpoint (code flow, PKCE S256, `state`, `nonce`).
/// When the provider cannot be reached it redirects to the SPA's login page with `error`.
#[utoipa::path(
    tag = "auth",
    operation_id = "oidc_login",
    responses(
        (status = 302, description = "To the identity provider, or to `/logga-in?error=oidc_unavailable`"),
        (status = 404, description = "No identity provider is configured"),
    ),
    security(())
)]
#[get("/auth/oidc/login")]
async fn login(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let provider = state.oidc.as_ref().ok_or(ApiError::NotFound)?;
    Ok(match service::start(&state, provider).await {
        Ok((url, csrf)) => {
            let secure = if state.settings.public_url.starts_with("https://") { "; Secure" } else { "" };
            let cookie =
                format!("{STATE_COOKIE}={csrf}; Path=/api/v1/auth/oidc; Max-Age=600; HttpOnly; SameSite=Lax{secure}");
            HttpResponse::Found().insert_header(("location", url)).insert_header(("set-cookie", cookie)).finish()
        }
        Err(failure) => to_login_page(&state, failure),
    })
}

/// Where the identity provider sends the browser back (register this address at the provider).
///
/// Exchanges the code, verifies the ID token and finds the account; redirects to the SPA's
/// `/e-legitimation?code=` with a one-time code (60 s), or to `/logga-in?error=` with why not.
#[utoipa::path(
    tag = "auth",
    operation_id = "oidc_callback",
    params(CallbackQuery),
    responses(
        (status = 302, description = "To `/e-legitimation?code=…`, or to `/logga-in?error=…`"),
        (status = 404, description = "No identity provider is configured"),
    ),
    security(())
)]
#[get("/auth/oidc/callback")]
async fn callback(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<CallbackQuery>,
) -> Result<HttpResponse, ApiError> {
    let provider = state.oidc.as_ref().ok_or(ApiError::NotFound)?;
    let cookie = state_cookie(&req);
    let result = match (&query.code, &query.state, &query.error) {
        (Some(code), Some(returned), None) => {
            service::finish(&state, provider, code, returned, cookie.as_deref()).await
        }
        (_, _, Some(_)) => Err(Failure::Refused),
        _ => Err(Failure::State),
    };
    let mut answer = match result {
        Ok(code) => HttpResponse::Found()
            .insert_header(("location", format!("{}/e-legitimation?code={code}", state.settings.public_url)))
            .finish(),
        Err(failure) => to_login_page(&state, failure),
    };
    if let Ok(gone) = format!("{STATE_COOKIE}=; Path=/api/v1/auth/oidc; Max-Age=0; HttpOnly; SameSite=Lax").parse() {
        answer.headers_mut().insert(actix_web::http::header::SET_COOKIE, gone);
    }
    Ok(answer)
}

/// The `state` the browser kept in its cookie, if any.
fn state_cookie(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get_all(actix_web::http::header::COOKIE)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == STATE_COOKIE)
        .map(|(_, value)| value.to_owned())
}

fn to_login_page(state: &AppState, failure: Failure) -> HttpResponse {
    HttpResponse::Found()
        .insert_header(("location", format!("{}/logga-in?error={}", state.settings.public_url, failure.as_str())))
        .finish()
}

/// Exchanges the one-time code of a finished sign-in at the identity provider for a token.
///
/// The code (from `/e-legitimation?code=`) works once, for 60 seconds; else `invalid_token`.
#[utoipa::path(
    tag = "auth",
    operation_id = "oidc_exchange",
    request_body = ExchangeRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 422, description = "`invalid_token`: the code is unknown, used or expired"),
    ),
    security(())
)]
#[post("/auth/oidc/exchange")]
async fn exchange(
    state: web::Data<AppState>,
    body: Body<ExchangeRequest>,
) -> Result<web::Json<TokenResponse>, ApiError> {
    let (request, errors) = body.into_parts();
    Ok(web::Json(service::exchange(&state, request, errors).await?))
}
