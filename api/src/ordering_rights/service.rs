//! Granting and revoking ordering rights (rules 8 and 9).
//!
//! Support grants for any provider; an orderer grants to other accounts of its own provider,
//! never to itself. Rights are never deleted: revoking records who and when. An orderer cannot
//! revoke a provider's last right; support can.

use super::{
    dto::*,
    orderers::{orderer_warnings, require_manager, to_dto},
    record::{grant_in, revoke_in},
};
use crate::{
    auth::Caller,
    compliance,
    entities::{account, ordering_right, provider},
    error::{ApiError, Code, FieldErrors},
    providers::service::visible_provider,
    state::AppState,
};
use sea_orm::{
    ColumnTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait as _, TransactionTrait,
};
use uuid::Uuid;

/// A provider's active rights: for its orderers, IT and support.
pub async fn list(
    state: &AppState,
    caller: &Caller,
    provider_id: Uuid,
    filter: &RightsFilter,
) -> Result<OrderingRightList, ApiError> {
    let db = &state.db;
    let provider = visible_provider(db, caller, provider_id).await?;
    if !(caller.sees_all_providers() || caller.is_orderer_of(provider_id)) {
        return Err(ApiError::Forbidden(Code::Forbidden));
    }
    let rows: Vec<(ordering_right::Model, Option<account::Model>)> = ordering_right::Entity::find()
        .find_also_related(account::Entity)
        .filter(ordering_right::Column::ProviderId.eq(provider_id))
        .filter(if filter.active.unwrap_or(true) {
            ordering_right::Column::RevokedAt.is_null()
        } else {
            ordering_right::Column::RevokedAt.is_not_null()
        })
        .order_by_asc(ordering_right::Column::GrantedAt)
        .all(db)
        .await?;
    let items = rows.into_iter().filter_map(|(r, a)| a.map(|a| to_dto(r, &a))).collect();
    let compliance =
        compliance::service::row(db, &provider, crate::compliance::service::Policy::of(&state.settings)).await?;
    let warnings = orderer_warnings(&compliance);
    Ok(OrderingRightList { items, next_cursor: None, compliance, warnings })
}

/// Grants a right to an active account of the provider.
pub async fn grant(
    state: &AppState,
    caller: &Caller,
    provider_id: Uuid,
    req: GrantOrderingRight,
    mut errors: FieldErrors,
) -> Result<OrderingRightAnswer, ApiError> {
    let db = &state.db;
    let provider = require_manager(db, caller, provider_id).await?;
    let account_id = req.account_id.take("account_id", &mut errors);
    if account_id == Some(caller.id()) && !caller.is_admin() {
        return Err(ApiError::Forbidden(Code::SelfGrantForbidden));
    }
    let account = match account_id {
        Some(id) => {
            let account = account::Entity::find_by_id(id).one(db).await?;
            match account {
                Some(a) if a.active && a.provider_id == Some(provider_id) => Some(a),
                _ => {
                    errors.add("account_id", Code::AccountNotInProvider);
                    None
                }
            }
        }
        None => None,
    };
    let account = errors.finish_with(account)?;
    let txn = db.begin().await?;
    let right = grant_in(&txn, caller, &provider, &account).await?;
    let compliance =
        compliance::service::row(&txn, &provider, crate::compliance::service::Policy::of(&state.settings)).await?;
    txn.commit().await?;
    let warnings = orderer_warnings(&compliance);
    Ok(OrderingRightAnswer { right: to_dto(right, &account), compliance, warnings })
}

/// Revokes a right. Orderers cannot revoke the provider's last one (409 `last_orderer`).
pub async fn revoke(state: &AppState, caller: &Caller, right_id: Uuid) -> Result<OrderingRightAnswer, ApiError> {
    let db = &state.db;
    let right = ordering_right::Entity::find_by_id(right_id).one(db).await?.ok_or(ApiError::NotFound)?;
    // Those who may not read the provider's rights do not learn that this one exists (404).
    if !(caller.sees_all_providers() || caller.is_orderer_of(right.provider_id)) {
        return Err(ApiError::NotFound);
    }
    let provider = require_manager(db, caller, right.provider_id).await?;
    if right.revoked_at.is_some() {
        return Err(ApiError::Conflict(Code::AlreadyRevoked, None));
    }
    let txn = db.begin().await?;
    // PostgreSQL: serialise revocations per provider, so two orderers revoking each other's rights
    // at once cannot leave none (SQLite serialises every write anyway).
    provider::Entity::find_by_id(right.provider_id).lock_exclusive().one(&txn).await?;
    if !caller.is_admin() {
        let active_rights: Vec<Uuid> = ordering_right::Entity::find()
            .select_only()
            .column(ordering_right::Column::Id)
            .join(JoinType::InnerJoin, ordering_right::Relation::Account.def())
            .filter(ordering_right::Column::ProviderId.eq(right.provider_id))
            .filter(ordering_right::Column::RevokedAt.is_null())
            .filter(account::Column::Active.eq(true))
            .into_tuple()
            .all(&txn)
            .await?;
        if active_rights.iter().all(|id| *id == right.id) {
            return Err(ApiError::conflict(
                Code::LastOrderer,
                "this is the provider's last ordering right; ask support to revoke it",
            ));
        }
    }
    let now = revoke_in(&txn, caller, &right).await?;
    let compliance =
        compliance::service::row(&txn, &provider, crate::compliance::service::Policy::of(&state.settings)).await?;
    txn.commit().await?;
    let account = account::Entity::find_by_id(right.account_id).one(db).await?.ok_or(ApiError::NotFound)?;
    let revoked = ordering_right::Model { revoked_at: Some(now), revoked_by: Some(caller.id()), ..right };
    let warnings = orderer_warnings(&compliance);
    Ok(OrderingRightAnswer { right: to_dto(revoked, &account), compliance, warnings })
}
