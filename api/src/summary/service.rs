//! Counting what the caller has to do: a handful of `COUNT`s, each by an index, in one statement.

use super::dto::Summary;
use crate::{
    auth::Caller,
    compliance,
    domain::OrderStatus,
    entities::{holding, notification, order, ordering_right_request},
    error::ApiError,
};
use chrono::{Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    Select,
    sea_query::{Alias, Expr, Query, QueryStatementBuilder, SelectStatement, SimpleExpr},
};
use std::collections::HashMap;
use uuid::Uuid;

/// Settings the counts depend on.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// `SESAM_EXPIRY_NOTICE_DAYS`.
    pub notice_days: u32,
    /// What compliance asks of a provider (expert users per unit, review interval).
    pub compliance: compliance::service::Policy,
}

/// The caller's summary: every field present, 0 where it does not apply. The counts go to the
/// database as one statement (a scalar subquery each), not one round trip per count.
pub async fn summary(db: &DatabaseConnection, caller: &Caller, settings: Settings) -> Result<Summary, ApiError> {
    let mut out = Summary::default();
    let mut counts = Counts::default();
    let providers: Vec<Uuid> = caller.ordering_rights.iter().map(|r| r.provider_id).collect();
    if !providers.is_empty() {
        let of = |status: OrderStatus| {
            order::Entity::find()
                .filter(order::Column::ProviderId.is_in(providers.clone()))
                .filter(order::Column::Status.eq(status.as_str()))
        };
        counts.add("drafts", of(OrderStatus::Draft));
        counts.add("returned", of(OrderStatus::Draft).filter(order::Column::ReturnQuestion.is_not_null()));
        counts.add("submitted", of(OrderStatus::Submitted));
        counts.add("in_progress", of(OrderStatus::InProgress));
        let today = Utc::now().date_naive();
        let until = today + Duration::days(i64::from(settings.notice_days));
        counts.add(
            "end_dates_near",
            holding::Entity::find()
                .filter(holding::Column::ProviderId.is_in(providers.clone()))
                .filter(holding::Column::EndedAt.is_null())
                .filter(holding::Column::ValidTo.lte(until)),
        );
    }
    if !providers.is_empty() || caller.is_admin() {
        let mut requests =
            ordering_right_request::Entity::find().filter(ordering_right_request::Column::Status.eq("pending"));
        if !caller.is_admin() {
            requests = requests.filter(ordering_right_request::Column::ProviderId.is_in(providers.clone()));
        }
        counts.add("ordering_right_requests", requests);
    }
    if caller.is_it() {
        counts.add("queue", order::Entity::find().filter(order::Column::Status.eq(OrderStatus::Submitted.as_str())));
        counts.add(
            "mine_in_progress",
            order::Entity::find()
                .filter(order::Column::TakenBy.eq(caller.id()))
                .filter(order::Column::Status.eq(OrderStatus::InProgress.as_str())),
        );
    }
    counts.add(
        "unread_notifications",
        notification::Entity::find()
            .filter(notification::Column::AccountId.eq(caller.id()))
            .filter(notification::Column::ReadAt.is_null()),
    );
    for (name, query) in crate::reviews::summary::count_queries(caller) {
        counts.add(name, query);
    }
    let n = counts.run(db).await?;
    (out.drafts, out.returned, out.submitted, out.in_progress) =
        (n("drafts"), n("returned"), n("submitted"), n("in_progress"));
    (out.end_dates_near, out.ordering_right_requests) = (n("end_dates_near"), n("ordering_right_requests"));
    (out.queue, out.mine_in_progress, out.unread_notifications) =
        (n("queue"), n("mine_in_progress"), n("unread_notifications"));
    if out.queue > 0 {
        // The oldest sent order first: `ix_orders_status` gives them in id (creation) order, close to it.
        out.queue_oldest_at = order::Entity::find()
            .filter(order::Column::Status.eq(OrderStatus::Submitted.as_str()))
            .select_only()
            .column(order::Column::SubmittedAt)
            .order_by_asc(order::Column::SubmittedAt)
            .limit(1)
            .into_tuple::<Option<chrono::DateTime<Utc>>>()
            .one(db)
            .await?
            .flatten();
    }
    if caller.is_admin() {
        let rows = compliance::service::rows(db, None, settings.compliance).await?;
        out.providers_with_issues = rows.iter().filter(|r| !r.issues.is_empty()).count() as u64;
    }
    (out.open_reviews, out.overdue_reviews) = (n("to_decide"), n("overdue"));
    Ok(out)
}

/// Named `COUNT(*)`s sent together as one `SELECT (…) AS a, (…) AS b`.
#[derive(Default)]
struct Counts(Vec<(&'static str, SelectStatement)>);

impl Counts {
    /// Adds the count of the rows `select` finds, under `name`.
    fn add<E: EntityTrait>(&mut self, name: &'static str, select: Select<E>) {
        let count = select.select_only().column_as(Expr::cust("COUNT(*)"), "n").into_query();
        self.0.push((name, count));
    }

    /// Runs them; the answer gives each count by name, 0 for a name not added.
    async fn run(self, db: &DatabaseConnection) -> Result<impl Fn(&str) -> u64, ApiError> {
        let mut outer = Query::select();
        for (name, count) in &self.0 {
            outer.expr_as(
                SimpleExpr::SubQuery(None, Box::new(count.clone().into_sub_query_statement())),
                Alias::new(*name),
            );
        }
        let row = db.query_one(&outer).await?;
        let mut found = HashMap::new();
        if let Some(row) = row {
            for (name, _) in &self.0 {
                found.insert(*name, row.try_get::<i64>("", name)?.max(0) as u64);
            }
        }
        Ok(move |name: &str| found.get(name).copied().unwrap_or(0))
    }
}
