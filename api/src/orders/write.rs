//! Saving orders: a new draft (also from a copy), a change to a draft, deleting a draft. Every rule
//! is checked and every problem reported at once; rule 13 before a reference number is taken.

use super::{
    access::{check_if_match, etag, invalid_transition, require_party, status_of, visible_order},
    dto::*,
    input,
    names::render,
    rules::check_rules,
    store::{self, Start, ensure_no_open_order, open_order_conflict},
};
use crate::{
    audit::{self, AuditEvent},
    auth::Caller,
    domain::{OrderStatus, Party, order as rules},
    entities::{order, order_history, order_message, order_unit},
    error::{ApiError, Code, FieldErrors},
    idempotency::{self, Found, IdempotencyKey, Scope, Use},
};
use chrono::Utc;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait,
    sea_query::{Expr, ExprTrait},
};
use serde_json::Value;
use uuid::Uuid;

/// What creating an order answered: a new order, or the stored answer to an earlier request with
/// the same `Idempotency-Key`.
pub enum Created {
    New(Box<OrderDto>),
    Replay { status: u16, body: String, version: Option<i32>, id: Option<Uuid> },
}

/// The stored answer of an earlier request with the key.
fn replay(found: Found) -> Result<Created, ApiError> {
    match found {
        Found::Answered(saved) => {
            let answer = serde_json::from_str::<Value>(&saved.body).ok();
            let version = answer.as_ref().and_then(|v| v.get("version")?.as_i64()).and_then(|v| i32::try_from(v).ok());
            let id = answer.as_ref().and_then(|v| v.get("id")?.as_str()?.parse::<Uuid>().ok());
            Ok(Created::Replay { status: saved.status, body: saved.body, version, id })
        }
        Found::InFlight { .. } => Err(ApiError::conflict(
            Code::IdempotencyKeyInUse,
            "a request with this Idempotency-Key is still being saved; retry after Retry-After",
        )),
    }
}

/// Saves a new draft (orderers). With an `Idempotency-Key`, a replay by the same account answers as
/// the first time did, and the same key with another body is 422 `idempotency_key_reused`.
///
/// `key` is the request's `Idempotency-Key` with the fingerprint of its body.
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    req: CreateOrder,
    mut errors: FieldErrors,
    key: Option<(&IdempotencyKey, &str)>,
) -> Result<Created, ApiError> {
    caller.require_orderer()?;
    let key =
        key.map(|(key, fingerprint)| Use { account_id: caller.id(), scope: Scope::CreateOrder, key, fingerprint });
    if let Some(key) = &key
        && let Some(found) = idempotency::find(db, key).await?
    {
        return replay(found);
    }
    let provider_id = caller.provider_to_order_for(req.provider_id, "provider_id", &mut errors)?;
    let order = input::of_create(req, &mut errors);
    let valid = match provider_id {
        Some(p) => check_rules(db, caller, p, &order, &mut errors).await?,
        None => None,
    };
    let (provider_id, valid) = errors.finish_with((provider_id, valid))?;
    // Rule 13 before a reference is taken (a refused order leaves no gap in the numbers); a race
    // with another saving transaction is still caught by the unique index on open orders.
    if let Err(duplicate) = ensure_no_open_order(db, provider_id, &valid, None).await {
        // It may be this very request's order, saved by a replay that ran at the same time.
        if let Some(key) = &key
            && let Some(found) = idempotency::find(db, key).await?
        {
            return replay(found);
        }
        return Err(duplicate);
    }
    let reference = store::take_reference(db).await?;

    let txn = db.begin().await?;
    // The key first in the transaction: a concurrent replay waits here for this one to end, then
    // finds its answer.
    if let Some(key) = &key
        && !idempotency::claim(&txn, key).await?
    {
        txn.rollback().await?;
        let found = idempotency::find(db, key).await?.ok_or_else(|| ApiError::internal("idempotency key vanished"))?;
        return replay(found);
    }
    let model = store::insert(&txn, provider_id, valid, Start::Draft { by: caller.id() }, reference, None).await?;
    let dto = render(&txn, model.id).await?;
    if let Some(key) = &key {
        let body = serde_json::to_string(&dto).map_err(ApiError::internal)?;
        idempotency::save_answer(&txn, key, 201, &body, Some(dto.id)).await?;
    }
    txn.commit().await?;
    Ok(Created::New(Box::new(dto)))
}

