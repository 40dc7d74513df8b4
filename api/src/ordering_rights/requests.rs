//! Asking for an ordering right (rule 8): an account of a provider without a right asks; the
//! provider's orderers are told, or support when the provider has none; one of them grants the
//! right (by the same rules as granting) or declines; the asker is told either way.

use super::{
    dto::*,
    orderers::{self, deciders, orderer_warnings, require_manager},
    record::grant_in,
};
use crate::{
    audit::{self, AuditEvent},
    auth::Caller,
    compliance,
    domain::parse_text,
    entities::{account, ordering_right_request, provider},
    error::{ApiError, Code, FieldErrors, db::UniqueIndex},
    notifications::{
        dto::NotificationKind,
        service::{Notice, notify},
    },
    pagination::{PageParams, encode_cursor, finish_page},
    providers::service::visible_provider,
    state::AppState,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

/// One waiting request per account and provider.
const PENDING_REQUEST: UniqueIndex = UniqueIndex {
    name: "ux_or_requests_pending",
    table: "ordering_right_requests",
    columns: &["provider_id", "account_id"],
};

fn to_dto(
    m: ordering_right_request::Model,
    provider: &provider::Model,
    asker: &account::Model,
) -> OrderingRightRequestDto {
    OrderingRightRequestDto {
        id: m.id,
        provider_id: m.provider_id,
        provider_name: provider.name.clone(),
        account_id: m.account_id,
        account_name: asker.name.clone(),
        account_email: asker.email.clone(),
        message: m.message,
        status: RequestStatus::parse(&m.status),
        created_at: m.created_at,
        decided_at: m.decided_at,
        decided_by: m.decided_by,
        decline_reason: m.decline_reason,
        ordering_right_id: m.ordering_right_id,
    }
}

fn optional_text(field: &str, value: Option<String>, errors: &mut FieldErrors) -> Option<String> {
    match value.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => errors.check(parse_text(field, v, 2000, true)).map(|t| t.into_string()),
    }
}

/// An account of the provider without a right asks for one (201). Orderers of it, support, IT and
/// accounts of other providers cannot (403, or 404 where the provider is not theirs to see).
pub async fn ask(
    state: &AppState,
    caller: &Caller,
    provider_id: Uuid,
    req: CreateOrderingRightRequest,
    mut errors: FieldErrors,
) -> Result<OrderingRightRequestDto, ApiError> {
    let db = &state.db;
    let provider = visible_provider(db, caller, provider_id).await?;
    if caller.account.provider_id != Some(provider_id) || caller.is_orderer_of(provider_id) {
        return Err(ApiError::Forbidden(Code::Forbidden));
    }
    let message = optional_text("message", req.message, &mut errors);
    errors.finish()?;
    let txn = db.begin().await?;
    let pending = ordering_right_request::Entity::find()
        .filter(ordering_right_request::Column::ProviderId.eq(provider_id))
        .filter(ordering_right_request::Column::AccountId.eq(caller.id()))
        .filter(ordering_right_request::Column::Status.eq(RequestStatus::Pending.as_str()))
        .one(&txn)
        .await?;
    if pending.is_some() {
        return Err(ApiError::Conflict(Code::AlreadyRequested, None));
    }
    let request = ordering_right_request::ActiveModel {
        id: Set(Uuid::now_v7()),
        provider_id: Set(provider_id),
        account_id: Set(caller.id()),
        message: Set(message.clone()),
        status: Set(RequestStatus::Pending.as_str().to_owned()),
        created_at: Set(chrono::Utc::now()),
        decided_at: Set(None),
        decided_by: Set(None),
        decline_reason: Set(None),
        ordering_right_id: Set(None),
    }
    .insert(&txn)
    .await
    // Two requests racing each other: the partial unique index lets one through.
    .map_err(|e| PENDING_REQUEST.on_violation(e, || ApiError::Conflict(Code::AlreadyRequested, None)))?;
    audit::record(&txn, Some(caller.id()), AuditEvent::OrderingRightRequested { request_id: request.id, provider_id })
        .await?;
    let asker = &caller.account;
    let mut body = format!("{} ({}) ber om beställningsrätt för {}.", asker.name, asker.email, provider.name);
    if let Some(message) = &message {
        body.push_str(&format!("\n\nMeddelande:\n{message}"));
    }
    body.push_str("\n\nBevilja eller avslå begäran under Beställningsrätt i Sesam.");
    let notice = Notice {
        kind: NotificationKind::OrderingRightRequested,
        order_id: None,
        title: format!("{} ber om beställningsrätt för {}", asker.name, provider.name),
        body,
    };
    notify(&txn, &deciders(&txn, provider_id).await?, &notice).await?;
    txn.commit().await?;
    Ok(to_dto(request, &provider, asker))
}

