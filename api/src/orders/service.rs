//! Orders: who may see and do what, the rules (through `domain::order`), and the transactions.
//!
//! Visibility: an orderer sees every order of its providers; IT sees every order that is not a
//! draft; support sees all. Anything else answers 404, as if it did not exist; an action on a
//! visible order that the caller may not take answers 403. Writes are the orderers' (create, edit,
//! delete, submit, withdraw, copy) and IT's (take, complete, reject, return); support only reads.
//!
//! Each change is one transaction: the order, its units, its history row, the notifications it
//! causes, the expert-user registry and the audit row commit together or not at all. Transitions
//! are conditional updates (`… WHERE id = ? AND status = ? AND version = ?`), so two clients racing
//! for the same order (also on different replicas) cannot both win.

use super::dto::*;
use crate::{
    audit,
    auth::Caller,
    domain::{
        HistoryAction, OrderKind, OrderStatus, Party, Transition,
        order::{self as rules, Actor, Facts, OrderInput, PermissionFacts, UnitFacts, ValidOrder},
    },
    entities::{account, idempotency_key, order, order_history, order_unit, permission, provider, system, unit},
    error::{ApiError, Code, FieldError, FieldErrors},
    expert_users::service::{CompletedOrder, on_order_completed},
    notifications::{
        dto::NotificationKind,
        service::{Notice, notify},
    },
    pagination::{Page, PageParams, encode_cursor, finish_page},
};
use chrono::{Datelike, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    FromQueryResult, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationDef, RelationTrait as _, Select,
    SelectModel, Selector, Set, SqlErr, TransactionTrait,
    sea_query::{
        Alias, DynIden, Expr, ExprTrait, IntoIden, LikeExpr, OnConflict, Order, Query, SelectStatement, UnionType,
    },
};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// The scope of idempotency keys used on `POST /orders`.
const CREATE_SCOPE: &str = "POST /orders";
/// The scope of idempotency keys used on `POST /orders/batch`.
const BATCH_SCOPE: &str = "POST /orders/batch";
/// How long a batch may be under way before its `Idempotency-Key` counts as abandoned (its
/// process died) and a retry runs the batch again.
const BATCH_KEY_LEASE_MINUTES: i64 = 10;
/// How long an `Idempotency-Key` is remembered: long enough for any script's retries, short
/// enough that the stored answers do not pile up for years.
const IDEMPOTENCY_KEY_RETENTION_DAYS: i64 = 7;
/// How often a transition retries after losing a race to another change of the same order.
const TRANSITION_ATTEMPTS: usize = 3;

// ---------------------------------------------------------------------------------------------
// Access

/// Whether the caller may read the order at all.
fn may_see(caller: &Caller, order: &order::Model) -> bool {
    caller.is_admin()
        || caller.is_orderer_of(order.provider_id)
        || (caller.is_it() && order.status != OrderStatus::Draft.as_str())
}

