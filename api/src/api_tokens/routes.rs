//! `/accounts/{id}/api-tokens` and `/api-tokens/{id}`.

use super::{dto::*, service};
use crate::{auth::Caller, created::created, error::ApiError, extract::Body, pagination::PageParams, state::AppState};
use actix_web::{HttpResponse, delete, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_api_token).service(list_api_tokens).service(revoke_api_token);
}

/// Issues an API token for an account (support, logged in).
///
/// A script sends it as `Authorization: Bearer sesam_pat_…` and acts as that account, with no password.
/// The token is in this answer only; Sesam keeps nothing but its SHA-256.
#[utoipa::path(
    tag = "api-tokens",
    operation_id = "create_api_token",
    params(("id" = Uuid, Path, description = "The account the token acts as")),
    request_body = CreateApiToken,
    responses(
        (status = 201, description = "Issued; `token` is shown this once", body = CreatedApiToken,
            headers(("Location" = String, description = "The token: `/api/v1/api-tokens/{id}`"))),
        (status = 403, description = "Support only, and not with an API token"),
        (status = 404, description = "No such account"),
    ),
    security(("bearer" = []))
)]
#[post("/accounts/{id}/api-tokens")]
async fn create_api_token(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Body<CreateApiToken>,
) -> Result<HttpResponse, ApiError> {
    let (req, errors) = body.into_parts();
    let token = service::create(&state, &caller, id.into_inner(), req, errors).await?;
    Ok(created(format!("api-tokens/{}", token.api_token.id), &token))
}

/// Lists an account's API tokens, oldest first, without their secrets.
///
/// Support, logged in with a password (not with an API token).
#[utoipa::path(
    tag = "api-tokens",
    operation_id = "list_api_tokens",
    params(("id" = Uuid, Path, description = "The account's id"), PageParams),
    responses(
        (status = 200, description = "A page of tokens, revoked and expired ones included", body = ApiTokenList),
        (status = 403, description = "Support only, and not with an API token"),
        (status = 404, description = "No such account"),
    ),
    security(("bearer" = []))
)]
#[get("/accounts/{id}/api-tokens")]
async fn list_api_tokens(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<web::Json<ApiTokenList>, ApiError> {
    Ok(web::Json(service::list(&state, &caller, id.into_inner(), &page).await?))
}

/// Revokes an API token: it stops working at once.
///
/// Support, logged in with a password (not with an API token).
#[utoipa::path(
    tag = "api-tokens",
    operation_id = "revoke_api_token",
    params(("id" = Uuid, Path, description = "The token's id")),
    responses(
        (status = 204, description = "Revoked (or it already was)"),
        (status = 403, description = "Support only, and not with an API token"),
        (status = 404, description = "No such token"),
    ),
    security(("bearer" = []))
)]
#[delete("/api-tokens/{id}")]
async fn revoke_api_token(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    service::revoke(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}
