//! `GET /orders/{id}/messages`, `POST /orders/{id}/messages`.

use super::{dto::*, service};
use crate::{auth::Caller, error::ApiError, extract::Body, pagination::PageParams, state::AppState};
use actix_web::{HttpResponse, get, http::header, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_order_messages).service(post_order_message);
}

/// The messages on an order, oldest first.
///
/// Anyone who may read the order reads its conversation: the provider's orderers, IT (orders that
/// are not drafts) and support.
#[utoipa::path(
    tag = "orders",
    operation_id = "list_order_messages",
    params(("id" = Uuid, Path, description = "The order's id"), PageParams),
    responses(
        (status = 200, description = "A page of messages, oldest first", body = OrderMessageList),
        (status = 400, description = "A malformed `limit` or `cursor` (`invalid_query`)"),
        (status = 404, description = "Unknown, or not visible to the caller"),
    ),
    security(("bearer" = []))
)]
#[get("/orders/{id}/messages")]
async fn list_order_messages(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<web::Json<OrderMessageList>, ApiError> {
    Ok(web::Json(service::list(&state.db, &caller, id.into_inner(), &page).await?.into()))
}

/// Writes a message on an order (the provider's orderers and IT).
///
/// Only on an order sent to IT (not a draft). An orderer's message notifies the IT account that
/// took the order, or every IT account while nobody has; IT's message notifies the order's creator
/// and whoever sent it. The event `order.message` is published.
#[utoipa::path(
    tag = "orders",
    operation_id = "post_order_message",
    params(("id" = Uuid, Path, description = "The order's id")),
    request_body = NewOrderMessage,
    responses(
        (status = 201, description = "Written", body = OrderMessageDto,
            headers(("Location" = String, description = "The order's messages"))),
        (status = 400, description = "The body is not JSON (`malformed_json`)"),
        (status = 403, description = "Support reads only (`forbidden`)"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "The order is a draft (`conflict`)"),
        (status = 413, description = "The body is too large (`payload_too_large`)"),
        (status = 415, description = "Not JSON (`unsupported_media_type`)"),
        (status = 422, description = "`body` is missing (`required`), too long (`invalid_length`) or has forbidden \
            characters (`invalid_format`); `unknown_field`"),
    ),
    security(("bearer" = []))
)]
#[post("/orders/{id}/messages")]
async fn post_order_message(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Body<NewOrderMessage>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (b, mut errors) = body.into_parts();
    let text = b.body.take("body", &mut errors);
    let message = service::post(&state.db, &caller, id, text, errors).await?;
    Ok(HttpResponse::Created().insert_header((header::LOCATION, format!("/api/v1/orders/{id}/messages"))).json(message))
}
