//! SPEC *API conventions for clients*: the served document walked operation by operation (any route
//! added later is held to the same rules by its annotations alone), and what the answers do.

use crate::orders::{draft, siebel};
use serde_json::{Value, json};
use sesam_tests::{Role, both};
use std::collections::BTreeSet;

/// Answer members serde leaves out rather than sending `null` (`api/src/openapi_conventions.rs`).
const MAY_BE_LEFT_OUT: &[(&str, &str)] =
    &[("Problem", "errors"), ("Problem", "open_order"), ("BatchItemResult", "order"), ("BatchItemResult", "problem")];

/// Every rule the document breaks, one line each (empty: none).
pub fn convention_breaches(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let info = &doc["info"];
    if !info["contact"].is_object() {
        out.push("info: no contact".into());
    }
    if !info["license"]["name"].is_string() {
        out.push("info: no licence".into());
    }
    if !doc["servers"].as_array().is_some_and(|s| !s.is_empty() && s.iter().all(|s| s["url"].is_string())) {
        out.push("no servers".into());
    }
    let schemas = &doc["components"]["schemas"];
    let mut in_requests = BTreeSet::new();
    let mut in_answers = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let name = format!("{} {path}", method.to_uppercase());
            operation_breaches(&name, op, schemas, &mut out);
            for part in ["requestBody", "parameters"] {
                referenced(&op[part], schemas, &mut in_requests);
            }
            referenced(&op["responses"], schemas, &mut in_answers);
        }
    }
    for name in in_answers.difference(&in_requests) {
        let schema = &schemas[name.as_str()];
        for part in std::iter::once(schema).chain(schema["oneOf"].as_array().into_iter().flatten()) {
            let required: Vec<&str> =
                part["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
            for prop in part["properties"].as_object().into_iter().flatten().map(|(k, _)| k.as_str()) {
                if !required.contains(&prop) && !MAY_BE_LEFT_OUT.contains(&(name.as_str(), prop)) {
                    out.push(format!("schema {name}: answers always carry `{prop}` but it is not required"));
                }
            }
        }
    }
    // A schema's example is what generated clients and linters show: it must be an instance of it
    // (every required member there, none a closed schema does not name).
    for (name, schema) in schemas.as_object().into_iter().flatten() {
        let Some(example) = schema["example"].as_object() else { continue };
        for required in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if !example.contains_key(required) {
                out.push(format!("schema {name}: its example lacks the required `{required}`"));
            }
        }
        if schema["additionalProperties"] == json!(false) {
            for member in example.keys().filter(|k| schema["properties"].get(k.as_str()).is_none()) {
                out.push(format!("schema {name}: its example has `{member}`, which the schema does not name"));
            }
        }
    }
    let codes = &schemas["Problem"]["properties"]["code"]["enum"];
    for code in ["validation_failed", "not_found", "idempotency_key_reused", "idempotency_key_in_use"] {
        if !codes.as_array().is_some_and(|c| c.contains(&json!(code))) {
            out.push(format!("Problem.code: not an enum naming `{code}`"));
        }
    }
    out
}

