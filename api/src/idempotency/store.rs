//! The remembered keys and their answers (`idempotency_keys`; unique per account, scope and key).

use super::{RETENTION_DAYS, Use};
use crate::{
    entities::idempotency_key,
    error::{ApiError, Code, db::UniqueIndex},
};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::Expr};
use uuid::Uuid;

/// One key per account, scope and key text.
const KEYS: UniqueIndex =
    UniqueIndex { name: "ux_idempotency_keys", table: "idempotency_keys", columns: &["account_id", "scope", "key"] };

/// The answer given the first time.
#[derive(Clone, Debug)]
pub struct Saved {
    pub status: u16,
    pub body: String,
}

/// What is remembered of a key.
#[derive(Clone, Debug)]
pub enum Found {
    /// The request was answered: answer the same.
    Answered(Saved),
    /// A request with the key is still being processed (since `since`).
    InFlight { id: Uuid, since: DateTime<Utc> },
}

/// What is remembered of the key; 422 `idempotency_key_reused` when it came with another body.
pub async fn find(db: &impl ConnectionTrait, request: &Use<'_>) -> Result<Option<Found>, ApiError> {
    let Some(stored) = stored(db, request).await? else { return Ok(None) };
    if stored.request_hash != request.fingerprint {
        return Err(ApiError::Unprocessable(Code::IdempotencyKeyReused));
    }
    Ok(Some(if stored.status_code == 0 {
        Found::InFlight { id: stored.id, since: stored.created_at }
    } else {
        Found::Answered(Saved { status: u16::try_from(stored.status_code).unwrap_or(200), body: stored.response_body })
    }))
}

async fn stored(db: &impl ConnectionTrait, request: &Use<'_>) -> Result<Option<idempotency_key::Model>, ApiError> {
    Ok(idempotency_key::Entity::find()
        .filter(idempotency_key::Column::AccountId.eq(request.account_id))
        .filter(idempotency_key::Column::Scope.eq(request.scope.as_str()))
        .filter(idempotency_key::Column::Key.eq(request.key.as_str()))
        .one(db)
        .await?)
}

/// Claims the key for this request (in flight until [`save_answer`]); `false` when another request
/// holds it already. In a transaction, a concurrent claim of the same key waits for it to end.
pub async fn claim(db: &impl ConnectionTrait, request: &Use<'_>) -> Result<bool, ApiError> {
    let inserted = idempotency_key::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(request.account_id),
        scope: Set(request.scope.as_str().to_owned()),
        key: Set(request.key.as_str().to_owned()),
        request_hash: Set(request.fingerprint.to_owned()),
        status_code: Set(0),
        response_body: Set(String::new()),
        object_id: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await;
    match inserted {
        Ok(_) => Ok(true),
        Err(e) if KEYS.is_violated_by(&e) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Remembers the answer to the request that claimed the key.
pub async fn save_answer(
    db: &impl ConnectionTrait,
    request: &Use<'_>,
    status: u16,
    body: &str,
    object_id: Option<Uuid>,
) -> Result<(), ApiError> {
    idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::StatusCode, Expr::value(i32::from(status)))
        .col_expr(idempotency_key::Column::ResponseBody, Expr::value(body))
        .col_expr(idempotency_key::Column::ObjectId, Expr::value(object_id))
        .filter(idempotency_key::Column::AccountId.eq(request.account_id))
        .filter(idempotency_key::Column::Scope.eq(request.scope.as_str()))
        .filter(idempotency_key::Column::Key.eq(request.key.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

/// Takes over a key whose request was abandoned (its process died): `true` when this call did
/// (one conditional update decides between racing retries).
pub async fn take_over(db: &impl ConnectionTrait, id: Uuid, since: DateTime<Utc>) -> Result<bool, ApiError> {
    let taken = idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::CreatedAt, Expr::value(Utc::now()))
        .filter(idempotency_key::Column::Id.eq(id))
        .filter(idempotency_key::Column::StatusCode.eq(0))
        .filter(idempotency_key::Column::CreatedAt.eq(since))
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Forgets the keys older than the retention (the periodic job calls this); answers how many went.
pub async fn forget_old(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, ApiError> {
    let before = now - chrono::Duration::days(RETENTION_DAYS);
    let result =
        idempotency_key::Entity::delete_many().filter(idempotency_key::Column::CreatedAt.lt(before)).exec(db).await?;
    Ok(result.rows_affected)
}
