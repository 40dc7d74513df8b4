//! The access reviews' part of the summary.
//!
//! Access reviews are built on another branch; until they are merged here this answers zeros.
//! At the merge, this is the one function to wire to the reviews module (open reviews of the
//! caller's providers; overdue reviews for support), so that the summary's other counts stay as they are.

use crate::{auth::Caller, error::ApiError};
use sea_orm::ConnectionTrait;

/// Open and overdue access reviews the caller has to act on: `(open_reviews, overdue_reviews)`.
pub async fn review_counts(db: &impl ConnectionTrait, caller: &Caller) -> Result<(u64, u64), ApiError> {
    let _ = (db, caller);
    Ok((0, 0))
}
