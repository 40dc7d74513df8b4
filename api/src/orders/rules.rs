//! The order rules of `domain::order`, fed with the facts they need from the database.

use crate::{
    auth::Caller,
    domain::order::{self as rules, Facts, OrderInput, PermissionFacts, UnitFacts, ValidOrder},
    entities::{permission, system, unit},
    error::{ApiError, FieldErrors},
};
use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Loads what the rules need to know of the order's permission and units, and checks them all.
pub async fn check_rules(
    db: &impl ConnectionTrait,
    caller: &Caller,
    provider_id: Uuid,
    input: &OrderInput,
    errors: &mut FieldErrors,
) -> Result<Option<ValidOrder>, ApiError> {
    let permission = match input.permission_id {
        // The permission and its system in one query.
        Some(id) => match permission::Entity::find_by_id(id).find_also_related(system::Entity).one(db).await? {
            Some((p, Some(s))) => Some(PermissionFacts {
                active: p.active && s.active,
                system_id: s.id,
                required_fields: serde_json::from_value(s.required_fields).unwrap_or_default(),
                allowed_values: serde_json::from_value::<BTreeMap<String, Vec<String>>>(s.allowed_values)
                    .unwrap_or_default(),
            }),
            _ => None,
        },
        None => None,
    };
    let unit_ids = input.unit_ids.clone().unwrap_or_default();
    let units: HashMap<Uuid, UnitFacts> = if unit_ids.is_empty() {
        HashMap::new()
    } else {
        unit::Entity::find()
            .filter(unit::Column::Id.is_in(unit_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, UnitFacts { provider_id: u.provider_id, active: u.active }))
            .collect()
    };
    let facts = Facts {
        provider_id,
        permission: permission.as_ref(),
        units: &units,
        actor: caller.actor(),
        today: Utc::now().date_naive(),
    };
    Ok(rules::check_order(input, &facts, errors))
}