fn operation_breaches(name: &str, op: &Value, schemas: &Value, out: &mut Vec<String>) {
    let mut breach = |what: String| out.push(format!("{name}: {what}"));
    match op["summary"].as_str() {
        None | Some("") => breach("no summary".into()),
        Some(s) if s.contains('\n') || s.chars().count() > 120 => {
            breach(format!("the summary is not one line of at most 120 characters ({} chars)", s.chars().count()))
        }
        Some(_) => {}
    }
    if op["description"].as_str().is_none_or(|d| d.trim().is_empty()) {
        breach("no description".into());
    }
    if !op["operationId"].is_string() || op["tags"].as_array().is_none_or(Vec::is_empty) {
        breach("no operationId or tag".into());
    }
    if !op["security"].is_array() {
        breach("no security".into());
    }
    if let Some(body) = op["requestBody"].as_object() {
        for (media, content) in body.get("content").and_then(Value::as_object).into_iter().flatten() {
            let schema = &content["schema"];
            if mentions_null_alternative(schema) {
                breach(format!("the {media} body is `oneOf` with `null`: document it as not required instead"));
            }
            let target = schema["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/schemas/"));
            let has_example = content.get("example").is_some()
                || content.get("examples").is_some()
                || schema.get("example").is_some()
                || target.is_some_and(|t| schemas[t].get("example").is_some() || schemas[t].get("examples").is_some());
            if !has_example {
                breach(format!("the {media} body has no example"));
            }
        }
    }
    for param in op["parameters"].as_array().into_iter().flatten() {
        if param["in"] == "header" && param["schema"]["type"] != "string" {
            breach(format!("header `{}` is not a plain string: {}", param["name"], param["schema"]));
        }
    }
    for (status, response) in op["responses"].as_object().into_iter().flatten() {
        let media: Vec<&String> = response["content"].as_object().into_iter().flatten().map(|(m, _)| m).collect();
        if status == "201" && !response["headers"]["Location"].is_object() {
            breach("201 without a documented `Location`".into());
        }
        if status.starts_with('2') && media.len() > 1 {
            breach(format!("{status} answers {media:?}: each media type (a CSV export) is an operation of its own"));
        }
    }
}

fn mentions_null_alternative(schema: &Value) -> bool {
    ["oneOf", "anyOf"]
        .iter()
        .any(|k| schema[*k].as_array().is_some_and(|alts| alts.iter().any(|a| a["type"] == "null")))
}

