//! Black-box tests of the Sesam API: each starts the built server on its own database.

mod accounts;
mod audit;
mod auth;
mod catalogue;
mod compliance;
mod email;
mod errors;
mod expert_users;
mod holdings;
mod holdings_job;
mod openapi;
mod order_effects;
mod ordering_right_requests;
mod ordering_rights;
mod orders;
mod orders_batch;
mod orders_http;
mod orders_lifecycle;
mod orders_list;
mod orders_rules;
mod providers;
mod route_roles;
mod scale;
mod startup;
