//! Access reviews (behörighetsuppföljning, rules 14 and 15): a review of a provider's holdings
//! (of one system, or all), one item per holding active when it started, each decided `keep` or
//! `revoke` by the provider's orderers. The periodic job claims the reminder (`reminder_sent_at`)
//! and the overdue notice (`overdue_at`) of each review with one conditional update each, so that
//! each is sent once whatever number of processes run it.
//!
//! Items keep a copy of the person's names and number (for ordering and searching by person, as
//! the holdings list does); the holding keeps the rest. `holding_ended` is frozen when the review
//! closes, so that a revoke order the review itself sent does not count as "ended during it".
//!
//! Notifications may name the review they are about (`review_id`, as `order_id` names an order).
//! Also the third extra field of rule 5, `justification` (Motivering), on orders and holdings.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Reviews {
    Table,
    Id,
    ProviderId,
    SystemId,
    Title,
    /// `open`, `completed` or `cancelled`.
    Status,
    /// The last day (UTC) for decisions.
    DueDate,
    StartedAt,
    StartedBy,
    CompletedAt,
    CompletedBy,
    CancelledAt,
    CancelledBy,
    /// When the orderers were reminded of the due date (claimed by the job, once).
    ReminderSentAt,
    /// When the job found it overdue and told the orderers and support (once).
    OverdueAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ReviewItems {
    Table,
    Id,
    ReviewId,
    HoldingId,
    FirstName,
    LastName,
    PersonalNumber,
    SearchText,
    SystemId,
    PermissionId,
    /// `keep`, `revoke`, or null while undecided.
    Decision,
    Note,
    DecidedBy,
    DecidedAt,
    /// Set when the review closes: the holding had ended while it was open.
    HoldingEnded,
    /// The revoke order made at completion (or the open one that already existed). No foreign
    /// key: IT may return it as a draft, which its orderers may delete.
    RevokeOrderId,
}

#[derive(DeriveIden)]
enum Providers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Holdings {
    Table,
    Id,
    Justification,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    /// The review a notification is about (`review_started`, `review_due_soon`, `review_overdue`).
    ReviewId,
}

#[derive(DeriveIden)]
enum Orders {
    Table,
    Justification,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Reviews::Table)
                    .col(pk_uuid(Reviews::Id))
                    .col(uuid(Reviews::ProviderId))
                    .col(uuid_null(Reviews::SystemId))
                    .col(string(Reviews::Title))
                    .col(string(Reviews::Status))
                    .col(date(Reviews::DueDate))
                    .col(timestamp_with_time_zone(Reviews::StartedAt))
                    .col(uuid_null(Reviews::StartedBy))
                    .col(timestamp_with_time_zone_null(Reviews::CompletedAt))
                    .col(uuid_null(Reviews::CompletedBy))
                    .col(timestamp_with_time_zone_null(Reviews::CancelledAt))
                    .col(uuid_null(Reviews::CancelledBy))
                    .col(timestamp_with_time_zone_null(Reviews::ReminderSentAt))
                    .col(timestamp_with_time_zone_null(Reviews::OverdueAt))
                    .col(timestamp_with_time_zone(Reviews::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_reviews_provider")
                            .from(Reviews::Table, Reviews::ProviderId)
                            .to(Providers::Table, Providers::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_reviews_provider_status")
                    .table(Reviews::Table)
                    .col(Reviews::ProviderId)
                    .col(Reviews::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_reviews_status_due")
                    .table(Reviews::Table)
                    .col(Reviews::Status)
                    .col(Reviews::DueDate)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReviewItems::Table)
                    .col(pk_uuid(ReviewItems::Id))
                    .col(uuid(ReviewItems::ReviewId))
                    .col(uuid(ReviewItems::HoldingId))
                    .col(string(ReviewItems::FirstName))
                    .col(string(ReviewItems::LastName))
                    .col(string(ReviewItems::PersonalNumber))
                    .col(text(ReviewItems::SearchText))
                    .col(uuid(ReviewItems::SystemId))
                    .col(uuid(ReviewItems::PermissionId))
                    .col(string_null(ReviewItems::Decision))
                    .col(text_null(ReviewItems::Note))
                    .col(uuid_null(ReviewItems::DecidedBy))
                    .col(timestamp_with_time_zone_null(ReviewItems::DecidedAt))
                    .col(boolean(ReviewItems::HoldingEnded).default(false))
                    .col(uuid_null(ReviewItems::RevokeOrderId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_review_items_review")
                            .from(ReviewItems::Table, ReviewItems::ReviewId)
                            .to(Reviews::Table, Reviews::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_review_items_holding")
                            .from(ReviewItems::Table, ReviewItems::HoldingId)
                            .to(Holdings::Table, Holdings::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_review_items_holding")
                    .table(ReviewItems::Table)
                    .col(ReviewItems::ReviewId)
                    .col(ReviewItems::HoldingId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_review_items_person")
                    .table(ReviewItems::Table)
                    .col(ReviewItems::ReviewId)
                    .col(ReviewItems::LastName)
                    .col(ReviewItems::FirstName)
                    .col(ReviewItems::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table(Orders::Table).add_column(text_null(Orders::Justification)).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter().table(Holdings::Table).add_column(text_null(Holdings::Justification)).to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table(Notifications::Table).add_column(uuid_null(Notifications::ReviewId)).to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Notifications::Table).drop_column(Notifications::ReviewId).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(Holdings::Table).drop_column(Holdings::Justification).to_owned())
            .await?;
        manager.alter_table(Table::alter().table(Orders::Table).drop_column(Orders::Justification).to_owned()).await?;
        manager.drop_table(Table::drop().table(ReviewItems::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Reviews::Table).to_owned()).await
    }
}
