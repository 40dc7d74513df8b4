//! Granting and revoking ordering rights (rules 8 and 9).
//!
//! Support grants for any provider; an orderer grants to other accounts of its own provider,
//! never to itself. Rights are never deleted: revoking records who and when. An orderer cannot
//! revoke a provider's last right; support can.

use super::dto::*;
use crate::{
    audit,
    auth::Caller,
    compliance::{self, dto::ComplianceIssue},
    entities::{account, ordering_right, provider},
    error::{ApiError, Code, FieldErrors},
    providers::service::visible_provider,
    state::AppState,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, JoinType, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, RelationTrait as _, Set, TransactionTrait,
};
use uuid::Uuid;

pub(crate) fn to_dto(right: ordering_right::Model, account: &account::Model) -> OrderingRightDto {
    OrderingRightDto {
        id: right.id,
        account_id: right.account_id,
        account_name: account.name.clone(),
        account_email: account.email.clone(),
        provider_id: right.provider_id,
        granted_at: right.granted_at,
        granted_by: right.granted_by,
        revoked_at: right.revoked_at,
        revoked_by: right.revoked_by,
    }
}

/// The accounts that order for a provider now: active rights on active accounts, by account id.
pub async fn active_orderers(db: &impl ConnectionTrait, provider_id: Uuid) -> Result<Vec<Uuid>, ApiError> {
    Ok(ordering_right::Entity::find()
        .select_only()
        .column(ordering_right::Column::AccountId)
        .join(JoinType::InnerJoin, ordering_right::Relation::Account.def())
        .filter(ordering_right::Column::ProviderId.eq(provider_id))
        .filter(ordering_right::Column::RevokedAt.is_null())
        .filter(account::Column::Active.eq(true))
        .order_by_asc(ordering_right::Column::AccountId)
        .into_tuple()
        .all(db)
        .await?)
}

/// Checks that the caller may manage the provider's rights: support, or an orderer of it.
/// 404 when the provider is not visible, 403 when visible but not the caller's to manage.
pub(crate) async fn require_manager(
    db: &impl ConnectionTrait,
    caller: &Caller,
    provider_id: Uuid,
) -> Result<provider::Model, ApiError> {
    let provider = visible_provider(db, caller, provider_id).await?;
    if caller.is_admin() || caller.is_orderer_of(provider_id) {
        Ok(provider)
    } else {
        Err(ApiError::Forbidden(Code::Forbidden))
    }
}

/// A provider's active rights: for its orderers, IT and support.
pub async fn list(state: &AppState, caller: &Caller, provider_id: Uuid) -> Result<OrderingRightList, ApiError> {
    let db = &state.db;
    let provider = visible_provider(db, caller, provider_id).await?;
    if !(caller.sees_all_providers() || caller.is_orderer_of(provider_id)) {
        return Err(ApiError::Forbidden(Code::Forbidden));
    }
    let rows: Vec<(ordering_right::Model, Option<account::Model>)> = ordering_right::Entity::find()
        .find_also_related(account::Entity)
        .filter(ordering_right::Column::ProviderId.eq(provider_id))
        .filter(ordering_right::Column::RevokedAt.is_null())
        .order_by_asc(ordering_right::Column::GrantedAt)
        .all(db)
        .await?;
    let items = rows.into_iter().filter_map(|(r, a)| a.map(|a| to_dto(r, &a))).collect();
    let compliance = compliance::service::row(db, &provider, state.settings.units_per_expert_user).await?;
    let warnings = orderer_warnings(&compliance);
    Ok(OrderingRightList { items, next_cursor: None, compliance, warnings })
}

