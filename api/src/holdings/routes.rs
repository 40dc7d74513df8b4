//! `/holdings`, `/holdings/{id}`, `/holdings/revoke`.

use super::{dto::*, service};
use crate::{
    auth::Caller, created::created, csv, error::ApiError, extract::Body, pagination::PageParams, state::AppState,
};
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    // `/holdings/revoke` and `/export` before `/holdings/{id}`.
    cfg.service(revoke_all_holdings)
        .service(export_holdings)
        .service(list_holdings)
        .service(get_holding)
        .service(update_holding);
}

/// Lists who holds which permission, a page at a time.
///
/// Support and IT see all holdings, an orderer those of the providers it orders for; active ones
/// unless `active=false`. The same list as CSV is `GET /holdings/export` (this operation also answers
/// CSV for `Accept: text/csv`).
#[utoipa::path(
    tag = "holdings",
    operation_id = "list_holdings",
    params(HoldingFilter, PageParams),
    responses(
        (status = 200, description = "A page of holdings (personal numbers masked)", body = HoldingList),
        (status = 403, description = "Neither support, IT nor an orderer (`forbidden`)"),
        (status = 404, description = "`provider_id` names a provider the orderer does not order for"),
        (status = 406, description = "The client accepts neither JSON nor CSV (`not_acceptable`)"),
    ),
    security(("bearer" = []))
)]
#[get("/holdings")]
async fn list_holdings(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    filter: web::Query<HoldingFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    let mut filter = filter.into_inner();
    // "Ending soon" is the same window as the summary's `end_dates_near` and the end-date notices.
    let days = i64::from(state.settings.expiry_notice_days);
    filter.ending_by = Some(chrono::Utc::now().date_naive() + chrono::Duration::days(days));
    match csv::negotiate(&req)? {
        csv::Format::Json => Ok(HttpResponse::Ok().json(service::list(&state.db, &caller, &filter, &page).await?)),
        csv::Format::Csv => {
            Ok(csv::streamed("behorighetsinnehav.csv", service::csv(&state.db, &caller, &filter).await?))
        }
    }
}

/// Exports every matching holding as CSV, personal numbers masked.
///
/// The filters of `GET /holdings`, without paging:
/// `name,personal_number,provider,system,permission,units,since,valid_to` (RFC 4180, UTF-8, CRLF).
/// Who sees what is as for the list.
#[utoipa::path(
    tag = "holdings",
    operation_id = "export_holdings",
    params(HoldingFilter),
    responses(
        (status = 200, description = "Every matching holding as CSV",
            content((String = "text/csv", example = "name,personal_number,provider,system,permission,units,since,valid_to\r\n\
Karin Berg,19121212-****,Omsorg Nord AB,Lifecare,Utförare – dokumentera,Boende Eken; Boende Linden,2026-12-01,2027-06-30\r\n")),
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"behorighetsinnehav.csv\"`"))),
        (status = 403, description = "Neither support, IT nor an orderer (`forbidden`)"),
        (status = 404, description = "`provider_id` names a provider the orderer does not order for"),
    ),
    security(("bearer" = []))
)]
#[get("/holdings/export")]
async fn export_holdings(
    state: web::Data<AppState>,
    caller: Caller,
    filter: web::Query<HoldingFilter>,
) -> Result<HttpResponse, ApiError> {
    Ok(csv::streamed("behorighetsinnehav.csv", service::csv(&state.db, &caller, &filter).await?))
}

/// Reads one holding, with the personal number whole.
///
/// The read is recorded in the audit log (`holding.read`).
#[utoipa::path(
    tag = "holdings",
    operation_id = "get_holding",
    params(("id" = Uuid, Path, description = "The holding's id")),
    responses(
        (status = 200, description = "The holding", body = HoldingDto),
        (status = 404, description = "Unknown, or not visible to the caller"),
    ),
    security(("bearer" = []))
)]
#[get("/holdings/{id}")]
async fn get_holding(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<web::Json<HoldingDto>, ApiError> {
    Ok(web::Json(service::get(&state.db, &caller, id.into_inner()).await?))
}

/// Sets, moves or removes the end date of an active holding (orderers of its provider).
///
/// Recorded in the audit log. The date is the last day the permission is valid; when it has passed,
/// Sesam creates the revoke order and sends it to IT by itself. A new date gets a new notice to the
/// orderers before it.
#[utoipa::path(
    tag = "holdings",
    operation_id = "update_holding",
    params(("id" = Uuid, Path, description = "The holding's id")),
    request_body = UpdateHolding,
    responses(
        (status = 200, description = "Changed", body = HoldingDto),
        (status = 403, description = "Not an orderer of the holding's provider (IT and support read only)"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "The holding has ended (`already_ended`)"),
        (status = 422, description = "`valid_to` missing (`required`; send `null` to remove the end date), not a date \
            (`invalid_format`), or in the past (`value_not_allowed`)"),
    ),
    security(("bearer" = []))
)]
#[patch("/holdings/{id}")]
async fn update_holding(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Body<UpdateHolding>,
) -> Result<web::Json<HoldingDto>, ApiError> {
    let (req, errors) = body.into_parts();
    Ok(web::Json(service::update_valid_to(&state.db, &caller, id.into_inner(), req, errors).await?))
}

/// Revokes everything a person holds at a provider, say when they leave (its orderers).
///
/// One revoke order per active holding, naming all its units, created and sent to IT at once, in one
/// transaction. Holdings already being revoked (a revoke order submitted or in progress) are left
/// out, so the list may be empty and asking again is harmless.
#[utoipa::path(
    tag = "holdings",
    operation_id = "revoke_all_holdings",
    request_body = RevokeAll,
    responses(
        (status = 201, description = "The revoke orders made, each `submitted`", body = RevokeAllAnswer,
            headers(("Location" = String, description = "The orders made, as a list: `/api/v1/orders?kind=revoke&status=submitted&provider_id={provider}`"))),
        (status = 403, description = "No ordering right for the provider (`no_ordering_right`); IT and support do \
            not order (`forbidden`)"),
        (status = 409, description = "A revoke order for one of the holdings is still a draft (`duplicate_open_order`): \
            send or delete it first; nothing was made"),
        (status = 422, description = "Every problem at once: `required`, `invalid_personal_number`, \
            `self_order_forbidden`, `no_active_holdings` (the person holds nothing at the provider), `invalid_length`, \
            `unknown_field`"),
    ),
    security(("bearer" = []))
)]
#[post("/holdings/revoke")]
async fn revoke_all_holdings(
    state: web::Data<AppState>,
    caller: Caller,
    body: Body<RevokeAll>,
) -> Result<HttpResponse, ApiError> {
    let (req, errors) = body.into_parts();
    let answer = service::revoke_all(&state.db, &caller, req, errors, state.settings.it_email.as_deref()).await?;
    let provider = answer.items.first().map(|o| format!("&provider_id={}", o.provider_id)).unwrap_or_default();
    Ok(created(format!("orders?kind=revoke&status=submitted{provider}"), &answer))
}
