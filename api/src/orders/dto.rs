//! Wire types of orders.

use crate::{
    domain::{HistoryAction, OrderKind, OrderStatus},
    extract::Each,
    list_type,
    wire::{OnePermission, Refused, Required},
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

/// A unit an order applies on.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct UnitRef {
    pub id: Uuid,
    #[schema(example = "Boende Linden")]
    pub name: String,
}

/// The person the order is for, in an order's detail (the personal number whole).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SubjectDto {
    #[schema(example = "Karin")]
    pub first_name: String,
    #[schema(example = "Berg")]
    pub last_name: String,
    /// `YYYYMMDD-NNNN`, whole: the detail is shown only to those who may read the order.
    #[schema(example = "19121212-1212")]
    pub personal_number: String,
    #[schema(example = "karin.berg@omsorgnord.example")]
    pub email: Option<String>,
    #[schema(example = "070-123 45 67")]
    pub phone: Option<String>,
}

/// An order (beställning): one permission for one person, on one or more units of one provider.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b", "reference": "SES-2026-000123", "kind": "grant", "status": "submitted",
    "provider_id": "0193a1b2-0000-7000-8000-000000000001", "provider_name": "Omsorg Nord AB",
    "permission_id": "0193a1b2-0000-7000-8000-000000000002", "permission_name": "Utförare – dokumentera",
    "system_id": "0193a1b2-0000-7000-8000-000000000003", "system_name": "Lifecare",
    "unit_ids": ["0193a1b2-0000-7000-8000-000000000004"],
    "units": [{"id": "0193a1b2-0000-7000-8000-000000000004", "name": "Boende Linden"}],
    "subject": {"first_name": "Karin", "last_name": "Berg", "personal_number": "19121212-1212",
                "email": "karin.berg@omsorgnord.example", "phone": null},
    "lifecare_title": "Undersköterska", "profession": null, "justification": null, "expert_user": false, "valid_to": null, "comment": null,
    "created_by": "0193a1b2-0000-7000-8000-000000000005", "created_by_name": "Anna Lind",
    "created_at": "2026-12-01T08:00:00Z", "updated_at": "2026-12-01T08:05:00Z",
    "submitted_by": "0193a1b2-0000-7000-8000-000000000005", "submitted_by_name": "Anna Lind",
    "submitted_at": "2026-12-01T08:05:00Z", "taken_by": null, "taken_by_name": null, "taken_at": null,
    "completed_at": null, "account_name": null, "reject_reason": null, "return_question": null,
    "last_return": null, "copied_from": null, "version": 2
}))]
pub struct OrderDto {
    pub id: Uuid,
    /// The human reference number, unique: `SES-2026-000123`.
    pub reference: String,
    pub kind: OrderKind,
    pub status: OrderStatus,
    pub provider_id: Uuid,
    pub provider_name: String,
    pub permission_id: Uuid,
    pub permission_name: String,
    pub system_id: Uuid,
    pub system_name: String,
    pub unit_ids: Vec<Uuid>,
    /// The units, by name.
    pub units: Vec<UnitRef>,
    pub subject: SubjectDto,
    /// Titel för Lifecare.
    pub lifecare_title: Option<String>,
    /// Profession (Cosmic Link).
    pub profession: Option<String>,
    /// Motivering: why the person needs the permission.
    pub justification: Option<String>,
    /// The person becomes the provider's expert user for the system when the order completes.
    pub expert_user: bool,
    /// The permission's end date, if any.
    pub valid_to: Option<NaiveDate>,
    pub comment: Option<String>,
    /// The orderer who saved it; null when Sesam made it by itself (a holding's end date passed).
    pub created_by: Option<Uuid>,
    /// The creator's name; "Sesam" when Sesam made it.
    pub created_by_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Who sent it to IT (the latest time, if it was returned and sent again).
    pub submitted_by: Option<Uuid>,
    pub submitted_by_name: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    /// The IT person who took it.
    pub taken_by: Option<Uuid>,
    pub taken_by_name: Option<String>,
    pub taken_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    /// The person's user name in the target system, reported by IT on completion.
    pub account_name: Option<String>,
    /// Why IT rejected it.
    pub reject_reason: Option<String>,
    /// IT's latest question, when it returned the order to the orderers.
    pub return_question: Option<String>,
    /// IT's latest return with a question, or null: kept after the order is sent again.
    pub last_return: Option<LastReturn>,
    /// The order this one was copied from, or null.
    pub copied_from: Option<CopiedFrom>,
    /// Starts at 1 and grows with every change; the `ETag` is `"<version>"`.
    pub version: i32,
}

