//! Wire types of login and the caller's own account.

use crate::{domain::Role, ordering_rights::dto::OrderingRightRequestDto, wire::Required};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// Credentials for `POST /auth/login`.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "anna.lind@omsorgnord.example", "password": "ett långt lösenord 2026"}))]
pub struct LoginRequest {
    #[schema(value_type = String, max_length = 254, example = "anna.lind@omsorgnord.example")]
    #[validate(length(max = 254))]
    pub email: Required<String>,
    #[schema(value_type = String, format = Password, max_length = 128)]
    #[validate(length(max = 128))]
    pub password: Required<String>,
}

/// An access token.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// A JWT to send as `Authorization: Bearer <token>`.
    pub access_token: String,
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the token expires.
    pub expires_in: u64,
}

/// An ordering right the caller holds.
#[derive(Debug, Serialize, ToSchema)]
pub struct HeldRightDto {
    pub provider_id: Uuid,
    pub provider_name: String,
}

/// The caller's own account.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    /// The provider the account belongs to; none for support and IT accounts.
    pub provider_id: Option<Uuid>,
    pub roles: Vec<Role>,
    /// The providers the caller may order for.
    pub ordering_rights: Vec<HeldRightDto>,
    /// The caller's own requests for an ordering right that wait for an answer, newest first.
    pub ordering_right_requests: Vec<OrderingRightRequestDto>,
}

/// A change of the caller's own password.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"current_password": "ett långt lösenord 2026", "new_password": "ett ännu längre lösenord 2027"}))]
pub struct ChangePasswordRequest {
    #[schema(value_type = String, format = Password, max_length = 128)]
    #[validate(length(max = 128))]
    pub current_password: Required<String>,
    /// At least 10 characters.
    #[schema(value_type = String, format = Password, min_length = 10, max_length = 128)]
    #[validate(length(max = 128))]
    pub new_password: Required<String>,
}
