//! Sessions that end when an account changes, and who created each account.
//!
//! - `session_generation`: a per-account counter carried in every access token; bumping it ends
//!   every token issued before (deactivation, reactivation, a password change or reset, a change of
//!   roles or provider). It replaces `tokens_valid_after`, a time compared at one-second resolution,
//!   which let a token issued in the same second as a password change live on.
//! - `created_by`: the account that created it (rule 17: an orderer cannot grant an ordering right
//!   to an account they created), filled for existing accounts from the audit log's
//!   `account.created` rows. No foreign key: accounts are never deleted, and SQLite cannot add one
//!   to an existing table.
//! - Rights an account holds for a provider that is not its own (left behind when it was moved,
//!   before moving revoked them: the security review's F7) are revoked now, with no one as revoker.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    ProviderId,
    SessionGeneration,
    TokensValidAfter,
    CreatedBy,
}

#[derive(DeriveIden)]
enum OrderingRights {
    Table,
    AccountId,
    ProviderId,
    RevokedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .add_column(big_integer(Accounts::SessionGeneration).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table(Accounts::Table).add_column(uuid_null(Accounts::CreatedBy)).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(Accounts::Table).drop_column(Accounts::TokensValidAfter).to_owned())
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE accounts SET created_by = (SELECT a.actor_id FROM audit_log a \
                 WHERE a.action = 'account.created' AND a.object_id = accounts.id ORDER BY a.id LIMIT 1)",
            )
            .await?;
        let of_its_own_provider = Query::select()
            .expr(Expr::val(1))
            .from(Accounts::Table)
            .and_where(
                Expr::col((Accounts::Table, Accounts::Id)).equals((OrderingRights::Table, OrderingRights::AccountId)),
            )
            .and_where(
                Expr::col((Accounts::Table, Accounts::ProviderId))
                    .equals((OrderingRights::Table, OrderingRights::ProviderId)),
            )
            .to_owned();
        manager
            .exec_stmt(
                Query::update()
                    .table(OrderingRights::Table)
                    .value(OrderingRights::RevokedAt, chrono::Utc::now())
                    .and_where(Expr::col(OrderingRights::RevokedAt).is_null())
                    .and_where(Expr::exists(of_its_own_provider).not())
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .add_column(timestamp_with_time_zone(Accounts::TokensValidAfter).default(Expr::current_timestamp()))
                    .to_owned(),
            )
            .await?;
        for column in [Accounts::CreatedBy, Accounts::SessionGeneration] {
            manager.alter_table(Table::alter().table(Accounts::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
