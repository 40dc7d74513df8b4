//! The demo's access reviews (run by `sesam seed-demo` after the demo orders): a completed review of
//! Vård & Trygghet i Uppland AB (every permission kept), and an open one of Omsorg Nord AB, due in
//! three weeks, with some of its items decided.

use super::{complete, decide, dto::*, start};
use crate::{
    auth::{Caller, caller::load_caller},
    entities::{account, provider, review, review_item},
    error::FieldErrors,
    ordering_rights::orderers::active_orderers,
    wire::Required,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

/// Starts the demo reviews, unless there is a review already.
pub async fn seed_demo_reviews(db: &DatabaseConnection, support_email: &str) -> Result<String, String> {
    let db_err = |e: sea_orm::DbErr| e.to_string();
    if review::Entity::find().count(db).await.map_err(db_err)? > 0 {
        return Ok("the demo reviews are already there".into());
    }
    let Some(support) =
        account::Entity::find().filter(account::Column::Email.eq(support_email)).one(db).await.map_err(db_err)?
    else {
        return Ok("no demo review: the demo's support account is not there".into());
    };
    let support = load_caller(db, support.id, support.session_generation).await.map_err(|e| e.to_string())?;
    let mut said = Vec::new();
    if let Some((id, total, orderer)) =
        open_one(db, &support, "Vård & Trygghet i Uppland AB", 14, "Uppföljning hösten").await?
    {
        let decided = decide_some(db, &orderer, id, |_| true).await?;
        match complete::complete(db, &orderer, id, None).await {
            Ok(_) => said.push(format!("a completed review of Vård & Trygghet ({total} items, {decided} kept)")),
            // An item about the orderer themselves stays undecided (rule 7): the review stays open.
            Err(e) => said.push(format!("a review of Vård & Trygghet, left open ({e})")),
        }
    }
    if let Some((id, total, orderer)) =
        open_one(db, &support, "Omsorg Nord AB", 21, "Årlig behörighetsuppföljning").await?
    {
        // About half the items decided, never about the orderer's own permissions.
        let decided = decide_some(db, &orderer, id, |i| i % 2 == 0).await?;
        said.push(format!("an open review of Omsorg Nord AB ({total} items, {decided} decided, due in three weeks)"));
    }
    Ok(if said.is_empty() { "no demo reviews: nothing to review".into() } else { said.join("; ") })
}

/// Starts a review of the provider (due in `days`), and answers it with an orderer of the provider.
async fn open_one(
    db: &DatabaseConnection,
    support: &Caller,
    provider_name: &str,
    days: u64,
    title: &str,
) -> Result<Option<(Uuid, u64, Caller)>, String> {
    let db_err = |e: sea_orm::DbErr| e.to_string();
    let Some(p) =
        provider::Entity::find().filter(provider::Column::Name.eq(provider_name)).one(db).await.map_err(db_err)?
    else {
        return Ok(None);
    };
    let Some(orderer) = active_orderers(db, p.id).await.map_err(|e| e.to_string())?.first().copied() else {
        return Ok(None);
    };
    let due = chrono::Utc::now().date_naive() + chrono::Days::new(days);
    let body = StartReview {
        provider_id: Some(p.id),
        system_id: None,
        due_date: Required::new(due.format("%Y-%m-%d").to_string()),
        title: Some(title.into()),
    };
    let started = match start::start(db, support, body, FieldErrors::new()).await {
        Ok(s) => s,
        // Nothing to review there.
        Err(_) => return Ok(None),
    };
    let Some(r) = started.items.first() else { return Ok(None) };
    let account = account::Entity::find_by_id(orderer).one(db).await.map_err(db_err)?.ok_or("the orderer vanished")?;
    let orderer = load_caller(db, account.id, account.session_generation).await.map_err(|e| e.to_string())?;
    Ok(Some((r.id, r.items_total, orderer)))
}

/// Decides `keep` the items whose place (by person) `pick` chooses, skipping the orderer's own;
/// answers how many were decided.
async fn decide_some(
    db: &DatabaseConnection,
    orderer: &Caller,
    review_id: Uuid,
    pick: impl Fn(usize) -> bool,
) -> Result<usize, String> {
    let items = review_item::Entity::find()
        .filter(review_item::Column::ReviewId.eq(review_id))
        .order_by_asc(review_item::Column::LastName)
        .order_by_asc(review_item::Column::FirstName)
        .all(db)
        .await
        .map_err(|e| e.to_string())?;
    let own = orderer.account.personal_number.clone();
    let mut decisions = Vec::new();
    for (_, item) in items.iter().enumerate().filter(|(i, _)| pick(*i)) {
        if own.as_deref() == Some(item.personal_number.as_str()) {
            continue;
        }
        decisions.push(DecisionInput {
            item_id: Required::new(item.id),
            decision: Required::new("keep".into()),
            note: None,
        });
    }
    let n = decisions.len();
    if n > 0 {
        let body = Decisions { items: Required::new(decisions) };
        decide::decide(db, orderer, review_id, body, FieldErrors::new())
            .await
            .map_err(|e| format!("demo decisions: {e}"))?;
    }
    Ok(n)
}
