//! Access tokens: JWTs signed HS256 (pinned; nothing else is accepted) with `sub`, `exp`, `nbf`,
//! `iat`, `iss` and `aud`, and `sgen`: the account's session generation when the token was issued
//! (a token is valid only while the account's counter still has that value; see `auth::sessions`).

use crate::config::Secret;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use uuid::Uuid;

/// The issuer written into and required of every token.
pub const ISSUER: &str = "sesam";
/// The audience written into and required of every token.
pub const AUDIENCE: &str = "sesam-api";

/// The claims of a Sesam access token.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub exp: u64,
    pub nbf: u64,
    pub iat: u64,
    pub iss: String,
    pub aud: String,
    /// The account's session generation at issue.
    pub sgen: i64,
}

/// The keys and rules for issuing and checking tokens.
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: Duration,
}

impl JwtKeys {
    pub fn new(secret: &Secret, ttl: Duration) -> JwtKeys {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["sub", "exp", "nbf", "iat", "iss", "aud"]);
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.leeway = 30;
        JwtKeys {
            encoding: EncodingKey::from_secret(secret.expose()),
            decoding: DecodingKey::from_secret(secret.expose()),
            validation,
            ttl,
        }
    }

    /// How long a new token lives.
    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// A new token for `account_id` in its session generation `generation`, valid from now for the
    /// configured time.
    pub fn issue(&self, account_id: Uuid, generation: i64) -> Result<String, jsonwebtoken::errors::Error> {
        let now = chrono::Utc::now().timestamp().max(0) as u64;
        let claims = Claims {
            sub: account_id.to_string(),
            exp: now + self.ttl.as_secs(),
            nbf: now,
            iat: now,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sgen: generation,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// The account and session generation of a valid token; `None` for anything else.
    pub fn verify(&self, token: &str) -> Option<(Uuid, i64)> {
        let data = decode::<Claims>(token, &self.decoding, &self.validation).ok()?;
        let id = Uuid::parse_str(&data.claims.sub).ok()?;
        Some((id, data.claims.sgen))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> JwtKeys {
        JwtKeys::new(&Secret::new("a-test-secret-that-is-long-enough-0123456789".into()), Duration::from_secs(60))
    }

    #[test]
    fn round_trip() {
        let id = Uuid::now_v7();
        let token = keys().issue(id, 7).expect("issue");
        assert_eq!(keys().verify(&token), Some((id, 7)));
    }

    #[test]
    fn refuses_other_keys_and_tampering() {
        let token = keys().issue(Uuid::now_v7(), 0).expect("issue");
        let other =
            JwtKeys::new(&Secret::new("another-secret-that-is-long-enough-0123456789".into()), Duration::from_secs(60));
        assert!(other.verify(&token).is_none());
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        parts[1] = parts[1].chars().rev().collect();
        assert!(keys().verify(&parts.join(".")).is_none());
    }
}
