//! Wire types of compliance.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// Where a provider falls short of the municipality's rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComplianceIssue {
    /// Fewer than two active orderers on active accounts.
    TooFewOrderers,
    /// No active expert user.
    NoExpertUser,
    /// Some expert users, but fewer than recommended.
    TooFewExpertUsers,
    /// An open access review is past its due date.
    ReviewOverdue,
    /// Active holdings, and no access review completed within `SESAM_REVIEW_INTERVAL`.
    ReviewDue,
}

/// One provider's compliance.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ComplianceRow {
    pub provider_id: Uuid,
    pub provider_name: String,
    /// Active ordering rights on active accounts.
    pub orderers: u64,
    /// Always 2: nobody can order for themselves.
    pub orderers_required: u64,
    /// Distinct persons registered as active expert users.
    pub expert_users: u64,
    /// One per started group of `SESAM_UNITS_PER_EXPERT_USER` active units, at least one.
    pub expert_users_recommended: u64,
    pub issues: Vec<ComplianceIssue>,
    /// When the provider last completed an access review.
    pub last_review_completed_at: Option<DateTime<Utc>>,
    /// The provider's open access review, if any.
    pub open_review_id: Option<Uuid>,
}

/// The compliance rows the caller may see.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplianceList {
    pub items: Vec<ComplianceRow>,
}

/// Filters of the compliance list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ComplianceFilter {
    pub provider_id: Option<Uuid>,
}
