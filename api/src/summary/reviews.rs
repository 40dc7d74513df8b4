//! The access reviews' part of the summary: one call into the reviews module, so that the
//! summary's other counts stay as they are.

use crate::{auth::Caller, error::ApiError};
use sea_orm::ConnectionTrait;

/// Open and overdue access reviews the caller has to act on: `(open_reviews, overdue_reviews)`.
pub async fn review_counts(db: &impl ConnectionTrait, caller: &Caller) -> Result<(u64, u64), ApiError> {
    let counts = crate::reviews::summary::counts(db, caller).await?;
    Ok((counts.to_decide, counts.overdue))
}
