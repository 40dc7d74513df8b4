//! Leases on queue rows (the email outbox, webhook messages): each due row is claimed by exactly one
//! sender process — one conditional update decides — and its attempt counted, so that replicas never
//! send a row twice at once and a crashed sender's rows come due again when the lease runs out.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait as _},
};
use uuid::Uuid;

/// The columns a leased queue table has.
pub struct LeaseColumns<C> {
    pub id: C,
    pub next_attempt_at: C,
    pub locked_until: C,
    pub locked_by: C,
    pub attempts: C,
}

/// Claims up to `limit` rows matching `due` (oldest due first) for `sender_id` until `lease_end`,
/// counting an attempt on each; answers the rows claimed, oldest due first.
pub async fn claim<E: EntityTrait>(
    db: &impl ConnectionTrait,
    columns: &LeaseColumns<E::Column>,
    due: Condition,
    sender_id: Uuid,
    lease_end: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<E::Model>, DbErr> {
    let candidates: Vec<Uuid> = E::find()
        .select_only()
        .column(columns.id)
        .filter(due.clone())
        .order_by_asc(columns.next_attempt_at)
        .order_by_asc(columns.id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    let mut claimed = Vec::new();
    for id in candidates {
        let result = E::update_many()
            .col_expr(columns.locked_until, Expr::value(Some(lease_end)))
            .col_expr(columns.locked_by, Expr::value(Some(sender_id)))
            .col_expr(columns.attempts, Expr::col(columns.attempts).add(1))
            .filter(columns.id.eq(id))
            .filter(due.clone())
            .exec(db)
            .await?;
        if result.rows_affected == 1 {
            claimed.push(id);
        }
    }
    if claimed.is_empty() {
        return Ok(Vec::new());
    }
    E::find()
        .filter(columns.id.is_in(claimed))
        .filter(columns.locked_by.eq(sender_id))
        .order_by_asc(columns.next_attempt_at)
        .order_by_asc(columns.id)
        .all(db)
        .await
}
