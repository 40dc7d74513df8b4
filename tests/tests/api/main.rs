//! Black-box tests of the Sesam API: each starts the built server on its own database.

mod accounts;
mod auth;
mod catalogue;
mod errors;
mod openapi;
mod ordering_rights;
mod orders;
mod orders_http;
mod orders_lifecycle;
mod orders_list;
mod orders_rules;
mod providers;
mod route_roles;
mod startup;
