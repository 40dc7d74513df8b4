//! Cancelling a review (support): it closes without decisions taking effect.

use super::{
    complete::freeze_ended,
    decide::{lock_open, not_open},
    dto::*,
    read,
};
use crate::{
    audit::{self, AuditEvent},
    auth::Caller,
    entities::review,
    error::{ApiError, Code},
};
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait, sea_query::Expr};
use uuid::Uuid;

/// Cancels an open review (support; orderers 403); 409 `invalid_transition` unless open.
pub async fn cancel(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<ReviewDto, ApiError> {
    let found = read::visible(db, caller, id).await?;
    if !caller.is_admin() {
        return Err(ApiError::Forbidden(Code::Forbidden));
    }
    let txn = db.begin().await?;
    if !lock_open(&txn, id).await? {
        txn.rollback().await?;
        return Err(not_open());
    }
    review::Entity::update_many()
        .col_expr(review::Column::Status, Expr::value(ReviewStatus::Cancelled.as_str()))
        .col_expr(review::Column::CancelledAt, Expr::value(Some(Utc::now())))
        .col_expr(review::Column::CancelledBy, Expr::value(Some(caller.id())))
        .filter(review::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    freeze_ended(&txn, id).await?;
    audit::record(
        &txn,
        Some(caller.id()),
        AuditEvent::ReviewCancelled { review_id: id, provider_id: found.provider_id },
    )
    .await?;
    let model = review::Entity::find_by_id(id).one(&txn).await?.ok_or(ApiError::NotFound)?;
    let dto = read::render(&txn, model).await?;
    txn.commit().await?;
    Ok(dto)
}
