//! Accounts: support manages all; orderers read and create their provider's (without roles).

pub mod dto;
pub mod routes;
pub mod service;
