//! Providers, units, the catalogue (systems and permissions), accounts, ordering rights
//! and the audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Providers {
    Table,
    Id,
    Name,
    OrgNumber,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Units {
    Table,
    Id,
    ProviderId,
    Name,
    Code,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Systems {
    Table,
    Id,
    Name,
    Description,
    RequiredFields,
    AllowedValues,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Permissions {
    Table,
    Id,
    SystemId,
    Name,
    Description,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    Email,
    Name,
    PasswordHash,
    ProviderId,
    IsAdmin,
    IsIt,
    PersonalNumber,
    Active,
    TokensValidAfter,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum OrderingRights {
    Table,
    Id,
    ProviderId,
    AccountId,
    GrantedAt,
    GrantedBy,
    RevokedAt,
    RevokedBy,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    Action,
    ObjectType,
    ObjectId,
    ProviderId,
    Details,
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
                    .table(Providers::Table)
                    .col(pk_uuid(Providers::Id))
                    .col(string(Providers::Name))
                    .col(string_null(Providers::OrgNumber))
                    .col(boolean(Providers::Active).default(true))
                    .col(timestamp_with_time_zone(Providers::CreatedAt))
                    .col(timestamp_with_time_zone(Providers::UpdatedAt))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ux_providers_name").table(Providers::Table).col(Providers::Name).unique().take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_providers_org_number")
                    .table(Providers::Table)
                    .col(Providers::OrgNumber)
                    .unique()
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Units::Table)
                    .col(pk_uuid(Units::Id))
                    .col(uuid(Units::ProviderId))
                    .col(string(Units::Name))
                    .col(string_null(Units::Code))
                    .col(boolean(Units::Active).default(true))
                    .col(timestamp_with_time_zone(Units::CreatedAt))
                    .col(timestamp_with_time_zone(Units::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_units_provider",
                        (Units::Table, Units::ProviderId),
                        (Providers::Table, Providers::Id),
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_units_provider_name")
                    .table(Units::Table)
                    .col(Units::ProviderId)
                    .col(Units::Name)
                    .unique()
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_units_provider_code")
                    .table(Units::Table)
                    .col(Units::ProviderId)
                    .col(Units::Code)
                    .unique()
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Systems::Table)
                    .col(pk_uuid(Systems::Id))
                    .col(string(Systems::Name))
                    .col(text(Systems::Description))
                    .col(json(Systems::RequiredFields))
                    .col(json(Systems::AllowedValues))
                    .col(boolean(Systems::Active).default(true))
                    .col(timestamp_with_time_zone(Systems::CreatedAt))
                    .col(timestamp_with_time_zone(Systems::UpdatedAt))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("ux_systems_name").table(Systems::Table).col(Systems::Name).unique().take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Permissions::Table)
                    .col(pk_uuid(Permissions::Id))
                    .col(uuid(Permissions::SystemId))
                    .col(string(Permissions::Name))
                    .col(text(Permissions::Description))
                    .col(boolean(Permissions::Active).default(true))
                    .col(timestamp_with_time_zone(Permissions::CreatedAt))
                    .col(timestamp_with_time_zone(Permissions::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_permissions_system",
                        (Permissions::Table, Permissions::SystemId),
                        (Systems::Table, Systems::Id),
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_permissions_system_name")
                    .table(Permissions::Table)
                    .col(Permissions::SystemId)
                    .col(Permissions::Name)
                    .unique()
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Accounts::Table)
                    .col(pk_uuid(Accounts::Id))
                    .col(string(Accounts::Email))
                    .col(string(Accounts::Name))
                    .col(string(Accounts::PasswordHash))
                    .col(uuid_null(Accounts::ProviderId))
                    .col(boolean(Accounts::IsAdmin).default(false))
                    .col(boolean(Accounts::IsIt).default(false))
                    .col(string_null(Accounts::PersonalNumber))
                    .col(boolean(Accounts::Active).default(true))
                    .col(timestamp_with_time_zone(Accounts::TokensValidAfter))
                    .col(timestamp_with_time_zone(Accounts::CreatedAt))
                    .col(timestamp_with_time_zone(Accounts::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_accounts_provider",
                        (Accounts::Table, Accounts::ProviderId),
                        (Providers::Table, Providers::Id),
                    ))
                    .take(),
            )
            .await?;
        // Emails are stored lower-cased, so this index makes them unique case-insensitively.
        manager
            .create_index(
                Index::create().name("ux_accounts_email").table(Accounts::Table).col(Accounts::Email).unique().take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_accounts_provider")
                    .table(Accounts::Table)
                    .col(Accounts::ProviderId)
                    .col(Accounts::Id)
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OrderingRights::Table)
                    .col(pk_uuid(OrderingRights::Id))
                    .col(uuid(OrderingRights::ProviderId))
                    .col(uuid(OrderingRights::AccountId))
                    .col(timestamp_with_time_zone(OrderingRights::GrantedAt))
                    .col(uuid_null(OrderingRights::GrantedBy))
                    .col(timestamp_with_time_zone_null(OrderingRights::RevokedAt))
                    .col(uuid_null(OrderingRights::RevokedBy))
                    .foreign_key(&mut fk(
                        "fk_ordering_rights_provider",
                        (OrderingRights::Table, OrderingRights::ProviderId),
                        (Providers::Table, Providers::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_ordering_rights_account",
                        (OrderingRights::Table, OrderingRights::AccountId),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_ordering_rights_granted_by",
                        (OrderingRights::Table, OrderingRights::GrantedBy),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_ordering_rights_revoked_by",
                        (OrderingRights::Table, OrderingRights::RevokedBy),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .take(),
            )
            .await?;
        // At most one active right per account and provider; revoked rights stay as history.
        manager
            .create_index(
                Index::create()
                    .name("ux_ordering_rights_active")
                    .table(OrderingRights::Table)
                    .col(OrderingRights::ProviderId)
                    .col(OrderingRights::AccountId)
                    .unique()
                    .and_where(Expr::col(OrderingRights::RevokedAt).is_null())
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_ordering_rights_account")
                    .table(OrderingRights::Table)
                    .col(OrderingRights::AccountId)
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(pk_uuid(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(uuid_null(AuditLog::ActorId))
                    .col(string(AuditLog::Action))
                    .col(string(AuditLog::ObjectType))
                    .col(uuid_null(AuditLog::ObjectId))
                    .col(uuid_null(AuditLog::ProviderId))
                    .col(json_null(AuditLog::Details))
                    .foreign_key(&mut fk(
                        "fk_audit_log_actor",
                        (AuditLog::Table, AuditLog::ActorId),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_log_provider")
                    .table(AuditLog::Table)
                    .col(AuditLog::ProviderId)
                    .col(AuditLog::Id)
                    .take(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            OrderingRights::Table.into_iden(),
            Accounts::Table.into_iden(),
            Permissions::Table.into_iden(),
            Systems::Table.into_iden(),
            Units::Table.into_iden(),
            Providers::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).take()).await?;
        }
        Ok(())
    }
}
