//! `/systems` and `/permissions`.

use super::{dto::*, service};
use crate::{auth::Caller, created::created, error::ApiError, extract::Body, pagination::PageParams, state::AppState};
use actix_web::{HttpResponse, get, patch, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_systems)
        .service(get_system)
        .service(create_system)
        .service(update_system)
        .service(list_permissions)
        .service(get_permission)
        .service(create_permission)
        .service(update_permission);
}

/// Lists the systems of the catalogue, by name.
///
/// Readable without a token.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "list_systems",
    params(SystemFilter, PageParams),
    responses((status = 200, description = "A page of systems", body = SystemList)),
    security((), ("bearer" = []))
)]
#[get("/systems")]
async fn list_systems(
    state: web::Data<AppState>,
    filter: web::Query<SystemFilter>,
    page: web::Query<PageParams>,
) -> Result<web::Json<SystemList>, ApiError> {
    Ok(web::Json(service::list_systems(&state.db, &filter, &page).await?.into()))
}

/// Reads one system of the catalogue.
///
/// Readable without a token.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "get_system",
    params(("id" = Uuid, Path, description = "The system's id")),
    responses(
        (status = 200, description = "The system", body = SystemDto),
        (status = 404, description = "No such system"),
    ),
    security((), ("bearer" = []))
)]
#[get("/systems/{id}")]
async fn get_system(state: web::Data<AppState>, id: web::Path<Uuid>) -> Result<web::Json<SystemDto>, ApiError> {
    Ok(web::Json(service::get_system(&state.db, id.into_inner()).await?))
}

/// Adds a system to the catalogue (support).
///
/// Its required fields and allowed values shape every order of its permissions.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "create_system",
    request_body = CreateSystem,
    responses(
        (status = 201, description = "Created", body = SystemDto,
            headers(("Location" = String, description = "The system: `/api/v1/systems/{id}`"))),
        (status = 403, description = "Support only"),
        (status = 409, description = "The name is taken"),
    ),
    security(("bearer" = []))
)]
#[post("/systems")]
async fn create_system(
    state: web::Data<AppState>,
    caller: Caller,
    body: Body<CreateSystem>,
) -> Result<HttpResponse, ApiError> {
    let (req, errors) = body.into_parts();
    let system = service::create_system(&state.db, &caller, req, errors).await?;
    Ok(created(format!("systems/{}", system.id), &system))
}

/// Changes a system (support).
///
/// Name, description, required fields, allowed values and `active`.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "update_system",
    params(("id" = Uuid, Path, description = "The system's id")),
    request_body = UpdateSystem,
    responses(
        (status = 200, description = "Changed", body = SystemDto),
        (status = 403, description = "Support only"),
        (status = 404, description = "No such system"),
        (status = 409, description = "The name is taken"),
    ),
    security(("bearer" = []))
)]
#[patch("/systems/{id}")]
async fn update_system(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Body<UpdateSystem>,
) -> Result<web::Json<SystemDto>, ApiError> {
    let (req, errors) = body.into_parts();
    Ok(web::Json(service::update_system(&state.db, &caller, id.into_inner(), req, errors).await?))
}

/// Lists the permissions of the catalogue, by name.
///
/// Filter by `system_id`. Readable without a token.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "list_permissions",
    params(PermissionFilter, PageParams),
    responses((status = 200, description = "A page of permissions", body = PermissionList)),
    security((), ("bearer" = []))
)]
#[get("/permissions")]
async fn list_permissions(
    state: web::Data<AppState>,
    filter: web::Query<PermissionFilter>,
    page: web::Query<PageParams>,
) -> Result<web::Json<PermissionList>, ApiError> {
    Ok(web::Json(service::list_permissions(&state.db, &filter, &page).await?.into()))
}

/// Reads one permission of the catalogue.
///
/// Readable without a token.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "get_permission",
    params(("id" = Uuid, Path, description = "The permission's id")),
    responses(
        (status = 200, description = "The permission", body = PermissionDto),
        (status = 404, description = "No such permission"),
    ),
    security((), ("bearer" = []))
)]
#[get("/permissions/{id}")]
async fn get_permission(state: web::Data<AppState>, id: web::Path<Uuid>) -> Result<web::Json<PermissionDto>, ApiError> {
    Ok(web::Json(service::get_permission(&state.db, id.into_inner()).await?))
}

/// Adds a permission to a system (support).
///
/// Orders name it by `permission_id`.
#[utoipa::path(
    tag = "catalogue",
    operation_id = "create_permission",
    request_body = CreatePermission,
    responses(
        (status = 201, description = "Created", body = PermissionDto,
            headers(("Location" = String, description = "The permission: `/api/v1/permissions/{id}`"))),
        (status = 403, description = "Support only"),
        (status = 409, description = "The system already has a permission by that name"),
    ),
    security(("bearer" = []))
)]
#[post("/permissions")]
async fn create_permission(
    state: web::Data<AppState>,
    caller: Caller,
    body: Body<CreatePermission>,
) -> Result<HttpResponse, ApiError> {
    let (req, errors) = body.into_parts();
    let permission = service::create_permission(&state.db, &caller, req, errors).await?;
    Ok(created(format!("permissions/{}", permission.id), &permission))
}

/// Changes a permission (support).
///
/// Name, description and `active` (an inactive permission cannot be ordered).
#[utoipa::path(
    tag = "catalogue",
    operation_id = "update_permission",
    params(("id" = Uuid, Path, description = "The permission's id")),
    request_body = UpdatePermission,
    responses(
        (status = 200, description = "Changed", body = PermissionDto),
        (status = 403, description = "Support only"),
        (status = 404, description = "No such permission"),
        (status = 409, description = "The system already has a permission by that name"),
    ),
    security(("bearer" = []))
)]
#[patch("/permissions/{id}")]
async fn update_permission(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Body<UpdatePermission>,
) -> Result<web::Json<PermissionDto>, ApiError> {
    let (req, errors) = body.into_parts();
    Ok(web::Json(service::update_permission(&state.db, &caller, id.into_inner(), req, errors).await?))
}
