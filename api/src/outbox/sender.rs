//! The background sender: claims due outbox rows and delivers them over SMTP.
//!
//! Claiming is one conditional `UPDATE … WHERE id = ? AND sent_at IS NULL AND (locked_until IS NULL
//! OR locked_until < now)`: the database lets exactly one sender set the lease, on SQLite and on
//! PostgreSQL alike (a concurrent update re-checks the condition after the first commits). A
//! sender that dies mid-delivery leaves its lease to expire, and another sender sends the row again
//! with the same `Message-ID`: delivery is at least once, and receivers can drop duplicates.

use crate::{config::Settings, entities::outbox_email};
use chrono::{DateTime, Utc};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};
use std::time::Duration;
use uuid::Uuid;

/// How long one SMTP delivery may take before it counts as failed.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a claim lasts: well beyond one delivery, so a live sender never loses its row.
pub const LEASE: Duration = Duration::from_secs(120);
/// Rows claimed per round.
pub const BATCH: u64 = 20;

/// How a sender behaves.
#[derive(Clone, Debug)]
pub struct SenderConfig {
    pub poll: Duration,
    pub retry: Vec<Duration>,
    pub max_attempts: u32,
    pub from: Mailbox,
}

impl SenderConfig {
    /// From the process's settings.
    pub fn from_settings(settings: &Settings) -> Result<SenderConfig, String> {
        let from = settings.smtp_from.parse::<Mailbox>().map_err(|e| format!("invalid SESAM_SMTP_FROM: {e}"))?;
        Ok(SenderConfig {
            poll: settings.outbox_poll,
            retry: settings.outbox_retry.clone(),
            max_attempts: settings.outbox_max_attempts,
            from,
        })
    }

    /// The wait before the next attempt, after `attempts` attempts.
    pub fn backoff(&self, attempts: u32) -> Duration {
        let index = (Ord::max(attempts, 1) as usize - 1).min(self.retry.len().saturating_sub(1));
        self.retry.get(index).copied().unwrap_or(Duration::from_secs(60))
    }
}

