//! Granting and revoking a right: the one way a right is made (granted directly or by answering a
//! request) and the one way it ends (revoked by hand, or when its account moves to another provider).

use super::dto::RequestStatus;
use crate::{
    audit::{self, AuditEvent},
    auth::Caller,
    effects::{events::Event, publish::publish},
    entities::{account, ordering_right, ordering_right_request, provider},
    error::{ApiError, Code, db::UniqueIndex},
    notifications::{
        dto::NotificationKind,
        service::{Notice, notify},
    },
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, Set, sea_query::Expr,
};
use uuid::Uuid;

/// At most one active right per account and provider.
const ACTIVE_RIGHT: UniqueIndex = UniqueIndex {
    name: "ux_ordering_rights_active",
    table: "ordering_rights",
    columns: &["provider_id", "account_id"],
};

/// Grants `account` a right for `provider` inside `txn`: 409 `already_granted` when it holds an
/// active one. Audited; any pending request of the account for the provider is answered as granted,
/// and its asker told.
pub async fn grant_in(
    txn: &DatabaseTransaction,
    caller: &Caller,
    provider: &provider::Model,
    account: &account::Model,
) -> Result<ordering_right::Model, ApiError> {
    let provider_id = provider.id;
    let already = ordering_right::Entity::find()
        .filter(ordering_right::Column::ProviderId.eq(provider_id))
        .filter(ordering_right::Column::AccountId.eq(account.id))
        .filter(ordering_right::Column::RevokedAt.is_null())
        .count(txn)
        .await?;
    if already > 0 {
        return Err(ApiError::Conflict(Code::AlreadyGranted, None));
    }
    // Rule 17: an orderer's second orderer is somebody else's decision.
    if !caller.is_admin() && account.created_by == Some(caller.id()) {
        return Err(ApiError::Forbidden(Code::CreatorCannotGrant));
    }
    let right = ordering_right::ActiveModel {
        id: Set(Uuid::now_v7()),
        provider_id: Set(provider_id),
        account_id: Set(account.id),
        granted_at: Set(chrono::Utc::now()),
        granted_by: Set(Some(caller.id())),
        revoked_at: Set(None),
        revoked_by: Set(None),
    }
    .insert(txn)
    .await
    // Two grants racing each other: the partial unique index lets one through.
    .map_err(|e| ACTIVE_RIGHT.on_violation(e, || ApiError::Conflict(Code::AlreadyGranted, None)))?;
    audit::record(
        txn,
        Some(caller.id()),
        AuditEvent::OrderingRightGranted { right_id: right.id, provider_id, account_id: account.id },
    )
    .await?;
    answer_pending_as_granted(txn, caller, provider, account, right.id).await?;
    let event = Event::OrderingRightGranted { right_id: right.id, provider_id, account_id: account.id };
    publish(txn, &event).await?;
    Ok(right)
}

/// Answers the account's pending request for the provider, if any, as granted with `right_id`,
/// and tells the asker. Called by every grant, so a right granted directly answers it too.
async fn answer_pending_as_granted(
    txn: &DatabaseTransaction,
    caller: &Caller,
    provider: &provider::Model,
    asker: &account::Model,
    right_id: Uuid,
) -> Result<(), ApiError> {
    let pending = ordering_right_request::Entity::find()
        .filter(ordering_right_request::Column::ProviderId.eq(provider.id))
        .filter(ordering_right_request::Column::AccountId.eq(asker.id))
        .filter(ordering_right_request::Column::Status.eq(RequestStatus::Pending.as_str()))
        .all(txn)
        .await?;
    for request in pending {
        let id = request.id;
        // Conditional, so a decline at the same time cannot be overwritten.
        let result = ordering_right_request::Entity::update_many()
            .col_expr(ordering_right_request::Column::Status, Expr::value(RequestStatus::Granted.as_str()))
            .col_expr(ordering_right_request::Column::DecidedAt, Expr::value(Some(chrono::Utc::now())))
            .col_expr(ordering_right_request::Column::DecidedBy, Expr::value(Some(caller.id())))
            .col_expr(ordering_right_request::Column::OrderingRightId, Expr::value(Some(right_id)))
            .filter(ordering_right_request::Column::Id.eq(id))
            .filter(ordering_right_request::Column::Status.eq(RequestStatus::Pending.as_str()))
            .exec(txn)
            .await?;
        if result.rows_affected == 0 {
            continue;
        }
        audit::record(
            txn,
            Some(caller.id()),
            AuditEvent::OrderingRightRequestGranted {
                request_id: id,
                provider_id: provider.id,
                account_id: asker.id,
                right_id,
            },
        )
        .await?;
        let notice = Notice {
            kind: NotificationKind::OrderingRightGranted,
            order_id: None,
            title: format!("Du har fått beställningsrätt för {}", provider.name),
            body: format!(
                "{} har beviljat din begäran om beställningsrätt för {}. Du kan nu beställa behörigheter åt \
utförarens personal i Sesam.",
                caller.account.name, provider.name
            ),
        };
        notify(txn, &[asker.id], &notice).await?;
    }
    Ok(())
}

/// Revokes `right` inside `txn`, recorded as revoked by the caller: 409 `already_revoked` when it
/// no longer is active (two revocations at once cannot both succeed). Answers when it ended.
pub async fn revoke_in(
    txn: &DatabaseTransaction,
    caller: &Caller,
    right: &ordering_right::Model,
) -> Result<chrono::DateTime<chrono::Utc>, ApiError> {
    let now = chrono::Utc::now();
    let result = ordering_right::Entity::update_many()
        .col_expr(ordering_right::Column::RevokedAt, Expr::value(now))
        .col_expr(ordering_right::Column::RevokedBy, Expr::value(caller.id()))
        .filter(ordering_right::Column::Id.eq(right.id))
        .filter(ordering_right::Column::RevokedAt.is_null())
        .exec(txn)
        .await?;
    if result.rows_affected == 0 {
        return Err(ApiError::Conflict(Code::AlreadyRevoked, None));
    }
    let event = AuditEvent::OrderingRightRevoked {
        right_id: right.id,
        provider_id: right.provider_id,
        account_id: right.account_id,
    };
    audit::record(txn, Some(caller.id()), event).await?;
    let event = Event::OrderingRightRevoked {
        right_id: right.id,
        provider_id: right.provider_id,
        account_id: right.account_id,
    };
    publish(txn, &event).await?;
    Ok(now)
}