/// A page of the provider's requests, newest first: its orderers and support.
pub async fn list(
    db: &sea_orm::DatabaseConnection,
    caller: &Caller,
    provider_id: Uuid,
    filter: &RequestFilter,
    page: &PageParams,
) -> Result<OrderingRightRequestList, ApiError> {
    let limit = page.limit()?;
    let provider = require_manager(db, caller, provider_id).await?;
    let mut query = ordering_right_request::Entity::find()
        .find_also_related(account::Entity)
        .filter(ordering_right_request::Column::ProviderId.eq(provider_id));
    if let Some(status) = filter.status {
        query = query.filter(ordering_right_request::Column::Status.eq(status.as_str()));
    }
    if let Some(parts) = page.cursor_parts()? {
        let id = parts
            .first()
            .and_then(|s| Uuid::parse_str(s).ok())
            .ok_or_else(|| ApiError::InvalidQuery("cursor is not one this API made".into()))?;
        query = query.filter(ordering_right_request::Column::Id.lt(id));
    }
    let rows = query.order_by_desc(ordering_right_request::Column::Id).limit(limit + 1).all(db).await?;
    let page = finish_page(
        rows.into_iter().filter_map(|(r, a)| a.map(|a| (r, a))).collect(),
        limit,
        |(r, _)| encode_cursor(&[&r.id.to_string()]),
        |(r, a)| to_dto(r, &provider, &a),
    );
    Ok(OrderingRightRequestList { items: page.items, next_cursor: page.next_cursor })
}

/// The caller's own requests that wait for an answer, newest first (for `GET /me`).
pub async fn pending_of(db: &impl ConnectionTrait, caller: &Caller) -> Result<Vec<OrderingRightRequestDto>, ApiError> {
    let rows = ordering_right_request::Entity::find()
        .find_also_related(provider::Entity)
        .filter(ordering_right_request::Column::AccountId.eq(caller.id()))
        .filter(ordering_right_request::Column::Status.eq(RequestStatus::Pending.as_str()))
        .order_by_desc(ordering_right_request::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|(r, p)| p.map(|p| to_dto(r, &p, &caller.account))).collect())
}

/// The request, its provider and its asker, when the caller may decide it: the provider's
/// orderers and support (404 when not visible, 403 when visible but not theirs to decide).
async fn decidable(
    db: &impl ConnectionTrait,
    caller: &Caller,
    id: Uuid,
) -> Result<(ordering_right_request::Model, provider::Model, account::Model), ApiError> {
    let request = ordering_right_request::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    // A request is seen by its provider's orderers, support and its asker; to anyone else it does
    // not exist (404). The asker sees it but does not decide it (403).
    let sees = caller.is_admin() || caller.is_orderer_of(request.provider_id) || request.account_id == caller.id();
    if !sees {
        return Err(ApiError::NotFound);
    }
    let provider = require_manager(db, caller, request.provider_id).await?;
    let asker = account::Entity::find_by_id(request.account_id).one(db).await?.ok_or(ApiError::NotFound)?;
    if request.status != RequestStatus::Pending.as_str() {
        return Err(ApiError::Conflict(Code::AlreadyDecided, None));
    }
    Ok((request, provider, asker))
}

