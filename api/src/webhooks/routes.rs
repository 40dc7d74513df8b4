//! `/webhooks`, `/webhooks/{id}`, `/webhooks/{id}/rotate-secret`, `/test` and `/deliveries` (support).

use super::{dto::*, service};
use crate::{auth::Caller, created::created, error::ApiError, extract::Body, pagination::PageParams, state::AppState};
use actix_web::{HttpResponse, delete, get, patch, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_webhook)
        .service(list_webhooks)
        .service(get_webhook)
        .service(update_webhook)
        .service(delete_webhook)
        .service(rotate_webhook_secret)
        .service(test_webhook)
        .service(list_webhook_deliveries);
}

/// Registers a webhook endpoint (support); its signing secret is in this answer only.
///
/// Events are delivered as Standard Webhooks 1.0: `POST` of `{"type","timestamp","data"}` with
/// `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,` + base64 HMAC-SHA256 over
/// `{id}.{timestamp}.{body}` keyed with the secret's decoded bytes). URLs must be `https`; private,
/// loopback and link-local addresses are refused (`url_not_allowed`) unless the host is named in
/// `SESAM_WEBHOOK_ALLOW_HTTP`.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "create_webhook",
    request_body = CreateWebhook,
    responses(
        (status = 201, description = "Registered; `secret` is shown this once", body = WebhookWithSecret,
            headers(("Location" = String, description = "The endpoint: `/api/v1/webhooks/{id}`"))),
        (status = 403, description = "Support only (`forbidden`)"),
        (status = 422, description = "`required`, `url_not_allowed`, `value_not_allowed` (an unknown event), \
            `invalid_length` (no event), `unknown_field`"),
    ),
    security(("bearer" = []))
)]
#[post("/webhooks")]
async fn create_webhook(
    state: web::Data<AppState>,
    caller: Caller,
    body: Body<CreateWebhook>,
) -> Result<HttpResponse, ApiError> {
    let (req, errors) = body.into_parts();
    let made = service::create(&state, &caller, req, errors).await?;
    Ok(created(format!("webhooks/{}", made.webhook.id), &made))
}

/// Lists the webhook endpoints, oldest first (support).
///
/// Without their secrets; `failing_since` shows an endpoint whose deliveries fail.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "list_webhooks",
    params(PageParams),
    responses(
        (status = 200, description = "A page of endpoints", body = WebhookList),
        (status = 403, description = "Support only (`forbidden`)"),
    ),
    security(("bearer" = []))
)]
#[get("/webhooks")]
async fn list_webhooks(
    state: web::Data<AppState>,
    caller: Caller,
    page: web::Query<PageParams>,
) -> Result<web::Json<WebhookList>, ApiError> {
    Ok(web::Json(service::list(&state, &caller, &page).await?))
}

/// Reads one webhook endpoint (support).
///
/// Without its secret; rotate it to get a new one.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "get_webhook",
    params(("id" = Uuid, Path, description = "The endpoint's id")),
    responses(
        (status = 200, description = "The endpoint", body = WebhookDto),
        (status = 404, description = "Unknown, or the caller is not support"),
    ),
    security(("bearer" = []))
)]
#[get("/webhooks/{id}")]
async fn get_webhook(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<web::Json<WebhookDto>, ApiError> {
    Ok(web::Json(service::get(&state, &caller, id.into_inner()).await?))
}

/// Changes a webhook endpoint (support): URL, events, description, `active`.
///
/// `active: true` turns an endpoint that was turned off (by support, or after 24 hours of failures)
/// on again and clears its failure record.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "update_webhook",
    params(("id" = Uuid, Path, description = "The endpoint's id")),
    request_body = UpdateWebhook,
    responses(
        (status = 200, description = "Changed", body = WebhookDto),
        (status = 404, description = "Unknown, or the caller is not support"),
        (status = 422, description = "`url_not_allowed`, `value_not_allowed`, `invalid_length`, `unknown_field`"),
    ),
    security(("bearer" = []))
)]
#[patch("/webhooks/{id}")]
async fn update_webhook(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Body<UpdateWebhook>,
) -> Result<web::Json<WebhookDto>, ApiError> {
    let (req, errors) = body.into_parts();
    Ok(web::Json(service::update(&state, &caller, id.into_inner(), req, errors).await?))
}

/// Removes a webhook endpoint (support), with its waiting messages and delivery history.
///
/// Nothing more is sent to it.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "delete_webhook",
    params(("id" = Uuid, Path, description = "The endpoint's id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "Unknown, or the caller is not support"),
    ),
    security(("bearer" = []))
)]
#[delete("/webhooks/{id}")]
async fn delete_webhook(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    service::delete(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Gives a webhook endpoint a new signing secret (support), shown this once.
///
/// Every later delivery, retries of earlier messages included, is signed with the new secret only.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "rotate_webhook_secret",
    params(("id" = Uuid, Path, description = "The endpoint's id")),
    responses(
        (status = 200, description = "The endpoint with its new `secret`", body = WebhookWithSecret),
        (status = 404, description = "Unknown, or the caller is not support"),
    ),
    security(("bearer" = []))
)]
#[post("/webhooks/{id}/rotate-secret")]
async fn rotate_webhook_secret(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<web::Json<WebhookWithSecret>, ApiError> {
    Ok(web::Json(service::rotate_secret(&state, &caller, id.into_inner()).await?))
}

/// Sends a `webhook.test` event to the endpoint (support).
///
/// Queued like any event and delivered in the background; its attempts appear in the deliveries.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "test_webhook",
    params(("id" = Uuid, Path, description = "The endpoint's id")),
    responses(
        (status = 202, description = "Queued", body = TestQueued),
        (status = 404, description = "Unknown, or the caller is not support"),
    ),
    security(("bearer" = []))
)]
#[post("/webhooks/{id}/test")]
async fn test_webhook(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Accepted().json(service::test(&state, &caller, id.into_inner()).await?))
}

/// Lists the attempts to deliver to a webhook endpoint, newest first (support).
///
/// Each with its event, `webhook-id`, the receiver's status or the error, and the time.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "list_webhook_deliveries",
    params(("id" = Uuid, Path, description = "The endpoint's id"), PageParams),
    responses(
        (status = 200, description = "A page of attempts", body = DeliveryList),
        (status = 404, description = "Unknown, or the caller is not support"),
    ),
    security(("bearer" = []))
)]
#[get("/webhooks/{id}/deliveries")]
async fn list_webhook_deliveries(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<web::Json<DeliveryList>, ApiError> {
    Ok(web::Json(service::deliveries(&state, &caller, id.into_inner(), &page).await?))
}
