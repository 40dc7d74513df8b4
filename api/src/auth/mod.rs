//! Authentication: passwords, tokens, login throttling, and the `Caller` of each request.

pub mod api_token;
pub mod caller;
pub mod dto;
pub mod jwt;
pub mod last_seen;
pub mod links;
pub mod oidc;
pub mod password;
pub mod routes;
pub mod service;
pub mod sessions;
pub mod throttle;

pub use caller::Caller;
