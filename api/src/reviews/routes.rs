//! `/reviews`, `/reviews/{id}`, `/reviews/{id}/items`, `/reviews/{id}/decisions`, `/complete`,
//! `/cancel`, `/report`: access reviews (behörighetsuppföljning).

use super::{cancel, complete, decide, dto::*, read, report, start};
use crate::{auth::Caller, csv, error::ApiError, extract::Body, pagination::PageParams, state::AppState};
use actix_web::{HttpResponse, get, http::header, post, web};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

/// Registers the routes of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(start_reviews)
        .service(list_reviews)
        .service(get_review)
        .service(list_review_items)
        .service(decide_review_items)
        .service(complete_review)
        .service(cancel_review)
        .service(review_report);
}

/// Starts access reviews (support).
///
/// One review per provider: for `provider_id`, or for every active provider that has matching
/// active holdings and no open review of the same scope. The items are the provider's holdings
/// (of `system_id`, if given) active now; the provider's orderers are told (`review_started`).
#[utoipa::path(
    tag = "reviews",
    operation_id = "start_reviews",
    request_body = StartReview,
    responses(
        (status = 201, description = "The reviews started (possibly none, without `provider_id`)", body = StartedReviews,
            headers(("Location" = String, description = "The review started, when one was; else the list of reviews"))),
        (status = 403, description = "An orderer: only support starts reviews (`forbidden`)"),
        (status = 404, description = "IT, or an account without an ordering right"),
        (status = 409, description = "With `provider_id`: an open review of the provider overlaps (`review_already_open`)"),
        (status = 422, description = "Every problem at once: `required`, `invalid_format`, `due_date_not_in_future`, \
            `unknown_provider`, `unknown_system`, `nothing_to_review` (the provider holds nothing matching), `unknown_field`"),
    ),
    security(("bearer" = []))
)]
#[post("/reviews")]
async fn start_reviews(
    state: web::Data<AppState>,
    caller: Caller,
    body: Body<StartReview>,
) -> Result<HttpResponse, ApiError> {
    let (req, errors) = body.into_parts();
    let answer = start::start(&state.db, &caller, req, errors).await?;
    let location = match answer.items.as_slice() {
        [one] => format!("/api/v1/reviews/{}", one.id),
        _ => "/api/v1/reviews".to_owned(),
    };
    Ok(HttpResponse::Created().insert_header((header::LOCATION, location)).json(answer))
}

/// Lists access reviews, newest first.
///
/// Support sees every review; an orderer those of the providers it orders for.
#[utoipa::path(
    tag = "reviews",
    operation_id = "list_reviews",
    params(ReviewFilter, PageParams),
    responses(
        (status = 200, description = "A page of reviews with their progress", body = ReviewList),
        (status = 404, description = "IT, an account without an ordering right, or a provider the orderer does not order for"),
    ),
    security(("bearer" = []))
)]
#[get("/reviews")]
async fn list_reviews(
    state: web::Data<AppState>,
    caller: Caller,
    filter: web::Query<ReviewFilter>,
    page: web::Query<PageParams>,
) -> Result<web::Json<ReviewList>, ApiError> {
    Ok(web::Json(read::list(&state.db, &caller, &filter, &page).await?))
}

/// Reads one access review with its progress counts.
///
/// Items whose holding ended during the review count in `items_ended`, not `items_decided`.
#[utoipa::path(
    tag = "reviews",
    operation_id = "get_review",
    params(("id" = Uuid, Path, description = "The review's id")),
    responses(
        (status = 200, description = "The review", body = ReviewDto),
        (status = 404, description = "Unknown, or not visible to the caller"),
    ),
    security(("bearer" = []))
)]
#[get("/reviews/{id}")]
async fn get_review(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<web::Json<ReviewDto>, ApiError> {
    Ok(web::Json(read::get(&state.db, &caller, id.into_inner()).await?))
}

/// Lists a review's items by person (personal numbers masked).
///
/// Each item is one holding with its units, start, end date and justification, and the decision on it.
#[utoipa::path(
    tag = "reviews",
    operation_id = "list_review_items",
    params(("id" = Uuid, Path, description = "The review's id"), ItemFilter, PageParams),
    responses(
        (status = 200, description = "A page of items, by last name, first name and id", body = ReviewItemList),
        (status = 404, description = "Unknown, or not visible to the caller"),
    ),
    security(("bearer" = []))
)]
#[get("/reviews/{id}/items")]
async fn list_review_items(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    filter: web::Query<ItemFilter>,
    page: web::Query<PageParams>,
) -> Result<web::Json<ReviewItemList>, ApiError> {
    Ok(web::Json(read::items(&state.db, &caller, id.into_inner(), &filter, &page).await?))
}

