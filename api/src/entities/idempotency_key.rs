use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idempotency_keys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub account_id: Uuid,
    /// What the key was used for, e.g. `POST /orders`.
    pub scope: String,
    pub key: String,
    /// SHA-256 (hex) of the canonical JSON body.
    pub request_hash: String,
    pub status_code: i32,
    /// The answer's body, as sent the first time.
    pub response_body: String,
    pub object_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
