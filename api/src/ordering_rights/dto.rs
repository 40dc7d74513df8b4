//! Wire types of ordering rights.

use crate::{
    compliance::dto::{ComplianceIssue, ComplianceRow},
    wire::Required,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

/// An ordering right of one account for one provider.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderingRightDto {
    pub id: Uuid,
    pub account_id: Uuid,
    pub account_name: String,
    pub account_email: String,
    pub provider_id: Uuid,
    pub granted_at: DateTime<Utc>,
    pub granted_by: Option<Uuid>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_by: Option<Uuid>,
}

/// An ordering right, with the provider's compliance after the change and its warnings.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderingRightAnswer {
    #[serde(flatten)]
    pub right: OrderingRightDto,
    pub compliance: ComplianceRow,
    /// Set when the provider now falls short, e.g. `too_few_orderers`.
    pub warnings: Vec<ComplianceIssue>,
}

/// Which of a provider's rights to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RightsFilter {
    /// Active rights (default), or `false` for the ended ones, with who ended them and when.
    pub active: Option<bool>,
}

/// A provider's active (or ended) ordering rights, with its compliance.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderingRightList {
    pub items: Vec<OrderingRightDto>,
    /// Always null: a provider's orderers fit on one page.
    pub next_cursor: Option<String>,
    pub compliance: ComplianceRow,
    pub warnings: Vec<ComplianceIssue>,
}

/// Grants an ordering right to an account of the provider.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"account_id": "0193a1b2-0000-7000-8000-000000000005"}))]
pub struct GrantOrderingRight {
    #[schema(value_type = Uuid)]
    pub account_id: Required<Uuid>,
}

/// Where a request for an ordering right stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Pending,
    Granted,
    Declined,
}

impl RequestStatus {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Pending => "pending",
            RequestStatus::Granted => "granted",
            RequestStatus::Declined => "declined",
        }
    }

    /// From the stored form.
    pub fn parse(s: &str) -> RequestStatus {
        match s {
            "granted" => RequestStatus::Granted,
            "declined" => RequestStatus::Declined,
            _ => RequestStatus::Pending,
        }
    }
}

/// A request by an account for an ordering right for its provider.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderingRightRequestDto {
    pub id: Uuid,
    pub provider_id: Uuid,
    pub provider_name: String,
    /// The account asking.
    pub account_id: Uuid,
    pub account_name: String,
    pub account_email: String,
    pub message: Option<String>,
    pub status: RequestStatus,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<Uuid>,
    /// Why it was declined, when a reason was given.
    pub decline_reason: Option<String>,
    /// The right granted in answer.
    pub ordering_right_id: Option<Uuid>,
}

crate::list_type!(OrderingRightRequestList, OrderingRightRequestDto, "A page of requests, newest first.");

/// A request granted: the request, the new right, and the provider's compliance after it.
#[derive(Debug, Serialize, ToSchema)]
pub struct GrantedRequestAnswer {
    pub request: OrderingRightRequestDto,
    pub ordering_right: OrderingRightDto,
    pub compliance: ComplianceRow,
    pub warnings: Vec<ComplianceIssue>,
}

/// Asks the provider's orderers (or support, when it has none) for an ordering right.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"message": "Jag är ny enhetschef på Boende Linden och behöver beställa behörigheter åt min personal."}))]
pub struct CreateOrderingRightRequest {
    /// Why the right is needed, for those who decide.
    #[schema(
        max_length = 2000,
        example = "Jag är ny enhetschef på Boende Linden och behöver beställa behörigheter åt min personal."
    )]
    #[validate(length(max = 2000))]
    pub message: Option<String>,
}

/// Declines a request, optionally saying why.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Beställningsrätt ges bara till enhetschefer."}))]
pub struct DeclineOrderingRightRequest {
    #[schema(max_length = 2000, example = "Beställningsrätt ges bara till enhetschefer.")]
    #[validate(length(max = 2000))]
    pub reason: Option<String>,
}

/// Filters of the request list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequestFilter {
    /// Only requests with this status.
    pub status: Option<RequestStatus>,
}
