//! Holdings (behörighetsinnehav): who holds which permission at which provider today.
//!
//! A completed grant order creates a holding (or updates the person's active one for that
//! permission at that provider); a completed revoke order ends it, or removes some of its units.
//! A holding may carry an end date (`valid_to`); the end-date job notes on the row when it has
//! told the orderers (`notice_sent_at`) and when it has handled the passed end date
//! (`expiry_handled_at`, with the revoke order in `expiry_order_id`), each set by one conditional
//! update, so that every holding is handled once whatever number of processes run the job.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Holdings {
    Table,
    Id,
    ProviderId,
    PermissionId,
    /// The permission's system, kept for filtering.
    SystemId,
    FirstName,
    LastName,
    /// Twelve digits.
    PersonalNumber,
    Email,
    /// Lower-cased names and email, for case-insensitive search on both databases.
    SearchText,
    /// When the first grant order completed.
    Since,
    ValidTo,
    /// The completed grant order that created the holding.
    SourceOrderId,
    /// The completed grant order that last set its units and end date (the source at first).
    LatestOrderId,
    EndedAt,
    /// The IT account that completed the revoke order that ended it.
    EndedBy,
    /// The completed revoke order that ended it.
    EndedByOrderId,
    /// When the orderers were told that the end date is near (reset when the date changes).
    NoticeSentAt,
    /// When the end-date job handled the passed end date (reset when the date changes).
    ExpiryHandledAt,
    /// The revoke order made for the passed end date (or the open one found then). No foreign
    /// key: IT may return that order to the orderers as a draft, and they may delete it.
    ExpiryOrderId,
    CreatedAt,
    UpdatedAt,
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
enum Orders {
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Holdings::Table)
                    .col(pk_uuid(Holdings::Id))
                    .col(uuid(Holdings::ProviderId))
                    .col(uuid(Holdings::PermissionId))
                    .col(uuid(Holdings::SystemId))
                    .col(string(Holdings::FirstName))
                    .col(string(Holdings::LastName))
                    .col(string(Holdings::PersonalNumber))
                    .col(string_null(Holdings::Email))
                    .col(text(Holdings::SearchText))
                    .col(timestamp_with_time_zone(Holdings::Since))
                    .col(date_null(Holdings::ValidTo))
                    .col(uuid(Holdings::SourceOrderId))
                    .col(uuid(Holdings::LatestOrderId))
                    .col(timestamp_with_time_zone_null(Holdings::EndedAt))
                    .col(uuid_null(Holdings::EndedBy))
                    .col(uuid_null(Holdings::EndedByOrderId))
                    .col(timestamp_with_time_zone_null(Holdings::NoticeSentAt))
                    .col(timestamp_with_time_zone_null(Holdings::ExpiryHandledAt))
                    .col(uuid_null(Holdings::ExpiryOrderId))
                    .col(timestamp_with_time_zone(Holdings::CreatedAt))
                    .col(timestamp_with_time_zone(Holdings::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_holdings_provider",
                        (Holdings::Table, Holdings::ProviderId),
                        (Providers::Table, Providers::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_holdings_permission",
                        (Holdings::Table, Holdings::PermissionId),
                        (Permissions::Table, Permissions::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_holdings_system",
                        (Holdings::Table, Holdings::SystemId),
                        (Systems::Table, Systems::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_holdings_source_order",
                        (Holdings::Table, Holdings::SourceOrderId),
                        (Orders::Table, Orders::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_holdings_latest_order",
                        (Holdings::Table, Holdings::LatestOrderId),
                        (Orders::Table, Orders::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_holdings_ended_by",
                        (Holdings::Table, Holdings::EndedBy),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_holdings_ended_by_order",
                        (Holdings::Table, Holdings::EndedByOrderId),
                        (Orders::Table, Orders::Id),
                    ))
                    .take(),
            )
            .await?;
        // One active holding per person, permission and provider, whatever completes at once.
        manager
            .create_index(
                Index::create()
                    .name("ux_holdings_active")
                    .table(Holdings::Table)
                    .col(Holdings::ProviderId)
                    .col(Holdings::PersonalNumber)
                    .col(Holdings::PermissionId)
                    .unique()
                    .and_where(Expr::col(Holdings::EndedAt).is_null())
                    .take(),
            )
            .await?;
        // The list (per provider, by name), the filters, and the end-date job's due rows.
        for (name, cols) in [
            (
                "ix_holdings_provider_name",
                &[Holdings::ProviderId, Holdings::LastName, Holdings::FirstName, Holdings::Id][..],
            ),
            ("ix_holdings_name", &[Holdings::LastName, Holdings::FirstName, Holdings::Id][..]),
            ("ix_holdings_system", &[Holdings::SystemId][..]),
            ("ix_holdings_person", &[Holdings::PersonalNumber][..]),
            ("ix_holdings_valid_to", &[Holdings::ValidTo][..]),
        ] {
            let mut index = Index::create();
            index.name(name).table(Holdings::Table);
            for col in cols {
                index.col(*col);
            }
            manager.create_index(index.take()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Holdings::Table).take()).await
    }
}
