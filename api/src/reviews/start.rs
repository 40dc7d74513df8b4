//! Starting reviews (support): one for a provider, or one for each active provider with matching
//! active holdings, optionally of one system. The items are the holdings active at the start.

use super::{dto::*, read};
use crate::{
    audit::{self, AuditEvent},
    auth::Caller,
    domain::{order::parse_date, parse_text},
    effects::{events::Event, publish::publish},
    entities::{holding, provider, review, review_item, system},
    error::{ApiError, Code, FieldError, FieldErrors},
    notifications::{
        dto::NotificationKind,
        service::{Notice, notify_review},
    },
    ordering_rights::orderers::active_orderers,
};
use chrono::{Datelike, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

/// The longest title.
const TITLE_MAX: usize = 200;
/// Items inserted per statement (well within both databases' limits on parameters).
const CHUNK: usize = 500;

/// Starts reviews (support only; orderers 403, anyone else 404). With `provider_id`: one review,
/// 422 `nothing_to_review` without matching holdings, 409 `review_already_open` when an open one
/// overlaps. Without it: one per active provider with matching holdings and no overlapping open review.
pub async fn start(
    db: &DatabaseConnection,
    caller: &Caller,
    req: StartReview,
    mut errors: FieldErrors,
) -> Result<StartedReviews, ApiError> {
    if !caller.is_admin() {
        return Err(if caller.is_orderer() { ApiError::Forbidden(Code::Forbidden) } else { ApiError::NotFound });
    }
    let today = Utc::now().date_naive();
    let due_date = match req.due_date.take("due_date", &mut errors) {
        None => None,
        Some(v) => match parse_date(&v) {
            None => {
                errors.push(
                    FieldError::new("due_date", Code::InvalidFormat)
                        .with_message("Ange ett datum som ÅÅÅÅ-MM-DD.", "Give a date as YYYY-MM-DD."),
                );
                None
            }
            Some(d) if d <= today => {
                errors.add("due_date", Code::DueDateNotInFuture);
                None
            }
            Some(d) => Some(d),
        },
    };
    let title = match req.title.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(t) if !errors.has_error_at("title") => {
            errors.check(parse_text("title", t, TITLE_MAX, false)).map(|t| t.into_string())
        }
        _ => None,
    };
    let mut system_name = None;
    if let Some(s) = req.system_id {
        match system::Entity::find_by_id(s).one(db).await? {
            Some(found) => system_name = Some(found.name),
            None => errors.add("system_id", Code::UnknownSystem),
        }
    }
    if let Some(p) = req.provider_id
        && provider::Entity::find_by_id(p).one(db).await?.is_none()
    {
        errors.add("provider_id", Code::UnknownProvider);
    }
    errors.finish()?;
    let due_date = due_date.ok_or_else(|| ApiError::internal("a checked due date is missing"))?;
    let title = title.unwrap_or_else(|| match &system_name {
        Some(s) => format!("Behörighetsuppföljning {} – {s}", due_date.year()),
        None => format!("Behörighetsuppföljning {}", due_date.year()),
    });
    let scope = Scope { system_id: req.system_id, due_date, title };

    let txn = db.begin().await?;
    let mut started = Vec::new();
    match req.provider_id {
        Some(p) => match start_one(&txn, caller, p, &scope).await? {
            Started::Review(m) => started.push(*m),
            Started::Overlaps => {
                return Err(ApiError::conflict_in(
                    Code::ReviewAlreadyOpen,
                    "Utföraren har redan en öppen uppföljning som omfattar samma behörigheter.",
                    "the provider already has an open review covering the same permissions",
                ));
            }
            Started::Nothing => return Err(ApiError::field("provider_id", Code::NothingToReview)),
        },
        None => {
            let mut with_holdings = holding::Entity::find()
                .select_only()
                .column(holding::Column::ProviderId)
                .distinct()
                .filter(holding::Column::EndedAt.is_null());
            if let Some(s) = scope.system_id {
                with_holdings = with_holdings.filter(holding::Column::SystemId.eq(s));
            }
            let ids: Vec<Uuid> = with_holdings.into_tuple().all(&txn).await?;
            let providers: Vec<Uuid> = provider::Entity::find()
                .select_only()
                .column(provider::Column::Id)
                .filter(provider::Column::Active.eq(true))
                .filter(provider::Column::Id.is_in(ids))
                .order_by_asc(provider::Column::Name)
                .into_tuple()
                .all(&txn)
                .await?;
            for p in providers {
                if let Started::Review(m) = start_one(&txn, caller, p, &scope).await? {
                    started.push(*m);
                }
            }
        }
    }
    let items = read::render_many(&txn, started).await?;
    txn.commit().await?;
    Ok(StartedReviews { items })
}

