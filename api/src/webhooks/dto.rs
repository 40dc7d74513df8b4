//! The wire types of `/webhooks`.

use crate::entities::{webhook_attempt, webhook_endpoint};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// The event types an endpoint can subscribe to (`webhook.test` is sent by `POST /webhooks/{id}/test` only).
pub const EVENTS: [&str; 13] = [
    "order.submitted",
    "order.withdrawn",
    "order.taken",
    "order.completed",
    "order.rejected",
    "order.returned",
    "order.message",
    "holding.ended",
    "review.started",
    "review.completed",
    "review.overdue",
    "ordering_right.granted",
    "ordering_right.revoked",
];

/// A new endpoint (support).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"url": "https://itsm.kommun.example/hooks/sesam", "events": ["order.submitted", "order.completed"],
    "description": "IT:s ärendesystem"}))]
pub struct CreateWebhook {
    /// `https://…`; plain `http` and internal addresses only for hosts in `SESAM_WEBHOOK_ALLOW_HTTP`.
    #[schema(value_type = String, max_length = 2048, example = "https://itsm.kommun.example/hooks/sesam")]
    #[validate(length(max = 2048))]
    pub url: crate::wire::Required<String>,
    /// One or more of the event types.
    #[schema(value_type = Vec<String>, example = json!(["order.submitted", "order.completed"]))]
    pub events: crate::wire::Required<Vec<String>>,
    #[schema(max_length = 500)]
    #[validate(length(max = 500))]
    pub description: Option<String>,
}

/// Changes to an endpoint (support); `active: true` turns a disabled endpoint on again.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"events": ["order.submitted", "order.taken", "order.completed"], "active": true}))]
pub struct UpdateWebhook {
    #[schema(max_length = 2048)]
    #[validate(length(max = 2048))]
    pub url: Option<String>,
    pub events: Option<Vec<String>>,
    #[schema(max_length = 500)]
    #[validate(length(max = 500))]
    pub description: Option<String>,
    pub active: Option<bool>,
}

/// An endpoint, without its secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookDto {
    pub id: Uuid,
    pub url: String,
    pub description: Option<String>,
    pub events: Vec<String>,
    /// `false` once support turned it off, or after 24 hours of failed attempts.
    pub active: bool,
    /// Since when every attempt has failed; null while deliveries succeed.
    pub failing_since: Option<DateTime<Utc>>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<webhook_endpoint::Model> for WebhookDto {
    fn from(m: webhook_endpoint::Model) -> Self {
        WebhookDto {
            id: m.id,
            url: m.url,
            description: m.description,
            events: serde_json::from_str(&m.events).unwrap_or_default(),
            active: m.active,
            failing_since: m.failing_since,
            disabled_at: m.disabled_at,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

/// An endpoint with its signing secret, shown only when it is made or rotated.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookWithSecret {
    /// `whsec_` + base64 of 32 random bytes; verify `webhook-signature` with it. Shown once.
    #[schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    pub secret: String,
    #[serde(flatten)]
    pub webhook: WebhookDto,
}

/// One attempt to deliver a message.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryDto {
    pub id: Uuid,
    /// The message's `webhook-id`, the same on every attempt.
    #[schema(example = "msg_0193a1b2000070008000000000000001")]
    pub webhook_id: String,
    #[schema(example = "order.submitted")]
    pub event_type: String,
    pub attempted_at: DateTime<Utc>,
    /// The receiver's status; null when no answer came (see `error`).
    pub status_code: Option<u16>,
    /// Why the attempt failed, when it did without an answer (or with a non-2xx one).
    pub error: Option<String>,
    pub duration_ms: u32,
}

impl From<webhook_attempt::Model> for DeliveryDto {
    fn from(m: webhook_attempt::Model) -> Self {
        DeliveryDto {
            id: m.id,
            webhook_id: super::signing::message_id(m.message_id),
            event_type: m.event_type,
            attempted_at: m.attempted_at,
            status_code: m.status_code.and_then(|s| u16::try_from(s).ok()),
            error: m.error,
            duration_ms: u32::try_from(m.duration_ms).unwrap_or(0),
        }
    }
}

/// What `POST /webhooks/{id}/test` queued.
#[derive(Debug, Serialize, ToSchema)]
pub struct TestQueued {
    /// The `webhook-id` of the test message; find its attempts in the deliveries.
    pub webhook_id: String,
}

crate::list_type!(WebhookList, WebhookDto, "A page of webhook endpoints.");
crate::list_type!(DeliveryList, DeliveryDto, "A page of delivery attempts, newest first.");
