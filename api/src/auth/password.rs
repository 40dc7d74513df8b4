//! argon2id password hashing, off the async threads and with bounded concurrency, so that a
//! burst of logins cannot exhaust memory (each hash takes `m` KiB).

use crate::{config::Argon2Cost, error::ApiError};
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest password accepted (argon2 would take more, but nobody types this much).
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Hashes and verifies passwords.
pub struct Passwords {
    cost: Argon2Cost,
    permits: Arc<Semaphore>,
    /// Verified against when an email is unknown, so that the answer takes as long as for a known one.
    dummy_hash: String,
}

impl Passwords {
    pub fn new(cost: Argon2Cost) -> Result<Passwords, String> {
        let permits = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).max(2);
        let dummy_hash = hash_blocking(cost, "sesam-dummy-password-for-timing")?;
        Ok(Passwords { cost, permits: Arc::new(Semaphore::new(permits)), dummy_hash })
    }

    /// The argon2id PHC string of `password`.
    pub async fn hash(&self, password: &str) -> Result<String, ApiError> {
        let _permit = self.permits.acquire().await.map_err(ApiError::internal)?;
        let cost = self.cost;
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || hash_blocking(cost, &password))
            .await
            .map_err(ApiError::internal)?
            .map_err(ApiError::internal)
    }

    /// Whether `password` matches `hash`; with no hash, spends the same time and answers false.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> Result<bool, ApiError> {
        let _permit = self.permits.acquire().await.map_err(ApiError::internal)?;
        let known = hash.is_some();
        let hash = hash.unwrap_or(&self.dummy_hash).to_owned();
        let password = password.to_owned();
        let matches = tokio::task::spawn_blocking(move || {
            // The parameters come from the stored hash itself.
            Argon2::default().verify_password(password.as_bytes(), hash.as_str()).is_ok()
        })
        .await
        .map_err(ApiError::internal)?;
        Ok(known && matches)
    }
}

fn hash_blocking(cost: Argon2Cost, password: &str) -> Result<String, String> {
    let params = Params::new(cost.memory_kib, cost.iterations, cost.parallelism, None).map_err(|e| e.to_string())?;
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_with_the_configured_cost_and_verify() {
        let cost = Argon2Cost { memory_kib: 1024, iterations: 1, parallelism: 1 };
        let passwords = Passwords::new(cost).expect("params");
        let hash = passwords.hash("korrekt-häst-batteri").await.expect("hash");
        assert!(hash.starts_with("$argon2id$v=19$m=1024,t=1,p=1$"), "{hash}");
        assert!(passwords.verify("korrekt-häst-batteri", Some(&hash)).await.expect("verify"));
        assert!(!passwords.verify("fel", Some(&hash)).await.expect("verify"));
        assert!(!passwords.verify("sesam-dummy-password-for-timing", None).await.expect("verify"));
    }

    #[test]
    fn the_default_cost_is_owasp() {
        let hash = hash_blocking(Argon2Cost::OWASP_MINIMUM, "x").expect("hash");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
    }
}
