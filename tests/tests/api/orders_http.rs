//! Orders for integration scripts: idempotent creation (`Idempotency-Key`) and optimistic
//! concurrency (`ETag` / `If-Match`).

use crate::orders::{draft, siebel, statuses, with};
use serde_json::{Value, json};
use sesam_tests::{Answer, Role, TestApp, both, postgres_only, run_cli};

async fn create_with_key(app: &TestApp, role: Role, key: &str, body: &Value) -> Answer {
    app.send(app.request(reqwest::Method::POST, "/orders", role).header("Idempotency-Key", key).json(body)).await
}

/// Runs `sesam run-jobs` as if it were `days` from now; answers its summary line.
async fn run_jobs_in(app: &TestApp, days: i64) -> String {
    let now = (chrono::Utc::now() + chrono::Duration::days(days)).to_rfc3339();
    let out = run_cli(&app.db, &["run-jobs", "--now", &now], &[]).await;
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "run-jobs failed: {stdout} {}", String::from_utf8_lossy(&out.stderr));
    stdout
}

both!(
    async fn keys_are_remembered_for_seven_days_then_forgotten(app) {
        let first = siebel(&app);
        let created = create_with_key(&app, Role::OrdererP, "nightly-import-1", &first).await;
        created.expect(201);
        let other = siebel(&app);

        let out = run_jobs_in(&app, 6).await;
        assert!(out.contains("0 idempotency key(s) forgotten"), "{out}");
        create_with_key(&app, Role::OrdererP, "nightly-import-1", &other)
            .await
            .expect_problem(422, "idempotency_key_reused");
        assert_eq!(create_with_key(&app, Role::OrdererP, "nightly-import-1", &first).await.id(), created.id());

        let out = run_jobs_in(&app, 8).await;
        assert!(out.contains("1 idempotency key(s) forgotten"), "{out}");
        // Forgotten: the key is free for a new request, and the first order stays.
        let fresh = create_with_key(&app, Role::OrdererP, "nightly-import-1", &other).await;
        fresh.expect(201);
        assert_ne!(fresh.id(), created.id());
        app.get(&format!("/orders/{}", created.id()), Role::OrdererP).await.expect(200);
    }
);

both!(
    async fn a_replayed_create_answers_as_the_first_time(app) {
        let body = siebel(&app);
        let first = create_with_key(&app, Role::OrdererP, "hr-import-2026-12-01-0001", &body).await;
        first.expect(201);
        let id = first.id();
        let replay = create_with_key(&app, Role::OrdererP, "hr-import-2026-12-01-0001", &body).await;
        replay.expect(201);
        assert_eq!(replay.body, first.body, "the same body");
        assert_eq!(replay.header("etag"), Some("\"1\""));
        assert_eq!(replay.id(), id);
        assert_eq!(statuses(&app, Role::OrdererP, "").await.len(), 1, "no second order");
        // Key order in the JSON does not make it another body.
        let text = format!(
            "{{\"subject\": {}, \"unit_ids\": {}, \"permission_id\": {}}}",
            body["subject"], body["unit_ids"], body["permission_id"]
        );
        let reordered = app
            .send(
                app.request(reqwest::Method::POST, "/orders", Role::OrdererP)
                    .header("Idempotency-Key", "hr-import-2026-12-01-0001")
                    .header("content-type", "application/json")
                    .body(text),
            )
            .await;
        reordered.expect(201);
        assert_eq!(reordered.id(), id);
        // Even after the order moved on, the replay is the first answer (a replay is not a read).
        app.post(&format!("/orders/{id}/submit"), Role::OrdererP, &json!({})).await.expect(200);
        let late = create_with_key(&app, Role::OrdererP, "hr-import-2026-12-01-0001", &body).await;
        late.expect(201);
        assert_eq!(late.body["status"], "draft");

        // The same key with another body is refused.
        let other = with(body.clone(), "subject.first_name", json!("Kerstin"));
        create_with_key(&app, Role::OrdererP, "hr-import-2026-12-01-0001", &other)
            .await
            .expect_problem(422, "idempotency_key_reused");
        // Keys belong to an account: Erik's same key is a new request.
        let erik = create_with_key(&app, Role::OrdererP2, "hr-import-2026-12-01-0001", &siebel(&app)).await;
        erik.expect(201);
        assert_ne!(erik.id(), id);
        // A request that failed stored nothing: fixed, the same key goes through.
        let bad = with(siebel(&app), "subject.personal_number", json!("nej"));
        create_with_key(&app, Role::OrdererP, "hr-import-2026-12-01-0002", &bad)
            .await
            .expect_field_error("subject.personal_number", "invalid_personal_number");
        create_with_key(&app, Role::OrdererP, "hr-import-2026-12-01-0002", &siebel(&app)).await.expect(201);
        // Malformed keys are 400.
        for key in ["", &"k".repeat(256), "två ord"] {
            create_with_key(&app, Role::OrdererP, key, &siebel(&app)).await.expect_problem(400, "bad_request");
        }
    }
);

