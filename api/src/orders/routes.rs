//! `/orders`, `/orders/{id}`, its transitions, `copy` and `history`.

use super::{
    access::etag,
    batch,
    dto::*,
    read,
    transition::{self, TransitionInput},
    write::{self, Created},
};
use crate::{
    auth::Caller,
    created::location,
    domain::Transition,
    error::Lang,
    error::{ApiError, FieldErrors},
    extract::{Body, BodyLimit},
    idempotency::IdempotencyKey,
    pagination::PageParams,
    state::AppState,
};
use actix_web::{
    HttpRequest, HttpResponse, delete, get,
    http::{StatusCode, header},
    patch, post, web,
};
use utoipa_actix_web::{scope, service_config::ServiceConfig};
use uuid::Uuid;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    // The batch has its own scope for its larger body limit; before `/orders/{id}`.
    cfg.service(scope::scope("/orders/batch").app_data(BodyLimit(BATCH_BODY_LIMIT)).service(create_orders_batch))
        .service(list_orders)
        .service(create_order)
        .service(get_order)
        .service(update_order)
        .service(delete_order)
        .service(submit_order)
        .service(withdraw_order)
        .service(take_order)
        .service(complete_order)
        .service(reject_order)
        .service(return_order)
        .service(copy_order)
        .service(order_history);
}

/// The largest body of `POST /orders/batch`: 100 orders of the largest size, in bytes.
pub const BATCH_BODY_LIMIT: usize = 1024 * 1024;

fn if_match(req: &HttpRequest) -> Option<String> {
    req.headers().get(header::IF_MATCH).map(|v| v.to_str().unwrap_or("\u{0}").to_owned())
}

/// An order answer, with its `ETag` (and `Location` when it is new).
fn order_response(status: StatusCode, order: &OrderDto) -> HttpResponse {
    let mut response = HttpResponse::build(status);
    response.insert_header((header::ETAG, etag(order.version)));
    if status == StatusCode::CREATED {
        response.insert_header((header::LOCATION, location(format!("orders/{}", order.id))));
    }
    response.json(order)
}

/// Lists the orders the caller may see, a page at a time.
///
/// An orderer's providers' orders, IT every order that is not a draft, support all. Newest first
/// unless `order=oldest`; IT's queue is `?status=submitted&order=oldest`.
#[utoipa::path(
    tag = "orders",
    operation_id = "list_orders",
    params(OrderFilter, PageParams),
    responses(
        (status = 200, description = "A page of orders (personal numbers masked)", body = OrderList),
        (status = 403, description = "Neither an orderer, IT nor support (`forbidden`); or `provider_id` names a \
            provider the orderer holds no right for (`no_ordering_right`)"),
    ),
    security(("bearer" = []))
)]
#[get("/orders")]
async fn list_orders(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    page: web::Query<PageParams>,
) -> Result<web::Json<OrderList>, ApiError> {
    let filter = OrderFilter::from_query(req.query_string())?;
    Ok(web::Json(read::list(&state.db, &caller, &filter, &page).await?.into()))
}

