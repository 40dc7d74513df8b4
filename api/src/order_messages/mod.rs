//! Messages on an order: the conversation between the provider's orderers and IT (support reads),
//! on any order that is not a draft. Each message tells the other side (`order_message`) and is
//! published as `order.message`.

pub mod dto;
pub mod routes;
pub mod service;
