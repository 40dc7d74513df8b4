//! Sesam: ordering of system permissions for care providers' staff.
//!
//! The binary `sesam` (see `cli`) serves the REST API and the built SPA. Requests travel
//! routes → service → domain and entities; errors leave through one `ApiError`.

pub mod accounts;
pub mod api_tokens;
mod architecture;
pub mod audit;
pub mod auth;
pub mod catalogue;
pub mod cli;
pub mod compliance;
pub mod config;
pub mod created;
pub mod csv;
pub mod db;
pub mod domain;
pub mod effects;
pub mod entities;
pub mod error;
pub mod expert_users;
pub mod extract;
pub mod health;
pub mod holdings;
pub mod idempotency;
pub mod lease;
pub mod name_lookup;
pub mod notifications;
pub mod openapi;
pub mod openapi_conventions;
pub mod order_messages;
pub mod ordering_rights;
pub mod orders;
pub mod outbox;
pub mod pagination;
pub mod providers;
pub mod reviews;
pub mod seed;
pub mod seed_bulk;
pub mod startup;
pub mod state;
pub mod summary;
pub mod webhooks;
pub mod wire;
