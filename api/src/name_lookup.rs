//! The names a page of rows shows (its providers, permissions, systems, accounts) and each row's
//! units, in one query whatever the page's size: a `UNION ALL` of lookups by primary key. Orders
//! and holdings both read their pages' names this way (issue 20: fewer statements per page).
//!
//! Cheaper for the database than joining the names into the page's own query: a list's query has
//! a different plan for each filter and is planned on every run, and planning a seven-table join
//! costs more than running these lookups.

use crate::{entities::unit, error::ApiError, orders::dto::UnitRef};
use sea_orm::{
    ConnectionTrait,
    sea_query::{Alias, DynIden, Expr, ExprTrait, IntoIden, Order, Query, SelectStatement, UnionType},
};
use std::collections::HashMap;
use uuid::Uuid;

/// What to look up: the units of some rows through a join table, and named parts by id.
pub struct NameLookup {
    /// (join table, its column naming the row, its column naming the unit, the rows' ids)
    units: (DynIden, DynIden, DynIden, Vec<Uuid>),
    /// (a one-letter kind, the table with `id` and `name`, the ids)
    parts: Vec<(&'static str, DynIden, Vec<Uuid>)>,
}

/// The answer: each row's units by name, and each kind's names by id.
pub struct FoundNames {
    /// The units of each row, by name then id.
    pub units: HashMap<Uuid, Vec<UnitRef>>,
    by_kind: HashMap<&'static str, HashMap<Uuid, String>>,
}

impl NameLookup {
    /// The units of `rows` through `join_table` (`row_column` → the row, `unit_column` → the unit).
    pub fn units_of(
        join_table: impl IntoIden,
        row_column: impl IntoIden,
        unit_column: impl IntoIden,
        rows: impl IntoIterator<Item = Uuid>,
    ) -> NameLookup {
        let units = (join_table.into_iden(), row_column.into_iden(), unit_column.into_iden(), distinct(rows));
        NameLookup { units, parts: Vec::new() }
    }

    /// Also the names of `ids` in `table`, found later under `kind`.
    pub fn and(mut self, kind: &'static str, table: impl IntoIden, ids: impl IntoIterator<Item = Uuid>) -> Self {
        self.parts.push((kind, table.into_iden(), distinct(ids)));
        self
    }

    /// Runs the lookups as one query; no query when there are no rows.
    pub async fn run(self, db: &impl ConnectionTrait) -> Result<FoundNames, ApiError> {
        let mut found = FoundNames { units: HashMap::new(), by_kind: HashMap::new() };
        let (join_table, row_column, unit_column, rows) = self.units;
        if rows.is_empty() {
            return Ok(found);
        }
        // The units first: their `row_id` gives the other parts' NULLs its type (PostgreSQL).
        let mut query = Query::select()
            .expr_as(Expr::val("u"), Alias::new("kind"))
            .expr_as(Expr::col((join_table.clone(), row_column.clone())), Alias::new("row_id"))
            .expr_as(Expr::col((unit::Entity, unit::Column::Id)), Alias::new("id"))
            .expr_as(Expr::col((unit::Entity, unit::Column::Name)), Alias::new("name"))
            .from(join_table.clone())
            .inner_join(
                unit::Entity,
                Expr::col((unit::Entity, unit::Column::Id)).equals((join_table.clone(), unit_column)),
            )
            .and_where(Expr::col((join_table, row_column)).is_in(rows))
            .to_owned();
        let kinds: Vec<&'static str> = self.parts.iter().map(|(kind, _, _)| *kind).collect();
        for (kind, table, ids) in self.parts {
            query.union(UnionType::All, lookup(kind, table, ids));
        }
        // Units by name (the database's collation), then id.
        query
            .order_by(Alias::new("kind"), Order::Asc)
            .order_by(Alias::new("name"), Order::Asc)
            .order_by(Alias::new("id"), Order::Asc);
        for row in db.query_all(&query).await? {
            let kind: String = row.try_get("", "kind")?;
            let row_id: Option<Uuid> = row.try_get("", "row_id")?;
            let id: Uuid = row.try_get("", "id")?;
            let name: String = row.try_get("", "name")?;
            match (kind.as_str(), row_id) {
                ("u", Some(row_id)) => found.units.entry(row_id).or_default().push(UnitRef { id, name }),
                (other, _) => {
                    if let Some(kind) = kinds.iter().find(|k| **k == other) {
                        found.by_kind.entry(kind).or_default().insert(id, name);
                    }
                }
            }
        }
        Ok(found)
    }
}

impl FoundNames {
    /// The name of `id` among the `kind` looked up; empty when it is not there.
    pub fn name(&self, kind: &str, id: Uuid) -> String {
        self.by_kind.get(kind).and_then(|names| names.get(&id)).cloned().unwrap_or_default()
    }
}

/// `SELECT kind, NULL, id, name FROM table WHERE id IN (ids)`.
fn lookup(kind: &str, table: DynIden, ids: Vec<Uuid>) -> SelectStatement {
    Query::select()
        .expr_as(Expr::val(kind), Alias::new("kind"))
        .expr_as(Expr::cust("NULL"), Alias::new("row_id"))
        .expr_as(Expr::col((table.clone(), Alias::new("id"))), Alias::new("id"))
        .expr_as(Expr::col((table.clone(), Alias::new("name"))), Alias::new("name"))
        .from(table.clone())
        .and_where(Expr::col((table, Alias::new("id"))).is_in(ids))
        .to_owned()
}

fn distinct(ids: impl IntoIterator<Item = Uuid>) -> Vec<Uuid> {
    let mut v: Vec<Uuid> = ids.into_iter().collect();
    v.sort_unstable();
    v.dedup();
    v
}