/// IT's latest return of an order with a question.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"question": "Vilken enhet ska hon arbeta på?", "by_name": "Ingrid IT", "at": "2026-12-02T09:00:00Z"}))]
pub struct LastReturn {
    pub question: String,
    /// The IT person who asked.
    pub by_name: String,
    pub at: DateTime<Utc>,
}

/// The order a copy was made from.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct CopiedFrom {
    pub id: Uuid,
    #[schema(example = "SES-2026-000120")]
    pub reference: String,
    pub status: OrderStatus,
    /// Why IT rejected it, when it was rejected.
    pub reason: Option<String>,
}

/// The person the order is for, in lists (the personal number masked).
#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectSummary {
    pub first_name: String,
    pub last_name: String,
    /// Masked: `YYYYMMDD-****`.
    #[schema(example = "19121212-****")]
    pub personal_number: String,
    pub email: Option<String>,
}

/// An order in a list: the lighter shape, with the personal number masked.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderListItem {
    pub id: Uuid,
    #[schema(example = "SES-2026-000123")]
    pub reference: String,
    pub kind: OrderKind,
    pub status: OrderStatus,
    pub provider_id: Uuid,
    pub provider_name: String,
    pub permission_id: Uuid,
    pub permission_name: String,
    pub system_id: Uuid,
    pub system_name: String,
    pub units: Vec<UnitRef>,
    pub subject: SubjectSummary,
    pub expert_user: bool,
    pub valid_to: Option<NaiveDate>,
    /// The orderer who saved it; null when Sesam made it by itself (a holding's end date passed).
    pub created_by: Option<Uuid>,
    /// The creator's name; "Sesam" when Sesam made it.
    pub created_by_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub taken_by: Option<Uuid>,
    pub taken_by_name: Option<String>,
    /// Titel för Lifecare.
    pub lifecare_title: Option<String>,
    /// Profession (Cosmic Link).
    pub profession: Option<String>,
    pub comment: Option<String>,
    /// IT's latest return with a question, or null (an order sent again answers it).
    pub last_return: Option<LastReturn>,
    /// The order this one was copied from, or null.
    pub copied_from: Option<CopiedFrom>,
    pub version: i32,
}

list_type!(OrderList, OrderListItem, "A page of orders (personal numbers masked).");

/// One step in an order's history; never changed once written.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderHistoryEntry {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    /// Who did it; null when Sesam did it by itself.
    pub actor_id: Option<Uuid>,
    /// "Sesam" when Sesam did it.
    pub actor_name: String,
    pub action: HistoryAction,
    /// None when the order was created.
    pub from_status: Option<OrderStatus>,
    pub to_status: OrderStatus,
    /// The note; the reason of a rejection; the question of a return.
    pub note: Option<String>,
}

list_type!(OrderHistoryList, OrderHistoryEntry, "An order's history, oldest first.");

/// The person an order is for (new order).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubjectInput {
    #[schema(value_type = String, max_length = 100, example = "Karin")]
    pub first_name: Required<String>,
    #[schema(value_type = String, max_length = 100, example = "Berg")]
    pub last_name: Required<String>,
    /// `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYMMDD-NNNN` or `YYMMDD+NNNN` (personnummer or samordningsnummer).
    #[schema(value_type = String, max_length = 13, example = "19121212-1212")]
    pub personal_number: Required<String>,
    /// Mandatory when `expert_user` is true.
    #[schema(max_length = 254, example = "karin.berg@omsorgnord.example")]
    pub email: Option<String>,
    #[schema(max_length = 30, example = "070-123 45 67")]
    pub phone: Option<String>,
}

