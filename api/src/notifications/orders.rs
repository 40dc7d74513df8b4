//! What the steps of an order's lifecycle tell people: IT's mailbox of each order sent to IT; the
//! order's creator, and whoever sent it, of its completion, rejection or return.

use super::{
    dto::NotificationKind,
    service::{Notice, notify},
};
use crate::{
    domain::{OrderKind, Transition, mask_stored},
    effects::events::OrderTransitioned,
    error::ApiError,
    ordering_rights::orderers::active_orderers,
    orders::dto::OrderDto,
};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

/// Subscribed to every step of an order's lifecycle (see `crate::effects`).
pub async fn on_order_transitioned(
    db: &impl ConnectionTrait,
    event: &OrderTransitioned<'_>,
    it_email: Option<&str>,
) -> Result<(), ApiError> {
    if event.transition == Transition::Submit {
        tell_it(db, it_email, event.order).await?;
    }
    tell_the_orderers(db, event).await
}

/// An order sent to IT is announced in IT's mailbox, when one is configured.
async fn tell_it(db: &impl ConnectionTrait, it_email: Option<&str>, order: &OrderDto) -> Result<(), ApiError> {
    let kind = match order.kind {
        OrderKind::Grant => "Beställning",
        OrderKind::Revoke => "Avbeställning",
    };
    let subject = format!("Ny beställning till IT: {} ({})", order.reference, order.provider_name);
    let body = format!(
        "{kind} {} från {}: {} i {} för {} {} ({}). Ta ärendet i Sesam under IT-kö.",
        order.reference,
        order.provider_name,
        order.permission_name,
        order.system_name,
        order.subject.first_name,
        order.subject.last_name,
        mask_stored(&order.subject.personal_number.replace('-', "")),
    );
    crate::outbox::enqueue_for_it(db, it_email, &subject, &body, Some(order.id)).await?;
    Ok(())
}

/// Completing, rejecting and returning tell the order's creator, and whoever sent it if that is
/// someone else, in the same transaction as the change; an order Sesam made and sent by itself
/// tells the provider's orderers.
async fn tell_the_orderers(db: &impl ConnectionTrait, event: &OrderTransitioned<'_>) -> Result<(), ApiError> {
    let (order, text) = (event.order, event.text);
    let person = format!("{} {}", order.subject.first_name, order.subject.last_name);
    let what = format!("{} i {}", order.permission_name, order.system_name);
    let reference = &order.reference;
    let (kind, title, mut body) = match event.transition {
        Transition::Complete => {
            let mut body = match order.kind {
                OrderKind::Grant => format!("{person} har fått behörigheten {what} ({reference})."),
                OrderKind::Revoke => format!("Behörigheten {what} är borttagen för {person} ({reference})."),
            };
            if let Some(name) = &order.account_name {
                body.push_str(&format!(" Användarnamn: {name}."));
            }
            (NotificationKind::OrderCompleted, format!("Beställning {reference} är klar"), body)
        }
        Transition::Reject => (
            NotificationKind::OrderRejected,
            format!("Beställning {reference} har avvisats"),
            format!("IT har avvisat beställningen av {what} för {person}. Anledning: {}", text.unwrap_or("")),
        ),
        Transition::Return => (
            NotificationKind::OrderReturned,
            format!("Beställning {reference} har returnerats med en fråga"),
            format!(
                "IT har en fråga om beställningen av {what} för {person}: {} Beställningen ligger som utkast under \
                 Hantera dina beställningar.",
                text.unwrap_or("")
            ),
        ),
        _ => return Ok(()),
    };
    if event.transition == Transition::Complete
        && let Some(note) = text
    {
        body.push_str(&format!(" Meddelande från IT: {note}"));
    }
    let before = event.before;
    let mut recipients: Vec<Uuid> = [before.created_by, before.submitted_by].into_iter().flatten().collect();
    if recipients.is_empty() {
        // An order Sesam made and sent by itself: the provider's orderers are told.
        recipients = active_orderers(db, before.provider_id).await?;
    }
    notify(db, &recipients, &Notice { kind, order_id: Some(order.id), title, body }).await
}
