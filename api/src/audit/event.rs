//! Everything the audit log records, one variant per action, with the facts each keeps.

use serde_json::{Value, json};
use std::borrow::Cow;
use uuid::Uuid;

/// One thing that happened, as the audit log keeps it. The action (`order.created`), the kind of
/// object and the details follow from the variant, so a call site names only the facts.
#[derive(Debug)]
pub enum AuditEvent<'a> {
    ApiTokenCreated {
        token_id: Uuid,
        provider_id: Option<Uuid>,
        account_id: Uuid,
        name: &'a str,
        expires_at: Value,
    },
    ApiTokenRevoked {
        token_id: Uuid,
        provider_id: Option<Uuid>,
        account_id: Uuid,
        name: &'a str,
    },
    ProviderCreated {
        provider_id: Uuid,
        name: &'a str,
    },
    ProviderUpdated {
        provider_id: Uuid,
    },
    UnitCreated {
        unit_id: Uuid,
        provider_id: Uuid,
        name: &'a str,
    },
    UnitUpdated {
        unit_id: Uuid,
        provider_id: Uuid,
    },
    SystemCreated {
        system_id: Uuid,
        name: &'a str,
    },
    SystemUpdated {
        system_id: Uuid,
    },
    PermissionCreated {
        permission_id: Uuid,
        name: &'a str,
    },
    PermissionUpdated {
        permission_id: Uuid,
    },
    AccountCreated {
        account_id: Uuid,
        provider_id: Option<Uuid>,
        email: &'a str,
        roles: Value,
    },
    /// `changes`: what the request changed (`active`, `roles`, `provider_id`, …).
    AccountUpdated {
        account_id: Uuid,
        provider_id: Option<Uuid>,
        changes: Value,
    },
    PasswordChanged {
        account_id: Uuid,
        provider_id: Option<Uuid>,
    },
    /// The detail of an order was shown (it carries the whole personal number).
    OrderRead {
        order_id: Uuid,
        provider_id: Uuid,
    },
    OrderCreated {
        order_id: Uuid,
        provider_id: Uuid,
        reference: &'a str,
        kind: &'a str,
    },
    /// A revoke order Sesam sent to IT as it made it (revoke-all, a passed end date).
    OrderSubmittedAtOnce {
        order_id: Uuid,
        provider_id: Uuid,
        reference: &'a str,
        kind: &'a str,
    },
    OrderUpdated {
        order_id: Uuid,
        provider_id: Uuid,
        reference: &'a str,
    },
    OrderDeleted {
        order_id: Uuid,
        provider_id: Uuid,
        reference: &'a str,
        kind: &'a str,
    },
    /// A step of the lifecycle; `action` is the history's word for it (`submitted`, `taken`, …).
    OrderTransitioned {
        order_id: Uuid,
        provider_id: Uuid,
        action: &'a str,
        reference: &'a str,
        from: &'a str,
        to: &'a str,
    },
    HoldingRead {
        holding_id: Uuid,
        provider_id: Uuid,
    },
    HoldingCreated {
        holding_id: Uuid,
        provider_id: Uuid,
        order_id: Uuid,
        reference: &'a str,
    },
    HoldingUpdated {
        holding_id: Uuid,
        provider_id: Uuid,
        order_id: Uuid,
        reference: &'a str,
    },
    HoldingEnded {
        holding_id: Uuid,
        provider_id: Uuid,
        order_id: Uuid,
        reference: &'a str,
    },
    HoldingUnitsRemoved {
        holding_id: Uuid,
        provider_id: Uuid,
        order_id: Uuid,
        reference: &'a str,
        unit_ids: &'a [Uuid],
    },
    HoldingEndDateChanged {
        holding_id: Uuid,
        provider_id: Uuid,
        from: Option<String>,
        to: Option<String>,
    },
    HoldingEndDatePassed {
        holding_id: Uuid,
        provider_id: Uuid,
        valid_to: String,
        order_id: Uuid,
        order_made: bool,
    },
    /// Everything a person held at a provider was revoked at once; `orders`: the references sent.
    HoldingsRevokedAll {
        provider_id: Uuid,
        masked_personal_number: String,
        orders: Vec<String>,
    },
    ExpertUserRegistered {
        expert_user_id: Uuid,
        provider_id: Uuid,
        system_id: Uuid,
        order_id: Option<Uuid>,
    },
    ExpertUserEnded {
        expert_user_id: Uuid,
        provider_id: Uuid,
        system_id: Uuid,
        order_id: Option<Uuid>,
    },
    ExpertUsersMessaged {
        provider_id: Option<Uuid>,
        system_id: Option<Uuid>,
        subject: &'a str,
        queued: u64,
    },
    OrderingRightGranted {
        right_id: Uuid,
        provider_id: Uuid,
        account_id: Uuid,
    },
    OrderingRightRevoked {
        right_id: Uuid,
        provider_id: Uuid,
        account_id: Uuid,
    },
    OrderingRightRequested {
        request_id: Uuid,
        provider_id: Uuid,
    },
    OrderingRightRequestGranted {
        request_id: Uuid,
        provider_id: Uuid,
        account_id: Uuid,
        right_id: Uuid,
    },
    OrderingRightRequestDeclined {
        request_id: Uuid,
        provider_id: Uuid,
        account_id: Uuid,
    },
    /// Support started an access review; `items`: how many holdings it covers.
    ReviewStarted {
        review_id: Uuid,
        provider_id: Uuid,
        system_id: Option<Uuid>,
        due_date: String,
        items: usize,
    },
    /// An orderer decided (or changed the decision on) a review item; `previous` is the decision it replaced.
    ReviewItemDecided {
        review_id: Uuid,
        item_id: Uuid,
        provider_id: Uuid,
        holding_id: Uuid,
        decision: &'a str,
        previous: Option<String>,
        note: Option<&'a str>,
    },
    /// An orderer completed a review; `revoke_orders`: the references of the revoke orders sent to IT.
    ReviewCompleted {
        review_id: Uuid,
        provider_id: Uuid,
        revoke_orders: Vec<String>,
    },
    ReviewCancelled {
        review_id: Uuid,
        provider_id: Uuid,
    },
    /// A list was searched by a whole personal number (`resource`: `orders` or `holdings`): a read
    /// of that person's data, so audited like a detail; `found` names what the page showed.
    PersonSearched {
        resource: &'a str,
        /// `YYYYMMDD-****`.
        masked_personal_number: String,
        found: Vec<Uuid>,
    },
    /// A message on an order.
    OrderMessagePosted {
        order_id: Uuid,
        provider_id: Uuid,
        message_id: Uuid,
    },
    /// The account's owner signed out everywhere (`POST /auth/logout-all`).
    SessionsEnded {
        account_id: Uuid,
        provider_id: Option<Uuid>,
    },
    /// Support sent the account a new activation link.
    InvitationSent {
        account_id: Uuid,
        provider_id: Option<Uuid>,
    },
    /// The person chose their first password through the activation link.
    AccountActivated {
        account_id: Uuid,
        provider_id: Option<Uuid>,
    },
    /// A new password chosen through a reset link, or set by the operator (`sesam set-password`).
    PasswordReset {
        account_id: Uuid,
        provider_id: Option<Uuid>,
    },
    /// The periodic job deactivated an account nobody had used for `SESAM_DORMANT_DAYS` (rule 19).
    AccountDeactivatedDormant {
        account_id: Uuid,
        provider_id: Option<Uuid>,
        last_seen_at: Value,
    },
}

