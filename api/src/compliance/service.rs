//! Computing compliance rows.

use super::dto::*;
use crate::{
    auth::Caller,
    config::{ReviewInterval, Settings},
    entities::{account, ordering_right, provider, unit},
    error::ApiError,
    reviews::standing::{Standing, standings},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait as _,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The settings compliance is measured against.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    pub units_per_expert_user: u32,
    pub review_interval: ReviewInterval,
}

impl Policy {
    /// The policy of these settings.
    pub fn of(settings: &Settings) -> Policy {
        Policy { units_per_expert_user: settings.units_per_expert_user, review_interval: settings.review_interval }
    }
}

/// The issues and review fields of one row.
fn review_part(issues: &mut Vec<ComplianceIssue>, standing: Standing) {
    if standing.overdue {
        issues.push(ComplianceIssue::ReviewOverdue);
    }
    if standing.due {
        issues.push(ComplianceIssue::ReviewDue);
    }
}

/// The number of orderers every provider needs.
pub const ORDERERS_REQUIRED: u64 = 2;

/// Active ordering rights on active accounts, per provider.
async fn orderer_counts(
    db: &impl ConnectionTrait,
    provider_ids: Option<&[Uuid]>,
) -> Result<HashMap<Uuid, u64>, ApiError> {
    let mut query = ordering_right::Entity::find()
        .select_only()
        .column(ordering_right::Column::ProviderId)
        .column_as(ordering_right::Column::Id.count(), "n")
        .join(JoinType::InnerJoin, ordering_right::Relation::Account.def())
        .filter(ordering_right::Column::RevokedAt.is_null())
        .filter(account::Column::Active.eq(true))
        .group_by(ordering_right::Column::ProviderId);
    if let Some(ids) = provider_ids {
        query = query.filter(ordering_right::Column::ProviderId.is_in(ids.to_vec()));
    }
    let rows: Vec<(Uuid, i64)> = query.into_tuple().all(db).await?;
    Ok(rows.into_iter().map(|(p, n)| (p, n.max(0) as u64)).collect())
}

/// Active units, per provider.
async fn unit_counts(db: &impl ConnectionTrait, provider_ids: Option<&[Uuid]>) -> Result<HashMap<Uuid, u64>, ApiError> {
    let mut query = unit::Entity::find()
        .select_only()
        .column(unit::Column::ProviderId)
        .column_as(unit::Column::Id.count(), "n")
        .filter(unit::Column::Active.eq(true))
        .group_by(unit::Column::ProviderId);
    if let Some(ids) = provider_ids {
        query = query.filter(unit::Column::ProviderId.is_in(ids.to_vec()));
    }
    let rows: Vec<(Uuid, i64)> = query.into_tuple().all(db).await?;
    Ok(rows.into_iter().map(|(p, n)| (p, n.max(0) as u64)).collect())
}

/// Distinct active expert users, per provider.
async fn expert_user_counts(
    db: &impl ConnectionTrait,
    provider_ids: Option<&[Uuid]>,
) -> Result<HashMap<Uuid, u64>, ApiError> {
    crate::expert_users::service::active_counts(db, provider_ids).await
}

/// The recommended number of expert users for a provider with `units` active units.
pub fn recommended_expert_users(units: u64, units_per_expert_user: u32) -> u64 {
    units.div_ceil(u64::from(units_per_expert_user.max(1))).max(1)
}