/// The order, if it exists and the caller may see it; 404 otherwise.
async fn visible_order(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> Result<order::Model, ApiError> {
    let order = order::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    if may_see(caller, &order) { Ok(order) } else { Err(ApiError::NotFound) }
}

/// 403 unless the caller is the party that makes this kind of change.
fn require_party(caller: &Caller, order: &order::Model, party: Party) -> Result<(), ApiError> {
    let allowed = match party {
        Party::Orderer => caller.is_orderer_of(order.provider_id),
        Party::It => caller.is_it(),
    };
    if allowed { Ok(()) } else { Err(ApiError::Forbidden(Code::Forbidden)) }
}

/// 412 when the client's `If-Match` does not name the order's current version.
pub fn check_if_match(if_match: Option<&str>, version: i32) -> Result<(), ApiError> {
    let Some(header) = if_match else { return Ok(()) };
    let current = etag(version);
    let matches = header.split(',').map(str::trim).any(|tag| tag == "*" || tag == current);
    if matches { Ok(()) } else { Err(ApiError::PreconditionFailed) }
}

/// The entity tag of an order version: `"<version>"`.
pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

fn status_of(order: &order::Model) -> Result<OrderStatus, ApiError> {
    OrderStatus::parse(&order.status)
        .ok_or_else(|| ApiError::internal(format!("order {} has status {}", order.id, order.status)))
}

fn kind_of(order: &order::Model) -> Result<OrderKind, ApiError> {
    OrderKind::parse(&order.kind)
        .ok_or_else(|| ApiError::internal(format!("order {} has kind {}", order.id, order.kind)))
}

fn invalid_transition(transition: &str, status: OrderStatus) -> ApiError {
    ApiError::conflict(Code::InvalidTransition, format!("an order that is {} cannot be {transition}", status.as_str()))
}

// ---------------------------------------------------------------------------------------------
// Reading: an order and the names its answer shows in one query, its units too on PostgreSQL (on
// SQLite the units of a whole page in a second query): an order or a page of them costs one query
// (two), whatever the page's size

/// An order with the names its answer shows (provider, permission, system, the accounts that
/// created, sent and took it), joined in the same query.
#[derive(Debug, FromQueryResult)]
struct NamedOrder {
    #[sea_orm(nested)]
    order: order::Model,
    provider_name: Option<String>,
    permission_name: Option<String>,
    system_name: Option<String>,
    created_by_name: Option<String>,
    submitted_by_name: Option<String>,
    taken_by_name: Option<String>,
    /// PostgreSQL: the units as `[[id, name], …]`, by name; SQLite: null (read separately).
    units_json: Option<Value>,
}

/// The units of the order of the row, by name, as a JSON array of `[id, name]` pairs.
const UNITS_JSON_PG: &str = "(SELECT COALESCE(json_agg(json_build_array(u.id, u.name) ORDER BY u.name, u.id), \
    '[]'::json) FROM order_units ou JOIN units u ON u.id = ou.unit_id WHERE ou.order_id = \"orders\".\"id\")";

/// The orders of `query` with their names (see [`NamedOrder`]); the query's filters, order and
/// limit stay as they are, the joins are on primary keys.
fn with_names(query: Select<order::Entity>, backend: DbBackend) -> Selector<SelectModel<NamedOrder>> {
    joined_names(query, backend).into_model::<NamedOrder>()
}

/// The query with the joins and columns of [`NamedOrder`].
fn joined_names(query: Select<order::Entity>, backend: DbBackend) -> Select<order::Entity> {
    let units = if backend == DbBackend::Postgres { UNITS_JSON_PG } else { "NULL" };
    let by = |column: order::Column| -> RelationDef {
        order::Entity::belongs_to(account::Entity).from(column).to(account::Column::Id).into()
    };
    let created = Alias::new("created_by_account");
    let submitted = Alias::new("submitted_by_account");
    let taken = Alias::new("taken_by_account");
    query
        .join(
            JoinType::LeftJoin,
            order::Entity::belongs_to(provider::Entity).from(order::Column::ProviderId).to(provider::Column::Id).into(),
        )
        .join(
            JoinType::LeftJoin,
            order::Entity::belongs_to(permission::Entity)
                .from(order::Column::PermissionId)
                .to(permission::Column::Id)
                .into(),
        )
        .join(
            JoinType::LeftJoin,
            order::Entity::belongs_to(system::Entity).from(order::Column::SystemId).to(system::Column::Id).into(),
        )
        .join_as(JoinType::LeftJoin, by(order::Column::CreatedBy), created.clone())
        .join_as(JoinType::LeftJoin, by(order::Column::SubmittedBy), submitted.clone())
        .join_as(JoinType::LeftJoin, by(order::Column::TakenBy), taken.clone())
        .expr_as(Expr::col((provider::Entity, provider::Column::Name)), "provider_name")
        .expr_as(Expr::col((permission::Entity, permission::Column::Name)), "permission_name")
        .expr_as(Expr::col((system::Entity, system::Column::Name)), "system_name")
        .expr_as(Expr::col((created, account::Column::Name)), "created_by_name")
        .expr_as(Expr::col((submitted, account::Column::Name)), "submitted_by_name")
        .expr_as(Expr::col((taken, account::Column::Name)), "taken_by_name")
        .expr_as(Expr::cust(units), "units_json")
}

/// The names one order's answer shows.
#[derive(Debug, Default)]
struct OrderNames {
    provider: String,
    permission: String,
    system: String,
    created_by: Option<String>,
    submitted_by: Option<String>,
    taken_by: Option<String>,
}

/// Everything the answers of some orders name besides the orders themselves.
struct Names {
    names: HashMap<Uuid, OrderNames>,
    units: HashMap<Uuid, Vec<UnitRef>>,
}

impl Names {
    /// Splits the named rows into the orders, their names and units; on SQLite, loads the units in
    /// one query, whatever the number of orders.
    async fn load(db: &impl ConnectionTrait, rows: Vec<NamedOrder>) -> Result<(Vec<order::Model>, Names), ApiError> {
        let mut names = HashMap::with_capacity(rows.len());
        let mut orders = Vec::with_capacity(rows.len());
        let mut units_json = Vec::with_capacity(rows.len());
        for row in rows {
            units_json.push((row.order.id, row.units_json));
            names.insert(
                row.order.id,
                OrderNames {
                    provider: row.provider_name.unwrap_or_default(),
                    permission: row.permission_name.unwrap_or_default(),
                    system: row.system_name.unwrap_or_default(),
                    created_by: row.created_by_name,
                    submitted_by: row.submitted_by_name,
                    taken_by: row.taken_by_name,
                },
            );
            orders.push(row.order);
        }
        let mut units: HashMap<Uuid, Vec<UnitRef>> = HashMap::new();
        let mut without_units = Vec::new();
        for (id, json) in units_json {
            match json {
                Some(json) => {
                    let pairs = json.as_array().cloned().unwrap_or_default();
                    let refs = pairs
                        .iter()
                        .filter_map(|pair| {
                            let id = pair.get(0).and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok())?;
                            let name = pair.get(1).and_then(Value::as_str)?.to_owned();
                            Some(UnitRef { id, name })
                        })
                        .collect();
                    units.insert(id, refs);
                }
                None => without_units.push(id),
            }
        }
        if !without_units.is_empty() {
            let unit_rows: Vec<(Uuid, Uuid, String)> = order_unit::Entity::find()
                .select_only()
                .column(order_unit::Column::OrderId)
                .column(unit::Column::Id)
                .column(unit::Column::Name)
                .join(JoinType::InnerJoin, order_unit::Relation::Unit.def())
                .filter(order_unit::Column::OrderId.is_in(without_units))
                .order_by_asc(unit::Column::Name)
                .order_by_asc(unit::Column::Id)
                .into_tuple()
                .all(db)
                .await?;
            for (order_id, id, name) in unit_rows {
                units.entry(order_id).or_default().push(UnitRef { id, name });
            }
        }
        Ok((orders, Names { names, units }))
    }

    /// The names and units of a page of orders, in one query whatever the page's size: a
    /// `UNION ALL` of lookups by primary key (units by order). Cheaper for the database than the
    /// joins of [`NamedOrder`] here: a list's query has a different plan for each filter and is
    /// planned on every run, and planning a seven-table join costs more than running it.
    async fn for_page(db: &impl ConnectionTrait, orders: &[order::Model]) -> Result<Names, ApiError> {
        let mut out = Names { names: HashMap::with_capacity(orders.len()), units: HashMap::new() };
        if orders.is_empty() {
            return Ok(out);
        }
        fn distinct(ids: impl Iterator<Item = Uuid>) -> Vec<Uuid> {
            let mut v: Vec<Uuid> = ids.collect();
            v.sort_unstable();
            v.dedup();
            v
        }
        let order_ids = distinct(orders.iter().map(|o| o.id));
        let lookup = |kind: &str, table: DynIden, ids: Vec<Uuid>| -> SelectStatement {
            Query::select()
                .expr_as(Expr::val(kind), Alias::new("kind"))
                .expr_as(Expr::cust("NULL"), Alias::new("order_id"))
                .expr_as(Expr::col((table.clone(), Alias::new("id"))), Alias::new("id"))
                .expr_as(Expr::col((table.clone(), Alias::new("name"))), Alias::new("name"))
                .from(table.clone())
                .and_where(Expr::col((table, Alias::new("id"))).is_in(ids))
                .to_owned()
        };
        // The units first: their `order_id` gives the other parts' NULLs its type (PostgreSQL).
        let mut query = Query::select()
            .expr_as(Expr::val("u"), Alias::new("kind"))
            .expr_as(Expr::col((order_unit::Entity, order_unit::Column::OrderId)), Alias::new("order_id"))
            .expr_as(Expr::col((unit::Entity, unit::Column::Id)), Alias::new("id"))
            .expr_as(Expr::col((unit::Entity, unit::Column::Name)), Alias::new("name"))
            .from(order_unit::Entity)
            .inner_join(
                unit::Entity,
                Expr::col((unit::Entity, unit::Column::Id)).equals((order_unit::Entity, order_unit::Column::UnitId)),
            )
            .and_where(Expr::col((order_unit::Entity, order_unit::Column::OrderId)).is_in(order_ids))
            .to_owned();
        query
            .union(
                UnionType::All,
                lookup("p", provider::Entity.into_iden(), distinct(orders.iter().map(|o| o.provider_id))),
            )
            .union(
                UnionType::All,
                lookup("e", permission::Entity.into_iden(), distinct(orders.iter().map(|o| o.permission_id))),
            )
            .union(
                UnionType::All,
                lookup("s", system::Entity.into_iden(), distinct(orders.iter().map(|o| o.system_id))),
            )
            .union(
                UnionType::All,
                lookup(
                    "a",
                    account::Entity.into_iden(),
                    distinct(orders.iter().flat_map(|o| [o.created_by, o.submitted_by, o.taken_by]).flatten()),
                ),
            )
            // Units by name (the database's collation), then id.
            .order_by(Alias::new("kind"), Order::Asc)
            .order_by(Alias::new("name"), Order::Asc)
            .order_by(Alias::new("id"), Order::Asc);
        let mut by_kind: HashMap<String, HashMap<Uuid, String>> = HashMap::new();
        for row in db.query_all(&query).await? {
            let kind: String = row.try_get("", "kind")?;
            let order_id: Option<Uuid> = row.try_get("", "order_id")?;
            let id: Uuid = row.try_get("", "id")?;
            let name: String = row.try_get("", "name")?;
            match (kind.as_str(), order_id) {
                ("u", Some(order_id)) => out.units.entry(order_id).or_default().push(UnitRef { id, name }),
                _ => {
                    by_kind.entry(kind).or_default().insert(id, name);
                }
            }
        }
        let empty = HashMap::new();
        let names_of = |kind: &str| by_kind.get(kind).unwrap_or(&empty);
        let (providers, permissions, systems, accounts) = (names_of("p"), names_of("e"), names_of("s"), names_of("a"));
        let name = |map: &HashMap<Uuid, String>, id: Uuid| map.get(&id).cloned().unwrap_or_default();
        for o in orders {
            out.names.insert(
                o.id,
                OrderNames {
                    provider: name(providers, o.provider_id),
                    permission: name(permissions, o.permission_id),
                    system: name(systems, o.system_id),
                    created_by: o.created_by.map(|id| name(accounts, id)),
                    submitted_by: o.submitted_by.map(|id| name(accounts, id)),
                    taken_by: o.taken_by.map(|id| name(accounts, id)),
                },
            );
        }
        Ok(out)
    }

    fn of(&self, id: Uuid) -> &OrderNames {
        static NONE: std::sync::OnceLock<OrderNames> = std::sync::OnceLock::new();
        self.names.get(&id).unwrap_or_else(|| NONE.get_or_init(OrderNames::default))
    }

    /// The creator's name: "Sesam" for an order Sesam made by itself.
    fn creator(&self, m: &order::Model) -> String {
        match m.created_by {
            Some(_) => self.of(m.id).created_by.clone().unwrap_or_default(),
            None => rules::SESAM.to_owned(),
        }
    }

    fn submitter(&self, m: &order::Model) -> Option<String> {
        m.submitted_by.map(|_| self.of(m.id).submitted_by.clone().unwrap_or_default())
    }

    fn taker(&self, m: &order::Model) -> Option<String> {
        m.taken_by.map(|_| self.of(m.id).taken_by.clone().unwrap_or_default())
    }

    fn detail(&self, m: order::Model) -> Result<OrderDto, ApiError> {
        let units = self.units.get(&m.id).cloned().unwrap_or_default();
        let names = self.of(m.id);
        let (created_by_name, submitted_by_name, taken_by_name) =
            (self.creator(&m), self.submitter(&m), self.taker(&m));
        Ok(OrderDto {
            kind: kind_of(&m)?,
            status: status_of(&m)?,
            provider_name: names.provider.clone(),
            permission_name: names.permission.clone(),
            system_name: names.system.clone(),
            unit_ids: units.iter().map(|u| u.id).collect(),
            units,
            subject: SubjectDto {
                personal_number: crate::domain::PersonalNumber::from_stored(&m.personal_number)
                    .map(|p| p.formatted())
                    .unwrap_or_else(|| m.personal_number.clone()),
                first_name: m.first_name,
                last_name: m.last_name,
                email: m.email,
                phone: m.phone,
            },
            created_by_name,
            submitted_by_name,
            taken_by_name,
            id: m.id,
            reference: m.reference,
            provider_id: m.provider_id,
            permission_id: m.permission_id,
            system_id: m.system_id,
            lifecare_title: m.lifecare_title,
            profession: m.profession,
            expert_user: m.expert_user,
            valid_to: m.valid_to,
            comment: m.comment,
            created_by: m.created_by,
            created_at: m.created_at,
            updated_at: m.updated_at,
            submitted_by: m.submitted_by,
            submitted_at: m.submitted_at,
            taken_by: m.taken_by,
            taken_at: m.taken_at,
            completed_at: m.completed_at,
            account_name: m.account_name,
            reject_reason: m.reject_reason,
            return_question: m.return_question,
            version: m.version,
        })
    }

    fn item(&self, m: order::Model) -> Result<OrderListItem, ApiError> {
        let names = self.of(m.id);
        let (created_by_name, taken_by_name) = (self.creator(&m), self.taker(&m));
        Ok(OrderListItem {
            kind: kind_of(&m)?,
            status: status_of(&m)?,
            provider_name: names.provider.clone(),
            permission_name: names.permission.clone(),
            system_name: names.system.clone(),
            units: self.units.get(&m.id).cloned().unwrap_or_default(),
            subject: SubjectSummary {
                personal_number: crate::domain::mask_stored(&m.personal_number),
                first_name: m.first_name,
                last_name: m.last_name,
                email: m.email,
            },
            created_by_name,
            taken_by_name,
            id: m.id,
            reference: m.reference,
            provider_id: m.provider_id,
            permission_id: m.permission_id,
            system_id: m.system_id,
            expert_user: m.expert_user,
            valid_to: m.valid_to,
            created_by: m.created_by,
            created_at: m.created_at,
            updated_at: m.updated_at,
            submitted_at: m.submitted_at,
            taken_by: m.taken_by,
            version: m.version,
        })
    }
}

