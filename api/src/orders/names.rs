//! The names an order's answer shows besides the order itself (provider, permission, system, the
//! accounts that created, sent and took it, the units), loaded with the orders.

use super::{
    access::{kind_of, status_of},
    dto::*,
};
use crate::{
    domain::{PersonalNumber, mask_stored, order::SESAM},
    entities::{account, order, order_unit, permission, provider, system, unit},
    error::ApiError,
    name_lookup::NameLookup,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationDef, RelationTrait as _, Select, SelectModel, Selector,
    sea_query::{Alias, Expr},
};
use serde_json::Value;
use std::collections::HashMap;
use uuid::Uuid;

// An order and the names its answer shows in one query, its units too on PostgreSQL (on
// SQLite the units of a whole page in a second query): an order or a page of them costs one query
// (two), whatever the page's size

/// An order with the names its answer shows (provider, permission, system, the accounts that
/// created, sent and took it), joined in the same query.
#[derive(Debug, FromQueryResult)]
pub(super) struct NamedOrder {
    #[sea_orm(nested)]
    pub(super) order: order::Model,
    provider_name: Option<String>,
    permission_name: Option<String>,
    system_name: Option<String>,
    created_by_name: Option<String>,
    submitted_by_name: Option<String>,
    taken_by_name: Option<String>,
    returned_by_name: Option<String>,
    /// PostgreSQL: the units as `[[id, name], …]`, by name; SQLite: null (read separately).
    units_json: Option<Value>,
}

/// The units of the order of the row, by name, as a JSON array of `[id, name]` pairs.
const UNITS_JSON_PG: &str = "(SELECT COALESCE(json_agg(json_build_array(u.id, u.name) ORDER BY u.name, u.id), \
    '[]'::json) FROM order_units ou JOIN units u ON u.id = ou.unit_id WHERE ou.order_id = \"orders\".\"id\")";

/// The orders of `query` with their names (see [`NamedOrder`]); the query's filters, order and
/// limit stay as they are, the joins are on primary keys.
pub(super) fn with_names(query: Select<order::Entity>, backend: DbBackend) -> Selector<SelectModel<NamedOrder>> {
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
    let returned = Alias::new("returned_by_account");
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
        .join_as(JoinType::LeftJoin, by(order::Column::ReturnedBy), returned.clone())
        .expr_as(Expr::col((provider::Entity, provider::Column::Name)), "provider_name")
        .expr_as(Expr::col((permission::Entity, permission::Column::Name)), "permission_name")
        .expr_as(Expr::col((system::Entity, system::Column::Name)), "system_name")
        .expr_as(Expr::col((created, account::Column::Name)), "created_by_name")
        .expr_as(Expr::col((submitted, account::Column::Name)), "submitted_by_name")
        .expr_as(Expr::col((taken, account::Column::Name)), "taken_by_name")
        .expr_as(Expr::col((returned, account::Column::Name)), "returned_by_name")
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
    returned_by: Option<String>,
}

/// Everything the answers of some orders name besides the orders themselves.
pub(super) struct Names {
    names: HashMap<Uuid, OrderNames>,
    units: HashMap<Uuid, Vec<UnitRef>>,
    /// The orders copies were made from, by id.
    sources: HashMap<Uuid, CopiedFrom>,
}

/// The orders that `orders` were copied from, by id: one query, none when no order is a copy.
async fn sources_of(
    db: &impl ConnectionTrait,
    orders: &[&order::Model],
) -> Result<HashMap<Uuid, CopiedFrom>, ApiError> {
    let mut ids: Vec<Uuid> = orders.iter().filter_map(|o| o.copied_from).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    ids.sort_unstable();
    ids.dedup();
    let rows = order::Entity::find().filter(order::Column::Id.is_in(ids)).all(db).await?;
    let mut out = HashMap::with_capacity(rows.len());
    for m in rows {
        let status = status_of(&m)?;
        out.insert(m.id, CopiedFrom { id: m.id, reference: m.reference, status, reason: m.reject_reason });
    }
    Ok(out)
}

impl Names {
    /// Splits the named rows into the orders, their names and units; on SQLite, loads the units in
    /// one query, whatever the number of orders.
    pub(super) async fn load(
        db: &impl ConnectionTrait,
        rows: Vec<NamedOrder>,
    ) -> Result<(Vec<order::Model>, Names), ApiError> {
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
                    returned_by: row.returned_by_name,
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
        let sources = sources_of(db, &orders.iter().collect::<Vec<_>>()).await?;
        Ok((orders, Names { names, units, sources }))
    }

