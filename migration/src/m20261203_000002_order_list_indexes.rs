//! An index for an orderer's own orders (`GET /orders?mine=true`): the provider, the creator, then
//! the list's order. Without it, PostgreSQL's generic plan for the prepared list query (the one a
//! connection settles on after a few runs, made without the parameters' values) combined the
//! creator's and the provider's indexes and sorted what they found — fine for a small provider,
//! tens of milliseconds for a large one (EXPLAIN at a million orders in docs/performance.md). With
//! it, every plan is one ordered index scan that stops after a page.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Orders {
    Table,
    Id,
    ProviderId,
    CreatedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("ix_orders_provider_created_by")
                    .table(Orders::Table)
                    .col(Orders::ProviderId)
                    .col(Orders::CreatedBy)
                    .col(Orders::Id)
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("ix_orders_provider_created_by").table(Orders::Table).to_owned()).await
    }
}
