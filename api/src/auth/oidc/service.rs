//! The sign-in itself: starting it, finishing it at the callback, and the SPA's exchange of the
//! one-time code for a token.

use super::{Provider, client::HttpError};
use crate::{
    auth::{dto::TokenResponse, links},
    domain::{Email, PersonalNumber},
    entities::{account, oidc_login},
    error::{ApiError, Code, FieldError, FieldErrors},
    state::AppState,
};
use base64::Engine;
use openidconnect::{
    AuthorizationCode, CsrfToken, Nonce, PkceCodeChallenge, PkceCodeVerifier, Scope, TokenResponse as _,
    core::CoreAuthenticationFlow,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use std::time::Duration;
use uuid::Uuid;

/// How long a sign-in may take at the provider.
const LOGIN_TTL: Duration = Duration::from_secs(10 * 60);
/// How long the SPA has to exchange its one-time code.
const CODE_TTL: Duration = Duration::from_secs(60);
/// The Swedish OIDC profile's claim, recorded when signing in by email (rule 20).
pub const SWEDISH_PERSONAL_NUMBER_CLAIM: &str = "https://id.oidc.se/claim/personalIdentityNumber";

/// Why a sign-in failed: the code in the login page's `error` query parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The provider cannot be reached, or answered nonsense.
    Unavailable,
    /// The person cancelled, or the provider refused.
    Refused,
    /// The `state` is unknown, used or expired (a replay, a forgery, or a sign-in left too long).
    State,
    /// The ID token failed verification (signature, issuer, audience, expiry, nonce).
    InvalidToken,
    /// No personal number (or no verified email) to find the account by.
    NoIdentity,
    /// Nobody in Sesam has that personal number or email.
    UnknownPerson,
    /// The account is deactivated.
    AccountInactive,
}

impl Failure {
    /// The code as the SPA reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            Failure::Unavailable => "oidc_unavailable",
            Failure::Refused => "oidc_refused",
            Failure::State => "oidc_state",
            Failure::InvalidToken => "oidc_invalid_token",
            Failure::NoIdentity => "oidc_no_identity",
            Failure::UnknownPerson => "oidc_unknown_person",
            Failure::AccountInactive => "oidc_account_inactive",
        }
    }
}

fn unavailable(e: impl std::fmt::Display) -> Failure {
    log::warn!("identity provider: {e}");
    Failure::Unavailable
}

/// Starts a sign-in: remembers `state`, `nonce` and the PKCE verifier, and answers the provider's
/// address to send the browser to with the `state` (for the browser-binding cookie).
pub async fn start(state: &AppState, provider: &Provider) -> Result<(String, String), Failure> {
    let client = provider.client(false).await.map_err(unavailable)?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client
        .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
        .set_pkce_challenge(challenge);
    for scope in provider.settings.scopes.split_whitespace().filter(|s| *s != "openid") {
        request = request.add_scope(Scope::new(scope.to_owned()));
    }
    let (url, csrf, nonce) = request.url();
    let now = chrono::Utc::now();
    // Sign-ins nobody finished are of no use to anyone.
    oidc_login::Entity::delete_many()
        .filter(oidc_login::Column::ExpiresAt.lt(now))
        .exec(&state.db)
        .await
        .map_err(unavailable)?;
    oidc_login::ActiveModel {
        id: Set(Uuid::now_v7()),
        state_hash: Set(crate::auth::api_token::hash(csrf.secret())),
        nonce: Set(nonce.secret().clone()),
        pkce_verifier: Set(verifier.secret().clone()),
        created_at: Set(now),
        expires_at: Set(now + chrono::Duration::from_std(LOGIN_TTL).unwrap_or_default()),
    }
    .insert(&state.db)
    .await
    .map_err(unavailable)?;
    Ok((url.to_string(), csrf.secret().clone()))
}

