//! `/providers`, `/providers/{id}/units`, `/units/{id}`.

use super::{dto::*, service};
use crate::{auth::Caller, created::created, error::ApiError, extract::Body, pagination::PageParams, state::AppState};
use actix_web::{HttpResponse, get, patch, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_providers)
        .service(get_provider)
        .service(create_provider)
        .service(update_provider)
        .service(list_units)
        .service(create_unit)
        .service(update_unit);
}

/// Lists the providers the caller may see, by name.
///
/// All for support and IT; the providers one orders for (or one's own) otherwise.
#[utoipa::path(
    tag = "providers",
    operation_id = "list_providers",
    params(ProviderFilter, PageParams),
    responses((status = 200, description = "A page of providers", body = ProviderList)),
    security(("bearer" = []))
)]
#[get("/providers")]
async fn list_providers(
    state: web::Data<AppState>,
    caller: Caller,
    filter: web::Query<ProviderFilter>,
    page: web::Query<PageParams>,
) -> Result<web::Json<ProviderList>, ApiError> {
    Ok(web::Json(service::list_providers(&state.db, &caller, &filter, &page).await?.into()))
}

/// Reads one provider.
///
/// Others than support and IT see their own providers only (404 otherwise).
#[utoipa::path(
    tag = "providers",
    operation_id = "get_provider",
    params(("id" = Uuid, Path, description = "The provider's id")),
    responses(
        (status = 200, description = "The provider", body = ProviderDto),
        (status = 404, description = "Unknown, or not visible to the caller"),
    ),
    security(("bearer" = []))
)]
#[get("/providers/{id}")]
async fn get_provider(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<web::Json<ProviderDto>, ApiError> {
    Ok(web::Json(service::visible_provider(&state.db, &caller, id.into_inner()).await?.into()))
}

/// Adds a provider (support).
///
/// `org_number` is optional and unique.
#[utoipa::path(
    tag = "providers",
    operation_id = "create_provider",
    request_body = CreateProvider,
    responses(
        (status = 201, description = "Created", body = ProviderDto,
            headers(("Location" = String, description = "The provider: `/api/v1/providers/{id}`"))),
        (status = 403, description = "Support only"),
        (status = 409, description = "The name or organisation number is taken"),
    ),
    security(("bearer" = []))
)]
#[post("/providers")]
async fn create_provider(
    state: web::Data<AppState>,
    caller: Caller,
    body: Body<CreateProvider>,
) -> Result<HttpResponse, ApiError> {
    let (req, errors) = body.into_parts();
    let provider = service::create_provider(&state.db, &caller, req, errors).await?;
    Ok(created(format!("providers/{}", provider.id), &provider))
}

/// Changes a provider (support).
///
/// Name and organisation number.
#[utoipa::path(
    tag = "providers",
    operation_id = "update_provider",
    params(("id" = Uuid, Path, description = "The provider's id")),
    request_body = UpdateProvider,
    responses(
        (status = 200, description = "Changed", body = ProviderDto),
        (status = 403, description = "Support only"),
        (status = 404, description = "No such provider"),
        (status = 409, description = "The name or organisation number is taken"),
    ),
    security(("bearer" = []))
)]
#[patch("/providers/{id}")]
async fn update_provider(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Body<UpdateProvider>,
) -> Result<web::Json<ProviderDto>, ApiError> {
    let (req, errors) = body.into_parts();
    Ok(web::Json(service::update_provider(&state.db, &caller, id.into_inner(), req, errors).await?))
}

/// Lists a provider's units, by name.
///
/// Orders name them by `unit_ids`.
#[utoipa::path(
    tag = "providers",
    operation_id = "list_units",
    params(("id" = Uuid, Path, description = "The provider's id"), UnitFilter, PageParams),
    responses(
        (status = 200, description = "A page of units", body = UnitList),
        (status = 404, description = "Unknown provider, or not visible to the caller"),
    ),
    security(("bearer" = []))
)]
#[get("/providers/{id}/units")]
async fn list_units(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    filter: web::Query<UnitFilter>,
    page: web::Query<PageParams>,
) -> Result<web::Json<UnitList>, ApiError> {
    Ok(web::Json(service::list_units(&state.db, &caller, id.into_inner(), &filter, &page).await?.into()))
}

/// Adds a unit to a provider (support).
///
/// `code` (an HSA-id or cost centre) is optional and unique per provider.
#[utoipa::path(
    tag = "providers",
    operation_id = "create_unit",
    params(("id" = Uuid, Path, description = "The provider's id")),
    request_body = CreateUnit,
    responses(
        (status = 201, description = "Created", body = UnitDto,
            headers(("Location" = String, description = "The unit: `/api/v1/units/{id}`"))),
        (status = 403, description = "Support only"),
        (status = 404, description = "No such provider"),
        (status = 409, description = "The provider already has a unit by that name or code"),
    ),
    security(("bearer" = []))
)]
#[post("/providers/{id}/units")]
async fn create_unit(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Body<CreateUnit>,
) -> Result<HttpResponse, ApiError> {
    let (req, errors) = body.into_parts();
    let unit = service::create_unit(&state.db, &caller, id.into_inner(), req, errors).await?;
    Ok(created(format!("units/{}", unit.id), &unit))
}

/// Changes a unit (support).
///
/// Name, code and `active`.
#[utoipa::path(
    tag = "providers",
    operation_id = "update_unit",
    params(("id" = Uuid, Path, description = "The unit's id")),
    request_body = UpdateUnit,
    responses(
        (status = 200, description = "Changed", body = UnitDto),
        (status = 403, description = "Support only"),
        (status = 404, description = "No such unit"),
        (status = 409, description = "The provider already has a unit by that name or code"),
    ),
    security(("bearer" = []))
)]
#[patch("/units/{id}")]
async fn update_unit(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Body<UpdateUnit>,
) -> Result<web::Json<UnitDto>, ApiError> {
    let (req, errors) = body.into_parts();
    Ok(web::Json(service::update_unit(&state.db, &caller, id.into_inner(), req, errors).await?))
}