/// Saves a new order as a draft (orderers).
///
/// Every rule is checked and every problem reported at once. With `Idempotency-Key`, a replay by the
/// same account answers exactly as the first request did (status and body), and the same key with
/// another body is 422 `idempotency_key_reused`; while the first is still being saved, 409
/// `idempotency_key_in_use` with `Retry-After`.
#[utoipa::path(
    tag = "orders",
    operation_id = "create_order",
    params(
        ("Idempotency-Key" = Option<String>, Header, max_length = 255,
            description = "Makes retries safe: the same key (1–255 visible ASCII characters) with the same body \
            answers as the first time, without creating another order; with another body it is 422 \
            `idempotency_key_reused`. Keys are per account and remembered for 7 days."),
    ),
    request_body = CreateOrder,
    responses(
        (status = 201, description = "Saved as a draft", body = OrderDto,
            headers(("ETag" = String, description = "The order's version, for `If-Match`"),
                ("Location" = String, description = "The order: `/api/v1/orders/{id}`"))),
        (status = 400, description = "The body is not JSON, or the `Idempotency-Key` is malformed"),
        (status = 403, description = "No ordering right for the provider (`no_ordering_right`); IT and support \
            do not order (`forbidden`)"),
        (status = 409, description = "The person already has an open order for this permission at the provider \
            (`duplicate_open_order`)"),
        (status = 422, description = "Every problem at once: `required`, `one_permission_per_order`, \
            `unknown_permission`, `inactive_permission`, `unit_not_in_provider`, `lifecare_title_required`, \
            `profession_required`, `value_not_allowed`, `expert_user_email_required`, `invalid_email`, \
            `invalid_personal_number`, `self_order_forbidden`, `invalid_length`, `invalid_format`, \
            `unknown_field`, `idempotency_key_reused`"),
    ),
    security(("bearer" = []))
)]
#[post("/orders")]
async fn create_order(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: Body<CreateOrder>,
) -> Result<HttpResponse, ApiError> {
    let key = IdempotencyKey::from_request(&req)?;
    let fingerprint = body.fingerprint();
    let (order, errors) = body.into_parts();
    let key = key.as_ref().map(|key| (key, fingerprint.as_str()));
    match write::create(&state.db, &caller, order, errors, key).await? {
        Created::New(order) => Ok(order_response(StatusCode::CREATED, &order)),
        Created::Replay { status, body, version, id } => {
            let mut response = HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED));
            response.content_type("application/json");
            if let Some(version) = version {
                response.insert_header((header::ETAG, etag(version)));
            }
            if let Some(id) = id {
                response.insert_header((header::LOCATION, location(format!("orders/{id}"))));
            }
            Ok(response.body(body))
        }
    }
}

/// Saves up to 100 orders at once, for scripts (orderers).
///
/// Each item is a `POST /orders` body and is saved as a draft, or refused, on its own (its own
/// transaction): a refused item does not stop the others. The answer is always 200 with one result
/// per item, in order: `{"status": 201, "order": {…}}`, or the status the item would have had alone
/// with its `problem` (`{"status": 422, "problem": {…}}`, field paths relative to the item). A problem
/// with the request as a whole (no right to order, a malformed body, more than 100 items) answers as
/// usual. The body may be up to 1 MiB. With `Idempotency-Key`, a replay of the whole batch answers as
/// the first time did and saves nothing; the same key with another body is 422 `idempotency_key_reused`.
#[utoipa::path(
    tag = "orders",
    operation_id = "create_orders_batch",
    params(
        ("Idempotency-Key" = Option<String>, Header, max_length = 255,
            description = "Makes retrying the whole batch safe: the same key (1–255 visible ASCII characters) with \
            the same body answers as the first time, saving nothing; with another body it is 422 \
            `idempotency_key_reused`; while the first request is still being saved, 409. Keys are per account and remembered for 7 days."),
    ),
    request_body = CreateOrderBatch,
    responses(
        (status = 200, description = "One result per item, in order", body = BatchAnswer),
        (status = 400, description = "The body is not JSON, or the `Idempotency-Key` is malformed"),
        (status = 403, description = "Not an orderer (`no_ordering_right`); IT and support do not order (`forbidden`)"),
        (status = 409, description = "A batch with this `Idempotency-Key` is still being saved (`conflict`)"),
        (status = 413, description = "The body is larger than 1 MiB (`payload_too_large`)"),
        (status = 422, description = "`items` missing (`required`), empty or more than 100 (`invalid_length`), an \
            unknown top-level field (`unknown_field`), or `idempotency_key_reused`"),
    ),
    security(("bearer" = []))
)]
#[post("")]
async fn create_orders_batch(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: Body<CreateOrderBatch>,
) -> Result<HttpResponse, ApiError> {
    let key = IdempotencyKey::from_request(&req)?;
    let lang = Lang::from_accept_language(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    let fingerprint = body.fingerprint();
    let (batch, errors) = body.into_parts();
    let key = key.as_ref().map(|key| (key, fingerprint.as_str()));
    let answer = batch::create_batch(&state.db, &caller, batch, errors, key, lang).await?;
    Ok(HttpResponse::Ok().content_type("application/json").body(answer))
}

/// One order, with the personal number whole.
///
/// With `If-None-Match` naming the order's current `ETag` the answer is `304 Not Modified` without a
/// body: a script that polls an order re-reads it only when it has changed.
#[utoipa::path(
    tag = "orders",
    operation_id = "get_order",
    params(
        ("id" = Uuid, Path, description = "The order's id"),
        ("If-None-Match" = Option<String>, Header, description = "An `ETag` the caller holds; 304 when the order \
            is still at that version"),
    ),
    responses(
        (status = 200, description = "The order", body = OrderDto,
            headers(("ETag" = String, description = "The order's version, for `If-Match`"))),
        (status = 304, description = "Not changed since the `ETag` in `If-None-Match`",
            headers(("ETag" = String, description = "The order's version"))),
        (status = 404, description = "Unknown, or not visible to the caller (IT does not see drafts)"),
    ),
    security(("bearer" = []))
)]
#[get("/orders/{id}")]
async fn get_order(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let order = read::get(&state.db, &caller, id.into_inner()).await?;
    let current = etag(order.version);
    if none_match(&req, &current) {
        return Ok(HttpResponse::NotModified().insert_header((header::ETAG, current)).finish());
    }
    Ok(order_response(StatusCode::OK, &order))
}

