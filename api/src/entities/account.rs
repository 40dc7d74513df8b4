use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Lower-cased.
    pub email: String,
    pub name: String,
    /// An argon2id PHC string.
    pub password_hash: String,
    pub provider_id: Option<Uuid>,
    pub is_admin: bool,
    pub is_it: bool,
    /// Twelve digits, when known.
    pub personal_number: Option<String>,
    pub active: bool,
    /// Carried in every access token; bumping it ends every token issued before (rule 18).
    pub session_generation: i64,
    /// The account that created this one (rule 17); none for the first support account.
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The last sign-in or API use, written at most once a day (rule 19).
    pub last_seen_at: Option<DateTimeUtc>,
    /// When the notice of a coming deactivation for dormancy went out (rule 19).
    pub dormant_notice_at: Option<DateTimeUtc>,
    /// The identity provider vouched for `personal_number` (rule 20).
    pub personal_number_verified: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
