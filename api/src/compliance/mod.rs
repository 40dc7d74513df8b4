//! Compliance with rules 9 and 10: at least two orderers and enough expert users per provider.

pub mod dto;
pub mod routes;
pub mod service;
