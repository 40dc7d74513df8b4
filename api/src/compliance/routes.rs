//! `GET /compliance`.

use super::{dto::*, service};
use crate::{auth::Caller, error::ApiError, state::AppState};
use actix_web::{get, web};
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_compliance);
}

/// Checks each provider's orderers and expert users against the rules.
///
/// One row per provider with the issues found. Support and IT see every active provider; an orderer
/// the providers it orders for. Unpaginated.
#[utoipa::path(
    tag = "compliance",
    operation_id = "list_compliance",
    params(ComplianceFilter),
    responses(
        (status = 200, description = "One row per visible provider", body = ComplianceList),
        (status = 403, description = "Neither support, IT nor an orderer"),
        (status = 404, description = "The provider asked for is not visible"),
    ),
    security(("bearer" = []))
)]
#[get("/compliance")]
async fn list_compliance(
    state: web::Data<AppState>,
    caller: Caller,
    filter: web::Query<ComplianceFilter>,
) -> Result<web::Json<ComplianceList>, ApiError> {
    Ok(web::Json(
        service::list(&state.db, &caller, &filter, crate::compliance::service::Policy::of(&state.settings)).await?,
    ))
}
