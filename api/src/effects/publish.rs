//! What integrations hear of: the events a webhook can subscribe to, announced by the module that
//! caused them in the transaction of the cause (an event is written if and only if its cause is).
//! This is the one door; the webhooks module delivers what comes through it.

use super::events::Event;
use crate::error::ApiError;
use sea_orm::ConnectionTrait;

/// Announces `event` on the transaction of its cause.
pub async fn publish(db: &impl ConnectionTrait, event: &Event) -> Result<(), ApiError> {
    crate::webhooks::service::publish_in(db, event).await
}