/// The SMTP URL without its credentials, for the log.
pub fn redacted(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((_, host)) => format!("{scheme}://***@{host}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// A running sender, to be stopped when the process shuts down.
pub struct SenderHandle {
    stop: tokio::sync::watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl SenderHandle {
    /// Asks the sender to stop after the email it is sending, and waits for it (at most `timeout`).
    /// Rows it had claimed but not tried are released for the next sender.
    pub async fn stop(self, timeout: Duration) {
        let _ = self.stop.send(true);
        match tokio::time::timeout(timeout, self.task).await {
            Ok(_) => log::info!("outbox: sender stopped"),
            Err(_) => log::warn!("outbox: sender did not stop within {timeout:?}; its leases will expire"),
        }
    }
}

/// Starts the sender when `SESAM_SMTP_URL` is set; without it, emails wait in the outbox.
pub fn spawn(db: DatabaseConnection, settings: &Settings) -> Result<Option<SenderHandle>, String> {
    let Some(url) = settings.smtp_url.as_ref().map(|s| s.expose_str()) else {
        log::info!("SESAM_SMTP_URL is not set: emails wait in the outbox");
        return Ok(None);
    };
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        .map_err(|e| format!("invalid SESAM_SMTP_URL: {e}"))?
        .timeout(Some(SMTP_TIMEOUT))
        .build();
    let config = SenderConfig::from_settings(settings)?;
    log::info!("outbox: sending emails through {}", redacted(url));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let task = tokio::spawn(run(db, transport, config, stopped));
    Ok(Some(SenderHandle { stop, task }))
}

/// Delivers due rows until told to stop.
pub async fn run(
    db: DatabaseConnection,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    config: SenderConfig,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let sender_id = Uuid::now_v7();
    while !*stop.borrow() {
        let handled = match deliver_due(&db, &transport, &config, sender_id, &stop).await {
            Ok(n) => n,
            Err(e) => {
                log::warn!("outbox: cannot read the outbox: {e}");
                0
            }
        };
        if (handled as u64) < BATCH {
            tokio::select! {
                _ = tokio::time::sleep(config.poll) => {}
                _ = stop.changed() => {}
            }
        }
    }
}

/// Claims up to [`BATCH`] due rows and tries each once; answers how many were claimed.
pub async fn deliver_due(
    db: &DatabaseConnection,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    config: &SenderConfig,
    sender_id: Uuid,
    stop: &tokio::sync::watch::Receiver<bool>,
) -> Result<usize, DbErr> {
    let rows = claim(db, sender_id, Utc::now(), BATCH).await?;
    let claimed = rows.len();
    for (i, row) in rows.iter().enumerate() {
        if *stop.borrow() {
            release(db, &rows[i..], sender_id).await?;
            break;
        }
        let row = row.clone();
        let outcome = match build_message(&row, &config.from) {
            Ok(message) => match transport.send(message).await {
                Ok(_) => Ok(()),
                Err(e) => Err((e.is_permanent(), e.to_string())),
            },
            Err(e) => Err((true, e)),
        };
        match outcome {
            Ok(()) => {
                mark_sent(db, &row, sender_id).await?;
                log::info!("outbox: sent email {} ({})", row.id, row.kind);
            }
            Err((permanent, error)) => {
                let gave_up = mark_failed(db, &row, sender_id, config, permanent, &error).await?;
                if gave_up {
                    log::error!("outbox: gave up email {} after {} attempt(s): {error}", row.id, row.attempts);
                } else {
                    log::warn!("outbox: email {} attempt {} failed, will retry: {error}", row.id, row.attempts);
                }
            }
        }
    }
    Ok(claimed)
}

fn due(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(outbox_email::Column::SentAt.is_null())
        .add(outbox_email::Column::FailedAt.is_null())
        .add(outbox_email::Column::NextAttemptAt.lte(now))
        .add(
            Condition::any()
                .add(outbox_email::Column::LockedUntil.is_null())
                .add(outbox_email::Column::LockedUntil.lt(now)),
        )
}

/// Claims due rows for `sender_id`: each is claimed by exactly one sender, and its attempt counted.
pub async fn claim(
    db: &DatabaseConnection,
    sender_id: Uuid,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<outbox_email::Model>, DbErr> {
    use outbox_email::Column as C;
    let columns = crate::lease::LeaseColumns {
        id: C::Id,
        next_attempt_at: C::NextAttemptAt,
        locked_until: C::LockedUntil,
        locked_by: C::LockedBy,
        attempts: C::Attempts,
    };
    let lease_end = now + chrono::Duration::from_std(LEASE).unwrap_or(chrono::Duration::minutes(2));
    crate::lease::claim::<outbox_email::Entity>(db, &columns, due(now), sender_id, lease_end, limit).await
}

/// Gives back rows claimed but not tried (on shutdown): due again at once, their attempt uncounted.
async fn release(db: &DatabaseConnection, rows: &[outbox_email::Model], sender_id: Uuid) -> Result<(), DbErr> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    outbox_email::Entity::update_many()
        .col_expr(outbox_email::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(outbox_email::Column::Attempts, Expr::col(outbox_email::Column::Attempts).sub(1))
        .filter(outbox_email::Column::Id.is_in(ids))
        .filter(outbox_email::Column::LockedBy.eq(sender_id))
        .filter(outbox_email::Column::SentAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The `Message-ID` of a row: stable, so a resent email is recognisably the same.
pub fn message_id(row_id: Uuid, from: &Mailbox) -> String {
    format!("<{}@{}>", row_id, from.email.domain())
}

fn build_message(row: &outbox_email::Model, from: &Mailbox) -> Result<Message, String> {
    let to = row.recipient.parse::<Mailbox>().map_err(|e| format!("invalid recipient: {e}"))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(message_id(row.id, from)))
        .date(std::time::SystemTime::from(row.created_at))
        .header(ContentType::TEXT_PLAIN)
        .body(row.body.clone())
        .map_err(|e| format!("cannot build the email: {e}"))
}

/// Marks a row sent. A link's token (rule 16) does not stay behind in the sent email's row: the
/// person has it now, and the database keeps only its hash.
async fn mark_sent(db: &DatabaseConnection, row: &outbox_email::Model, sender_id: Uuid) -> Result<(), DbErr> {
    let id = row.id;
    let mut update = outbox_email::Entity::update_many();
    if let Some(body) = super::without_link_tokens(&row.body) {
        update = update.col_expr(outbox_email::Column::Body, Expr::value(body));
    }
    update
        .col_expr(outbox_email::Column::SentAt, Expr::value(Some(Utc::now())))
        .col_expr(outbox_email::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(outbox_email::Column::LastError, Expr::value(Option::<String>::None))
        .filter(outbox_email::Column::Id.eq(id))
        .filter(outbox_email::Column::LockedBy.eq(sender_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt and schedules the next; answers whether the email was given up.
async fn mark_failed(
    db: &DatabaseConnection,
    row: &outbox_email::Model,
    sender_id: Uuid,
    config: &SenderConfig,
    permanent: bool,
    error: &str,
) -> Result<bool, DbErr> {
    let attempts = u32::try_from(row.attempts).unwrap_or(u32::MAX);
    let give_up = permanent || attempts >= config.max_attempts;
    let now = Utc::now();
    let next = now + chrono::Duration::from_std(config.backoff(attempts)).unwrap_or(chrono::Duration::minutes(10));
    let error: String = error.chars().take(2000).collect();
    outbox_email::Entity::update_many()
        .col_expr(outbox_email::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(outbox_email::Column::LastError, Expr::value(Some(error)))
        .col_expr(outbox_email::Column::NextAttemptAt, Expr::value(next))
        .col_expr(outbox_email::Column::FailedAt, Expr::value(give_up.then_some(now)))
        .filter(outbox_email::Column::Id.eq(row.id))
        .filter(outbox_email::Column::LockedBy.eq(sender_id))
        .exec(db)
        .await?;
    Ok(give_up)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(retry: &[u64]) -> SenderConfig {
        SenderConfig {
            poll: Duration::from_secs(1),
            retry: retry.iter().map(|s| Duration::from_secs(*s)).collect(),
            max_attempts: 5,
            from: "Sesam <sesam@kommun.example>".parse().expect("mailbox"),
        }
    }

    #[test]
    fn backoff_follows_the_schedule_then_repeats_its_last_step() {
        let c = config(&[30, 120, 600]);
        assert_eq!(c.backoff(1), Duration::from_secs(30));
        assert_eq!(c.backoff(2), Duration::from_secs(120));
        assert_eq!(c.backoff(3), Duration::from_secs(600));
        assert_eq!(c.backoff(9), Duration::from_secs(600));
    }

    #[test]
    fn message_ids_are_stable_and_use_the_senders_domain() {
        let c = config(&[1]);
        let id = Uuid::parse_str("0190c2a4-6f5e-7000-8000-000000000001").expect("uuid");
        assert_eq!(message_id(id, &c.from), "<0190c2a4-6f5e-7000-8000-000000000001@kommun.example>");
    }

    #[test]
    fn credentials_are_not_logged() {
        assert_eq!(redacted("smtps://user:secret@mail.kommun.example:465"), "smtps://***@mail.kommun.example:465");
        assert_eq!(redacted("smtp://127.0.0.1:2525"), "smtp://127.0.0.1:2525");
    }
}
