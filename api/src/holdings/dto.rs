//! Wire types of holdings.

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

/// The person who holds a permission.
#[derive(Debug, Serialize, ToSchema)]
pub struct HoldingPerson {
    #[schema(example = "Karin")]
    pub first_name: String,
    #[schema(example = "Berg")]
    pub last_name: String,
    /// Masked (`YYYYMMDD-****`) in lists; whole (`YYYYMMDD-NNNN`) in one holding's detail.
    #[schema(example = "19121212-****")]
    pub personal_number: String,
    pub email: Option<String>,
}

/// A holding (behörighetsinnehav): a permission a person holds at a provider, on some of its
/// units, since a grant order completed; active until a revoke order completes.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1c", "provider_id": "0193a1b2-0000-7000-8000-000000000001",
    "provider_name": "Omsorg Nord AB", "permission_id": "0193a1b2-0000-7000-8000-000000000002",
    "permission_name": "Utförare – dokumentera", "system_id": "0193a1b2-0000-7000-8000-000000000003",
    "system_name": "Lifecare", "units": [{"id": "0193a1b2-0000-7000-8000-000000000004", "name": "Boende Linden"}],
    "person": {"first_name": "Karin", "last_name": "Berg", "personal_number": "19121212-****", "email": null},
    "since": "2026-12-01T09:30:00Z", "valid_to": "2027-06-30", "active": true,
    "source_order_id": "0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b", "latest_order_id": "0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b",
    "ended_at": null, "ended_by_order_id": null, "end_notice_sent_at": null, "end_date_passed_at": null,
    "end_date_order_id": null, "open_revoke_order": null
}))]
pub struct HoldingDto {
    pub id: Uuid,
    pub provider_id: Uuid,
    pub provider_name: String,
    pub permission_id: Uuid,
    pub permission_name: String,
    pub system_id: Uuid,
    pub system_name: String,
    /// The units it applies on, by name.
    pub units: Vec<UnitRef>,
    pub person: HoldingPerson,
    /// When the grant order that gave it completed.
    pub since: DateTime<Utc>,
    /// The last day it is valid (inclusive), if it ends; Sesam sends the revoke order to IT the day after.
    pub valid_to: Option<NaiveDate>,
    /// False once a revoke order for it has completed.
    pub active: bool,
    /// The completed grant order that gave it.
    pub source_order_id: Uuid,
    /// The completed grant order that last set its units and end date (the source order at first).
    pub latest_order_id: Uuid,
    pub ended_at: Option<DateTime<Utc>>,
    /// The completed revoke order that ended it.
    pub ended_by_order_id: Option<Uuid>,
    /// When the orderers were told that the end date is near.
    pub end_notice_sent_at: Option<DateTime<Utc>>,
    /// When Sesam handled the passed end date (made and sent the revoke order, or found one open).
    pub end_date_passed_at: Option<DateTime<Utc>>,
    /// The revoke order for the passed end date.
    pub end_date_order_id: Option<Uuid>,
    /// The revoke order on its way for this holding (draft, sent or taken), or null.
    pub open_revoke_order: Option<OpenRevokeOrder>,
}

/// A holding's revoke order that is not finished yet.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OpenRevokeOrder {
    pub id: Uuid,
    #[schema(example = "SES-2026-000124")]
    pub reference: String,
    pub status: crate::domain::OrderStatus,
}

list_type!(HoldingList, HoldingDto, "A page of holdings, by last name, first name and id (personal numbers masked).");

/// Filters of the holdings list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HoldingFilter {
    /// Only this provider's (orderers: one they order for).
    pub provider_id: Option<Uuid>,
    /// Only permissions in this system.
    pub system_id: Option<Uuid>,
    /// A personal identity number in any accepted form (`19121212-1212`, `191212121212`,
    /// `121212-1212`, `121212+1212`) finds that person's holdings; anything else is looked for in
    /// the names and the email (case-insensitive).
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Active holdings (default), or `false` for ended ones.
    pub active: Option<bool>,
    /// `true`: only active holdings whose end date is within `SESAM_EXPIRY_NOTICE_DAYS` (the start
    /// page's "ending soon").
    pub ending_soon: Option<bool>,
    /// The last end date `ending_soon` takes: set by the handler from the settings, never read from the query.
    #[serde(skip)]
    #[param(ignore)]
    pub ending_by: Option<chrono::NaiveDate>,
}

/// A new end date for a holding: `null` removes it.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"valid_to": "2027-06-30"}))]
pub struct UpdateHolding {
    /// The last day the permission is valid, `YYYY-MM-DD`, today or later; `null`: no end date.
    /// Required (send `null` to remove the end date).
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>, format = Date, required = true, example = "2027-06-30")]
    pub valid_to: Option<Option<String>>,
}

/// Revoke everything a person (say, one who leaves) holds at a provider.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"provider_id": "0193a1b2-0000-7000-8000-000000000001", "personal_number": "19121212-1212",
    "comment": "Slutar sin anställning 31 december."}))]
pub struct RevokeAll {
    /// Optional when the caller orders for one provider only.
    pub provider_id: Option<Uuid>,
    /// `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYMMDD-NNNN` or `YYMMDD+NNNN`.
    #[schema(value_type = String, max_length = 13, example = "19121212-1212")]
    pub personal_number: Required<String>,
    /// Put on every revoke order made.
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

/// The revoke orders made, each sent to IT.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevokeAllAnswer {
    pub items: Vec<OrderDto>,
}
