//! The background sender of webhook messages: an outbox like email's (see `outbox::sender`). Each
//! due message is leased by one process at a time with a conditional `UPDATE`, signed and POSTed
//! with a 10 s timeout, to the address the guard checked, following no redirects. A `2xx` is
//! success; anything else is retried on `SESAM_WEBHOOK_RETRY`'s schedule with the same
//! `webhook-id`, and given up after its last step. An endpoint whose every attempt has failed for
//! 24 hours is turned off, and support is told. A slow receiver slows only this task, never the
//! request that caused the event.

use super::{guard, service::support_accounts, signing};
use crate::{
    config::Settings,
    entities::{webhook_attempt, webhook_endpoint, webhook_message},
    error::ApiError,
    notifications::{
        dto::NotificationKind,
        service::{Notice, notify},
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait,
    sea_query::Expr,
};
use std::time::{Duration, Instant};
use uuid::Uuid;

/// How long a receiver has to answer.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How long a lease lasts: well beyond one attempt.
pub const LEASE: Duration = Duration::from_secs(60);
/// Messages claimed per round.
pub const BATCH: u64 = 20;
/// After this long with nothing but failures, an endpoint is turned off.
pub const FAILING_LIMIT: chrono::Duration = chrono::Duration::hours(24);

/// How the sender behaves.
#[derive(Clone, Debug)]
pub struct SenderConfig {
    pub poll: Duration,
    pub retry: Vec<Duration>,
    pub allow: Vec<String>,
}

impl SenderConfig {
    /// From the process's settings.
    pub fn from_settings(settings: &Settings) -> SenderConfig {
        SenderConfig {
            poll: settings.outbox_poll.min(Duration::from_secs(1)),
            retry: settings.webhook_retry.clone(),
            allow: settings.webhook_allow_http.clone(),
        }
    }
}

/// A running sender, stopped when the process shuts down.
pub struct SenderHandle {
    stop: tokio::sync::watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl SenderHandle {
    /// Asks the sender to stop after the attempt it is making, and waits (at most `timeout`).
    pub async fn stop(self, timeout: Duration) {
        let _ = self.stop.send(true);
        if tokio::time::timeout(timeout, self.task).await.is_err() {
            log::warn!("webhooks: sender did not stop within {timeout:?}; its leases will expire");
        }
    }
}

/// Starts the sender.
pub fn spawn(db: DatabaseConnection, settings: &Settings) -> SenderHandle {
    // rustls needs one process-wide crypto provider; ring is the one sqlx already brings.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let config = SenderConfig::from_settings(settings);
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let task = tokio::spawn(run(db, config, stopped));
    SenderHandle { stop, task }
}

async fn run(db: DatabaseConnection, config: SenderConfig, mut stop: tokio::sync::watch::Receiver<bool>) {
    let sender_id = Uuid::now_v7();
    while !*stop.borrow() {
        let claimed = match claim(&db, sender_id, Utc::now()).await {
            Ok(rows) => rows,
            Err(e) => {
                log::warn!("webhooks: cannot read the messages: {e}");
                Vec::new()
            }
        };
        let n = claimed.len();
        for message in claimed {
            if let Err(e) = attempt(&db, &config, sender_id, message).await {
                log::warn!("webhooks: cannot record an attempt: {e}");
            }
        }
        if (n as u64) < BATCH {
            tokio::select! {
                _ = tokio::time::sleep(config.poll) => {}
                _ = stop.changed() => {}
            }
        }
    }
}

fn due(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(webhook_message::Column::DeliveredAt.is_null())
        .add(webhook_message::Column::FailedAt.is_null())
        .add(webhook_message::Column::NextAttemptAt.lte(now))
        .add(
            Condition::any()
                .add(webhook_message::Column::LockedUntil.is_null())
                .add(webhook_message::Column::LockedUntil.lt(now)),
        )
}

/// Claims due messages: each by exactly one sender (one conditional update decides).
async fn claim(
    db: &DatabaseConnection,
    sender_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<webhook_message::Model>, ApiError> {
    use webhook_message::Column as C;
    let columns = crate::lease::LeaseColumns {
        id: C::Id,
        next_attempt_at: C::NextAttemptAt,
        locked_until: C::LockedUntil,
        locked_by: C::LockedBy,
        attempts: C::Attempts,
    };
    let lease_end = now + chrono::Duration::from_std(LEASE).unwrap_or(chrono::Duration::minutes(1));
    Ok(crate::lease::claim::<webhook_message::Entity>(db, &columns, due(now), sender_id, lease_end, BATCH).await?)
}

/// One attempt at one message, recorded; then its next step scheduled, or it is done.
async fn attempt(
    db: &DatabaseConnection,
    config: &SenderConfig,
    sender_id: Uuid,
    message: webhook_message::Model,
) -> Result<(), ApiError> {
    let Some(endpoint) = webhook_endpoint::Entity::find_by_id(message.endpoint_id).one(db).await? else {
        return Ok(());
    };
    // A turned-off endpoint gets nothing more but the test events support sends it on purpose.
    if !endpoint.active && message.event_type != "webhook.test" {
        webhook_message::Entity::update_many()
            .col_expr(webhook_message::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
            .col_expr(webhook_message::Column::FailedAt, Expr::value(Some(Utc::now())))
            .filter(webhook_message::Column::Id.eq(message.id))
            .filter(webhook_message::Column::LockedBy.eq(sender_id))
            .exec(db)
            .await?;
        return Ok(());
    }
    let started = Instant::now();
    let outcome = post(config, &endpoint, &message).await;
    let duration_ms = i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX);
    let now = Utc::now();
    let (status_code, error) = match &outcome {
        Ok(status) if (200..300).contains(status) => (Some(i32::from(*status)), None),
        Ok(status) => (Some(i32::from(*status)), Some(format!("the receiver answered {status}"))),
        Err(why) => (None, Some(why.chars().take(500).collect::<String>())),
    };
    let success = error.is_none();
    let txn = db.begin().await?;
    webhook_attempt::ActiveModel {
        id: Set(Uuid::now_v7()),
        message_id: Set(message.id),
        endpoint_id: Set(endpoint.id),
        event_type: Set(message.event_type.clone()),
        attempted_at: Set(now),
        status_code: Set(status_code),
        error: Set(error.clone()),
        duration_ms: Set(duration_ms),
    }
    .insert(&txn)
    .await?;
    let attempts = usize::try_from(message.attempts).unwrap_or(usize::MAX);
    let give_up = !success && attempts > config.retry.len();
    let wait = config.retry.get(attempts.saturating_sub(1)).copied().unwrap_or(Duration::from_secs(60));
    let next = now + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(1));
    webhook_message::Entity::update_many()
        .col_expr(webhook_message::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(webhook_message::Column::DeliveredAt, Expr::value(success.then_some(now)))
        .col_expr(webhook_message::Column::FailedAt, Expr::value(give_up.then_some(now)))
        .col_expr(webhook_message::Column::NextAttemptAt, Expr::value(next))
        .filter(webhook_message::Column::Id.eq(message.id))
        .filter(webhook_message::Column::LockedBy.eq(sender_id))
        .exec(&txn)
        .await?;
    if success {
        if endpoint.failing_since.is_some() {
            webhook_endpoint::Entity::update_many()
                .col_expr(webhook_endpoint::Column::FailingSince, Expr::value(Option::<DateTime<Utc>>::None))
                .filter(webhook_endpoint::Column::Id.eq(endpoint.id))
                .exec(&txn)
                .await?;
        }
    } else {
        failed(&txn, &endpoint, now).await?;
        log::warn!(
            "webhooks: {} {} to endpoint {} failed (attempt {}{}): {}",
            message.event_type,
            signing::message_id(message.id),
            endpoint.id,
            message.attempts,
            if give_up { ", given up" } else { "" },
            error.as_deref().unwrap_or("")
        );
    }
    txn.commit().await?;
    Ok(())
}

/// Records a failure of the endpoint; after [`FAILING_LIMIT`] of them, turns it off and tells support.
async fn failed(
    txn: &sea_orm::DatabaseTransaction,
    endpoint: &webhook_endpoint::Model,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let since = endpoint.failing_since.unwrap_or(now);
    let turn_off = endpoint.active && now - since >= FAILING_LIMIT;
    let changed = webhook_endpoint::Entity::update_many()
        .col_expr(webhook_endpoint::Column::FailingSince, Expr::value(Some(since)))
        .col_expr(webhook_endpoint::Column::Active, Expr::value(endpoint.active && !turn_off))
        .col_expr(
            webhook_endpoint::Column::DisabledAt,
            Expr::value(if turn_off { Some(now) } else { endpoint.disabled_at }),
        )
        .filter(webhook_endpoint::Column::Id.eq(endpoint.id))
        .filter(webhook_endpoint::Column::Active.eq(endpoint.active))
        .exec(txn)
        .await?;
    if turn_off && changed.rows_affected == 1 {
        let notice = Notice {
            kind: NotificationKind::WebhookDisabled,
            order_id: None,
            title: "En webhook har stängts av".into(),
            body: format!(
                "Alla försök att leverera till {} har misslyckats i 24 timmar. Webhooken är avstängd; \
                 slå på den igen under Administration → Webhooks när mottagaren fungerar.",
                endpoint.url
            ),
        };
        notify(txn, &support_accounts(txn).await?, &notice).await?;
    }
    Ok(())
}

/// POSTs a message, signed; answers the receiver's status, or why there was none.
async fn post(
    config: &SenderConfig,
    endpoint: &webhook_endpoint::Model,
    message: &webhook_message::Model,
) -> Result<u16, String> {
    let url = reqwest::Url::parse(&endpoint.url).map_err(|e| format!("invalid URL: {e}"))?;
    let address = guard::resolve(&url, &config.allow).await?;
    let host = url.host_str().unwrap_or_default().trim_start_matches('[').trim_end_matches(']').to_owned();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(TIMEOUT)
        .resolve(&host, address)
        .build()
        .map_err(|e| format!("cannot make an HTTP client: {e}"))?;
    let id = signing::message_id(message.id);
    let timestamp = Utc::now().timestamp();
    let signature = signing::sign(&endpoint.secret, &id, timestamp, &message.payload)
        .ok_or("the endpoint's secret is malformed")?;
    let response = client
        .post(url)
        .header("content-type", "application/json")
        .header("user-agent", "Sesam-Webhooks/1")
        .header("webhook-id", &id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(message.payload.clone())
        .send()
        .await
        .map_err(
            |e| if e.is_timeout() { "no answer within 10 s".to_owned() } else { format!("cannot deliver: {e}") },
        )?;
    Ok(response.status().as_u16())
}
