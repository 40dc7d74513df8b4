//! Database migrations for Sesam. They run unchanged on SQLite and PostgreSQL.
//! Each migration names its own tables and columns; none imports the API's entities.

pub use sea_orm_migration::prelude::*;

mod m20261128_000001_foundation;
mod m20261128_000002_notifications;
mod m20261128_000010_organisation;
mod m20261201_000001_orders;
mod m20261202_000001_orders_by_sesam;
mod m20261202_000002_holdings;
mod m20261202_000003_holding_units;
mod m20261203_000001_api_tokens;
mod m20261203_000002_order_list_indexes;
mod m20261206_000001_sessions_and_creators;
mod m20261207_000001_reviews;
mod m20261207_000002_accounts_sign_in;
mod m20261207_000003_webhooks;
mod m20261207_000004_work_view;
mod m20261208_000001_search_indexes;
mod m20261208_000002_work_view_indexes_and_search_statistics;

/// The ordered list of every migration.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_foundation::Migration),
            Box::new(m20261128_000002_notifications::Migration),
            Box::new(m20261128_000010_organisation::Migration),
            Box::new(m20261201_000001_orders::Migration),
            Box::new(m20261202_000001_orders_by_sesam::Migration),
            Box::new(m20261202_000002_holdings::Migration),
            Box::new(m20261202_000003_holding_units::Migration),
            Box::new(m20261203_000001_api_tokens::Migration),
            Box::new(m20261203_000002_order_list_indexes::Migration),
            Box::new(m20261206_000001_sessions_and_creators::Migration),
            Box::new(m20261207_000001_reviews::Migration),
            Box::new(m20261207_000004_work_view::Migration),
            Box::new(m20261207_000003_webhooks::Migration),
            Box::new(m20261207_000002_accounts_sign_in::Migration),
            Box::new(m20261208_000001_search_indexes::Migration),
            Box::new(m20261208_000002_work_view_indexes_and_search_statistics::Migration),
        ]
    }
}
