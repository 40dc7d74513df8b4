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

/// An order as an event names it: never the whole personal number (receivers read details
/// through the API with their own token).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct OrderRef {
    pub order_id: Uuid,
    pub reference: String,
    pub status: crate::domain::OrderStatus,
    pub kind: crate::domain::OrderKind,
    pub provider_id: Uuid,
    pub system_id: Uuid,
    pub permission_id: Uuid,
    /// `YYYYMMDD-****`.
    pub personal_number: String,
}

impl OrderRef {
    /// The event's view of an order's answer.
    pub fn of(order: &OrderDto) -> OrderRef {
        OrderRef {
            order_id: order.id,
            reference: order.reference.clone(),
            status: order.status,
            kind: order.kind,
            provider_id: order.provider_id,
            system_id: order.system_id,
            permission_id: order.permission_id,
            personal_number: crate::domain::mask_stored(&order.subject.personal_number.replace('-', "")),
        }
    }
}

/// What integrations may hear of (the webhook events of the specification), announced through
/// [`super::publish::publish`] in the transaction of its cause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A step of an order's lifecycle: `order.submitted`, `order.withdrawn`, `order.taken`,
    /// `order.completed`, `order.rejected`, `order.returned`.
    Order { transition: Transition, order: OrderRef },
    /// A message on an order: `order.message`.
    OrderMessage { order: OrderRef, message_id: Uuid },
    /// A holding ended (its revoke order completed): `holding.ended`.
    HoldingEnded {
        holding_id: Uuid,
        provider_id: Uuid,
        system_id: Uuid,
        permission_id: Uuid,
        /// `YYYYMMDD-****`.
        personal_number: String,
        /// The revoke order that ended it.
        order_id: Uuid,
    },
    /// `review.started`.
    ReviewStarted { review_id: Uuid, provider_id: Uuid, system_id: Option<Uuid> },
    /// `review.completed`.
    ReviewCompleted { review_id: Uuid, provider_id: Uuid },
    /// `review.overdue`.
    ReviewOverdue { review_id: Uuid, provider_id: Uuid },
    /// `ordering_right.granted`.
    OrderingRightGranted { right_id: Uuid, provider_id: Uuid, account_id: Uuid },
    /// `ordering_right.revoked`.
    OrderingRightRevoked { right_id: Uuid, provider_id: Uuid, account_id: Uuid },
}

impl Event {
    /// The event's type, as webhooks name it.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Order { transition, .. } => match transition {
                Transition::Submit => "order.submitted",
                Transition::Withdraw => "order.withdrawn",
                Transition::Take => "order.taken",
                Transition::Complete => "order.completed",
                Transition::Reject => "order.rejected",
                Transition::Return => "order.returned",
            },
            Event::OrderMessage { .. } => "order.message",
            Event::HoldingEnded { .. } => "holding.ended",
            Event::ReviewStarted { .. } => "review.started",
            Event::ReviewCompleted { .. } => "review.completed",
            Event::ReviewOverdue { .. } => "review.overdue",
            Event::OrderingRightGranted { .. } => "ordering_right.granted",
            Event::OrderingRightRevoked { .. } => "ordering_right.revoked",
        }
    }
}