/// An audit row's columns.
pub(super) struct Row {
    pub action: Cow<'static, str>,
    pub object_type: &'static str,
    pub object_id: Option<Uuid>,
    pub provider_id: Option<Uuid>,
    pub details: Option<Value>,
}

impl AuditEvent<'_> {
    /// The row this event is stored as.
    pub(super) fn row(self) -> Row {
        use AuditEvent::*;
        let row = |action: &'static str, object_type, object_id, provider_id, details| Row {
            action: Cow::Borrowed(action),
            object_type,
            object_id,
            provider_id,
            details,
        };
        match self {
            ApiTokenCreated { token_id, provider_id, account_id, name, expires_at } => row(
                "api_token.created",
                "api_token",
                Some(token_id),
                provider_id,
                Some(json!({"account_id": account_id, "name": name, "expires_at": expires_at})),
            ),
            ApiTokenRevoked { token_id, provider_id, account_id, name } => row(
                "api_token.revoked",
                "api_token",
                Some(token_id),
                provider_id,
                Some(json!({"account_id": account_id, "name": name})),
            ),
            ProviderCreated { provider_id, name } => {
                row("provider.created", "provider", Some(provider_id), Some(provider_id), Some(json!({"name": name})))
            }
            ProviderUpdated { provider_id } => {
                row("provider.updated", "provider", Some(provider_id), Some(provider_id), None)
            }
            UnitCreated { unit_id, provider_id, name } => {
                row("unit.created", "unit", Some(unit_id), Some(provider_id), Some(json!({"name": name})))
            }
            UnitUpdated { unit_id, provider_id } => row("unit.updated", "unit", Some(unit_id), Some(provider_id), None),
            SystemCreated { system_id, name } => {
                row("system.created", "system", Some(system_id), None, Some(json!({"name": name})))
            }
            SystemUpdated { system_id } => row("system.updated", "system", Some(system_id), None, None),
            PermissionCreated { permission_id, name } => {
                row("permission.created", "permission", Some(permission_id), None, Some(json!({"name": name})))
            }
            PermissionUpdated { permission_id } => {
                row("permission.updated", "permission", Some(permission_id), None, None)
            }
            AccountCreated { account_id, provider_id, email, roles } => row(
                "account.created",
                "account",
                Some(account_id),
                provider_id,
                Some(json!({"email": email, "roles": roles})),
            ),
            AccountUpdated { account_id, provider_id, changes } => {
                row("account.updated", "account", Some(account_id), provider_id, Some(changes))
            }
            PasswordChanged { account_id, provider_id } => {
                row("account.password_changed", "account", Some(account_id), provider_id, None)
            }
            OrderRead { order_id, provider_id } => row("order.read", "order", Some(order_id), Some(provider_id), None),
            OrderCreated { order_id, provider_id, reference, kind } => row(
                "order.created",
                "order",
                Some(order_id),
                Some(provider_id),
                Some(json!({"reference": reference, "kind": kind})),
            ),
            OrderSubmittedAtOnce { order_id, provider_id, reference, kind } => row(
                "order.submitted",
                "order",
                Some(order_id),
                Some(provider_id),
                Some(json!({"reference": reference, "kind": kind})),
            ),
            OrderUpdated { order_id, provider_id, reference } => {
                row("order.updated", "order", Some(order_id), Some(provider_id), Some(json!({"reference": reference})))
            }
            OrderDeleted { order_id, provider_id, reference, kind } => row(
                "order.deleted",
                "order",
                Some(order_id),
                Some(provider_id),
                Some(json!({"reference": reference, "kind": kind})),
            ),
            OrderTransitioned { order_id, provider_id, action, reference, from, to } => Row {
                action: Cow::Owned(format!("order.{action}")),
                object_type: "order",
                object_id: Some(order_id),
                provider_id: Some(provider_id),
                details: Some(json!({"reference": reference, "from": from, "to": to})),
            },
            HoldingRead { holding_id, provider_id } => {
                row("holding.read", "holding", Some(holding_id), Some(provider_id), None)
            }
            HoldingCreated { holding_id, provider_id, order_id, reference } => row(
                "holding.created",
                "holding",
                Some(holding_id),
                Some(provider_id),
                Some(json!({"order_id": order_id, "reference": reference})),
            ),
            HoldingUpdated { holding_id, provider_id, order_id, reference } => row(
                "holding.updated",
                "holding",
                Some(holding_id),
                Some(provider_id),
                Some(json!({"order_id": order_id, "reference": reference})),
            ),
            HoldingEnded { holding_id, provider_id, order_id, reference } => row(
                "holding.ended",
                "holding",
                Some(holding_id),
                Some(provider_id),
                Some(json!({"order_id": order_id, "reference": reference})),
            ),
            HoldingUnitsRemoved { holding_id, provider_id, order_id, reference, unit_ids } => row(
                "holding.units_removed",
                "holding",
                Some(holding_id),
                Some(provider_id),
                Some(json!({"order_id": order_id, "reference": reference, "unit_ids": unit_ids})),
            ),
            HoldingEndDateChanged { holding_id, provider_id, from, to } => row(
                "holding.valid_to_changed",
                "holding",
                Some(holding_id),
                Some(provider_id),
                Some(json!({"from": from, "to": to})),
            ),
            HoldingEndDatePassed { holding_id, provider_id, valid_to, order_id, order_made } => row(
                "holding.end_date_passed",
                "holding",
                Some(holding_id),
                Some(provider_id),
                Some(json!({"valid_to": valid_to, "order_id": order_id, "order_made": order_made})),
            ),
            HoldingsRevokedAll { provider_id, masked_personal_number, orders } => row(
                "holdings.revoked_all",
                "person",
                None,
                Some(provider_id),
                Some(json!({"personal_number": masked_personal_number, "orders": orders})),
            ),
            ExpertUserRegistered { expert_user_id, provider_id, system_id, order_id } => row(
                "expert_user.registered",
                "expert_user",
                Some(expert_user_id),
                Some(provider_id),
                Some(with_order(json!({"system_id": system_id}), order_id)),
            ),
            ExpertUserEnded { expert_user_id, provider_id, system_id, order_id } => row(
                "expert_user.ended",
                "expert_user",
                Some(expert_user_id),
                Some(provider_id),
                Some(with_order(json!({"system_id": system_id}), order_id)),
            ),
            ExpertUsersMessaged { provider_id, system_id, subject, queued } => row(
                "expert_users.messaged",
                "expert_user_message",
                None,
                provider_id,
                Some(json!({"subject": subject, "system_id": system_id, "queued": queued})),
            ),
            OrderingRightGranted { right_id, provider_id, account_id } => row(
                "ordering_right.granted",
                "ordering_right",
                Some(right_id),
                Some(provider_id),
                Some(json!({"account_id": account_id})),
            ),
            OrderingRightRevoked { right_id, provider_id, account_id } => row(
                "ordering_right.revoked",
                "ordering_right",
                Some(right_id),
                Some(provider_id),
                Some(json!({"account_id": account_id})),
            ),
            OrderingRightRequested { request_id, provider_id } => row(
                "ordering_right_request.created",
                "ordering_right_request",
                Some(request_id),
                Some(provider_id),
                None,
            ),
            OrderingRightRequestGranted { request_id, provider_id, account_id, right_id } => row(
                "ordering_right_request.granted",
                "ordering_right_request",
                Some(request_id),
                Some(provider_id),
                Some(json!({"account_id": account_id, "ordering_right_id": right_id})),
            ),
            OrderingRightRequestDeclined { request_id, provider_id, account_id } => row(
                "ordering_right_request.declined",
                "ordering_right_request",
                Some(request_id),
                Some(provider_id),
                Some(json!({"account_id": account_id})),
            ),
            ReviewStarted { review_id, provider_id, system_id, due_date, items } => row(
                "review.started",
                "review",
                Some(review_id),
                Some(provider_id),
                Some(json!({"system_id": system_id, "due_date": due_date, "items": items})),
            ),
            ReviewItemDecided { review_id, item_id, provider_id, holding_id, decision, previous, note } => row(
                "review.item_decided",
                "review_item",
                Some(item_id),
                Some(provider_id),
                Some(json!({"review_id": review_id, "holding_id": holding_id, "decision": decision,
                    "previous": previous, "note": note})),
            ),
            ReviewCompleted { review_id, provider_id, revoke_orders } => row(
                "review.completed",
                "review",
                Some(review_id),
                Some(provider_id),
                Some(json!({"revoke_orders": revoke_orders})),
            ),
            ReviewCancelled { review_id, provider_id } => {
                row("review.cancelled", "review", Some(review_id), Some(provider_id), None)
            }
            PersonSearched { resource, masked_personal_number, found } => row(
                "person.searched",
                "person",
                None,
                None,
                Some(json!({"resource": resource, "personal_number": masked_personal_number, "found": found})),
            ),
            OrderMessagePosted { order_id, provider_id, message_id } => row(
                "order.message_posted",
                "order",
                Some(order_id),
                Some(provider_id),
                Some(json!({"message_id": message_id})),
            ),
            SessionsEnded { account_id, provider_id } => {
                row("account.sessions_ended", "account", Some(account_id), provider_id, None)
            }
            InvitationSent { account_id, provider_id } => {
                row("account.invitation_sent", "account", Some(account_id), provider_id, None)
            }
            AccountActivated { account_id, provider_id } => {
                row("account.activated", "account", Some(account_id), provider_id, None)
            }
            PasswordReset { account_id, provider_id } => {
                row("account.password_reset", "account", Some(account_id), provider_id, None)
            }
            AccountDeactivatedDormant { account_id, provider_id, last_seen_at } => row(
                "account.deactivated_dormant",
                "account",
                Some(account_id),
                provider_id,
                Some(json!({"last_seen_at": last_seen_at})),
            ),
        }
    }
}

/// The details, with the order that caused the change when there was one.
fn with_order(mut details: Value, order_id: Option<Uuid>) -> Value {
    if let (Some(order_id), Some(map)) = (order_id, details.as_object_mut()) {
        map.insert("order_id".into(), json!(order_id));
    }
    details
}
