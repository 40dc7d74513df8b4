//! `GET /me/notifications`, `POST /me/notifications/{id}/read`.

use super::{dto::*, service};
use crate::{auth::Caller, error::ApiError, pagination::PageParams, state::AppState};
use actix_web::{get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_notifications).service(mark_notification_read);
}

/// Lists the caller's notifications, newest first.
///
/// With how many are unread.
#[utoipa::path(
    tag = "notifications",
    operation_id = "list_my_notifications",
    params(NotificationFilter, PageParams),
    responses((status = 200, description = "A page of notifications", body = NotificationList)),
    security(("bearer" = []))
)]
#[get("/me/notifications")]
async fn list_notifications(
    state: web::Data<AppState>,
    caller: Caller,
    filter: web::Query<NotificationFilter>,
    page: web::Query<PageParams>,
) -> Result<web::Json<NotificationList>, ApiError> {
    Ok(web::Json(service::list(&state.db, &caller, &filter, &page).await?))
}

/// Marks one of the caller's notifications as read.
///
/// Another account's notification is 404.
#[utoipa::path(
    tag = "notifications",
    operation_id = "mark_my_notification_read",
    params(("id" = Uuid, Path, description = "The notification's id")),
    responses(
        (status = 200, description = "Marked read", body = NotificationDto),
        (status = 404, description = "Not one of the caller's notifications"),
    ),
    security(("bearer" = []))
)]
#[post("/me/notifications/{id}/read")]
async fn mark_notification_read(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<web::Json<NotificationDto>, ApiError> {
    Ok(web::Json(service::mark_read(&state.db, &caller, id.into_inner()).await?))
}
