//! API tokens for integration scripts: `sesam_pat_` followed by 64 hex digits (256 bits from the
//! operating system's random source). Only the SHA-256 of a token is stored: a token has all the
//! entropy it needs, so a fast hash is right here (argon2 is for guessable passwords), and a
//! database leak does not give anyone a working token.

use sha2::{Digest, Sha256};

/// What every API token starts with, so that it is recognisable (to people and to secret scanners).
pub const PREFIX: &str = "sesam_pat_";
/// Hex digits after the prefix.
const SECRET_HEX_DIGITS: usize = 64;
/// Characters of the secret kept as a hint to tell tokens apart.
const HINT_CHARS: usize = 8;

/// A freshly made token: the token to show once, the hash to store, and the hint.
pub struct NewToken {
    pub token: String,
    pub hash: String,
    pub hint: String,
}

/// Makes a new token.
pub fn generate() -> Result<NewToken, String> {
    let mut secret = [0u8; SECRET_HEX_DIGITS / 2];
    getrandom::fill(&mut secret).map_err(|e| format!("no randomness for an API token: {e}"))?;
    let hex: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    let token = format!("{PREFIX}{hex}");
    let hint = format!("{PREFIX}{}", &hex[..HINT_CHARS]);
    Ok(NewToken { hash: hash(&token), token, hint })
}

/// Whether a bearer token is meant as an API token (rather than a JWT).
pub fn is_api_token(token: &str) -> bool {
    token.starts_with(PREFIX)
}

/// Whether the token has the shape of one we make; others are refused without a database look-up.
pub fn is_well_formed(token: &str) -> bool {
    token.strip_prefix(PREFIX).is_some_and(|s| {
        s.len() == SECRET_HEX_DIGITS && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// The stored form of a token: hex SHA-256.
pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_prefixed_random_and_hashed() {
        let a = generate().expect("token");
        let b = generate().expect("token");
        assert_ne!(a.token, b.token);
        assert!(a.token.starts_with("sesam_pat_") && a.token.len() == 10 + 64, "{}", a.token);
        assert!(is_api_token(&a.token) && is_well_formed(&a.token));
        assert_eq!(a.hash, hash(&a.token));
        assert_eq!(a.hash.len(), 64);
        assert!(!a.hash.contains(&a.token[10..]));
        assert!(a.token.starts_with(&a.hint) && a.hint.len() == 18);
        assert!(!is_well_formed("sesam_pat_short"));
        assert!(!is_well_formed(&a.token.to_uppercase()));
        assert!(!is_well_formed(&format!("{}0", a.token)));
        assert!(!is_api_token("eyJhbGciOiJIUzI1NiJ9.e30.x"));
        // A known vector, so the stored form never changes by accident.
        assert_eq!(hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
