//! sea-orm entities: the shape of each table, and nothing else.

pub mod account;
pub mod api_token;
pub mod audit_log;
pub mod expert_user;
pub mod notification;
pub mod ordering_right;
pub mod ordering_right_request;
pub mod outbox_email;
pub mod permission;
pub mod provider;
pub mod system;
pub mod unit;
