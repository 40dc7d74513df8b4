//! The work view's counts by an index, and statistics the planner can estimate a search with (issue 20).
//!
//! `ix_holdings_provider_valid_to` (both databases): every `GET /me/summary` counts a provider's
//! active holdings whose end date is near; without it that walks all of the provider's holdings (or
//! everyone's near end dates). `ix_orders_returned` (both databases): the same view counts the drafts
//! IT returned with a question; without it a provider's thousands of drafts are read to find the few.
//!
//! `search_text` statistics (PostgreSQL): the planner estimates `LIKE '%johansson%'` from the
//! column's histogram, 101 values by default. A surname on 1.8 % of a million orders then matched none
//! of them, the estimate fell to its floor (100 rows instead of 18,007) and IT's search sorted every
//! match (0.9 s) instead of stopping after a page in id order (1 ms). 1,000 values make a common
//! name visible; a rare one still estimates low, which is right.

use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables whose `search_text` is searched.
const SEARCHED: [&str; 3] = ["orders", "holdings", "review_items"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        // Partial indexes: the same words on both databases.
        db.execute_unprepared(
            "CREATE INDEX IF NOT EXISTS ix_holdings_provider_valid_to ON holdings (provider_id, valid_to) \
             WHERE ended_at IS NULL",
        )
        .await?;
        db.execute_unprepared(
            "CREATE INDEX IF NOT EXISTS ix_orders_returned ON orders (provider_id) \
             WHERE status = 'draft' AND return_question IS NOT NULL",
        )
        .await?;
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            for table in SEARCHED {
                db.execute_unprepared(&format!("ALTER TABLE {table} ALTER COLUMN search_text SET STATISTICS 1000"))
                    .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for index in ["ix_holdings_provider_valid_to", "ix_orders_returned"] {
            db.execute_unprepared(&format!("DROP INDEX IF EXISTS {index}")).await?;
        }
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            for table in SEARCHED {
                db.execute_unprepared(&format!("ALTER TABLE {table} ALTER COLUMN search_text SET STATISTICS -1"))
                    .await?;
            }
        }
        Ok(())
    }
}