/// The detail of one order, as it is now (in `db`'s transaction, when it is one).
async fn render(db: &impl ConnectionTrait, id: Uuid) -> Result<OrderDto, ApiError> {
    let row = with_names(order::Entity::find_by_id(id), db.get_database_backend())
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (mut orders, names) = Names::load(db, vec![row]).await?;
    names.detail(orders.pop().ok_or(ApiError::NotFound)?)
}

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
    audit::record(db, Some(caller.id()), "order.read", "order", Some(id), Some(provider_id), None).await?;
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
    let rows = list_query(caller, filter, page)?.all(db).await?;
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
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let escaped: String = q
            .to_lowercase()
            .chars()
            .flat_map(|c| if matches!(c, '\\' | '%' | '_') { vec!['\\', c] } else { vec![c] })
            .collect();
        query = query.filter(order::Column::SearchText.like(LikeExpr::new(format!("%{escaped}%")).escape('\\')));
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
                    None => rules::SESAM.to_owned(),
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

// ---------------------------------------------------------------------------------------------
// The rules, fed with the facts from the database

/// Problems found while reading the body, restated where rule 2 has its own code: a
/// `permission_ids` field, or a list in `permission_id`, is `one_permission_per_order`.
fn refine_body_errors(raw: &Value, errors: FieldErrors) -> FieldErrors {
    let mut out = FieldErrors::new();
    for e in errors.into_vec() {
        let several = (e.field == "permission_ids" && e.code == Code::UnknownField)
            || (e.field == "permission_id" && raw.get("permission_id").is_some_and(Value::is_array));
        if several {
            out.push(FieldError::new(e.field, Code::OnePermissionPerOrder));
        } else {
            out.push(e);
        }
    }
    out
}

/// Loads what the rules need to know of the order's permission and units, and checks them all.
async fn check_rules(
    db: &impl ConnectionTrait,
    caller: &Caller,
    provider_id: Uuid,
    input: &OrderInput,
    errors: &mut FieldErrors,
) -> Result<Option<ValidOrder>, ApiError> {
    let permission = match input.permission_id {
        // The permission and its system in one query.
        Some(id) => match permission::Entity::find_by_id(id).find_also_related(system::Entity).one(db).await? {
            Some((p, Some(s))) => Some(PermissionFacts {
                active: p.active && s.active,
                system_id: s.id,
                required_fields: serde_json::from_value(s.required_fields).unwrap_or_default(),
                allowed_values: serde_json::from_value::<BTreeMap<String, Vec<String>>>(s.allowed_values)
                    .unwrap_or_default(),
            }),
            _ => None,
        },
        None => None,
    };
    let unit_ids = input.unit_ids.clone().unwrap_or_default();
    let units: HashMap<Uuid, UnitFacts> = if unit_ids.is_empty() {
        HashMap::new()
    } else {
        unit::Entity::find()
            .filter(unit::Column::Id.is_in(unit_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, UnitFacts { provider_id: u.provider_id, active: u.active }))
            .collect()
    };
    let facts = Facts {
        provider_id,
        permission: permission.as_ref(),
        units: &units,
        actor: Actor { personal_number: caller.account.personal_number.as_deref(), email: &caller.account.email },
        today: Utc::now().date_naive(),
    };
    Ok(rules::check_order(input, &facts, errors))
}

/// Rule 13: 409 when the person already has an open order at the provider for this permission and kind.
async fn check_no_open_duplicate(
    db: &impl ConnectionTrait,
    provider_id: Uuid,
    order: &ValidOrder,
    except: Option<Uuid>,
) -> Result<(), ApiError> {
    let mut query = order::Entity::find()
        .filter(order::Column::ProviderId.eq(provider_id))
        .filter(order::Column::PersonalNumber.eq(order.personal_number.as_str()))
        .filter(order::Column::PermissionId.eq(order.permission_id))
        .filter(order::Column::Kind.eq(order.kind.as_str()))
        .filter(order::Column::Status.is_in(OrderStatus::OPEN.map(OrderStatus::as_str)));
    if let Some(id) = except {
        query = query.filter(order::Column::Id.ne(id));
    }
    match query.one(db).await? {
        Some(existing) => Err(duplicate(Some(&existing.reference))),
        None => Ok(()),
    }
}

fn duplicate(reference: Option<&str>) -> ApiError {
    match reference {
        Some(r) => ApiError::conflict_in(
            Code::DuplicateOpenOrder,
            format!("Personen har redan en öppen beställning ({r}) av behörigheten hos utföraren."),
            format!("the person already has an open order ({r}) for this permission at this provider"),
        ),
        None => ApiError::conflict_in(
            Code::DuplicateOpenOrder,
            "Personen har redan en öppen beställning av behörigheten hos utföraren.",
            "the person already has an open order for this permission at this provider",
        ),
    }
}

/// A unique violation while writing an order can only be rule 13's index (references are unique
/// by construction): say so.
fn open_order_conflict(err: DbErr) -> ApiError {
    match crate::db::classify_db_error(err) {
        ApiError::Conflict(Code::AlreadyExists, _) => duplicate(None),
        other => other,
    }
}