/// The component schemas a part of the document reaches, transitively.
fn referenced(part: &Value, schemas: &Value, found: &mut BTreeSet<String>) {
    match part {
        Value::Object(map) => {
            for (key, value) in map {
                match value.as_str().and_then(|r| r.strip_prefix("#/components/schemas/")) {
                    Some(name) if key == "$ref" => {
                        if found.insert(name.to_owned()) {
                            referenced(&schemas[name], schemas, found);
                        }
                    }
                    _ => referenced(value, schemas, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| referenced(item, schemas, found)),
        _ => {}
    }
}

#[test]
fn the_walker_catches_what_it_should() {
    let doc = json!({"info": {}, "paths": {"/x": {"post": {
        "summary": "A paragraph\nof two lines",
        "requestBody": {"content": {"application/json": {"schema": {"oneOf": [{"type": "object"}, {"type": "null"}]}}}},
        "parameters": [{"name": "If-Match", "in": "header", "schema": {"type": ["string", "null"]}}],
        "responses": {"201": {"content": {"application/json": {}, "text/csv": {}}}}}}}});
    let found = convention_breaches(&doc).join("\n");
    for expected in [
        "no contact",
        "no licence",
        "no servers",
        "not one line",
        "no description",
        "no operationId",
        "no security",
        "`oneOf` with `null`",
        "no example",
        "not a plain string",
        "without a documented `Location`",
        "operation of its own",
        "not an enum",
    ] {
        assert!(found.contains(expected), "the walker misses `{expected}`:\n{found}");
    }
}

both!(
    async fn every_operation_of_the_served_document_follows_the_conventions(app) {
        let doc = app.get("/api/v1/openapi.json", Role::Anonymous).await.body;
        let breaches = convention_breaches(&doc);
        assert!(breaches.is_empty(), "{} breach(es) of the conventions for clients:\n{}", breaches.len(), breaches.join("\n"));
        let op = |m: &str, p: &str| doc["paths"][format!("/api/v1{p}")][m].clone();
        for step in ["submit", "withdraw", "take", "complete"] {
            let body = op("post", &format!("/orders/{{id}}/{step}"))["requestBody"].clone();
            assert_eq!(body["required"], json!(false), "{step}: the body is optional");
        }
        for (path, file) in [("/expert-users/export", "expertanvandare"), ("/holdings/export", "behorighetsinnehav")] {
            let ok = &op("get", path)["responses"]["200"];
            assert!(ok["content"]["text/csv"].is_object(), "{path} answers text/csv");
            assert!(ok["headers"]["Content-Disposition"]["description"].as_str().is_some_and(|d| d.contains(file)));
        }
    }
);

both!(
    async fn created_answers_name_what_they_made_and_private_answers_are_not_stored(app) {
        let made = app.post("/providers", Role::Admin, &json!({"name": "Omsorg Väst AB"})).await;
        made.expect(201);
        let location = made.header("location").expect("Location").to_owned();
        assert_eq!(location, format!("/api/v1/providers/{}", made.id()));
        let again = app.get(location.trim_start_matches("/api/v1"), Role::Admin).await;
        again.expect(200);
        assert_eq!(again.body["name"], "Omsorg Väst AB");

        let order = app.post("/orders", Role::OrdererP, &siebel(&app)).await;
        order.expect(201);
        assert_eq!(order.header("location"), Some(format!("/api/v1/orders/{}", order.id()).as_str()));

        for answer in [again, order, app.get("/me", Role::It).await, app.get("/orders/0193a1b2-0000-7000-8000-00000000ffff", Role::It).await] {
            assert_eq!(answer.header("cache-control"), Some("no-store"), "{}", answer.text);
        }
    }
);

both!(
    async fn an_order_read_again_with_its_etag_is_not_modified(app) {
        let id = draft(&app).await;
        let first = app.get(&format!("/orders/{id}"), Role::OrdererP).await;
        first.expect(200);
        let etag = first.header("etag").expect("ETag").to_owned();
        let same = app.send(app.request(reqwest::Method::GET, &format!("/orders/{id}"), Role::OrdererP).header("if-none-match", &etag)).await;
        same.expect(304);
        assert_eq!(same.header("etag"), Some(etag.as_str()));
        assert!(same.text.is_empty());
        let stale = app.send(app.request(reqwest::Method::GET, &format!("/orders/{id}"), Role::OrdererP).header("if-none-match", "\"999\"")).await;
        stale.expect(200);
        // Not visible stays 404, whatever the tag.
        app.send(app.request(reqwest::Method::GET, &format!("/orders/{id}"), Role::OrdererQ).header("if-none-match", &etag))
            .await
            .expect_problem(404, "not_found");
    }
);

both!(
    async fn a_transition_without_a_body_with_an_empty_one_with_braces_or_null_is_the_same(app) {
        let sent = |id: uuid::Uuid| format!("/orders/{id}/submit");
        // No body at all.
        let id = draft(&app).await;
        app.send(app.request(reqwest::Method::POST, &sent(id), Role::OrdererP)).await.expect(200);
        // An empty body sent as JSON.
        let id = draft(&app).await;
        app.send(app.request(reqwest::Method::POST, &sent(id), Role::OrdererP).header("content-type", "application/json"))
            .await
            .expect(200);
        // `{}` and `null`.
        for body in [json!({}), Value::Null] {
            let id = draft(&app).await;
            let answer = app.post(&sent(id), Role::OrdererP, &body).await;
            answer.expect(200);
            assert_eq!(answer.body["status"], "submitted");
        }
    }
);

both!(
    async fn a_reused_idempotency_key_is_a_top_level_code(app) {
        let key = "conventions-1";
        let post = |body: Value| {
            let app = &app;
            async move {
                app.send(app.request(reqwest::Method::POST, "/orders", Role::OrdererP).header("idempotency-key", key).json(&body))
                    .await
            }
        };
        let first = post(siebel(&app)).await;
        first.expect(201);
        let replay = post(siebel(&app)).await;
        replay.expect_problem(422, "idempotency_key_reused");
        assert!(replay.body.get("errors").is_none(), "not a field problem: {}", replay.text);
    }
);

both!(
    async fn csv_exports_are_operations_of_their_own(app) {
        for path in ["/expert-users/export", "/holdings/export"] {
            let csv = app.get(path, Role::It).await;
            csv.expect(200);
            assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"), "{path}");
            assert!(csv.header("content-disposition").is_some_and(|d| d.starts_with("attachment")), "{path}");
        }
        let header = app.get("/holdings/export", Role::It).await.text;
        assert!(header.starts_with("name,personal_number,provider,system,permission,units,since,valid_to"), "{header}");
        app.get("/holdings/export", Role::MemberP).await.expect_problem(403, "forbidden");
    }
);
