//! The organisation around ordering: requests for ordering rights, expert-user registrations,
//! and the outbox of emails (written in the same transaction as their cause, sent later).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrderingRightRequests {
    Table,
    Id,
    ProviderId,
    AccountId,
    Message,
    /// `pending`, `granted` or `declined`.
    Status,
    CreatedAt,
    DecidedAt,
    DecidedBy,
    DeclineReason,
    OrderingRightId,
}

#[derive(DeriveIden)]
enum ExpertUsers {
    Table,
    Id,
    ProviderId,
    SystemId,
    FirstName,
    LastName,
    /// Lower-cased.
    Email,
    /// Twelve digits, when known.
    PersonalNumber,
    /// The completed grant order that registered the person; orders live in another migration,
    /// so there is no foreign key.
    SourceOrderId,
    RegisteredBy,
    RegisteredAt,
    EndedAt,
    EndedBy,
    /// The completed revoke order that ended the registration, if one did.
    EndOrderId,
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    Id,
    Kind,
    Recipient,
    Subject,
    Body,
    OrderId,
    CreatedAt,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    LockedBy,
    SentAt,
    FailedAt,
    LastError,
}

#[derive(DeriveIden)]
enum Providers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Systems {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum OrderingRights {
    Table,
    Id,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
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
                    .table(OrderingRightRequests::Table)
                    .col(pk_uuid(OrderingRightRequests::Id))
                    .col(uuid(OrderingRightRequests::ProviderId))
                    .col(uuid(OrderingRightRequests::AccountId))
                    .col(text_null(OrderingRightRequests::Message))
                    .col(string_len(OrderingRightRequests::Status, 16))
                    .col(timestamp_with_time_zone(OrderingRightRequests::CreatedAt))
                    .col(timestamp_with_time_zone_null(OrderingRightRequests::DecidedAt))
                    .col(uuid_null(OrderingRightRequests::DecidedBy))
                    .col(text_null(OrderingRightRequests::DeclineReason))
                    .col(uuid_null(OrderingRightRequests::OrderingRightId))
                    .foreign_key(&mut fk(
                        "fk_or_requests_provider",
                        (OrderingRightRequests::Table, OrderingRightRequests::ProviderId),
                        (Providers::Table, Providers::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_or_requests_account",
                        (OrderingRightRequests::Table, OrderingRightRequests::AccountId),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_or_requests_decided_by",
                        (OrderingRightRequests::Table, OrderingRightRequests::DecidedBy),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_or_requests_right",
                        (OrderingRightRequests::Table, OrderingRightRequests::OrderingRightId),
                        (OrderingRights::Table, OrderingRights::Id),
                    ))
                    .take(),
            )
            .await?;
        // One open request per account and provider; decided ones stay as history.
        manager
            .create_index(
                Index::create()
                    .name("ux_or_requests_pending")
                    .table(OrderingRightRequests::Table)
                    .col(OrderingRightRequests::ProviderId)
                    .col(OrderingRightRequests::AccountId)
                    .unique()
                    .and_where(Expr::col(OrderingRightRequests::Status).eq("pending"))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_or_requests_provider")
                    .table(OrderingRightRequests::Table)
                    .col(OrderingRightRequests::ProviderId)
                    .col(OrderingRightRequests::Id)
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ExpertUsers::Table)
                    .col(pk_uuid(ExpertUsers::Id))
                    .col(uuid(ExpertUsers::ProviderId))
                    .col(uuid(ExpertUsers::SystemId))
                    .col(string(ExpertUsers::FirstName))
                    .col(string(ExpertUsers::LastName))
                    .col(string(ExpertUsers::Email))
                    .col(string_null(ExpertUsers::PersonalNumber))
                    .col(uuid_null(ExpertUsers::SourceOrderId))
                    .col(uuid_null(ExpertUsers::RegisteredBy))
                    .col(timestamp_with_time_zone(ExpertUsers::RegisteredAt))
                    .col(timestamp_with_time_zone_null(ExpertUsers::EndedAt))
                    .col(uuid_null(ExpertUsers::EndedBy))
                    .col(uuid_null(ExpertUsers::EndOrderId))
                    .foreign_key(&mut fk(
                        "fk_expert_users_provider",
                        (ExpertUsers::Table, ExpertUsers::ProviderId),
                        (Providers::Table, Providers::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_expert_users_system",
                        (ExpertUsers::Table, ExpertUsers::SystemId),
                        (Systems::Table, Systems::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_expert_users_registered_by",
                        (ExpertUsers::Table, ExpertUsers::RegisteredBy),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_expert_users_ended_by",
                        (ExpertUsers::Table, ExpertUsers::EndedBy),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .take(),
            )
            .await?;
        // One active registration per person (by email), provider and system.
        manager
            .create_index(
                Index::create()
                    .name("ux_expert_users_active")
                    .table(ExpertUsers::Table)
                    .col(ExpertUsers::ProviderId)
                    .col(ExpertUsers::SystemId)
                    .col(ExpertUsers::Email)
                    .unique()
                    .and_where(Expr::col(ExpertUsers::EndedAt).is_null())
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_expert_users_provider")
                    .table(ExpertUsers::Table)
                    .col(ExpertUsers::ProviderId)
                    .col(ExpertUsers::SystemId)
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EmailOutbox::Table)
                    .col(pk_uuid(EmailOutbox::Id))
                    .col(string_len(EmailOutbox::Kind, 64))
                    .col(string(EmailOutbox::Recipient))
                    .col(string(EmailOutbox::Subject))
                    .col(text(EmailOutbox::Body))
                    .col(uuid_null(EmailOutbox::OrderId))
                    .col(timestamp_with_time_zone(EmailOutbox::CreatedAt))
                    .col(integer(EmailOutbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(EmailOutbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(EmailOutbox::LockedUntil))
                    .col(uuid_null(EmailOutbox::LockedBy))
                    .col(timestamp_with_time_zone_null(EmailOutbox::SentAt))
                    .col(timestamp_with_time_zone_null(EmailOutbox::FailedAt))
                    .col(text_null(EmailOutbox::LastError))
                    .take(),
            )
            .await?;
        // What the senders poll: rows neither sent nor given up, by when they are due.
        manager
            .create_index(
                Index::create()
                    .name("ix_email_outbox_due")
                    .table(EmailOutbox::Table)
                    .col(EmailOutbox::NextAttemptAt)
                    .and_where(Expr::col(EmailOutbox::SentAt).is_null())
                    .and_where(Expr::col(EmailOutbox::FailedAt).is_null())
                    .take(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in
            [EmailOutbox::Table.into_iden(), ExpertUsers::Table.into_iden(), OrderingRightRequests::Table.into_iden()]
        {
            manager.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
