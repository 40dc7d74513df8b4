//! Issuing, listing and revoking API tokens (support, from a login session).

use super::dto::*;
use crate::{
    audit::{self, AuditEvent},
    auth::{Caller, api_token},
    domain::parse_text,
    entities::{account, api_token as row},
    error::{ApiError, Code, FieldError, FieldErrors},
    pagination::{PageParams, encode_cursor, finish_page},
    state::AppState,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use uuid::Uuid;

/// Only support, and only as a person who logged in: a token cannot make or see tokens.
fn require_support_session(caller: &Caller) -> Result<(), ApiError> {
    caller.require_admin()?;
    caller.require_session()
}

/// Issues a token for an account; the answer holds the token, once.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    account_id: Uuid,
    req: CreateApiToken,
    mut errors: FieldErrors,
) -> Result<CreatedApiToken, ApiError> {
    require_support_session(caller)?;
    let db = &state.db;
    let account = account::Entity::find_by_id(account_id).one(db).await?.ok_or(ApiError::NotFound)?;
    let name = req.name.take("name", &mut errors).and_then(|n| errors.check(parse_text("name", &n, 100, false)));
    let now = chrono::Utc::now();
    if req.expires_at.is_some_and(|at| at <= now) {
        errors.push(
            FieldError::new("expires_at", Code::ValueNotAllowed)
                .with_message("Slutdatumet måste ligga i framtiden.", "The expiry must be in the future."),
        );
    }
    let name = errors.finish_with(name)?;
    let new = api_token::generate().map_err(ApiError::internal)?;
    let txn = db.begin().await?;
    let model = row::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(account.id),
        name: Set(name.into_string()),
        token_hash: Set(new.hash),
        hint: Set(new.hint),
        created_at: Set(now),
        created_by: Set(Some(caller.id())),
        expires_at: Set(req.expires_at),
        last_used_at: Set(None),
        revoked_at: Set(None),
        revoked_by: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Some(caller.id()),
        AuditEvent::ApiTokenCreated {
            token_id: model.id,
            provider_id: account.provider_id,
            account_id: account.id,
            name: &model.name,
            expires_at: serde_json::json!(model.expires_at),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(CreatedApiToken { token: new.token, api_token: ApiTokenDto::from_model(model, now) })
}

/// An account's tokens, oldest first, revoked and expired ones included.
pub async fn list(
    state: &AppState,
    caller: &Caller,
    account_id: Uuid,
    page: &PageParams,
) -> Result<ApiTokenList, ApiError> {
    require_support_session(caller)?;
    let db = &state.db;
    let limit = page.limit()?;
    account::Entity::find_by_id(account_id).one(db).await?.ok_or(ApiError::NotFound)?;
    let mut query = row::Entity::find().filter(row::Column::AccountId.eq(account_id));
    if let Some(parts) = page.cursor_parts()? {
        let after = parts
            .first()
            .and_then(|s| Uuid::parse_str(s).ok())
            .ok_or_else(|| ApiError::InvalidQuery("cursor is not one this API made".into()))?;
        query = query.filter(row::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(row::Column::Id).limit(limit + 1).all(db).await?;
    let now = chrono::Utc::now();
    Ok(finish_page(rows, limit, |m| encode_cursor(&[&m.id.to_string()]), |m| ApiTokenDto::from_model(m, now)).into())
}

/// Revokes a token: it stops working at once. Revoking a revoked token changes nothing.
pub async fn revoke(state: &AppState, caller: &Caller, id: Uuid) -> Result<(), ApiError> {
    require_support_session(caller)?;
    let txn = state.db.begin().await?;
    let token = row::Entity::find_by_id(id).one(&txn).await?.ok_or(ApiError::NotFound)?;
    if token.revoked_at.is_some() {
        return Ok(());
    }
    let provider_id = account::Entity::find_by_id(token.account_id).one(&txn).await?.and_then(|a| a.provider_id);
    let now = chrono::Utc::now();
    let mut active: row::ActiveModel = token.clone().into();
    active.revoked_at = Set(Some(now));
    active.revoked_by = Set(Some(caller.id()));
    active.update(&txn).await?;
    audit::record(
        &txn,
        Some(caller.id()),
        AuditEvent::ApiTokenRevoked { token_id: id, provider_id, account_id: token.account_id, name: &token.name },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Revokes every active token of an account (it is being deactivated), on the caller's
/// transaction, each audited: reactivating the account later does not revive them.
pub async fn revoke_all_of(db: &impl ConnectionTrait, caller: &Caller, account_id: Uuid) -> Result<(), ApiError> {
    let tokens = row::Entity::find()
        .filter(row::Column::AccountId.eq(account_id))
        .filter(row::Column::RevokedAt.is_null())
        .all(db)
        .await?;
    let provider_id = account::Entity::find_by_id(account_id).one(db).await?.and_then(|a| a.provider_id);
    let now = chrono::Utc::now();
    for token in tokens {
        let mut active: row::ActiveModel = token.clone().into();
        active.revoked_at = Set(Some(now));
        active.revoked_by = Set(Some(caller.id()));
        active.update(db).await?;
        let event = AuditEvent::ApiTokenRevoked { token_id: token.id, provider_id, account_id, name: &token.name };
        audit::record(db, Some(caller.id()), event).await?;
    }
    Ok(())
}
