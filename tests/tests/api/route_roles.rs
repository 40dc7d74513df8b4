//! The route × role table: every route of the OpenAPI document, called as every role, with the
//! answer each must get. A route missing from the table (or a row for a route that is gone)
//! fails the test, so each new route brings its row.

use crate::{holdings, orders, reviews};
use serde_json::{Value, json};
use sesam_tests::{PASSWORD, Role, TestApp, both, mint_token};
use std::{collections::BTreeSet, future::Future, pin::Pin};
use uuid::Uuid;

/// The request a case makes: concrete path and optional JSON body.
pub struct Req {
    pub path: String,
    pub body: Option<Value>,
}

fn req(path: impl Into<String>) -> Req {
    Req { path: path.into(), body: None }
}

fn with_body(path: impl Into<String>, body: Value) -> Req {
    Req { path: path.into(), body: Some(body) }
}

type Make = Box<dyn for<'a> Fn(&'a TestApp, Role) -> Pin<Box<dyn Future<Output = Req> + Send + 'a>> + Send + Sync>;

/// One row: a route and the status each role must get, in [`Role::TABLE`] order:
/// admin, IT, orderer of P, orderer of Q, account of P without a right, deactivated, no token.
pub struct Case {
    pub method: &'static str,
    pub route: &'static str,
    pub expect: [u16; 7],
    pub make: Make,
}

fn case<F>(method: &'static str, route: &'static str, expect: [u16; 7], make: F) -> Case
where
    F: for<'a> Fn(&'a TestApp, Role) -> Pin<Box<dyn Future<Output = Req> + Send + 'a>> + Send + Sync + 'static,
{
    Case { method, route, expect, make: Box::new(make) }
}

fn tag(role: Role) -> String {
    format!("{role:?}").to_lowercase()
}

/// Support creates a fresh account of P (for cases that consume one per role).
async fn fresh_account_of_p(app: &TestApp, role: Role, purpose: &str) -> Uuid {
    let email = format!("{purpose}.{}.{}@omsorgnord.example", tag(role), Uuid::now_v7().simple());
    app.post(
        "/accounts",
        Role::Admin,
        &json!({"email": email, "name": format!("Ny {purpose}"), "provider_id": app.fixture.provider_p}),
    )
    .await
    .expect(201)
    .id()
}

/// A fresh account of P asks for an ordering right; answers the request's id.
async fn fresh_request_of_p(app: &TestApp, role: Role, purpose: &str) -> Uuid {
    let asker = fresh_account_of_p(app, role, purpose).await;
    let path = format!("/providers/{}/ordering-right-requests", app.fixture.provider_p);
    let answer = app
        .send(app.client.post(app.url(&path)).bearer_auth(mint_token(asker)).json(&json!({"message": "Snälla"})))
        .await;
    answer.expect(201).id()
}

/// Support registers a fresh expert user of P; answers the registration's id.
async fn fresh_expert_user_of_p(app: &TestApp, role: Role) -> Uuid {
    let body = json!({"first_name": "Expert", "last_name": tag(role), "email": format!("expert.{}.{}@omsorgnord.example", tag(role), Uuid::now_v7().simple()), "system_id": app.fixture.lifecare});
    app.post(&format!("/providers/{}/expert-users", app.fixture.provider_p), Role::Admin, &body).await.expect(201).id()
}

/// Puts the role's account back in its first session generation, so that its minted token works
/// again after a row that ended its sessions.
async fn restart_sessions(app: &TestApp, role: Role) {
    use sea_orm::{ConnectionTrait, Statement};
    let db = app.db.connect().await;
    let sql = match app.backend {
        sesam_tests::Backend::Postgres => {
            format!("UPDATE accounts SET session_generation = 0 WHERE id = '{}'", app.fixture.account(role).id)
        }
        sesam_tests::Backend::Sqlite => {
            format!(
                "UPDATE accounts SET session_generation = 0 WHERE id = x'{}'",
                app.fixture.account(role).id.simple()
            )
        }
    };
    db.execute_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("restart the sessions");
    let _ = db.close().await;
}

