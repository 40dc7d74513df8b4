//! The steps of the lifecycle: orderers of the provider submit and withdraw; IT takes, completes,
//! rejects and returns. One conditional update (`… WHERE id = ? AND status = ? AND version = ?`)
//! decides who wins a race, also across replicas; the step, its history row, its audit row and its
//! effects (announced through `crate::effects`) commit together or not at all.

use super::{
    access::{check_if_match, etag, invalid_transition, require_party, status_of, visible_order},
    dto::*,
    input,
    names::render,
    rules::check_rules,
    store::{self, record_history},
};
use crate::{
    audit::{self, AuditEvent},
    auth::Caller,
    domain::{Transition, order as rules},
    effects::{self, events::OrderTransitioned},
    entities::order,
    error::{ApiError, FieldErrors},
};
use chrono::Utc;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

/// How often a transition retries after losing a race to another change of the same order.
const ATTEMPTS: usize = 3;

/// The text a transition carries: its note (or reason, or question) and, on completion, the account name.
#[derive(Debug, Default)]
pub struct TransitionInput {
    pub text: Option<String>,
    pub account_name: Option<String>,
}

/// The field of a transition's text: `reason` (reject), `question` (return), else `note`.
fn text_field(t: Transition) -> &'static str {
    match t {
        Transition::Reject => "reason",
        Transition::Return => "question",
        _ => "note",
    }
}

fn past_tense(t: Transition) -> &'static str {
    match t {
        Transition::Submit => "submitted",
        Transition::Withdraw => "withdrawn",
        Transition::Take => "taken",
        Transition::Complete => "completed",
        Transition::Reject => "rejected",
        Transition::Return => "returned",
    }
}

/// Makes one step of the lifecycle.
///
/// `it_email` is IT's mailbox (`SESAM_IT_EMAIL`): when set, each order sent to IT is announced there.
#[allow(clippy::too_many_arguments)]
pub async fn transition(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    t: Transition,
    if_match: Option<&str>,
    input: TransitionInput,
    errors: FieldErrors,
    it_email: Option<&str>,
) -> Result<OrderDto, ApiError> {
    let body_errors = errors.into_vec();
    for _ in 0..ATTEMPTS {
        let current = visible_order(db, caller, id).await?;
        require_party(caller, &current, t.party())?;
        check_if_match(if_match, current.version)?;
        let from = status_of(&current)?;
        let Some(to) = t.apply(from) else { return Err(invalid_transition(past_tense(t), from)) };
        // Checked again in every round: a draft that lost a race was changed, and is sent as it is now.
        let mut errors = FieldErrors::new();
        body_errors.iter().cloned().for_each(|e| errors.push(e));
        let mandatory = matches!(t, Transition::Reject | Transition::Return);
        let text = rules::check_note(text_field(t), input.text.as_deref(), mandatory, &mut errors);
        let account_name = match t {
            Transition::Complete => rules::check_account_name(input.account_name.as_deref(), &mut errors),
            _ => None,
        };
        if t == Transition::Submit {
            // What is sent must still meet every rule, and not be for the one sending it.
            let stored = input::stored(&current, store::unit_ids_of(db, id).await?);
            check_rules(db, caller, current.provider_id, &stored, &mut errors).await?;
        }
        errors.finish()?;

        let txn = db.begin().await?;
        let now = Utc::now();
        let mut update = order::Entity::update_many()
            .col_expr(order::Column::Status, Expr::value(to.as_str()))
            .col_expr(order::Column::UpdatedAt, Expr::value(now))
            .col_expr(order::Column::Version, Expr::col(order::Column::Version).add(1));
        let none: Option<Uuid> = None;
        let no_time: Option<chrono::DateTime<Utc>> = None;
        update = match t {
            Transition::Submit => update
                .col_expr(order::Column::SubmittedBy, Expr::value(caller.id()))
                .col_expr(order::Column::SubmittedAt, Expr::value(now)),
            Transition::Withdraw => update,
            Transition::Take => update
                .col_expr(order::Column::TakenBy, Expr::value(caller.id()))
                .col_expr(order::Column::TakenAt, Expr::value(now)),
            Transition::Complete => update
                .col_expr(order::Column::CompletedBy, Expr::value(caller.id()))
                .col_expr(order::Column::CompletedAt, Expr::value(now))
                .col_expr(order::Column::AccountName, Expr::value(account_name.clone())),
            Transition::Reject => update.col_expr(order::Column::RejectReason, Expr::value(text.clone())),
            Transition::Return => update
                .col_expr(order::Column::ReturnQuestion, Expr::value(text.clone()))
                .col_expr(order::Column::ReturnedBy, Expr::value(caller.id()))
                .col_expr(order::Column::ReturnedAt, Expr::value(now))
                .col_expr(order::Column::SubmittedBy, Expr::value(none))
                .col_expr(order::Column::SubmittedAt, Expr::value(no_time))
                .col_expr(order::Column::TakenBy, Expr::value(none))
                .col_expr(order::Column::TakenAt, Expr::value(no_time)),
        };
        let result = update
            .filter(order::Column::Id.eq(id))
            .filter(order::Column::Status.eq(from.as_str()))
            .filter(order::Column::Version.eq(current.version))
            .exec(&txn)
            .await?;
        if result.rows_affected == 0 {
            // Someone else changed the order first: look again (the next round answers 409 or 412).
            txn.rollback().await?;
            continue;
        }
        record_history(&txn, id, Some(caller.id()), t.action(), Some(from), to, text.clone()).await?;
        let dto = render(&txn, id).await?;
        let event = OrderTransitioned {
            transition: t,
            before: &current,
            order: &dto,
            actor: Some(caller.id()),
            text: text.as_deref(),
        };
        effects::order_transitioned(&txn, &event, effects::Settings { it_email }).await?;
        let event = AuditEvent::OrderTransitioned {
            order_id: id,
            provider_id: current.provider_id,
            action: t.action().as_str(),
            reference: &current.reference,
            from: from.as_str(),
            to: to.as_str(),
        };
        audit::record(&txn, Some(caller.id()), event).await?;
        txn.commit().await?;
        return Ok(dto);
    }
    // Other changes kept winning: the client should look at the order as it is now.
    let now = order::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    Err(ApiError::EditConflict { etag: etag(now.version) })
}
