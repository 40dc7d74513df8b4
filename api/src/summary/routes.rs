//! `GET /me/summary`.

use super::{dto::Summary, service};
use crate::{auth::Caller, error::ApiError, state::AppState};
use actix_web::{get, web};
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(my_summary);
}

/// What the caller has to do now, as counts per role.
///
/// Orderers: drafts (and those IT returned with a question), orders at IT, end dates near,
/// requests for an ordering right, open reviews. IT: the queue with its oldest waiting time, the
/// orders it has taken. Support: providers with compliance issues, overdue reviews, requests for a
/// right. Every field is present; 0 (or null) where it does not apply.
#[utoipa::path(
    tag = "auth",
    operation_id = "my_summary",
    responses(
        (status = 200, description = "The caller's counts", body = Summary),
        (status = 401, description = "No or bad token (`unauthorized`)"),
    ),
    security(("bearer" = []))
)]
#[get("/me/summary")]
async fn my_summary(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<Summary>, ApiError> {
    let settings = service::Settings {
        notice_days: state.settings.expiry_notice_days,
        compliance: crate::compliance::service::Policy::of(&state.settings),
    };
    Ok(web::Json(service::summary(&state.db, &caller, settings).await?))
}