pub(crate) fn orderer_warnings(row: &compliance::dto::ComplianceRow) -> Vec<ComplianceIssue> {
    row.issues.iter().copied().filter(|i| *i == ComplianceIssue::TooFewOrderers).collect()
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
    let account_id = errors.require("account_id", req.account_id);
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
    errors.finish()?;
    let Some(account) = account else { unreachable!("checked above") };
    let txn = db.begin().await?;
    let right = grant_in(&txn, caller, &provider, &account).await?;
    let compliance = compliance::service::row(&txn, &provider, state.settings.units_per_expert_user).await?;
    txn.commit().await?;
    let warnings = orderer_warnings(&compliance);
    Ok(OrderingRightAnswer { right: to_dto(right, &account), compliance, warnings })
}

/// Grants `account` a right for `provider` inside `txn`: 409 `already_granted` when it holds an
/// active one. Audited; any pending request of the account for the provider is answered as granted,
/// and its asker told.
pub(crate) async fn grant_in(
    txn: &DatabaseTransaction,
    caller: &Caller,
    provider: &provider::Model,
    account: &account::Model,
) -> Result<ordering_right::Model, ApiError> {
    let provider_id = provider.id;
    let already = ordering_right::Entity::find()
        .filter(ordering_right::Column::ProviderId.eq(provider_id))
        .filter(ordering_right::Column::AccountId.eq(account.id))
        .filter(ordering_right::Column::RevokedAt.is_null())
        .count(txn)
        .await?;
    if already > 0 {
        return Err(ApiError::Conflict(Code::AlreadyGranted, None));
    }
    let right = ordering_right::ActiveModel {
        id: Set(Uuid::now_v7()),
        provider_id: Set(provider_id),
        account_id: Set(account.id),
        granted_at: Set(chrono::Utc::now()),
        granted_by: Set(Some(caller.id())),
        revoked_at: Set(None),
        revoked_by: Set(None),
    }
    .insert(txn)
    .await
    // Two grants racing each other: the partial unique index lets one through.
    .map_err(|e| match crate::db::classify_db_error(e) {
        ApiError::Conflict(Code::AlreadyExists, _) => ApiError::Conflict(Code::AlreadyGranted, None),
        other => other,
    })?;
    audit::record(
        txn,
        Some(caller.id()),
        "ordering_right.granted",
        "ordering_right",
        Some(right.id),
        Some(provider_id),
        Some(serde_json::json!({"account_id": account.id})),
    )
    .await?;
    super::requests::answer_pending_as_granted(txn, caller, provider, account, right.id).await?;
    Ok(right)
}

/// Revokes a right. Orderers cannot revoke the provider's last one (409 `last_orderer`).
pub async fn revoke(state: &AppState, caller: &Caller, right_id: Uuid) -> Result<OrderingRightAnswer, ApiError> {
    let db = &state.db;
    let right = ordering_right::Entity::find_by_id(right_id).one(db).await?.ok_or(ApiError::NotFound)?;
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
    let now = chrono::Utc::now();
    // Conditional, so two revocations at once cannot both succeed.
    let result = ordering_right::Entity::update_many()
        .col_expr(ordering_right::Column::RevokedAt, sea_orm::sea_query::Expr::value(now))
        .col_expr(ordering_right::Column::RevokedBy, sea_orm::sea_query::Expr::value(caller.id()))
        .filter(ordering_right::Column::Id.eq(right.id))
        .filter(ordering_right::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    if result.rows_affected == 0 {
        return Err(ApiError::Conflict(Code::AlreadyRevoked, None));
    }
    audit::record(
        &txn,
        Some(caller.id()),
        "ordering_right.revoked",
        "ordering_right",
        Some(right.id),
        Some(right.provider_id),
        Some(serde_json::json!({"account_id": right.account_id})),
    )
    .await?;
    let compliance = compliance::service::row(&txn, &provider, state.settings.units_per_expert_user).await?;
    txn.commit().await?;
    let account = account::Entity::find_by_id(right.account_id).one(db).await?.ok_or(ApiError::NotFound)?;
    let revoked = ordering_right::Model { revoked_at: Some(now), revoked_by: Some(caller.id()), ..right };
    let warnings = orderer_warnings(&compliance);
    Ok(OrderingRightAnswer { right: to_dto(revoked, &account), compliance, warnings })
}
