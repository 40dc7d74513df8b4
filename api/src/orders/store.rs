//! Where orders are written: the one place that inserts an order with its units, history,
//! reference number and audit rows, and the home of rule 13 (one open order at a time), beside the
//! unique index that makes it race-free. Every revoke order Sesam makes by itself (a leaver's
//! revoke-all, a passed end date, a review's decision) is made by [`send_revoke`].

use super::{dto::OrderDto, names::render};
use crate::{
    audit::{self, AuditEvent},
    domain::{
        HistoryAction, OrderKind, OrderStatus, Transition,
        order::{self as rules, ValidOrder},
    },
    effects::{self, events::OrderTransitioned},
    entities::{order, order_history, order_unit},
    error::{ApiError, Code, db::UniqueIndex},
};
use chrono::{Datelike, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
    Set, TransactionTrait,
    sea_query::{Expr, ExprTrait, OnConflict, Query},
};
use uuid::Uuid;

/// Rule 13, race-free: at most one open order per provider, person, permission and kind.
const OPEN_ORDERS: UniqueIndex = UniqueIndex {
    name: "ux_orders_open",
    table: "orders",
    columns: &["provider_id", "personal_number", "permission_id", "kind"],
};

/// The person's open order (draft, submitted or in progress) of this kind for the permission at
/// the provider, if there is one (rule 13 allows one at most).
pub async fn open_order_of(
    db: &impl ConnectionTrait,
    provider_id: Uuid,
    personal_number: &str,
    permission_id: Uuid,
    kind: OrderKind,
) -> Result<Option<order::Model>, ApiError> {
    Ok(order::Entity::find()
        .filter(order::Column::ProviderId.eq(provider_id))
        .filter(order::Column::PersonalNumber.eq(personal_number))
        .filter(order::Column::PermissionId.eq(permission_id))
        .filter(order::Column::Kind.eq(kind.as_str()))
        .filter(order::Column::Status.is_in(OrderStatus::OPEN.map(OrderStatus::as_str)))
        .one(db)
        .await?)
}

/// Rule 13: 409 `duplicate_open_order` (naming the open one) when the person already has an open
/// order at the provider for this permission and kind, other than `except`.
pub async fn ensure_no_open_order(
    db: &impl ConnectionTrait,
    provider_id: Uuid,
    order: &ValidOrder,
    except: Option<Uuid>,
) -> Result<(), ApiError> {
    match open_order_of(db, provider_id, order.personal_number.as_str(), order.permission_id, order.kind).await? {
        Some(existing) if Some(existing.id) != except => Err(duplicate(Some(&existing))),
        _ => Ok(()),
    }
}

/// The 409 of rule 13, naming the open order (its id and reference) when it is known.
pub fn duplicate(open: Option<&order::Model>) -> ApiError {
    match open {
        Some(o) => ApiError::OpenOrderExists { id: o.id, reference: o.reference.clone() },
        None => ApiError::conflict_in(
            Code::DuplicateOpenOrder,
            "Personen har redan en öppen beställning av behörigheten hos utföraren.",
            "the person already has an open order for this permission at this provider",
        ),
    }
}

/// A write that lost rule 13's race to another transaction: the unique index refused it.
pub fn open_order_conflict(err: sea_orm::DbErr) -> ApiError {
    OPEN_ORDERS.on_violation(err, || duplicate(None))
}

/// The next reference number of the year for a new order, taken before the transaction that
/// saves it.
///
/// On PostgreSQL the number is handed out in a short transaction of its own, so that the counter
/// row is locked for one statement rather than for the whole saving transaction: orders saved at
/// the same time (on any replica) do not queue behind each other's commits. That transaction does
/// not wait for the disk (`synchronous_commit = off`): the order that uses the number commits after
/// it, and that commit's flush writes the counter's change too, so no saved order can carry a number
/// the counter has lost. A save that fails after this leaves a gap in the year's numbers; a number
/// is never handed out twice. On SQLite (one connection) it is the counter's upsert, on its own.
pub async fn take_reference(db: &DatabaseConnection) -> Result<String, ApiError> {
    let year = Utc::now().year();
    if !crate::db::is_postgres(db) {
        return next_reference(db, year).await;
    }
    let txn = db.begin().await?;
    txn.execute_unprepared("SET LOCAL synchronous_commit = off").await?;
    let reference = next_reference(&txn, year).await?;
    txn.commit().await?;
    Ok(reference)
}

