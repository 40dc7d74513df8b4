//! Search by an index (issue 20).
//!
//! The lists' free-text search is `search_text LIKE '%…%'` (names, email and, for orders, the
//! reference, lower-cased). Without an index that walks every row: 450,000 holdings per IT search at
//! a million orders. On PostgreSQL a trigram index (`pg_trgm`, GIN) answers it for three characters
//! or more. A whole personal number or reference is an equality lookup (`ix_orders_person`,
//! `ix_holdings_person`, `ux_orders_reference`), not a text search.
//!
//! `pg_trgm` ships with PostgreSQL (contrib) and is a trusted extension since PostgreSQL 13: the
//! database's owner may create it. Where that is refused, the migration warns and goes on without the
//! indexes (searches are then slower, never wrong). SQLite gets nothing: `LIKE '%…%'` cannot use an
//! index there, and the embedded database holds one municipality's test data.

use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The searched tables, each with its trigram index.
const INDEXES: [(&str, &str); 3] = [
    ("orders", "ix_orders_search_trgm"),
    ("holdings", "ix_holdings_search_trgm"),
    ("review_items", "ix_review_items_search_trgm"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm; \
             EXCEPTION WHEN insufficient_privilege OR undefined_file THEN \
             RAISE WARNING 'pg_trgm is not available (%): text searches will read every row', SQLERRM; END $$",
        )
        .await?;
        for (table, index) in INDEXES {
            db.execute_unprepared(&format!(
                "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN \
                 CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin (search_text gin_trgm_ops); END IF; END $$"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        for (_, index) in INDEXES {
            manager.get_connection().execute_unprepared(&format!("DROP INDEX IF EXISTS {index}")).await?;
        }
        Ok(())
    }
}
