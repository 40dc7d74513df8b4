//! What the caller has to do about access reviews now, for the work view (`GET /me/summary`).

use super::dto::{ReviewCounts, ReviewStatus};
use crate::{
    auth::Caller,
    entities::{holding, review, review_item},
    error::ApiError,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QuerySelect, RelationTrait as _,
};
use uuid::Uuid;

/// For an orderer: the open reviews of its providers that still have items to decide (`to_decide`)
/// and those of them past their due date (`overdue`). For support: every overdue open review. Both
/// are zero for anyone else.
pub async fn counts(db: &impl ConnectionTrait, caller: &Caller) -> Result<ReviewCounts, ApiError> {
    let mut counts = ReviewCounts::default();
    let mine: Vec<Uuid> = caller.ordering_rights.iter().map(|r| r.provider_id).collect();
    if !mine.is_empty() {
        let open: Vec<(Uuid, Option<chrono::DateTime<chrono::Utc>>)> = review::Entity::find()
            .select_only()
            .column(review::Column::Id)
            .column(review::Column::OverdueAt)
            .filter(review::Column::Status.eq(ReviewStatus::Open.as_str()))
            .filter(review::Column::ProviderId.is_in(mine))
            .into_tuple()
            .all(db)
            .await?;
        for (id, overdue_at) in open {
            let undecided = review_item::Entity::find()
                .join(JoinType::InnerJoin, review_item::Relation::Holding.def())
                .filter(review_item::Column::ReviewId.eq(id))
                .filter(review_item::Column::Decision.is_null())
                .filter(holding::Column::EndedAt.is_null())
                .count(db)
                .await?;
            if undecided > 0 {
                counts.to_decide += 1;
            }
            if overdue_at.is_some() {
                counts.overdue += 1;
            }
        }
    }
    if caller.is_admin() {
        counts.overdue = review::Entity::find()
            .filter(review::Column::Status.eq(ReviewStatus::Open.as_str()))
            .filter(review::Column::OverdueAt.is_not_null())
            .count(db)
            .await?;
    }
    Ok(counts)
}