both!(
    async fn a_stale_if_match_is_412_and_a_fresh_one_works(app) {
        let id = draft(&app).await;
        let read = app.get(&format!("/orders/{id}"), Role::OrdererP).await;
        let etag = read.header("etag").expect("etag").to_owned();
        assert_eq!(etag, "\"1\"");
        let patch = |tag: &str, comment: &str| {
            app.request(reqwest::Method::PATCH, &format!("/orders/{id}"), Role::OrdererP)
                .header("If-Match", tag)
                .json(&json!({"comment": comment}))
        };
        let changed = app.send(patch(&etag, "Första")).await;
        changed.expect(200);
        let fresh = changed.header("etag").expect("etag").to_owned();
        assert_eq!(fresh, "\"2\"");
        // Someone who read version 1 loses.
        app.send(patch(&etag, "Andra")).await.expect_problem(412, "precondition_failed");
        assert_eq!(app.get(&format!("/orders/{id}"), Role::OrdererP).await.body["comment"], "Första");
        // The fresh tag works, so do a list of tags and `*`; a weak or garbled tag does not.
        app.send(patch(&fresh, "Tredje")).await.expect(200);
        app.send(patch("\"1\", \"3\"", "Fjärde")).await.expect(200);
        app.send(patch("*", "Femte")).await.expect(200);
        app.send(patch("W/\"5\"", "Sjätte")).await.expect_problem(412, "precondition_failed");
        app.send(patch("5", "Sjätte")).await.expect_problem(412, "precondition_failed");
        // Transitions and deletion honour it too.
        let submit = |tag: &str| app.request(reqwest::Method::POST, &format!("/orders/{id}/submit"), Role::OrdererP).header("If-Match", tag);
        app.send(submit("\"4\"")).await.expect_problem(412, "precondition_failed");
        let sent = app.send(submit("\"5\"")).await;
        sent.expect(200);
        assert_eq!(sent.header("etag"), Some("\"6\""));
        let other = draft(&app).await;
        let delete = |tag: &str| app.request(reqwest::Method::DELETE, &format!("/orders/{other}"), Role::OrdererP).header("If-Match", tag);
        app.send(delete("\"2\"")).await.expect_problem(412, "precondition_failed");
        app.send(delete("\"1\"")).await.expect(204);
        // Every order answer carries its ETag.
        let listed = app.get(&format!("/orders/{id}"), Role::It).await;
        assert_eq!(listed.header("etag"), Some("\"6\""));
        assert_eq!(listed.body["version"], 6);
    }
);

