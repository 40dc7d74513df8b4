//! Notifications: what an account is told (an order completed, rejected or returned, a request
//! for an ordering right, an end date near), written in the same transaction as their cause.

pub mod dto;
pub mod orders;
pub mod routes;
pub mod service;
