//! The work view: `GET /me/summary`, what the caller has to do now, as counts per role.

pub mod dto;
pub mod routes;
pub mod service;
