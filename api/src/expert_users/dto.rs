//! Wire types of expert users.

use crate::{list_type, wire::Required};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

/// A registration of a person as expert user (expertanvändare) of one system at one provider.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExpertUserDto {
    pub id: Uuid,
    pub provider_id: Uuid,
    pub provider_name: String,
    pub system_id: Uuid,
    pub system_name: String,
    #[schema(example = "Karin")]
    pub first_name: String,
    #[schema(example = "Berg")]
    pub last_name: String,
    /// Where direct information is sent (lower-cased).
    #[schema(example = "karin.berg@omsorgnord.example")]
    pub email: String,
    /// Masked (`YYYYMMDD-****`), when known.
    #[schema(example = "19121212-****")]
    pub personal_number: Option<String>,
    /// The completed grant order that registered the person; null when registered by hand.
    pub source_order_id: Option<Uuid>,
    pub registered_at: DateTime<Utc>,
    pub registered_by: Option<Uuid>,
    /// False once ended.
    pub active: bool,
    pub ended_at: Option<DateTime<Utc>>,
    pub ended_by: Option<Uuid>,
}

list_type!(ExpertUserList, ExpertUserDto, "A page of expert-user registrations, by last and first name.");

/// Registers a person as expert user of a system at the provider. The email is mandatory: expert
/// users get direct information by email.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"first_name": "Karin", "last_name": "Berg", "email": "karin.berg@omsorgnord.example", "personal_number": null, "system_id": "0193a1b2-0000-7000-8000-000000000003"}))]
pub struct CreateExpertUser {
    #[schema(value_type = String, max_length = 100, example = "Karin")]
    #[validate(length(max = 100))]
    pub first_name: Required<String>,
    #[schema(value_type = String, max_length = 100, example = "Berg")]
    #[validate(length(max = 100))]
    pub last_name: Required<String>,
    #[schema(value_type = String, max_length = 254, example = "karin.berg@omsorgnord.example")]
    #[validate(length(max = 254))]
    pub email: Required<String>,
    /// Personnummer, e.g. `19121212-1212`.
    #[schema(max_length = 13, example = "19121212-1212")]
    #[validate(length(max = 13))]
    pub personal_number: Option<String>,
    #[schema(value_type = Uuid)]
    pub system_id: Required<Uuid>,
}

/// Filters of the expert-user list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExpertUserFilter {
    /// Only this provider's (orderers: one they order for).
    pub provider_id: Option<Uuid>,
    pub system_id: Option<Uuid>,
    /// Active registrations (default), or `false` for ended ones.
    pub active: Option<bool>,
}

/// Direct information by email to the matching active expert users (support).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"subject": "Användarmöte Lifecare 12 mars", "body": "Välkomna till användarmötet i Stadshuset kl. 13.", "provider_id": null, "system_id": "0193a1b2-0000-7000-8000-000000000003"}))]
pub struct ExpertUserMessage {
    #[schema(value_type = String, max_length = 200, example = "Användarmöte Lifecare 12 mars")]
    #[validate(length(max = 200))]
    pub subject: Required<String>,
    #[schema(value_type = String, max_length = 20000)]
    #[validate(length(max = 20000))]
    pub body: Required<String>,
    /// Only this provider's expert users.
    pub provider_id: Option<Uuid>,
    /// Only expert users of this system.
    pub system_id: Option<Uuid>,
}

/// How many emails were queued (one per distinct address).
#[derive(Debug, Serialize, ToSchema)]
pub struct MessageQueued {
    pub queued: u64,
}
