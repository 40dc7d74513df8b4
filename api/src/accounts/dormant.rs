//! Rule 19: dormant accounts. An account without a sign-in or API use for `SESAM_DORMANT_DAYS`
//! (default 180; `off` disables) is deactivated by the periodic job, after an email notice
//! `SESAM_DORMANT_NOTICE_DAYS` (default 14) before; the provider's orderers are told when it is
//! deactivated. The last active support account is never deactivated.
//!
//! "Last used" is `last_seen_at`, or `created_at` for an account never used. Each notice and each
//! deactivation is claimed by one conditional update in the transaction of its effects (the email,
//! the notification, the ended sessions), so any number of replicas may run the job at once and
//! each happens exactly once: the database lets one process through, the others find nothing to do.
//! A notice belongs to one stretch of dormancy: a sign-in after it makes the next stretch due for
//! its own notice (`dormant_notice_at` is then older than `last_seen_at`).

use crate::{
    audit::{self, AuditEvent},
    entities::account,
    error::ApiError,
    notifications::{
        dto::NotificationKind,
        service::{Notice, notify},
    },
    ordering_rights::orderers::active_orderers,
    outbox::{self, OutgoingEmail},
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
    sea_query::{Expr, ExprTrait, Func, SimpleExpr},
};
use std::fmt;

/// How the dormancy job behaves.
#[derive(Clone, Copy, Debug)]
pub struct DormantConfig {
    /// Days of no use after which an account is deactivated; `None`: never.
    pub days: Option<u32>,
    /// Days before that the account is told.
    pub notice_days: u32,
}

impl DormantConfig {
    pub fn from_settings(settings: &crate::config::Settings) -> DormantConfig {
        DormantConfig { days: settings.dormant_days, notice_days: settings.dormant_notice_days }
    }
}

/// What one run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DormantReport {
    pub notices: usize,
    pub deactivated: usize,
    /// Dormant support accounts kept because they are the last active one.
    pub kept_last_support: usize,
}

impl fmt::Display for DormantReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "dormant accounts: {} notice(s), {} deactivated, {} kept as the last support account",
            self.notices, self.deactivated, self.kept_last_support
        )
    }
}

/// When the account was last used: its last sign-in, or its creation.
fn last_used() -> SimpleExpr {
    SimpleExpr::from(Func::coalesce([Expr::col(account::Column::LastSeenAt), Expr::col(account::Column::CreatedAt)]))
}

/// Runs the job once with `now` as its clock.
pub async fn run_once(
    db: &DatabaseConnection,
    config: &DormantConfig,
    now: DateTime<Utc>,
) -> Result<DormantReport, ApiError> {
    let mut report = DormantReport::default();
    let Some(days) = config.days else { return Ok(report) };
    let cutoff = now - Duration::days(i64::from(days));
    let notice_cutoff = now - Duration::days(i64::from(days.saturating_sub(config.notice_days)));

    // Deactivations first: an account past both lines gets no notice after the fact.
    let due = account::Entity::find()
        .filter(account::Column::Active.eq(true))
        .filter(last_used().lte(cutoff))
        .all(db)
        .await?;
    for candidate in due {
        match deactivate(db, &candidate, cutoff, now).await {
            Ok(Outcome::Done) => report.deactivated += 1,
            Ok(Outcome::KeptLastSupport) => report.kept_last_support += 1,
            Ok(Outcome::Nothing) => {}
            Err(e) => log::warn!("jobs: a dormant account could not be deactivated: {e}"),
        }
    }

    let due = account::Entity::find()
        .filter(account::Column::Active.eq(true))
        .filter(last_used().lte(notice_cutoff))
        .filter(notice_not_sent())
        .all(db)
        .await?;
    for candidate in due {
        if candidate.is_admin && other_active_admins(db, candidate.id).await? == 0 {
            continue;
        }
        match send_notice(db, &candidate, notice_cutoff, days, now).await {
            Ok(true) => report.notices += 1,
            Ok(false) => {}
            Err(e) => log::warn!("jobs: a dormancy notice could not be queued: {e}"),
        }
    }
    Ok(report)
}

/// No notice yet for this stretch of dormancy.
fn notice_not_sent() -> Condition {
    Condition::any()
        .add(account::Column::DormantNoticeAt.is_null())
        .add(Expr::col(account::Column::DormantNoticeAt).lt(last_used()))
}