postgres_only!(
    async fn concurrent_replays_of_one_key_create_one_order(app) {
        let body = siebel(&app);
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let request = app.request(reqwest::Method::POST, "/orders", Role::OrdererP).header("Idempotency-Key", "batch-7").json(&body);
            tasks.push(tokio::spawn(async move {
                let res = request.send().await.expect("create");
                (res.status().as_u16(), res.json::<Value>().await.expect("json"))
            }));
        }
        let mut ids = Vec::new();
        for task in tasks {
            let (status, answer) = task.await.expect("task");
            assert_eq!(status, 201, "{answer}");
            ids.push(answer["id"].as_str().expect("id").to_owned());
        }
        ids.dedup();
        assert_eq!(ids.len(), 1, "every replay names the one order");
        assert_eq!(statuses(&app, Role::OrdererP, "").await.len(), 1);
    }
);

both!(
    async fn the_document_describes_the_orders_api_whole(app) {
        let doc = app.get("/api/v1/openapi.json", Role::Anonymous).await.body;
        // Every reference resolves (generated clients refuse a document where one does not).
        fn refs(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(map) => {
                    if let Some(Value::String(r)) = map.get("$ref") {
                        out.push(r.clone());
                    }
                    map.values().for_each(|v| refs(v, out));
                }
                Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
                _ => {}
            }
        }
        let mut all = Vec::new();
        refs(&doc, &mut all);
        for r in all {
            let name = r.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("unexpected $ref {r}"));
            assert!(doc["components"]["schemas"][name].is_object(), "{r} does not resolve");
        }
        let op = |method: &str, path: &str| doc["paths"][format!("/api/v1{path}")][method].clone();
        let expected = [
            ("get", "/orders", "list_orders"),
            ("post", "/orders", "create_order"),
            ("get", "/orders/{id}", "get_order"),
            ("patch", "/orders/{id}", "update_order"),
            ("delete", "/orders/{id}", "delete_order"),
            ("post", "/orders/{id}/submit", "submit_order"),
            ("post", "/orders/{id}/withdraw", "withdraw_order"),
            ("post", "/orders/{id}/take", "take_order"),
            ("post", "/orders/{id}/complete", "complete_order"),
            ("post", "/orders/{id}/reject", "reject_order"),
            ("post", "/orders/{id}/return", "return_order"),
            ("post", "/orders/{id}/copy", "copy_order"),
            ("get", "/orders/{id}/history", "get_order_history"),
        ];
        for (method, path, id) in expected {
            let o = op(method, path);
            assert_eq!(o["operationId"], id, "{method} {path}");
            assert_eq!(o["tags"], json!(["orders"]), "{method} {path}");
        }
        let header_params = |o: &Value| -> Vec<String> {
            o["parameters"].as_array().map(|ps| ps.iter().filter(|p| p["in"] == "header").map(|p| p["name"].as_str().unwrap_or("").to_owned()).collect()).unwrap_or_default()
        };
        assert_eq!(header_params(&op("post", "/orders")), vec!["Idempotency-Key"]);
        assert_eq!(header_params(&op("patch", "/orders/{id}")), vec!["If-Match"]);
        assert!(op("get", "/orders/{id}")["responses"]["200"]["headers"]["ETag"].is_object());
        assert!(op("post", "/orders")["responses"]["201"]["headers"]["ETag"].is_object());
        assert!(op("patch", "/orders/{id}")["responses"]["412"].is_object());
        assert!(op("post", "/orders/{id}/take")["responses"]["409"].is_object());
        let status = op("get", "/orders")["parameters"].as_array().expect("params").iter().find(|p| p["name"] == "status").cloned().expect("status");
        assert_eq!(status["schema"]["type"], "array");
        assert_eq!(status["explode"], true);
        let create = op("post", "/orders")["responses"]["422"]["description"].as_str().unwrap_or("").to_owned();
        for code in ["one_permission_per_order", "self_order_forbidden", "idempotency_key_reused", "lifecare_title_required"] {
            assert!(create.contains(code), "{code} is documented");
        }
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["OrderStatus"]["enum"], json!(["draft", "submitted", "in_progress", "completed", "rejected", "withdrawn"]));
        assert_eq!(schemas["CreateOrder"]["additionalProperties"], false);
        assert!(schemas["CreateOrder"]["example"].is_object() && schemas["OrderDto"]["example"].is_object());
    }
);