/// Whether `If-None-Match` names the current `ETag` (or is `*`): then the client's copy is current.
fn none_match(req: &HttpRequest, current: &str) -> bool {
    let Some(value) = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) else { return false };
    let bare = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    value.split(',').any(|tag| tag.trim() == "*" || bare(tag) == bare(current))
}

/// Changes a draft (orderers of its provider).
///
/// A merge: fields sent replace theirs, `null` clears an optional field; the merged order must meet
/// every rule. `provider_id` cannot change. With `If-Match`, a stale version is 412.
#[utoipa::path(
    tag = "orders",
    operation_id = "update_order",
    params(
        ("id" = Uuid, Path, description = "The order's id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` the change is based on; 412 when the order \
            has changed since"),
    ),
    request_body = UpdateOrder,
    responses(
        (status = 200, description = "Changed", body = OrderDto,
            headers(("ETag" = String, description = "The order's new version"))),
        (status = 403, description = "Not an orderer of the order's provider (IT and support included)"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "Not a draft (`invalid_transition`), or the change makes it a second open \
            order (`duplicate_open_order`)"),
        (status = 412, description = "`If-Match` is stale (`precondition_failed`)"),
        (status = 422, description = "Every problem of the merged order at once, as for creating one; \
            `provider_change_forbidden` when another provider is named"),
    ),
    security(("bearer" = []))
)]
#[patch("/orders/{id}")]
async fn update_order(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Body<UpdateOrder>,
) -> Result<HttpResponse, ApiError> {
    let (change, errors) = body.into_parts();
    let order = write::update(&state.db, &caller, id.into_inner(), if_match(&req).as_deref(), change, errors).await?;
    Ok(order_response(StatusCode::OK, &order))
}

/// Deletes a draft (orderers of its provider).
///
/// With `If-Match`, a stale version is 412.
#[utoipa::path(
    tag = "orders",
    operation_id = "delete_order",
    params(
        ("id" = Uuid, Path, description = "The order's id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` the deletion is based on"),
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Not an orderer of the order's provider"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "Not a draft (`invalid_transition`)"),
        (status = 412, description = "`If-Match` is stale (`precondition_failed`)"),
    ),
    security(("bearer" = []))
)]
#[delete("/orders/{id}")]
async fn delete_order(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    write::delete(&state.db, &caller, id.into_inner(), if_match(&req).as_deref()).await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn step(
    state: &AppState,
    caller: &Caller,
    req: &HttpRequest,
    id: Uuid,
    t: Transition,
    input: TransitionInput,
    errors: FieldErrors,
) -> Result<HttpResponse, ApiError> {
    let order = transition::transition(
        &state.db,
        caller,
        id,
        t,
        if_match(req).as_deref(),
        input,
        errors,
        state.settings.it_email.as_deref(),
    )
    .await?;
    Ok(order_response(StatusCode::OK, &order))
}

/// Sends a draft to IT (orderers of its provider).
///
/// The order must still meet every rule, and the sender must not be its person
/// (`self_order_forbidden`). The body may be left out, empty, `{}` or `null`.
#[utoipa::path(
    tag = "orders",
    operation_id = "submit_order",
    params(
        ("id" = Uuid, Path, description = "The order's id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` the step is based on"),
    ),
    request_body(content = Option<TransitionNote>, description = "Optional; may be left out"),
    responses(
        (status = 200, description = "Sent to IT: `submitted`", body = OrderDto,
            headers(("ETag" = String, description = "The order's new version"))),
        (status = 403, description = "Not an orderer of the order's provider"),
        (status = 404, description = "Unknown, or not visible to the caller (IT does not see drafts)"),
        (status = 409, description = "Not a draft (`invalid_transition`)"),
        (status = 412, description = "`If-Match` is stale (`precondition_failed`)"),
        (status = 422, description = "The order no longer meets a rule, or the note is too long"),
    ),
    security(("bearer" = []))
)]
#[post("/orders/{id}/submit")]
async fn submit_order(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Body<TransitionNote>,
) -> Result<HttpResponse, ApiError> {
    let (b, errors) = body.into_parts();
    let input = TransitionInput { text: b.note, account_name: None };
    step(&state, &caller, &req, id.into_inner(), Transition::Submit, input, errors).await
}

