//! `POST /auth/login`, `GET /me`, `POST /me/password`.

use super::{
    Caller,
    dto::{ChangePasswordRequest, LoginRequest, Me, TokenResponse},
    service,
};
use crate::{error::ApiError, extract::Body, state::AppState};
use actix_web::{HttpRequest, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(login).service(me).service(change_password);
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

/// The caller's own account, roles and ordering rights.
#[utoipa::path(
    tag = "auth",
    operation_id = "get_me",
    responses((status = 200, description = "The caller", body = Me)),
    security(("bearer" = []))
)]
#[get("/me")]
async fn me(caller: Caller) -> web::Json<Me> {
    web::Json(service::me(&caller))
}

/// Changes the caller's own password; every earlier token stops working, and a new one is returned.
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

/// The client's address: the peer, or the proxy's `X-Forwarded-For` when configured to trust it.
pub fn client_address(req: &HttpRequest, trust_forwarded_for: bool) -> String {
    if trust_forwarded_for && let Some(ip) = req.connection_info().realip_remote_addr() {
        return ip.to_owned();
    }
    req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_else(|| "unknown".into())
}
