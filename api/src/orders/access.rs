//! Who may see an order and who may change it.
//!
//! An orderer sees every order of its providers; IT sees every order that is not a draft; support
//! sees all. Anything else answers 404, as if it did not exist; an action on a visible order that
//! the caller may not take answers 403. Writes are the orderers' (create, edit, delete, submit,
//! withdraw, copy) and IT's (take, complete, reject, return); support only reads. A change made
//! with a stale `If-Match` answers 412.

use crate::{
    auth::Caller,
    domain::{OrderKind, OrderStatus, Party},
    entities::order,
    error::{ApiError, Code},
};
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

/// Whether the caller may read the order at all.
pub fn may_see(caller: &Caller, order: &order::Model) -> bool {
    caller.is_admin()
        || caller.is_orderer_of(order.provider_id)
        || (caller.is_it() && order.status != OrderStatus::Draft.as_str())
}

/// The order, if it exists and the caller may see it; 404 otherwise.
pub async fn visible_order(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> Result<order::Model, ApiError> {
    let order = order::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    if may_see(caller, &order) { Ok(order) } else { Err(ApiError::NotFound) }
}

/// 403 unless the caller is the party that makes this kind of change.
pub fn require_party(caller: &Caller, order: &order::Model, party: Party) -> Result<(), ApiError> {
    let allowed = match party {
        Party::Orderer => caller.is_orderer_of(order.provider_id),
        Party::It => caller.is_it(),
    };
    if allowed { Ok(()) } else { Err(ApiError::Forbidden(Code::Forbidden)) }
}

/// 412 when the client's `If-Match` does not name the order's current version.
pub fn check_if_match(if_match: Option<&str>, version: i32) -> Result<(), ApiError> {
    let Some(header) = if_match else { return Ok(()) };
    let current = etag(version);
    let matches = header.split(',').map(str::trim).any(|tag| tag == "*" || tag == current);
    if matches { Ok(()) } else { Err(ApiError::PreconditionFailed) }
}

/// The entity tag of an order version: `"<version>"`.
pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// The stored status of an order.
pub fn status_of(order: &order::Model) -> Result<OrderStatus, ApiError> {
    OrderStatus::parse(&order.status)
        .ok_or_else(|| ApiError::internal(format!("order {} has status {}", order.id, order.status)))
}

/// The stored kind of an order.
pub fn kind_of(order: &order::Model) -> Result<OrderKind, ApiError> {
    OrderKind::parse(&order.kind)
        .ok_or_else(|| ApiError::internal(format!("order {} has kind {}", order.id, order.kind)))
}

/// 409: the order's status does not allow the change (`transition` in the past tense).
pub fn invalid_transition(transition: &str, status: OrderStatus) -> ApiError {
    ApiError::conflict(Code::InvalidTransition, format!("an order that is {} cannot be {transition}", status.as_str()))
}
