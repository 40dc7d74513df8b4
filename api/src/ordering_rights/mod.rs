//! Ordering rights (beställningsrätt): who may order for a provider.

pub mod dto;
pub mod moves;
pub mod orderers;
mod record;
pub mod requests;
pub mod routes;
pub mod service;