/// Every route and what each role gets.
fn webhook_body(role: Role) -> Value {
    json!({"url": format!("https://hooks.example.org/{}", tag(role)), "events": ["review.overdue"]})
}

/// A new webhook endpoint, made by support.
async fn fresh_webhook(app: &TestApp, role: Role) -> Uuid {
    app.post("/webhooks", Role::Admin, &webhook_body(role)).await.expect(201).id()
}

pub fn table() -> Vec<Case> {
    const ALL_200: [u16; 7] = [200, 200, 200, 200, 200, 200, 200];
    const SIGNED_IN_200: [u16; 7] = [200, 200, 200, 200, 200, 401, 401];
    const SUPPORT_CREATES: [u16; 7] = [201, 403, 403, 403, 403, 401, 401];
    const SUPPORT_CHANGES: [u16; 7] = [200, 403, 403, 403, 403, 401, 401];
    vec![
        // auth
        case("post", "/api/v1/auth/login", [200, 200, 200, 200, 200, 401, 401], |app, role| {
            Box::pin(async move {
                let email = if role == Role::Anonymous {
                    "nobody@kommun.example".to_owned()
                } else {
                    app.fixture.account(role).email.clone()
                };
                with_body("/auth/login", json!({"email": email, "password": PASSWORD}))
            })
        }),
        case("get", "/api/v1/me", SIGNED_IN_200, |_, _| Box::pin(async { req("/me") })),
        // catalogue
        case("get", "/api/v1/systems", ALL_200, |_, _| Box::pin(async { req("/systems") })),
        case("get", "/api/v1/systems/{id}", ALL_200, |app, _| {
            Box::pin(async move { req(format!("/systems/{}", app.fixture.lifecare)) })
        }),
        case("post", "/api/v1/systems", SUPPORT_CREATES, |_, role| {
            Box::pin(async move { with_body("/systems", json!({"name": format!("System {}", tag(role))})) })
        }),
        case("patch", "/api/v1/systems/{id}", SUPPORT_CHANGES, |app, _| {
            Box::pin(
                async move { with_body(format!("/systems/{}", app.fixture.siebel), json!({"description": "Ändrad"})) },
            )
        }),
        case("get", "/api/v1/permissions", ALL_200, |_, _| Box::pin(async { req("/permissions") })),
        case("get", "/api/v1/permissions/{id}", ALL_200, |app, _| {
            Box::pin(async move { req(format!("/permissions/{}", app.fixture.perm_lifecare)) })
        }),
        case("post", "/api/v1/permissions", SUPPORT_CREATES, |app, role| {
            Box::pin(async move {
                with_body(
                    "/permissions",
                    json!({"system_id": app.fixture.siebel, "name": format!("Behörighet {}", tag(role))}),
                )
            })
        }),
        case("patch", "/api/v1/permissions/{id}", SUPPORT_CHANGES, |app, _| {
            Box::pin(async move {
                with_body(format!("/permissions/{}", app.fixture.perm_siebel), json!({"description": "Ändrad"}))
            })
        }),
        // providers and units
        case("get", "/api/v1/providers", SIGNED_IN_200, |_, _| Box::pin(async { req("/providers") })),
        case("get", "/api/v1/providers/{id}", [200, 200, 200, 404, 200, 401, 401], |app, _| {
            Box::pin(async move { req(format!("/providers/{}", app.fixture.provider_p)) })
        }),
        case("post", "/api/v1/providers", SUPPORT_CREATES, |_, role| {
            Box::pin(async move { with_body("/providers", json!({"name": format!("Utförare {}", tag(role))})) })
        }),
        case("patch", "/api/v1/providers/{id}", SUPPORT_CHANGES, |app, _| {
            Box::pin(
                async move { with_body(format!("/providers/{}", app.fixture.provider_q), json!({"active": true})) },
            )
        }),
        case("get", "/api/v1/providers/{id}/units", [200, 200, 200, 404, 200, 401, 401], |app, _| {
            Box::pin(async move { req(format!("/providers/{}/units", app.fixture.provider_p)) })
        }),
        case("post", "/api/v1/providers/{id}/units", SUPPORT_CREATES, |app, role| {
            Box::pin(async move {
                with_body(
                    format!("/providers/{}/units", app.fixture.provider_p),
                    json!({"name": format!("Enhet {}", tag(role))}),
                )
            })
        }),
        case("patch", "/api/v1/units/{id}", SUPPORT_CHANGES, |app, _| {
            Box::pin(async move { with_body(format!("/units/{}", app.fixture.units_p[0]), json!({"active": true})) })
        }),
        // accounts
        case("get", "/api/v1/accounts", [200, 403, 200, 200, 403, 401, 401], |_, _| {
            Box::pin(async { req("/accounts") })
        }),
        case("get", "/api/v1/accounts/{id}", [200, 404, 200, 404, 404, 401, 401], |app, _| {
            Box::pin(async move { req(format!("/accounts/{}", app.fixture.account(Role::OrdererP2).id)) })
        }),
        case("post", "/api/v1/accounts", [201, 403, 201, 201, 403, 401, 401], |_, role| {
            Box::pin(async move {
                with_body(
                    "/accounts",
                    json!({"email": format!("ny.{}@kommun.example", tag(role)), "name": "Ny Person"}),
                )
            })
        }),
        case("patch", "/api/v1/accounts/{id}", SUPPORT_CHANGES, |app, _| {
            Box::pin(async move {
                with_body(format!("/accounts/{}", app.fixture.account(Role::MemberP).id), json!({"name": "Lisa Berg"}))
            })
        }),
        // API tokens: support only, and only from a login session
        case("post", "/api/v1/accounts/{id}/api-tokens", SUPPORT_CREATES, |app, role| {
            Box::pin(async move {
                with_body(
                    format!("/accounts/{}/api-tokens", app.fixture.account(Role::MemberP).id),
                    json!({"name": format!("Skript {}", tag(role))}),
                )
            })
        }),
        case("get", "/api/v1/accounts/{id}/api-tokens", SUPPORT_CHANGES, |app, _| {
            Box::pin(async move { req(format!("/accounts/{}/api-tokens", app.fixture.account(Role::MemberP).id)) })
        }),
        case("delete", "/api/v1/api-tokens/{id}", [204, 403, 403, 403, 403, 401, 401], |app, role| {
            Box::pin(async move {
                let path = format!("/accounts/{}/api-tokens", app.fixture.account(Role::MemberP).id);
                let id = app
                    .post(&path, Role::Admin, &json!({"name": format!("Återkallas {}", tag(role))}))
                    .await
                    .expect(201)
                    .id();
                req(format!("/api-tokens/{id}"))
            })
        }),
        // ordering rights
        case("get", "/api/v1/providers/{id}/ordering-rights", [200, 200, 200, 404, 403, 401, 401], |app, _| {
            Box::pin(async move { req(format!("/providers/{}/ordering-rights", app.fixture.provider_p)) })
        }),
        case("post", "/api/v1/providers/{id}/ordering-rights", [201, 403, 201, 404, 403, 401, 401], |app, role| {
            Box::pin(async move {
                let account = fresh_account_of_p(app, role, "grant").await;
                with_body(
                    format!("/providers/{}/ordering-rights", app.fixture.provider_p),
                    json!({"account_id": account}),
                )
            })
        }),
        case("delete", "/api/v1/ordering-rights/{id}", [200, 403, 200, 404, 404, 401, 401], |app, role| {
            Box::pin(async move {
                let account = fresh_account_of_p(app, role, "revoke").await;
                let right = app
                    .post(
                        &format!("/providers/{}/ordering-rights", app.fixture.provider_p),
                        Role::Admin,
                        &json!({"account_id": account}),
                    )
                    .await
                    .expect(201)
                    .id();
                req(format!("/ordering-rights/{right}"))
            })
        }),
        // requests for ordering rights
        case(
            "post",
            "/api/v1/providers/{id}/ordering-right-requests",
            [403, 403, 403, 404, 201, 401, 401],
            |app, _| {
                Box::pin(async move {
                    with_body(
                        format!("/providers/{}/ordering-right-requests", app.fixture.provider_p),
                        json!({"message": "Jag behöver beställa åt min personal."}),
                    )
                })
            },
        ),
        case("get", "/api/v1/providers/{id}/ordering-right-requests", [200, 403, 200, 404, 403, 401, 401], |app, _| {
            Box::pin(async move { req(format!("/providers/{}/ordering-right-requests", app.fixture.provider_p)) })
        }),
        case("post", "/api/v1/ordering-right-requests/{id}/grant", [200, 404, 200, 404, 404, 401, 401], |app, role| {
            Box::pin(async move {
                let request = fresh_request_of_p(app, role, "askgrant").await;
                req(format!("/ordering-right-requests/{request}/grant"))
            })
        }),
        case(
            "post",
            "/api/v1/ordering-right-requests/{id}/decline",
            [200, 404, 200, 404, 404, 401, 401],
            |app, role| {
                Box::pin(async move {
                    let request = fresh_request_of_p(app, role, "askdecline").await;
                    with_body(format!("/ordering-right-requests/{request}/decline"), json!({"reason": "Nej"}))
                })
            },
        ),
        // expert users
        case("get", "/api/v1/expert-users", [200, 200, 200, 200, 403, 401, 401], |_, _| {
            Box::pin(async { req("/expert-users") })
        }),
        case("post", "/api/v1/providers/{id}/expert-users", [201, 403, 201, 404, 403, 401, 401], |app, role| {
            Box::pin(async move {
                with_body(
                    format!("/providers/{}/expert-users", app.fixture.provider_p),
                    json!({"first_name": "Karin", "last_name": tag(role), "email": format!("karin.{}@omsorgnord.example", tag(role)), "system_id": app.fixture.lifecare}),
                )
            })
        }),
        case("delete", "/api/v1/expert-users/{id}", [204, 403, 204, 404, 404, 401, 401], |app, role| {
            Box::pin(async move {
                let id = fresh_expert_user_of_p(app, role).await;
                req(format!("/expert-users/{id}"))
            })
        }),
        case("post", "/api/v1/expert-users/messages", [202, 403, 403, 403, 403, 401, 401], |_, _| {
            Box::pin(async {
                with_body("/expert-users/messages", json!({"subject": "Användarmöte", "body": "Välkomna!"}))
            })
        }),
        // audit log
        case("get", "/api/v1/audit", [200, 403, 403, 403, 403, 401, 401], |_, _| Box::pin(async { req("/audit") })),
        // orders (each role gets an order of P of its own, in the status the step starts from)
        case("get", "/api/v1/orders", [200, 200, 200, 200, 403, 401, 401], |_, _| Box::pin(async { req("/orders") })),
        case("post", "/api/v1/orders", [403, 403, 201, 201, 403, 401, 401], |app, role| {
            Box::pin(async move { with_body("/orders", orders::body_for(app, role)) })
        }),
        case("get", "/api/v1/orders/{id}", [200, 200, 200, 404, 404, 401, 401], |app, _| {
            Box::pin(async move { req(format!("/orders/{}", orders::order_in(app, "submitted").await)) })
        }),
        case("patch", "/api/v1/orders/{id}", [403, 404, 200, 404, 404, 401, 401], |app, _| {
            Box::pin(async move {
                with_body(format!("/orders/{}", orders::draft(app).await), json!({"comment": "Ändrad"}))
            })
        }),
        case("delete", "/api/v1/orders/{id}", [403, 404, 204, 404, 404, 401, 401], |app, _| {
            Box::pin(async move { req(format!("/orders/{}", orders::draft(app).await)) })
        }),
        case("post", "/api/v1/orders/{id}/submit", [403, 404, 200, 404, 404, 401, 401], |app, _| {
            Box::pin(async move { with_body(format!("/orders/{}/submit", orders::draft(app).await), json!({})) })
        }),
        case("post", "/api/v1/orders/{id}/withdraw", [403, 403, 200, 404, 404, 401, 401], |app, _| {
            Box::pin(async move {
                with_body(format!("/orders/{}/withdraw", orders::order_in(app, "submitted").await), json!({}))
            })
        }),
        case("post", "/api/v1/orders/{id}/take", [403, 200, 403, 404, 404, 401, 401], |app, _| {
            Box::pin(async move {
                with_body(format!("/orders/{}/take", orders::order_in(app, "submitted").await), json!({}))
            })
        }),
        case("post", "/api/v1/orders/{id}/complete", [403, 200, 403, 404, 404, 401, 401], |app, _| {
            Box::pin(async move {
                let id = orders::order_in(app, "in_progress").await;
                with_body(format!("/orders/{id}/complete"), json!({"account_name": "kaber01"}))
            })
        }),
        case("post", "/api/v1/orders/{id}/reject", [403, 200, 403, 404, 404, 401, 401], |app, _| {
            Box::pin(async move {
                let id = orders::order_in(app, "submitted").await;
                with_body(format!("/orders/{id}/reject"), json!({"reason": "Fel enhet"}))
            })
        }),
        case("post", "/api/v1/orders/{id}/return", [403, 200, 403, 404, 404, 401, 401], |app, _| {
            Box::pin(async move {
                let id = orders::order_in(app, "submitted").await;
                with_body(format!("/orders/{id}/return"), json!({"question": "Vilken enhet?"}))
            })
        }),
        case("post", "/api/v1/orders/{id}/copy", [403, 403, 201, 404, 404, 401, 401], |app, _| {
            Box::pin(async move {
                with_body(format!("/orders/{}/copy", orders::order_in(app, "rejected").await), json!({}))
            })
        }),
        case("get", "/api/v1/orders/{id}/history", [200, 200, 200, 404, 404, 401, 401], |app, _| {
            Box::pin(async move { req(format!("/orders/{}/history", orders::order_in(app, "submitted").await)) })
        }),
        case("post", "/api/v1/orders/batch", [403, 403, 200, 200, 403, 401, 401], |app, role| {
            Box::pin(async move { with_body("/orders/batch", json!({"items": [orders::body_for(app, role)]})) })
        }),
        // holdings (each role gets a holding of P of its own: a completed grant for a new person)
        case("get", "/api/v1/holdings", [200, 200, 200, 200, 403, 401, 401], |_, _| {
            Box::pin(async { req("/holdings") })
        }),
        case("get", "/api/v1/holdings/{id}", [200, 200, 200, 404, 404, 401, 401], |app, _| {
            Box::pin(async move { req(format!("/holdings/{}", holdings::holding_of_p(app).await.0)) })
        }),
        case("patch", "/api/v1/holdings/{id}", [403, 403, 200, 404, 404, 401, 401], |app, _| {
            Box::pin(async move {
                let (id, _) = holdings::holding_of_p(app).await;
                with_body(format!("/holdings/{id}"), json!({"valid_to": holdings::in_days(30)}))
            })
        }),
        case("post", "/api/v1/holdings/revoke", [403, 403, 201, 403, 403, 401, 401], |app, _| {
            Box::pin(async move {
                let (_, pn) = holdings::holding_of_p(app).await;
                with_body("/holdings/revoke", json!({"provider_id": app.fixture.provider_p, "personal_number": pn}))
            })
        }),
        // notifications
        case("get", "/api/v1/me/notifications", SIGNED_IN_200, |_, _| Box::pin(async { req("/me/notifications") })),
        // A fresh request for an ordering right notifies P's orderers; only they may mark theirs read.
        case("post", "/api/v1/me/notifications/{id}/read", [404, 404, 200, 404, 404, 401, 401], |app, role| {
            Box::pin(async move {
                fresh_request_of_p(app, role, "notify").await;
                let mine = app.get("/me/notifications", Role::OrdererP).await;
                let id = mine.body["items"][0]["id"].as_str().expect("a notification of the orderer").to_owned();
                req(format!("/me/notifications/{id}/read"))
            })
        }),
        // compliance
        case("get", "/api/v1/compliance", [200, 200, 200, 200, 403, 401, 401], |_, _| {
            Box::pin(async { req("/compliance") })
        }),
        // access reviews (each row that changes one gets a fresh open review of P)
        case("post", "/api/v1/reviews", [201, 404, 403, 403, 404, 401, 401], |app, _| {
            Box::pin(async move {
                reviews::cancel_open_reviews_of_p(app).await;
                holdings::holding_of_p(app).await;
                with_body("/reviews", json!({"provider_id": app.fixture.provider_p, "due_date": holdings::in_days(30)}))
            })
        }),
        case("get", "/api/v1/reviews", [200, 404, 200, 200, 404, 401, 401], |_, _| Box::pin(async { req("/reviews") })),
        case("get", "/api/v1/reviews/{id}", [200, 404, 200, 404, 404, 401, 401], |app, _| {
            Box::pin(async move { req(format!("/reviews/{}", reviews::fresh_review_of_p(app).await)) })
        }),
        case("get", "/api/v1/reviews/{id}/items", [200, 404, 200, 404, 404, 401, 401], |app, _| {
            Box::pin(async move { req(format!("/reviews/{}/items", reviews::fresh_review_of_p(app).await)) })
        }),
        case("post", "/api/v1/reviews/{id}/decisions", [403, 404, 200, 404, 404, 401, 401], |app, _| {
            Box::pin(async move {
                let id = reviews::fresh_review_of_p(app).await;
                let item = reviews::items_of(app, id, Role::Admin, "").await[0].clone();
                with_body(
                    format!("/reviews/{id}/decisions"),
                    json!({"items": [{"item_id": item["id"], "decision": "keep"}]}),
                )
            })
        }),
        case("post", "/api/v1/reviews/{id}/complete", [403, 404, 200, 404, 404, 401, 401], |app, _| {
            Box::pin(async move {
                let id = reviews::fresh_review_of_p(app).await;
                reviews::keep_all(app, id).await;
                req(format!("/reviews/{id}/complete"))
            })
        }),
        case("post", "/api/v1/reviews/{id}/cancel", [200, 404, 403, 404, 404, 401, 401], |app, _| {
            Box::pin(async move { req(format!("/reviews/{}/cancel", reviews::fresh_review_of_p(app).await)) })
        }),
        case("get", "/api/v1/reviews/{id}/report", [200, 404, 200, 404, 404, 401, 401], |app, _| {
            Box::pin(async move { req(format!("/reviews/{}/report", reviews::fresh_review_of_p(app).await)) })
        }),
        // health and meta
        case("get", "/health/live", ALL_200, |_, _| Box::pin(async { req("/health/live") })),
        case("get", "/health/ready", ALL_200, |_, _| Box::pin(async { req("/health/ready") })),
        case("get", "/api/v1/openapi.json", ALL_200, |_, _| Box::pin(async { req("/api/v1/openapi.json") })),
        // CSV exports (conventions for clients): as their lists
        case("get", "/api/v1/expert-users/export", [200, 200, 200, 200, 403, 401, 401], |_, _| {
            Box::pin(async { req("/expert-users/export") })
        }),
        case("get", "/api/v1/holdings/export", [200, 200, 200, 200, 403, 401, 401], |_, _| {
            Box::pin(async { req("/holdings/export") })
        }),
        // the work view (issue 18)
        case("get", "/api/v1/me/summary", SIGNED_IN_200, |_, _| Box::pin(async { req("/me/summary") })),
        case("get", "/api/v1/orders/{id}/messages", [200, 200, 200, 404, 404, 401, 401], |app, _| {
            Box::pin(async move { req(format!("/orders/{}/messages", orders::order_in(app, "submitted").await)) })
        }),
        case("post", "/api/v1/orders/{id}/messages", [403, 201, 201, 404, 404, 401, 401], |app, _| {
            Box::pin(async move {
                let id = orders::order_in(app, "submitted").await;
                with_body(format!("/orders/{id}/messages"), json!({"body": "Hej"}))
            })
        }),
        case("post", "/api/v1/auth/refresh", SIGNED_IN_200, |_, _| Box::pin(async { req("/auth/refresh") })),
        // webhooks (support); the endpoints listen to an event these tests never cause
        case("post", "/api/v1/webhooks", [201, 403, 403, 403, 403, 401, 401], |_, role| {
            Box::pin(async move { with_body("/webhooks", webhook_body(role)) })
        }),
        case("get", "/api/v1/webhooks", [200, 403, 403, 403, 403, 401, 401], |_, _| {
            Box::pin(async { req("/webhooks") })
        }),
        case("get", "/api/v1/webhooks/{id}", [200, 404, 404, 404, 404, 401, 401], |app, role| {
            Box::pin(async move { req(format!("/webhooks/{}", fresh_webhook(app, role).await)) })
        }),
        case("patch", "/api/v1/webhooks/{id}", [200, 404, 404, 404, 404, 401, 401], |app, role| {
            Box::pin(async move {
                with_body(format!("/webhooks/{}", fresh_webhook(app, role).await), json!({"description": "Ändrad"}))
            })
        }),
        case("delete", "/api/v1/webhooks/{id}", [204, 404, 404, 404, 404, 401, 401], |app, role| {
            Box::pin(async move { req(format!("/webhooks/{}", fresh_webhook(app, role).await)) })
        }),
        case("post", "/api/v1/webhooks/{id}/rotate-secret", [200, 404, 404, 404, 404, 401, 401], |app, role| {
            Box::pin(async move { req(format!("/webhooks/{}/rotate-secret", fresh_webhook(app, role).await)) })
        }),
        case("post", "/api/v1/webhooks/{id}/test", [202, 404, 404, 404, 404, 401, 401], |app, role| {
            Box::pin(async move { req(format!("/webhooks/{}/test", fresh_webhook(app, role).await)) })
        }),
        case("get", "/api/v1/webhooks/{id}/deliveries", [200, 404, 404, 404, 404, 401, 401], |app, role| {
            Box::pin(async move { req(format!("/webhooks/{}/deliveries", fresh_webhook(app, role).await)) })
        }),
        // Rule 16: the links' routes need no token (the link is the credential); a new link is support's.
        case("post", "/api/v1/auth/activate", [200; 7], |app, role| {
            Box::pin(async move {
                let id = fresh_account_of_p(app, role, "aktivera").await;
                let email = app.get(&format!("/accounts/{id}"), Role::Admin).await.body["email"]
                    .as_str()
                    .expect("email")
                    .to_owned();
                let token = app.link_token(&email, "account_invitation").await;
                with_body("/auth/activate", json!({"token": token, "password": "korp-lingon-vattenfall"}))
            })
        }),
        case("post", "/api/v1/auth/password-reset", [202; 7], |_, _| {
            Box::pin(async { with_body("/auth/password-reset", json!({"email": "ingen.alls@kommun.example"})) })
        }),
        case("post", "/api/v1/auth/password-reset/confirm", [422; 7], |_, _| {
            Box::pin(async {
                with_body(
                    "/auth/password-reset/confirm",
                    json!({"token": "0".repeat(64), "password": "korp-lingon-vattenfall"}),
                )
            })
        }),
        case("post", "/api/v1/accounts/{id}/invite", [202, 403, 403, 403, 403, 401, 401], |app, role| {
            Box::pin(
                async move { req(format!("/accounts/{}/invite", fresh_account_of_p(app, role, "inbjudan").await)) },
            )
        }),
        // Last: a password change ends the caller's sessions (rule 18), so the role's later rows would
        // go out with a dead token.
        // Sign-in through the identity provider (rule 20): this app has none configured, so its
        // browser routes are not there; tests/api/oidc.rs runs them against a real provider.
        case("get", "/api/v1/auth/methods", ALL_200, |_, _| Box::pin(async { req("/auth/methods") })),
        case("get", "/api/v1/auth/oidc/login", [404; 7], |_, _| Box::pin(async { req("/auth/oidc/login") })),
        case("get", "/api/v1/auth/oidc/callback", [404; 7], |_, _| {
            Box::pin(async { req("/auth/oidc/callback?code=x&state=y") })
        }),
        case("post", "/api/v1/auth/oidc/exchange", [422; 7], |_, _| {
            Box::pin(async { with_body("/auth/oidc/exchange", json!({"code": "0".repeat(64)})) })
        }),
        case("post", "/api/v1/me/password", SIGNED_IN_200, |_, _| {
            Box::pin(async {
                with_body("/me/password", json!({"current_password": PASSWORD, "new_password": PASSWORD}))
            })
        }),
        // After the password change: signing out everywhere ends the role's sessions too. The change
        // above already ended them, so the role's token is made valid again first.
        case("post", "/api/v1/auth/logout-all", [204, 204, 204, 204, 204, 401, 401], |app, role| {
            Box::pin(async move {
                if role != Role::Anonymous {
                    restart_sessions(app, role).await;
                }
                req("/auth/logout-all")
            })
        }),
    ]
}

