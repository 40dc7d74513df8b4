//! A review's report as CSV: every item, its decision and who made it (personal numbers masked,
//! values defused against formula injection by `crate::csv`).

use super::{dto::*, read};
use crate::{
    auth::Caller,
    entities::{order, review_item},
    error::ApiError,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

/// The columns of the report.
pub const CSV_HEADER: [&str; 11] = [
    "first_name",
    "last_name",
    "personal_number",
    "system",
    "permission",
    "units",
    "decision",
    "note",
    "decided_by",
    "decided_at",
    "revoke_order",
];

/// The report's file name.
pub fn file_name(review: &ReviewDto) -> String {
    format!("behorighetsuppfoljning-{}.csv", review.due_date.format("%Y-%m-%d"))
}

/// The report of a review the caller may read: `decision` is `keep`, `revoke`, `holding_ended`
/// (no decision needed) or empty (undecided); `revoke_order` the reference of the revoke order.
pub async fn csv(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> Result<(ReviewDto, String), ApiError> {
    let review = read::visible(db, caller, id).await?;
    let rows = review_item::Entity::find()
        .filter(review_item::Column::ReviewId.eq(id))
        .order_by_asc(review_item::Column::LastName)
        .order_by_asc(review_item::Column::FirstName)
        .order_by_asc(review_item::Column::Id)
        .all(db)
        .await?;
    let order_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.revoke_order_id).collect();
    let references: HashMap<Uuid, String> = if order_ids.is_empty() {
        HashMap::new()
    } else {
        order::Entity::find()
            .select_only()
            .column(order::Column::Id)
            .column(order::Column::Reference)
            .filter(order::Column::Id.is_in(order_ids))
            .into_tuple::<(Uuid, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    let items = read::render_items(db, &review, rows).await?;
    let mut out = crate::csv::line(&CSV_HEADER);
    for item in items {
        let decision = match (item.holding_ended, item.decision) {
            (true, _) => "holding_ended",
            (false, Some(d)) => d.as_str(),
            (false, None) => "",
        };
        out.push_str(&crate::csv::line(&[
            item.subject.first_name,
            item.subject.last_name,
            item.subject.personal_number,
            item.system_name,
            item.permission_name,
            item.units.iter().map(|u| u.name.as_str()).collect::<Vec<_>>().join("; "),
            decision.to_owned(),
            item.note.unwrap_or_default(),
            item.decided_by_name.unwrap_or_default(),
            item.decided_at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).unwrap_or_default(),
            item.revoke_order_id.and_then(|o| references.get(&o).cloned()).unwrap_or_default(),
        ]));
    }
    let dto = read::render(db, review).await?;
    Ok((dto, out))
}