/// The order's fields as stored, for merging a change into them.
fn input_of(m: &order::Model, unit_ids: Vec<Uuid>) -> OrderInput {
    OrderInput {
        kind: OrderKind::parse(&m.kind),
        permission_id: Some(m.permission_id),
        unit_ids: Some(unit_ids),
        first_name: Some(m.first_name.clone()),
        last_name: Some(m.last_name.clone()),
        personal_number: Some(m.personal_number.clone()),
        email: m.email.clone(),
        phone: m.phone.clone(),
        lifecare_title: m.lifecare_title.clone(),
        profession: m.profession.clone(),
        expert_user: m.expert_user,
        valid_to: m.valid_to.map(|d| d.format("%Y-%m-%d").to_string()),
        comment: m.comment.clone(),
    }
}

fn input_of_create(req: CreateOrder) -> OrderInput {
    let subject = req.subject.unwrap_or_default();
    OrderInput {
        kind: req.kind,
        permission_id: req.permission_id,
        unit_ids: req.unit_ids,
        first_name: subject.first_name,
        last_name: subject.last_name,
        personal_number: subject.personal_number,
        email: subject.email,
        phone: subject.phone,
        lifecare_title: req.lifecare_title,
        profession: req.profession,
        expert_user: req.expert_user.unwrap_or(false),
        valid_to: req.valid_to,
        comment: req.comment,
    }
}

/// Merges a change into an order: fields sent replace theirs; `null` clears.
fn merge(input: &mut OrderInput, change: UpdateOrder) {
    if let Some(kind) = change.kind {
        input.kind = Some(kind);
    }
    if let Some(v) = change.permission_id {
        input.permission_id = v;
    }
    if let Some(v) = change.unit_ids {
        input.unit_ids = v;
    }
    match change.subject {
        None => {}
        Some(None) => {
            input.first_name = None;
            input.last_name = None;
            input.personal_number = None;
            input.email = None;
            input.phone = None;
        }
        Some(Some(s)) => {
            let set = |target: &mut Option<String>, v: Option<Option<String>>| {
                if let Some(v) = v {
                    *target = v;
                }
            };
            set(&mut input.first_name, s.first_name);
            set(&mut input.last_name, s.last_name);
            set(&mut input.personal_number, s.personal_number);
            set(&mut input.email, s.email);
            set(&mut input.phone, s.phone);
        }
    }
    for (target, v) in [
        (&mut input.lifecare_title, change.lifecare_title),
        (&mut input.profession, change.profession),
        (&mut input.valid_to, change.valid_to),
        (&mut input.comment, change.comment),
    ] {
        if let Some(v) = v {
            *target = v;
        }
    }
    if let Some(v) = change.expert_user {
        input.expert_user = v.unwrap_or(false);
    }
}

async fn unit_ids_of(db: &impl ConnectionTrait, order_id: Uuid) -> Result<Vec<Uuid>, ApiError> {
    Ok(order_unit::Entity::find()
        .select_only()
        .column(order_unit::Column::UnitId)
        .filter(order_unit::Column::OrderId.eq(order_id))
        .into_tuple()
        .all(db)
        .await?)
}

// ---------------------------------------------------------------------------------------------
// Writing

/// The next reference number of the year for a new order, taken before the transaction that
/// saves it.
///
/// On PostgreSQL the number is handed out in a short transaction of its own, so that the counter
/// row is locked for one statement rather than for the whole saving transaction: orders saved at
/// the same time (on any replica) do not queue behind each other's commits. That transaction does
/// not wait for the disk (`synchronous_commit = off`): the order that uses the number commits after
/// it, and that commit's flush writes the counter's change too, so no saved order can carry a number
/// the counter has lost. A save that fails after this leaves a gap in the year's numbers; a number
/// is never handed out twice. On SQLite (one connection) it is the counter's upsert, on its own.
async fn take_reference(db: &DatabaseConnection, year: i32) -> Result<String, ApiError> {
    if !crate::db::is_postgres(db) {
        return next_reference(db, year).await;
    }
    let txn = db.begin().await?;
    txn.execute_unprepared("SET LOCAL synchronous_commit = off").await?;
    let reference = next_reference(&txn, year).await?;
    txn.commit().await?;
    Ok(reference)
}

/// The next reference number of the year, handed out under the counter row's lock (held until
/// `db`'s transaction ends).
async fn next_reference(db: &impl ConnectionTrait, year: i32) -> Result<String, ApiError> {
    #[derive(sea_orm::DeriveIden)]
    enum OrderReferenceCounters {
        Table,
        Year,
        LastNumber,
    }
    let stmt = Query::insert()
        .into_table(OrderReferenceCounters::Table)
        .columns([OrderReferenceCounters::Year, OrderReferenceCounters::LastNumber])
        .values_panic([year.into(), 1i64.into()])
        .on_conflict(
            OnConflict::column(OrderReferenceCounters::Year)
                .value(
                    OrderReferenceCounters::LastNumber,
                    Expr::col((OrderReferenceCounters::Table, OrderReferenceCounters::LastNumber)).add(1),
                )
                .to_owned(),
        )
        .returning_col(OrderReferenceCounters::LastNumber)
        .to_owned();
    let row = db.query_one(&stmt).await?.ok_or_else(|| ApiError::internal("the reference counter answered nothing"))?;
    let number: i64 = row.try_get("", "last_number")?;
    Ok(rules::reference(year, number))
}