/// The (method, path) pairs of the served OpenAPI document.
pub async fn documented_routes(app: &TestApp) -> BTreeSet<(String, String)> {
    let doc = app.get("/api/v1/openapi.json", Role::Anonymous).await.body;
    let mut routes = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            routes.insert((method.clone(), path.clone()));
        }
    }
    routes
}

/// The (method, path) pairs that need no token (`security: [{}]` in the document).
pub async fn public_routes(app: &TestApp) -> BTreeSet<(String, String)> {
    let doc = app.get("/api/v1/openapi.json", Role::Anonymous).await.body;
    let mut routes = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            let public = op["security"]
                .as_array()
                .is_some_and(|s| s.iter().any(|r| r.as_object().is_some_and(|o| o.is_empty())));
            if public {
                routes.insert((method.clone(), path.clone()));
            }
        }
    }
    routes
}

both!(
    async fn every_route_answers_every_role_as_the_table_says(app) {
        let table = table();
        let in_table: BTreeSet<(String, String)> = table.iter().map(|c| (c.method.to_owned(), c.route.to_owned())).collect();
        let documented = documented_routes(&app).await;
        let missing: Vec<_> = documented.difference(&in_table).collect();
        assert!(missing.is_empty(), "routes without a row in the route × role table: {missing:?}");
        let stale: Vec<_> = in_table.difference(&documented).collect();
        assert!(stale.is_empty(), "rows for routes that are not in the OpenAPI document: {stale:?}");

        let public = public_routes(&app).await;
        let mut failures = Vec::new();
        for case in &table {
            // Every row shows both sides: someone is allowed, someone is refused (public routes excepted).
            let route = (case.method.to_owned(), case.route.to_owned());
            if !public.contains(&route) {
                if !case.expect.iter().any(|s| *s < 300) {
                    failures.push(format!("{} {}: no role is allowed", case.method, case.route));
                }
                if case.expect[6] != 401 {
                    failures.push(format!("{} {}: needs a token, but no token is not 401", case.method, case.route));
                }
            }
            for (role, expected) in Role::TABLE.iter().zip(case.expect) {
                let Req { path, body } = (case.make)(&app, *role).await;
                let method = reqwest::Method::from_bytes(case.method.to_uppercase().as_bytes()).expect("method");
                let mut request = app.request(method, &path, *role);
                if let Some(body) = body {
                    request = request.json(&body);
                }
                // A refused request changes nothing: every row of every table is as before (PostgreSQL).
                let before = if expected >= 400 { app.fingerprint().await } else { None };
                let answer = app.send(request).await;
                if answer.status != expected {
                    failures.push(format!("{} {} as {role:?}: expected {expected}, got {} {}", case.method, path, answer.status, answer.text));
                }
                if answer.status >= 400 {
                    let is_problem = answer.header("content-type").is_some_and(|c| c.starts_with("application/problem+json"));
                    if !is_problem {
                        failures.push(format!("{} {} as {role:?}: {} is not problem+json", case.method, path, answer.status));
                    }
                    if answer.body["status"] != answer.status || !answer.body["code"].is_string() {
                        failures.push(format!("{} {} as {role:?}: a problem without status or code: {}", case.method, path, answer.text));
                    }
                    if answer.status == 401 && !answer.header("www-authenticate").is_some_and(|h| h.starts_with("Bearer")) {
                        failures.push(format!("{} {} as {role:?}: 401 without WWW-Authenticate", case.method, path));
                    }
                }
                if expected >= 400 && answer.status == expected {
                    let after = app.fingerprint().await;
                    if before != after {
                        failures.push(format!("{} {} as {role:?}: refused with {expected}, yet the database changed", case.method, path));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
    }
);
