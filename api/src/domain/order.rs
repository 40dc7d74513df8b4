//! Orders: their kinds, their statuses and the transitions between them (the lifecycle), and the
//! rules every saved order meets (the municipality's rules 1–7 and 12). No HTTP and no SQL here:
//! the service loads the facts (the permission and its system, the units) and asks these rules.

use super::{
    Actor, Email, ExtraField, PersonalNumber, parse_text,
    problems::{Code, FieldError, FieldErrors},
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;
use uuid::Uuid;

/// Limits of an order's text fields, in characters.
pub const NAME_MAX: usize = 100;
pub const EMAIL_MAX: usize = 254;
pub const PHONE_MAX: usize = 30;
pub const EXTRA_FIELD_MAX: usize = 100;
pub const COMMENT_MAX: usize = 2000;
pub const NOTE_MAX: usize = 2000;
pub const ACCOUNT_NAME_MAX: usize = 100;
/// How the API names the creator of an order, or the actor of a step in its history, when Sesam
/// did it by itself (a revoke order for a passed end date): no person did.
pub const SESAM: &str = "Sesam";
/// The most units one order may name.
pub const UNITS_MAX: usize = 100;

/// Grant (beställa) or revoke (avbeställa) a permission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    Grant,
    Revoke,
}

impl OrderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderKind::Grant => "grant",
            OrderKind::Revoke => "revoke",
        }
    }

    pub fn parse(s: &str) -> Option<OrderKind> {
        [OrderKind::Grant, OrderKind::Revoke].into_iter().find(|k| k.as_str() == s)
    }
}

/// Where an order is in its lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Utkast: saved, editable and deletable by the provider's orderers.
    Draft,
    /// Skickad till IT.
    Submitted,
    /// Pågår: taken by an IT person.
    InProgress,
    /// Klar.
    Completed,
    /// Avvisad.
    Rejected,
    /// Återkallad.
    Withdrawn,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 6] = [
        OrderStatus::Draft,
        OrderStatus::Submitted,
        OrderStatus::InProgress,
        OrderStatus::Completed,
        OrderStatus::Rejected,
        OrderStatus::Withdrawn,
    ];

    /// Open orders count for rule 13 (one open order at a time).
    pub const OPEN: [OrderStatus; 3] = [OrderStatus::Draft, OrderStatus::Submitted, OrderStatus::InProgress];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Draft => "draft",
            OrderStatus::Submitted => "submitted",
            OrderStatus::InProgress => "in_progress",
            OrderStatus::Completed => "completed",
            OrderStatus::Rejected => "rejected",
            OrderStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<OrderStatus> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Completed, rejected and withdrawn orders never change again.
    pub fn is_final(self) -> bool {
        matches!(self, OrderStatus::Completed | OrderStatus::Rejected | OrderStatus::Withdrawn)
    }
}

/// Who makes a transition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
    /// An orderer of the order's provider.
    Orderer,
    /// An IT account.
    It,
}

/// A step of the lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    /// draft → submitted (orderer): sent to IT.
    Submit,
    /// submitted → withdrawn (orderer), while IT has not taken it.
    Withdraw,
    /// submitted → in_progress (IT).
    Take,
    /// in_progress → completed (IT).
    Complete,
    /// submitted | in_progress → rejected (IT), with a reason.
    Reject,
    /// submitted | in_progress → draft (IT), with a question to the orderers.
    Return,
}

impl Transition {
    /// The statuses it may start from.
    pub fn from(self) -> &'static [OrderStatus] {
        use OrderStatus::*;
        match self {
            Transition::Submit => &[Draft],
            Transition::Withdraw | Transition::Take => &[Submitted],
            Transition::Complete => &[InProgress],
            Transition::Reject | Transition::Return => &[Submitted, InProgress],
        }
    }

    /// The status it leads to.
    pub fn to(self) -> OrderStatus {
        match self {
            Transition::Submit => OrderStatus::Submitted,
            Transition::Withdraw => OrderStatus::Withdrawn,
            Transition::Take => OrderStatus::InProgress,
            Transition::Complete => OrderStatus::Completed,
            Transition::Reject => OrderStatus::Rejected,
            Transition::Return => OrderStatus::Draft,
        }
    }

    /// Who may make it.
    pub fn party(self) -> Party {
        match self {
            Transition::Submit | Transition::Withdraw => Party::Orderer,
            Transition::Take | Transition::Complete | Transition::Reject | Transition::Return => Party::It,
        }
    }

    /// The status after this transition from `from`, or `None` when the lifecycle does not allow it.
    pub fn apply(self, from: OrderStatus) -> Option<OrderStatus> {
        self.from().contains(&from).then(|| self.to())
    }

    /// The name of what happened, as recorded in the order's history.
    pub fn action(self) -> HistoryAction {
        match self {
            Transition::Submit => HistoryAction::Submitted,
            Transition::Withdraw => HistoryAction::Withdrawn,
            Transition::Take => HistoryAction::Taken,
            Transition::Complete => HistoryAction::Completed,
            Transition::Reject => HistoryAction::Rejected,
            Transition::Return => HistoryAction::Returned,
        }
    }
}

