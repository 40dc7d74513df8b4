//! Writing and reading notifications.

use super::dto::*;
use crate::{
    auth::Caller,
    entities::{account, notification},
    error::ApiError,
    outbox::{self, OutgoingEmail},
    pagination::{PageParams, encode_cursor, finish_page},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

/// One thing to tell some accounts.
#[derive(Clone, Debug)]
pub struct Notice {
    pub kind: NotificationKind,
    pub order_id: Option<Uuid>,
    pub title: String,
    pub body: String,
}

/// Tells each recipient (once each, whatever duplicates are passed): an in-app notification, and
/// an email to the account's address queued in the outbox (active accounts only). Call it with the
/// transaction of the change that causes it, so both are written if and only if the change is.
/// The title is the email's subject and the body its text: plain Swedish naming the order's
/// reference, person and permission where there is an order.
pub async fn notify(db: &impl ConnectionTrait, recipients: &[Uuid], notice: &Notice) -> Result<(), ApiError> {
    notify_about(db, recipients, notice, None).await
}

/// As [`notify`], for a notice about an access review: the notifications carry `review_id`.
pub async fn notify_review(
    db: &impl ConnectionTrait,
    recipients: &[Uuid],
    notice: &Notice,
    review_id: Uuid,
) -> Result<(), ApiError> {
    notify_about(db, recipients, notice, Some(review_id)).await
}

async fn notify_about(
    db: &impl ConnectionTrait,
    recipients: &[Uuid],
    notice: &Notice,
    review_id: Option<Uuid>,
) -> Result<(), ApiError> {
    let mut seen = Vec::new();
    let now = chrono::Utc::now();
    for account_id in recipients {
        if seen.contains(account_id) {
            continue;
        }
        seen.push(*account_id);
        notification::ActiveModel {
            id: Set(Uuid::now_v7()),
            account_id: Set(*account_id),
            kind: Set(notice.kind.as_str().to_owned()),
            order_id: Set(notice.order_id),
            review_id: Set(review_id),
            title: Set(notice.title.clone()),
            body: Set(notice.body.clone()),
            read_at: Set(None),
            created_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    if seen.is_empty() {
        return Ok(());
    }
    let accounts = account::Entity::find()
        .filter(account::Column::Id.is_in(seen))
        .filter(account::Column::Active.eq(true))
        .order_by_asc(account::Column::Id)
        .all(db)
        .await?;
    for account in accounts {
        let body = format!("Hej {}!\n\n{}\n\nLogga in i Sesam för att se mer.", account.name, notice.body.trim_end());
        let email = OutgoingEmail {
            kind: notice.kind.as_str(),
            to: &account.email,
            subject: &notice.title,
            body: &body,
            order_id: notice.order_id,
        };
        outbox::enqueue(db, &email).await?;
    }
    Ok(())
}

/// A page of the caller's notifications, newest first, with the unread count.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: &NotificationFilter,
    page: &PageParams,
) -> Result<NotificationList, ApiError> {
    let limit = page.limit()?;
    let mut query = notification::Entity::find().filter(notification::Column::AccountId.eq(caller.id()));
    if filter.unread == Some(true) {
        query = query.filter(notification::Column::ReadAt.is_null());
    }
    if let Some(parts) = page.cursor_parts()? {
        let id = parts
            .first()
            .and_then(|s| Uuid::parse_str(s).ok())
            .ok_or_else(|| ApiError::InvalidQuery("cursor is not one this API made".into()))?;
        query = query.filter(notification::Column::Id.lt(id));
    }
    let rows = query.order_by_desc(notification::Column::Id).limit(limit + 1).all(db).await?;
    let page = finish_page(rows, limit, |m| encode_cursor(&[&m.id.to_string()]), NotificationDto::from);
    let unread_count = notification::Entity::find()
        .filter(notification::Column::AccountId.eq(caller.id()))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?;
    Ok(NotificationList { items: page.items, next_cursor: page.next_cursor, unread_count })
}

/// Marks one of the caller's notifications read (again is fine); others' answer 404.
pub async fn mark_read(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<NotificationDto, ApiError> {
    let found = notification::Entity::find_by_id(id)
        .filter(notification::Column::AccountId.eq(caller.id()))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    if found.read_at.is_some() {
        return Ok(found.into());
    }
    let mut model: notification::ActiveModel = found.into();
    model.read_at = Set(Some(chrono::Utc::now()));
    Ok(model.update(db).await?.into())
}
