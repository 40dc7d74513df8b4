//! Where each provider stands with its access reviews, for its compliance row (rule 15): its last
//! completed review, its open one, whether that is overdue, and whether a review is due.

use super::dto::ReviewStatus;
use crate::{
    config::ReviewInterval,
    entities::{provider, review},
    error::ApiError,
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// One provider's standing.
#[derive(Clone, Copy, Debug, Default)]
pub struct Standing {
    pub last_completed_at: Option<DateTime<Utc>>,
    /// The newest open review.
    pub open_review_id: Option<Uuid>,
    /// An open review is past its due date (as the job found).
    pub overdue: bool,
    /// Active holdings with no review completed within the interval.
    pub due: bool,
}

/// The standing of the given providers (all when `None`); three queries.
pub async fn standings(
    db: &impl ConnectionTrait,
    provider_ids: Option<&[Uuid]>,
    interval: ReviewInterval,
    now: DateTime<Utc>,
) -> Result<HashMap<Uuid, Standing>, ApiError> {
    let mut completed = review::Entity::find()
        .select_only()
        .column(review::Column::ProviderId)
        .column(review::Column::CompletedAt)
        .filter(review::Column::Status.eq(ReviewStatus::Completed.as_str()));
    let mut open = review::Entity::find()
        .select_only()
        .column(review::Column::ProviderId)
        .column(review::Column::Id)
        .column(review::Column::OverdueAt)
        .filter(review::Column::Status.eq(ReviewStatus::Open.as_str()))
        .order_by_asc(review::Column::Id);
    // One probe of `ux_holdings_active` per provider, not a walk over every active holding.
    let mut held = provider::Entity::find().select_only().column(provider::Column::Id).filter(Expr::cust(
        "EXISTS (SELECT 1 FROM holdings h WHERE h.provider_id = providers.id AND h.ended_at IS NULL)",
    ));
    if let Some(ids) = provider_ids {
        completed = completed.filter(review::Column::ProviderId.is_in(ids.to_vec()));
        open = open.filter(review::Column::ProviderId.is_in(ids.to_vec()));
        held = held.filter(provider::Column::Id.is_in(ids.to_vec()));
    }
    let completed: Vec<(Uuid, Option<DateTime<Utc>>)> = completed.into_tuple().all(db).await?;
    let open: Vec<(Uuid, Uuid, Option<DateTime<Utc>>)> = open.into_tuple().all(db).await?;
    let held: HashSet<Uuid> = held.into_tuple::<Uuid>().all(db).await?.into_iter().collect();
    let mut out: HashMap<Uuid, Standing> = HashMap::new();
    for (p, at) in completed {
        let s = out.entry(p).or_default();
        s.last_completed_at = s.last_completed_at.max(at);
    }
    for (p, id, overdue_at) in open {
        let s = out.entry(p).or_default();
        s.open_review_id = Some(id);
        s.overdue |= overdue_at.is_some();
    }
    let cutoff = interval.before(now);
    for p in held {
        let s = out.entry(p).or_default();
        s.due = s.last_completed_at.is_none_or(|at| at < cutoff);
    }
    Ok(out)
}
