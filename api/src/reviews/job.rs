//! The review part of the periodic job (rule 15): from `SESAM_REVIEW_REMINDER_DAYS` days before a
//! review's due date its orderers are reminded, once; from the day after, the review is recorded
//! as overdue and its orderers and support are told, once. Each is claimed by one conditional
//! update (`… WHERE id = ? AND reminder_sent_at IS NULL AND status = 'open'`), in the transaction
//! of the notifications and emails it causes, so that any number of processes may run the job at
//! once (see `holdings::job` for the same pattern).

use super::dto::ReviewStatus;
use crate::{
    effects::{events::Event, publish::publish},
    entities::{account, provider, review},
    error::ApiError,
    notifications::{
        dto::NotificationKind,
        service::{Notice, notify_review},
    },
    ordering_rights::orderers::active_orderers,
};
use chrono::{DateTime, Days, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait, sea_query::Expr,
};
use std::fmt;
use uuid::Uuid;

/// What one run did with reviews.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewJobReport {
    /// Reviews whose orderers were reminded of the due date.
    pub reminders: usize,
    /// Reviews recorded as overdue (orderers and support told).
    pub overdue: usize,
    /// Reviews that could not be handled this time (logged; the next run tries again).
    pub failed: usize,
}

impl fmt::Display for ReviewJobReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "reviews: {} reminder(s), {} overdue, {} failed", self.reminders, self.overdue, self.failed)
    }
}

/// Runs the review job once with `now` as its clock.
pub async fn run_once(
    db: &DatabaseConnection,
    reminder_days: u32,
    now: DateTime<Utc>,
) -> Result<ReviewJobReport, ApiError> {
    let today = now.date_naive();
    let horizon = today.checked_add_days(Days::new(u64::from(reminder_days))).unwrap_or(NaiveDate::MAX);
    let mut report = ReviewJobReport::default();
    let due_soon: Vec<Uuid> = review::Entity::find()
        .select_only()
        .column(review::Column::Id)
        .filter(review::Column::Status.eq(ReviewStatus::Open.as_str()))
        .filter(review::Column::ReminderSentAt.is_null())
        .filter(review::Column::DueDate.gte(today))
        .filter(review::Column::DueDate.lte(horizon))
        .order_by_asc(review::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    for id in due_soon {
        match remind(db, id, today).await {
            Ok(true) => report.reminders += 1,
            Ok(false) => {}
            Err(e) => {
                log::warn!("jobs: the reminder of review {id} failed, next run tries again: {e}");
                report.failed += 1;
            }
        }
    }
    let overdue: Vec<Uuid> = review::Entity::find()
        .select_only()
        .column(review::Column::Id)
        .filter(review::Column::Status.eq(ReviewStatus::Open.as_str()))
        .filter(review::Column::OverdueAt.is_null())
        .filter(review::Column::DueDate.lt(today))
        .order_by_asc(review::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    for id in overdue {
        match mark_overdue(db, id, today).await {
            Ok(true) => report.overdue += 1,
            Ok(false) => {}
            Err(e) => {
                log::warn!("jobs: the overdue notice of review {id} failed, next run tries again: {e}");
                report.failed += 1;
            }
        }
    }
    Ok(report)
}

async fn provider_name(db: &impl ConnectionTrait, id: Uuid) -> Result<String, ApiError> {
    Ok(provider::Entity::find_by_id(id).one(db).await?.map(|p| p.name).unwrap_or_default())
}

/// Reminds the orderers of the due date, if no one has; answers whether this call did.
async fn remind(db: &DatabaseConnection, id: Uuid, today: NaiveDate) -> Result<bool, ApiError> {
    let txn = db.begin().await?;
    let claimed = review::Entity::update_many()
        .col_expr(review::Column::ReminderSentAt, Expr::value(Some(Utc::now())))
        .filter(review::Column::Id.eq(id))
        .filter(review::Column::Status.eq(ReviewStatus::Open.as_str()))
        .filter(review::Column::ReminderSentAt.is_null())
        .filter(review::Column::DueDate.gte(today))
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        txn.rollback().await?;
        return Ok(false);
    }
    let r = review::Entity::find_by_id(id).one(&txn).await?.ok_or(ApiError::NotFound)?;
    let provider = provider_name(&txn, r.provider_id).await?;
    let notice = Notice {
        kind: NotificationKind::ReviewDueSoon,
        order_id: None,
        title: format!("Påminnelse: behörighetsuppföljningen ska vara klar {}", r.due_date),
        body: format!(
            "Uppföljningen \"{}\" hos {provider} ska vara klar senast {}. Besluta om de behörigheter som återstår och \
             slutför uppföljningen under Behörighetsuppföljning i Sesam.",
            r.title, r.due_date
        ),
    };
    notify_review(&txn, &active_orderers(&txn, r.provider_id).await?, &notice, id).await?;
    txn.commit().await?;
    Ok(true)
}

/// Records the review as overdue and tells its orderers and support, if no one has; answers
/// whether this call did.
async fn mark_overdue(db: &DatabaseConnection, id: Uuid, today: NaiveDate) -> Result<bool, ApiError> {
    let txn = db.begin().await?;
    let claimed = review::Entity::update_many()
        .col_expr(review::Column::OverdueAt, Expr::value(Some(Utc::now())))
        .filter(review::Column::Id.eq(id))
        .filter(review::Column::Status.eq(ReviewStatus::Open.as_str()))
        .filter(review::Column::OverdueAt.is_null())
        .filter(review::Column::DueDate.lt(today))
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        txn.rollback().await?;
        return Ok(false);
    }
    let r = review::Entity::find_by_id(id).one(&txn).await?.ok_or(ApiError::NotFound)?;
    let provider = provider_name(&txn, r.provider_id).await?;
    let mut recipients = active_orderers(&txn, r.provider_id).await?;
    let support: Vec<Uuid> = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .filter(account::Column::IsAdmin.eq(true))
        .filter(account::Column::Active.eq(true))
        .into_tuple()
        .all(&txn)
        .await?;
    recipients.extend(support);
    let notice = Notice {
        kind: NotificationKind::ReviewOverdue,
        order_id: None,
        title: format!("Behörighetsuppföljning försenad: {provider}"),
        body: format!(
            "Uppföljningen \"{}\" hos {provider} skulle ha varit klar senast {} och är inte slutförd. Besluta om de \
             behörigheter som återstår och slutför den under Behörighetsuppföljning i Sesam.",
            r.title, r.due_date
        ),
    };
    notify_review(&txn, &recipients, &notice, id).await?;
    publish(&txn, &Event::ReviewOverdue { review_id: id, provider_id: r.provider_id }).await?;
    txn.commit().await?;
    Ok(true)
}
