//! Webhooks (SPEC *Webhooks*): support registers endpoints for IT's tools and integration scripts;
//! the events announced through the one door ([`crate::effects::publish`]) are written as messages
//! in the transaction of their cause, and [`sender`] delivers them, signed as Standard Webhooks 1.0
//! says ([`signing`]), to addresses the [`guard`] lets through.

pub mod dto;
pub mod guard;
pub mod routes;
pub mod sender;
pub mod service;
pub mod signing;