/// Writes one history row.
async fn record_history(
    db: &impl ConnectionTrait,
    order_id: Uuid,
    actor: Option<Uuid>,
    action: HistoryAction,
    from: Option<OrderStatus>,
    to: OrderStatus,
    note: Option<String>,
) -> Result<(), ApiError> {
    order_history::ActiveModel {
        id: Set(Uuid::now_v7()),
        order_id: Set(order_id),
        at: Set(Utc::now()),
        actor_id: Set(actor),
        action: Set(action.as_str().to_owned()),
        from_status: Set(from.map(|s| s.as_str().to_owned())),
        to_status: Set(to.as_str().to_owned()),
        note: Set(note),
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn write_units(db: &impl ConnectionTrait, order_id: Uuid, unit_ids: &[Uuid]) -> Result<(), ApiError> {
    order_unit::Entity::delete_many().filter(order_unit::Column::OrderId.eq(order_id)).exec(db).await?;
    insert_units(db, order_id, unit_ids).await
}

/// The units of a new order (which has none yet).
async fn insert_units(db: &impl ConnectionTrait, order_id: Uuid, unit_ids: &[Uuid]) -> Result<(), ApiError> {
    if !unit_ids.is_empty() {
        order_unit::Entity::insert_many(
            unit_ids.iter().map(|u| order_unit::ActiveModel { order_id: Set(order_id), unit_id: Set(*u) }),
        )
        .exec(db)
        .await?;
    }
    Ok(())
}

/// Inserts a new draft with its units, history row and audit row.
async fn insert_draft(
    db: &impl ConnectionTrait,
    caller: &Caller,
    provider_id: Uuid,
    valid: ValidOrder,
    note: Option<String>,
    reference: String,
) -> Result<order::Model, ApiError> {
    let now = Utc::now();
    let model = order::ActiveModel {
        id: Set(Uuid::now_v7()),
        search_text: Set(rules::search_text(&valid.first_name, &valid.last_name, valid.email.as_deref(), &reference)),
        reference: Set(reference),
        kind: Set(valid.kind.as_str().to_owned()),
        status: Set(OrderStatus::Draft.as_str().to_owned()),
        provider_id: Set(provider_id),
        permission_id: Set(valid.permission_id),
        system_id: Set(valid.system_id),
        first_name: Set(valid.first_name),
        last_name: Set(valid.last_name),
        personal_number: Set(valid.personal_number.as_str().to_owned()),
        email: Set(valid.email),
        phone: Set(valid.phone),
        lifecare_title: Set(valid.lifecare_title),
        profession: Set(valid.profession),
        expert_user: Set(valid.expert_user),
        valid_to: Set(valid.valid_to),
        comment: Set(valid.comment),
        created_by: Set(Some(caller.id())),
        created_at: Set(now),
        updated_at: Set(now),
        submitted_by: Set(None),
        submitted_at: Set(None),
        taken_by: Set(None),
        taken_at: Set(None),
        completed_by: Set(None),
        completed_at: Set(None),
        account_name: Set(None),
        reject_reason: Set(None),
        return_question: Set(None),
        version: Set(1),
    }
    .insert(db)
    .await
    .map_err(open_order_conflict)?;
    insert_units(db, model.id, &valid.unit_ids).await?;
    record_history(db, model.id, Some(caller.id()), HistoryAction::Created, None, OrderStatus::Draft, note).await?;
    audit::record(
        db,
        Some(caller.id()),
        "order.created",
        "order",
        Some(model.id),
        Some(provider_id),
        Some(serde_json::json!({"reference": model.reference, "kind": model.kind})),
    )
    .await?;
    Ok(model)
}

/// The person's open order (draft, submitted or in progress) of this kind for the permission at
/// the provider, if there is one (rule 13 allows one at most).
pub async fn open_order_of(
    db: &impl ConnectionTrait,
    provider_id: Uuid,
    personal_number: &str,
    permission_id: Uuid,
    kind: OrderKind,
) -> Result<Option<order::Model>, ApiError> {
    Ok(order::Entity::find()
        .filter(order::Column::ProviderId.eq(provider_id))
        .filter(order::Column::PersonalNumber.eq(personal_number))
        .filter(order::Column::PermissionId.eq(permission_id))
        .filter(order::Column::Kind.eq(kind.as_str()))
        .filter(order::Column::Status.is_in(OrderStatus::OPEN.map(OrderStatus::as_str)))
        .one(db)
        .await?)
}

/// A revoke order to make and send to IT at once: everything a holding knows of the permission
/// and the person (see `holdings`).
#[derive(Clone, Debug)]
pub struct SentRevoke {
    pub provider_id: Uuid,
    pub permission_id: Uuid,
    pub system_id: Uuid,
    /// The units to remove the permission from; at least one.
    pub unit_ids: Vec<Uuid>,
    pub first_name: String,
    pub last_name: String,
    /// Twelve digits.
    pub personal_number: String,
    pub email: Option<String>,
    pub comment: Option<String>,
}

/// Makes a revoke order that is sent to IT at once (`submitted`), with its history (created, then
/// submitted), audit rows and the email to IT's mailbox, on the caller's transaction.
///
/// `by` is the orderer who asks for it (the holdings' revoke-all), or `None` when Sesam does it by
/// itself for a passed end date: then the order has no creator and no sender, and its history no
/// actor. The rules of a hand-made order are the caller's to check (the self-order rule for an
/// orderer); the permission may since have been retired from the catalogue, which does not stop a
/// revoke. 409 `duplicate_open_order` when the person already has an open revoke order for it.
pub async fn create_sent_revoke(
    db: &impl ConnectionTrait,
    by: Option<Uuid>,
    revoke: SentRevoke,
    note: Option<String>,
    it_email: Option<&str>,
) -> Result<OrderDto, ApiError> {
    if let Some(existing) =
        open_order_of(db, revoke.provider_id, &revoke.personal_number, revoke.permission_id, OrderKind::Revoke).await?
    {
        return Err(duplicate(Some(&existing.reference)));
    }
    let now = Utc::now();
    let reference = next_reference(db, now.year()).await?;
    let model = order::ActiveModel {
        id: Set(Uuid::now_v7()),
        search_text: Set(rules::search_text(
            &revoke.first_name,
            &revoke.last_name,
            revoke.email.as_deref(),
            &reference,
        )),
        reference: Set(reference),
        kind: Set(OrderKind::Revoke.as_str().to_owned()),
        status: Set(OrderStatus::Submitted.as_str().to_owned()),
        provider_id: Set(revoke.provider_id),
        permission_id: Set(revoke.permission_id),
        system_id: Set(revoke.system_id),
        first_name: Set(revoke.first_name),
        last_name: Set(revoke.last_name),
        personal_number: Set(revoke.personal_number),
        email: Set(revoke.email),
        phone: Set(None),
        lifecare_title: Set(None),
        profession: Set(None),
        expert_user: Set(false),
        valid_to: Set(None),
        comment: Set(revoke.comment),
        created_by: Set(by),
        created_at: Set(now),
        updated_at: Set(now),
        submitted_by: Set(by),
        submitted_at: Set(Some(now)),
        taken_by: Set(None),
        taken_at: Set(None),
        completed_by: Set(None),
        completed_at: Set(None),
        account_name: Set(None),
        reject_reason: Set(None),
        return_question: Set(None),
        version: Set(1),
    }
    .insert(db)
    .await
    .map_err(open_order_conflict)?;
    insert_units(db, model.id, &revoke.unit_ids).await?;
    record_history(db, model.id, by, HistoryAction::Created, None, OrderStatus::Draft, note).await?;
    record_history(db, model.id, by, HistoryAction::Submitted, Some(OrderStatus::Draft), OrderStatus::Submitted, None)
        .await?;
    for action in ["order.created", "order.submitted"] {
        audit::record(
            db,
            by,
            action,
            "order",
            Some(model.id),
            Some(model.provider_id),
            Some(serde_json::json!({"reference": model.reference, "kind": model.kind})),
        )
        .await?;
    }
    let dto = render(db, model.id).await?;
    tell_it(db, it_email, &dto).await?;
    Ok(dto)
}

/// What creating an order answered: a new order, or the stored answer to an earlier request with
/// the same `Idempotency-Key`.
pub enum Created {
    New(Box<OrderDto>),
    Replay { status: u16, body: String, version: Option<i32> },
}

/// The SHA-256 of a JSON body with its object keys sorted, so that key order does not matter.
fn body_hash(raw: &Value) -> String {
    fn canonical(v: &Value) -> Value {
        match v {
            Value::Object(map) => {
                let sorted: BTreeMap<&String, Value> = map.iter().map(|(k, v)| (k, canonical(v))).collect();
                Value::Object(sorted.into_iter().map(|(k, v)| (k.clone(), v)).collect())
            }
            Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
            other => other.clone(),
        }
    }
    let text = serde_json::to_string(&canonical(raw)).unwrap_or_default();
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The stored answer for a key, or 422 when the key came with another body.
fn replay(stored: idempotency_key::Model, hash: &str) -> Result<Created, ApiError> {
    if stored.request_hash != hash {
        return Err(ApiError::Validation(vec![FieldError::new("", Code::IdempotencyKeyReused)]));
    }
    let version = serde_json::from_str::<Value>(&stored.response_body)
        .ok()
        .and_then(|v| v.get("version").and_then(Value::as_i64))
        .and_then(|v| i32::try_from(v).ok());
    Ok(Created::Replay { status: stored.status_code as u16, body: stored.response_body, version })
}

/// Forgets the `Idempotency-Key`s older than the retention (the periodic job calls this); answers
/// how many went.
pub async fn forget_old_idempotency_keys(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<Utc>,
) -> Result<u64, ApiError> {
    let before = now - chrono::Duration::days(IDEMPOTENCY_KEY_RETENTION_DAYS);
    let result =
        idempotency_key::Entity::delete_many().filter(idempotency_key::Column::CreatedAt.lt(before)).exec(db).await?;
    Ok(result.rows_affected)
}

async fn stored_key(
    db: &impl ConnectionTrait,
    caller: &Caller,
    key: &str,
) -> Result<Option<idempotency_key::Model>, ApiError> {
    stored_key_in(db, caller, CREATE_SCOPE, key).await
}

async fn stored_key_in(
    db: &impl ConnectionTrait,
    caller: &Caller,
    scope: &str,
    key: &str,
) -> Result<Option<idempotency_key::Model>, ApiError> {
    Ok(idempotency_key::Entity::find()
        .filter(idempotency_key::Column::AccountId.eq(caller.id()))
        .filter(idempotency_key::Column::Scope.eq(scope))
        .filter(idempotency_key::Column::Key.eq(key))
        .one(db)
        .await?)
}

/// The 403 for a caller who may not order at all: IT and support are `forbidden`, everyone else
/// lacks an ordering right.
fn cannot_order(caller: &Caller) -> ApiError {
    if caller.is_it() || caller.is_admin() {
        ApiError::Forbidden(Code::Forbidden)
    } else {
        ApiError::Forbidden(Code::NoOrderingRight)
    }
}

/// Saves a new draft (orderers). With an `Idempotency-Key`, a replay by the same account answers as
/// the first time did, and the same key with another body is 422 `idempotency_key_reused`.
pub async fn create(
    db: &DatabaseConnection,
    caller: &Caller,
    raw: &Value,
    req: CreateOrder,
    errors: FieldErrors,
    idempotency_key: Option<&str>,
) -> Result<Created, ApiError> {
    if !caller.is_orderer() {
        return Err(cannot_order(caller));
    }
    let hash = body_hash(raw);
    if let Some(key) = idempotency_key
        && let Some(stored) = stored_key(db, caller, key).await?
    {
        return replay(stored, &hash);
    }
    let mut errors = refine_body_errors(raw, errors);
    let provider_id = match req.provider_id {
        Some(p) if caller.is_orderer_of(p) => Some(p),
        Some(_) => return Err(ApiError::Forbidden(Code::NoOrderingRight)),
        None if errors.has_error_at("provider_id") => None,
        None if caller.ordering_rights.len() == 1 => Some(caller.ordering_rights[0].provider_id),
        None => {
            errors.push(FieldError::new("provider_id", Code::Required).with_message(
                "Välj utförare: du har beställningsrätt för flera.",
                "Choose the provider: you hold ordering rights for several.",
            ));
            None
        }
    };
    let input = input_of_create(req);
    let valid = match provider_id {
        Some(p) => check_rules(db, caller, p, &input, &mut errors).await?,
        None => None,
    };
    errors.finish()?;
    let (Some(provider_id), Some(valid)) = (provider_id, valid) else {
        return Err(ApiError::internal("a valid order without its provider"));
    };
    // Rule 13 before a reference is taken (a refused order leaves no gap in the numbers); a race
    // with another saving transaction is still caught by the unique index on open orders.
    if let Err(duplicate) = check_no_open_duplicate(db, provider_id, &valid, None).await {
        // It may be this very request's order, saved by a replay that ran at the same time.
        if let Some(key) = idempotency_key
            && let Some(stored) = stored_key(db, caller, key).await?
        {
            return replay(stored, &hash);
        }
        return Err(duplicate);
    }
    let reference = take_reference(db, Utc::now().year()).await?;

    let txn = db.begin().await?;
    if let Some(key) = idempotency_key {
        // First in the transaction: a concurrent replay waits here for this one to end, then finds its answer.
        let inserted = idempotency_key::ActiveModel {
            id: Set(Uuid::now_v7()),
            account_id: Set(caller.id()),
            scope: Set(CREATE_SCOPE.to_owned()),
            key: Set(key.to_owned()),
            request_hash: Set(hash.clone()),
            status_code: Set(0),
            response_body: Set(String::new()),
            object_id: Set(None),
            created_at: Set(Utc::now()),
        }
        .insert(&txn)
        .await;
        if let Err(e) = inserted {
            if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
                txn.rollback().await?;
                let stored =
                    stored_key(db, caller, key).await?.ok_or_else(|| ApiError::internal("idempotency key vanished"))?;
                return replay(stored, &hash);
            }
            return Err(e.into());
        }
    }
    let model = insert_draft(&txn, caller, provider_id, valid, None, reference).await?;
    let dto = render(&txn, model.id).await?;
    if let Some(key) = idempotency_key {
        let body = serde_json::to_string(&dto).map_err(ApiError::internal)?;
        idempotency_key::Entity::update_many()
            .col_expr(idempotency_key::Column::StatusCode, Expr::value(201))
            .col_expr(idempotency_key::Column::ResponseBody, Expr::value(body))
            .col_expr(idempotency_key::Column::ObjectId, Expr::value(dto.id))
            .filter(idempotency_key::Column::AccountId.eq(caller.id()))
            .filter(idempotency_key::Column::Scope.eq(CREATE_SCOPE))
            .filter(idempotency_key::Column::Key.eq(key))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(Created::New(Box::new(dto)))
}

/// What to do with a batch's `Idempotency-Key` that is already stored.
enum BatchKey {
    /// Answer as the first time did.
    Replay(String),
    /// Run the batch (the key is ours now).
    Run,
}

/// A stored batch key: its answer (same body), 422 (another body), 409 (still under way), or the
/// key taken over when the batch that held it was abandoned.
async fn stored_batch_key(
    db: &DatabaseConnection,
    stored: idempotency_key::Model,
    hash: &str,
) -> Result<BatchKey, ApiError> {
    if stored.request_hash != hash {
        return Err(ApiError::Validation(vec![FieldError::new("", Code::IdempotencyKeyReused)]));
    }
    if stored.status_code != 0 {
        return Ok(BatchKey::Replay(stored.response_body));
    }
    let abandoned = stored.created_at < Utc::now() - chrono::Duration::minutes(BATCH_KEY_LEASE_MINUTES);
    if abandoned {
        let taken = idempotency_key::Entity::update_many()
            .col_expr(idempotency_key::Column::CreatedAt, Expr::value(Utc::now()))
            .filter(idempotency_key::Column::Id.eq(stored.id))
            .filter(idempotency_key::Column::StatusCode.eq(0))
            .filter(idempotency_key::Column::CreatedAt.eq(stored.created_at))
            .exec(db)
            .await?;
        if taken.rows_affected == 1 {
            return Ok(BatchKey::Run);
        }
    }
    Err(ApiError::conflict(Code::Conflict, "a batch with this Idempotency-Key is still being saved; retry shortly"))
}

/// Saves up to 100 orders at once (orderers), each on its own, in its own transaction: a refused
/// item does not stop the others. Answers the body of `200 {"items": [...]}`, one result per item
/// in order (see [`BatchItemResult`]), with problems in `lang`.
///
/// With an `Idempotency-Key` (per account, for the whole batch), a replay with the same body
/// answers exactly what the first request answered, and makes nothing; the same key with another
/// body is 422 `idempotency_key_reused`; while the first request is still under way, 409. A key
/// whose batch was abandoned mid-way (its process died) is taken over after ten minutes, and the
/// batch runs again: the items saved the first time then answer 409 `duplicate_open_order`.
pub async fn create_batch(
    db: &DatabaseConnection,
    caller: &Caller,
    raw: &Value,
    req: CreateOrderBatch,
    errors: FieldErrors,
    idempotency_key: Option<&str>,
    lang: crate::error::Lang,
) -> Result<String, ApiError> {
    if !caller.is_orderer() {
        return Err(cannot_order(caller));
    }
    let hash = body_hash(raw);
    let mut key_is_ours = false;
    if let Some(key) = idempotency_key
        && let Some(stored) = stored_key_in(db, caller, BATCH_SCOPE, key).await?
    {
        match stored_batch_key(db, stored, &hash).await? {
            BatchKey::Replay(body) => return Ok(body),
            BatchKey::Run => key_is_ours = true,
        }
    }
    let mut errors = errors;
    let items = errors.require("items", req.items);
    errors.finish()?;
    let items = items.unwrap_or_default();
    if let Some(key) = idempotency_key
        && !key_is_ours
    {
        // Claimed before any item is saved, and committed at once, so that a concurrent replay
        // finds it (and waits) instead of saving the batch a second time.
        let inserted = idempotency_key::ActiveModel {
            id: Set(Uuid::now_v7()),
            account_id: Set(caller.id()),
            scope: Set(BATCH_SCOPE.to_owned()),
            key: Set(key.to_owned()),
            request_hash: Set(hash.clone()),
            status_code: Set(0),
            response_body: Set(String::new()),
            object_id: Set(None),
            created_at: Set(Utc::now()),
        }
        .insert(db)
        .await;
        if let Err(e) = inserted {
            if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
                let stored = stored_key_in(db, caller, BATCH_SCOPE, key)
                    .await?
                    .ok_or_else(|| ApiError::internal("idempotency key vanished"))?;
                return match stored_batch_key(db, stored, &hash).await? {
                    BatchKey::Replay(body) => Ok(body),
                    BatchKey::Run => Err(ApiError::internal("a fresh batch key counted as abandoned")),
                };
            }
            return Err(e.into());
        }
    }
    let mut results = Vec::with_capacity(items.len());
    for item in items {
        let outcome = match crate::extract::parse_value::<CreateOrder>(item.clone()) {
            Ok((order, item_errors)) => create(db, caller, &item, order, item_errors, None).await,
            Err(e) => Err(e),
        };
        results.push(match outcome {
            Ok(Created::New(order)) => BatchItemResult { status: 201, order: Some(*order), problem: None },
            Ok(Created::Replay { .. }) => return Err(ApiError::internal("a batch item was a replay")),
            Err(e) => {
                if let ApiError::Internal(cause) | ApiError::Unavailable(cause) = &e {
                    log::error!("a batch item failed: {cause}");
                }
                let problem = e.problem(lang);
                BatchItemResult { status: problem.status, order: None, problem: Some(problem) }
            }
        });
    }
    let body = serde_json::to_string(&BatchAnswer { items: results }).map_err(ApiError::internal)?;
    if let Some(key) = idempotency_key {
        idempotency_key::Entity::update_many()
            .col_expr(idempotency_key::Column::StatusCode, Expr::value(200))
            .col_expr(idempotency_key::Column::ResponseBody, Expr::value(body.clone()))
            .filter(idempotency_key::Column::AccountId.eq(caller.id()))
            .filter(idempotency_key::Column::Scope.eq(BATCH_SCOPE))
            .filter(idempotency_key::Column::Key.eq(key))
            .exec(db)
            .await?;
    }
    Ok(body)
}

/// Changes a draft (orderers of its provider): a merge, re-checked by every rule.
pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    if_match: Option<&str>,
    raw: &Value,
    change: UpdateOrder,
    errors: FieldErrors,
) -> Result<OrderDto, ApiError> {
    let current = visible_order(db, caller, id).await?;
    require_party(caller, &current, Party::Orderer)?;
    check_if_match(if_match, current.version)?;
    let status = status_of(&current)?;
    if status != OrderStatus::Draft {
        return Err(invalid_transition("changed", status));
    }
    let mut errors = refine_body_errors(raw, errors);
    if change.provider_id.is_some_and(|p| p != current.provider_id) {
        errors.add("provider_id", Code::ProviderChangeForbidden);
    }
    let mut input = input_of(&current, unit_ids_of(db, id).await?);
    merge(&mut input, change);
    let valid = check_rules(db, caller, current.provider_id, &input, &mut errors).await?;
    errors.finish()?;
    let Some(valid) = valid else { return Err(ApiError::internal("no valid order and no errors")) };

    let txn = db.begin().await?;
    check_no_open_duplicate(&txn, current.provider_id, &valid, Some(id)).await?;
    let now = Utc::now();
    let values = order::ActiveModel {
        search_text: Set(rules::search_text(
            &valid.first_name,
            &valid.last_name,
            valid.email.as_deref(),
            &current.reference,
        )),
        kind: Set(valid.kind.as_str().to_owned()),
        permission_id: Set(valid.permission_id),
        system_id: Set(valid.system_id),
        first_name: Set(valid.first_name),
        last_name: Set(valid.last_name),
        personal_number: Set(valid.personal_number.as_str().to_owned()),
        email: Set(valid.email),
        phone: Set(valid.phone),
        lifecare_title: Set(valid.lifecare_title),
        profession: Set(valid.profession),
        expert_user: Set(valid.expert_user),
        valid_to: Set(valid.valid_to),
        comment: Set(valid.comment),
        updated_at: Set(now),
        ..Default::default()
    };
    let result = order::Entity::update_many()
        .set(values)
        .col_expr(order::Column::Version, Expr::col(order::Column::Version).add(1))
        .filter(order::Column::Id.eq(id))
        .filter(order::Column::Status.eq(OrderStatus::Draft.as_str()))
        .filter(order::Column::Version.eq(current.version))
        .exec(&txn)
        .await
        .map_err(open_order_conflict)?;
    if result.rows_affected == 0 {
        txn.rollback().await?;
        return Err(lost_race(db, id, if_match, "changed").await);
    }
    write_units(&txn, id, &valid.unit_ids).await?;
    audit::record(
        &txn,
        Some(caller.id()),
        "order.updated",
        "order",
        Some(id),
        Some(current.provider_id),
        Some(serde_json::json!({"reference": current.reference})),
    )
    .await?;
    let dto = render(&txn, id).await?;
    txn.commit().await?;
    Ok(dto)
}

/// Why a conditional write matched no row: the order is gone (404), its status no longer allows
/// the change (409), or it changed since the client read it (412 with `If-Match`, else 409).
async fn lost_race(db: &DatabaseConnection, id: Uuid, if_match: Option<&str>, what: &str) -> ApiError {
    match order::Entity::find_by_id(id).one(db).await {
        Ok(None) => ApiError::NotFound,
        Ok(Some(now)) => {
            if if_match.is_some() {
                return ApiError::PreconditionFailed;
            }
            match status_of(&now) {
                Ok(status) => invalid_transition(what, status),
                Err(e) => e,
            }
        }
        Err(e) => e.into(),
    }
}

/// Deletes a draft (orderers of its provider), with its units and history; the audit log keeps
/// its reference.
pub async fn delete(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    if_match: Option<&str>,
) -> Result<(), ApiError> {
    let current = visible_order(db, caller, id).await?;
    require_party(caller, &current, Party::Orderer)?;
    check_if_match(if_match, current.version)?;
    let status = status_of(&current)?;
    if status != OrderStatus::Draft {
        return Err(invalid_transition("deleted", status));
    }
    let txn = db.begin().await?;
    // Claim the row first (a conditional no-op update), so a concurrent change cannot slip in between.
    let claimed = order::Entity::update_many()
        .col_expr(order::Column::Version, Expr::col(order::Column::Version).add(1))
        .filter(order::Column::Id.eq(id))
        .filter(order::Column::Status.eq(OrderStatus::Draft.as_str()))
        .filter(order::Column::Version.eq(current.version))
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        txn.rollback().await?;
        return Err(lost_race(db, id, if_match, "deleted").await);
    }
    order_unit::Entity::delete_many().filter(order_unit::Column::OrderId.eq(id)).exec(&txn).await?;
    order_history::Entity::delete_many().filter(order_history::Column::OrderId.eq(id)).exec(&txn).await?;
    order::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        Some(caller.id()),
        "order.deleted",
        "order",
        Some(id),
        Some(current.provider_id),
        Some(serde_json::json!({"reference": current.reference, "kind": current.kind})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Copies a visible order into a new draft (orderers of its provider), with an optional change
/// merged in; the copy meets every rule, like any new order.
pub async fn copy(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    raw: &Value,
    change: UpdateOrder,
    errors: FieldErrors,
) -> Result<OrderDto, ApiError> {
    let source = visible_order(db, caller, id).await?;
    require_party(caller, &source, Party::Orderer)?;
    let mut errors = refine_body_errors(raw, errors);
    if change.provider_id.is_some_and(|p| p != source.provider_id) {
        errors.add("provider_id", Code::ProviderChangeForbidden);
    }
    let mut input = input_of(&source, unit_ids_of(db, id).await?);
    merge(&mut input, change);
    let valid = check_rules(db, caller, source.provider_id, &input, &mut errors).await?;
    errors.finish()?;
    let Some(valid) = valid else { return Err(ApiError::internal("no valid order and no errors")) };
    // As in `create`: rule 13 first, then the reference, then the transaction.
    check_no_open_duplicate(db, source.provider_id, &valid, None).await?;
    let reference = take_reference(db, Utc::now().year()).await?;
    let txn = db.begin().await?;
    let note = Some(format!("Kopia av {}", source.reference));
    let model = insert_draft(&txn, caller, source.provider_id, valid, note, reference).await?;
    let dto = render(&txn, model.id).await?;
    txn.commit().await?;
    Ok(dto)
}

/// The text a transition carries: its note (or reason, or question) and, on completion, the account name.
#[derive(Debug, Default)]
pub struct TransitionInput {
    pub text: Option<String>,
    pub account_name: Option<String>,
}

/// The field of a transition's text: `reason` (reject), `question` (return), else `note`.
fn text_field(t: Transition) -> &'static str {
    match t {
        Transition::Reject => "reason",
        Transition::Return => "question",
        _ => "note",
    }
}

fn past_tense(t: Transition) -> &'static str {
    match t {
        Transition::Submit => "submitted",
        Transition::Withdraw => "withdrawn",
        Transition::Take => "taken",
        Transition::Complete => "completed",
        Transition::Reject => "rejected",
        Transition::Return => "returned",
    }
}

