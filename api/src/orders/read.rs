//! Reading orders: one order (audited: its detail shows the whole personal number), a page of
//! them, an order's history, and the database's plan for a page.

use super::{
    access::{may_see, visible_order},
    dto::*,
    names::{Names, with_names},
};
use crate::{
    audit::{self, AuditEvent},
    auth::Caller,
    domain::{HistoryAction, OrderStatus, order::SESAM},
    entities::{account, order, order_history},
    error::{ApiError, Code},
    pagination::{Page, PageParams, encode_cursor, finish_page},
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Select, TransactionTrait, sea_query::LikeExpr,
};
use std::collections::HashMap;
use uuid::Uuid;

/// One order, for those who may see it: one query on PostgreSQL, two on SQLite. Its detail shows
/// the person's personal identity number whole, so every read is in the audit log (`order.read`:
/// who, when, which order).
pub async fn get(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<OrderDto, ApiError> {
    let row = with_names(order::Entity::find_by_id(id), db.get_database_backend())
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !may_see(caller, &row.order) {
        return Err(ApiError::NotFound);
    }
    let provider_id = row.order.provider_id;
    let (mut orders, names) = Names::load(db, vec![row]).await?;
    let dto = names.detail(orders.pop().ok_or(ApiError::NotFound)?)?;
    audit::record(db, Some(caller.id()), AuditEvent::OrderRead { order_id: id, provider_id }).await?;
    Ok(dto)
}

/// A page of the orders the caller may see, filtered: two queries per page, whatever its size (the
/// page, then its names and units).
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: &OrderFilter,
    page: &PageParams,
) -> Result<Page<OrderListItem>, ApiError> {
    let limit = page.limit()?;
    let query = list_query(caller, filter, page)?;
    let rows = if filter.text_search().is_some() {
        crate::db::all_planned_for_values(db, query).await?
    } else {
        query.all(db).await?
    };
    if let Some(person) = filter.person() {
        // A search by a whole personal number reads a person's orders: audited like a detail.
        let found: Vec<Uuid> = rows.iter().take(limit as usize).map(|o| o.id).collect();
        let event = AuditEvent::PersonSearched { resource: "orders", masked_personal_number: person.masked(), found };
        audit::record(db, Some(caller.id()), event).await?;
    }
    let names = Names::for_page(db, &rows).await?;
    let page = finish_page(rows, limit, |m| encode_cursor(&[&m.id.to_string()]), |m| names.item(m));
    Ok(Page { items: page.items.into_iter().collect::<Result<_, _>>()?, next_cursor: page.next_cursor })
}

/// The query of one page of [`list`]: the orders the caller may see, filtered, in id order (which
/// is creation order: ids are UUIDv7) after the cursor, one more than the page holds.
///
/// Each shape has an index in the same order (see the orders migrations): per provider
/// (orderers), per provider and status, per status (IT's queue), per creator and taker (`mine`),
/// per system; the whole table in primary-key order (support).
pub fn list_query(caller: &Caller, filter: &OrderFilter, page: &PageParams) -> Result<Select<order::Entity>, ApiError> {
    let limit = page.limit()?;
    let mut query = order::Entity::find();
    if !caller.is_admin() {
        let mut visible = Condition::any();
        let providers: Vec<Uuid> = caller.ordering_rights.iter().map(|r| r.provider_id).collect();
        if !providers.is_empty() {
            visible = visible.add(order::Column::ProviderId.is_in(providers));
        }
        if caller.is_it() {
            visible = visible.add(order::Column::Status.ne(OrderStatus::Draft.as_str()));
        }
        if !caller.is_orderer() && !caller.is_it() {
            return Err(ApiError::Forbidden(Code::Forbidden));
        }
        query = query.filter(visible);
    }
    if let Some(p) = filter.provider_id {
        if !caller.sees_all_providers() && !caller.is_orderer_of(p) {
            return Err(ApiError::Forbidden(Code::NoOrderingRight));
        }
        query = query.filter(order::Column::ProviderId.eq(p));
    }
    if !filter.status.is_empty() {
        query = query.filter(order::Column::Status.is_in(filter.status.iter().map(|s| s.as_str())));
    }
    if let Some(system_id) = filter.system_id {
        query = query.filter(order::Column::SystemId.eq(system_id));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(order::Column::Kind.eq(kind.as_str()));
    }
    if filter.mine == Some(true) {
        let column = if caller.is_it() { order::Column::TakenBy } else { order::Column::CreatedBy };
        query = query.filter(column.eq(caller.id()));
    }
    if filter.returned == Some(true) {
        query = query.filter(order::Column::ReturnQuestion.is_not_null());
    } else if filter.returned == Some(false) {
        query = query.filter(order::Column::ReturnQuestion.is_null());
    }
    match filter.search() {
        // A whole personal number: exactly that person, by `ix_orders_person`.
        Some(Search::Person(person)) => query = query.filter(order::Column::PersonalNumber.eq(person.as_str())),
        // A whole reference: that order, by `ux_orders_reference` (the text search would find the same).
        Some(Search::Reference(reference)) => query = query.filter(order::Column::Reference.eq(reference)),
        Some(Search::Text(q)) => {
            let escaped: String = q
                .to_lowercase()
                .chars()
                .flat_map(|c| if matches!(c, '\\' | '%' | '_') { vec!['\\', c] } else { vec![c] })
                .collect();
            query = query.filter(order::Column::SearchText.like(LikeExpr::new(format!("%{escaped}%")).escape('\\')));
        }
        None => {}
    }
    if let Some(since) = filter.updated_since {
        query = query.filter(order::Column::UpdatedAt.gte(since));
    }
    if let Some(parts) = page.cursor_parts()? {
        let after = parts
            .first()
            .and_then(|s| Uuid::parse_str(s).ok())
            .ok_or_else(|| ApiError::InvalidQuery("cursor is not one this API made".into()))?;
        query = query.filter(match filter.order {
            ListOrder::Newest => order::Column::Id.lt(after),
            ListOrder::Oldest => order::Column::Id.gt(after),
        });
    }
    query = match filter.order {
        ListOrder::Newest => query.order_by_desc(order::Column::Id),
        ListOrder::Oldest => query.order_by_asc(order::Column::Id),
    };
    Ok(query.limit(limit + 1))
}

