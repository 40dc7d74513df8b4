//! Endpoints (support registers, changes, removes them; secrets shown once), the messages the one
//! door ([`crate::effects::publish`]) writes for them, and the attempts made.

use super::{
    dto::*,
    guard,
    signing::{message_id, new_secret},
};
use crate::{
    auth::Caller,
    effects::events::Event,
    entities::{account, webhook_attempt, webhook_endpoint, webhook_message},
    error::{ApiError, Code, FieldError, FieldErrors},
    pagination::{PageParams, encode_cursor, finish_page},
    state::AppState,
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
    Set, TransactionTrait,
};
use serde_json::{Value, json};
use uuid::Uuid;

/// The `url` of a request, checked; the refusal as `url_not_allowed` at `url`.
fn url(raw: &str, allow: &[String], errors: &mut FieldErrors) -> Option<String> {
    match guard::check_url(raw, allow) {
        Ok(url) => Some(url.to_string()),
        Err(why) => {
            errors.push(FieldError::new("url", Code::UrlNotAllowed).with_message(
                format!("Adressen kan inte användas för webhooks: {why}."),
                format!("The URL cannot be used for webhooks: {why}."),
            ));
            None
        }
    }
}

/// The `events` of a request: one or more known types, each once.
fn events(list: Vec<String>, errors: &mut FieldErrors) -> Option<Vec<String>> {
    if list.is_empty() {
        errors.add("events", Code::InvalidLength);
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    for (i, event) in list.into_iter().enumerate() {
        if !EVENTS.contains(&event.as_str()) {
            errors.add(format!("events[{i}]"), Code::ValueNotAllowed);
        } else if !out.contains(&event) {
            out.push(event);
        }
    }
    Some(out)
}

fn description(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// Registers an endpoint (support); answers it with its secret, shown this once.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    req: CreateWebhook,
    mut errors: FieldErrors,
) -> Result<WebhookWithSecret, ApiError> {
    caller.require_admin()?;
    let allow = &state.settings.webhook_allow_http;
    let url = req.url.take("url", &mut errors).and_then(|u| url(&u, allow, &mut errors));
    let events = req.events.take("events", &mut errors).and_then(|e| events(e, &mut errors));
    let (url, events) = errors.finish_with((url, events))?;
    let now = Utc::now();
    let secret = new_secret();
    let model = webhook_endpoint::ActiveModel {
        id: Set(Uuid::now_v7()),
        url: Set(url),
        description: Set(description(req.description)),
        events: Set(json!(events).to_string()),
        secret: Set(secret.clone()),
        active: Set(true),
        failing_since: Set(None),
        disabled_at: Set(None),
        created_at: Set(now),
        created_by: Set(caller.id()),
        updated_at: Set(now),
    }
    .insert(&state.db)
    .await?;
    Ok(WebhookWithSecret { secret, webhook: model.into() })
}

async fn find(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> Result<webhook_endpoint::Model, ApiError> {
    if !caller.is_admin() {
        return Err(ApiError::NotFound);
    }
    webhook_endpoint::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)
}

/// The endpoints, oldest first (support).
pub async fn list(state: &AppState, caller: &Caller, page: &PageParams) -> Result<WebhookList, ApiError> {
    caller.require_admin()?;
    let limit = page.limit()?;
    let mut query = webhook_endpoint::Entity::find();
    if let Some(after) = after_id(page)? {
        query = query.filter(webhook_endpoint::Column::Id.gt(after));
    }
    let rows = query.order_by_asc(webhook_endpoint::Column::Id).limit(limit + 1).all(&state.db).await?;
    Ok(finish_page(rows, limit, |m| encode_cursor(&[&m.id.to_string()]), WebhookDto::from).into())
}

fn after_id(page: &PageParams) -> Result<Option<Uuid>, ApiError> {
    page.cursor_parts()?
        .map(|parts| {
            parts
                .first()
                .and_then(|s| Uuid::parse_str(s).ok())
                .ok_or_else(|| ApiError::InvalidQuery("cursor is not one this API made".into()))
        })
        .transpose()
}

/// One endpoint (support).
pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> Result<WebhookDto, ApiError> {
    Ok(find(&state.db, caller, id).await?.into())
}

/// Changes an endpoint (support). Turning it on again clears its failure record.
pub async fn update(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: UpdateWebhook,
    mut errors: FieldErrors,
) -> Result<WebhookDto, ApiError> {
    let current = find(&state.db, caller, id).await?;
    let url = req.url.and_then(|u| url(&u, &state.settings.webhook_allow_http, &mut errors));
    let events = req.events.and_then(|e| events(e, &mut errors));
    errors.finish()?;
    let mut model = current.into_active_model();
    if let Some(url) = url {
        model.url = Set(url);
    }
    if let Some(events) = events {
        model.events = Set(json!(events).to_string());
    }
    if req.description.is_some() {
        model.description = Set(description(req.description));
    }
    if let Some(active) = req.active {
        model.active = Set(active);
        model.failing_since = Set(None);
        model.disabled_at = Set((!active).then(Utc::now));
    }
    model.updated_at = Set(Utc::now());
    Ok(model.update(&state.db).await?.into())
}

/// Removes an endpoint with its waiting messages and its attempts (support).
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid) -> Result<(), ApiError> {
    let txn = state.db.begin().await?;
    find(&txn, caller, id).await?;
    webhook_attempt::Entity::delete_many().filter(webhook_attempt::Column::EndpointId.eq(id)).exec(&txn).await?;
    webhook_message::Entity::delete_many().filter(webhook_message::Column::EndpointId.eq(id)).exec(&txn).await?;
    webhook_endpoint::Entity::delete_by_id(id).exec(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// A new secret for an endpoint (support): later deliveries are signed with it only.
pub async fn rotate_secret(state: &AppState, caller: &Caller, id: Uuid) -> Result<WebhookWithSecret, ApiError> {
    let current = find(&state.db, caller, id).await?;
    let secret = new_secret();
    let mut model = current.into_active_model();
    model.secret = Set(secret.clone());
    model.updated_at = Set(Utc::now());
    let model = model.update(&state.db).await?;
    Ok(WebhookWithSecret { secret, webhook: model.into() })
}

/// Queues `webhook.test` for an endpoint (support), active or not.
pub async fn test(state: &AppState, caller: &Caller, id: Uuid) -> Result<TestQueued, ApiError> {
    let endpoint = find(&state.db, caller, id).await?;
    let data = json!({"webhook_id": endpoint.id, "requested_by": caller.id()});
    let id = enqueue(&state.db, endpoint.id, "webhook.test", data).await?;
    Ok(TestQueued { webhook_id: message_id(id) })
}

/// An endpoint's delivery attempts, newest first (support).
pub async fn deliveries(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    page: &PageParams,
) -> Result<DeliveryList, ApiError> {
    find(&state.db, caller, id).await?;
    let limit = page.limit()?;
    let mut query = webhook_attempt::Entity::find().filter(webhook_attempt::Column::EndpointId.eq(id));
    if let Some(before) = after_id(page)? {
        query = query.filter(webhook_attempt::Column::Id.lt(before));
    }
    let rows = query.order_by_desc(webhook_attempt::Column::Id).limit(limit + 1).all(&state.db).await?;
    Ok(finish_page(rows, limit, |m| encode_cursor(&[&m.id.to_string()]), DeliveryDto::from).into())
}

/// Writes one message per active endpoint that subscribes to the event, on the transaction of
/// its cause (called by [`crate::effects::publish`] only).
pub async fn publish_in(db: &impl ConnectionTrait, event: &Event) -> Result<(), ApiError> {
    let name = event.name();
    let endpoints = webhook_endpoint::Entity::find().filter(webhook_endpoint::Column::Active.eq(true)).all(db).await?;
    let subscribed = endpoints.into_iter().filter(|e| {
        serde_json::from_str::<Vec<String>>(&e.events).is_ok_and(|events| events.iter().any(|n| n == name))
    });
    let data = data_of(event);
    for endpoint in subscribed {
        enqueue(db, endpoint.id, name, data.clone()).await?;
    }
    Ok(())
}

async fn enqueue(
    db: &impl ConnectionTrait,
    endpoint_id: Uuid,
    event_type: &str,
    data: Value,
) -> Result<Uuid, ApiError> {
    let now = Utc::now();
    let payload =
        json!({"type": event_type, "timestamp": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true), "data": data});
    let id = Uuid::now_v7();
    webhook_message::ActiveModel {
        id: Set(id),
        endpoint_id: Set(endpoint_id),
        event_type: Set(event_type.to_owned()),
        payload: Set(payload.to_string()),
        created_at: Set(now),
        next_attempt_at: Set(now),
        attempts: Set(0),
        locked_until: Set(None),
        locked_by: Set(None),
        delivered_at: Set(None),
        failed_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// What a message's `data` names: ids, and a person's number masked only.
pub fn data_of(event: &Event) -> Value {
    match event {
        Event::Order { order, .. } => json!(order),
        Event::OrderMessage { order, message_id } => {
            let mut data = json!(order);
            data["message_id"] = json!(message_id);
            data
        }
        Event::HoldingEnded { holding_id, provider_id, system_id, permission_id, personal_number, order_id } => json!({
            "holding_id": holding_id, "provider_id": provider_id, "system_id": system_id,
            "permission_id": permission_id, "personal_number": personal_number, "order_id": order_id,
        }),
        Event::ReviewStarted { review_id, provider_id, system_id } => {
            json!({"review_id": review_id, "provider_id": provider_id, "system_id": system_id})
        }
        Event::ReviewCompleted { review_id, provider_id } | Event::ReviewOverdue { review_id, provider_id } => {
            json!({"review_id": review_id, "provider_id": provider_id})
        }
        Event::OrderingRightGranted { right_id, provider_id, account_id }
        | Event::OrderingRightRevoked { right_id, provider_id, account_id } => {
            json!({"ordering_right_id": right_id, "provider_id": provider_id, "account_id": account_id})
        }
    }
}

/// The active support accounts, told when an endpoint is turned off.
pub async fn support_accounts(db: &impl ConnectionTrait) -> Result<Vec<Uuid>, ApiError> {
    Ok(account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .filter(account::Column::IsAdmin.eq(true))
        .filter(account::Column::Active.eq(true))
        .into_tuple()
        .all(db)
        .await?)
}
