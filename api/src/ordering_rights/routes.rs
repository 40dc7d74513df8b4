//! `/providers/{id}/ordering-rights`, `/ordering-rights/{id}`.

use super::{dto::*, service};
use crate::{auth::Caller, error::ApiError, extract::Body, state::AppState};
use actix_web::{HttpResponse, delete, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_ordering_rights).service(grant_ordering_right).service(revoke_ordering_right);
}

/// A provider's active ordering rights, with its compliance.
#[utoipa::path(
    tag = "ordering-rights",
    operation_id = "list_ordering_rights",
    params(("id" = Uuid, Path, description = "The provider's id")),
    responses(
        (status = 200, description = "The active rights", body = OrderingRightList),
        (status = 403, description = "An account of the provider without an ordering right"),
        (status = 404, description = "Unknown provider, or not visible to the caller"),
    ),
    security(("bearer" = []))
)]
#[get("/providers/{id}/ordering-rights")]
async fn list_ordering_rights(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<web::Json<OrderingRightList>, ApiError> {
    Ok(web::Json(service::list(&state, &caller, id.into_inner()).await?))
}

/// Grants an ordering right to an active account of the provider: support for any provider,
/// an orderer for its own (never to itself).
#[utoipa::path(
    tag = "ordering-rights",
    operation_id = "grant_ordering_right",
    params(("id" = Uuid, Path, description = "The provider's id")),
    request_body = GrantOrderingRight,
    responses(
        (status = 201, description = "Granted", body = OrderingRightAnswer),
        (status = 403, description = "Not an orderer of the provider, or granting to oneself (`self_grant_forbidden`)"),
        (status = 404, description = "Unknown provider, or not visible to the caller"),
        (status = 409, description = "The account already holds an active right (`already_granted`)"),
        (status = 422, description = "Not an active account of the provider (`account_not_in_provider`)"),
    ),
    security(("bearer" = []))
)]
#[post("/providers/{id}/ordering-rights")]
async fn grant_ordering_right(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Body<GrantOrderingRight>,
) -> Result<HttpResponse, ApiError> {
    let (req, errors) = body.into_parts();
    Ok(HttpResponse::Created().json(service::grant(&state, &caller, id.into_inner(), req, errors).await?))
}

/// Revokes an ordering right; answers the provider's compliance and warnings.
#[utoipa::path(
    tag = "ordering-rights",
    operation_id = "revoke_ordering_right",
    params(("id" = Uuid, Path, description = "The ordering right's id")),
    responses(
        (status = 200, description = "Revoked", body = OrderingRightAnswer),
        (status = 403, description = "Not support nor an orderer of the provider"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "The provider's last right (`last_orderer`, orderers only), or already revoked"),
    ),
    security(("bearer" = []))
)]
#[delete("/ordering-rights/{id}")]
async fn revoke_ordering_right(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<web::Json<OrderingRightAnswer>, ApiError> {
    Ok(web::Json(service::revoke(&state, &caller, id.into_inner()).await?))
}
