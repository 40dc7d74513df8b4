use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub review_id: Uuid,
    pub holding_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    /// Twelve digits.
    pub personal_number: String,
    /// Lower-cased names and email.
    pub search_text: String,
    pub system_id: Uuid,
    pub permission_id: Uuid,
    /// `keep`, `revoke`, or `None` while undecided.
    pub decision: Option<String>,
    pub note: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    /// Frozen when the review closes: the holding ended while it was open.
    pub holding_ended: bool,
    pub revoke_order_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::review::Entity", from = "Column::ReviewId", to = "super::review::Column::Id")]
    Review,
    #[sea_orm(belongs_to = "super::holding::Entity", from = "Column::HoldingId", to = "super::holding::Column::Id")]
    Holding,
}

impl Related<super::review::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Review.def()
    }
}

impl Related<super::holding::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Holding.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
