//! sea-orm entities: the shape of each table, and nothing else.

pub mod account;
pub mod account_link;
pub mod api_token;
pub mod audit_log;
pub mod expert_user;
pub mod holding;
pub mod holding_unit;
pub mod idempotency_key;
pub mod notification;
pub mod oidc_login;
pub mod order;
pub mod order_history;
pub mod order_message;
pub mod order_unit;
pub mod ordering_right;
pub mod ordering_right_request;
pub mod outbox_email;
pub mod permission;
pub mod provider;
pub mod review;
pub mod review_item;
pub mod system;
pub mod unit;
pub mod webhook_attempt;
pub mod webhook_endpoint;
pub mod webhook_message;
