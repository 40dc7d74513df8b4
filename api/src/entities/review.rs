use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reviews")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub provider_id: Uuid,
    pub system_id: Option<Uuid>,
    pub title: String,
    /// `open`, `completed` or `cancelled`.
    pub status: String,
    /// The last day (UTC) for decisions.
    pub due_date: Date,
    pub started_at: DateTimeUtc,
    pub started_by: Option<Uuid>,
    pub completed_at: Option<DateTimeUtc>,
    pub completed_by: Option<Uuid>,
    pub cancelled_at: Option<DateTimeUtc>,
    pub cancelled_by: Option<Uuid>,
    /// When the job reminded the orderers of the due date.
    pub reminder_sent_at: Option<DateTimeUtc>,
    /// When the job found it overdue.
    pub overdue_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
