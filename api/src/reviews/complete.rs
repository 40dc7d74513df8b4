//! Completing a review (an orderer of its provider): every item decided, each `revoke` becomes a
//! revoke order sent to IT through the orders store's one door for them, and the report is final.

use super::{
    decide::{lock_open, not_open},
    dto::*,
    read,
};
use crate::{
    audit::{self, AuditEvent},
    auth::Caller,
    domain::PersonalNumber,
    effects::{self, events::Event, publish::publish},
    entities::{holding, review, review_item},
    error::{ApiError, Code, FieldError},
    holdings::units::unit_ids_of,
    orders::store::{Revoke, SentRevoke, send_revoke},
};
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
    sea_query::{Expr, Query},
};
use uuid::Uuid;

/// Freezes which items' holdings ended while the review was open (it is closing now), so that
/// revoke orders it sends, once IT completes them, do not count as "ended during the review".
pub async fn freeze_ended(db: &impl ConnectionTrait, review_id: Uuid) -> Result<(), ApiError> {
    let ended = Query::select()
        .column(holding::Column::Id)
        .from(holding::Entity)
        .and_where(holding::Column::EndedAt.is_not_null())
        .to_owned();
    review_item::Entity::update_many()
        .col_expr(review_item::Column::HoldingEnded, Expr::value(true))
        .filter(review_item::Column::ReviewId.eq(review_id))
        .filter(review_item::Column::HoldingId.in_subquery(ended))
        .exec(db)
        .await?;
    Ok(())
}

/// Completes an open review (orderers of its provider; support 403): 422 `undecided_items` while
/// an item whose holding is active has no decision; 409 `invalid_transition` unless open (also for
/// the loser of two completions at once). One revoke order per `revoke` decision on an active
/// holding, none where the person already has an open revoke order for the permission (that one
/// is named instead).
pub async fn complete(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    it_email: Option<&str>,
) -> Result<CompletedReview, ApiError> {
    let review = read::visible(db, caller, id).await?;
    if !caller.is_orderer_of(review.provider_id) {
        return Err(ApiError::Forbidden(Code::Forbidden));
    }
    if review.status != ReviewStatus::Open.as_str() {
        return Err(not_open());
    }
    let txn = db.begin().await?;
    if !lock_open(&txn, id).await? {
        txn.rollback().await?;
        return Err(not_open());
    }
    let rows: Vec<(review_item::Model, Option<holding::Model>)> = review_item::Entity::find()
        .find_also_related(holding::Entity)
        .filter(review_item::Column::ReviewId.eq(id))
        .order_by_asc(review_item::Column::LastName)
        .order_by_asc(review_item::Column::FirstName)
        .order_by_asc(review_item::Column::Id)
        .all(&txn)
        .await?;
    let active = |h: &Option<holding::Model>| h.as_ref().is_some_and(|h| h.ended_at.is_none());
    let undecided = rows.iter().filter(|(item, h)| item.decision.is_none() && active(h)).count();
    if undecided > 0 {
        txn.rollback().await?;
        return Err(ApiError::Validation(vec![FieldError::new("items", Code::UndecidedItems).with_message(
            format!("{undecided} behörigheter är inte beslutade."),
            format!("{undecided} items are undecided."),
        )]));
    }
    let revokes: Vec<(review_item::Model, holding::Model)> = rows
        .into_iter()
        .filter(|(item, h)| item.decision.as_deref() == Some(ReviewDecision::Revoke.as_str()) && active(h))
        .filter_map(|(item, h)| h.map(|h| (item, h)))
        .collect();
    // Rule 7: the one who completes sends the revoke orders, and sends none for themselves.
    if revokes.iter().any(|(item, h)| caller.actor().matches(Some(&item.personal_number), h.email.as_deref()).any()) {
        txn.rollback().await?;
        return Err(ApiError::field("items", Code::SelfReviewForbidden));
    }
    let now = Utc::now();
    review::Entity::update_many()
        .col_expr(review::Column::Status, Expr::value(ReviewStatus::Completed.as_str()))
        .col_expr(review::Column::CompletedAt, Expr::value(Some(now)))
        .col_expr(review::Column::CompletedBy, Expr::value(Some(caller.id())))
        .filter(review::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    freeze_ended(&txn, id).await?;
    let settings = effects::Settings { it_email };
    let mut revoke_orders = Vec::new();
    for (item, h) in revokes {
        let personal_number = PersonalNumber::from_stored(&h.personal_number)
            .ok_or_else(|| ApiError::internal(format!("holding {} has no valid personal number", h.id)))?;
        let comment = match item.note.as_deref() {
            Some(note) => format!("Beslut i behörighetsuppföljningen \"{}\": ta bort. {note}", review.title),
            None => format!("Beslut i behörighetsuppföljningen \"{}\": ta bort.", review.title),
        };
        let revoke = SentRevoke {
            provider_id: h.provider_id,
            permission_id: h.permission_id,
            system_id: h.system_id,
            unit_ids: unit_ids_of(&txn, h.id).await?,
            first_name: h.first_name.clone(),
            last_name: h.last_name.clone(),
            personal_number,
            email: h.email.clone(),
            comment: Some(comment.chars().take(crate::domain::order::COMMENT_MAX).collect()),
        };
        let order_id = match send_revoke(&txn, Some(caller.id()), revoke, None, settings).await? {
            Revoke::Sent(order) => {
                let order_id = order.id;
                revoke_orders.push(*order);
                order_id
            }
            Revoke::AlreadyOpen(open) => open.id,
        };
        review_item::Entity::update_many()
            .col_expr(review_item::Column::RevokeOrderId, Expr::value(Some(order_id)))
            .filter(review_item::Column::Id.eq(item.id))
            .exec(&txn)
            .await?;
    }
    let event = AuditEvent::ReviewCompleted {
        review_id: id,
        provider_id: review.provider_id,
        revoke_orders: revoke_orders.iter().map(|o| o.reference.clone()).collect(),
    };
    audit::record(&txn, Some(caller.id()), event).await?;
    publish(&txn, &Event::ReviewCompleted { review_id: id, provider_id: review.provider_id }).await?;
    let model = review::Entity::find_by_id(id).one(&txn).await?.ok_or(ApiError::NotFound)?;
    let dto = read::render(&txn, model).await?;
    txn.commit().await?;
    Ok(CompletedReview { review: dto, revoke_orders })
}
