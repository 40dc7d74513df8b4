use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "orders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `SES-2026-000123`.
    pub reference: String,
    /// `grant` or `revoke`.
    pub kind: String,
    /// `draft`, `submitted`, `in_progress`, `completed`, `rejected` or `withdrawn`.
    pub status: String,
    pub provider_id: Uuid,
    pub permission_id: Uuid,
    /// The permission's system, kept on the order for filtering.
    pub system_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    /// Twelve digits.
    pub personal_number: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub lifecare_title: Option<String>,
    pub profession: Option<String>,
    /// Motivering.
    pub justification: Option<String>,
    pub expert_user: bool,
    pub valid_to: Option<Date>,
    pub comment: Option<String>,
    /// Lower-cased names, email and reference.
    pub search_text: String,
    /// The orderer who saved it; null when Sesam made it by itself (an end date passed).
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub submitted_by: Option<Uuid>,
    pub submitted_at: Option<DateTimeUtc>,
    pub taken_by: Option<Uuid>,
    pub taken_at: Option<DateTimeUtc>,
    pub completed_by: Option<Uuid>,
    pub completed_at: Option<DateTimeUtc>,
    pub account_name: Option<String>,
    pub reject_reason: Option<String>,
    pub return_question: Option<String>,
    /// The IT account that last returned it with a question (kept after it is sent again).
    pub returned_by: Option<Uuid>,
    pub returned_at: Option<DateTimeUtc>,
    /// The order this one was copied from (no foreign key).
    pub copied_from: Option<Uuid>,
    /// Starts at 1; every change adds one. The `ETag` is made from it.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