/// A new order, saved as a draft. `permission_id`, `unit_ids` and the subject's names and personal
/// number are mandatory; an order names exactly one permission (`permission_ids` or a list is refused
/// with `one_permission_per_order`).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "kind": "grant", "permission_id": "0193a1b2-0000-7000-8000-000000000002",
    "unit_ids": ["0193a1b2-0000-7000-8000-000000000004"],
    "subject": {"first_name": "Karin", "last_name": "Berg", "personal_number": "19121212-1212",
                "email": null, "phone": null},
    "lifecare_title": "Undersköterska", "profession": null, "expert_user": false, "valid_to": null, "comment": null
}))]
pub struct CreateOrder {
    /// `grant` unless said otherwise.
    pub kind: Option<OrderKind>,
    /// Optional when the caller orders for one provider only.
    pub provider_id: Option<Uuid>,
    /// Exactly one permission (a list is refused: `one_permission_per_order`).
    #[schema(value_type = Uuid)]
    pub permission_id: Required<OnePermission>,
    /// Refused: an order names one permission (`one_permission_per_order`).
    #[serde(default)]
    #[schema(ignore)]
    pub permission_ids: Option<Refused>,
    /// One or more units of the provider.
    #[schema(value_type = Vec<Uuid>, min_items = 1, max_items = 100)]
    #[validate(length(max = 100))]
    pub unit_ids: Required<Vec<Uuid>>,
    #[schema(value_type = SubjectInput)]
    pub subject: Required<SubjectInput>,
    /// Titel för Lifecare: required on grant orders of systems that require it (e.g. Lifecare).
    #[schema(max_length = 100, example = "Undersköterska")]
    pub lifecare_title: Option<String>,
    /// Profession: required on grant orders of systems that require it (e.g. Cosmic Link).
    #[schema(max_length = 100)]
    pub profession: Option<String>,
    /// Motivering (why the person needs the permission): required on grant orders of systems that require it.
    #[schema(max_length = 100)]
    pub justification: Option<String>,
    /// Marks the person as expert user of the system; needs `subject.email`.
    pub expert_user: Option<bool>,
    /// End date `YYYY-MM-DD`, today or later: the permission is revoked then.
    #[schema(value_type = Option<String>, format = Date, example = "2027-06-30")]
    pub valid_to: Option<String>,
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

/// Up to 100 new orders at once, for scripts: each item is a `CreateOrder` body and is saved (as
/// a draft) or refused on its own.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"items": [{"kind": "grant", "permission_id": "0193a1b2-0000-7000-8000-000000000002", "unit_ids": ["0193a1b2-0000-7000-8000-000000000004"], "subject": {"first_name": "Karin", "last_name": "Berg", "personal_number": "19121212-1212", "email": null, "phone": null}, "lifecare_title": "Undersköterska", "profession": null, "expert_user": false, "valid_to": null, "comment": null}]}))]
pub struct CreateOrderBatch {
    /// One to 100 order bodies, each as for `POST /orders` (and read as one: its problems are its own).
    #[schema(value_type = Vec<CreateOrder>, min_items = 1, max_items = 100)]
    #[validate(length(min = 1, max = 100))]
    pub items: Required<Vec<Each<CreateOrder>>>,
}

/// The outcome of one item of a batch: `status` 201 with the `order` saved, or the status the
/// item would have had alone (403, 409, 422, …) with its `problem` (field paths relative to the item).
#[derive(Debug, Serialize, ToSchema)]
pub struct BatchItemResult {
    #[schema(example = 201)]
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<OrderDto>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<crate::error::Problem>,
}

/// One result per item of the batch, in the same order.
#[derive(Debug, Serialize, ToSchema)]
pub struct BatchAnswer {
    pub items: Vec<BatchItemResult>,
}

/// Changes to the person of a draft: fields sent replace theirs; `null` clears an optional one.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubjectPatch {
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>, max_length = 100)]
    pub first_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>, max_length = 100)]
    pub last_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>, max_length = 13, example = "19121212-1212")]
    pub personal_number: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>, max_length = 254)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>, max_length = 30)]
    pub phone: Option<Option<String>>,
}