/// Finishes a sign-in at the callback: answers the one-time code for the SPA.
///
/// `cookie_state` is the `state` the browser that started the sign-in kept: a callback in another
/// browser (login CSRF) is refused like a replay.
pub async fn finish(
    state: &AppState,
    provider: &Provider,
    code: &str,
    returned_state: &str,
    cookie_state: Option<&str>,
) -> Result<String, Failure> {
    if cookie_state != Some(returned_state) {
        return Err(Failure::State);
    }
    // Take the pending sign-in: one conditional delete, so a replayed state finds nothing.
    let hash = crate::auth::api_token::hash(returned_state);
    let pending = oidc_login::Entity::find()
        .filter(oidc_login::Column::StateHash.eq(&hash))
        .one(&state.db)
        .await
        .map_err(unavailable)?
        .ok_or(Failure::State)?;
    let taken = oidc_login::Entity::delete_many()
        .filter(oidc_login::Column::Id.eq(pending.id))
        .filter(oidc_login::Column::ExpiresAt.gt(chrono::Utc::now()))
        .exec(&state.db)
        .await
        .map_err(unavailable)?;
    if taken.rows_affected != 1 {
        return Err(Failure::State);
    }

    let client = provider.client(false).await.map_err(unavailable)?;
    let http = |r| provider.send(r);
    let tokens = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(unavailable)?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier))
        .request_async(&http)
        .await
        .map_err(|e| {
            log::warn!("identity provider: the code exchange failed: {e}");
            Failure::Refused
        })?;
    let id_token = tokens.id_token().ok_or(Failure::InvalidToken)?;
    let nonce = Nonce::new(pending.nonce);
    let claims = match id_token.claims(&client.id_token_verifier(), &nonce) {
        Ok(c) => c.clone(),
        Err(openidconnect::ClaimsVerificationError::SignatureVerification(
            openidconnect::SignatureVerificationError::NoMatchingKey,
        )) => {
            // The provider may have rotated its keys since discovery: fetch them again, once.
            let fresh = provider.client(true).await.map_err(unavailable)?;
            id_token.claims(&fresh.id_token_verifier(), &nonce).map_err(rejected)?.clone()
        }
        Err(e) => return Err(rejected(e)),
    };
    // The token is verified: its payload may be read for the claims the library does not model.
    let extra = payload(&id_token.to_string()).ok_or(Failure::InvalidToken)?;
    let email_verified = claims.email_verified() == Some(true);
    let email = claims.email().map(|e| e.as_str().to_owned());
    let account = find_account(state, provider, &extra, email.filter(|_| email_verified)).await?;
    if !account.active {
        return Err(Failure::AccountInactive);
    }
    crate::auth::last_seen::record(&state.db, &account).await.map_err(unavailable)?;
    links::issue(&state.db, account.id, links::Purpose::OidcCode, CODE_TTL).await.map_err(unavailable)
}

fn rejected(e: openidconnect::ClaimsVerificationError) -> Failure {
    log::warn!("identity provider: an ID token was refused: {e}");
    Failure::InvalidToken
}

/// The claims of a JWT's payload, without any check: call only for a verified token.
fn payload(jwt: &str) -> Option<serde_json::Map<String, serde_json::Value>> {
    let part = jwt.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part.trim_end_matches('=')).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The account of the person: by the personal number claim when configured (no fallback), else by
/// a verified email. A verified number is recorded on the account (rule 7 relies on it).
async fn find_account(
    state: &AppState,
    provider: &Provider,
    claims: &serde_json::Map<String, serde_json::Value>,
    verified_email: Option<String>,
) -> Result<account::Model, Failure> {
    let number_of = |claim: &str| claims.get(claim).and_then(|v| v.as_str()).and_then(PersonalNumber::parse);
    let (account, number) = match &provider.settings.personal_number_claim {
        Some(claim) => {
            let number = number_of(claim).ok_or(Failure::NoIdentity)?;
            let account = account::Entity::find()
                .filter(account::Column::PersonalNumber.eq(number.as_str()))
                .one(&state.db)
                .await
                .map_err(unavailable)?;
            (account, Some(number))
        }
        None => {
            let email = verified_email.as_deref().and_then(Email::parse).ok_or(Failure::NoIdentity)?;
            let account = account::Entity::find()
                .filter(account::Column::Email.eq(email.normalized()))
                .one(&state.db)
                .await
                .map_err(unavailable)?;
            (account, number_of(SWEDISH_PERSONAL_NUMBER_CLAIM))
        }
    };
    let account = account.ok_or(Failure::UnknownPerson)?;
    // A number already on another account is not moved to this one (found by email).
    let number = match number {
        Some(n) if provider.settings.personal_number_claim.is_none() => {
            let elsewhere = account::Entity::find()
                .filter(account::Column::PersonalNumber.eq(n.as_str()))
                .filter(account::Column::Id.ne(account.id))
                .count(&state.db)
                .await
                .map_err(unavailable)?;
            (elsewhere == 0).then_some(n)
        }
        other => other,
    };
    match number {
        Some(number)
            if account.active
                && !account.personal_number_verified
                && account.personal_number.as_deref().is_none_or(|n| n == number.as_str()) =>
        {
            let mut active: account::ActiveModel = account.into();
            active.personal_number = Set(Some(number.as_str().to_owned()));
            active.personal_number_verified = Set(true);
            active.update(&state.db).await.map_err(unavailable)
        }
        _ => Ok(account),
    }
}

/// `POST /auth/oidc/exchange`: the one-time code of a finished sign-in for a token.
pub async fn exchange(
    state: &AppState,
    request: super::dto::ExchangeRequest,
    mut errors: FieldErrors,
) -> Result<TokenResponse, ApiError> {
    let code = request.code.take_nonempty("code", &mut errors);
    let code = errors.finish_with(code)?;
    let invalid = || {
        ApiError::Validation(vec![FieldError::new("code", Code::InvalidToken).with_message(
            "Inloggningen har gått ut eller redan använts. Logga in igen.",
            "The sign-in has expired or was already used. Sign in again.",
        )])
    };
    let account_id = links::consume(&state.db, &code, links::Purpose::OidcCode).await?.ok_or_else(invalid)?;
    let account = account::Entity::find_by_id(account_id).one(&state.db).await?.ok_or_else(invalid)?;
    if !account.active {
        return Err(invalid());
    }
    crate::auth::service::issue_token(state, account.id, account.session_generation)
}

impl From<HttpError> for Failure {
    fn from(e: HttpError) -> Self {
        unavailable(e)
    }
}
