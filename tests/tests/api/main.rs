//! Black-box tests of the Sesam API: each starts the built server on its own database.

mod abuse;
mod accounts;
mod api_tokens;
mod audit;
mod auth;
mod catalogue;
mod compliance;
mod db_restart;
mod durability;
mod email;
mod errors;
mod expert_users;
mod mass_assignment;
mod openapi;
mod ordering_right_requests;
mod ordering_rights;
mod privacy;
mod providers;
mod replicas;
mod route_roles;
mod shutdown;
mod startup;
