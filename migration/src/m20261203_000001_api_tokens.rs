//! API tokens for integration scripts: long-lived, named, revocable bearer tokens of one account.
//! Only a SHA-256 hash of each token is stored; the token itself is shown once, when it is made.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    AccountId,
    Name,
    /// Hex SHA-256 of the whole token (`sesam_pat_…`).
    TokenHash,
    /// The token's first characters after the prefix, to tell tokens apart in lists.
    Hint,
    CreatedAt,
    CreatedBy,
    ExpiresAt,
    LastUsedAt,
    RevokedAt,
    RevokedBy,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

fn fk(name: &str, column: ApiTokens) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(ApiTokens::Table, column)
        .to(Accounts::Table, Accounts::Id)
        .on_delete(ForeignKeyAction::Restrict)
        .on_update(ForeignKeyAction::Restrict)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ApiTokens::Table)
                    .col(pk_uuid(ApiTokens::Id))
                    .col(uuid(ApiTokens::AccountId))
                    .col(string_len(ApiTokens::Name, 100))
                    .col(string_len_uniq(ApiTokens::TokenHash, 64))
                    .col(string_len(ApiTokens::Hint, 32))
                    .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                    .col(uuid_null(ApiTokens::CreatedBy))
                    .col(timestamp_with_time_zone_null(ApiTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                    .col(uuid_null(ApiTokens::RevokedBy))
                    .foreign_key(&mut fk("fk_api_tokens_account", ApiTokens::AccountId))
                    .foreign_key(&mut fk("fk_api_tokens_created_by", ApiTokens::CreatedBy))
                    .foreign_key(&mut fk("fk_api_tokens_revoked_by", ApiTokens::RevokedBy))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_api_tokens_account")
                    .table(ApiTokens::Table)
                    .col(ApiTokens::AccountId)
                    .col(ApiTokens::Id)
                    .take(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ApiTokens::Table).take()).await
    }
}
