//! Wire type of the work view.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

/// What the caller has to do now, as counts (0 where a count does not apply to the caller's role).
#[derive(Debug, Default, Serialize, ToSchema)]
#[schema(example = json!({"drafts": 2, "returned": 1, "submitted": 3, "in_progress": 1, "end_dates_near": 1,
    "ordering_right_requests": 1, "open_reviews": 0, "overdue_reviews": 0, "unread_notifications": 4,
    "queue": 0, "queue_oldest_at": null, "mine_in_progress": 0, "providers_with_issues": 0}))]
pub struct Summary {
    /// Drafts of the caller's providers (orderers), IT's returns among them.
    pub drafts: u64,
    /// Drafts that IT returned with a question, waiting for the orderers' answer.
    pub returned: u64,
    /// The caller's providers' orders sent to IT and not yet taken.
    pub submitted: u64,
    /// The caller's providers' orders IT is working on.
    pub in_progress: u64,
    /// Active holdings of the caller's providers whose end date is within `SESAM_EXPIRY_NOTICE_DAYS`.
    pub end_dates_near: u64,
    /// Requests for an ordering right waiting for an answer: for an orderer's providers; all, for support.
    pub ordering_right_requests: u64,
    /// Open access reviews of the caller's providers that still have items to decide.
    pub open_reviews: u64,
    /// Access reviews past their last day (support: all providers).
    pub overdue_reviews: u64,
    /// The caller's unread notifications.
    pub unread_notifications: u64,
    /// IT: orders of every provider sent to IT and not yet taken.
    pub queue: u64,
    /// IT: when the longest-waiting order of the queue was sent, or null.
    pub queue_oldest_at: Option<DateTime<Utc>>,
    /// IT: orders the caller has taken and not finished.
    pub mine_in_progress: u64,
    /// Support: providers with compliance issues (too few orderers or expert users).
    pub providers_with_issues: u64,
}
