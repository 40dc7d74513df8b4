//! Reading and writing the messages on an order.

use super::dto::*;
use crate::{
    audit::{self, AuditEvent},
    auth::Caller,
    domain::{OrderKind, OrderStatus, mask_stored, parse_text},
    effects::{
        events::{Event, OrderRef},
        publish::publish,
    },
    entities::{account, order, order_message},
    error::{ApiError, Code, FieldErrors},
    notifications::{
        dto::NotificationKind,
        service::{Notice, notify},
    },
    ordering_rights::orderers::active_orderers,
    orders::access::visible_order,
    pagination::{Page, PageParams, encode_cursor, finish_page},
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The longest message, in characters.
pub const BODY_MAX: usize = 2000;

/// The order's messages, oldest first, for anyone who may read the order.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    order_id: Uuid,
    page: &PageParams,
) -> Result<Page<OrderMessageDto>, ApiError> {
    let limit = page.limit()?;
    let order = visible_order(db, caller, order_id).await?;
    let mut query = order_message::Entity::find().filter(order_message::Column::OrderId.eq(order.id));
    if let Some(parts) = page.cursor_parts()? {
        let after = parts
            .first()
            .and_then(|s| Uuid::parse_str(s).ok())
            .ok_or_else(|| ApiError::InvalidQuery("cursor is not one this API made".into()))?;
        query = query.filter(order_message::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(order_message::Column::Id).limit(limit + 1).all(db).await?;
    let authors = authors_of(db, rows.iter().map(|m| m.author_id).collect()).await?;
    let page = finish_page(rows, limit, |m| encode_cursor(&[&m.id.to_string()]), |m| dto(m, &authors));
    Ok(Page { items: page.items, next_cursor: page.next_cursor })
}

/// Names and IT flags of the authors.
async fn authors_of(db: &impl ConnectionTrait, mut ids: Vec<Uuid>) -> Result<HashMap<Uuid, (String, bool)>, ApiError> {
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, String, bool)> = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .column(account::Column::Name)
        .column(account::Column::IsIt)
        .filter(account::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, name, it)| (id, (name, it))).collect())
}

fn dto(m: order_message::Model, authors: &HashMap<Uuid, (String, bool)>) -> OrderMessageDto {
    let (name, it) = authors.get(&m.author_id).cloned().unwrap_or_default();
    OrderMessageDto {
        id: m.id,
        order_id: m.order_id,
        author_id: m.author_id,
        author_name: name,
        side: if it { MessageSide::It } else { MessageSide::Orderer },
        body: m.body,
        created_at: m.created_at,
    }
}

/// Posts a message on an order that is not a draft: the provider's orderers and IT may; support
/// reads only (403). The other side is told, the event published and the message audited, in one
/// transaction.
pub async fn post(
    db: &DatabaseConnection,
    caller: &Caller,
    order_id: Uuid,
    body: Option<String>,
    mut errors: FieldErrors,
) -> Result<OrderMessageDto, ApiError> {
    let order = visible_order(db, caller, order_id).await?;
    let as_orderer = caller.is_orderer_of(order.provider_id);
    if !as_orderer && !caller.is_it() {
        return Err(ApiError::Forbidden(Code::Forbidden));
    }
    if order.status == OrderStatus::Draft.as_str() {
        return Err(ApiError::conflict_in(
            Code::Conflict,
            "Ett utkast har inga meddelanden: skicka det till IT först.",
            "a draft has no messages: send it to IT first",
        ));
    }
    let text = match body {
        Some(b) if !errors.has_error_at("body") => {
            errors.check(parse_text("body", &b, BODY_MAX, true)).map(|t| t.into_string())
        }
        _ => None,
    };
    let text = errors.finish_with(text)?;

    let txn = db.begin().await?;
    let message = order_message::ActiveModel {
        id: Set(Uuid::now_v7()),
        order_id: Set(order.id),
        author_id: Set(caller.id()),
        body: Set(text),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    // Orderer and IT both: the caller writes as IT only when it is not the provider's orderer.
    let from_it = !as_orderer;
    let recipients = other_side(&txn, &order, from_it).await?;
    let recipients: Vec<Uuid> = recipients.into_iter().filter(|id| *id != caller.id()).collect();
    let person = format!("{} {}", order.first_name, order.last_name);
    let notice = Notice {
        kind: NotificationKind::OrderMessage,
        order_id: Some(order.id),
        title: format!("Nytt meddelande om {}", order.reference),
        body: format!(
            "{} skrev om beställning {} ({person}):\n\n{}",
            caller.account.name, order.reference, message.body
        ),
    };
    notify(&txn, &recipients, &notice).await?;
    let reference = OrderRef {
        order_id: order.id,
        reference: order.reference.clone(),
        status: OrderStatus::parse(&order.status).unwrap_or(OrderStatus::Submitted),
        kind: OrderKind::parse(&order.kind).unwrap_or(OrderKind::Grant),
        provider_id: order.provider_id,
        system_id: order.system_id,
        permission_id: order.permission_id,
        personal_number: mask_stored(&order.personal_number),
    };
    publish(&txn, &Event::OrderMessage { order: reference, message_id: message.id }).await?;
    let event =
        AuditEvent::OrderMessagePosted { order_id: order.id, provider_id: order.provider_id, message_id: message.id };
    audit::record(&txn, Some(caller.id()), event).await?;
    txn.commit().await?;
    let authors = HashMap::from([(caller.id(), (caller.account.name.clone(), from_it))]);
    Ok(dto(message, &authors))
}

/// Who hears of a message: IT's message tells the order's creator and whoever sent it (the
/// provider's orderers when Sesam made it); an orderer's tells the IT account that took the order,
/// or every active IT account while nobody has.
async fn other_side(db: &impl ConnectionTrait, order: &order::Model, from_it: bool) -> Result<Vec<Uuid>, ApiError> {
    if from_it {
        let named: Vec<Uuid> = [order.created_by, order.submitted_by].into_iter().flatten().collect();
        if named.is_empty() {
            return active_orderers(db, order.provider_id).await;
        }
        return Ok(named);
    }
    if let Some(taker) = order.taken_by {
        return Ok(vec![taker]);
    }
    Ok(account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .filter(account::Column::IsIt.eq(true))
        .filter(account::Column::Active.eq(true))
        .order_by_asc(account::Column::Id)
        .into_tuple()
        .all(db)
        .await?)
}