async fn other_active_admins(db: &impl sea_orm::ConnectionTrait, except: uuid::Uuid) -> Result<u64, ApiError> {
    Ok(account::Entity::find()
        .filter(account::Column::Active.eq(true))
        .filter(account::Column::IsAdmin.eq(true))
        .filter(account::Column::Id.ne(except))
        .count(db)
        .await?)
}

enum Outcome {
    Done,
    KeptLastSupport,
    Nothing,
}

async fn deactivate(
    db: &DatabaseConnection,
    candidate: &account::Model,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Outcome, ApiError> {
    let txn = db.begin().await?;
    if candidate.is_admin && other_active_admins(&txn, candidate.id).await? == 0 {
        return Ok(Outcome::KeptLastSupport);
    }
    // The claim: still active, still unused since the cutoff.
    let claimed = account::Entity::update_many()
        .col_expr(account::Column::Active, Expr::value(false))
        .col_expr(account::Column::UpdatedAt, Expr::value(now))
        .filter(account::Column::Id.eq(candidate.id))
        .filter(account::Column::Active.eq(true))
        .filter(last_used().lte(cutoff))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(Outcome::Nothing);
    }
    if candidate.is_admin && other_active_admins(&txn, candidate.id).await? == 0 {
        // Two support accounts went dormant together and another process took the other one.
        txn.rollback().await?;
        return Ok(Outcome::KeptLastSupport);
    }
    crate::auth::sessions::end_all(&txn, candidate.id).await?;
    crate::auth::links::end_all(&txn, candidate.id).await?;
    let last = candidate.last_seen_at.unwrap_or(candidate.created_at);
    audit::record(
        &txn,
        None,
        AuditEvent::AccountDeactivatedDormant {
            account_id: candidate.id,
            provider_id: candidate.provider_id,
            last_seen_at: serde_json::json!(candidate.last_seen_at),
        },
    )
    .await?;
    if let Some(provider_id) = candidate.provider_id {
        let orderers: Vec<_> =
            active_orderers(&txn, provider_id).await?.into_iter().filter(|id| *id != candidate.id).collect();
        let notice = Notice {
            kind: NotificationKind::AccountDeactivated,
            order_id: None,
            title: format!("Kontot för {} är inaktiverat", candidate.name),
            body: format!(
                "Kontot för {} ({}) har inte använts sedan {} och har därför inaktiverats. Behöver personen \
                 Sesam igen kan supporten aktivera kontot.",
                candidate.name,
                candidate.email,
                last.format("%Y-%m-%d"),
            ),
        };
        notify(&txn, &orderers, &notice).await?;
    }
    txn.commit().await?;
    Ok(Outcome::Done)
}

async fn send_notice(
    db: &DatabaseConnection,
    candidate: &account::Model,
    notice_cutoff: DateTime<Utc>,
    days: u32,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let txn = db.begin().await?;
    let claimed = account::Entity::update_many()
        .col_expr(account::Column::DormantNoticeAt, Expr::value(Some(now)))
        .filter(account::Column::Id.eq(candidate.id))
        .filter(account::Column::Active.eq(true))
        .filter(last_used().lte(notice_cutoff))
        .filter(notice_not_sent())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(false);
    }
    let last = candidate.last_seen_at.unwrap_or(candidate.created_at);
    let on = last + Duration::days(i64::from(days));
    let body = format!(
        "Hej {}!\n\nDitt konto i Sesam ({}) har inte använts sedan {}. Konton som inte används inaktiveras \
         efter {days} dagar, så ditt konto inaktiveras omkring {} om du inte loggar in före dess.\n\n\
         Behöver du inte längre Sesam behöver du inte göra något.",
        candidate.name,
        candidate.email,
        last.format("%Y-%m-%d"),
        on.format("%Y-%m-%d"),
    );
    let email = OutgoingEmail {
        kind: outbox::kind::DORMANT_NOTICE,
        to: &candidate.email,
        subject: "Ditt konto i Sesam inaktiveras snart",
        body: &body,
        order_id: None,
    };
    outbox::enqueue(&txn, &email).await?;
    txn.commit().await?;
    Ok(true)
}
