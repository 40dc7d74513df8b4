//! Rule 19's `last_seen_at`: the last day an account signed in or used the API. Written at most
//! once a day per account (a date is enough), by a conditional update, so that neither every
//! request nor several replicas write it more than that.

use crate::{entities::account, error::ApiError};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};

/// Records that the account was used now, unless that was already recorded today (UTC).
pub async fn record(db: &impl ConnectionTrait, account: &account::Model) -> Result<(), ApiError> {
    let now = chrono::Utc::now();
    let today = now.date_naive().and_hms_opt(0, 0, 0).map(|t| t.and_utc()).unwrap_or(now);
    if account.last_seen_at.is_some_and(|at| at >= today) {
        return Ok(());
    }
    account::Entity::update_many()
        .col_expr(account::Column::LastSeenAt, Expr::value(Some(now)))
        .filter(account::Column::Id.eq(account.id))
        .filter(Condition::any().add(account::Column::LastSeenAt.is_null()).add(account::Column::LastSeenAt.lt(today)))
        .exec(db)
        .await?;
    Ok(())
}
