//! Accounts and sign-in (rules 16, 19, 20).
//!
//! - `account_links`: one-time links and codes of an account — an activation link (rule 16), a
//!   password-reset link, or the one-time code the OpenID Connect callback hands the SPA (rule 20).
//!   Only a SHA-256 of each token is kept; a link dies when used (`used_at`) or expired.
//! - `oidc_logins`: a sign-in under way at the identity provider: its `state` (hashed), `nonce` and
//!   PKCE verifier, so that whichever replica receives the callback can finish it; deleted when used.
//! - `accounts.last_seen_at` (rule 19: written at most once a day per account),
//!   `dormant_notice_at` (when the notice of a coming deactivation went out), and
//!   `personal_number_verified` (the identity provider vouched for the number: rule 20).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    LastSeenAt,
    DormantNoticeAt,
    PersonalNumberVerified,
}

#[derive(DeriveIden)]
enum AccountLinks {
    Table,
    Id,
    AccountId,
    /// `activation`, `reset` or `oidc_code`.
    Purpose,
    /// Hex SHA-256 of the token.
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum OidcLogins {
    Table,
    Id,
    /// Hex SHA-256 of the `state` parameter.
    StateHash,
    Nonce,
    PkceVerifier,
    CreatedAt,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for column in [
            timestamp_with_time_zone_null(Accounts::LastSeenAt),
            timestamp_with_time_zone_null(Accounts::DormantNoticeAt),
            boolean(Accounts::PersonalNumberVerified).default(false).take(),
        ] {
            manager.alter_table(Table::alter().table(Accounts::Table).add_column(column).to_owned()).await?;
        }
        // Nobody knows when existing accounts were last used: their dormancy counts from now, so
        // that the first run of the job does not deactivate accounts in daily use.
        manager.get_connection().execute_unprepared("UPDATE accounts SET last_seen_at = CURRENT_TIMESTAMP").await?;
        manager
            .create_table(
                Table::create()
                    .table(AccountLinks::Table)
                    .col(pk_uuid(AccountLinks::Id))
                    .col(uuid(AccountLinks::AccountId))
                    .col(string_len(AccountLinks::Purpose, 20))
                    .col(string_len_uniq(AccountLinks::TokenHash, 64))
                    .col(timestamp_with_time_zone(AccountLinks::CreatedAt))
                    .col(timestamp_with_time_zone(AccountLinks::ExpiresAt))
                    .col(timestamp_with_time_zone_null(AccountLinks::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_account_links_account")
                            .from(AccountLinks::Table, AccountLinks::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Restrict)
                            .on_update(ForeignKeyAction::Restrict),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_account_links_account")
                    .table(AccountLinks::Table)
                    .col(AccountLinks::AccountId)
                    .col(AccountLinks::Purpose)
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OidcLogins::Table)
                    .col(pk_uuid(OidcLogins::Id))
                    .col(string_len_uniq(OidcLogins::StateHash, 64))
                    .col(string_len(OidcLogins::Nonce, 128))
                    .col(string_len(OidcLogins::PkceVerifier, 128))
                    .col(timestamp_with_time_zone(OidcLogins::CreatedAt))
                    .col(timestamp_with_time_zone(OidcLogins::ExpiresAt))
                    .take(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OidcLogins::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(AccountLinks::Table).to_owned()).await?;
        for column in [Accounts::PersonalNumberVerified, Accounts::DormantNoticeAt, Accounts::LastSeenAt] {
            manager.alter_table(Table::alter().table(Accounts::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
