//! The work view: `GET /me/summary`, what the caller has to do now, as counts per role.

pub mod dto;
pub mod reviews;
pub mod routes;
pub mod service;
