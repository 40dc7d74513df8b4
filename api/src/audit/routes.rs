//! `GET /audit`.

use super::{dto::*, service};
use crate::{auth::Caller, error::ApiError, pagination::PageParams, state::AppState};
use actix_web::{get, web};
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_audit);
}

/// Reads the audit log, newest first (support).
///
/// Every grant, revocation and request of ordering rights, every expert-user change, every write by
/// support, API tokens issued and revoked, and every read of a detail that shows a personal identity
/// number whole (`order.read`, `holding.read`), with who, what, when and the provider.
#[utoipa::path(
    tag = "audit",
    operation_id = "list_audit",
    params(AuditFilter, PageParams),
    responses(
        (status = 200, description = "A page of the audit log", body = AuditList),
        (status = 403, description = "Support only"),
    ),
    security(("bearer" = []))
)]
#[get("/audit")]
async fn list_audit(
    state: web::Data<AppState>,
    caller: Caller,
    filter: web::Query<AuditFilter>,
    page: web::Query<PageParams>,
) -> Result<web::Json<AuditList>, ApiError> {
    Ok(web::Json(service::list(&state.db, &caller, &filter, &page).await?))
}