/// Withdraws an order IT has not taken yet (orderers of its provider).
///
/// The body may be left out, empty, `{}` or `null`.
#[utoipa::path(
    tag = "orders",
    operation_id = "withdraw_order",
    params(
        ("id" = Uuid, Path, description = "The order's id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` the step is based on"),
    ),
    request_body(content = Option<TransitionNote>, description = "Optional; may be left out"),
    responses(
        (status = 200, description = "`withdrawn`", body = OrderDto,
            headers(("ETag" = String, description = "The order's new version"))),
        (status = 403, description = "Not an orderer of the order's provider"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "Not `submitted` (`invalid_transition`): taken, or final"),
        (status = 412, description = "`If-Match` is stale (`precondition_failed`)"),
    ),
    security(("bearer" = []))
)]
#[post("/orders/{id}/withdraw")]
async fn withdraw_order(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Body<TransitionNote>,
) -> Result<HttpResponse, ApiError> {
    let (b, errors) = body.into_parts();
    let input = TransitionInput { text: b.note, account_name: None };
    step(&state, &caller, &req, id.into_inner(), Transition::Withdraw, input, errors).await
}

/// Takes a sent order (IT).
///
/// Atomic: when several take the same order at once, exactly one gets 200 and the others 409, also
/// across API replicas. The body may be left out, empty, `{}` or `null`.
#[utoipa::path(
    tag = "orders",
    operation_id = "take_order",
    params(
        ("id" = Uuid, Path, description = "The order's id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` the step is based on"),
    ),
    request_body(content = Option<TransitionNote>, description = "Optional; may be left out"),
    responses(
        (status = 200, description = "`in_progress`, taken by the caller", body = OrderDto,
            headers(("ETag" = String, description = "The order's new version"))),
        (status = 403, description = "Not IT"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "Not `submitted` (`invalid_transition`), e.g. someone took it first"),
        (status = 412, description = "`If-Match` is stale (`precondition_failed`)"),
    ),
    security(("bearer" = []))
)]
#[post("/orders/{id}/take")]
async fn take_order(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Body<TransitionNote>,
) -> Result<HttpResponse, ApiError> {
    let (b, errors) = body.into_parts();
    let input = TransitionInput { text: b.note, account_name: None };
    step(&state, &caller, &req, id.into_inner(), Transition::Take, input, errors).await
}

/// Marks a taken order done (any IT account).
///
/// Optionally with the person's user name in the target system. The orderers are notified; a grant
/// order's expert user is registered. The body may be left out, empty, `{}` or `null`.
#[utoipa::path(
    tag = "orders",
    operation_id = "complete_order",
    params(
        ("id" = Uuid, Path, description = "The order's id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` the step is based on"),
    ),
    request_body(content = Option<CompleteOrder>, description = "Optional; may be left out"),
    responses(
        (status = 200, description = "`completed`", body = OrderDto,
            headers(("ETag" = String, description = "The order's new version"))),
        (status = 403, description = "Not IT"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "Not `in_progress` (`invalid_transition`)"),
        (status = 412, description = "`If-Match` is stale (`precondition_failed`)"),
    ),
    security(("bearer" = []))
)]
#[post("/orders/{id}/complete")]
async fn complete_order(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Body<CompleteOrder>,
) -> Result<HttpResponse, ApiError> {
    let (b, errors) = body.into_parts();
    let input = TransitionInput { text: b.note, account_name: b.account_name };
    step(&state, &caller, &req, id.into_inner(), Transition::Complete, input, errors).await
}

