//! Ordering rights (beställningsrätt): who may order for a provider.

pub mod dto;
pub mod requests;
pub mod routes;
pub mod service;
