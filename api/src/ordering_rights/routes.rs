//! `/providers/{id}/ordering-rights`, `/ordering-rights/{id}`.

use super::{dto::*, requests, service};
use crate::{auth::Caller, created::created, error::ApiError, extract::Body, pagination::PageParams, state::AppState};
use actix_web::{HttpResponse, delete, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_ordering_rights)
        .service(grant_ordering_right)
        .service(revoke_ordering_right)
        .service(ask_for_ordering_right)
        .service(list_ordering_right_requests)
        .service(grant_ordering_right_request)
        .service(decline_ordering_right_request);
}

/// Lists a provider's ordering rights, with its compliance.
///
/// Active ones; `active=false` lists the ended ones, with who ended them and when.
#[utoipa::path(
    tag = "ordering-rights",
    operation_id = "list_ordering_rights",
    params(("id" = Uuid, Path, description = "The provider's id"), RightsFilter),
    responses(
        (status = 200, description = "The active rights (or, with `active=false`, the ended ones)", body = OrderingRightList),
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
    filter: web::Query<RightsFilter>,
) -> Result<web::Json<OrderingRightList>, ApiError> {
    Ok(web::Json(service::list(&state, &caller, id.into_inner(), &filter).await?))
}

/// Grants an ordering right to an active account of the provider.
///
/// Support for any provider, an orderer for its own (never to itself).
#[utoipa::path(
    tag = "ordering-rights",
    operation_id = "grant_ordering_right",
    params(("id" = Uuid, Path, description = "The provider's id")),
    request_body = GrantOrderingRight,
    responses(
        (status = 201, description = "Granted", body = OrderingRightAnswer,
            headers(("Location" = String, description = "The right: `/api/v1/ordering-rights/{id}`"))),
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
    let granted = service::grant(&state, &caller, id.into_inner(), req, errors).await?;
    Ok(created(format!("ordering-rights/{}", granted.right.id), &granted))
}

/// Revokes an ordering right.
///
/// Answers the provider's compliance row and `warnings`; the last orderer's right is refused (`last_orderer`).
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

/// Asks for an ordering right (an account of the provider that holds none).
///
/// The provider's orderers are notified (`ordering_right_requested`), or support when the provider
/// has no orderer.
#[utoipa::path(
    tag = "ordering-rights",
    operation_id = "ask_for_ordering_right",
    params(("id" = Uuid, Path, description = "The provider's id")),
    request_body(content = Option<CreateOrderingRightRequest>, description = "Optional: a message for those who decide"),
    responses(
        (status = 201, description = "Asked; the deciders are notified", body = OrderingRightRequestDto,
            headers(("Location" = String, description = "The request: `/api/v1/ordering-right-requests/{id}`"))),
        (status = 403, description = "Not an account of the provider, or already an orderer of it"),
        (status = 404, description = "Unknown provider, or not visible to the caller"),
        (status = 409, description = "The caller already has an unanswered request for this provider (`already_requested`)"),
    ),
    security(("bearer" = []))
)]
#[post("/providers/{id}/ordering-right-requests")]
async fn ask_for_ordering_right(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Body<CreateOrderingRightRequest>,
) -> Result<HttpResponse, ApiError> {
    let (req, errors) = body.into_parts();
    let request = requests::ask(&state, &caller, id.into_inner(), req, errors).await?;
    Ok(created(format!("ordering-right-requests/{}", request.id), &request))
}

/// Lists the provider's requests for ordering rights, newest first.
///
/// Its orderers and support.
#[utoipa::path(
    tag = "ordering-rights",
    operation_id = "list_ordering_right_requests",
    params(("id" = Uuid, Path, description = "The provider's id"), RequestFilter, PageParams),
    responses(
        (status = 200, description = "A page of requests", body = OrderingRightRequestList),
        (status = 403, description = "Neither support nor an orderer of the provider"),
        (status = 404, description = "Unknown provider, or not visible to the caller"),
    ),
    security(("bearer" = []))
)]
#[get("/providers/{id}/ordering-right-requests")]
async fn list_ordering_right_requests(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    filter: web::Query<RequestFilter>,
    page: web::Query<PageParams>,
) -> Result<web::Json<OrderingRightRequestList>, ApiError> {
    Ok(web::Json(requests::list(&state.db, &caller, id.into_inner(), &filter, &page).await?))
}

/// Grants the ordering right a request asks for.
///
/// The same rules as granting directly; the asker is notified (`ordering_right_granted`).
#[utoipa::path(
    tag = "ordering-rights",
    operation_id = "grant_ordering_right_request",
    params(("id" = Uuid, Path, description = "The request's id")),
    responses(
        (status = 200, description = "Granted: the request, the new right and the provider's compliance", body = GrantedRequestAnswer),
        (status = 403, description = "Neither support nor an orderer of the provider"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "Already answered (`already_decided`), the asker already holds a right (`already_granted`), or is no longer an active account of the provider (`account_not_in_provider`)"),
    ),
    security(("bearer" = []))
)]
#[post("/ordering-right-requests/{id}/grant")]
async fn grant_ordering_right_request(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<web::Json<GrantedRequestAnswer>, ApiError> {
    Ok(web::Json(requests::grant(&state, &caller, id.into_inner()).await?))
}

/// Declines a request for an ordering right, with an optional reason.
///
/// The asker is notified (`ordering_right_declined`). The body may be left out.
#[utoipa::path(
    tag = "ordering-rights",
    operation_id = "decline_ordering_right_request",
    params(("id" = Uuid, Path, description = "The request's id")),
    request_body(content = Option<DeclineOrderingRightRequest>, description = "Optional: why it is declined"),
    responses(
        (status = 200, description = "Declined", body = OrderingRightRequestDto),
        (status = 403, description = "Neither support nor an orderer of the provider"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "Already answered (`already_decided`)"),
    ),
    security(("bearer" = []))
)]
#[post("/ordering-right-requests/{id}/decline")]
async fn decline_ordering_right_request(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Body<DeclineOrderingRightRequest>,
) -> Result<web::Json<OrderingRightRequestDto>, ApiError> {
    let (req, errors) = body.into_parts();
    Ok(web::Json(requests::decline(&state, &caller, id.into_inner(), req, errors).await?))
}
