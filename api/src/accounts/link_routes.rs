//! `POST /auth/activate`, `POST /auth/password-reset`, `POST /auth/password-reset/confirm` (no
//! token: the link is the credential) and `POST /accounts/{id}/invite` (support).

use super::{
    dto::{PasswordResetRequest, SetPasswordWithToken},
    invitations,
};
use crate::{
    auth::{Caller, dto::TokenResponse, links::Purpose},
    error::ApiError,
    extract::Body,
    state::AppState,
};
use actix_web::{HttpResponse, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(activate).service(request_password_reset).service(confirm_password_reset).service(invite);
}

/// Activates an invited account: the person chooses their password with the token of the link.
///
/// The link is single use and valid for `SESAM_INVITE_TTL`; a token that is unknown, used or expired
/// is `invalid_token`. Every other link and session of the account ends; the answer signs them in.
#[utoipa::path(
    tag = "auth",
    operation_id = "activate_account",
    request_body = SetPasswordWithToken,
    responses(
        (status = 200, description = "The password is set; a token for the account", body = TokenResponse),
        (status = 422, description = "`invalid_token`, or a `weak_password` (under 12 characters, the email, or a common password)"),
    ),
    security(())
)]
#[post("/auth/activate")]
async fn activate(
    state: web::Data<AppState>,
    body: Body<SetPasswordWithToken>,
) -> Result<web::Json<TokenResponse>, ApiError> {
    let (request, errors) = body.into_parts();
    Ok(web::Json(invitations::set_password_with_token(&state, Purpose::Activation, request, errors).await?))
}

/// Asks for a password-reset link by email.
///
/// The answer is the same, and as quick, whether or not the address has an active account: the
/// link (valid one hour, single use) goes out only when it has.
#[utoipa::path(
    tag = "auth",
    operation_id = "request_password_reset",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the address has an active account, a link is on its way"),
        (status = 422, description = "No email given"),
    ),
    security(())
)]
#[post("/auth/password-reset")]
async fn request_password_reset(
    state: web::Data<AppState>,
    body: Body<PasswordResetRequest>,
) -> Result<HttpResponse, ApiError> {
    let (request, errors) = body.into_parts();
    invitations::request_reset(&state, request, errors).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Sets a new password with the token of a reset link.
///
/// A token that is unknown, used or expired is `invalid_token`. Every other link and session of the
/// account ends; the answer signs the person in.
#[utoipa::path(
    tag = "auth",
    operation_id = "confirm_password_reset",
    request_body = SetPasswordWithToken,
    responses(
        (status = 200, description = "The password is set; a token for the account", body = TokenResponse),
        (status = 422, description = "`invalid_token`, or a `weak_password`"),
    ),
    security(())
)]
#[post("/auth/password-reset/confirm")]
async fn confirm_password_reset(
    state: web::Data<AppState>,
    body: Body<SetPasswordWithToken>,
) -> Result<web::Json<TokenResponse>, ApiError> {
    let (request, errors) = body.into_parts();
    Ok(web::Json(invitations::set_password_with_token(&state, Purpose::Reset, request, errors).await?))
}

/// Sends the account a new activation link (support); earlier links stop working.
///
/// For a person whose invitation expired or got lost. The account's password, if it has one, stays
/// until the new link is used.
#[utoipa::path(
    tag = "accounts",
    operation_id = "invite_account",
    params(("id" = Uuid, Path, description = "The account's id")),
    responses(
        (status = 202, description = "A new link is on its way to the account's email"),
        (status = 403, description = "Support only"),
        (status = 404, description = "No such account"),
        (status = 409, description = "The account is deactivated (`account_inactive`)"),
    ),
    security(("bearer" = []))
)]
#[post("/accounts/{id}/invite")]
async fn invite(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> Result<HttpResponse, ApiError> {
    invitations::invite(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::Accepted().finish())
}
