//! Deciding review items (the provider's orderers): a batch of 1–200 decisions, saved all or none,
//! each one audited (a changed decision names the one it replaced).

use super::{dto::*, read};
use crate::{
    audit::{self, AuditEvent},
    auth::Caller,
    domain::parse_text,
    entities::{holding, review, review_item},
    error::{ApiError, Code, FieldError, FieldErrors},
};
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
    sea_query::Expr,
};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// The longest note.
pub const NOTE_MAX: usize = 2000;

/// One decision as read from the body.
struct Entry {
    index: usize,
    item_id: Uuid,
    decision: ReviewDecision,
    note: Option<String>,
}

/// 409 `invalid_transition` for a review that is no longer open.
pub fn not_open() -> ApiError {
    ApiError::conflict_in(
        Code::InvalidTransition,
        "Uppföljningen är inte längre öppen.",
        "the review is no longer open",
    )
}

/// Takes the review's row for the rest of the transaction while it is open (a conditional update:
/// decisions, completion and cancelling of one review run one at a time); false when it is not open.
pub async fn lock_open(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, ApiError> {
    let done = review::Entity::update_many()
        .col_expr(review::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(review::Column::Id.eq(id))
        .filter(review::Column::Status.eq(ReviewStatus::Open.as_str()))
        .exec(db)
        .await?;
    Ok(done.rows_affected > 0)
}

/// Saves decisions on items of an open review (orderers of its provider; support 403). Every
/// problem at once at its `items[N]` path: `unknown_item`, `holding_ended` (it needs none),
/// `self_review_forbidden` (rule 7), `value_not_allowed` (a decision that is neither `keep` nor
/// `revoke`, or an item named twice); nothing is saved unless all are fine.
pub async fn decide(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    req: Decisions,
    mut errors: FieldErrors,
) -> Result<DecidedItems, ApiError> {
    let review = read::visible(db, caller, id).await?;
    if !caller.is_orderer_of(review.provider_id) {
        return Err(ApiError::Forbidden(Code::Forbidden));
    }
    if review.status != ReviewStatus::Open.as_str() {
        return Err(not_open());
    }
    let mut entries = Vec::new();
    for (index, e) in req.items.take("items", &mut errors).unwrap_or_default().into_iter().enumerate() {
        let path = format!("items[{index}]");
        let item_id = e.item_id.take(&format!("{path}.item_id"), &mut errors);
        let decision_path = format!("{path}.decision");
        let decision = match e.decision.take(&decision_path, &mut errors) {
            None => None,
            Some(d) => match ReviewDecision::parse(d.trim()) {
                Some(d) => Some(d),
                None => {
                    errors.push(
                        FieldError::new(decision_path, Code::ValueNotAllowed)
                            .with_message("Välj keep eller revoke.", "Choose keep or revoke."),
                    );
                    None
                }
            },
        };
        let note_path = format!("{path}.note");
        let note = match e.note.as_deref().filter(|n| !n.trim().is_empty()) {
            Some(n) if !errors.has_error_at(&note_path) => {
                errors.check(parse_text(&note_path, n, NOTE_MAX, true)).map(|t| t.into_string())
            }
            _ => None,
        };
        if let (Some(item_id), Some(decision)) = (item_id, decision) {
            entries.push(Entry { index, item_id, decision, note });
        }
    }
    let ids: Vec<Uuid> = entries.iter().map(|e| e.item_id).collect();
    let items: HashMap<Uuid, review_item::Model> = review_item::Entity::find()
        .filter(review_item::Column::ReviewId.eq(id))
        .filter(review_item::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let holdings: HashMap<Uuid, holding::Model> = holding::Entity::find()
        .filter(holding::Column::Id.is_in(items.values().map(|m| m.holding_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.id, h))
        .collect();
    let mut seen = HashSet::new();
    for e in &entries {
        let path = format!("items[{}].item_id", e.index);
        let Some(item) = items.get(&e.item_id) else {
            errors.add(path, Code::UnknownItem);
            continue;
        };
        if !seen.insert(e.item_id) {
            errors.push(
                FieldError::new(path, Code::ValueNotAllowed).with_message(
                    "Posten finns redan tidigare i begäran.",
                    "The item is named earlier in the request.",
                ),
            );
            continue;
        }
        let h = holdings.get(&item.holding_id);
        if h.is_some_and(|h| h.ended_at.is_some()) {
            errors.add(path, Code::HoldingEnded);
            continue;
        }
        // Rule 7: nobody decides about their own permissions.
        if caller.actor().matches(Some(&item.personal_number), h.and_then(|h| h.email.as_deref())).any() {
            errors.add(path, Code::SelfReviewForbidden);
        }
    }
    errors.finish()?;

    let txn = db.begin().await?;
    if !lock_open(&txn, id).await? {
        txn.rollback().await?;
        return Err(not_open());
    }
    let now = Utc::now();
    for e in &entries {
        let Some(before) = items.get(&e.item_id) else { continue };
        review_item::Entity::update_many()
            .col_expr(review_item::Column::Decision, Expr::value(Some(e.decision.as_str())))
            .col_expr(review_item::Column::Note, Expr::value(e.note.clone()))
            .col_expr(review_item::Column::DecidedBy, Expr::value(Some(caller.id())))
            .col_expr(review_item::Column::DecidedAt, Expr::value(Some(now)))
            .filter(review_item::Column::Id.eq(e.item_id))
            .exec(&txn)
            .await?;
        if before.decision.as_deref() != Some(e.decision.as_str()) || before.note != e.note {
            let event = AuditEvent::ReviewItemDecided {
                review_id: id,
                item_id: e.item_id,
                provider_id: review.provider_id,
                holding_id: before.holding_id,
                decision: e.decision.as_str(),
                previous: before.decision.clone(),
                note: e.note.as_deref(),
            };
            audit::record(&txn, Some(caller.id()), event).await?;
        }
    }
    let saved = review_item::Entity::find()
        .filter(review_item::Column::Id.is_in(entries.iter().map(|e| e.item_id).collect::<Vec<_>>()))
        .order_by_asc(review_item::Column::LastName)
        .order_by_asc(review_item::Column::FirstName)
        .order_by_asc(review_item::Column::Id)
        .all(&txn)
        .await?;
    let items = read::render_items(&txn, &review, saved).await?;
    txn.commit().await?;
    Ok(DecidedItems { items })
}
