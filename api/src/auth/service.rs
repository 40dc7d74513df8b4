//! Logging in and changing one's own password.

use super::{
    Caller,
    dto::{ChangePasswordRequest, HeldRightDto, LoginRequest, Me, TokenResponse},
};
use crate::{
    domain::{Email, password::check_new_password},
    entities::account,
    error::{ApiError, Code, FieldErrors},
    state::AppState,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

/// Logs in with email and password; throttled per account and per client address.
pub async fn login(
    state: &AppState,
    request: LoginRequest,
    mut errors: FieldErrors,
    client: &str,
) -> Result<TokenResponse, ApiError> {
    if !state.settings.password_login {
        return Err(ApiError::Forbidden(Code::PasswordLoginDisabled));
    }
    let email = request.email.take_text("email", &mut errors);
    let password = request.password.take_nonempty("password", &mut errors);
    let (email, password) = errors.finish_with((email, password))?;
    let key = email.trim().to_lowercase();

    if let Some(retry_after_secs) = state.login_throttle.retry_after(&key, client) {
        return Err(ApiError::TooManyRequests { retry_after_secs });
    }
    let account = match Email::parse(&email) {
        Some(e) => account::Entity::find().filter(account::Column::Email.eq(e.normalized())).one(&state.db).await?,
        None => None,
    };
    // An invited account has no password yet (an empty hash): it costs the same as an unknown one.
    let hash = account.as_ref().map(|a| a.password_hash.as_str()).filter(|h| !h.is_empty());
    let matches = state.passwords.verify(&password, hash).await?;
    match account {
        Some(account) if matches && account.active => {
            super::last_seen::record(&state.db, &account).await?;
            state.login_throttle.record_success(&key);
            issue_token(state, account.id, account.session_generation)
        }
        _ => {
            state.login_throttle.record_failure(&key, client);
            Err(ApiError::InvalidCredentials)
        }
    }
}

/// A new token for an account, in its session generation.
pub fn issue_token(state: &AppState, account_id: uuid::Uuid, generation: i64) -> Result<TokenResponse, ApiError> {
    let access_token = state.jwt.issue(account_id, generation).map_err(ApiError::internal)?;
    Ok(TokenResponse { access_token, token_type: "Bearer".into(), expires_in: state.jwt.ttl().as_secs() })
}

/// A fresh token for the caller's session: same account, same session generation (rule 18).
pub fn refresh(state: &AppState, caller: &Caller) -> Result<TokenResponse, ApiError> {
    caller.require_session()?;
    issue_token(state, caller.id(), caller.account.session_generation)
}

/// Ends every session of the caller's account (rule 18), the one of this request included.
pub async fn logout_all(state: &AppState, caller: &Caller) -> Result<(), ApiError> {
    caller.require_session()?;
    let txn = state.db.begin().await?;
    super::sessions::end_all(&txn, caller.id()).await?;
    crate::audit::record(
        &txn,
        Some(caller.id()),
        crate::audit::AuditEvent::SessionsEnded { account_id: caller.id(), provider_id: caller.account.provider_id },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The caller's own account.
pub async fn me(db: &impl ConnectionTrait, caller: &Caller) -> Result<Me, ApiError> {
    Ok(Me {
        id: caller.account.id,
        email: caller.account.email.clone(),
        name: caller.account.name.clone(),
        provider_id: caller.account.provider_id,
        roles: caller.roles(),
        ordering_rights: caller
            .ordering_rights
            .iter()
            .map(|r| HeldRightDto { provider_id: r.provider_id, provider_name: r.provider_name.clone() })
            .collect(),
        ordering_right_requests: crate::ordering_rights::requests::pending_of(db, caller).await?,
    })
}

/// Changes the caller's password after checking the current one. Every token issued before
/// is refused from now on; the answer carries a fresh one.
pub async fn change_password(
    state: &AppState,
    caller: &Caller,
    request: ChangePasswordRequest,
    mut errors: FieldErrors,
) -> Result<TokenResponse, ApiError> {
    // A script's API token never changes its account's password.
    caller.require_session()?;
    let current = request.current_password.take_nonempty("current_password", &mut errors);
    let new = request.new_password.take_nonempty("new_password", &mut errors);
    if let Some(new) = &new {
        errors.check(check_new_password("new_password", new, Some(&caller.account.email)));
    }
    if let Some(current) = &current
        && !state.passwords.verify(current, Some(&caller.account.password_hash)).await?
    {
        errors.add("current_password", Code::WrongPassword);
    }
    let new = errors.finish_with(new)?;
    let hash = state.passwords.hash(&new).await?;
    let txn = state.db.begin().await?;
    let mut active: account::ActiveModel = caller.account.clone().into();
    active.password_hash = Set(hash);
    active.updated_at = Set(chrono::Utc::now());
    active.update(&txn).await?;
    // Every other session ends; the answer carries a token of the new generation.
    let generation = super::sessions::end_all(&txn, caller.id()).await?;
    crate::audit::record(
        &txn,
        Some(caller.id()),
        crate::audit::AuditEvent::PasswordChanged { account_id: caller.id(), provider_id: caller.account.provider_id },
    )
    .await?;
    txn.commit().await?;
    issue_token(state, caller.id(), generation)
}
