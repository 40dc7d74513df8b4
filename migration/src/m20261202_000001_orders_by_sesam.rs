//! Orders that no person made: when a holding's end date passes, Sesam creates and sends the
//! revoke order by itself. Such an order has no creator (`orders.created_by` is null), and the
//! steps Sesam takes in its history have no actor (`order_history.actor_id` is null); the API
//! shows both as "Sesam". The audit log already records such changes with a null actor.
//!
//! PostgreSQL drops the two `NOT NULL` constraints in place. SQLite cannot alter a column, so the
//! two tables are rebuilt the way SQLite documents it (create the new table, copy, drop, rename,
//! recreate the indexes) with foreign-key enforcement off for the duration, in one transaction,
//! and a `foreign_key_check` before committing. The schema that results is the same on both.

use sea_orm_migration::{
    prelude::*,
    sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, Statement, TransactionTrait},
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Orders {
    Table,
    CreatedBy,
}

#[derive(DeriveIden)]
enum OrderHistory {
    Table,
    ActorId,
}

/// The tables and columns this migration changes: (table, column).
const CHANGES: [(&str, &str); 2] = [("orders", "created_by"), ("order_history", "actor_id")];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// SQLite's rebuild manages its own transaction (foreign keys can only be switched off outside one).
    fn use_transaction(&self) -> Option<bool> {
        Some(false)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => sqlite_rebuild(manager, true).await,
            _ => {
                let db = manager.get_connection();
                let txn = db.begin().await?;
                let m = SchemaManager::new(&txn);
                m.alter_table(
                    Table::alter()
                        .table(Orders::Table)
                        .modify_column(ColumnDef::new(Orders::CreatedBy).uuid().null())
                        .take(),
                )
                .await?;
                m.alter_table(
                    Table::alter()
                        .table(OrderHistory::Table)
                        .modify_column(ColumnDef::new(OrderHistory::ActorId).uuid().null())
                        .take(),
                )
                .await?;
                txn.commit().await
            }
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => sqlite_rebuild(manager, false).await,
            _ => {
                let db = manager.get_connection();
                let txn = db.begin().await?;
                let m = SchemaManager::new(&txn);
                m.alter_table(
                    Table::alter()
                        .table(Orders::Table)
                        .modify_column(ColumnDef::new(Orders::CreatedBy).uuid().not_null())
                        .take(),
                )
                .await?;
                m.alter_table(
                    Table::alter()
                        .table(OrderHistory::Table)
                        .modify_column(ColumnDef::new(OrderHistory::ActorId).uuid().not_null())
                        .take(),
                )
                .await?;
                txn.commit().await
            }
        }
    }
}

/// Rebuilds each changed table with the column nullable (`up`) or not (`down`), keeping every
/// other column, constraint and index exactly as it is.
async fn sqlite_rebuild(manager: &SchemaManager<'_>, nullable: bool) -> Result<(), DbErr> {
    let db = manager.get_connection();
    // SQLite uses one connection in Sesam, so the pragma holds for the transaction below.
    db.execute_unprepared("PRAGMA foreign_keys = OFF").await?;
    let result = async {
        let txn = db.begin().await?;
        for (table, column) in CHANGES {
            let (from, to) = if nullable {
                (format!("\"{column}\" uuid_text NOT NULL"), format!("\"{column}\" uuid_text NULL"))
            } else {
                (format!("\"{column}\" uuid_text NULL"), format!("\"{column}\" uuid_text NOT NULL"))
            };
            let table_sql = schema_sql(&txn, "table", table).await?;
            let [create] = table_sql.as_slice() else {
                return Err(DbErr::Migration(format!("table {table} not found")));
            };
            if create.matches(&from).count() != 1 {
                return Err(DbErr::Migration(format!("{table}.{column} is not as expected: {create}")));
            }
            let rebuilt = format!("{table}_rebuilt");
            let create = create.replacen(&from, &to, 1).replacen(
                &format!("CREATE TABLE \"{table}\""),
                &format!("CREATE TABLE \"{rebuilt}\""),
                1,
            );
            let indexes = schema_sql(&txn, "index", table).await?;
            txn.execute_unprepared(&create).await?;
            txn.execute_unprepared(&format!("INSERT INTO \"{rebuilt}\" SELECT * FROM \"{table}\"")).await?;
            txn.execute_unprepared(&format!("DROP TABLE \"{table}\"")).await?;
            txn.execute_unprepared(&format!("ALTER TABLE \"{rebuilt}\" RENAME TO \"{table}\"")).await?;
            for index in indexes {
                txn.execute_unprepared(&index).await?;
            }
        }
        let broken =
            txn.query_all_raw(Statement::from_string(DatabaseBackend::Sqlite, "PRAGMA foreign_key_check")).await?;
        if !broken.is_empty() {
            return Err(DbErr::Migration(format!("{} rows break a foreign key after the rebuild", broken.len())));
        }
        txn.commit().await
    }
    .await;
    db.execute_unprepared("PRAGMA foreign_keys = ON").await?;
    result
}

/// The `CREATE` statements of a table (`kind` = `table`) or of its explicit indexes (`index`).
async fn schema_sql(db: &impl ConnectionTrait, kind: &str, table: &str) -> Result<Vec<String>, DbErr> {
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            DatabaseBackend::Sqlite,
            "SELECT sql FROM sqlite_master WHERE type = ? AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
            [kind.into(), table.into()],
        ))
        .await?;
    rows.iter().map(|r| r.try_get::<String>("", "sql")).collect()
}
