//! Wire types of access reviews.

use crate::{
    list_type,
    orders::dto::{OrderDto, UnitRef},
    wire::Required,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

/// Where a review is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Open,
    Completed,
    Cancelled,
}

impl ReviewStatus {
    /// The status as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Open => "open",
            ReviewStatus::Completed => "completed",
            ReviewStatus::Cancelled => "cancelled",
        }
    }

    /// Reads a stored status.
    pub fn parse(s: &str) -> Option<ReviewStatus> {
        [ReviewStatus::Open, ReviewStatus::Completed, ReviewStatus::Cancelled].into_iter().find(|v| v.as_str() == s)
    }
}

/// What the provider decided about one holding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewDecision {
    /// The person still needs the permission.
    Keep,
    /// The permission is to be removed: completing the review sends a revoke order to IT.
    Revoke,
}

impl ReviewDecision {
    /// The decision as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewDecision::Keep => "keep",
            ReviewDecision::Revoke => "revoke",
        }
    }

    /// Reads a decision.
    pub fn parse(s: &str) -> Option<ReviewDecision> {
        [ReviewDecision::Keep, ReviewDecision::Revoke].into_iter().find(|v| v.as_str() == s)
    }
}

/// Start a review: of one provider, or of every active provider with matching holdings.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"provider_id": "0193a1b2-0000-7000-8000-000000000001", "system_id": null,
    "due_date": "2027-01-31", "title": "Årlig uppföljning 2027"}))]
pub struct StartReview {
    /// One provider; without it, every active provider that has matching active holdings and no
    /// open review of the same scope.
    pub provider_id: Option<Uuid>,
    /// Only the holdings of this system; without it, all of the provider's holdings.
    pub system_id: Option<Uuid>,
    /// The last day (UTC) for decisions, `YYYY-MM-DD`, after today.
    #[schema(value_type = String, format = Date, example = "2027-01-31")]
    pub due_date: Required<String>,
    /// A name for the review; without it one is made from the year and the system.
    #[schema(max_length = 200)]
    pub title: Option<String>,
}

/// An access review (behörighetsuppföljning) of one provider, with its progress.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a10", "provider_id": "0193a1b2-0000-7000-8000-000000000001",
    "provider_name": "Omsorg Nord AB", "system_id": null, "system_name": null, "title": "Årlig uppföljning 2027",
    "status": "open", "due_date": "2027-01-31", "overdue": false, "started_at": "2026-12-07T09:00:00Z",
    "started_by": "0193a1b2-0000-7000-8000-00000000000a", "completed_at": null, "completed_by": null,
    "cancelled_at": null, "items_total": 40, "items_decided": 12, "items_keep": 10, "items_revoke": 2, "items_ended": 1
}))]
pub struct ReviewDto {
    pub id: Uuid,
    pub provider_id: Uuid,
    pub provider_name: String,
    /// The one system reviewed; null: every system.
    pub system_id: Option<Uuid>,
    pub system_name: Option<String>,
    pub title: String,
    pub status: ReviewStatus,
    /// The last day (UTC) for decisions.
    pub due_date: NaiveDate,
    /// Open past its due date (found by the periodic job); false once completed or cancelled.
    pub overdue: bool,
    pub started_at: DateTime<Utc>,
    /// The support account that started it.
    pub started_by: Option<Uuid>,
    pub completed_at: Option<DateTime<Utc>>,
    /// The orderer who completed it.
    pub completed_by: Option<Uuid>,
    pub cancelled_at: Option<DateTime<Utc>>,
    /// One per holding active when the review started.
    pub items_total: u64,
    /// Decided items whose holding has not ended.
    pub items_decided: u64,
    pub items_keep: u64,
    pub items_revoke: u64,
    /// Items whose holding ended during the review: they need no decision.
    pub items_ended: u64,
}

list_type!(ReviewList, ReviewDto, "A page of reviews, newest first.");

/// The reviews started: one per provider.
#[derive(Debug, Serialize, ToSchema)]
pub struct StartedReviews {
    pub items: Vec<ReviewDto>,
}

/// A completed review and the revoke orders its `revoke` decisions sent to IT.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompletedReview {
    #[serde(flatten)]
    pub review: ReviewDto,
    /// The revoke orders made and sent to IT, one per `revoke` decision whose holding had no open
    /// revoke order already.
    pub revoke_orders: Vec<OrderDto>,
}

/// Filters of the review list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewFilter {
    /// Only this provider's (orderers: one they order for).
    pub provider_id: Option<Uuid>,
    /// `open`, `completed` or `cancelled`.
    pub status: Option<ReviewStatus>,
    /// Only overdue (`true`) or only not overdue (`false`) reviews.
    pub overdue: Option<bool>,
}

/// Which items to list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionFilter {
    /// Not decided, and the holding has not ended.
    Undecided,
    Keep,
    Revoke,
}

/// Filters of a review's items.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemFilter {
    /// `undecided` (the holding has not ended), `keep` or `revoke`.
    #[param(inline)]
    pub decision: Option<DecisionFilter>,
    /// Only items of this system.
    pub system_id: Option<Uuid>,
    /// A personal identity number in any accepted form, or text looked for in the names.
    #[param(max_length = 100)]
    pub q: Option<String>,
}

/// The person an item is about (the personal number masked).
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemSubject {
    #[schema(example = "Karin")]
    pub first_name: String,
    #[schema(example = "Berg")]
    pub last_name: String,
    #[schema(example = "19121212-****")]
    pub personal_number: String,
}

/// One holding under review, and the decision on it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewItemDto {
    pub id: Uuid,
    pub holding_id: Uuid,
    pub subject: ItemSubject,
    pub system_id: Uuid,
    pub system_name: String,
    pub permission_id: Uuid,
    pub permission_name: String,
    pub unit_ids: Vec<Uuid>,
    /// The units, by name.
    pub units: Vec<UnitRef>,
    /// When the holding began.
    pub since: DateTime<Utc>,
    /// The holding's end date, if any.
    pub valid_to: Option<NaiveDate>,
    /// Motivering: why the person was given the permission, from the grant order.
    pub justification: Option<String>,
    /// Null while undecided.
    pub decision: Option<ReviewDecision>,
    pub note: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The holding ended during the review: no decision is needed.
    pub holding_ended: bool,
    /// The revoke order completion sent (or the open one that already existed).
    pub revoke_order_id: Option<Uuid>,
}

list_type!(ReviewItemList, ReviewItemDto, "A page of a review's items, by last name, first name and id.");

/// One decision of a batch.
#[derive(Debug, Default, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    #[schema(value_type = Uuid)]
    pub item_id: Required<Uuid>,
    /// `keep` or `revoke`.
    #[schema(value_type = ReviewDecision)]
    pub decision: Required<String>,
    /// Why; shown in the report.
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

/// Decisions on a review's items: all are saved, or none.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"items": [
    {"item_id": "0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a11", "decision": "keep"},
    {"item_id": "0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a12", "decision": "revoke", "note": "Slutade i oktober."}
]}))]
pub struct Decisions {
    #[schema(value_type = Vec<DecisionInput>, min_items = 1, max_items = 200)]
    #[validate(length(min = 1, max = 200))]
    pub items: Required<Vec<DecisionInput>>,
}

/// The items as decided.
#[derive(Debug, Serialize, ToSchema)]
pub struct DecidedItems {
    pub items: Vec<ReviewItemDto>,
}
