//! sea-orm entities: the shape of each table, and nothing else.

pub mod account;
pub mod audit_log;
pub mod notification;
pub mod ordering_right;
pub mod permission;
pub mod provider;
pub mod system;
pub mod unit;
