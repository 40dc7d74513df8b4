//! The one seam for what a change causes elsewhere. A module that changes something announces it
//! here, in the change's transaction; the modules that care subscribe below, and never call the
//! announcing module back. Orders announce their transitions; holdings, expert users and
//! notifications react.

pub mod events;
pub mod publish;

use crate::{error::ApiError, expert_users, holdings, notifications};
use events::{Event, OrderRef, OrderTransitioned};
use sea_orm::ConnectionTrait;

/// What the effects need to know of the configuration.
#[derive(Clone, Copy, Debug, Default)]
pub struct Settings<'a> {
    /// IT's mailbox (`SESAM_IT_EMAIL`), told of each order sent to IT.
    pub it_email: Option<&'a str>,
}

/// Announces a step of an order's lifecycle, on the transaction that made it.
pub async fn order_transitioned(
    db: &impl ConnectionTrait,
    event: &OrderTransitioned<'_>,
    settings: Settings<'_>,
) -> Result<(), ApiError> {
    notifications::orders::on_order_transitioned(db, event, settings.it_email).await?;
    expert_users::effects::on_order_transitioned(db, event).await?;
    holdings::effects::on_order_transitioned(db, event).await?;
    publish::publish(db, &Event::Order { transition: event.transition, order: OrderRef::of(event.order) }).await
}
