//! Wire types of notifications.

use crate::entities::notification;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// What a notification is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    OrderCompleted,
    OrderRejected,
    OrderReturned,
    OrderingRightRequested,
    OrderingRightGranted,
    OrderingRightDeclined,
    EndDateNear,
    ReviewStarted,
    ReviewDueSoon,
    ReviewOverdue,
    /// A message on an order from the other side (orderers or IT).
    OrderMessage,
    WebhookDisabled,
    /// An account of the provider was deactivated for dormancy (rule 19).
    AccountDeactivated,
}

impl NotificationKind {
    /// The kind as stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::OrderCompleted => "order_completed",
            NotificationKind::OrderRejected => "order_rejected",
            NotificationKind::OrderReturned => "order_returned",
            NotificationKind::OrderingRightRequested => "ordering_right_requested",
            NotificationKind::OrderingRightGranted => "ordering_right_granted",
            NotificationKind::OrderingRightDeclined => "ordering_right_declined",
            NotificationKind::EndDateNear => "end_date_near",
            NotificationKind::ReviewStarted => "review_started",
            NotificationKind::ReviewDueSoon => "review_due_soon",
            NotificationKind::ReviewOverdue => "review_overdue",
            NotificationKind::OrderMessage => "order_message",
            NotificationKind::WebhookDisabled => "webhook_disabled",
            NotificationKind::AccountDeactivated => "account_deactivated",
        }
    }

    fn parse(s: &str) -> Option<NotificationKind> {
        use NotificationKind::*;
        [
            OrderCompleted,
            OrderRejected,
            OrderReturned,
            OrderingRightRequested,
            OrderingRightGranted,
            OrderingRightDeclined,
            EndDateNear,
            ReviewStarted,
            ReviewDueSoon,
            ReviewOverdue,
            OrderMessage,
            WebhookDisabled,
            AccountDeactivated,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A notification of the caller.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationDto {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub read: bool,
    pub kind: NotificationKind,
    /// The order it is about; null when it is about none.
    pub order_id: Option<Uuid>,
    /// The access review it is about; null when it is about none.
    pub review_id: Option<Uuid>,
    pub title: String,
    pub body: String,
}

impl From<notification::Model> for NotificationDto {
    fn from(m: notification::Model) -> Self {
        NotificationDto {
            id: m.id,
            created_at: m.created_at,
            read: m.read_at.is_some(),
            kind: NotificationKind::parse(&m.kind).unwrap_or(NotificationKind::OrderCompleted),
            order_id: m.order_id,
            review_id: m.review_id,
            title: m.title,
            body: m.body,
        }
    }
}

/// A page of the caller's notifications, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationList {
    pub items: Vec<NotificationDto>,
    /// Pass as `cursor` to get the next page; null on the last page.
    pub next_cursor: Option<String>,
    /// How many of the caller's notifications are unread, in all.
    pub unread_count: u64,
}

/// Filters of the notification list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationFilter {
    /// Only unread ones.
    pub unread: Option<bool>,
}