/// What a history entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HistoryAction {
    /// Saved as a new draft (also by copying another order).
    Created,
    Submitted,
    Withdrawn,
    Taken,
    Completed,
    Rejected,
    Returned,
}

impl HistoryAction {
    pub const ALL: [HistoryAction; 7] = [
        HistoryAction::Created,
        HistoryAction::Submitted,
        HistoryAction::Withdrawn,
        HistoryAction::Taken,
        HistoryAction::Completed,
        HistoryAction::Rejected,
        HistoryAction::Returned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HistoryAction::Created => "created",
            HistoryAction::Submitted => "submitted",
            HistoryAction::Withdrawn => "withdrawn",
            HistoryAction::Taken => "taken",
            HistoryAction::Completed => "completed",
            HistoryAction::Rejected => "rejected",
            HistoryAction::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Option<HistoryAction> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// What the rules need to know of the order's permission and its system.
#[derive(Clone, Debug)]
pub struct PermissionFacts {
    pub active: bool,
    pub system_id: Uuid,
    /// The extra fields the system's grant orders require (rules 4 and 5).
    pub required_fields: Vec<ExtraField>,
    /// Field name → allowed values, for extra fields with a fixed list.
    pub allowed_values: BTreeMap<String, Vec<String>>,
}

/// What the rules need to know of a unit.
#[derive(Clone, Copy, Debug)]
pub struct UnitFacts {
    pub provider_id: Uuid,
    pub active: bool,
}

/// The order as it would be saved, before any rule is checked: a new order's body, or a stored
/// draft with a change merged in. Text is as the client sent it.
#[derive(Clone, Debug, Default)]
pub struct OrderInput {
    pub kind: Option<OrderKind>,
    pub permission_id: Option<Uuid>,
    pub unit_ids: Option<Vec<Uuid>>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub personal_number: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub lifecare_title: Option<String>,
    pub profession: Option<String>,
    pub justification: Option<String>,
    pub expert_user: bool,
    /// `YYYY-MM-DD`.
    pub valid_to: Option<String>,
    pub comment: Option<String>,
}

/// Everything the rules check an order against.
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    /// The order's provider.
    pub provider_id: Uuid,
    /// The permission named by `permission_id`; `None` when there is no such permission.
    pub permission: Option<&'a PermissionFacts>,
    /// The units named by `unit_ids` that exist.
    pub units: &'a HashMap<Uuid, UnitFacts>,
    pub actor: Actor<'a>,
    /// For `valid_to`: it may not be before this day.
    pub today: NaiveDate,
}

/// An order that meets every rule, with its values in their stored form.
#[derive(Clone, Debug)]
pub struct ValidOrder {
    pub kind: OrderKind,
    pub permission_id: Uuid,
    pub system_id: Uuid,
    /// Without duplicates, in the order given.
    pub unit_ids: Vec<Uuid>,
    pub first_name: String,
    pub last_name: String,
    pub personal_number: PersonalNumber,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub lifecare_title: Option<String>,
    pub profession: Option<String>,
    /// Motivering.
    pub justification: Option<String>,
    pub expert_user: bool,
    pub valid_to: Option<NaiveDate>,
    pub comment: Option<String>,
}

/// Optional text: blank is absent; otherwise bounded and free of control characters.
fn optional_text(
    field: &str,
    value: Option<&str>,
    max: usize,
    multiline: bool,
    errors: &mut FieldErrors,
) -> Option<String> {
    let value = value.filter(|v| !v.trim().is_empty())?;
    errors.check(parse_text(field, value, max, multiline)).map(|t| t.into_string())
}

/// Mandatory text: `required` when absent or blank.
fn required_text(field: &str, value: Option<&str>, max: usize, errors: &mut FieldErrors) -> Option<String> {
    let value = errors.require(field, value)?;
    errors.check(parse_text(field, value, max, false)).map(|t| t.into_string())
}

fn parse_phone(value: &str) -> Result<String, FieldError> {
    let field = "subject.phone";
    let text = parse_text(field, value, PHONE_MAX, false)?.into_string();
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')');
    let digits = text.chars().filter(char::is_ascii_digit).count();
    if !text.chars().all(allowed) || digits < 5 {
        return Err(FieldError::new(field, Code::InvalidFormat).with_message(
            "Telefonnumret får bara innehålla siffror, mellanslag, +, - och parenteser.",
            "The phone number may only hold digits, spaces, +, - and parentheses.",
        ));
    }
    Ok(text)
}

