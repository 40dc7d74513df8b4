//! The operator's commands for accounts: `sesam set-password` (break-glass) and `sesam outbox`
//! (read the emails, links included, where there is no SMTP server).

use crate::{
    audit::{self, AuditEvent},
    auth::password::Passwords,
    domain::{Email, password::check_new_password, problems::Lang},
    entities::{account, outbox_email},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::fmt::Write;

/// Sets the account's password, ends its sessions and its open links, and audits it (no actor).
pub async fn set_password(
    db: &DatabaseConnection,
    passwords: &Passwords,
    email: &str,
    password: &str,
) -> Result<(), String> {
    let email = Email::parse(email).ok_or("--email is not a valid email address")?.normalized();
    check_new_password("password", password, Some(&email))
        .map_err(|e| format!("--password: {}", e.message_in(Lang::En)))?;
    let account = account::Entity::find()
        .filter(account::Column::Email.eq(email.clone()))
        .one(db)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("there is no account with email {email}"))?;
    let hash = passwords.hash(password).await.map_err(|e| e.to_string())?;
    let work = async {
        let txn = db.begin().await?;
        let mut active: account::ActiveModel = account.clone().into();
        active.password_hash = Set(hash);
        active.updated_at = Set(chrono::Utc::now());
        active.update(&txn).await?;
        crate::auth::links::end_all(&txn, account.id).await?;
        crate::auth::sessions::end_all(&txn, account.id).await?;
        audit::record(
            &txn,
            None,
            AuditEvent::PasswordReset { account_id: account.id, provider_id: account.provider_id },
        )
        .await?;
        txn.commit().await?;
        Ok::<(), crate::error::ApiError>(())
    };
    work.await.map_err(|e| e.to_string())
}

/// The outbox's emails as text, oldest first: those not yet sent, or all.
pub async fn outbox_text(db: &DatabaseConnection, all: bool, to: Option<&str>) -> Result<String, String> {
    let mut query = outbox_email::Entity::find();
    if !all {
        query = query.filter(outbox_email::Column::SentAt.is_null());
    }
    if let Some(to) = to {
        query = query.filter(outbox_email::Column::Recipient.eq(to.trim()));
    }
    let rows = query.order_by_asc(outbox_email::Column::Id).all(db).await.map_err(|e| e.to_string())?;
    let mut out = String::new();
    for row in &rows {
        let state = if row.sent_at.is_some() { "sent" } else { "waiting" };
        let _ = writeln!(out, "──── {} · {} · {state}", row.created_at.format("%Y-%m-%d %H:%M"), row.kind);
        let _ = writeln!(out, "To: {}\nSubject: {}\n\n{}", row.recipient, row.subject, row.body.trim_end());
    }
    let _ = writeln!(out, "({} email(s))", rows.len());
    Ok(out)
}
