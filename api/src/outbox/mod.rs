//! The transactional outbox of emails.
//!
//! An email is a row written with [`enqueue`] in the same transaction as the change that causes it,
//! so it exists if and only if the change does; a request never waits for SMTP nor fails on it.
//! The background [`sender`] started by `sesam serve` delivers the rows over SMTP, at least once,
//! each with a stable `Message-ID` derived from the row's id, retrying with backoff. Rows are
//! claimed by a conditional update with a lease, so one row is sent by one sender at a time, also
//! when several API replicas share one PostgreSQL database.

pub mod sender;

use crate::entities::outbox_email;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use uuid::Uuid;

/// Kinds of email that are not notifications (those use the notification's kind).
pub mod kind {
    /// Direct information from support to expert users.
    pub const EXPERT_USER_MESSAGE: &str = "expert_user_message";
    /// An order sent to IT, told to `SESAM_IT_EMAIL`.
    pub const ORDER_SUBMITTED: &str = "order_submitted";
    /// An account's activation link (rule 16).
    pub const ACCOUNT_INVITATION: &str = "account_invitation";
    /// A password-reset link (rule 16).
    pub const PASSWORD_RESET: &str = "password_reset";
    /// The notice that an unused account is about to be deactivated (rule 19).
    pub const DORMANT_NOTICE: &str = "dormant_notice";
}

/// The line every email of Sesam ends with.
pub const FOOTER: &str = "Detta meddelande skickades automatiskt av Sesam och går inte att svara på.";

/// One email to queue.
#[derive(Clone, Debug)]
pub struct OutgoingEmail<'a> {
    /// What caused it (a notification kind, [`kind::EXPERT_USER_MESSAGE`], [`kind::ORDER_SUBMITTED`]).
    pub kind: &'a str,
    /// One address.
    pub to: &'a str,
    pub subject: &'a str,
    /// Plain text (Swedish); the footer is added here.
    pub body: &'a str,
    /// The order it is about, if any.
    pub order_id: Option<Uuid>,
}

/// Queues one email. Pass the transaction of the change that causes it.
pub async fn enqueue(db: &impl ConnectionTrait, email: &OutgoingEmail<'_>) -> Result<Uuid, DbErr> {
    let now = chrono::Utc::now();
    let id = Uuid::now_v7();
    outbox_email::ActiveModel {
        id: Set(id),
        kind: Set(email.kind.to_owned()),
        recipient: Set(email.to.trim().to_owned()),
        subject: Set(one_line(email.subject)),
        body: Set(format!("{}\n\n-- \n{FOOTER}\n", email.body.trim_end())),
        order_id: Set(email.order_id),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        locked_by: Set(None),
        sent_at: Set(None),
        failed_at: Set(None),
        last_error: Set(None),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// Tells IT's mailbox (`SESAM_IT_EMAIL`) of an order sent to IT; nothing when it is not set.
///
/// The orders code calls it in the transaction that sends an order, with the order's reference,
/// person and permission in `subject` and `body`.
pub async fn enqueue_for_it(
    db: &impl ConnectionTrait,
    it_email: Option<&str>,
    subject: &str,
    body: &str,
    order_id: Option<Uuid>,
) -> Result<Option<Uuid>, DbErr> {
    let Some(to) = it_email else { return Ok(None) };
    let email = OutgoingEmail { kind: kind::ORDER_SUBMITTED, to, subject, body, order_id };
    enqueue(db, &email).await.map(Some)
}

/// The body with every link token (`#token=` and its hex digits) taken out, or `None` when it has none.
pub fn without_link_tokens(body: &str) -> Option<String> {
    const MARK: &str = "#token=";
    if !body.contains(MARK) {
        return None;
    }
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at + MARK.len()]);
        rest = &rest[at + MARK.len()..];
        let digits = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        out.push_str("(borttagen efter sändning)");
        rest = &rest[digits..];
    }
    out.push_str(rest);
    Some(out)
}

/// A subject is one line: line breaks become spaces.
fn one_line(s: &str) -> String {
    s.split(['\r', '\n']).map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_tokens_are_taken_out_of_sent_bodies() {
        let body = "Välj här:\n\nhttps://sesam.example/aktivera#token=3f1cab09\n\nHej";
        assert_eq!(
            without_link_tokens(body).as_deref(),
            Some("Välj här:\n\nhttps://sesam.example/aktivera#token=(borttagen efter sändning)\n\nHej")
        );
        assert_eq!(without_link_tokens("Ingen länk"), None);
    }

    #[test]
    fn subjects_are_one_line() {
        assert_eq!(one_line("Ny beställning\r\nSES-2026-000001 "), "Ny beställning SES-2026-000001");
    }
}
