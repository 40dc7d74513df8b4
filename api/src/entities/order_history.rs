use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_history")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub order_id: Uuid,
    pub at: DateTimeUtc,
    /// Null when Sesam did it by itself.
    pub actor_id: Option<Uuid>,
    /// `created`, `submitted`, `withdrawn`, `taken`, `completed`, `rejected` or `returned`.
    pub action: String,
    /// None for `created`.
    pub from_status: Option<String>,
    pub to_status: String,
    /// The note, reason (reject) or question (return).
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