/// Reads `YYYY-MM-DD` strictly.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    let b = v.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()
}

/// Finds `value` among the allowed values, ignoring case; answers the allowed spelling.
fn allowed_spelling<'a>(value: &str, allowed: &'a [String]) -> Option<&'a String> {
    let wanted = value.to_lowercase();
    allowed.iter().find(|a| a.to_lowercase() == wanted)
}

/// Checks an order against every rule, recording each problem (with its JSON path) in `errors`;
/// answers the order in its stored form when there was none. Fields that already have a problem
/// (from reading the request) are not checked again.
pub fn check_order(input: &OrderInput, facts: &Facts<'_>, errors: &mut FieldErrors) -> Option<ValidOrder> {
    let kind = input.kind.unwrap_or(OrderKind::Grant);

    // Rule 2: exactly one permission, known and active.
    let permission_id = errors.require("permission_id", input.permission_id);
    let permission = match (permission_id, facts.permission) {
        (Some(_), None) => {
            errors.add("permission_id", Code::UnknownPermission);
            None
        }
        (Some(_), Some(p)) if !p.active => {
            errors.add("permission_id", Code::InactivePermission);
            None
        }
        (Some(_), Some(p)) => Some(p),
        (None, _) => None,
    };

    // Rule 3: at least one unit, every one of the order's provider.
    let mut unit_ids: Vec<Uuid> = Vec::new();
    match input.unit_ids.as_deref() {
        None | Some([]) => {
            errors.require::<()>("unit_ids", None);
        }
        Some(ids) => {
            for (i, id) in ids.iter().enumerate() {
                let field = format!("unit_ids[{i}]");
                if errors.has_error_at(&field) {
                    continue;
                }
                match facts.units.get(id) {
                    Some(u) if u.provider_id == facts.provider_id => {
                        if !u.active && kind == OrderKind::Grant {
                            errors.push(
                                FieldError::new(field, Code::ValueNotAllowed)
                                    .with_message("Enheten är inte längre aktiv.", "The unit is no longer active."),
                            );
                        } else if !unit_ids.contains(id) {
                            unit_ids.push(*id);
                        }
                    }
                    _ => errors.add(field, Code::UnitNotInProvider),
                }
            }
        }
    }

    // Rule 1: the person's names and personal identity number.
    let first_name = required_text("subject.first_name", input.first_name.as_deref(), NAME_MAX, errors);
    let last_name = required_text("subject.last_name", input.last_name.as_deref(), NAME_MAX, errors);
    let personal_number = match errors.require("subject.personal_number", input.personal_number.as_deref()) {
        Some(v) if v.trim().is_empty() => {
            errors.add("subject.personal_number", Code::Required);
            None
        }
        Some(v) => {
            let parsed = PersonalNumber::parse(v);
            if parsed.is_none() {
                errors.add("subject.personal_number", Code::InvalidPersonalNumber);
            }
            parsed
        }
        None => None,
    };
    let email = match input.email.as_deref().filter(|e| !e.trim().is_empty()) {
        None => None,
        Some(_) if errors.has_error_at("subject.email") => None,
        Some(e) => match Email::parse(e) {
            Some(email) => Some(email),
            None => {
                errors.add("subject.email", Code::InvalidEmail);
                None
            }
        },
    };
    let email_has_error = errors.has_error_at("subject.email");
    let phone = match input.phone.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(p) if !errors.has_error_at("subject.phone") => errors.check(parse_phone(p)),
        _ => None,
    };

    // Rule 7: nobody orders for themselves.
    facts
        .actor
        .matches(personal_number.as_ref().map(PersonalNumber::as_str), email.as_ref().map(Email::as_str))
        .report("subject.personal_number", "subject.email", errors);

    // Rule 6: an expert user needs an email address.
    if input.expert_user && email.is_none() && !email_has_error {
        errors.add("subject.email", Code::ExpertUserEmailRequired);
    }

    // Rules 4 and 5, as data: what the system's grant orders require, and their allowed values.
    let extra = |field: ExtraField, value: Option<&str>, errors: &mut FieldErrors| -> Option<String> {
        let name = field.as_str();
        if errors.has_error_at(name) {
            return None;
        }
        let value = optional_text(name, value, EXTRA_FIELD_MAX, false, errors);
        if kind == OrderKind::Revoke {
            return value;
        }
        let Some(permission) = permission else { return value };
        match value {
            None if permission.required_fields.contains(&field) => {
                errors.add(
                    name,
                    match field {
                        ExtraField::LifecareTitle => Code::LifecareTitleRequired,
                        ExtraField::Profession => Code::ProfessionRequired,
                        ExtraField::Justification => Code::JustificationRequired,
                    },
                );
                None
            }
            None => None,
            Some(v) => match permission.allowed_values.get(name).filter(|list| !list.is_empty()) {
                None => Some(v),
                Some(list) => match allowed_spelling(&v, list) {
                    Some(spelling) => Some(spelling.clone()),
                    None => {
                        errors.push(FieldError::new(name, Code::ValueNotAllowed).with_message(
                            format!("Välj ett av de tillåtna värdena: {}.", list.join(", ")),
                            format!("Choose one of the allowed values: {}.", list.join(", ")),
                        ));
                        None
                    }
                },
            },
        }
    };
    let lifecare_title = extra(ExtraField::LifecareTitle, input.lifecare_title.as_deref(), errors);
    let profession = extra(ExtraField::Profession, input.profession.as_deref(), errors);
    let justification = extra(ExtraField::Justification, input.justification.as_deref(), errors);

    // An end date, if any, is a real date that has not passed.
    let valid_to = match input.valid_to.as_deref().filter(|v| !v.trim().is_empty()) {
        Some(_) if errors.has_error_at("valid_to") => None,
        Some(v) => match parse_date(v) {
            None => {
                errors.push(
                    FieldError::new("valid_to", Code::InvalidFormat)
                        .with_message("Ange ett datum som ÅÅÅÅ-MM-DD.", "Give a date as YYYY-MM-DD."),
                );
                None
            }
            Some(d) if d < facts.today => {
                errors.push(
                    FieldError::new("valid_to", Code::ValueNotAllowed)
                        .with_message("Slutdatumet har redan passerat.", "The end date has already passed."),
                );
                None
            }
            Some(d) => Some(d),
        },
        None => None,
    };
    let comment = if errors.has_error_at("comment") {
        None
    } else {
        optional_text("comment", input.comment.as_deref(), COMMENT_MAX, true, errors)
    };

    if !errors.is_empty() {
        return None;
    }
    let (Some(permission_id), Some(permission), Some(first_name), Some(last_name), Some(personal_number)) =
        (permission_id, permission, first_name, last_name, personal_number)
    else {
        return None;
    };
    Some(ValidOrder {
        kind,
        permission_id,
        system_id: permission.system_id,
        unit_ids,
        first_name,
        last_name,
        personal_number,
        email: email.map(|e| e.as_str().to_owned()),
        phone,
        lifecare_title,
        profession,
        justification,
        expert_user: input.expert_user,
        valid_to,
        comment,
    })
}

