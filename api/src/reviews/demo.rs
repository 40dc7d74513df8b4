//! The demo's access review: one open review of Omsorg Nord AB, due in three weeks, with some of its
//! items decided (run by `sesam seed-demo` after the demo orders).

use super::{decide, dto::*, start};
use crate::{
    auth::caller::load_caller,
    entities::{account, provider, review, review_item},
    error::FieldErrors,
    ordering_rights::orderers::active_orderers,
    wire::Required,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

/// Starts the demo review, unless there is a review already.
pub async fn seed_demo_reviews(db: &DatabaseConnection, support_email: &str) -> Result<String, String> {
    let db_err = |e: sea_orm::DbErr| e.to_string();
    if review::Entity::find().count(db).await.map_err(db_err)? > 0 {
        return Ok("the demo review is already there".into());
    }
    let Some(support) =
        account::Entity::find().filter(account::Column::Email.eq(support_email)).one(db).await.map_err(db_err)?
    else {
        return Ok("no demo review: the demo's support account is not there".into());
    };
    let Some(p) =
        provider::Entity::find().filter(provider::Column::Name.eq("Omsorg Nord AB")).one(db).await.map_err(db_err)?
    else {
        return Ok("no demo review: Omsorg Nord AB is not there".into());
    };
    let support = load_caller(db, support.id, support.session_generation).await.map_err(|e| e.to_string())?;
    let due = chrono::Utc::now().date_naive() + chrono::Days::new(21);
    let body = StartReview {
        provider_id: Some(p.id),
        system_id: None,
        due_date: Required::new(due.format("%Y-%m-%d").to_string()),
        title: Some("Årlig behörighetsuppföljning".into()),
    };
    let started =
        start::start(db, &support, body, FieldErrors::new()).await.map_err(|e| format!("demo review: {e}"))?;
    let Some(r) = started.items.first() else { return Ok("no demo review: Omsorg Nord AB holds nothing".into()) };
    // About half the items decided by one of the provider's orderers (never about themselves).
    let Some(orderer) = active_orderers(db, p.id).await.map_err(|e| e.to_string())?.first().copied() else {
        return Ok(format!("an open demo review of {} items, none decided", r.items_total));
    };
    let orderer_account =
        account::Entity::find_by_id(orderer).one(db).await.map_err(db_err)?.ok_or("the orderer vanished")?;
    let orderer =
        load_caller(db, orderer_account.id, orderer_account.session_generation).await.map_err(|e| e.to_string())?;
    let items = review_item::Entity::find()
        .filter(review_item::Column::ReviewId.eq(r.id))
        .order_by_asc(review_item::Column::LastName)
        .all(db)
        .await
        .map_err(db_err)?;
    let own = orderer_account.personal_number.clone();
    let mut decisions = Vec::new();
    for (i, item) in items.iter().enumerate().filter(|(i, _)| i % 2 == 0) {
        if own.as_deref() == Some(item.personal_number.as_str()) {
            continue;
        }
        let revoke = i % 6 == 4;
        decisions.push(DecisionInput {
            item_id: Required::new(item.id),
            decision: Required::new(if revoke { "revoke" } else { "keep" }.into()),
            note: revoke.then(|| "Har bytt arbetsplats.".to_owned()),
        });
    }
    let n = decisions.len();
    if n > 0 {
        let body = Decisions { items: Required::new(decisions) };
        // A person the orderer may not decide about (rule 7) leaves the rest undecided: fine for a demo.
        if let Err(e) = decide::decide(db, &orderer, r.id, body, FieldErrors::new()).await {
            return Ok(format!("an open demo review of {} items (no decisions: {e})", r.items_total));
        }
    }
    Ok(format!("an open review of Omsorg Nord AB ({} items, {n} decided, due {due})", r.items_total))
}