/// What every review of one start shares.
struct Scope {
    system_id: Option<Uuid>,
    due_date: NaiveDate,
    title: String,
}

enum Started {
    Review(Box<review::Model>),
    /// An open review of the provider overlaps.
    Overlaps,
    /// No matching active holding.
    Nothing,
}

/// The open reviews of the provider that overlap a review of `system_id` (one of the whole
/// provider, or of the same system).
pub async fn overlapping(
    db: &impl ConnectionTrait,
    provider_id: Uuid,
    system_id: Option<Uuid>,
) -> Result<u64, ApiError> {
    let mut query = review::Entity::find()
        .filter(review::Column::ProviderId.eq(provider_id))
        .filter(review::Column::Status.eq(ReviewStatus::Open.as_str()));
    if let Some(s) = system_id {
        query =
            query.filter(Condition::any().add(review::Column::SystemId.is_null()).add(review::Column::SystemId.eq(s)));
    }
    Ok(query.count(db).await?)
}

/// Starts the review of one provider, on the caller's transaction.
async fn start_one(
    db: &impl ConnectionTrait,
    caller: &Caller,
    provider_id: Uuid,
    scope: &Scope,
) -> Result<Started, ApiError> {
    // A no-op update takes the provider's row lock, so that two starts at once cannot both
    // find no open review (SQLite has one writer anyway).
    provider::Entity::update_many()
        .col_expr(provider::Column::Id, Expr::col(provider::Column::Id))
        .filter(provider::Column::Id.eq(provider_id))
        .exec(db)
        .await?;
    if overlapping(db, provider_id, scope.system_id).await? > 0 {
        return Ok(Started::Overlaps);
    }
    let mut query = holding::Entity::find()
        .filter(holding::Column::ProviderId.eq(provider_id))
        .filter(holding::Column::EndedAt.is_null());
    if let Some(s) = scope.system_id {
        query = query.filter(holding::Column::SystemId.eq(s));
    }
    let holdings = query.order_by_asc(holding::Column::Id).all(db).await?;
    if holdings.is_empty() {
        return Ok(Started::Nothing);
    }
    let now = Utc::now();
    let id = Uuid::now_v7();
    let model = review::ActiveModel {
        id: Set(id),
        provider_id: Set(provider_id),
        system_id: Set(scope.system_id),
        title: Set(scope.title.clone()),
        status: Set(ReviewStatus::Open.as_str().to_owned()),
        due_date: Set(scope.due_date),
        started_at: Set(now),
        started_by: Set(Some(caller.id())),
        completed_at: Set(None),
        completed_by: Set(None),
        cancelled_at: Set(None),
        cancelled_by: Set(None),
        reminder_sent_at: Set(None),
        overdue_at: Set(None),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    let count = holdings.len();
    for chunk in holdings.chunks(CHUNK) {
        let rows = chunk.iter().map(|h| review_item::ActiveModel {
            id: Set(Uuid::now_v7()),
            review_id: Set(id),
            holding_id: Set(h.id),
            first_name: Set(h.first_name.clone()),
            last_name: Set(h.last_name.clone()),
            personal_number: Set(h.personal_number.clone()),
            search_text: Set(h.search_text.clone()),
            system_id: Set(h.system_id),
            permission_id: Set(h.permission_id),
            decision: Set(None),
            note: Set(None),
            decided_by: Set(None),
            decided_at: Set(None),
            holding_ended: Set(false),
            revoke_order_id: Set(None),
        });
        review_item::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    let due = scope.due_date.format("%Y-%m-%d").to_string();
    let event = AuditEvent::ReviewStarted {
        review_id: id,
        provider_id,
        system_id: scope.system_id,
        due_date: due.clone(),
        items: count,
    };
    audit::record(db, Some(caller.id()), event).await?;
    publish(db, &Event::ReviewStarted { review_id: id, provider_id, system_id: scope.system_id }).await?;
    let provider_name = provider::Entity::find_by_id(provider_id).one(db).await?.map(|p| p.name).unwrap_or_default();
    let notice = Notice {
        kind: NotificationKind::ReviewStarted,
        order_id: None,
        title: format!("Behörighetsuppföljning startad: {provider_name}"),
        body: format!(
            "Support har startat uppföljningen \"{}\" av {count} behörigheter hos {provider_name}. Gå igenom dem under \
             Behörighetsuppföljning i Sesam och besluta för var och en om den ska behållas eller tas bort. Sista dag: {due}.",
            scope.title
        ),
    };
    notify_review(db, &active_orderers(db, provider_id).await?, &notice, id).await?;
    Ok(Started::Review(Box::new(model)))
}
