//! Orders (beställningar): the order itself, its units, its history of transitions, the counter of
//! its human reference numbers, and the idempotency keys of the requests that create orders.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Orders {
    Table,
    Id,
    Reference,
    Kind,
    Status,
    ProviderId,
    PermissionId,
    SystemId,
    FirstName,
    LastName,
    PersonalNumber,
    Email,
    Phone,
    LifecareTitle,
    Profession,
    ExpertUser,
    ValidTo,
    Comment,
    SearchText,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    SubmittedBy,
    SubmittedAt,
    TakenBy,
    TakenAt,
    CompletedBy,
    CompletedAt,
    AccountName,
    RejectReason,
    ReturnQuestion,
    Version,
}

#[derive(DeriveIden)]
enum OrderUnits {
    Table,
    OrderId,
    UnitId,
}

#[derive(DeriveIden)]
enum OrderHistory {
    Table,
    Id,
    OrderId,
    At,
    ActorId,
    Action,
    FromStatus,
    ToStatus,
    Note,
}

#[derive(DeriveIden)]
enum OrderReferenceCounters {
    Table,
    Year,
    LastNumber,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    Id,
    AccountId,
    Scope,
    Key,
    RequestHash,
    StatusCode,
    ResponseBody,
    ObjectId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Providers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Permissions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Systems {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Units {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Accounts {
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

/// The statuses of an open order: at most one open order per provider, person, permission and kind.
const OPEN_STATUSES: [&str; 3] = ["draft", "submitted", "in_progress"];

fn index(name: &str, table: impl IntoIden, cols: &[Orders]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for col in cols {
        index.col(*col);
    }
    index.take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Orders::Table)
                    .col(pk_uuid(Orders::Id))
                    .col(string(Orders::Reference))
                    .col(string(Orders::Kind))
                    .col(string(Orders::Status))
                    .col(uuid(Orders::ProviderId))
                    .col(uuid(Orders::PermissionId))
                    .col(uuid(Orders::SystemId))
                    .col(string(Orders::FirstName))
                    .col(string(Orders::LastName))
                    // Twelve digits.
                    .col(string(Orders::PersonalNumber))
                    .col(string_null(Orders::Email))
                    .col(string_null(Orders::Phone))
                    .col(string_null(Orders::LifecareTitle))
                    .col(string_null(Orders::Profession))
                    .col(boolean(Orders::ExpertUser).default(false))
                    .col(date_null(Orders::ValidTo))
                    .col(text_null(Orders::Comment))
                    // Lower-cased names, email and reference, for case-insensitive search on both databases.
                    .col(text(Orders::SearchText))
                    .col(uuid(Orders::CreatedBy))
                    .col(timestamp_with_time_zone(Orders::CreatedAt))
                    .col(timestamp_with_time_zone(Orders::UpdatedAt))
                    .col(uuid_null(Orders::SubmittedBy))
                    .col(timestamp_with_time_zone_null(Orders::SubmittedAt))
                    .col(uuid_null(Orders::TakenBy))
                    .col(timestamp_with_time_zone_null(Orders::TakenAt))
                    .col(uuid_null(Orders::CompletedBy))
                    .col(timestamp_with_time_zone_null(Orders::CompletedAt))
                    .col(string_null(Orders::AccountName))
                    .col(text_null(Orders::RejectReason))
                    .col(text_null(Orders::ReturnQuestion))
                    .col(integer(Orders::Version).default(1))
                    .foreign_key(&mut fk(
                        "fk_orders_provider",
                        (Orders::Table, Orders::ProviderId),
                        (Providers::Table, Providers::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_orders_permission",
                        (Orders::Table, Orders::PermissionId),
                        (Permissions::Table, Permissions::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_orders_system",
                        (Orders::Table, Orders::SystemId),
                        (Systems::Table, Systems::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_orders_created_by",
                        (Orders::Table, Orders::CreatedBy),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_orders_submitted_by",
                        (Orders::Table, Orders::SubmittedBy),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_orders_taken_by",
                        (Orders::Table, Orders::TakenBy),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_orders_completed_by",
                        (Orders::Table, Orders::CompletedBy),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ux_orders_reference").table(Orders::Table).col(Orders::Reference).unique().take(),
            )
            .await?;
        // Rule 13, race-free: a second open order for the same provider, person, permission and kind
        // cannot be committed, whatever replica writes it. A partial index works on both databases.
        manager
            .create_index(
                Index::create()
                    .name("ux_orders_open")
                    .table(Orders::Table)
                    .col(Orders::ProviderId)
                    .col(Orders::PersonalNumber)
                    .col(Orders::PermissionId)
                    .col(Orders::Kind)
                    .unique()
                    .and_where(Expr::col(Orders::Status).is_in(OPEN_STATUSES))
                    .take(),
            )
            .await?;
        // The lists: per provider (orderers), per provider and status, per status (IT's queue),
        // per creator and taker (`mine`), per system; all in id order, which is time order (UUIDv7).
        for (name, cols) in [
            ("ix_orders_provider", &[Orders::ProviderId, Orders::Id][..]),
            ("ix_orders_provider_status", &[Orders::ProviderId, Orders::Status, Orders::Id][..]),
            ("ix_orders_status", &[Orders::Status, Orders::Id][..]),
            ("ix_orders_created_by", &[Orders::CreatedBy, Orders::Id][..]),
            ("ix_orders_taken_by", &[Orders::TakenBy, Orders::Id][..]),
            ("ix_orders_system", &[Orders::SystemId, Orders::Id][..]),
            ("ix_orders_updated_at", &[Orders::UpdatedAt][..]),
        ] {
            manager.create_index(index(name, Orders::Table, cols)).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(OrderUnits::Table)
                    .col(uuid(OrderUnits::OrderId))
                    .col(uuid(OrderUnits::UnitId))
                    .primary_key(Index::create().col(OrderUnits::OrderId).col(OrderUnits::UnitId))
                    .foreign_key(&mut fk(
                        "fk_order_units_order",
                        (OrderUnits::Table, OrderUnits::OrderId),
                        (Orders::Table, Orders::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_order_units_unit",
                        (OrderUnits::Table, OrderUnits::UnitId),
                        (Units::Table, Units::Id),
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ix_order_units_unit").table(OrderUnits::Table).col(OrderUnits::UnitId).take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OrderHistory::Table)
                    .col(pk_uuid(OrderHistory::Id))
                    .col(uuid(OrderHistory::OrderId))
                    .col(timestamp_with_time_zone(OrderHistory::At))
                    .col(uuid(OrderHistory::ActorId))
                    .col(string(OrderHistory::Action))
                    .col(string_null(OrderHistory::FromStatus))
                    .col(string(OrderHistory::ToStatus))
                    .col(text_null(OrderHistory::Note))
                    .foreign_key(&mut fk(
                        "fk_order_history_order",
                        (OrderHistory::Table, OrderHistory::OrderId),
                        (Orders::Table, Orders::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_order_history_actor",
                        (OrderHistory::Table, OrderHistory::ActorId),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_order_history_order")
                    .table(OrderHistory::Table)
                    .col(OrderHistory::OrderId)
                    .col(OrderHistory::Id)
                    .take(),
            )
            .await?;

        // One row per year; `INSERT … ON CONFLICT DO UPDATE … RETURNING` hands out the next number
        // under the row's lock, so concurrent creations never share a reference.
        manager
            .create_table(
                Table::create()
                    .table(OrderReferenceCounters::Table)
                    .col(integer(OrderReferenceCounters::Year).primary_key())
                    .col(big_integer(OrderReferenceCounters::LastNumber))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKeys::Table)
                    .col(pk_uuid(IdempotencyKeys::Id))
                    .col(uuid(IdempotencyKeys::AccountId))
                    // What the key was used for, e.g. `POST /orders`.
                    .col(string(IdempotencyKeys::Scope))
                    .col(string(IdempotencyKeys::Key))
                    // SHA-256 of the canonical JSON body.
                    .col(string(IdempotencyKeys::RequestHash))
                    .col(integer(IdempotencyKeys::StatusCode))
                    .col(text(IdempotencyKeys::ResponseBody))
                    .col(uuid_null(IdempotencyKeys::ObjectId))
                    .col(timestamp_with_time_zone(IdempotencyKeys::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_idempotency_keys_account",
                        (IdempotencyKeys::Table, IdempotencyKeys::AccountId),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_idempotency_keys")
                    .table(IdempotencyKeys::Table)
                    .col(IdempotencyKeys::AccountId)
                    .col(IdempotencyKeys::Scope)
                    .col(IdempotencyKeys::Key)
                    .unique()
                    .take(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            IdempotencyKeys::Table.into_iden(),
            OrderReferenceCounters::Table.into_iden(),
            OrderHistory::Table.into_iden(),
            OrderUnits::Table.into_iden(),
            Orders::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