/// Makes one step of the lifecycle. Orderers of the provider submit and withdraw; IT takes,
/// completes, rejects and returns. One conditional update decides who wins a race.
///
/// `it_email` is IT's mailbox (`SESAM_IT_EMAIL`): when set, each order sent to IT is announced there.
#[allow(clippy::too_many_arguments)]
pub async fn transition(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    t: Transition,
    if_match: Option<&str>,
    input: TransitionInput,
    errors: FieldErrors,
    it_email: Option<&str>,
) -> Result<OrderDto, ApiError> {
    let body_errors = errors.into_vec();
    for _ in 0..TRANSITION_ATTEMPTS {
        let current = visible_order(db, caller, id).await?;
        require_party(caller, &current, t.party())?;
        check_if_match(if_match, current.version)?;
        let from = status_of(&current)?;
        let Some(to) = t.apply(from) else { return Err(invalid_transition(past_tense(t), from)) };
        // Checked again in every round: a draft that lost a race was changed, and is sent as it is now.
        let mut errors = FieldErrors::new();
        body_errors.iter().cloned().for_each(|e| errors.push(e));
        let mandatory = matches!(t, Transition::Reject | Transition::Return);
        let text = rules::check_note(text_field(t), input.text.as_deref(), mandatory, &mut errors);
        let account_name = match t {
            Transition::Complete => rules::check_account_name(input.account_name.as_deref(), &mut errors),
            _ => None,
        };
        if t == Transition::Submit {
            // What is sent must still meet every rule, and not be for the one sending it.
            let stored = input_of(&current, unit_ids_of(db, id).await?);
            check_rules(db, caller, current.provider_id, &stored, &mut errors).await?;
        }
        errors.finish()?;

        let txn = db.begin().await?;
        let now = Utc::now();
        let mut update = order::Entity::update_many()
            .col_expr(order::Column::Status, Expr::value(to.as_str()))
            .col_expr(order::Column::UpdatedAt, Expr::value(now))
            .col_expr(order::Column::Version, Expr::col(order::Column::Version).add(1));
        let none: Option<Uuid> = None;
        let no_time: Option<chrono::DateTime<Utc>> = None;
        update = match t {
            Transition::Submit => update
                .col_expr(order::Column::SubmittedBy, Expr::value(caller.id()))
                .col_expr(order::Column::SubmittedAt, Expr::value(now)),
            Transition::Withdraw => update,
            Transition::Take => update
                .col_expr(order::Column::TakenBy, Expr::value(caller.id()))
                .col_expr(order::Column::TakenAt, Expr::value(now)),
            Transition::Complete => update
                .col_expr(order::Column::CompletedBy, Expr::value(caller.id()))
                .col_expr(order::Column::CompletedAt, Expr::value(now))
                .col_expr(order::Column::AccountName, Expr::value(account_name.clone())),
            Transition::Reject => update.col_expr(order::Column::RejectReason, Expr::value(text.clone())),
            Transition::Return => update
                .col_expr(order::Column::ReturnQuestion, Expr::value(text.clone()))
                .col_expr(order::Column::SubmittedBy, Expr::value(none))
                .col_expr(order::Column::SubmittedAt, Expr::value(no_time))
                .col_expr(order::Column::TakenBy, Expr::value(none))
                .col_expr(order::Column::TakenAt, Expr::value(no_time)),
        };
        let result = update
            .filter(order::Column::Id.eq(id))
            .filter(order::Column::Status.eq(from.as_str()))
            .filter(order::Column::Version.eq(current.version))
            .exec(&txn)
            .await?;
        if result.rows_affected == 0 {
            // Someone else changed the order first: look again (the next round answers 409 or 412).
            txn.rollback().await?;
            continue;
        }
        record_history(&txn, id, Some(caller.id()), t.action(), Some(from), to, text.clone()).await?;
        let dto = render(&txn, id).await?;
        tell_the_orderers(&txn, t, &current, &dto, text.as_deref()).await?;
        if t == Transition::Submit {
            tell_it(&txn, it_email, &dto).await?;
        }
        if t == Transition::Complete {
            on_order_completed(
                &txn,
                &CompletedOrder {
                    order_id: id,
                    provider_id: current.provider_id,
                    system_id: current.system_id,
                    is_grant: dto.kind == OrderKind::Grant,
                    expert_user: current.expert_user,
                    first_name: current.first_name.clone(),
                    last_name: current.last_name.clone(),
                    email: current.email.clone(),
                    personal_number: current.personal_number.clone(),
                    completed_by: caller.id(),
                },
            )
            .await?;
            crate::holdings::service::on_order_completed(&txn, &current, &dto.unit_ids, caller.id()).await?;
        }
        audit::record(
            &txn,
            Some(caller.id()),
            &format!("order.{}", t.action().as_str()),
            "order",
            Some(id),
            Some(current.provider_id),
            Some(serde_json::json!({"reference": current.reference, "from": from.as_str(), "to": to.as_str()})),
        )
        .await?;
        txn.commit().await?;
        return Ok(dto);
    }
    Err(ApiError::conflict(Code::Conflict, "the order kept changing while this change was made; try again"))
}