/// Grants the right asked for, by the same rules as granting directly.
pub async fn grant(state: &AppState, caller: &Caller, id: Uuid) -> Result<GrantedRequestAnswer, ApiError> {
    let db = &state.db;
    let (request, provider, asker) = decidable(db, caller, id).await?;
    if asker.id == caller.id() && !caller.is_admin() {
        return Err(ApiError::Forbidden(Code::SelfGrantForbidden));
    }
    if !asker.active || asker.provider_id != Some(provider.id) {
        return Err(ApiError::conflict(
            Code::AccountNotInProvider,
            "the asker is no longer an active account of the provider; decline the request",
        ));
    }
    let txn = db.begin().await?;
    // Answers this request (and tells the asker) as part of granting.
    let right = grant_in(&txn, caller, &provider, &asker).await?;
    let compliance =
        compliance::service::row(&txn, &provider, crate::compliance::service::Policy::of(&state.settings)).await?;
    let request = ordering_right_request::Entity::find_by_id(request.id).one(&txn).await?.ok_or(ApiError::NotFound)?;
    if request.status != RequestStatus::Granted.as_str() {
        // Declined meanwhile: roll the grant back.
        return Err(ApiError::Conflict(Code::AlreadyDecided, None));
    }
    txn.commit().await?;
    let warnings = orderer_warnings(&compliance);
    Ok(GrantedRequestAnswer {
        request: to_dto(request, &provider, &asker),
        ordering_right: orderers::to_dto(right, &asker),
        compliance,
        warnings,
    })
}

/// Declines the request, optionally with a reason; the asker is told.
pub async fn decline(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: DeclineOrderingRightRequest,
    mut errors: FieldErrors,
) -> Result<OrderingRightRequestDto, ApiError> {
    let db = &state.db;
    let (request, provider, asker) = decidable(db, caller, id).await?;
    let reason = optional_text("reason", req.reason, &mut errors);
    errors.finish()?;
    let now = chrono::Utc::now();
    let txn = db.begin().await?;
    // Conditional, so a grant and a decline at once cannot both succeed.
    let result = ordering_right_request::Entity::update_many()
        .col_expr(ordering_right_request::Column::Status, Expr::value(RequestStatus::Declined.as_str()))
        .col_expr(ordering_right_request::Column::DecidedAt, Expr::value(Some(now)))
        .col_expr(ordering_right_request::Column::DecidedBy, Expr::value(Some(caller.id())))
        .col_expr(ordering_right_request::Column::DeclineReason, Expr::value(reason.clone()))
        .filter(ordering_right_request::Column::Id.eq(id))
        .filter(ordering_right_request::Column::Status.eq(RequestStatus::Pending.as_str()))
        .exec(&txn)
        .await?;
    if result.rows_affected == 0 {
        return Err(ApiError::Conflict(Code::AlreadyDecided, None));
    }
    audit::record(
        &txn,
        Some(caller.id()),
        AuditEvent::OrderingRightRequestDeclined { request_id: id, provider_id: provider.id, account_id: asker.id },
    )
    .await?;
    let mut body =
        format!("{} har avslagit din begäran om beställningsrätt för {}.", caller.account.name, provider.name);
    if let Some(reason) = &reason {
        body.push_str(&format!("\n\nAnledning:\n{reason}"));
    }
    let notice = Notice {
        kind: NotificationKind::OrderingRightDeclined,
        order_id: None,
        title: format!("Din begäran om beställningsrätt för {} har avslagits", provider.name),
        body,
    };
    notify(&txn, &[asker.id], &notice).await?;
    txn.commit().await?;
    let declined = ordering_right_request::Model {
        status: RequestStatus::Declined.as_str().to_owned(),
        decided_at: Some(now),
        decided_by: Some(caller.id()),
        decline_reason: reason,
        ..request
    };
    Ok(to_dto(declined, &provider, &asker))
}
