use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// What caused it: a notification kind, `expert_user_message`, `order_submitted`, ….
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub order_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    /// Delivery attempts begun (a claim counts as one).
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// A sender's claim on the row lasts until then.
    pub locked_until: Option<DateTimeUtc>,
    pub locked_by: Option<Uuid>,
    pub sent_at: Option<DateTimeUtc>,
    /// Set when delivery was given up.
    pub failed_at: Option<DateTimeUtc>,
    pub last_error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
