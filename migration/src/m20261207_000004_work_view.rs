//! The work view (issue 18).
//!
//! - `orders.returned_by`, `orders.returned_at`: who returned an order with a question and when, kept
//!   after it is sent again (so IT sees an answer to its question); filled for existing orders from
//!   their history's latest `returned` row.
//! - `orders.copied_from`: the order a copy was made from (no foreign key: a draft source may be
//!   deleted; the answer then says nothing of it).
//! - `ix_orders_person`: a search by a whole personal number is an index lookup, not a scan.
//! - `order_messages`: the conversation between a provider's orderers and IT on one order.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Orders {
    Table,
    Id,
    PersonalNumber,
    ReturnedBy,
    ReturnedAt,
    CopiedFrom,
}

#[derive(DeriveIden)]
enum OrderMessages {
    Table,
    Id,
    OrderId,
    AuthorId,
    Body,
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
        // One column per statement: SQLite alters one thing at a time.
        manager
            .alter_table(Table::alter().table(Orders::Table).add_column(uuid_null(Orders::ReturnedBy)).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Orders::Table)
                    .add_column(timestamp_with_time_zone_null(Orders::ReturnedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table(Orders::Table).add_column(uuid_null(Orders::CopiedFrom)).to_owned())
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE orders SET \
             returned_by = (SELECT h.actor_id FROM order_history h WHERE h.order_id = orders.id \
                AND h.action = 'returned' ORDER BY h.id DESC LIMIT 1), \
             returned_at = (SELECT h.at FROM order_history h WHERE h.order_id = orders.id \
                AND h.action = 'returned' ORDER BY h.id DESC LIMIT 1) \
             WHERE return_question IS NOT NULL",
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_orders_person")
                    .table(Orders::Table)
                    .col(Orders::PersonalNumber)
                    .col(Orders::Id)
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrderMessages::Table)
                    .col(uuid(OrderMessages::Id).primary_key())
                    .col(uuid(OrderMessages::OrderId))
                    .col(uuid(OrderMessages::AuthorId))
                    .col(text(OrderMessages::Body))
                    .col(timestamp_with_time_zone(OrderMessages::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_messages_order")
                            .from(OrderMessages::Table, OrderMessages::OrderId)
                            .to(Orders::Table, Orders::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_order_messages_author")
                            .from(OrderMessages::Table, OrderMessages::AuthorId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_order_messages_order")
                    .table(OrderMessages::Table)
                    .col(OrderMessages::OrderId)
                    .col(OrderMessages::Id)
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OrderMessages::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name("ix_orders_person").table(Orders::Table).to_owned()).await?;
        for col in [Orders::CopiedFrom, Orders::ReturnedAt, Orders::ReturnedBy] {
            manager.alter_table(Table::alter().table(Orders::Table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