/// Compliance rows for the given providers (all when `None`), by provider name.
pub async fn rows(
    db: &impl ConnectionTrait,
    provider_ids: Option<&[Uuid]>,
    policy: Policy,
) -> Result<Vec<ComplianceRow>, ApiError> {
    let units_per_expert_user = policy.units_per_expert_user;
    let mut query = provider::Entity::find().filter(provider::Column::Active.eq(true));
    if let Some(ids) = provider_ids {
        query = query.filter(provider::Column::Id.is_in(ids.to_vec()));
    }
    let providers = query.order_by_asc(provider::Column::Name).all(db).await?;
    let orderers = orderer_counts(db, provider_ids).await?;
    let units = unit_counts(db, provider_ids).await?;
    let experts = expert_user_counts(db, provider_ids).await?;
    let reviews = standings(db, provider_ids, policy.review_interval, chrono::Utc::now()).await?;
    Ok(providers
        .into_iter()
        .map(|p| {
            let orderers = orderers.get(&p.id).copied().unwrap_or(0);
            let expert_users = experts.get(&p.id).copied().unwrap_or(0);
            let recommended = recommended_expert_users(units.get(&p.id).copied().unwrap_or(0), units_per_expert_user);
            let mut issues = Vec::new();
            if orderers < ORDERERS_REQUIRED {
                issues.push(ComplianceIssue::TooFewOrderers);
            }
            if expert_users == 0 {
                issues.push(ComplianceIssue::NoExpertUser);
            } else if expert_users < recommended {
                issues.push(ComplianceIssue::TooFewExpertUsers);
            }
            let standing = reviews.get(&p.id).copied().unwrap_or_default();
            review_part(&mut issues, standing);
            ComplianceRow {
                provider_id: p.id,
                provider_name: p.name,
                orderers,
                orderers_required: ORDERERS_REQUIRED,
                expert_users,
                expert_users_recommended: recommended,
                issues,
                last_review_completed_at: standing.last_completed_at,
                open_review_id: standing.open_review_id,
            }
        })
        .collect())
}

/// One provider's row (also for an inactive provider).
pub async fn row(
    db: &impl ConnectionTrait,
    provider: &provider::Model,
    policy: Policy,
) -> Result<ComplianceRow, ApiError> {
    let units_per_expert_user = policy.units_per_expert_user;
    let ids = [provider.id];
    let orderers = orderer_counts(db, Some(&ids)).await?.get(&provider.id).copied().unwrap_or(0);
    let units = unit_counts(db, Some(&ids)).await?.get(&provider.id).copied().unwrap_or(0);
    let expert_users = expert_user_counts(db, Some(&ids)).await?.get(&provider.id).copied().unwrap_or(0);
    let recommended = recommended_expert_users(units, units_per_expert_user);
    let mut issues = Vec::new();
    if orderers < ORDERERS_REQUIRED {
        issues.push(ComplianceIssue::TooFewOrderers);
    }
    if expert_users == 0 {
        issues.push(ComplianceIssue::NoExpertUser);
    } else if expert_users < recommended {
        issues.push(ComplianceIssue::TooFewExpertUsers);
    }
    let standing = standings(db, Some(&ids), policy.review_interval, chrono::Utc::now())
        .await?
        .remove(&provider.id)
        .unwrap_or_default();
    review_part(&mut issues, standing);
    Ok(ComplianceRow {
        provider_id: provider.id,
        provider_name: provider.name.clone(),
        orderers,
        orderers_required: ORDERERS_REQUIRED,
        expert_users,
        expert_users_recommended: recommended,
        issues,
        last_review_completed_at: standing.last_completed_at,
        open_review_id: standing.open_review_id,
    })
}

/// The rows the caller may see: all for support and IT, the providers it orders for otherwise.
pub async fn list(
    db: &impl ConnectionTrait,
    caller: &Caller,
    filter: &ComplianceFilter,
    policy: Policy,
) -> Result<ComplianceList, ApiError> {
    let visible: Option<Vec<Uuid>> = if caller.sees_all_providers() {
        None
    } else if caller.is_orderer() {
        Some(caller.ordering_rights.iter().map(|r| r.provider_id).collect())
    } else {
        return Err(ApiError::Forbidden(crate::error::Code::Forbidden));
    };
    let ids: Option<Vec<Uuid>> = match (filter.provider_id, visible) {
        (Some(p), Some(v)) if !v.contains(&p) => return Err(ApiError::NotFound),
        (Some(p), _) => Some(vec![p]),
        (None, v) => v,
    };
    Ok(ComplianceList { items: rows(db, ids.as_deref(), policy).await? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_expert_user_per_started_group_of_units() {
        assert_eq!(recommended_expert_users(0, 10), 1);
        assert_eq!(recommended_expert_users(10, 10), 1);
        assert_eq!(recommended_expert_users(11, 10), 2);
        assert_eq!(recommended_expert_users(25, 10), 3);
    }
}
