//! Request bodies as the order rules see them: a new order's, and a change merged into a stored one.

use super::dto::{CreateOrder, UpdateOrder};
use crate::{
    domain::{OrderKind, order::OrderInput},
    entities::order,
    error::{Code, FieldError, FieldErrors},
};
use serde_json::Value;
use uuid::Uuid;

/// Problems found while reading the body, restated where rule 2 has its own code: a
/// `permission_ids` field, or a list in `permission_id`, is `one_permission_per_order`.
pub fn refine_body_errors(raw: &Value, errors: FieldErrors) -> FieldErrors {
    let mut out = FieldErrors::new();
    for e in errors.into_vec() {
        let several = (e.field == "permission_ids" && e.code == Code::UnknownField)
            || (e.field == "permission_id" && raw.get("permission_id").is_some_and(Value::is_array));
        if several {
            out.push(FieldError::new(e.field, Code::OnePermissionPerOrder));
        } else {
            out.push(e);
        }
    }
    out
}

/// The order's fields as stored, for merging a change into them.
pub fn stored(m: &order::Model, unit_ids: Vec<Uuid>) -> OrderInput {
    OrderInput {
        kind: OrderKind::parse(&m.kind),
        permission_id: Some(m.permission_id),
        unit_ids: Some(unit_ids),
        first_name: Some(m.first_name.clone()),
        last_name: Some(m.last_name.clone()),
        personal_number: Some(m.personal_number.clone()),
        email: m.email.clone(),
        phone: m.phone.clone(),
        lifecare_title: m.lifecare_title.clone(),
        profession: m.profession.clone(),
        expert_user: m.expert_user,
        valid_to: m.valid_to.map(|d| d.format("%Y-%m-%d").to_string()),
        comment: m.comment.clone(),
    }
}

/// A new order's body, as the rules see it.
pub fn of_create(req: CreateOrder) -> OrderInput {
    let subject = req.subject.unwrap_or_default();
    OrderInput {
        kind: req.kind,
        permission_id: req.permission_id,
        unit_ids: req.unit_ids,
        first_name: subject.first_name,
        last_name: subject.last_name,
        personal_number: subject.personal_number,
        email: subject.email,
        phone: subject.phone,
        lifecare_title: req.lifecare_title,
        profession: req.profession,
        expert_user: req.expert_user.unwrap_or(false),
        valid_to: req.valid_to,
        comment: req.comment,
    }
}

/// Merges a change into an order: fields sent replace theirs; `null` clears.
pub fn merge(input: &mut OrderInput, change: UpdateOrder) {
    if let Some(kind) = change.kind {
        input.kind = Some(kind);
    }
    if let Some(v) = change.permission_id {
        input.permission_id = v;
    }
    if let Some(v) = change.unit_ids {
        input.unit_ids = v;
    }
    match change.subject {
        None => {}
        Some(None) => {
            input.first_name = None;
            input.last_name = None;
            input.personal_number = None;
            input.email = None;
            input.phone = None;
        }
        Some(Some(s)) => {
            let set = |target: &mut Option<String>, v: Option<Option<String>>| {
                if let Some(v) = v {
                    *target = v;
                }
            };
            set(&mut input.first_name, s.first_name);
            set(&mut input.last_name, s.last_name);
            set(&mut input.personal_number, s.personal_number);
            set(&mut input.email, s.email);
            set(&mut input.phone, s.phone);
        }
    }
    for (target, v) in [
        (&mut input.lifecare_title, change.lifecare_title),
        (&mut input.profession, change.profession),
        (&mut input.valid_to, change.valid_to),
        (&mut input.comment, change.comment),
    ] {
        if let Some(v) = v {
            *target = v;
        }
    }
    if let Some(v) = change.expert_user {
        input.expert_user = v.unwrap_or(false);
    }
}
