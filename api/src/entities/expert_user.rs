use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "expert_users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub provider_id: Uuid,
    pub system_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    /// Lower-cased.
    pub email: String,
    /// Twelve digits, when known.
    pub personal_number: Option<String>,
    /// The completed grant order that registered the person (no foreign key).
    pub source_order_id: Option<Uuid>,
    pub registered_by: Option<Uuid>,
    pub registered_at: DateTimeUtc,
    pub ended_at: Option<DateTimeUtc>,
    pub ended_by: Option<Uuid>,
    /// The completed revoke order that ended it, if one did (no foreign key).
    pub end_order_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
