//! `/accounts`.

use super::{dto::*, service};
use crate::{auth::Caller, created::created, error::ApiError, extract::Body, pagination::PageParams, state::AppState};
use actix_web::{HttpResponse, get, patch, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_accounts).service(get_account).service(create_account).service(update_account);
}

/// Lists accounts, a page at a time.
///
/// Support sees every account; an orderer the accounts of the providers it orders for.
#[utoipa::path(
    tag = "accounts",
    operation_id = "list_accounts",
    params(AccountFilter, PageParams),
    responses(
        (status = 200, description = "A page of accounts (personal numbers masked)", body = AccountList),
        (status = 403, description = "Neither support nor an orderer of the provider"),
    ),
    security(("bearer" = []))
)]
#[get("/accounts")]
async fn list_accounts(
    state: web::Data<AppState>,
    caller: Caller,
    filter: web::Query<AccountFilter>,
    page: web::Query<PageParams>,
) -> Result<web::Json<AccountList>, ApiError> {
    Ok(web::Json(service::list_accounts(&state.db, &caller, &filter, &page).await?.into()))
}

/// Reads one account.
///
/// Support any; an orderer the accounts of its providers. Others get 404.
#[utoipa::path(
    tag = "accounts",
    operation_id = "get_account",
    params(("id" = Uuid, Path, description = "The account's id")),
    responses(
        (status = 200, description = "The account", body = AccountDto),
        (status = 404, description = "Unknown, or not visible to the caller"),
    ),
    security(("bearer" = []))
)]
#[get("/accounts/{id}")]
async fn get_account(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<web::Json<AccountDto>, ApiError> {
    Ok(web::Json(service::get_account(&state.db, &caller, id.into_inner()).await?))
}

/// Creates an account.
///
/// Support creates any account; an orderer one of its own provider's, and never with roles (403).
/// Nobody sets another person's password: the account is invited to choose its own.
#[utoipa::path(
    tag = "accounts",
    operation_id = "create_account",
    request_body = CreateAccount,
    responses(
        (status = 201, description = "Created", body = AccountDto,
            headers(("Location" = String, description = "The account: `/api/v1/accounts/{id}`"))),
        (status = 403, description = "Not allowed: not an orderer of that provider, or roles asked for by an orderer"),
        (status = 409, description = "The email is taken"),
    ),
    security(("bearer" = []))
)]
#[post("/accounts")]
async fn create_account(
    state: web::Data<AppState>,
    caller: Caller,
    body: Body<CreateAccount>,
) -> Result<HttpResponse, ApiError> {
    let (req, errors) = body.into_parts();
    let account = service::create_account(&state, &caller, req, errors).await?;
    Ok(created(format!("accounts/{}", account.id), &account))
}

/// Changes an account (support).
///
/// Name, email, provider, roles, personal number and `active` (`false` deactivates it and ends its sessions).
#[utoipa::path(
    tag = "accounts",
    operation_id = "update_account",
    params(("id" = Uuid, Path, description = "The account's id")),
    request_body = UpdateAccount,
    responses(
        (status = 200, description = "Changed", body = AccountChanged),
        (status = 403, description = "Support only"),
        (status = 404, description = "No such account"),
        (status = 409, description = "The email is taken"),
    ),
    security(("bearer" = []))
)]
#[patch("/accounts/{id}")]
async fn update_account(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Body<UpdateAccount>,
) -> Result<web::Json<AccountChanged>, ApiError> {
    let (req, errors) = body.into_parts();
    Ok(web::Json(service::update_account(&state, &caller, id.into_inner(), req, errors).await?))
}
