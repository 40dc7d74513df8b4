//! The end-date job: before a holding's end date the provider's orderers are told (once); when it
//! has passed, Sesam creates the revoke order and sends it to IT by itself (once).
//!
//! Every `sesam serve` runs it in the background, at start and then every `SESAM_JOBS_INTERVAL`;
//! `sesam run-jobs [--now …]` runs it once (with a given clock: how tests travel in time). Any
//! number of processes may run it at once, against one PostgreSQL database or one SQLite file:
//! each holding's notice and each passed end date are claimed by one conditional update
//! (`… WHERE id = ? AND notice_sent_at IS NULL AND valid_to = ?`), in the same transaction as the
//! notification or the revoke order it causes. The database lets one process through; the others
//! find the row claimed (a concurrent update waits for the first to commit, then re-checks its
//! condition) and go on. A process that dies mid-way rolls back its claim with its work, and the
//! next run does it.
//!
//! Dates are days in UTC: an end date `valid_to` is the last day the permission is valid; it has
//! passed when the job's "today" is later. The notice is due from `SESAM_EXPIRY_NOTICE_DAYS` days
//! before the end date until the end date itself. Changing a holding's end date (by hand, or by a
//! newer grant order) makes the new date due for its own notice and its own handling.
//!
//! Each run also forgets the orders' `Idempotency-Key`s older than their retention (7 days).

use super::units::unit_ids_of;
use crate::{
    audit::{self, AuditEvent},
    config::Settings,
    domain::PersonalNumber,
    effects,
    entities::{holding, permission, provider, system},
    error::ApiError,
    idempotency,
    notifications::{
        dto::NotificationKind,
        service::{Notice, notify},
    },
    ordering_rights::orderers::active_orderers,
    orders::store::{Revoke, SentRevoke, send_revoke},
};
use chrono::{DateTime, Days, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
    sea_query::Expr,
};
use std::{fmt, time::Duration};
use uuid::Uuid;

/// How the job behaves.
#[derive(Clone, Debug)]
pub struct JobConfig {
    /// How long before an end date the orderers are told.
    pub notice_days: u32,
    /// IT's mailbox, told of each revoke order Sesam sends.
    pub it_email: Option<String>,
    /// How long before a review's due date its orderers are reminded.
    pub review_reminder_days: u32,
    /// Rule 19's dormant accounts, handled in the same runs.
    pub dormant: crate::accounts::dormant::DormantConfig,
}

impl JobConfig {
    pub fn from_settings(settings: &Settings) -> JobConfig {
        JobConfig {
            notice_days: settings.expiry_notice_days,
            it_email: settings.it_email.clone(),
            review_reminder_days: settings.review_reminder_days,
            dormant: crate::accounts::dormant::DormantConfig::from_settings(settings),
        }
    }
}

/// What one run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JobReport {
    /// Holdings whose orderers were told that the end date is near.
    pub notices: usize,
    /// Revoke orders created and sent to IT for passed end dates.
    pub revoke_orders: usize,
    /// Passed end dates for which a revoke order was already open (none made).
    pub already_open: usize,
    /// Holdings that could not be handled this time (logged; the next run tries again).
    pub failed: usize,
    /// `Idempotency-Key`s forgotten, being older than their retention.
    pub idempotency_keys_forgotten: u64,
    /// Review reminders and overdue notices.
    pub reviews: crate::reviews::job::ReviewJobReport,
}

impl fmt::Display for JobReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "end dates: {} notice(s), {} revoke order(s) sent to IT, {} already open, {} failed; \
             {} idempotency key(s) forgotten; {}",
            self.notices,
            self.revoke_orders,
            self.already_open,
            self.failed,
            self.idempotency_keys_forgotten,
            self.reviews
        )
    }
}

/// Starts the job in the background: now, then every `interval`; nothing when it is `None` (`off`).
pub fn spawn(db: DatabaseConnection, settings: &Settings) -> Option<JobHandle> {
    let Some(interval) = settings.jobs_interval else {
        log::info!("SESAM_JOBS_INTERVAL is off: end dates are handled only by `sesam run-jobs`");
        return None;
    };
    let config = JobConfig::from_settings(settings);
    let (stop, stopped) = tokio::sync::watch::channel(false);
    Some(JobHandle { stop, task: tokio::spawn(run(db, config, interval, stopped)) })
}