    /// The names and units of a page of orders, in one query whatever the page's size
    /// ([`NameLookup`]), and the orders copies were made from.
    pub(super) async fn for_page(db: &impl ConnectionTrait, orders: &[order::Model]) -> Result<Names, ApiError> {
        let sources = sources_of(db, &orders.iter().collect::<Vec<_>>()).await?;
        let found = NameLookup::units_of(
            order_unit::Entity,
            order_unit::Column::OrderId,
            order_unit::Column::UnitId,
            orders.iter().map(|o| o.id),
        )
        .and("p", provider::Entity, orders.iter().map(|o| o.provider_id))
        .and("e", permission::Entity, orders.iter().map(|o| o.permission_id))
        .and("s", system::Entity, orders.iter().map(|o| o.system_id))
        .and(
            "a",
            account::Entity,
            orders.iter().flat_map(|o| [o.created_by, o.submitted_by, o.taken_by, o.returned_by]).flatten(),
        )
        .run(db)
        .await?;
        let mut names = HashMap::with_capacity(orders.len());
        for o in orders {
            names.insert(
                o.id,
                OrderNames {
                    provider: found.name("p", o.provider_id),
                    permission: found.name("e", o.permission_id),
                    system: found.name("s", o.system_id),
                    created_by: o.created_by.map(|id| found.name("a", id)),
                    submitted_by: o.submitted_by.map(|id| found.name("a", id)),
                    taken_by: o.taken_by.map(|id| found.name("a", id)),
                    returned_by: o.returned_by.map(|id| found.name("a", id)),
                },
            );
        }
        Ok(Names { names, units: found.units, sources })
    }

    fn of(&self, id: Uuid) -> &OrderNames {
        static NONE: std::sync::OnceLock<OrderNames> = std::sync::OnceLock::new();
        self.names.get(&id).unwrap_or_else(|| NONE.get_or_init(OrderNames::default))
    }

    /// The creator's name: "Sesam" for an order Sesam made by itself.
    fn creator(&self, m: &order::Model) -> String {
        match m.created_by {
            Some(_) => self.of(m.id).created_by.clone().unwrap_or_default(),
            None => SESAM.to_owned(),
        }
    }

    fn submitter(&self, m: &order::Model) -> Option<String> {
        m.submitted_by.map(|_| self.of(m.id).submitted_by.clone().unwrap_or_default())
    }

    fn taker(&self, m: &order::Model) -> Option<String> {
        m.taken_by.map(|_| self.of(m.id).taken_by.clone().unwrap_or_default())
    }

    /// IT's latest return with a question (orders returned before this was kept: as last changed).
    fn last_return(&self, m: &order::Model) -> Option<LastReturn> {
        let question = m.return_question.clone()?;
        Some(LastReturn {
            question,
            by_name: self.of(m.id).returned_by.clone().unwrap_or_default(),
            at: m.returned_at.unwrap_or(m.updated_at),
        })
    }

    fn copied_from(&self, m: &order::Model) -> Option<CopiedFrom> {
        m.copied_from.and_then(|id| self.sources.get(&id).cloned())
    }

    pub(super) fn detail(&self, m: order::Model) -> Result<OrderDto, ApiError> {
        let units = self.units.get(&m.id).cloned().unwrap_or_default();
        let names = self.of(m.id);
        let (created_by_name, submitted_by_name, taken_by_name) =
            (self.creator(&m), self.submitter(&m), self.taker(&m));
        let (last_return, copied_from) = (self.last_return(&m), self.copied_from(&m));
        Ok(OrderDto {
            kind: kind_of(&m)?,
            status: status_of(&m)?,
            provider_name: names.provider.clone(),
            permission_name: names.permission.clone(),
            system_name: names.system.clone(),
            unit_ids: units.iter().map(|u| u.id).collect(),
            units,
            subject: SubjectDto {
                personal_number: PersonalNumber::from_stored(&m.personal_number)
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
            justification: m.justification,
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
            last_return,
            copied_from,
            version: m.version,
        })
    }

    pub(super) fn item(&self, m: order::Model) -> Result<OrderListItem, ApiError> {
        let names = self.of(m.id);
        let (created_by_name, taken_by_name) = (self.creator(&m), self.taker(&m));
        let (last_return, copied_from) = (self.last_return(&m), self.copied_from(&m));
        Ok(OrderListItem {
            kind: kind_of(&m)?,
            status: status_of(&m)?,
            provider_name: names.provider.clone(),
            permission_name: names.permission.clone(),
            system_name: names.system.clone(),
            units: self.units.get(&m.id).cloned().unwrap_or_default(),
            subject: SubjectSummary {
                personal_number: mask_stored(&m.personal_number),
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
            lifecare_title: m.lifecare_title,
            profession: m.profession,
            comment: m.comment,
            last_return,
            copied_from,
            version: m.version,
        })
    }
}

/// The detail of one order, as it is now (in `db`'s transaction, when it is one).
pub(super) async fn render(db: &impl ConnectionTrait, id: Uuid) -> Result<OrderDto, ApiError> {
    let row = with_names(order::Entity::find_by_id(id), db.get_database_backend())
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (mut orders, names) = Names::load(db, vec![row]).await?;
    names.detail(orders.pop().ok_or(ApiError::NotFound)?)
}
