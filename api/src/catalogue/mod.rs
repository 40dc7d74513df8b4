//! The catalogue (Behörigheter i Sesam): systems and their permissions.

pub mod dto;
pub mod routes;
pub mod service;
