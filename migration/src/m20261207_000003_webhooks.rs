//! Webhooks: the endpoints support registers, the messages waiting to be delivered to them (an
//! outbox like email's: written in the transaction of their cause, leased by one sender at a time),
//! and every attempt made.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WebhookEndpoints {
    Table,
    Id,
    Url,
    Description,
    /// JSON array of event types.
    Events,
    /// `whsec_` + base64 of 32 random bytes.
    Secret,
    Active,
    /// Since when every attempt has failed (cleared by a success).
    FailingSince,
    DisabledAt,
    CreatedAt,
    CreatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WebhookMessages {
    Table,
    /// Sent as `webhook-id` (`msg_` + the id's hex), the same on every retry.
    Id,
    EndpointId,
    EventType,
    /// The exact JSON body that is signed and sent.
    Payload,
    CreatedAt,
    NextAttemptAt,
    Attempts,
    LockedUntil,
    LockedBy,
    DeliveredAt,
    FailedAt,
}

#[derive(DeriveIden)]
enum WebhookAttempts {
    Table,
    Id,
    MessageId,
    EndpointId,
    EventType,
    AttemptedAt,
    StatusCode,
    Error,
    DurationMs,
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
                    .table(WebhookEndpoints::Table)
                    .col(pk_uuid(WebhookEndpoints::Id))
                    .col(string_len(WebhookEndpoints::Url, 2048))
                    .col(string_len_null(WebhookEndpoints::Description, 500))
                    .col(text(WebhookEndpoints::Events))
                    .col(string_len(WebhookEndpoints::Secret, 64))
                    .col(boolean(WebhookEndpoints::Active))
                    .col(timestamp_with_time_zone_null(WebhookEndpoints::FailingSince))
                    .col(timestamp_with_time_zone_null(WebhookEndpoints::DisabledAt))
                    .col(timestamp_with_time_zone(WebhookEndpoints::CreatedAt))
                    .col(uuid(WebhookEndpoints::CreatedBy))
                    .col(timestamp_with_time_zone(WebhookEndpoints::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_webhook_endpoints_created_by")
                            .from(WebhookEndpoints::Table, WebhookEndpoints::CreatedBy)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WebhookMessages::Table)
                    .col(pk_uuid(WebhookMessages::Id))
                    .col(uuid(WebhookMessages::EndpointId))
                    .col(string_len(WebhookMessages::EventType, 64))
                    .col(text(WebhookMessages::Payload))
                    .col(timestamp_with_time_zone(WebhookMessages::CreatedAt))
                    .col(timestamp_with_time_zone(WebhookMessages::NextAttemptAt))
                    .col(integer(WebhookMessages::Attempts).default(0))
                    .col(timestamp_with_time_zone_null(WebhookMessages::LockedUntil))
                    .col(uuid_null(WebhookMessages::LockedBy))
                    .col(timestamp_with_time_zone_null(WebhookMessages::DeliveredAt))
                    .col(timestamp_with_time_zone_null(WebhookMessages::FailedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_webhook_messages_endpoint")
                            .from(WebhookMessages::Table, WebhookMessages::EndpointId)
                            .to(WebhookEndpoints::Table, WebhookEndpoints::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_webhook_messages_due")
                    .table(WebhookMessages::Table)
                    .col(WebhookMessages::DeliveredAt)
                    .col(WebhookMessages::FailedAt)
                    .col(WebhookMessages::NextAttemptAt)
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WebhookAttempts::Table)
                    .col(pk_uuid(WebhookAttempts::Id))
                    .col(uuid(WebhookAttempts::MessageId))
                    .col(uuid(WebhookAttempts::EndpointId))
                    .col(string_len(WebhookAttempts::EventType, 64))
                    .col(timestamp_with_time_zone(WebhookAttempts::AttemptedAt))
                    .col(integer_null(WebhookAttempts::StatusCode))
                    .col(string_len_null(WebhookAttempts::Error, 500))
                    .col(integer(WebhookAttempts::DurationMs))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_webhook_attempts_endpoint")
                            .from(WebhookAttempts::Table, WebhookAttempts::EndpointId)
                            .to(WebhookEndpoints::Table, WebhookEndpoints::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_webhook_attempts_endpoint")
                    .table(WebhookAttempts::Table)
                    .col(WebhookAttempts::EndpointId)
                    .col(WebhookAttempts::Id)
                    .take(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(WebhookAttempts::Table).take()).await?;
        manager.drop_table(Table::drop().table(WebhookMessages::Table).take()).await?;
        manager.drop_table(Table::drop().table(WebhookEndpoints::Table).take()).await?;
        Ok(())
    }
}
