//! Reading reviews: who may see one, their progress counts, a page of reviews, one review, and
//! a review's items by person.
//!
//! Orderers of P read P's reviews; support reads all; IT and every other account get 404, as if
//! no review existed (the roles table of *Access reviews*).

use super::dto::*;
use crate::{
    auth::Caller,
    domain::{PersonalNumber, mask_stored},
    entities::{account, holding, holding_unit, permission, provider, review, review_item, system, unit},
    error::ApiError,
    orders::dto::UnitRef,
    pagination::{PageParams, after_person_and_id, encode_cursor},
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait as _, Select,
    sea_query::{Expr, LikeExpr},
};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

/// 1 when the item's holding has ended during the review (live while open, frozen once closed).
const ENDED_SQL: &str = "CASE WHEN reviews.status = 'open' THEN (CASE WHEN holdings.ended_at IS NULL THEN 0 ELSE 1 END) \
     WHEN review_items.holding_ended THEN 1 ELSE 0 END";

/// Whether the caller may read the reviews of the provider: support, and its orderers.
pub fn may_read(caller: &Caller, provider_id: Uuid) -> bool {
    caller.is_admin() || caller.is_orderer_of(provider_id)
}

/// The review, if it exists and the caller may read it; 404 otherwise.
pub async fn visible(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> Result<review::Model, ApiError> {
    let found = review::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    if may_read(caller, found.provider_id) { Ok(found) } else { Err(ApiError::NotFound) }
}

/// Whether the review is open past its due date, as the job found it.
pub fn is_overdue(m: &review::Model) -> bool {
    m.status == ReviewStatus::Open.as_str() && m.overdue_at.is_some()
}

/// The counts of one review.
#[derive(Clone, Copy, Debug, Default)]
pub struct Progress {
    pub total: u64,
    pub decided: u64,
    pub keep: u64,
    pub revoke: u64,
    pub ended: u64,
}

/// The progress of each review named (one query).
pub async fn progress(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<HashMap<Uuid, Progress>, ApiError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, Option<String>, i32, i64)> = review_item::Entity::find()
        .select_only()
        .column(review_item::Column::ReviewId)
        .column(review_item::Column::Decision)
        .column_as(Expr::cust(ENDED_SQL), "ended")
        .column_as(review_item::Column::Id.count(), "n")
        .join(JoinType::InnerJoin, review_item::Relation::Review.def())
        .join(JoinType::InnerJoin, review_item::Relation::Holding.def())
        .filter(review_item::Column::ReviewId.is_in(ids.to_vec()))
        .group_by(review_item::Column::ReviewId)
        .group_by(review_item::Column::Decision)
        .group_by(Expr::cust(ENDED_SQL))
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<Uuid, Progress> = HashMap::new();
    for (id, decision, ended, n) in rows {
        let n = n.max(0) as u64;
        let p = out.entry(id).or_default();
        p.total += n;
        if ended != 0 {
            p.ended += n;
            continue;
        }
        match decision.as_deref().and_then(ReviewDecision::parse) {
            Some(ReviewDecision::Keep) => {
                p.keep += n;
                p.decided += n;
            }
            Some(ReviewDecision::Revoke) => {
                p.revoke += n;
                p.decided += n;
            }
            None => {}
        }
    }
    Ok(out)
}