/// Changes a draft (orderers of its provider): a merge, re-checked by every rule.
pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    if_match: Option<&str>,
    change: UpdateOrder,
    mut errors: FieldErrors,
) -> Result<OrderDto, ApiError> {
    let current = visible_order(db, caller, id).await?;
    require_party(caller, &current, Party::Orderer)?;
    check_if_match(if_match, current.version)?;
    let status = status_of(&current)?;
    if status != OrderStatus::Draft {
        return Err(invalid_transition("changed", status));
    }
    if change.provider_id.is_some_and(|p| p != current.provider_id) {
        errors.add("provider_id", Code::ProviderChangeForbidden);
    }
    let mut order = input::stored(&current, store::unit_ids_of(db, id).await?);
    input::merge(&mut order, change);
    let valid = check_rules(db, caller, current.provider_id, &order, &mut errors).await?;
    let valid = errors.finish_with(valid)?;

    let txn = db.begin().await?;
    ensure_no_open_order(&txn, current.provider_id, &valid, Some(id)).await?;
    let values = order::ActiveModel {
        search_text: Set(rules::search_text(
            &valid.first_name,
            &valid.last_name,
            valid.email.as_deref(),
            &current.reference,
        )),
        kind: Set(valid.kind.as_str().to_owned()),
        permission_id: Set(valid.permission_id),
        system_id: Set(valid.system_id),
        first_name: Set(valid.first_name),
        last_name: Set(valid.last_name),
        personal_number: Set(valid.personal_number.as_str().to_owned()),
        email: Set(valid.email),
        phone: Set(valid.phone),
        lifecare_title: Set(valid.lifecare_title),
        profession: Set(valid.profession),
        justification: Set(valid.justification),
        expert_user: Set(valid.expert_user),
        valid_to: Set(valid.valid_to),
        comment: Set(valid.comment),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let result = order::Entity::update_many()
        .set(values)
        .col_expr(order::Column::Version, Expr::col(order::Column::Version).add(1))
        .filter(order::Column::Id.eq(id))
        .filter(order::Column::Status.eq(OrderStatus::Draft.as_str()))
        .filter(order::Column::Version.eq(current.version))
        .exec(&txn)
        .await
        .map_err(open_order_conflict)?;
    if result.rows_affected == 0 {
        txn.rollback().await?;
        return Err(lost_race(db, id, if_match, "changed").await);
    }
    store::replace_units(&txn, id, &valid.unit_ids).await?;
    let (provider_id, reference) = (current.provider_id, current.reference.as_str());
    audit::record(&txn, Some(caller.id()), AuditEvent::OrderUpdated { order_id: id, provider_id, reference }).await?;
    let dto = render(&txn, id).await?;
    txn.commit().await?;
    Ok(dto)
}

/// Why a conditional write to a draft matched no row: the order is gone (404), it is no longer a
/// draft (409 `invalid_transition`), or another change of it won (412 with `If-Match`, else 409
/// `edit_conflict` with its current `ETag`).
pub async fn lost_race(db: &DatabaseConnection, id: Uuid, if_match: Option<&str>, what: &str) -> ApiError {
    match order::Entity::find_by_id(id).one(db).await {
        Ok(None) => ApiError::NotFound,
        Ok(Some(now)) => match status_of(&now) {
            Ok(OrderStatus::Draft) if if_match.is_some() => ApiError::PreconditionFailed,
            Ok(OrderStatus::Draft) => ApiError::EditConflict { etag: etag(now.version) },
            Ok(status) => invalid_transition(what, status),
            Err(e) => e,
        },
        Err(e) => e.into(),
    }
}

/// Deletes a draft (orderers of its provider), with its units and history; the audit log keeps
/// its reference.
pub async fn delete(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    if_match: Option<&str>,
) -> Result<(), ApiError> {
    let current = visible_order(db, caller, id).await?;
    require_party(caller, &current, Party::Orderer)?;
    check_if_match(if_match, current.version)?;
    let status = status_of(&current)?;
    if status != OrderStatus::Draft {
        return Err(invalid_transition("deleted", status));
    }
    let txn = db.begin().await?;
    // Claim the row first (a conditional no-op update), so a concurrent change cannot slip in between.
    let claimed = order::Entity::update_many()
        .col_expr(order::Column::Version, Expr::col(order::Column::Version).add(1))
        .filter(order::Column::Id.eq(id))
        .filter(order::Column::Status.eq(OrderStatus::Draft.as_str()))
        .filter(order::Column::Version.eq(current.version))
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        txn.rollback().await?;
        return Err(lost_race(db, id, if_match, "deleted").await);
    }
    order_message::Entity::delete_many().filter(order_message::Column::OrderId.eq(id)).exec(&txn).await?;
    order_unit::Entity::delete_many().filter(order_unit::Column::OrderId.eq(id)).exec(&txn).await?;
    order_history::Entity::delete_many().filter(order_history::Column::OrderId.eq(id)).exec(&txn).await?;
    order::Entity::delete_by_id(id).exec(&txn).await?;
    let event = AuditEvent::OrderDeleted {
        order_id: id,
        provider_id: current.provider_id,
        reference: &current.reference,
        kind: &current.kind,
    };
    audit::record(&txn, Some(caller.id()), event).await?;
    txn.commit().await?;
    Ok(())
}

/// Copies a visible order into a new draft (orderers of its provider), with an optional change
/// merged in; the copy meets every rule, like any new order.
pub async fn copy(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    change: UpdateOrder,
    mut errors: FieldErrors,
) -> Result<OrderDto, ApiError> {
    let source = visible_order(db, caller, id).await?;
    require_party(caller, &source, Party::Orderer)?;
    if change.provider_id.is_some_and(|p| p != source.provider_id) {
        errors.add("provider_id", Code::ProviderChangeForbidden);
    }
    let mut order = input::stored(&source, store::unit_ids_of(db, id).await?);
    input::merge(&mut order, change);
    let valid = check_rules(db, caller, source.provider_id, &order, &mut errors).await?;
    let valid = errors.finish_with(valid)?;
    // As in `create`: rule 13 first, then the reference, then the transaction.
    ensure_no_open_order(db, source.provider_id, &valid, None).await?;
    let reference = store::take_reference(db).await?;
    let txn = db.begin().await?;
    let note = Some(format!("Kopia av {}", source.reference));
    let model =
        store::insert(&txn, source.provider_id, valid, Start::Draft { by: caller.id() }, reference, note).await?;
    order::Entity::update_many()
        .col_expr(order::Column::CopiedFrom, Expr::value(source.id))
        .filter(order::Column::Id.eq(model.id))
        .exec(&txn)
        .await?;
    let dto = render(&txn, model.id).await?;
    txn.commit().await?;
    Ok(dto)
}
