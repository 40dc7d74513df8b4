//! One-time links and codes of an account (rules 16 and 20): an activation link, a password-reset
//! link, the code the OpenID Connect callback hands the SPA. Each token is 256 bits from the
//! operating system's random source; only its SHA-256 is stored (as with API tokens, a fast hash is
//! right for a token with all the entropy it needs). A token works once, until it expires, and
//! never appears in the log.

use crate::{
    entities::{account, account_link},
    error::ApiError,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::Expr};
use uuid::Uuid;

/// What a link is for; a token of one purpose never serves another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// The first password of an invited account.
    Activation,
    /// A new password for an account whose owner asked for one.
    Reset,
    /// The one-time code of a finished sign-in at the identity provider.
    OidcCode,
}

impl Purpose {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Activation => "activation",
            Purpose::Reset => "reset",
            Purpose::OidcCode => "oidc_code",
        }
    }
}

/// The longest token accepted; ours are 64 hex digits.
pub const TOKEN_HEX_DIGITS: usize = 64;

/// A new random token (64 hex digits).
pub fn random_token() -> Result<String, ApiError> {
    let mut secret = [0u8; TOKEN_HEX_DIGITS / 2];
    getrandom::fill(&mut secret).map_err(|e| ApiError::internal(format!("no randomness for a link: {e}")))?;
    Ok(secret.iter().map(|b| format!("{b:02x}")).collect())
}

/// Makes a link of `purpose` for the account, valid for `ttl`; answers the token (to send, never
/// to store or log). Earlier unused links of the same purpose die: only the newest works.
pub async fn issue(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    purpose: Purpose,
    ttl: std::time::Duration,
) -> Result<String, ApiError> {
    let now = chrono::Utc::now();
    if purpose != Purpose::OidcCode {
        account_link::Entity::update_many()
            .col_expr(account_link::Column::UsedAt, Expr::value(Some(now)))
            .filter(account_link::Column::AccountId.eq(account_id))
            .filter(account_link::Column::Purpose.eq(purpose.as_str()))
            .filter(account_link::Column::UsedAt.is_null())
            .exec(db)
            .await?;
    }
    let token = random_token()?;
    let ttl = chrono::Duration::from_std(ttl).map_err(ApiError::internal)?;
    account_link::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(account_id),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(crate::auth::api_token::hash(&token)),
        created_at: Set(now),
        expires_at: Set(now + ttl),
        used_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(token)
}

fn well_formed(token: &str) -> Option<String> {
    let token = token.trim();
    (token.len() == TOKEN_HEX_DIGITS && token.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| crate::auth::api_token::hash(&token.to_ascii_lowercase()))
}

/// The account of a live token of `purpose` (unused, unexpired), without using it.
pub async fn peek(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: Purpose,
) -> Result<Option<account::Model>, ApiError> {
    let Some(hash) = well_formed(token) else { return Ok(None) };
    let Some(link) = account_link::Entity::find()
        .filter(account_link::Column::TokenHash.eq(hash))
        .filter(account_link::Column::Purpose.eq(purpose.as_str()))
        .filter(account_link::Column::UsedAt.is_null())
        .filter(account_link::Column::ExpiresAt.gt(chrono::Utc::now()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(account::Entity::find_by_id(link.account_id).one(db).await?)
}

/// Uses a token of `purpose`: answers its account, or `None` when the token is unknown, of another
/// purpose, used or expired. The use is one conditional update, so of two requests with one token
/// (on any replica) exactly one succeeds. Call it on the transaction that acts on the account.
pub async fn consume(db: &impl ConnectionTrait, token: &str, purpose: Purpose) -> Result<Option<Uuid>, ApiError> {
    let Some(hash) = well_formed(token) else { return Ok(None) };
    let now = chrono::Utc::now();
    let Some(link) = account_link::Entity::find()
        .filter(account_link::Column::TokenHash.eq(hash))
        .filter(account_link::Column::Purpose.eq(purpose.as_str()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let used = account_link::Entity::update_many()
        .col_expr(account_link::Column::UsedAt, Expr::value(Some(now)))
        .filter(account_link::Column::Id.eq(link.id))
        .filter(account_link::Column::UsedAt.is_null())
        .filter(account_link::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok((used.rows_affected == 1).then_some(link.account_id))
}

/// Ends every unused link of the account (its password was set some other way, or it was
/// deactivated).
pub async fn end_all(db: &impl ConnectionTrait, account_id: Uuid) -> Result<(), ApiError> {
    account_link::Entity::update_many()
        .col_expr(account_link::Column::UsedAt, Expr::value(Some(chrono::Utc::now())))
        .filter(account_link::Column::AccountId.eq(account_id))
        .filter(account_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_hex() {
        let a = random_token().expect("token");
        let b = random_token().expect("token");
        assert_ne!(a, b);
        assert_eq!(a.len(), TOKEN_HEX_DIGITS);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
    }
}