/// The running job, to be stopped when the process shuts down.
pub struct JobHandle {
    stop: tokio::sync::watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl JobHandle {
    /// Asks the job to stop after the run it is in (each of whose steps is one transaction), and
    /// waits for it (at most `timeout`).
    pub async fn stop(self, timeout: Duration) {
        let _ = self.stop.send(true);
        match tokio::time::timeout(timeout, self.task).await {
            Ok(_) => log::info!("jobs: stopped"),
            Err(_) => log::warn!("jobs: did not stop within {timeout:?}"),
        }
    }
}

/// Runs the job every `interval` until told to stop.
pub async fn run(
    db: DatabaseConnection,
    config: JobConfig,
    interval: Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    while !*stop.borrow() {
        match run_once(&db, &config, Utc::now()).await {
            Ok(report) if report == JobReport::default() => {}
            Ok(report) => log::info!("jobs: {report}"),
            Err(e) => log::warn!("jobs: cannot read the holdings: {e}"),
        }
        match crate::accounts::dormant::run_once(&db, &config.dormant, Utc::now()).await {
            Ok(report) if report == Default::default() => {}
            Ok(report) => log::info!("jobs: {report}"),
            Err(e) => log::warn!("jobs: cannot read the accounts: {e}"),
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = stop.changed() => {}
        }
    }
}

/// Runs the job once with `now` as its clock: the notices due, then the passed end dates.
pub async fn run_once(db: &DatabaseConnection, config: &JobConfig, now: DateTime<Utc>) -> Result<JobReport, ApiError> {
    let today = now.date_naive();
    let mut report = JobReport::default();
    let horizon = today.checked_add_days(Days::new(u64::from(config.notice_days))).unwrap_or(NaiveDate::MAX);

    let due_notices: Vec<(Uuid, Option<NaiveDate>)> = holding::Entity::find()
        .select_only()
        .column(holding::Column::Id)
        .column(holding::Column::ValidTo)
        .filter(holding::Column::EndedAt.is_null())
        .filter(holding::Column::NoticeSentAt.is_null())
        .filter(holding::Column::ExpiryHandledAt.is_null())
        .filter(holding::Column::ValidTo.gte(today))
        .filter(holding::Column::ValidTo.lte(horizon))
        .order_by_asc(holding::Column::ValidTo)
        .order_by_asc(holding::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    for (id, valid_to) in due_notices {
        let Some(valid_to) = valid_to else { continue };
        match notice(db, id, valid_to).await {
            Ok(true) => report.notices += 1,
            Ok(false) => {}
            Err(e) => {
                log::warn!("jobs: the end-date notice of holding {id} failed, next run tries again: {e}");
                report.failed += 1;
            }
        }
    }

    let passed: Vec<(Uuid, Option<NaiveDate>)> = holding::Entity::find()
        .select_only()
        .column(holding::Column::Id)
        .column(holding::Column::ValidTo)
        .filter(holding::Column::EndedAt.is_null())
        .filter(holding::Column::ExpiryHandledAt.is_null())
        .filter(holding::Column::ValidTo.lt(today))
        .order_by_asc(holding::Column::ValidTo)
        .order_by_asc(holding::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    for (id, valid_to) in passed {
        let Some(valid_to) = valid_to else { continue };
        match expire(db, config, id, valid_to).await {
            Ok(Some(Expired::Sent)) => report.revoke_orders += 1,
            Ok(Some(Expired::AlreadyOpen)) => report.already_open += 1,
            Ok(None) => {}
            Err(e) => {
                log::warn!("jobs: the passed end date of holding {id} failed, next run tries again: {e}");
                report.failed += 1;
            }
        }
    }
    report.reviews = crate::reviews::job::run_once(db, config.review_reminder_days, now).await?;
    report.idempotency_keys_forgotten = idempotency::forget_old(db, now).await?;
    Ok(report)
}

/// The names a message about a holding uses: provider, permission, system.
async fn names_of(
    db: &impl sea_orm::ConnectionTrait,
    h: &holding::Model,
) -> Result<(String, String, String), ApiError> {
    let provider = provider::Entity::find_by_id(h.provider_id).one(db).await?.map(|p| p.name).unwrap_or_default();
    let permission = permission::Entity::find_by_id(h.permission_id).one(db).await?.map(|p| p.name).unwrap_or_default();
    let system = system::Entity::find_by_id(h.system_id).one(db).await?.map(|s| s.name).unwrap_or_default();
    Ok((provider, permission, system))
}

/// Tells the provider's orderers that the holding's end date is near, if no one has; answers
/// whether this call did.
async fn notice(db: &DatabaseConnection, id: Uuid, valid_to: NaiveDate) -> Result<bool, ApiError> {
    let txn = db.begin().await?;
    // The claim comes first: on SQLite it takes the write lock at once; on PostgreSQL it waits
    // for a concurrent claim of the same row to end and then finds it taken.
    let claimed = holding::Entity::update_many()
        .col_expr(holding::Column::NoticeSentAt, Expr::value(Some(Utc::now())))
        .filter(holding::Column::Id.eq(id))
        .filter(holding::Column::EndedAt.is_null())
        .filter(holding::Column::NoticeSentAt.is_null())
        .filter(holding::Column::ExpiryHandledAt.is_null())
        .filter(holding::Column::ValidTo.eq(valid_to))
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        txn.rollback().await?;
        return Ok(false);
    }
    let h = holding::Entity::find_by_id(id).one(&txn).await?.ok_or(ApiError::NotFound)?;
    let (provider, permission, system) = names_of(&txn, &h).await?;
    let orderers = active_orderers(&txn, h.provider_id).await?;
    if orderers.is_empty() {
        log::warn!("jobs: holding {id} ends {valid_to}, but {provider} has no orderer to tell");
    }
    let person = format!("{} {}", h.first_name, h.last_name);
    let notice = Notice {
        kind: NotificationKind::EndDateNear,
        order_id: Some(h.latest_order_id),
        title: format!("Behörighet upphör {valid_to}: {person}"),
        body: format!(
            "{person} ({}) har behörigheten {permission} i {system} hos {provider} till och med {valid_to}. \
             Ska den gälla längre: ändra slutdatumet under Behörighetsinnehav i Sesam. Annars skickar Sesam en \
             avbeställning till IT dagen efter slutdatumet.",
            crate::domain::mask_stored(&h.personal_number),
        ),
    };
    notify(&txn, &orderers, &notice).await?;
    txn.commit().await?;
    Ok(true)
}

enum Expired {
    /// A revoke order was made and sent to IT.
    Sent,
    /// One was already open; none was made.
    AlreadyOpen,
}

/// Handles a passed end date, if no one has: makes and sends the revoke order (naming all the
/// holding's units), or, when the person already has an open revoke order for the permission
/// there, makes none (rule 13) and notes that one.
async fn expire(
    db: &DatabaseConnection,
    config: &JobConfig,
    id: Uuid,
    valid_to: NaiveDate,
) -> Result<Option<Expired>, ApiError> {
    let txn = db.begin().await?;
    let claimed = holding::Entity::update_many()
        .col_expr(holding::Column::ExpiryHandledAt, Expr::value(Some(Utc::now())))
        .filter(holding::Column::Id.eq(id))
        .filter(holding::Column::EndedAt.is_null())
        .filter(holding::Column::ExpiryHandledAt.is_null())
        .filter(holding::Column::ValidTo.eq(valid_to))
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        txn.rollback().await?;
        return Ok(None);
    }
    let h = holding::Entity::find_by_id(id).one(&txn).await?.ok_or(ApiError::NotFound)?;
    let personal_number = PersonalNumber::from_stored(&h.personal_number)
        .ok_or_else(|| ApiError::internal(format!("holding {id} has no valid personal number")))?;
    let note = format!("Slutdatumet {valid_to} har passerat. Avbeställningen skapades av Sesam.");
    let revoke = SentRevoke {
        provider_id: h.provider_id,
        permission_id: h.permission_id,
        system_id: h.system_id,
        unit_ids: unit_ids_of(&txn, h.id).await?,
        first_name: h.first_name.clone(),
        last_name: h.last_name.clone(),
        personal_number,
        email: h.email.clone(),
        comment: Some(note.clone()),
    };
    let settings = effects::Settings { it_email: config.it_email.as_deref() };
    let (outcome, order_id) = match send_revoke(&txn, None, revoke, Some(note), settings).await? {
        Revoke::Sent(order) => (Expired::Sent, order.id),
        Revoke::AlreadyOpen(open) => (Expired::AlreadyOpen, open.id),
    };
    holding::Entity::update_many()
        .col_expr(holding::Column::ExpiryOrderId, Expr::value(Some(order_id)))
        .filter(holding::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let event = AuditEvent::HoldingEndDatePassed {
        holding_id: id,
        provider_id: h.provider_id,
        valid_to: valid_to.format("%Y-%m-%d").to_string(),
        order_id,
        order_made: matches!(outcome, Expired::Sent),
    };
    audit::record(&txn, None, event).await?;
    txn.commit().await?;
    Ok(Some(outcome))
}
