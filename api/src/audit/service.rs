//! Reading the audit log.

use super::dto::*;
use crate::{
    auth::Caller,
    entities::{account, audit_log},
    error::ApiError,
    pagination::{PageParams, encode_cursor, finish_page},
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

/// A page of the audit log, newest first (support only).
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: &AuditFilter,
    page: &PageParams,
) -> Result<AuditList, ApiError> {
    caller.require_admin()?;
    let limit = page.limit()?;
    let mut query = audit_log::Entity::find();
    if let Some(p) = filter.provider_id {
        query = query.filter(audit_log::Column::ProviderId.eq(p));
    }
    if let Some(action) = filter.action.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        query = query.filter(audit_log::Column::Action.eq(action));
    }
    if let Some(actor) = filter.actor_id {
        query = query.filter(audit_log::Column::ActorId.eq(actor));
    }
    if let Some(since) = filter.since {
        query = query.filter(audit_log::Column::At.gte(since));
    }
    if let Some(parts) = page.cursor_parts()? {
        let id = parts
            .first()
            .and_then(|s| Uuid::parse_str(s).ok())
            .ok_or_else(|| ApiError::InvalidQuery("cursor is not one this API made".into()))?;
        query = query.filter(audit_log::Column::Id.lt(id));
    }
    // Ids are UUIDv7: by id is by time.
    let rows = query.order_by_desc(audit_log::Column::Id).limit(limit + 1).all(db).await?;
    let actor_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.actor_id).collect();
    let actors: HashMap<Uuid, account::Model> = if actor_ids.is_empty() {
        HashMap::new()
    } else {
        account::Entity::find()
            .filter(account::Column::Id.is_in(actor_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.id, a))
            .collect()
    };
    let page = finish_page(
        rows,
        limit,
        |m| encode_cursor(&[&m.id.to_string()]),
        |m| {
            let actor = m.actor_id.and_then(|id| actors.get(&id));
            AuditEntryDto {
                id: m.id,
                at: m.at,
                actor_id: m.actor_id,
                actor_name: actor.map(|a| a.name.clone()),
                actor_email: actor.map(|a| a.email.clone()),
                action: m.action,
                object_type: m.object_type,
                object_id: m.object_id,
                provider_id: m.provider_id,
                details: m.details,
            }
        },
    );
    Ok(page.into())
}
