//! Ordering rights (beställningsrätt): who may order for a provider.

pub mod dto;
mod grant;
pub mod orderers;
pub mod requests;
pub mod routes;
pub mod service;
