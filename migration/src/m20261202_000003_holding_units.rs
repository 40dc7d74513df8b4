//! The units a holding applies on (one or more of its provider's).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HoldingUnits {
    Table,
    HoldingId,
    UnitId,
}

#[derive(DeriveIden)]
enum Holdings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Units {
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
                    .table(HoldingUnits::Table)
                    .col(uuid(HoldingUnits::HoldingId))
                    .col(uuid(HoldingUnits::UnitId))
                    .primary_key(Index::create().col(HoldingUnits::HoldingId).col(HoldingUnits::UnitId))
                    .foreign_key(&mut fk(
                        "fk_holding_units_holding",
                        (HoldingUnits::Table, HoldingUnits::HoldingId),
                        (Holdings::Table, Holdings::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_holding_units_unit",
                        (HoldingUnits::Table, HoldingUnits::UnitId),
                        (Units::Table, Units::Id),
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_holding_units_unit")
                    .table(HoldingUnits::Table)
                    .col(HoldingUnits::UnitId)
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(HoldingUnits::Table).take()).await
    }
}
