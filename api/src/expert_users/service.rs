//! Expert-user registrations.

use crate::error::ApiError;
use sea_orm::ConnectionTrait;
use std::collections::HashMap;
use uuid::Uuid;

/// Distinct persons registered as active expert users, per provider.
///
/// Registrations arrive with the expert-user issue; until then no provider has any.
pub async fn active_counts(
    _db: &impl ConnectionTrait,
    _provider_ids: Option<&[Uuid]>,
) -> Result<HashMap<Uuid, u64>, ApiError> {
    Ok(HashMap::new())
}
