//! Request bodies as the order rules see them: a new order's, and a change merged into a stored one.

use super::dto::{CreateOrder, UpdateOrder};
use crate::{
    domain::{OrderKind, order::OrderInput},
    entities::order,
    error::FieldErrors,
};
use uuid::Uuid;

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
        justification: m.justification.clone(),
        expert_user: m.expert_user,
        valid_to: m.valid_to.map(|d| d.format("%Y-%m-%d").to_string()),
        comment: m.comment.clone(),
    }
}

/// A new order's body, as the rules see it; a missing required field is recorded in `errors`.
pub fn of_create(req: CreateOrder, errors: &mut FieldErrors) -> OrderInput {
    let subject = req.subject.or_empty();
    OrderInput {
        kind: req.kind,
        permission_id: req.permission_id.take("permission_id", errors).map(|p| p.0),
        unit_ids: req.unit_ids.take("unit_ids", errors),
        first_name: subject.first_name.take("subject.first_name", errors),
        last_name: subject.last_name.take("subject.last_name", errors),
        personal_number: subject.personal_number.take("subject.personal_number", errors),
        email: subject.email,
        phone: subject.phone,
        lifecare_title: req.lifecare_title,
        profession: req.profession,
        justification: req.justification,
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
        input.permission_id = v.map(|p| p.0);
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
        (&mut input.justification, change.justification),
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
