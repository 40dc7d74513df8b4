//! `Idempotency-Key`: a client may send a key with a request that creates something, so that a
//! retry of the same request (same account, same key, same body) answers exactly what the first
//! one did instead of creating it again; the same key with another body is refused. Keys are per
//! account and operation ([`Scope`]), and remembered for [`RETENTION_DAYS`].
//!
//! As zero-to-production's `idempotency`: the key type parsed at the edge, and the stored answers.

mod store;

pub use store::{Found, Saved, claim, find, forget_old, save_answer, take_over};

use crate::error::ApiError;
use actix_web::HttpRequest;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use uuid::Uuid;

/// How long a key is remembered: long enough for any script's retries, short enough that the
/// stored answers do not pile up for years.
pub const RETENTION_DAYS: i64 = 7;
/// The longest key accepted.
pub const KEY_MAX: usize = 255;

/// What a key was used for: each operation has its own keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    CreateOrder,
    CreateOrderBatch,
}

impl Scope {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::CreateOrder => "POST /orders",
            Scope::CreateOrderBatch => "POST /orders/batch",
        }
    }
}

/// A valid `Idempotency-Key`: 1–255 visible ASCII characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// The request's key, if it sent one; 400 when it is malformed.
    pub fn from_request(req: &HttpRequest) -> Result<Option<IdempotencyKey>, ApiError> {
        let Some(value) = req.headers().get("idempotency-key") else { return Ok(None) };
        let key = value.to_str().map(str::trim).unwrap_or("");
        IdempotencyKey::parse(key).map(Some)
    }

    /// Parses a key; 400 when it is malformed.
    pub fn parse(key: &str) -> Result<IdempotencyKey, ApiError> {
        let visible = key.bytes().all(|b| b.is_ascii_graphic());
        if key.is_empty() || key.len() > KEY_MAX || !visible {
            return Err(ApiError::BadRequest(format!("Idempotency-Key must be 1–{KEY_MAX} visible ASCII characters")));
        }
        Ok(IdempotencyKey(key.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One request's use of a key: whose, for what, and which body (its fingerprint).
#[derive(Clone, Copy, Debug)]
pub struct Use<'a> {
    pub account_id: Uuid,
    pub scope: Scope,
    pub key: &'a IdempotencyKey,
    /// See [`fingerprint`].
    pub fingerprint: &'a str,
}

/// The SHA-256 (hex) of a JSON body with its object keys sorted, so that key order does not matter.
pub fn fingerprint(raw: &Value) -> String {
    fn canonical(v: &Value) -> Value {
        match v {
            Value::Object(map) => {
                let sorted: BTreeMap<&String, Value> = map.iter().map(|(k, v)| (k, canonical(v))).collect();
                Value::Object(sorted.into_iter().map(|(k, v)| (k.clone(), v)).collect())
            }
            Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
            other => other.clone(),
        }
    }
    let text = serde_json::to_string(&canonical(raw)).unwrap_or_default();
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fingerprints_ignore_key_order_but_not_values() {
        let a = fingerprint(&json!({"a": 1, "b": {"c": [1, 2], "d": null}}));
        let b = fingerprint(&json!({"b": {"d": null, "c": [1, 2]}, "a": 1}));
        assert_eq!(a, b);
        assert_ne!(a, fingerprint(&json!({"a": 1, "b": {"c": [2, 1], "d": null}})));
    }

    #[test]
    fn keys_are_visible_ascii_of_bounded_length() {
        assert!(IdempotencyKey::parse("readme-1").is_ok());
        for bad in ["", "with space", "å", &"k".repeat(KEY_MAX + 1)] {
            assert!(IdempotencyKey::parse(bad).is_err(), "{bad}");
        }
    }
}
