//! API tokens for integration scripts: support issues long-lived, named, revocable bearer tokens
//! for an account, so that a script needs no password. A token is shown once, when it is made;
//! only its SHA-256 is stored (see `auth::api_token`). A request with one is checked like any
//! other: the account must be active, and the token neither revoked nor expired.

pub mod dto;
pub mod routes;
pub mod service;