/// An order sent to IT is announced in IT's mailbox, when one is configured.
async fn tell_it(db: &impl ConnectionTrait, it_email: Option<&str>, order: &OrderDto) -> Result<(), ApiError> {
    let kind = match order.kind {
        OrderKind::Grant => "Beställning",
        OrderKind::Revoke => "Avbeställning",
    };
    let subject = format!("Ny beställning till IT: {} ({})", order.reference, order.provider_name);
    let body = format!(
        "{kind} {} från {}: {} i {} för {} {} ({}). Ta ärendet i Sesam under IT-kö.",
        order.reference,
        order.provider_name,
        order.permission_name,
        order.system_name,
        order.subject.first_name,
        order.subject.last_name,
        crate::domain::mask_stored(&order.subject.personal_number.replace('-', "")),
    );
    crate::outbox::enqueue_for_it(db, it_email, &subject, &body, Some(order.id)).await?;
    Ok(())
}

/// Completing, rejecting and returning tell the order's creator, and whoever sent it if that is
/// someone else, in the same transaction as the change; an order Sesam made and sent by itself
/// tells the provider's orderers.
async fn tell_the_orderers(
    db: &impl ConnectionTrait,
    t: Transition,
    before: &order::Model,
    order: &OrderDto,
    text: Option<&str>,
) -> Result<(), ApiError> {
    let person = format!("{} {}", order.subject.first_name, order.subject.last_name);
    let what = format!("{} i {}", order.permission_name, order.system_name);
    let reference = &order.reference;
    let (kind, title, mut body) = match t {
        Transition::Complete => {
            let mut body = match order.kind {
                OrderKind::Grant => format!("{person} har fått behörigheten {what} ({reference})."),
                OrderKind::Revoke => format!("Behörigheten {what} är borttagen för {person} ({reference})."),
            };
            if let Some(name) = &order.account_name {
                body.push_str(&format!(" Användarnamn: {name}."));
            }
            (NotificationKind::OrderCompleted, format!("Beställning {reference} är klar"), body)
        }
        Transition::Reject => (
            NotificationKind::OrderRejected,
            format!("Beställning {reference} har avvisats"),
            format!("IT har avvisat beställningen av {what} för {person}. Anledning: {}", text.unwrap_or("")),
        ),
        Transition::Return => (
            NotificationKind::OrderReturned,
            format!("Beställning {reference} har returnerats med en fråga"),
            format!(
                "IT har en fråga om beställningen av {what} för {person}: {} Beställningen ligger som utkast under \
                 Hantera dina beställningar.",
                text.unwrap_or("")
            ),
        ),
        _ => return Ok(()),
    };
    if t == Transition::Complete
        && let Some(note) = text
    {
        body.push_str(&format!(" Meddelande från IT: {note}"));
    }
    let mut recipients: Vec<Uuid> = [before.created_by, before.submitted_by].into_iter().flatten().collect();
    if recipients.is_empty() {
        // An order Sesam made and sent by itself: the provider's orderers are told.
        recipients = crate::ordering_rights::service::active_orderers(db, before.provider_id).await?;
    }
    notify(db, &recipients, &Notice { kind, order_id: Some(order.id), title, body }).await
}
