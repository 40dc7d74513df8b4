//! What the caller has to do about access reviews now, for the work view (`GET /me/summary`).

use super::dto::ReviewStatus;
use crate::{
    auth::Caller,
    entities::{holding, review, review_item},
};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, Select,
    sea_query::{Expr, ExprTrait, Query},
};
use uuid::Uuid;

/// For an orderer: the open reviews of its providers that still have items to decide (`to_decide`)
/// and those of them past their due date (`overdue`). For support: every overdue open review. Both
/// are zero for anyone else (no query). As queries each counting its rows, named `to_decide` and
/// `overdue`, for the work view to send with its other counts in one statement.
pub fn count_queries(caller: &Caller) -> Vec<(&'static str, Select<review::Entity>)> {
    let open = || review::Entity::find().filter(review::Column::Status.eq(ReviewStatus::Open.as_str()));
    let mut queries = Vec::new();
    let mine: Vec<Uuid> = caller.ordering_rights.iter().map(|r| r.provider_id).collect();
    if !mine.is_empty() {
        // An item to decide: undecided, and its holding still active.
        let undecided = Query::select()
            .expr(Expr::val(1))
            .from(review_item::Entity)
            .inner_join(
                holding::Entity,
                Expr::col((holding::Entity, holding::Column::Id))
                    .equals((review_item::Entity, review_item::Column::HoldingId)),
            )
            .and_where(
                Expr::col((review_item::Entity, review_item::Column::ReviewId))
                    .equals((review::Entity, review::Column::Id)),
            )
            .and_where(Expr::col((review_item::Entity, review_item::Column::Decision)).is_null())
            .and_where(Expr::col((holding::Entity, holding::Column::EndedAt)).is_null())
            .to_owned();
        queries.push((
            "to_decide",
            open().filter(review::Column::ProviderId.is_in(mine.clone())).filter(Expr::exists(undecided)),
        ));
        if !caller.is_admin() {
            queries.push((
                "overdue",
                open().filter(review::Column::ProviderId.is_in(mine)).filter(review::Column::OverdueAt.is_not_null()),
            ));
        }
    }
    if caller.is_admin() {
        queries.push(("overdue", open().filter(review::Column::OverdueAt.is_not_null())));
    }
    queries
}
