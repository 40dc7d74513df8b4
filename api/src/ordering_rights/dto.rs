//! Wire types of ordering rights.

use crate::compliance::dto::{ComplianceIssue, ComplianceRow};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
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

/// A provider's active ordering rights, with its compliance.
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
pub struct GrantOrderingRight {
    #[schema(value_type = Uuid, required = true)]
    pub account_id: Option<Uuid>,
}
