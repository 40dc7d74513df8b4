//! In-app notifications of each account.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    AccountId,
    Kind,
    OrderId,
    Title,
    Body,
    ReadAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(pk_uuid(Notifications::Id))
                    .col(uuid(Notifications::AccountId))
                    .col(string(Notifications::Kind))
                    // The order it is about; orders arrive in a later migration, so no foreign key.
                    .col(uuid_null(Notifications::OrderId))
                    .col(string(Notifications::Title))
                    .col(text(Notifications::Body))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notifications_account")
                            .from(Notifications::Table, Notifications::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_notifications_account")
                    .table(Notifications::Table)
                    .col(Notifications::AccountId)
                    .col(Notifications::Id)
                    .take(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Notifications::Table).take()).await
    }
}
