//! Ending an account's sessions (rule 18): every access token carries the account's session
//! generation, and bumping the counter ends every token issued before. No comparison of times, so
//! a token issued in the same second as the change dies with the others.

use crate::{entities::account, error::ApiError};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

/// Ends every session of the account (on the caller's transaction); answers the new generation,
/// for a token that should outlive the change (the one answered to a password change).
pub async fn end_all(db: &impl ConnectionTrait, account_id: Uuid) -> Result<i64, ApiError> {
    account::Entity::update_many()
        .col_expr(account::Column::SessionGeneration, Expr::col(account::Column::SessionGeneration).add(1))
        .filter(account::Column::Id.eq(account_id))
        .exec(db)
        .await?;
    account::Entity::find_by_id(account_id)
        .select_only()
        .column(account::Column::SessionGeneration)
        .into_tuple::<i64>()
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)
}
