//! Mass assignment (OWASP API3): fields the server owns — ids, statuses, timestamps, the provider
//! of an existing object, roles, hashes — can never be set through a body. Every body refuses
//! unknown fields (422 `unknown_field`), so the test takes, for every operation with a body, each
//! field of its answer that its request does not declare, sends it, and expects exactly that
//! refusal and an unchanged database. Every operation with a row in the route × role table is
//! covered, orders and holdings included (an order's provider cannot change either:
//! `orders_rules.rs`, `orders_lifecycle.rs`, `provider_change_forbidden`).

use crate::route_roles::{Case, Req, table};
use serde_json::{Value, json};
use sesam_tests::{Role, TestApp, both};
use std::collections::BTreeSet;

/// Columns that no answer shows but that a request must never reach either.
const INTERNAL: [&str; 9] = [
    "password_hash",
    "is_admin",
    "is_it",
    "tokens_valid_after",
    "token_hash",
    "locked_by",
    "granted_by",
    "revoked_by",
    "created_by",
];

/// The property names of a schema, following `$ref`, `allOf`, `oneOf` and `anyOf`.
fn properties(doc: &Value, schema: &Value, out: &mut BTreeSet<String>) {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        properties(doc, &doc["components"]["schemas"][name], out);
        return;
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for part in schema[key].as_array().into_iter().flatten() {
            properties(doc, part, out);
        }
    }
    if let Some(props) = schema["properties"].as_object() {
        out.extend(props.keys().cloned());
    }
}

/// What the operation accepts and what it answers with, by property name.
fn request_and_response(doc: &Value, method: &str, route: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let op = &doc["paths"][route][method];
    let mut request = BTreeSet::new();
    properties(doc, &op["requestBody"]["content"]["application/json"]["schema"], &mut request);
    let mut response = BTreeSet::new();
    for status in ["200", "201", "202"] {
        properties(doc, &op["responses"][status]["content"]["application/json"]["schema"], &mut response);
    }
    (request, response)
}

async fn allowed_request(app: &TestApp, case: &Case) -> Option<(Role, Req)> {
    let (role, _) = Role::TABLE.iter().zip(case.expect).find(|(_, s)| *s < 300)?;
    Some((*role, (case.make)(app, *role).await))
}

both!(
    async fn server_owned_fields_can_never_be_set_through_a_body(app) {
        let doc = app.get("/api/v1/openapi.json", Role::Anonymous).await.body;
        let mut failures = Vec::new();
        let mut tried = BTreeSet::new();
        for case in table() {
            let Some((role, Req { path, body: Some(body) })) = allowed_request(&app, &case).await else { continue };
            let (request, response) = request_and_response(&doc, case.method, case.route);
            assert!(!request.is_empty(), "{} {}: no request schema", case.method, case.route);
            let mut owned: BTreeSet<String> = response.difference(&request).cloned().collect();
            owned.extend(["id", "created_at", "updated_at", "status"].map(str::to_owned).into_iter().filter(|f| !request.contains(f)));
            owned.extend(INTERNAL.map(str::to_owned).into_iter().filter(|f| !request.contains(f)));
            for field in owned {
                let mut sneaky = body.clone();
                sneaky[&field] = json!("00000000-0000-7000-8000-000000000000");
                let before = app.fingerprint().await;
                let method = reqwest::Method::from_bytes(case.method.to_uppercase().as_bytes()).expect("method");
                let answer = app.send(app.request(method, &path, role).json(&sneaky)).await;
                if answer.status != 422 || !answer.field_errors().contains(&(field.clone(), "unknown_field".to_owned())) {
                    failures.push(format!("{} {path} with `{field}`: {} {}", case.method, answer.status, answer.text.chars().take(200).collect::<String>()));
                }
                if before != app.fingerprint().await {
                    failures.push(format!("{} {path} with `{field}`: the database changed", case.method));
                }
                tried.insert((case.route, field));
            }
        }
        for must in [
            ("/api/v1/accounts", "id"),
            ("/api/v1/accounts/{id}", "created_at"),
            ("/api/v1/accounts", "orders_for"),
            ("/api/v1/accounts/{id}", "password_hash"),
            ("/api/v1/units/{id}", "provider_id"),
            ("/api/v1/providers/{id}", "id"),
            ("/api/v1/providers/{id}/ordering-rights", "granted_at"),
            ("/api/v1/providers/{id}/ordering-right-requests", "status"),
            ("/api/v1/accounts/{id}/api-tokens", "token_hash"),
            ("/api/v1/orders", "status"),
            ("/api/v1/orders", "reference"),
            ("/api/v1/orders", "created_by"),
            ("/api/v1/orders/{id}", "status"),
            ("/api/v1/orders/{id}", "taken_by"),
            ("/api/v1/orders/{id}", "version"),
            ("/api/v1/orders/{id}/take", "taken_by"),
            ("/api/v1/orders/{id}/complete", "status"),
            ("/api/v1/holdings/{id}", "person"),
        ] {
            assert!(tried.contains(&(must.0, must.1.to_owned())), "not tried: {must:?}");
        }
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    }
);

both!(
    async fn roles_are_given_by_support_only(app) {
        let before = app.fingerprint().await;
        // An orderer may create plain accounts of its provider, never with a role.
        for roles in [json!(["admin"]), json!(["it"])] {
            let answer = app
                .post("/accounts", Role::OrdererP, &json!({"email": "smyg@omsorgnord.example", "name": "Smyg", "roles": roles}))
                .await;
            answer.expect_problem(403, "forbidden");
        }
        // Nor by the columns behind the roles.
        let answer = app
            .post("/accounts", Role::OrdererP, &json!({"email": "smyg@omsorgnord.example", "name": "Smyg", "is_admin": true}))
            .await;
        answer.expect_field_error("is_admin", "unknown_field");
        // Nor give itself one, nor move itself to another provider.
        let anna = app.fixture.account(Role::OrdererP).id;
        for body in [json!({"roles": ["admin"]}), json!({"provider_id": app.fixture.provider_q}), json!({"active": true})] {
            app.patch(&format!("/accounts/{anna}"), Role::OrdererP, &body).await.expect_problem(403, "forbidden");
        }
        assert_eq!(before, app.fingerprint().await);
        assert!(app.get("/accounts?q=smyg", Role::Admin).await.body["items"].as_array().expect("items").is_empty());
        let me = app.get("/me", Role::OrdererP).await;
        assert_eq!(me.body["roles"], json!([]));
        assert_eq!(me.body["provider_id"], app.fixture.provider_p.to_string());
        // The fingerprint sees a write (it is not blind).
        if app.backend == sesam_tests::Backend::Postgres {
            app.post("/providers", Role::Admin, &json!({"name": "Synlig AB"})).await.expect(201);
            assert_ne!(before, app.fingerprint().await);
        }
    }
);
