//! Wire types of messages on an order.

use crate::{list_type, wire::Required};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// Which side of the conversation wrote a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MessageSide {
    /// One of the provider's orderers.
    Orderer,
    /// IT.
    It,
}

/// One message on an order; never changed once written.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1d", "order_id": "0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b",
    "author_id": "0193a1b2-0000-7000-8000-000000000005", "author_name": "Anna Lind", "side": "orderer",
    "body": "Hon börjar på måndag, kan ni prioritera?", "created_at": "2026-12-02T08:00:00Z"}))]
pub struct OrderMessageDto {
    pub id: Uuid,
    pub order_id: Uuid,
    pub author_id: Uuid,
    pub author_name: String,
    pub side: MessageSide,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

list_type!(OrderMessageList, OrderMessageDto, "An order's messages, oldest first.");

/// A new message on an order.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"body": "Hon börjar på måndag, kan ni prioritera?"}))]
pub struct NewOrderMessage {
    /// The message: 1–2000 characters.
    #[schema(value_type = String, min_length = 1, max_length = 2000, example = "Hon börjar på måndag, kan ni prioritera?")]
    pub body: Required<String>,
}
