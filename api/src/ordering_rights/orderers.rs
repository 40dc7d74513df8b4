//! Who orders for a provider, and who may manage its ordering rights.

use super::dto::OrderingRightDto;
pub use crate::providers::service::require_manager;
use crate::{
    compliance::dto::{ComplianceIssue, ComplianceRow},
    entities::{account, ordering_right},
    error::ApiError,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait as _,
};
use uuid::Uuid;

/// A right as its answers show it.
pub fn to_dto(right: ordering_right::Model, account: &account::Model) -> OrderingRightDto {
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

/// Who is asked for a right: the provider's orderers (active rights on active accounts), or every
/// active support account when it has none.
pub async fn deciders(db: &impl ConnectionTrait, provider_id: Uuid) -> Result<Vec<Uuid>, ApiError> {
    let orderers = active_orderers(db, provider_id).await?;
    if !orderers.is_empty() {
        return Ok(orderers);
    }
    Ok(account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .filter(account::Column::IsAdmin.eq(true))
        .filter(account::Column::Active.eq(true))
        .into_tuple()
        .all(db)
        .await?)
}

/// The warnings of rule 9 in a compliance row (too few orderers).
pub fn orderer_warnings(row: &ComplianceRow) -> Vec<ComplianceIssue> {
    row.issues.iter().copied().filter(|i| *i == ComplianceIssue::TooFewOrderers).collect()
}
