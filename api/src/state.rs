//! What every request handler shares: the database pool, settings and the auth machinery.

use crate::{
    auth::{jwt::JwtKeys, password::Passwords, throttle::LoginThrottle},
    config::Settings,
};
use sea_orm::DatabaseConnection;

/// The application's shared state, one per process.
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Settings,
    pub jwt: JwtKeys,
    pub passwords: Passwords,
    pub login_throttle: LoginThrottle,
    /// The identity provider, when sign-in through it is configured (rule 20).
    pub oidc: Option<crate::auth::oidc::Provider>,
}