/// Checks the text of a transition's note, reason or question: `required` when `mandatory` and absent.
pub fn check_note(field: &str, value: Option<&str>, mandatory: bool, errors: &mut FieldErrors) -> Option<String> {
    if errors.has_error_at(field) {
        return None;
    }
    if mandatory {
        let value = errors.require(field, value)?;
        errors.check(parse_text(field, value, NOTE_MAX, true)).map(|t| t.into_string())
    } else {
        optional_text(field, value, NOTE_MAX, true, errors)
    }
}

/// Checks the user name in the target system that IT reports when completing an order.
pub fn check_account_name(value: Option<&str>, errors: &mut FieldErrors) -> Option<String> {
    if errors.has_error_at("account_name") {
        return None;
    }
    optional_text("account_name", value, ACCOUNT_NAME_MAX, false, errors)
}

pub use super::reference::{parse_reference, reference};

/// What the list's free-text search looks in: names, email and reference, lower-cased.
pub fn search_text(first_name: &str, last_name: &str, email: Option<&str>, reference: &str) -> String {
    format!("{first_name} {last_name}\n{}\n{reference}", email.unwrap_or("")).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pn(s: &str) -> String {
        PersonalNumber::parse(s).expect("valid").as_str().to_owned()
    }

    struct World {
        provider: Uuid,
        other: Uuid,
        lifecare: PermissionFacts,
        units: HashMap<Uuid, UnitFacts>,
        unit: Uuid,
        unit_other: Uuid,
        unit_closed: Uuid,
        actor_pn: String,
    }

    fn world() -> World {
        let provider = Uuid::now_v7();
        let other = Uuid::now_v7();
        let (unit, unit_other, unit_closed) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let mut units = HashMap::new();
        units.insert(unit, UnitFacts { provider_id: provider, active: true });
        units.insert(unit_other, UnitFacts { provider_id: other, active: true });
        units.insert(unit_closed, UnitFacts { provider_id: provider, active: false });
        let mut allowed = BTreeMap::new();
        allowed.insert("lifecare_title".to_owned(), vec!["Undersköterska".to_owned(), "Sjuksköterska".to_owned()]);
        World {
            provider,
            other,
            lifecare: PermissionFacts {
                active: true,
                system_id: Uuid::now_v7(),
                required_fields: vec![ExtraField::LifecareTitle],
                allowed_values: allowed,
            },
            units,
            unit,
            unit_other,
            unit_closed,
            actor_pn: pn("19800412-2381"),
        }
    }

    fn facts<'a>(w: &'a World, permission: Option<&'a PermissionFacts>) -> Facts<'a> {
        Facts {
            provider_id: w.provider,
            permission,
            units: &w.units,
            actor: Actor { personal_number: Some(&w.actor_pn), email: "anna.lind@omsorgnord.example" },
            today: NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"),
        }
    }

    fn good(w: &World) -> OrderInput {
        OrderInput {
            permission_id: Some(Uuid::now_v7()),
            unit_ids: Some(vec![w.unit, w.unit]),
            first_name: Some(" Karin ".into()),
            last_name: Some("Berg".into()),
            personal_number: Some("191212121212".into()),
            lifecare_title: Some("undersköterska".into()),
            ..Default::default()
        }
    }

    fn codes(errors: FieldErrors) -> Vec<(String, &'static str)> {
        let mut v: Vec<_> = errors.into_vec().into_iter().map(|e| (e.field, e.code.as_str())).collect();
        v.sort();
        v
    }

    #[test]
    fn a_good_order_passes_in_its_stored_form() {
        let w = world();
        let mut errors = FieldErrors::new();
        let order = check_order(&good(&w), &facts(&w, Some(&w.lifecare)), &mut errors).expect("valid");
        assert!(errors.is_empty());
        assert_eq!(order.first_name, "Karin");
        assert_eq!(order.unit_ids, vec![w.unit], "duplicates are dropped");
        assert_eq!(order.lifecare_title.as_deref(), Some("Undersköterska"), "the allowed spelling");
        assert_eq!(order.personal_number.as_str(), "191212121212");
        assert_eq!(order.kind, OrderKind::Grant);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let w = world();
        let input = OrderInput {
            unit_ids: Some(vec![w.unit_other, Uuid::now_v7(), w.unit_closed]),
            personal_number: Some("19121212-1213".into()),
            email: Some("not-an-email".into()),
            expert_user: true,
            valid_to: Some("2026-11-27".into()),
            phone: Some("ring mig".into()),
            ..Default::default()
        };
        let mut errors = FieldErrors::new();
        assert!(check_order(&input, &facts(&w, None), &mut errors).is_none());
        assert_eq!(
            codes(errors),
            vec![
                ("permission_id".into(), "required"),
                ("subject.email".into(), "invalid_email"),
                ("subject.first_name".into(), "required"),
                ("subject.last_name".into(), "required"),
                ("subject.personal_number".into(), "invalid_personal_number"),
                ("subject.phone".into(), "invalid_format"),
                ("unit_ids[0]".into(), "unit_not_in_provider"),
                ("unit_ids[1]".into(), "unit_not_in_provider"),
                ("unit_ids[2]".into(), "value_not_allowed"),
                ("valid_to".into(), "value_not_allowed"),
            ]
        );
    }

    #[test]
    fn rules_four_and_five_are_data_and_apply_to_grants_only() {
        let w = world();
        let mut input = good(&w);
        input.lifecare_title = None;
        let mut errors = FieldErrors::new();
        check_order(&input, &facts(&w, Some(&w.lifecare)), &mut errors);
        assert_eq!(codes(errors), vec![("lifecare_title".into(), "lifecare_title_required")]);

        input.lifecare_title = Some("Trollkarl".into());
        let mut errors = FieldErrors::new();
        check_order(&input, &facts(&w, Some(&w.lifecare)), &mut errors);
        assert_eq!(codes(errors), vec![("lifecare_title".into(), "value_not_allowed")]);

        input.kind = Some(OrderKind::Revoke);
        input.lifecare_title = None;
        let mut errors = FieldErrors::new();
        assert!(check_order(&input, &facts(&w, Some(&w.lifecare)), &mut errors).is_some());
        // A closed unit may still be named when revoking.
        input.unit_ids = Some(vec![w.unit_closed]);
        assert!(check_order(&input, &facts(&w, Some(&w.lifecare)), &mut FieldErrors::new()).is_some());
    }

    #[test]
    fn nobody_orders_for_themselves() {
        let w = world();
        let mut input = good(&w);
        input.personal_number = Some("19800412-2381".into());
        input.email = Some("Anna.Lind@omsorgnord.example".into());
        let mut errors = FieldErrors::new();
        check_order(&input, &facts(&w, Some(&w.lifecare)), &mut errors);
        assert_eq!(
            codes(errors),
            vec![
                ("subject.email".into(), "self_order_forbidden"),
                ("subject.personal_number".into(), "self_order_forbidden")
            ]
        );
    }

    #[test]
    fn unknown_and_inactive_permissions_and_expert_users() {
        let w = world();
        let inactive = PermissionFacts { active: false, ..w.lifecare.clone() };
        let mut errors = FieldErrors::new();
        check_order(&good(&w), &facts(&w, Some(&inactive)), &mut errors);
        assert_eq!(codes(errors), vec![("permission_id".into(), "inactive_permission")]);
        let mut errors = FieldErrors::new();
        check_order(&good(&w), &facts(&w, None), &mut errors);
        assert_eq!(codes(errors), vec![("permission_id".into(), "unknown_permission")]);
        let mut input = good(&w);
        input.expert_user = true;
        let mut errors = FieldErrors::new();
        check_order(&input, &facts(&w, Some(&w.lifecare)), &mut errors);
        assert_eq!(codes(errors), vec![("subject.email".into(), "expert_user_email_required")]);
        input.email = Some("karin.berg@omsorgnord.example".into());
        assert!(check_order(&input, &facts(&w, Some(&w.lifecare)), &mut FieldErrors::new()).is_some());
        let _ = w.other;
    }

    #[test]
    fn the_lifecycle() {
        use OrderStatus::*;
        assert_eq!(Transition::Submit.apply(Draft), Some(Submitted));
        assert_eq!(Transition::Take.apply(Submitted), Some(InProgress));
        assert_eq!(Transition::Take.apply(InProgress), None);
        assert_eq!(Transition::Reject.apply(InProgress), Some(Rejected));
        assert_eq!(Transition::Return.apply(Submitted), Some(Draft));
        assert_eq!(Transition::Withdraw.apply(InProgress), None);
        assert_eq!(Transition::Complete.apply(Submitted), None);
        for t in [
            Transition::Submit,
            Transition::Withdraw,
            Transition::Take,
            Transition::Complete,
            Transition::Reject,
            Transition::Return,
        ] {
            for s in [Completed, Rejected, Withdrawn] {
                assert_eq!(t.apply(s), None, "{s:?} is final");
            }
        }
    }

    #[test]
    fn dates_and_references() {
        assert_eq!(parse_date("2026-02-28"), NaiveDate::from_ymd_opt(2026, 2, 28));
        for bad in ["2026-2-28", "2026-02-30", "28/02/2026", "2026-02-28T00:00:00Z", ""] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
        assert_eq!(reference(2026, 123), "SES-2026-000123");
        assert_eq!(
            search_text("Åsa", "Öberg", Some("A@B.se"), "SES-2026-000001"),
            "åsa öberg\na@b.se\nses-2026-000001"
        );
    }
}