/// The plan the database uses for one page of [`list`]: on PostgreSQL, the query is prepared and
/// run as the server runs it (a prepared statement, executed a few times first, so that the plan
/// shown is the one a warm connection uses, custom or generic), then `EXPLAIN`ed (with `ANALYZE`
/// and `BUFFERS` when `analyze`); on SQLite, `EXPLAIN QUERY PLAN`.
pub async fn explain_list(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: &OrderFilter,
    page: &PageParams,
    analyze: bool,
) -> Result<String, ApiError> {
    use sea_orm::{
        QueryTrait, Statement,
        sea_query::{PostgresQueryBuilder, QueryBuilder},
    };
    let statement = list_query(caller, filter, page)?.build(db.get_database_backend());
    let lines = |rows: Vec<sea_orm::QueryResult>, column: &str| -> Result<String, ApiError> {
        let mut out = String::new();
        for row in rows {
            out.push_str(&row.try_get::<String>("", column)?);
            out.push('\n');
        }
        Ok(out)
    };
    if !crate::db::is_postgres(db) {
        let plan = db
            .query_all_raw(Statement { sql: format!("EXPLAIN QUERY PLAN {}", statement.sql), ..statement.clone() })
            .await?;
        return lines(plan, "detail");
    }
    let values: Vec<String> = statement
        .values
        .as_ref()
        .map(|v| v.0.iter().map(|v| PostgresQueryBuilder.value_to_string(v)).collect())
        .unwrap_or_default();
    let execute = format!("EXECUTE sesam_explain({})", values.join(", "));
    // One connection for all of it: a prepared statement lives in its session.
    let txn = db.begin().await?;
    if filter.text_search().is_some() {
        txn.execute_unprepared(crate::db::PLAN_FOR_VALUES).await?;
    }
    txn.execute_unprepared(&format!("PREPARE sesam_explain AS {}", statement.sql)).await?;
    for _ in 0..6 {
        txn.execute_unprepared(&execute).await?;
    }
    let options = if analyze { "ANALYZE, BUFFERS" } else { "COSTS" };
    let plan = txn
        .query_all_raw(Statement::from_string(db.get_database_backend(), format!("EXPLAIN ({options}) {execute}")))
        .await?;
    txn.rollback().await?;
    let mut out = format!("{}\n", inline(&statement.sql, &values));
    out.push_str(&lines(plan, "QUERY PLAN")?);
    Ok(out)
}

/// The SQL with its parameters written in, for reading.
fn inline(sql: &str, values: &[String]) -> String {
    let mut out = sql.to_owned();
    for (i, v) in values.iter().enumerate().rev() {
        out = out.replace(&format!("${}", i + 1), v);
    }
    out
}

/// An order's history, oldest first.
pub async fn history(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    page: &PageParams,
) -> Result<Page<OrderHistoryEntry>, ApiError> {
    let limit = page.limit()?;
    let order = visible_order(db, caller, id).await?;
    let mut query = order_history::Entity::find().filter(order_history::Column::OrderId.eq(order.id));
    if let Some(parts) = page.cursor_parts()? {
        let after = parts
            .first()
            .and_then(|s| Uuid::parse_str(s).ok())
            .ok_or_else(|| ApiError::InvalidQuery("cursor is not one this API made".into()))?;
        query = query.filter(order_history::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(order_history::Column::Id).limit(limit + 1).all(db).await?;
    let mut actor_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.actor_id).collect();
    actor_ids.sort_unstable();
    actor_ids.dedup();
    let actors: HashMap<Uuid, String> = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .column(account::Column::Name)
        .filter(account::Column::Id.is_in(actor_ids))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let page = finish_page(
        rows,
        limit,
        |r| encode_cursor(&[&r.id.to_string()]),
        |r| -> Result<OrderHistoryEntry, ApiError> {
            let bad = || ApiError::internal(format!("history row {} is malformed", r.id));
            Ok(OrderHistoryEntry {
                id: r.id,
                at: r.at,
                actor_id: r.actor_id,
                actor_name: match r.actor_id {
                    Some(id) => actors.get(&id).cloned().unwrap_or_default(),
                    None => SESAM.to_owned(),
                },
                action: HistoryAction::parse(&r.action).ok_or_else(bad)?,
                from_status: match r.from_status.as_deref() {
                    Some(s) => Some(OrderStatus::parse(s).ok_or_else(bad)?),
                    None => None,
                },
                to_status: OrderStatus::parse(&r.to_status).ok_or_else(bad)?,
                note: r.note.clone(),
            })
        },
    );
    Ok(Page { items: page.items.into_iter().collect::<Result<_, _>>()?, next_cursor: page.next_cursor })
}
