//! The audit log: who did what, when, to which object of which provider. Rows are written with
//! [`record`] in the transaction of the change itself; support reads them (`GET /audit`).

pub mod dto;
mod event;
pub mod routes;
pub mod service;

pub use event::AuditEvent;

use crate::entities::audit_log;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use uuid::Uuid;

/// Writes one audit row on `db` (pass the transaction, so the row commits with its cause):
/// `actor` did `event`; `None` when Sesam did it by itself.
pub async fn record(db: &impl ConnectionTrait, actor: Option<Uuid>, event: AuditEvent<'_>) -> Result<(), DbErr> {
    let row = event.row();
    audit_log::ActiveModel {
        id: Set(Uuid::now_v7()),
        at: Set(chrono::Utc::now()),
        actor_id: Set(actor),
        action: Set(row.action.into_owned()),
        object_type: Set(row.object_type.to_owned()),
        object_id: Set(row.object_id),
        provider_id: Set(row.provider_id),
        details: Set(row.details),
    }
    .insert(db)
    .await?;
    Ok(())
}
