//! Rule 16: nobody knows another person's password. An account is made without one; Sesam emails
//! the person an activation link (single use, `SESAM_INVITE_TTL`, on `SESAM_PUBLIC_URL`), where they
//! choose their own. Support may send a new link; anyone may ask for a reset link (the answer never
//! tells whether the address has an account). The links' tokens go in the URL's fragment
//! (`#token=`), which browsers never send to a server: no access log ever sees them.

use super::dto::{PasswordResetRequest, SetPasswordWithToken};
use crate::{
    audit::{self, AuditEvent},
    auth::{
        Caller,
        dto::TokenResponse,
        links::{self, Purpose},
    },
    domain::{Email, password::check_new_password},
    entities::account,
    error::{ApiError, Code, FieldError, FieldErrors},
    outbox::{self, OutgoingEmail},
    state::AppState,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use std::time::Duration;
use uuid::Uuid;

/// How long a password-reset link works.
pub const RESET_TTL: Duration = Duration::from_secs(3600);

/// Where the SPA's activation page is, under `SESAM_PUBLIC_URL`.
pub const ACTIVATION_PATH: &str = "/aktivera";
/// Where the SPA's page for a new password is, under `SESAM_PUBLIC_URL`.
pub const RESET_PATH: &str = "/nytt-losenord";

fn hours(ttl: Duration) -> u64 {
    ttl.as_secs().div_ceil(3600).max(1)
}

/// Queues the activation email of an account (on the caller's transaction): a fresh link, and every
/// earlier one dead.
pub async fn send_invitation(
    db: &impl ConnectionTrait,
    state: &AppState,
    account: &account::Model,
) -> Result<(), ApiError> {
    let ttl = state.settings.invite_ttl;
    let token = links::issue(db, account.id, Purpose::Activation, ttl).await?;
    let link = format!("{}{ACTIVATION_PATH}#token={token}", state.settings.public_url);
    let body = format!(
        "Hej {name}!\n\nEtt konto i Sesam har skapats åt dig ({email}). Välj ditt lösenord här:\n\n{link}\n\n\
         Länken gäller i {hours} timmar och kan användas en gång. Har den hunnit gå ut kan du be \
         supporten om en ny, eller välja \"Glömt lösenordet?\" på inloggningssidan.",
        name = account.name,
        email = account.email,
        hours = hours(ttl),
    );
    let email = OutgoingEmail {
        kind: outbox::kind::ACCOUNT_INVITATION,
        to: &account.email,
        subject: "Välkommen till Sesam – välj ditt lösenord",
        body: &body,
        order_id: None,
    };
    outbox::enqueue(db, &email).await?;
    Ok(())
}

/// `POST /accounts/{id}/invite` (support): a new activation link for the account; the old ones die.
pub async fn invite(state: &AppState, caller: &Caller, id: Uuid) -> Result<(), ApiError> {
    caller.require_admin()?;
    let account = account::Entity::find_by_id(id).one(&state.db).await?.ok_or(ApiError::NotFound)?;
    if !account.active {
        return Err(ApiError::conflict_in(
            Code::AccountInactive,
            "Kontot är inaktiverat. Aktivera det innan du skickar en inbjudan.",
            "The account is deactivated. Reactivate it before sending an invitation.",
        ));
    }
    let txn = state.db.begin().await?;
    send_invitation(&txn, state, &account).await?;
    audit::record(
        &txn,
        Some(caller.id()),
        AuditEvent::InvitationSent { account_id: account.id, provider_id: account.provider_id },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// `POST /auth/password-reset`: queues a reset link when the address belongs to an active account.
/// The answer is the same either way, and comes before any of the work is done, so that neither its
/// content nor its time tells whether the address has an account.
pub async fn request_reset(
    state: &AppState,
    request: PasswordResetRequest,
    mut errors: FieldErrors,
) -> Result<(), ApiError> {
    let email = request.email.take_text("email", &mut errors);
    let email = errors.finish_with(email)?;
    let Some(email) = Email::parse(&email).map(|e| e.normalized()) else {
        // Not an address at all: the same answer as for an unknown one.
        return Ok(());
    };
    let db = state.db.clone();
    let public_url = state.settings.public_url.clone();
    tokio::spawn(async move {
        if let Err(e) = send_reset(&db, &public_url, &email).await {
            log::error!("a password-reset link could not be queued: {e:?}");
        }
    });
    Ok(())
}

async fn send_reset(db: &DatabaseConnection, public_url: &str, email: &str) -> Result<(), ApiError> {
    let Some(account) = account::Entity::find().filter(account::Column::Email.eq(email)).one(db).await? else {
        return Ok(());
    };
    if !account.active {
        return Ok(());
    }
    let txn = db.begin().await?;
    let token = links::issue(&txn, account.id, Purpose::Reset, RESET_TTL).await?;
    let link = format!("{public_url}{RESET_PATH}#token={token}");
    let body = format!(
        "Hej {name}!\n\nNågon, förhoppningsvis du, bad om ett nytt lösenord till Sesam för {email}. Välj \
         ett nytt här:\n\n{link}\n\nLänken gäller i {hours} timme och kan användas en gång. Bad du inte om \
         detta kan du bortse från meddelandet: ditt lösenord är oförändrat.",
        name = account.name,
        email = account.email,
        hours = hours(RESET_TTL),
    );
    let email = OutgoingEmail {
        kind: outbox::kind::PASSWORD_RESET,
        to: &account.email,
        subject: "Sesam – välj ett nytt lösenord",
        body: &body,
        order_id: None,
    };
    outbox::enqueue(&txn, &email).await?;
    txn.commit().await?;
    Ok(())
}

/// `POST /auth/activate` and `POST /auth/password-reset/confirm`: the person behind a link chooses
/// their password. Every problem at once (`invalid_token`, `weak_password`); then the link dies,
/// every other link and every session of the account ends (rule 18), and the answer signs them in.
pub async fn set_password_with_token(
    state: &AppState,
    purpose: Purpose,
    request: SetPasswordWithToken,
    mut errors: FieldErrors,
) -> Result<TokenResponse, ApiError> {
    let token = request.token.take_text("token", &mut errors);
    let password = request.password.take_nonempty("password", &mut errors);
    // The account behind the token, for the password's checks; used only once the token is taken.
    let account = match &token {
        Some(token) => links::peek(&state.db, token, purpose).await?,
        None => None,
    };
    let account = match account {
        Some(a) if a.active => Some(a),
        _ if token.is_some() => {
            errors.push(invalid_token());
            None
        }
        _ => None,
    };
    if let Some(password) = &password {
        errors.check(check_new_password("password", password, account.as_ref().map(|a| a.email.as_str())));
    }
    let (token, password, account) = errors.finish_with((token, password, account))?;
    let hash = state.passwords.hash(&password).await?;
    let txn = state.db.begin().await?;
    if links::consume(&txn, &token, purpose).await? != Some(account.id) {
        // Another request took the link in the meantime.
        return Err(ApiError::Validation(vec![invalid_token()]));
    }
    let mut active: account::ActiveModel = account.clone().into();
    active.password_hash = Set(hash);
    active.updated_at = Set(chrono::Utc::now());
    // The answer signs the person in: that counts as a sign-in (rule 19).
    active.last_seen_at = Set(Some(chrono::Utc::now()));
    active.update(&txn).await?;
    links::end_all(&txn, account.id).await?;
    // Rule 18: a new password ends every earlier session. A first activation has none to end
    // (nobody could sign in without a password), so its counter stays as it is.
    let generation = if purpose == Purpose::Activation && account.password_hash.is_empty() {
        account.session_generation
    } else {
        crate::auth::sessions::end_all(&txn, account.id).await?
    };
    let event = match purpose {
        Purpose::Activation => {
            AuditEvent::AccountActivated { account_id: account.id, provider_id: account.provider_id }
        }
        _ => AuditEvent::PasswordReset { account_id: account.id, provider_id: account.provider_id },
    };
    audit::record(&txn, Some(account.id), event).await?;
    txn.commit().await?;
    crate::auth::service::issue_token(state, account.id, generation)
}

fn invalid_token() -> FieldError {
    FieldError::new("token", Code::InvalidToken).with_message(
        "Länken är ogiltig, redan använd eller har gått ut. Be om en ny.",
        "The link is invalid, already used or expired. Ask for a new one.",
    )
}
