//! `GET /health/live` (the process is up) and `GET /health/ready` (the database answers).

use crate::{error::ApiError, state::AppState};
use actix_web::{get, web};
use sea_orm::ConnectionTrait;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(live).service(ready);
}

/// A health answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: String,
}

/// Says whether the process is up.
///
/// For a liveness probe: answers without touching the database.
#[utoipa::path(tag = "health", operation_id = "health_live", responses((status = 200, description = "Up", body = Health)), security(()))]
#[get("/health/live")]
async fn live() -> web::Json<Health> {
    web::Json(Health { status: "ok".into() })
}

/// Says whether the database answers.
///
/// For a readiness probe: 503 while the database cannot be reached.
#[utoipa::path(
    tag = "health",
    operation_id = "health_ready",
    responses((status = 200, description = "Ready", body = Health)),
    security(())
)]
#[get("/health/ready")]
async fn ready(state: web::Data<AppState>) -> Result<web::Json<Health>, ApiError> {
    state.db.execute_unprepared("SELECT 1").await.map_err(|e| ApiError::Unavailable(e.to_string()))?;
    Ok(web::Json(Health { status: "ok".into() }))
}
