//! Wire types of API tokens.

use crate::{entities::api_token, list_type, wire::Required};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// An API token, without its secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiTokenDto {
    pub id: Uuid,
    /// The account the token acts as.
    pub account_id: Uuid,
    /// What the token is for.
    #[schema(example = "HR-integration")]
    pub name: String,
    /// The token's first characters, to tell tokens apart; never the whole token.
    #[schema(example = "sesam_pat_1a2b3c4d")]
    pub hint: String,
    pub created_at: DateTime<Utc>,
    /// The support account that made it.
    pub created_by: Option<Uuid>,
    /// When it stops working; none: until revoked.
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was last used (recorded at most once a minute).
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_by: Option<Uuid>,
    /// Whether it works now: neither revoked nor expired.
    pub active: bool,
}

impl ApiTokenDto {
    pub fn from_model(m: api_token::Model, now: DateTime<Utc>) -> Self {
        let active = m.revoked_at.is_none() && m.expires_at.is_none_or(|at| at > now);
        ApiTokenDto {
            id: m.id,
            account_id: m.account_id,
            name: m.name,
            hint: m.hint,
            created_at: m.created_at,
            created_by: m.created_by,
            expires_at: m.expires_at,
            last_used_at: m.last_used_at,
            revoked_at: m.revoked_at,
            revoked_by: m.revoked_by,
            active,
        }
    }
}

list_type!(ApiTokenList, ApiTokenDto, "A page of an account's API tokens (without their secrets).");

/// A new API token. `token` is in this answer only: it is not stored and cannot be shown again.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedApiToken {
    /// Send as `Authorization: Bearer <token>`. Shown once.
    #[schema(example = "sesam_pat_1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809")]
    pub token: String,
    #[serde(flatten)]
    pub api_token: ApiTokenDto,
}

/// A request for a new API token.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "HR-integration", "expires_at": "2027-12-31T23:59:59Z"}))]
pub struct CreateApiToken {
    /// What the token is for, e.g. the script's name.
    #[schema(value_type = String, max_length = 100, example = "HR-integration")]
    #[validate(length(max = 100))]
    pub name: Required<String>,
    /// When it stops working (in the future); leave out for a token that lives until revoked.
    pub expires_at: Option<DateTime<Utc>>,
}