/// Decides review items: `keep` or `revoke`, 1–200 at once, all or nothing.
///
/// Orderers of the review's provider decide; a decision may be changed while the review is open,
/// and every decision is in the audit log.
#[utoipa::path(
    tag = "reviews",
    operation_id = "decide_review_items",
    params(("id" = Uuid, Path, description = "The review's id")),
    request_body = Decisions,
    responses(
        (status = 200, description = "The items as decided", body = DecidedItems),
        (status = 403, description = "Support: it reads, but does not decide (`forbidden`)"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "The review is not open (`invalid_transition`)"),
        (status = 422, description = "Every problem at once, at `items[N]…`: `required`, `unknown_item`, \
            `value_not_allowed`, `holding_ended`, `self_review_forbidden`, `invalid_length`, `unknown_field`"),
    ),
    security(("bearer" = []))
)]
#[post("/reviews/{id}/decisions")]
async fn decide_review_items(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Body<Decisions>,
) -> Result<web::Json<DecidedItems>, ApiError> {
    let (req, errors) = body.into_parts();
    Ok(web::Json(decide::decide(&state.db, &caller, id.into_inner(), req, errors).await?))
}

/// Completes a review: each `revoke` becomes a revoke order sent to IT.
///
/// One revoke order per `revoke` decision on a holding still active, none where the person already
/// has an open revoke order for the permission (the item then names that one).
#[utoipa::path(
    tag = "reviews",
    operation_id = "complete_review",
    params(("id" = Uuid, Path, description = "The review's id")),
    responses(
        (status = 200, description = "The review, completed, with the revoke orders sent to IT", body = CompletedReview),
        (status = 403, description = "Support: it does not complete reviews (`forbidden`)"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "The review is not open (`invalid_transition`)"),
        (status = 422, description = "Items are undecided (`undecided_items`), or one to revoke is the caller's own \
            (`self_review_forbidden`)"),
    ),
    security(("bearer" = []))
)]
#[post("/reviews/{id}/complete")]
async fn complete_review(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<web::Json<CompletedReview>, ApiError> {
    let it_email = state.settings.it_email.as_deref();
    Ok(web::Json(complete::complete(&state.db, &caller, id.into_inner(), it_email).await?))
}

/// Cancels an open review (support).
///
/// Its decisions take no effect; it stays readable.
#[utoipa::path(
    tag = "reviews",
    operation_id = "cancel_review",
    params(("id" = Uuid, Path, description = "The review's id")),
    responses(
        (status = 200, description = "The review, cancelled", body = ReviewDto),
        (status = 403, description = "An orderer: only support cancels (`forbidden`)"),
        (status = 404, description = "Unknown, or not visible to the caller"),
        (status = 409, description = "The review is not open (`invalid_transition`)"),
    ),
    security(("bearer" = []))
)]
#[post("/reviews/{id}/cancel")]
async fn cancel_review(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<web::Json<ReviewDto>, ApiError> {
    Ok(web::Json(cancel::cancel(&state.db, &caller, id.into_inner()).await?))
}

/// Downloads a review's report as CSV.
///
/// Columns `first_name,last_name,personal_number,system,permission,units,decision,note,decided_by,decided_at,revoke_order`;
/// personal numbers masked, values defused against formula injection.
#[utoipa::path(
    tag = "reviews",
    operation_id = "review_report",
    params(("id" = Uuid, Path, description = "The review's id")),
    responses(
        (status = 200, description = "The report (RFC 4180, UTF-8)",
            content((String = "text/csv", example = "first_name,last_name,personal_number,system,permission,units,decision,\
note,decided_by,decided_at,revoke_order\r\nKarin,Berg,19121212-****,Lifecare,Utförare – dokumentera,Boende Linden,revoke,\
Slutade i oktober.,Anna Beställare,2026-12-08T10:00:00Z,SES-2026-000123\r\n")),
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"behorighetsuppfoljning-…csv\"`"))),
        (status = 404, description = "Unknown, or not visible to the caller"),
    ),
    security(("bearer" = []))
)]
#[get("/reviews/{id}/report")]
async fn review_report(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let (review, body) = report::csv(&state.db, &caller, id.into_inner()).await?;
    Ok(csv::attachment(&report::file_name(&review), body))
}
