//! Counting what the caller has to do: a handful of `COUNT`s, each by an index.

use super::dto::Summary;
use crate::{
    auth::Caller,
    compliance,
    domain::OrderStatus,
    entities::{holding, notification, order, ordering_right_request},
    error::ApiError,
};
use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

/// Settings the counts depend on.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// `SESAM_EXPIRY_NOTICE_DAYS`.
    pub notice_days: u32,
    /// What compliance asks of a provider (expert users per unit, review interval).
    pub compliance: compliance::service::Policy,
}

/// The caller's summary: every field present, 0 where it does not apply.
pub async fn summary(db: &DatabaseConnection, caller: &Caller, settings: Settings) -> Result<Summary, ApiError> {
    let mut out = Summary::default();
    let providers: Vec<Uuid> = caller.ordering_rights.iter().map(|r| r.provider_id).collect();
    if !providers.is_empty() {
        let of = |status: OrderStatus| {
            order::Entity::find()
                .filter(order::Column::ProviderId.is_in(providers.clone()))
                .filter(order::Column::Status.eq(status.as_str()))
        };
        out.drafts = of(OrderStatus::Draft).count(db).await?;
        out.returned = of(OrderStatus::Draft).filter(order::Column::ReturnQuestion.is_not_null()).count(db).await?;
        out.submitted = of(OrderStatus::Submitted).count(db).await?;
        out.in_progress = of(OrderStatus::InProgress).count(db).await?;
        let today = Utc::now().date_naive();
        let until = today + Duration::days(i64::from(settings.notice_days));
        out.end_dates_near = holding::Entity::find()
            .filter(holding::Column::ProviderId.is_in(providers.clone()))
            .filter(holding::Column::EndedAt.is_null())
            .filter(holding::Column::ValidTo.lte(until))
            .count(db)
            .await?;
    }
    if !providers.is_empty() || caller.is_admin() {
        let mut requests =
            ordering_right_request::Entity::find().filter(ordering_right_request::Column::Status.eq("pending"));
        if !caller.is_admin() {
            requests = requests.filter(ordering_right_request::Column::ProviderId.is_in(providers.clone()));
        }
        out.ordering_right_requests = requests.count(db).await?;
    }
    if caller.is_it() {
        let queue = order::Entity::find().filter(order::Column::Status.eq(OrderStatus::Submitted.as_str()));
        out.queue = queue.clone().count(db).await?;
        // The oldest sent order first: `ix_orders_status` gives them in id (creation) order, close to it.
        out.queue_oldest_at = queue
            .select_only()
            .column(order::Column::SubmittedAt)
            .order_by_asc(order::Column::SubmittedAt)
            .limit(1)
            .into_tuple::<Option<chrono::DateTime<Utc>>>()
            .one(db)
            .await?
            .flatten();
        out.mine_in_progress = order::Entity::find()
            .filter(order::Column::TakenBy.eq(caller.id()))
            .filter(order::Column::Status.eq(OrderStatus::InProgress.as_str()))
            .count(db)
            .await?;
    }
    if caller.is_admin() {
        let rows = compliance::service::rows(db, None, settings.compliance).await?;
        out.providers_with_issues = rows.iter().filter(|r| !r.issues.is_empty()).count() as u64;
    }
    let reviews = crate::reviews::summary::counts(db, caller).await?;
    (out.open_reviews, out.overdue_reviews) = (reviews.to_decide, reviews.overdue);
    out.unread_notifications = notification::Entity::find()
        .filter(notification::Column::AccountId.eq(caller.id()))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?;
    Ok(out)
}
