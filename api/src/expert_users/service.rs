//! Expert-user registrations.

use crate::error::ApiError;
use sea_orm::ConnectionTrait;
use std::collections::HashMap;
use uuid::Uuid;

/// What a completed order tells the expert-user registry (rule 6 and the lifecycle's last step).
#[derive(Clone, Debug)]
pub struct CompletedOrder {
    pub order_id: Uuid,
    pub provider_id: Uuid,
    pub system_id: Uuid,
    /// `true` for a grant order, `false` for a revoke order.
    pub is_grant: bool,
    /// The order marked the person as expert user.
    pub expert_user: bool,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    /// Twelve digits.
    pub personal_number: String,
    /// The IT account that completed the order.
    pub completed_by: Uuid,
}

/// Registers or ends expert users when an order completes; call it inside the completing transaction.
///
/// A completed grant order with `expert_user` registers the person for the order's system at the
/// provider; a completed revoke order ends the person's registration for that system.
pub async fn on_order_completed(_db: &impl ConnectionTrait, _order: &CompletedOrder) -> Result<(), ApiError> {
    // Registrations arrive with the expert-user issue.
    Ok(())
}

/// Distinct persons registered as active expert users, per provider.
///
/// Registrations arrive with the expert-user issue; until then no provider has any.
pub async fn active_counts(
    _db: &impl ConnectionTrait,
    _provider_ids: Option<&[Uuid]>,
) -> Result<HashMap<Uuid, u64>, ApiError> {
    Ok(HashMap::new())
}
