use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "holdings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub provider_id: Uuid,
    pub permission_id: Uuid,
    /// The permission's system, kept for filtering.
    pub system_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    /// Twelve digits.
    pub personal_number: String,
    pub email: Option<String>,
    /// Lower-cased names and email.
    pub search_text: String,
    /// When the first grant order completed.
    pub since: DateTimeUtc,
    pub valid_to: Option<Date>,
    /// The completed grant order that created it.
    pub source_order_id: Uuid,
    /// The completed grant order that last set its units and end date.
    pub latest_order_id: Uuid,
    pub ended_at: Option<DateTimeUtc>,
    /// The IT account that completed the revoke order that ended it.
    pub ended_by: Option<Uuid>,
    pub ended_by_order_id: Option<Uuid>,
    /// When the orderers were told the end date is near.
    pub notice_sent_at: Option<DateTimeUtc>,
    /// When the end-date job handled the passed end date.
    pub expiry_handled_at: Option<DateTimeUtc>,
    /// The revoke order for the passed end date (no foreign key).
    pub expiry_order_id: Option<Uuid>,
    /// Motivering, from the grant order that last set it.
    pub justification: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
