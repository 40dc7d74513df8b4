//! Accounts: support manages all; orderers read and create their provider's (without roles).

pub mod dormant;
pub mod dto;
pub mod invitations;
pub mod link_routes;
pub mod operator;
pub mod routes;
pub mod service;
