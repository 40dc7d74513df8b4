//! argon2id password hashing, off the async threads and with bounded concurrency, so that a
//! burst of logins cannot exhaust memory (each hash takes `m` KiB).
//!
//! Verifying reuses its working memory: one buffer of `m` KiB per permit, kept from one login to
//! the next. Left to the allocator, each login allocated and freed 19 MiB, and glibc kept freed
//! copies in its per-thread arenas: under a stream of logins the server grew past 900 MB. With the
//! buffers it stays near its size at rest.

use crate::{config::Argon2Cost, error::ApiError};
use argon2::{Algorithm, Argon2, Block, Params, PasswordHash, PasswordHasher, Version, password_hash::phc::Output};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// Hashes and verifies passwords.
pub struct Passwords {
    cost: Argon2Cost,
    permits: Arc<Semaphore>,
    /// argon2 working memory for verifying, reused (at most one buffer per permit is in use).
    memory: Arc<Mutex<Vec<Vec<Block>>>>,
    /// Verified against when an email is unknown, so that the answer takes as long as for a known one.
    dummy_hash: String,
}

impl Passwords {
    pub fn new(cost: Argon2Cost) -> Result<Passwords, String> {
        let permits = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).max(2);
        let dummy_hash = hash_blocking(cost, "sesam-dummy-password-for-timing")?;
        Ok(Passwords {
            cost,
            permits: Arc::new(Semaphore::new(permits)),
            memory: Arc::new(Mutex::new(Vec::new())),
            dummy_hash,
        })
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
        let pool = self.memory.clone();
        let matches = tokio::task::spawn_blocking(move || {
            let mut memory = pool.lock().ok().and_then(|mut free| free.pop()).unwrap_or_default();
            let matches = verify_with_memory(password.as_bytes(), &hash, &mut memory);
            if let Ok(mut free) = pool.lock() {
                free.push(memory);
            }
            matches
        })
        .await
        .map_err(ApiError::internal)?;
        Ok(known && matches)
    }
}

/// Whether `password` matches the PHC string `hash`, computed in `memory` (grown to the hash's
/// `m` KiB when smaller, and wiped afterwards). The parameters, salt and expected output come from
/// the stored hash itself; the comparison is in constant time.
fn verify_with_memory(password: &[u8], hash: &str, memory: &mut Vec<Block>) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else { return false };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm.as_str()) else { return false };
    let version = match parsed.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(v)) => v,
        Some(Err(_)) => return false,
    };
    let Ok(params) = Params::try_from(&parsed) else { return false };
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else { return false };
    let blocks = params.block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let mut out = vec![0u8; expected.len()];
    let computed = Argon2::new(algorithm, version, params).hash_password_into_with_memory(
        password,
        salt.as_ref(),
        &mut out,
        &mut memory[..blocks],
    );
    memory[..blocks].fill(Block::default());
    computed.is_ok() && Output::new(&out).is_ok_and(|out| out == *expected)
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
        assert!(!passwords.verify("korrekt-häst-batteri", Some("not a hash")).await.expect("verify"));
        // A hash made elsewhere, with other parameters, verifies too (they come from the hash).
        let other = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(2048, 2, 1, None).expect("params"))
            .hash_password("annat-lösenord".as_bytes())
            .expect("hash")
            .to_string();
        assert!(passwords.verify("annat-lösenord", Some(&other)).await.expect("verify"));
        assert!(!passwords.verify("annat-losenord", Some(&other)).await.expect("verify"));
        // The buffers are reused: one per concurrent verification at most.
        assert!(passwords.memory.lock().expect("memory").len() <= 2);
    }

    #[test]
    fn the_default_cost_is_owasp() {
        let hash = hash_blocking(Argon2Cost::OWASP_MINIMUM, "x").expect("hash");
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
    }
}