/// Changes to a draft (`PATCH`), or to the copy of an order (`copy`): a merge. Fields sent replace
/// theirs, `null` clears an optional field, and the result must meet every rule. `provider_id`
/// cannot change (`provider_change_forbidden`).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"unit_ids": ["0193a1b2-0000-7000-8000-000000000004"], "subject": {"email": "karin.berg@omsorgnord.example"}, "expert_user": true}))]
pub struct UpdateOrder {
    pub kind: Option<OrderKind>,
    /// May be sent, but only with the order's own provider.
    pub provider_id: Option<Uuid>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub permission_id: Option<Option<OnePermission>>,
    /// Refused: an order names one permission (`one_permission_per_order`).
    #[serde(default)]
    #[schema(ignore)]
    pub permission_ids: Option<Refused>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<Vec<Uuid>>, min_items = 1, max_items = 100)]
    pub unit_ids: Option<Option<Vec<Uuid>>>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<SubjectPatch>)]
    pub subject: Option<Option<SubjectPatch>>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>, max_length = 100)]
    pub lifecare_title: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>, max_length = 100)]
    pub profession: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>, max_length = 100)]
    pub justification: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<bool>)]
    pub expert_user: Option<Option<bool>>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub valid_to: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>, max_length = 2000)]
    pub comment: Option<Option<String>>,
}

/// An optional note on a transition (`submit`, `withdraw`, `take`). The body may be left out.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"note": "Börjar måndag 2 december."}))]
pub struct TransitionNote {
    #[schema(max_length = 2000, example = "Börjar måndag 2 december.")]
    pub note: Option<String>,
}

/// Completing an order (IT). The body may be left out.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"account_name": "kaber01", "note": "Konto skapat i Lifecare."}))]
pub struct CompleteOrder {
    #[schema(max_length = 2000)]
    pub note: Option<String>,
    /// The person's user name in the target system, shown to the orderer.
    #[schema(max_length = 100, example = "kaber01")]
    pub account_name: Option<String>,
}

/// Rejecting an order (IT): the reason is mandatory.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Personen saknar anställning hos utföraren."}))]
pub struct RejectOrder {
    #[schema(value_type = String, max_length = 2000, example = "Personen saknar anställning hos utföraren.")]
    pub reason: Required<String>,
}

/// Returning an order to the orderers as a draft (IT): the question is mandatory.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"question": "Ska behörigheten gälla även på Boende Eken?"}))]
pub struct ReturnOrder {
    #[schema(value_type = String, max_length = 2000, example = "Ska behörigheten gälla även på Boende Eken?")]
    pub question: Required<String>,
}

/// The order of a list: by creation (which is id order).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListOrder {
    #[default]
    Newest,
    Oldest,
}

/// Filters of the order list. `status` may be repeated: `?status=submitted&status=in_progress`.
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrderFilter {
    /// Only orders in these statuses (repeat the parameter for several).
    #[param(value_type = Option<Vec<OrderStatus>>, style = Form, explode = true)]
    pub status: Vec<OrderStatus>,
    /// Only this provider's orders (an orderer: one of its providers).
    pub provider_id: Option<Uuid>,
    /// Only orders of permissions in this system.
    pub system_id: Option<Uuid>,
    pub kind: Option<OrderKind>,
    /// `true`: an orderer's own orders (created by the caller); for IT, those it has taken.
    pub mine: Option<bool>,
    /// `true`: only orders IT has returned with a question (with `status=draft`: waiting for the
    /// orderers' answer; with `status=submitted`: sent again, answering it).
    pub returned: Option<bool>,
    /// Contained in the person's name, the email or the reference number (case-insensitive); a whole
    /// personal number in any accepted form finds that person's orders exactly (audited as a read).
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Only orders changed at or after this instant (RFC 3339).
    #[param(value_type = Option<String>, format = DateTime)]
    pub updated_since: Option<DateTime<Utc>>,
    /// `newest` (default) or `oldest` first. IT's queue: `status=submitted&order=oldest`.
    #[param(inline, value_type = Option<ListOrder>)]
    pub order: ListOrder,
}

/// What `q` asks for: a whole personal number or reference is found by equality, anything else as text.
pub enum Search<'a> {
    /// A whole personal number (in any accepted form): that person's orders.
    Person(crate::domain::PersonalNumber),
    /// A whole reference (any case), upper-cased: that order.
    Reference(String),
    /// Free text, trimmed, to find in names, email and reference.
    Text(&'a str),
}

