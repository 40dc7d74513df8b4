//! Wire types of sign-in through the identity provider.

use crate::wire::Required;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// The one-time code the callback gave the SPA.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"code": "5f2b0c9e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c"}))]
pub struct ExchangeRequest {
    /// The `code` query parameter of the SPA's page `/e-legitimation`.
    #[schema(value_type = String, max_length = 64)]
    #[validate(length(max = 64))]
    pub code: Required<String>,
}

/// How people may sign in here; the login page shows its buttons by it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"password": true, "oidc": true}))]
pub struct SignInMethods {
    /// `POST /auth/login` takes an email and password (`SESAM_PASSWORD_LOGIN`).
    pub password: bool,
    /// `GET /auth/oidc/login` signs in through the municipality's identity provider.
    pub oidc: bool,
}

/// What the provider sends back to the callback.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallbackQuery {
    /// The authorization code.
    pub code: Option<String>,
    /// The `state` Sesam sent.
    pub state: Option<String>,
    /// The provider's error code when the person did not sign in.
    pub error: Option<String>,
}
