//! Expert users (expertanvändare) of each provider and system.

pub mod dto;
pub mod effects;
pub mod routes;
pub mod service;
