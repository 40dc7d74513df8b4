//! Providers (utförare) and their units (enheter).

pub mod dto;
pub mod routes;
pub mod service;
