//! `POST /auth/login`, `/auth/refresh`, `/auth/logout-all`, `GET /me`, `POST /me/password`.

use super::{
    Caller,
    dto::{ChangePasswordRequest, LoginRequest, Me, TokenResponse},
    service,
};
use crate::{error::ApiError, extract::Body, state::AppState};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(login).service(refresh).service(logout_all).service(me).service(change_password);
}

/// Logs in with email and password.
///
/// After 10 failed attempts for one account within 15 minutes, or 50 from one client address,
/// further attempts answer 429 with `Retry-After`.
#[utoipa::path(
    tag = "auth",
    operation_id = "login",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenResponse),
        (status = 401, description = "Wrong email or password, or a deactivated account"),
        (status = 403, description = "`password_login_disabled`: sign in through the identity provider (`SESAM_PASSWORD_LOGIN=off`)"),
        (status = 429, description = "Too many failed attempts; see `Retry-After`"),
    ),
    security(())
)]
#[post("/auth/login")]
async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Body<LoginRequest>,
) -> Result<web::Json<TokenResponse>, ApiError> {
    let client = client_address(&req, state.settings.trust_forwarded_for);
    let (request, errors) = body.into_parts();
    Ok(web::Json(service::login(&state, request, errors, &client).await?))
}

/// Exchanges a valid token for a fresh one of the same account and session generation.
///
/// Send the current token in `Authorization`; no body. The fresh token lives the full
/// `expires_in` from now, so a person who is still working need not sign in again (rule 18).
#[utoipa::path(
    tag = "auth",
    operation_id = "refresh_token",
    responses(
        (status = 200, description = "A fresh token", body = TokenResponse),
        (status = 403, description = "Called with an API token: only a signed-in person's session is refreshed"),
    ),
    security(("bearer" = []))
)]
#[post("/auth/refresh")]
async fn refresh(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<TokenResponse>, ApiError> {
    Ok(web::Json(service::refresh(&state, &caller)?))
}

/// Signs the caller's account out everywhere: every access token issued so far stops working.
///
/// API tokens are not sessions and are kept; support revokes them separately.
#[utoipa::path(
    tag = "auth",
    operation_id = "logout_all",
    responses(
        (status = 204, description = "Every session of the account has ended, this one included"),
        (status = 403, description = "Called with an API token: only a signed-in person ends their sessions"),
    ),
    security(("bearer" = []))
)]
#[post("/auth/logout-all")]
async fn logout_all(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    service::logout_all(&state, &caller).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Reads the caller's own account.
///
/// Its roles, ordering rights, and the requests for one that wait for an answer.
#[utoipa::path(
    tag = "auth",
    operation_id = "get_me",
    responses((status = 200, description = "The caller", body = Me)),
    security(("bearer" = []))
)]
#[get("/me")]
async fn me(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<Me>, ApiError> {
    Ok(web::Json(service::me(&state.db, &caller).await?))
}

/// Changes the caller's own password.
///
/// Every earlier token of the account stops working, and a new one is returned.
#[utoipa::path(
    tag = "auth",
    operation_id = "change_my_password",
    request_body = ChangePasswordRequest,
    responses(
        (status = 200, description = "Changed; a fresh token", body = TokenResponse),
        (status = 403, description = "Called with an API token: only a person who logged in changes a password"),
        (status = 422, description = "Wrong current password, or a new one that is too short"),
    ),
    security(("bearer" = []))
)]
#[post("/me/password")]
async fn change_password(
    state: web::Data<AppState>,
    caller: Caller,
    body: Body<ChangePasswordRequest>,
) -> Result<web::Json<TokenResponse>, ApiError> {
    let (request, errors) = body.into_parts();
    Ok(web::Json(service::change_password(&state, &caller, request, errors).await?))
}

/// The client's address: the peer, or — behind a trusted proxy — the address that proxy saw.
///
/// That is the **last** entry of `X-Forwarded-For`: a proxy appends the address it was reached from
/// (nginx's `$proxy_add_x_forwarded_for`), while everything before it came from the client and could
/// be made up to dodge the per-client throttle. `Forwarded` is ignored for the same reason.
pub fn client_address(req: &HttpRequest, trust_forwarded_for: bool) -> String {
    if trust_forwarded_for && let Some(ip) = last_forwarded_for(req) {
        return ip.to_string();
    }
    req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

fn last_forwarded_for(req: &HttpRequest) -> Option<std::net::IpAddr> {
    let last = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .rfind(|v| !v.is_empty())?;
    last.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::client_address;
    use actix_web::test::TestRequest;

    #[test]
    fn behind_a_trusted_proxy_the_last_forwarded_address_counts() {
        let peer: std::net::SocketAddr = "10.0.0.2:5000".parse().expect("addr");
        let req = TestRequest::default()
            .peer_addr(peer)
            .insert_header(("x-forwarded-for", "6.6.6.6, 203.0.113.7"))
            .insert_header(("forwarded", "for=7.7.7.7"))
            .to_http_request();
        assert_eq!(client_address(&req, true), "203.0.113.7");
        assert_eq!(client_address(&req, false), "10.0.0.2");
        let spoofed =
            TestRequest::default().peer_addr(peer).insert_header(("x-forwarded-for", "not-an-ip")).to_http_request();
        assert_eq!(client_address(&spoofed, true), "10.0.0.2");
        let none = TestRequest::default().peer_addr(peer).to_http_request();
        assert_eq!(client_address(&none, true), "10.0.0.2");
    }
}
