//! The units a holding applies on.

use crate::{entities::holding_unit, error::ApiError};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::BTreeSet;
use uuid::Uuid;

/// The units a holding applies on.
pub async fn unit_ids_of(db: &impl ConnectionTrait, holding_id: Uuid) -> Result<Vec<Uuid>, ApiError> {
    Ok(holding_unit::Entity::find()
        .select_only()
        .column(holding_unit::Column::UnitId)
        .filter(holding_unit::Column::HoldingId.eq(holding_id))
        .order_by_asc(holding_unit::Column::UnitId)
        .into_tuple()
        .all(db)
        .await?)
}

/// Replaces the units of a holding.
pub async fn write_units(db: &impl ConnectionTrait, holding_id: Uuid, unit_ids: &[Uuid]) -> Result<(), ApiError> {
    holding_unit::Entity::delete_many().filter(holding_unit::Column::HoldingId.eq(holding_id)).exec(db).await?;
    let unique: BTreeSet<Uuid> = unit_ids.iter().copied().collect();
    if !unique.is_empty() {
        holding_unit::Entity::insert_many(
            unique.into_iter().map(|u| holding_unit::ActiveModel { holding_id: Set(holding_id), unit_id: Set(u) }),
        )
        .exec(db)
        .await?;
    }
    Ok(())
}