/// The next reference number of the year, handed out under the counter row's lock (held until
/// `db`'s transaction ends).
async fn next_reference(db: &impl ConnectionTrait, year: i32) -> Result<String, ApiError> {
    #[derive(sea_orm::DeriveIden)]
    enum OrderReferenceCounters {
        Table,
        Year,
        LastNumber,
    }
    let stmt = Query::insert()
        .into_table(OrderReferenceCounters::Table)
        .columns([OrderReferenceCounters::Year, OrderReferenceCounters::LastNumber])
        .values_panic([year.into(), 1i64.into()])
        .on_conflict(
            OnConflict::column(OrderReferenceCounters::Year)
                .value(
                    OrderReferenceCounters::LastNumber,
                    Expr::col((OrderReferenceCounters::Table, OrderReferenceCounters::LastNumber)).add(1),
                )
                .to_owned(),
        )
        .returning_col(OrderReferenceCounters::LastNumber)
        .to_owned();
    let row = db.query_one(&stmt).await?.ok_or_else(|| ApiError::internal("the reference counter answered nothing"))?;
    let number: i64 = row.try_get("", "last_number")?;
    Ok(rules::reference(year, number))
}

/// Writes one history row.
pub async fn record_history(
    db: &impl ConnectionTrait,
    order_id: Uuid,
    actor: Option<Uuid>,
    action: HistoryAction,
    from: Option<OrderStatus>,
    to: OrderStatus,
    note: Option<String>,
) -> Result<(), ApiError> {
    order_history::ActiveModel {
        id: Set(Uuid::now_v7()),
        order_id: Set(order_id),
        at: Set(Utc::now()),
        actor_id: Set(actor),
        action: Set(action.as_str().to_owned()),
        from_status: Set(from.map(|s| s.as_str().to_owned())),
        to_status: Set(to.as_str().to_owned()),
        note: Set(note),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The units of an order; 404 when the order was deleted since it was read (every saved order has
/// a unit, so none means it is gone), rather than a rule it would then seem to break.
pub async fn unit_ids_of(db: &impl ConnectionTrait, order_id: Uuid) -> Result<Vec<Uuid>, ApiError> {
    use sea_orm::QuerySelect;
    let units: Vec<Uuid> = order_unit::Entity::find()
        .select_only()
        .column(order_unit::Column::UnitId)
        .filter(order_unit::Column::OrderId.eq(order_id))
        .into_tuple()
        .all(db)
        .await?;
    if units.is_empty() && order::Entity::find_by_id(order_id).one(db).await?.is_none() {
        return Err(ApiError::NotFound);
    }
    Ok(units)
}

/// Replaces the units of an order.
pub async fn replace_units(db: &impl ConnectionTrait, order_id: Uuid, unit_ids: &[Uuid]) -> Result<(), ApiError> {
    order_unit::Entity::delete_many().filter(order_unit::Column::OrderId.eq(order_id)).exec(db).await?;
    insert_units(db, order_id, unit_ids).await
}

/// The units of a new order (which has none yet).
async fn insert_units(db: &impl ConnectionTrait, order_id: Uuid, unit_ids: &[Uuid]) -> Result<(), ApiError> {
    if !unit_ids.is_empty() {
        order_unit::Entity::insert_many(
            unit_ids.iter().map(|u| order_unit::ActiveModel { order_id: Set(order_id), unit_id: Set(*u) }),
        )
        .exec(db)
        .await?;
    }
    Ok(())
}

/// Who made a new order, and how it starts.
#[derive(Clone, Copy, Debug)]
pub enum Start {
    /// A draft saved by an orderer.
    Draft { by: Uuid },
    /// Sent to IT at once (a revoke order Sesam makes); `by` is the orderer who asked for it, or
    /// `None` when Sesam makes it by itself: then it has no creator and no sender.
    Sent { by: Option<Uuid> },
}

/// Inserts a new order with its units, its history (created; and sent, when it starts sent) and
/// its audit rows, on the caller's transaction. `note` goes on the history's first row. A second
/// open order for the person and permission is refused by the unique index (rule 13).
pub async fn insert(
    db: &impl ConnectionTrait,
    provider_id: Uuid,
    order: ValidOrder,
    start: Start,
    reference: String,
    note: Option<String>,
) -> Result<order::Model, ApiError> {
    let now = Utc::now();
    let (status, created_by, submitted_by, submitted_at) = match start {
        Start::Draft { by } => (OrderStatus::Draft, Some(by), None, None),
        Start::Sent { by } => (OrderStatus::Submitted, by, by, Some(now)),
    };
    let model = order::ActiveModel {
        id: Set(Uuid::now_v7()),
        search_text: Set(rules::search_text(&order.first_name, &order.last_name, order.email.as_deref(), &reference)),
        reference: Set(reference),
        kind: Set(order.kind.as_str().to_owned()),
        status: Set(status.as_str().to_owned()),
        provider_id: Set(provider_id),
        permission_id: Set(order.permission_id),
        system_id: Set(order.system_id),
        first_name: Set(order.first_name),
        last_name: Set(order.last_name),
        personal_number: Set(order.personal_number.as_str().to_owned()),
        email: Set(order.email),
        phone: Set(order.phone),
        lifecare_title: Set(order.lifecare_title),
        profession: Set(order.profession),
        justification: Set(order.justification),
        expert_user: Set(order.expert_user),
        valid_to: Set(order.valid_to),
        comment: Set(order.comment),
        created_by: Set(created_by),
        created_at: Set(now),
        updated_at: Set(now),
        submitted_by: Set(submitted_by),
        submitted_at: Set(submitted_at),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(open_order_conflict)?;
    insert_units(db, model.id, &order.unit_ids).await?;
    let (order_id, reference, kind) = (model.id, model.reference.as_str(), model.kind.as_str());
    record_history(db, order_id, created_by, HistoryAction::Created, None, OrderStatus::Draft, note).await?;
    audit::record(db, created_by, AuditEvent::OrderCreated { order_id, provider_id, reference, kind }).await?;
    if status == OrderStatus::Submitted {
        let (draft, submitted) = (Some(OrderStatus::Draft), OrderStatus::Submitted);
        record_history(db, order_id, submitted_by, HistoryAction::Submitted, draft, submitted, None).await?;
        let event = AuditEvent::OrderSubmittedAtOnce { order_id, provider_id, reference, kind };
        audit::record(db, submitted_by, event).await?;
    }
    Ok(model)
}

/// A revoke order to make and send to IT at once: everything a holding knows of the permission
/// and the person.
#[derive(Clone, Debug)]
pub struct SentRevoke {
    pub provider_id: Uuid,
    pub permission_id: Uuid,
    pub system_id: Uuid,
    /// The units to remove the permission from; at least one.
    pub unit_ids: Vec<Uuid>,
    pub first_name: String,
    pub last_name: String,
    /// Twelve digits.
    pub personal_number: crate::domain::PersonalNumber,
    pub email: Option<String>,
    pub comment: Option<String>,
}

/// What [`send_revoke`] did.
#[derive(Debug)]
pub enum Revoke {
    /// The revoke order was made and sent to IT.
    Sent(Box<OrderDto>),
    /// The person already has an open revoke order for the permission at the provider (rule 13):
    /// none was made.
    AlreadyOpen(Box<order::Model>),
}

/// Makes a revoke order that is sent to IT at once (`submitted`), with its history (created, then
/// submitted), its audit rows and its effects (IT's mailbox is told), on the caller's transaction;
/// or none, when the person already has an open revoke order for the permission (rule 13) — also
/// when another transaction makes that one at the same moment: the loser's insert is refused by
/// the unique index, rolled back to a savepoint, and answered as `AlreadyOpen`.
///
/// `by` is the orderer who asks for it, or `None` when Sesam does it by itself. The rules of a
/// hand-made change are the caller's to check (rule 7 for an orderer); the permission may since
/// have been retired from the catalogue, which does not stop a revoke.
pub async fn send_revoke(
    db: &DatabaseTransaction,
    by: Option<Uuid>,
    revoke: SentRevoke,
    note: Option<String>,
    settings: effects::Settings<'_>,
) -> Result<Revoke, ApiError> {
    let (provider_id, permission_id, person) =
        (revoke.provider_id, revoke.permission_id, revoke.personal_number.clone());
    let open_one = || open_order_of(db, provider_id, person.as_str(), permission_id, OrderKind::Revoke);
    if let Some(open) = open_one().await? {
        return Ok(Revoke::AlreadyOpen(Box::new(open)));
    }
    let savepoint = db.begin().await?;
    match make_sent_revoke(&savepoint, by, revoke, note, settings).await {
        Ok(order) => {
            savepoint.commit().await?;
            Ok(Revoke::Sent(Box::new(order)))
        }
        Err(lost) if lost.code() == Code::DuplicateOpenOrder => {
            savepoint.rollback().await?;
            open_one().await?.map(|open| Revoke::AlreadyOpen(Box::new(open))).ok_or(lost)
        }
        Err(e) => Err(e),
    }
}

/// The revoke order of [`send_revoke`], made and announced.
async fn make_sent_revoke(
    db: &DatabaseTransaction,
    by: Option<Uuid>,
    revoke: SentRevoke,
    note: Option<String>,
    settings: effects::Settings<'_>,
) -> Result<OrderDto, ApiError> {
    let (provider_id, permission_id) = (revoke.provider_id, revoke.permission_id);
    let reference = next_reference(db, Utc::now().year()).await?;
    let order = ValidOrder {
        kind: OrderKind::Revoke,
        permission_id,
        system_id: revoke.system_id,
        unit_ids: revoke.unit_ids,
        first_name: revoke.first_name,
        last_name: revoke.last_name,
        personal_number: revoke.personal_number,
        email: revoke.email,
        phone: None,
        lifecare_title: None,
        profession: None,
        justification: None,
        expert_user: false,
        valid_to: None,
        comment: revoke.comment,
    };
    let model = insert(db, provider_id, order, Start::Sent { by }, reference, note).await?;
    let dto = render(db, model.id).await?;
    let event =
        OrderTransitioned { transition: Transition::Submit, before: &model, order: &dto, actor: by, text: None };
    effects::order_transitioned(db, &event, settings).await?;
    Ok(dto)
}