/// Rejects a sent or taken order (IT), with a mandatory reason.
///
/// The orderers are notified.
#[utoipa::path(
    tag = "orders",
    operation_id = "reject_order",
    params(
        ("id" = Uuid, Path, description = "The order's id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` the step is based on"),
    ),
    request_body = RejectOrder,
    responses(
        (status = 200, description = "`rejected`", body = OrderDto,
            headers(("ETag" = String, description = "The order's new version"))),
        (status = 403, description = "Not IT"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "Neither `submitted` nor `in_progress` (`invalid_transition`)"),
        (status = 412, description = "`If-Match` is stale (`precondition_failed`)"),
        (status = 422, description = "`reason` is missing (`required`) or too long"),
    ),
    security(("bearer" = []))
)]
#[post("/orders/{id}/reject")]
async fn reject_order(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Body<RejectOrder>,
) -> Result<HttpResponse, ApiError> {
    let (b, mut errors) = body.into_parts();
    let input = TransitionInput { text: b.reason.take("reason", &mut errors), account_name: None };
    step(&state, &caller, &req, id.into_inner(), Transition::Reject, input, errors).await
}

/// Returns a sent or taken order to the orderers as a draft (IT), with a mandatory question.
///
/// The orderers are notified; the question stays on the order (`return_question`) and in its history.
#[utoipa::path(
    tag = "orders",
    operation_id = "return_order",
    params(
        ("id" = Uuid, Path, description = "The order's id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` the step is based on"),
    ),
    request_body = ReturnOrder,
    responses(
        (status = 200, description = "A `draft` again", body = OrderDto,
            headers(("ETag" = String, description = "The order's new version"))),
        (status = 403, description = "Not IT"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "Neither `submitted` nor `in_progress` (`invalid_transition`)"),
        (status = 412, description = "`If-Match` is stale (`precondition_failed`)"),
        (status = 422, description = "`question` is missing (`required`) or too long"),
    ),
    security(("bearer" = []))
)]
#[post("/orders/{id}/return")]
async fn return_order(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Body<ReturnOrder>,
) -> Result<HttpResponse, ApiError> {
    let (b, mut errors) = body.into_parts();
    let input = TransitionInput { text: b.question.take("question", &mut errors), account_name: None };
    step(&state, &caller, &req, id.into_inner(), Transition::Return, input, errors).await
}

/// Copies any visible order (say, a rejected one) into a new draft (orderers of its provider).
///
/// The body may change the copy as a `PATCH` would (e.g. another `permission_id` for the same
/// person); it may be left out. The copy meets every rule, like any new order.
#[utoipa::path(
    tag = "orders",
    operation_id = "copy_order",
    params(("id" = Uuid, Path, description = "The id of the order to copy")),
    request_body(content = Option<UpdateOrder>, description = "Optional changes to the copy"),
    responses(
        (status = 201, description = "The new draft", body = OrderDto,
            headers(("ETag" = String, description = "The new order's version"),
                ("Location" = String, description = "The new order: `/api/v1/orders/{id}`"))),
        (status = 403, description = "Not an orderer of the order's provider"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "The copy would be a second open order (`duplicate_open_order`)"),
        (status = 422, description = "The copy breaks a rule (every problem at once)"),
    ),
    security(("bearer" = []))
)]
#[post("/orders/{id}/copy")]
async fn copy_order(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Body<UpdateOrder>,
) -> Result<HttpResponse, ApiError> {
    let (change, errors) = body.into_parts();
    let order = write::copy(&state.db, &caller, id.into_inner(), change, errors).await?;
    Ok(order_response(StatusCode::CREATED, &order))
}

/// Reads an order's history, oldest first.
///
/// Who did what, when, from which status to which, with its note, reason or question. Never edited.
#[utoipa::path(
    tag = "orders",
    operation_id = "get_order_history",
    params(("id" = Uuid, Path, description = "The order's id"), PageParams),
    responses(
        (status = 200, description = "The history", body = OrderHistoryList),
        (status = 404, description = "Unknown, or not visible to the caller"),
    ),
    security(("bearer" = []))
)]
#[get("/orders/{id}/history")]
async fn order_history(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: web::Query<PageParams>,
) -> Result<web::Json<OrderHistoryList>, ApiError> {
    Ok(web::Json(read::history(&state.db, &caller, id.into_inner(), &page).await?.into()))
}
