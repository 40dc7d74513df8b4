//! An account that moves to another provider leaves its ordering rights and waiting requests at
//! the old one behind (rule 18): the rights are revoked (recorded as revoked by whoever moved it),
//! the requests declined, each audited.

use super::{dto::RequestStatus, orderers::orderer_warnings, record::revoke_in};
use crate::{
    audit::{self, AuditEvent},
    auth::Caller,
    compliance::{self, dto::ComplianceIssue},
    entities::{ordering_right, ordering_right_request, provider},
    error::ApiError,
};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, sea_query::Expr};
use uuid::Uuid;

/// Why the waiting requests of a moved account were declined.
const MOVED: &str = "Kontot har flyttats till en annan utförare.";

/// Ends what `account_id` had at the provider it left, inside `txn`; answers the warnings of that
/// provider's compliance (`too_few_orderers` when the move left it fewer than two).
pub async fn account_left(
    txn: &DatabaseTransaction,
    caller: &Caller,
    account_id: Uuid,
    old_provider: Uuid,
    policy: compliance::service::Policy,
) -> Result<Vec<ComplianceIssue>, ApiError> {
    let rights = ordering_right::Entity::find()
        .filter(ordering_right::Column::AccountId.eq(account_id))
        .filter(ordering_right::Column::ProviderId.eq(old_provider))
        .filter(ordering_right::Column::RevokedAt.is_null())
        .all(txn)
        .await?;
    for right in &rights {
        revoke_in(txn, caller, right).await?;
    }
    let waiting = ordering_right_request::Entity::find()
        .filter(ordering_right_request::Column::AccountId.eq(account_id))
        .filter(ordering_right_request::Column::ProviderId.eq(old_provider))
        .filter(ordering_right_request::Column::Status.eq(RequestStatus::Pending.as_str()))
        .all(txn)
        .await?;
    for request in waiting {
        ordering_right_request::Entity::update_many()
            .col_expr(ordering_right_request::Column::Status, Expr::value(RequestStatus::Declined.as_str()))
            .col_expr(ordering_right_request::Column::DecidedAt, Expr::value(Some(chrono::Utc::now())))
            .col_expr(ordering_right_request::Column::DecidedBy, Expr::value(Some(caller.id())))
            .col_expr(ordering_right_request::Column::DeclineReason, Expr::value(Some(MOVED)))
            .filter(ordering_right_request::Column::Id.eq(request.id))
            .filter(ordering_right_request::Column::Status.eq(RequestStatus::Pending.as_str()))
            .exec(txn)
            .await?;
        let event =
            AuditEvent::OrderingRightRequestDeclined { request_id: request.id, provider_id: old_provider, account_id };
        audit::record(txn, Some(caller.id()), event).await?;
    }
    match provider::Entity::find_by_id(old_provider).one(txn).await? {
        Some(provider) => Ok(orderer_warnings(&compliance::service::row(txn, &provider, policy).await?)),
        None => Ok(Vec::new()),
    }
}
