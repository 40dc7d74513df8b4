//! `/expert-users`, `/providers/{id}/expert-users`, `/expert-users/{id}`, `/expert-users/messages`.

use super::{dto::*, service};
use crate::{
    auth::Caller,
    created::created,
    csv,
    error::{ApiError, Problem},
    extract::Body,
    pagination::PageParams,
    state::AppState,
};
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    // `/expert-users/messages` and `/export` before `/expert-users/{id}`.
    cfg.service(message_expert_users)
        .service(export_expert_users)
        .service(list_expert_users)
        .service(register_expert_user)
        .service(end_expert_user);
}

/// Lists expert-user registrations, a page at a time.
///
/// Support and IT see all, an orderer those of the providers it orders for. The same list as a CSV
/// mailing list is `GET /expert-users/export` (this operation also answers CSV for `Accept: text/csv`).
#[utoipa::path(
    tag = "expert-users",
    operation_id = "list_expert_users",
    params(ExpertUserFilter, PageParams),
    responses(
        (status = 200, description = "A page of registrations", body = ExpertUserList),
        (status = 403, description = "Neither support, IT nor an orderer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The provider asked for is not one the caller orders for", body = Problem, content_type = "application/problem+json"),
        (status = 406, description = "The client accepts neither JSON nor CSV (`not_acceptable`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/expert-users")]
async fn list_expert_users(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    filter: web::Query<ExpertUserFilter>,
    page: web::Query<PageParams>,
) -> Result<HttpResponse, ApiError> {
    match csv::negotiate(&req)? {
        csv::Format::Json => Ok(HttpResponse::Ok().json(service::list(&state.db, &caller, &filter, &page).await?)),
        csv::Format::Csv => Ok(csv::streamed("expertanvandare.csv", service::csv(&state.db, &caller, &filter).await?)),
    }
}

/// Exports every matching expert-user registration as a CSV mailing list.
///
/// The filters of `GET /expert-users`, without paging: `name,email,provider,system` (RFC 4180, UTF-8,
/// CRLF), for a mail merge. Who sees what is as for the list.
#[utoipa::path(
    tag = "expert-users",
    operation_id = "export_expert_users",
    params(ExpertUserFilter),
    responses(
        (status = 200, description = "Every matching registration as CSV",
            content((String = "text/csv", example = "name,email,provider,system\r\nKarin Berg,karin.berg@omsorgnord.example,Omsorg Nord AB,Lifecare\r\n")),
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"expertanvandare.csv\"`"))),
        (status = 403, description = "Neither support, IT nor an orderer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The provider asked for is not one the caller orders for", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/expert-users/export")]
async fn export_expert_users(
    state: web::Data<AppState>,
    caller: Caller,
    filter: web::Query<ExpertUserFilter>,
) -> Result<HttpResponse, ApiError> {
    Ok(csv::streamed("expertanvandare.csv", service::csv(&state.db, &caller, &filter).await?))
}

/// Registers a person as expert user of a system at a provider.
///
/// The provider's orderers and support.
#[utoipa::path(
    tag = "expert-users",
    operation_id = "register_expert_user",
    params(("id" = Uuid, Path, description = "The provider's id")),
    request_body = CreateExpertUser,
    responses(
        (status = 201, description = "Registered", body = ExpertUserDto,
            headers(("Location" = String, description = "The registration: `/api/v1/expert-users/{id}`"))),
        (status = 403, description = "Neither support nor an orderer of the provider"),
        (status = 404, description = "Unknown provider, or not visible to the caller"),
        (status = 409, description = "The person (same email or personal number) already is an active expert user of that system there (`already_registered`)"),
        (status = 422, description = "A field is missing or wrong (`required`, `invalid_email`, `invalid_personal_number`, `unknown_system`)"),
    ),
    security(("bearer" = []))
)]
#[post("/providers/{id}/expert-users")]
async fn register_expert_user(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Body<CreateExpertUser>,
) -> Result<HttpResponse, ApiError> {
    let (req, errors) = body.into_parts();
    let registration = service::register(&state, &caller, id.into_inner(), req, errors).await?;
    Ok(created(format!("expert-users/{}", registration.id), &registration))
}

/// Ends an expert-user registration.
///
/// The provider's orderers and support. It stays in the history.
#[utoipa::path(
    tag = "expert-users",
    operation_id = "end_expert_user",
    params(("id" = Uuid, Path, description = "The registration's id")),
    responses(
        (status = 204, description = "Ended"),
        (status = 403, description = "Neither support nor an orderer of the provider"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "Already ended (`already_ended`)"),
    ),
    security(("bearer" = []))
)]
#[delete("/expert-users/{id}")]
async fn end_expert_user(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    service::end(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Sends direct information by email to the matching active expert users (support).
///
/// Queues one email per distinct address, optionally of one provider and/or one system. Delivery
/// happens in the background, through the outbox.
#[utoipa::path(
    tag = "expert-users",
    operation_id = "message_expert_users",
    request_body = ExpertUserMessage,
    responses(
        (status = 202, description = "Queued in the outbox", body = MessageQueued),
        (status = 403, description = "Support only"),
        (status = 422, description = "Subject or body missing, or an unknown provider or system (`unknown_provider`, `unknown_system`)"),
    ),
    security(("bearer" = []))
)]
#[post("/expert-users/messages")]
async fn message_expert_users(
    state: web::Data<AppState>,
    caller: Caller,
    body: Body<ExpertUserMessage>,
) -> Result<HttpResponse, ApiError> {
    let (req, errors) = body.into_parts();
    Ok(HttpResponse::Accepted().json(service::message(&state, &caller, req, errors).await?))
}
