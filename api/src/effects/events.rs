//! What happened, as the module that made it happen announces it (see [`super`]).

use crate::{domain::Transition, entities::order, orders::dto::OrderDto};
use uuid::Uuid;

/// A step of an order's lifecycle, announced in the transaction that made it. A revoke order that
/// Sesam makes and sends to IT at once is announced as a `Submit`.
#[derive(Clone, Copy, Debug)]
pub struct OrderTransitioned<'a> {
    pub transition: Transition,
    /// The order as it was before the step (who created and who sent it).
    pub before: &'a order::Model,
    /// The order after the step, as its answer shows it.
    pub order: &'a OrderDto,
    /// Who made the step; `None` when Sesam did by itself.
    pub actor: Option<Uuid>,
    /// The note, reason or question given with the step.
    pub text: Option<&'a str>,
}