impl OrderFilter {
    /// What `q` asks for, if anything: a personal number before a reference before text.
    pub fn search(&self) -> Option<Search<'_>> {
        let q = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())?;
        Some(if let Some(person) = crate::domain::PersonalNumber::parse(q) {
            Search::Person(person)
        } else if let Some(reference) = crate::domain::order::parse_reference(q) {
            Search::Reference(reference)
        } else {
            Search::Text(q)
        })
    }

    /// The whole personal number `q` names, if it is one (in any accepted form).
    pub fn person(&self) -> Option<crate::domain::PersonalNumber> {
        match self.search()? {
            Search::Person(person) => Some(person),
            _ => None,
        }
    }

    /// The free text `q` searches for, when it is neither a whole personal number nor a whole reference.
    pub fn text_search(&self) -> Option<&str> {
        match self.search()? {
            Search::Text(q) => Some(q),
            _ => None,
        }
    }

    /// Reads the filter from the raw query string, where `status` may be repeated (or comma-separated).
    /// Other parameters (`limit`, `cursor`) are left to [`crate::pagination::PageParams`].
    pub fn from_query(query: &str) -> Result<OrderFilter, crate::error::ApiError> {
        use crate::error::ApiError;
        let pairs = actix_web::web::Query::<Vec<(String, String)>>::from_query(query)
            .map_err(|e| ApiError::InvalidQuery(e.to_string()))?
            .into_inner();
        let mut filter = OrderFilter::default();
        for (key, value) in pairs {
            let bad = |what: &str| ApiError::InvalidQuery(format!("{key}: {what}"));
            let uuid = |v: &str| Uuid::parse_str(v.trim()).map_err(|_| bad("not a UUID"));
            match key.as_str() {
                "status" => {
                    for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                        let status = OrderStatus::parse(part).ok_or_else(|| {
                            bad("one of draft, submitted, in_progress, completed, rejected, withdrawn")
                        })?;
                        if !filter.status.contains(&status) {
                            filter.status.push(status);
                        }
                    }
                }
                "provider_id" => filter.provider_id = Some(uuid(&value)?),
                "system_id" => filter.system_id = Some(uuid(&value)?),
                "kind" => filter.kind = Some(OrderKind::parse(value.trim()).ok_or_else(|| bad("grant or revoke"))?),
                "mine" => {
                    filter.mine = Some(match value.trim() {
                        "true" => true,
                        "false" => false,
                        _ => return Err(bad("true or false")),
                    })
                }
                "returned" => {
                    filter.returned = Some(match value.trim() {
                        "true" => true,
                        "false" => false,
                        _ => return Err(bad("true or false")),
                    })
                }
                "q" => {
                    if value.chars().count() > 100 || value.contains('\0') {
                        return Err(bad("at most 100 characters"));
                    }
                    filter.q = Some(value);
                }
                "updated_since" => {
                    let at = DateTime::parse_from_rfc3339(value.trim()).map_err(|_| bad("an RFC 3339 time"))?;
                    filter.updated_since = Some(at.with_timezone(&Utc));
                }
                "order" => {
                    filter.order = match value.trim() {
                        "newest" => ListOrder::Newest,
                        "oldest" => ListOrder::Oldest,
                        _ => return Err(bad("newest or oldest")),
                    }
                }
                _ => {}
            }
        }
        Ok(filter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_may_be_repeated_and_bad_values_are_refused() {
        let f = OrderFilter::from_query("status=submitted&status=in_progress,submitted&order=oldest&mine=true&limit=5")
            .expect("valid");
        assert_eq!(f.status, vec![OrderStatus::Submitted, OrderStatus::InProgress]);
        assert_eq!(f.order, ListOrder::Oldest);
        assert_eq!(f.mine, Some(true));
        let f = OrderFilter::from_query("q=Karin%20Berg&updated_since=2026-12-01T08:00:00%2B01:00").expect("valid");
        assert_eq!(f.q.as_deref(), Some("Karin Berg"));
        assert_eq!(f.updated_since.map(|t| t.to_rfc3339()), Some("2026-12-01T07:00:00+00:00".into()));
        for bad in ["status=done", "kind=both", "mine=yes", "order=random", "provider_id=42", "updated_since=today"] {
            assert!(OrderFilter::from_query(bad).is_err(), "{bad}");
        }
    }
}
