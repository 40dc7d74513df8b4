//! The audit log: who did what, when, to which object of which provider. Rows are written with
//! [`record`] in the transaction of the change itself; support reads them (`GET /audit`).

pub mod dto;
pub mod routes;
pub mod service;

use crate::entities::audit_log;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use uuid::Uuid;

/// Writes one audit row on `db` (pass the transaction, so the row commits with its cause).
pub async fn record(
    db: &impl ConnectionTrait,
    actor_id: Option<Uuid>,
    action: &str,
    object_type: &str,
    object_id: Option<Uuid>,
    provider_id: Option<Uuid>,
    details: Option<serde_json::Value>,
) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        id: Set(Uuid::now_v7()),
        at: Set(chrono::Utc::now()),
        actor_id: Set(actor_id),
        action: Set(action.to_owned()),
        object_type: Set(object_type.to_owned()),
        object_id: Set(object_id),
        provider_id: Set(provider_id),
        details: Set(details),
    }
    .insert(db)
    .await?;
    Ok(())
}
