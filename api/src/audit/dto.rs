//! Wire types of the audit log.

use crate::list_type;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// One audited change.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryDto {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    /// Who did it; null for the system itself.
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub actor_email: Option<String>,
    /// What was done, e.g. `ordering_right.granted`, `expert_user.ended`, `account.updated`.
    #[schema(example = "ordering_right.granted")]
    pub action: String,
    /// The kind of object changed, e.g. `ordering_right`.
    pub object_type: String,
    pub object_id: Option<Uuid>,
    /// The provider concerned, if any.
    pub provider_id: Option<Uuid>,
    /// What else is worth knowing (never secrets).
    #[schema(value_type = Option<Object>)]
    pub details: Option<serde_json::Value>,
}

list_type!(AuditList, AuditEntryDto, "A page of the audit log, newest first.");

/// Filters of the audit log.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilter {
    pub provider_id: Option<Uuid>,
    /// Exactly this action, e.g. `ordering_right.revoked`.
    #[param(max_length = 100)]
    pub action: Option<String>,
    pub actor_id: Option<Uuid>,
    /// Only changes at or after this instant (RFC 3339).
    pub since: Option<DateTime<Utc>>,
}
