//! What a completed order does to the holdings, in the completing transaction:
//! - a **grant** creates the person's holding of the permission at the provider, or, when the
//!   person already holds it there, updates that one: its units, end date and the person's names
//!   and email are the newer order's (never two active holdings of one permission for one person
//!   at one provider; a unique index makes sure of it);
//! - a **revoke** removes the units it names from the holding; when none is left (a revoke that
//!   names all of its units, as Sesam's own revoke orders do), the holding ends. A revoke naming
//!   none of the holding's units changes nothing; a revoke for a person who holds nothing neither.
//!
//! Each change is audited as done by the IT account that completed the order.

use super::units::{unit_ids_of, write_units};
use crate::{
    audit::{self, AuditEvent},
    domain::{OrderKind, Transition},
    effects::{
        events::{Event, OrderTransitioned},
        publish::publish,
    },
    entities::{holding, holding_unit, order},
    error::ApiError,
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::Expr,
};
use uuid::Uuid;

/// What the list's free-text search looks in: names and email, lower-cased.
pub fn search_text(first_name: &str, last_name: &str, email: Option<&str>) -> String {
    format!("{first_name} {last_name}\n{}", email.unwrap_or("")).to_lowercase()
}

/// The person's active holding of the permission at the provider.
fn active_of(provider_id: Uuid, personal_number: &str, permission_id: Uuid) -> Condition {
    Condition::all()
        .add(holding::Column::ProviderId.eq(provider_id))
        .add(holding::Column::PersonalNumber.eq(personal_number))
        .add(holding::Column::PermissionId.eq(permission_id))
        .add(holding::Column::EndedAt.is_null())
}

/// Subscribed to every step of an order's lifecycle (see `crate::effects`): completions change holdings.
pub async fn on_order_transitioned(db: &impl ConnectionTrait, event: &OrderTransitioned<'_>) -> Result<(), ApiError> {
    match (event.transition, event.actor) {
        (Transition::Complete, Some(completed_by)) => {
            on_order_completed(db, event.before, &event.order.unit_ids, completed_by).await
        }
        _ => Ok(()),
    }
}

/// Makes or changes the person's holding when an order completes (see the module's documentation).
async fn on_order_completed(
    db: &impl ConnectionTrait,
    order: &order::Model,
    unit_ids: &[Uuid],
    completed_by: Uuid,
) -> Result<(), ApiError> {
    let now = Utc::now();
    let existing = holding::Entity::find()
        .filter(active_of(order.provider_id, &order.personal_number, order.permission_id))
        .one(db)
        .await?;
    let (provider_id, order_id, reference) = (order.provider_id, order.id, order.reference.as_str());
    match (OrderKind::parse(&order.kind), existing) {
        (Some(OrderKind::Grant), None) => {
            let model = holding::ActiveModel {
                id: Set(Uuid::now_v7()),
                provider_id: Set(order.provider_id),
                permission_id: Set(order.permission_id),
                system_id: Set(order.system_id),
                first_name: Set(order.first_name.clone()),
                last_name: Set(order.last_name.clone()),
                personal_number: Set(order.personal_number.clone()),
                email: Set(order.email.clone()),
                search_text: Set(search_text(&order.first_name, &order.last_name, order.email.as_deref())),
                since: Set(now),
                valid_to: Set(order.valid_to),
                source_order_id: Set(order.id),
                latest_order_id: Set(order.id),
                justification: Set(order.justification.clone()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
            write_units(db, model.id, unit_ids).await?;
            let event = AuditEvent::HoldingCreated { holding_id: model.id, provider_id, order_id, reference };
            audit::record(db, Some(completed_by), event).await?;
        }
        (Some(OrderKind::Grant), Some(current)) => {
            let id = current.id;
            let date_changed = current.valid_to != order.valid_to;
            let mut model: holding::ActiveModel = current.into();
            model.first_name = Set(order.first_name.clone());
            model.last_name = Set(order.last_name.clone());
            model.email = Set(order.email.clone());
            model.search_text = Set(search_text(&order.first_name, &order.last_name, order.email.as_deref()));
            model.valid_to = Set(order.valid_to);
            model.latest_order_id = Set(order.id);
            if order.justification.is_some() {
                model.justification = Set(order.justification.clone());
            }
            model.updated_at = Set(now);
            if date_changed {
                // A new end date gets its own notice and its own handling when it passes.
                model.notice_sent_at = Set(None);
                model.expiry_handled_at = Set(None);
                model.expiry_order_id = Set(None);
            }
            model.update(db).await?;
            write_units(db, id, unit_ids).await?;
            let event = AuditEvent::HoldingUpdated { holding_id: id, provider_id, order_id, reference };
            audit::record(db, Some(completed_by), event).await?;
        }
        (Some(OrderKind::Revoke), Some(current)) => {
            let held = unit_ids_of(db, current.id).await?;
            let removed: Vec<Uuid> = held.iter().copied().filter(|u| unit_ids.contains(u)).collect();
            if removed.is_empty() {
                return Ok(());
            }
            if removed.len() == held.len() {
                // Conditional, so that a holding ends once.
                holding::Entity::update_many()
                    .col_expr(holding::Column::EndedAt, Expr::value(Some(now)))
                    .col_expr(holding::Column::EndedBy, Expr::value(Some(completed_by)))
                    .col_expr(holding::Column::EndedByOrderId, Expr::value(Some(order.id)))
                    .col_expr(holding::Column::UpdatedAt, Expr::value(now))
                    .filter(holding::Column::Id.eq(current.id))
                    .filter(holding::Column::EndedAt.is_null())
                    .exec(db)
                    .await?;
                let event = AuditEvent::HoldingEnded { holding_id: current.id, provider_id, order_id, reference };
                audit::record(db, Some(completed_by), event).await?;
                let event = Event::HoldingEnded {
                    holding_id: current.id,
                    provider_id,
                    system_id: current.system_id,
                    permission_id: current.permission_id,
                    personal_number: crate::domain::mask_stored(&current.personal_number),
                    order_id,
                };
                publish(db, &event).await?;
            } else {
                holding_unit::Entity::delete_many()
                    .filter(holding_unit::Column::HoldingId.eq(current.id))
                    .filter(holding_unit::Column::UnitId.is_in(removed.clone()))
                    .exec(db)
                    .await?;
                holding::Entity::update_many()
                    .col_expr(holding::Column::UpdatedAt, Expr::value(now))
                    .filter(holding::Column::Id.eq(current.id))
                    .exec(db)
                    .await?;
                let event = AuditEvent::HoldingUnitsRemoved {
                    holding_id: current.id,
                    provider_id,
                    order_id,
                    reference,
                    unit_ids: &removed,
                };
                audit::record(db, Some(completed_by), event).await?;
            }
        }
        (Some(OrderKind::Revoke), None) | (None, _) => {}
    }
    Ok(())
}
