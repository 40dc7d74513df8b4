//! `POST /orders/batch`: up to 100 new orders at once, for scripts, each saved or refused on its own.

use super::{
    dto::*,
    write::{Created, create},
};
use crate::extract::Each;
use crate::{
    auth::Caller,
    error::{ApiError, Code, FieldErrors, Lang},
    idempotency::{self, Found, IdempotencyKey, Scope, Use},
};
use chrono::Utc;
use sea_orm::DatabaseConnection;

/// How long a batch may be under way before its `Idempotency-Key` counts as abandoned (its
/// process died) and a retry runs the batch again.
const KEY_LEASE_MINUTES: i64 = 10;

/// What to do about a batch's `Idempotency-Key` that is already stored.
enum Stored {
    /// Answer as the first time did.
    Replay(String),
    /// Run the batch (the key is ours now).
    Run,
}

/// A stored batch key: its answer, or the key taken over when the batch that held it was
/// abandoned; 409 while it is still under way.
async fn stored(db: &DatabaseConnection, found: Found) -> Result<Stored, ApiError> {
    match found {
        Found::Answered(saved) => Ok(Stored::Replay(saved.body)),
        Found::InFlight { id, since } => {
            let abandoned = since < Utc::now() - chrono::Duration::minutes(KEY_LEASE_MINUTES);
            if abandoned && idempotency::take_over(db, id, since).await? {
                return Ok(Stored::Run);
            }
            Err(ApiError::conflict(
                Code::IdempotencyKeyInUse,
                "a batch with this Idempotency-Key is still being saved; retry after Retry-After",
            ))
        }
    }
}

/// Saves up to 100 orders at once (orderers), each on its own, in its own transaction: a refused
/// item does not stop the others. Answers the body of `200 {"items": [...]}`, one result per item
/// in order (see [`BatchItemResult`]), with problems in `lang`.
///
/// With an `Idempotency-Key` (per account, for the whole batch), a replay with the same body
/// answers exactly what the first request answered, and makes nothing; the same key with another
/// body is 422 `idempotency_key_reused`; while the first request is still under way, 409. A key
/// whose batch was abandoned mid-way (its process died) is taken over after ten minutes, and the
/// batch runs again: the items saved the first time then answer 409 `duplicate_open_order`.
pub async fn create_batch(
    db: &DatabaseConnection,
    caller: &Caller,
    req: CreateOrderBatch,
    mut errors: FieldErrors,
    key: Option<(&IdempotencyKey, &str)>,
    lang: Lang,
) -> Result<String, ApiError> {
    caller.require_orderer()?;
    let key =
        key.map(|(key, fingerprint)| Use { account_id: caller.id(), scope: Scope::CreateOrderBatch, key, fingerprint });
    let mut key_is_ours = false;
    if let Some(key) = &key
        && let Some(found) = idempotency::find(db, key).await?
    {
        match stored(db, found).await? {
            Stored::Replay(body) => return Ok(body),
            Stored::Run => key_is_ours = true,
        }
    }
    let items = req.items.take("items", &mut errors);
    let items = errors.finish_with(items)?;
    if let Some(key) = &key
        && !key_is_ours
        && !idempotency::claim(db, key).await?
    {
        // Claimed before any item is saved, and committed at once, so that a concurrent replay
        // finds it (and waits) instead of saving the batch a second time.
        let found = idempotency::find(db, key).await?.ok_or_else(|| ApiError::internal("idempotency key vanished"))?;
        return match stored(db, found).await? {
            Stored::Replay(body) => Ok(body),
            Stored::Run => Err(ApiError::internal("a fresh batch key counted as abandoned")),
        };
    }
    let mut results = Vec::with_capacity(items.len());
    for Each(item) in items {
        let outcome = match item {
            Ok((order, item_errors)) => create(db, caller, order, item_errors, None).await,
            Err(e) => Err(e),
        };
        results.push(match outcome {
            Ok(Created::New(order)) => BatchItemResult { status: 201, order: Some(*order), problem: None },
            Ok(Created::Replay { .. }) => return Err(ApiError::internal("a batch item was a replay")),
            Err(e) => {
                if let ApiError::Internal(cause) | ApiError::Unavailable(cause) = &e {
                    log::error!("a batch item failed: {cause}");
                }
                let problem = e.problem(lang);
                BatchItemResult { status: problem.status, order: None, problem: Some(problem) }
            }
        });
    }
    let body = serde_json::to_string(&BatchAnswer { items: results }).map_err(ApiError::internal)?;
    if let Some(key) = &key {
        idempotency::save_answer(db, key, 200, &body, None).await?;
    }
    Ok(body)
}