/// The answers of many reviews, with names and progress (four queries).
pub async fn render_many(db: &impl ConnectionTrait, rows: Vec<review::Model>) -> Result<Vec<ReviewDto>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let progress = progress(db, &ids).await?;
    let provider_ids: BTreeSet<Uuid> = rows.iter().map(|r| r.provider_id).collect();
    let system_ids: BTreeSet<Uuid> = rows.iter().filter_map(|r| r.system_id).collect();
    let providers: HashMap<Uuid, String> = if rows.is_empty() {
        HashMap::new()
    } else {
        provider::Entity::find()
            .select_only()
            .column(provider::Column::Id)
            .column(provider::Column::Name)
            .filter(provider::Column::Id.is_in(provider_ids))
            .into_tuple::<(Uuid, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    let systems: HashMap<Uuid, String> = if system_ids.is_empty() {
        HashMap::new()
    } else {
        system::Entity::find()
            .select_only()
            .column(system::Column::Id)
            .column(system::Column::Name)
            .filter(system::Column::Id.is_in(system_ids))
            .into_tuple::<(Uuid, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(|m| {
            let p = progress.get(&m.id).copied().unwrap_or_default();
            ReviewDto {
                overdue: is_overdue(&m),
                id: m.id,
                provider_name: providers.get(&m.provider_id).cloned().unwrap_or_default(),
                provider_id: m.provider_id,
                system_name: m.system_id.and_then(|s| systems.get(&s).cloned()),
                system_id: m.system_id,
                title: m.title,
                status: ReviewStatus::parse(&m.status).unwrap_or(ReviewStatus::Open),
                due_date: m.due_date,
                started_at: m.started_at,
                started_by: m.started_by,
                completed_at: m.completed_at,
                completed_by: m.completed_by,
                cancelled_at: m.cancelled_at,
                items_total: p.total,
                items_decided: p.decided,
                items_keep: p.keep,
                items_revoke: p.revoke,
                items_ended: p.ended,
            }
        })
        .collect())
}

/// One review's answer.
pub async fn render(db: &impl ConnectionTrait, m: review::Model) -> Result<ReviewDto, ApiError> {
    render_many(db, vec![m]).await?.pop().ok_or_else(|| ApiError::internal("a rendered review vanished"))
}

/// One review, for those who may read it.
pub async fn get(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> Result<ReviewDto, ApiError> {
    let m = visible(db, caller, id).await?;
    render(db, m).await
}

/// The providers whose reviews the caller reads (`None`: all), or 404 for IT and accounts without a right.
fn readable_providers(caller: &Caller) -> Result<Option<Vec<Uuid>>, ApiError> {
    if caller.is_admin() {
        Ok(None)
    } else if caller.is_orderer() {
        Ok(Some(caller.ordering_rights.iter().map(|r| r.provider_id).collect()))
    } else {
        Err(ApiError::NotFound)
    }
}

/// A page of the reviews the caller may read, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    caller: &Caller,
    filter: &ReviewFilter,
    page: &PageParams,
) -> Result<ReviewList, ApiError> {
    let limit = page.limit()?;
    let mut query = review::Entity::find();
    match (readable_providers(caller)?, filter.provider_id) {
        (Some(mine), Some(p)) if !mine.contains(&p) => return Err(ApiError::NotFound),
        (Some(mine), None) => query = query.filter(review::Column::ProviderId.is_in(mine)),
        _ => {}
    }
    if let Some(p) = filter.provider_id {
        query = query.filter(review::Column::ProviderId.eq(p));
    }
    if let Some(s) = filter.status {
        query = query.filter(review::Column::Status.eq(s.as_str()));
    }
    let overdue = Condition::all()
        .add(review::Column::Status.eq(ReviewStatus::Open.as_str()))
        .add(review::Column::OverdueAt.is_not_null());
    match filter.overdue {
        Some(true) => query = query.filter(overdue),
        Some(false) => query = query.filter(overdue.not()),
        None => {}
    }
    if let Some(parts) = page.cursor_parts()? {
        let id = parts
            .first()
            .and_then(|s| Uuid::parse_str(s).ok())
            .ok_or_else(|| ApiError::InvalidQuery("cursor is not one this API made".into()))?;
        query = query.filter(review::Column::Id.lt(id));
    }
    let rows = query.order_by_desc(review::Column::Id).limit(limit + 1).all(db).await?;
    let has_more = rows.len() as u64 > limit;
    let rows: Vec<review::Model> = rows.into_iter().take(limit as usize).collect();
    let next_cursor = if has_more { rows.last().map(|m| encode_cursor(&[&m.id.to_string()])) } else { None };
    Ok(ReviewList { items: render_many(db, rows).await?, next_cursor })
}

/// The items of a review, filtered, by last name, first name and id.
fn items_query(review: &review::Model, filter: &ItemFilter) -> Result<Select<review_item::Entity>, ApiError> {
    let mut query = review_item::Entity::find().filter(review_item::Column::ReviewId.eq(review.id));
    if let Some(s) = filter.system_id {
        query = query.filter(review_item::Column::SystemId.eq(s));
    }
    let open = review.status == ReviewStatus::Open.as_str();
    match filter.decision {
        None => {}
        Some(DecisionFilter::Undecided) => {
            query = query.filter(review_item::Column::Decision.is_null());
            query = if open {
                query
                    .join(JoinType::InnerJoin, review_item::Relation::Holding.def())
                    .filter(holding::Column::EndedAt.is_null())
            } else {
                query.filter(review_item::Column::HoldingEnded.eq(false))
            };
        }
        Some(DecisionFilter::Keep) => query = query.filter(review_item::Column::Decision.eq("keep")),
        Some(DecisionFilter::Revoke) => query = query.filter(review_item::Column::Decision.eq("revoke")),
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        if q.chars().count() > 100 || q.contains('\0') {
            return Err(ApiError::InvalidQuery("q: at most 100 characters".into()));
        }
        query = match PersonalNumber::parse(q) {
            Some(pn) => query.filter(review_item::Column::PersonalNumber.eq(pn.as_str())),
            None => {
                let escaped: String = q
                    .to_lowercase()
                    .chars()
                    .flat_map(|c| if matches!(c, '\\' | '%' | '_') { vec!['\\', c] } else { vec![c] })
                    .collect();
                query.filter(review_item::Column::SearchText.like(LikeExpr::new(format!("%{escaped}%")).escape('\\')))
            }
        };
    }
    Ok(query
        .order_by_asc(review_item::Column::LastName)
        .order_by_asc(review_item::Column::FirstName)
        .order_by_asc(review_item::Column::Id))
}

/// A page of a review's items (personal numbers masked); a fixed number of queries per page.
pub async fn items(
    db: &impl ConnectionTrait,
    caller: &Caller,
    id: Uuid,
    filter: &ItemFilter,
    page: &PageParams,
) -> Result<ReviewItemList, ApiError> {
    let review = visible(db, caller, id).await?;
    let limit = page.limit()?;
    let mut query = items_query(&review, filter)?;
    let (last_name, first_name, item_id) =
        (review_item::Column::LastName, review_item::Column::FirstName, review_item::Column::Id);
    if let Some(after) = after_person_and_id(last_name, first_name, item_id, page.cursor_parts()?)? {
        query = query.filter(after);
    }
    let rows = query.limit(limit + 1).all(db).await?;
    let cursor_of = |m: &review_item::Model| encode_cursor(&[&m.last_name, &m.first_name, &m.id.to_string()]);
    let has_more = rows.len() as u64 > limit;
    let rows: Vec<review_item::Model> = rows.into_iter().take(limit as usize).collect();
    let next_cursor = if has_more { rows.last().map(cursor_of) } else { None };
    Ok(ReviewItemList { items: render_items(db, &review, rows).await?, next_cursor })
}

/// Everything an item's answer names, loaded for many items at once (five queries).
pub async fn render_items(
    db: &impl ConnectionTrait,
    review: &review::Model,
    rows: Vec<review_item::Model>,
) -> Result<Vec<ReviewItemDto>, ApiError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let holding_ids: Vec<Uuid> = rows.iter().map(|r| r.holding_id).collect();
    let holdings: HashMap<Uuid, holding::Model> = holding::Entity::find()
        .filter(holding::Column::Id.is_in(holding_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.id, h))
        .collect();
    let names = |ids: BTreeSet<Uuid>| ids.into_iter().collect::<Vec<_>>();
    let permissions: HashMap<Uuid, String> = permission::Entity::find()
        .select_only()
        .column(permission::Column::Id)
        .column(permission::Column::Name)
        .filter(permission::Column::Id.is_in(names(rows.iter().map(|r| r.permission_id).collect())))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let systems: HashMap<Uuid, String> = system::Entity::find()
        .select_only()
        .column(system::Column::Id)
        .column(system::Column::Name)
        .filter(system::Column::Id.is_in(names(rows.iter().map(|r| r.system_id).collect())))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let deciders: HashMap<Uuid, String> = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .column(account::Column::Name)
        .filter(account::Column::Id.is_in(names(rows.iter().filter_map(|r| r.decided_by).collect())))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let unit_rows: Vec<(Uuid, Uuid, String)> = holding_unit::Entity::find()
        .select_only()
        .column(holding_unit::Column::HoldingId)
        .column(unit::Column::Id)
        .column(unit::Column::Name)
        .join(JoinType::InnerJoin, holding_unit::Relation::Unit.def())
        .filter(holding_unit::Column::HoldingId.is_in(holding_ids))
        .order_by_asc(unit::Column::Name)
        .order_by_asc(unit::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut units: HashMap<Uuid, Vec<UnitRef>> = HashMap::new();
    for (holding_id, id, name) in unit_rows {
        units.entry(holding_id).or_default().push(UnitRef { id, name });
    }
    let open = review.status == ReviewStatus::Open.as_str();
    Ok(rows
        .into_iter()
        .map(|m| {
            let h = holdings.get(&m.holding_id);
            let units = units.get(&m.holding_id).cloned().unwrap_or_default();
            ReviewItemDto {
                id: m.id,
                holding_id: m.holding_id,
                subject: ItemSubject {
                    first_name: m.first_name,
                    last_name: m.last_name,
                    personal_number: mask_stored(&m.personal_number),
                },
                system_name: systems.get(&m.system_id).cloned().unwrap_or_default(),
                system_id: m.system_id,
                permission_name: permissions.get(&m.permission_id).cloned().unwrap_or_default(),
                permission_id: m.permission_id,
                unit_ids: units.iter().map(|u| u.id).collect(),
                units,
                since: h.map(|h| h.since).unwrap_or_default(),
                valid_to: h.and_then(|h| h.valid_to),
                justification: h.and_then(|h| h.justification.clone()),
                decision: m.decision.as_deref().and_then(ReviewDecision::parse),
                note: m.note,
                decided_by_name: m.decided_by.and_then(|a| deciders.get(&a).cloned()),
                decided_by: m.decided_by,
                decided_at: m.decided_at,
                holding_ended: if open { h.is_some_and(|h| h.ended_at.is_some()) } else { m.holding_ended },
                revoke_order_id: m.revoke_order_id,
            }
        })
        .collect())
}
