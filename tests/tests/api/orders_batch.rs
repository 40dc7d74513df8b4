//! `POST /orders/batch`: up to 100 orders at once for scripts, each saved or refused on its own,
//! one result per item; `Idempotency-Key` for the whole batch.

use crate::orders::{lifecare, siebel, statuses};
use serde_json::{Value, json};
use sesam_tests::{Answer, Role, TestApp, both};

async fn batch(app: &TestApp, role: Role, body: &Value, key: Option<&str>) -> Answer {
    let mut request = app.request(reqwest::Method::POST, "/orders/batch", role).json(body);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    app.send(request).await
}

fn codes(problem: &Value) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| (e["field"].as_str().unwrap_or("").to_owned(), e["code"].as_str().unwrap_or("").to_owned()))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

both!(
    async fn a_bad_item_does_not_stop_the_good_ones_and_is_reported(app) {
        let first = siebel(&app);
        let mut for_q = siebel(&app);
        for_q["provider_id"] = json!(app.fixture.provider_q);
        for_q["unit_ids"] = json!([app.fixture.units_q[0]]);
        let mut wrong_unit = siebel(&app);
        wrong_unit["unit_ids"] = json!([app.fixture.units_q[0]]);
        let body = json!({"items": [
            first,
            {"permission_id": app.fixture.perm_siebel, "subject": {"first_name": "Bo", "personal_number": "19121212-1213"}, "colour": "blå"},
            lifecare(&app),
            first,
            wrong_unit,
            for_q,
            5
        ]});
        let answer = batch(&app, Role::OrdererP, &body, None).await;
        answer.expect(200);
        let items = answer.body["items"].as_array().expect("items");
        let got: Vec<u64> = items.iter().map(|i| i["status"].as_u64().expect("status")).collect();
        assert_eq!(got, [201, 422, 201, 409, 422, 403, 422], "{}", answer.text);

        // The good ones are saved, as drafts, whole.
        for i in [0, 2] {
            let order = &items[i]["order"];
            assert!(items[i].get("problem").is_none());
            assert_eq!(order["status"], "draft");
            let id = order["id"].as_str().expect("id");
            let read = app.get(&format!("/orders/{id}"), Role::OrdererP).await;
            read.expect(200);
            assert_eq!(&read.body, order);
        }
        assert_eq!(statuses(&app, Role::OrdererP, "").await.len(), 2, "only the good ones");
        // Each bad one has the problem it would have had alone; paths are relative to the item.
        assert!(items[1].get("order").is_none());
        assert_eq!(items[1]["problem"]["code"], "validation_failed");
        assert_eq!(items[1]["problem"]["status"], 422);
        assert_eq!(
            codes(&items[1]["problem"]),
            [
                ("colour", "unknown_field"),
                ("subject.last_name", "required"),
                ("subject.personal_number", "invalid_personal_number"),
                ("unit_ids", "required"),
            ]
            .map(|(f, c)| (f.to_owned(), c.to_owned()))
        );
        assert_eq!(items[3]["problem"]["code"], "duplicate_open_order");
        assert_eq!(codes(&items[4]["problem"]), [("unit_ids[0]".to_owned(), "unit_not_in_provider".to_owned())]);
        assert_eq!(items[5]["problem"]["code"], "no_ordering_right");
        assert_eq!(items[6]["problem"]["code"], "validation_failed");
        // Problems speak the client's language.
        let english = app
            .send(app.request(reqwest::Method::POST, "/orders/batch", Role::OrdererP).header("accept-language", "en").json(&json!({"items": [{}]})))
            .await;
        assert_eq!(english.body["items"][0]["problem"]["title"], "Validation failed");
    }
);

both!(
    async fn the_idempotency_key_covers_the_whole_batch(app) {
        let body = json!({"items": [siebel(&app), lifecare(&app), {"permission_id": null}]});
        let first = batch(&app, Role::OrdererP, &body, Some("hr-2026-12-01")).await;
        first.expect(200);
        let saved = statuses(&app, Role::OrdererP, "").await.len();
        assert_eq!(saved, 2);
        // A replay answers exactly as the first time, and saves nothing.
        let replay = batch(&app, Role::OrdererP, &body, Some("hr-2026-12-01")).await;
        replay.expect(200);
        assert_eq!(replay.text, first.text);
        assert_eq!(statuses(&app, Role::OrdererP, "").await.len(), saved);
        // The same key with another body is refused.
        let other = json!({"items": [siebel(&app)]});
        batch(&app, Role::OrdererP, &other, Some("hr-2026-12-01")).await.expect_problem(422, "idempotency_key_reused");
        // Keys are per account; and the batch's key is not the single order's.
        batch(&app, Role::OrdererP2, &other, Some("hr-2026-12-01")).await.expect(200);
        app.send(app.request(reqwest::Method::POST, "/orders", Role::OrdererP).header("Idempotency-Key", "hr-2026-12-01").json(&siebel(&app)))
            .await
            .expect(201);
        // Without a key, the same body is a new batch: its items are now duplicates.
        let again = batch(&app, Role::OrdererP, &body, None).await;
        let got: Vec<u64> = again.body["items"].as_array().expect("items").iter().map(|i| i["status"].as_u64().expect("status")).collect();
        assert_eq!(got, [409, 409, 422]);
        batch(&app, Role::OrdererP, &body, Some(&"k".repeat(256))).await.expect_problem(400, "bad_request");
    }
);

both!(
    async fn the_batch_as_a_whole_has_its_limits(app) {
        batch(&app, Role::OrdererP, &json!({}), None).await.expect_field_error("items", "required");
        batch(&app, Role::OrdererP, &json!({"items": []}), None).await.expect_field_error("items", "invalid_length");
        batch(&app, Role::OrdererP, &json!({"items": {}}), None).await.expect_field_error("items", "invalid_format");
        let too_many: Vec<Value> = (0..101).map(|_| siebel(&app)).collect();
        batch(&app, Role::OrdererP, &json!({"items": too_many}), None).await.expect_field_error("items", "invalid_length");
        let one = json!({"items": [siebel(&app)]});
        batch(&app, Role::It, &one, None).await.expect_problem(403, "forbidden");
        batch(&app, Role::Admin, &one, None).await.expect_problem(403, "forbidden");
        batch(&app, Role::MemberP, &one, None).await.expect_problem(403, "no_ordering_right");
        batch(&app, Role::Anonymous, &one, None).await.expect_problem(401, "unauthorized");
        assert!(statuses(&app, Role::OrdererP, "").await.is_empty(), "nothing saved");

        // A hundred orders with long comments: far beyond the usual 64 KiB, within the batch's 1 MiB.
        let full: Vec<Value> = (0..100)
            .map(|i| {
                let mut body = siebel(&app);
                body["comment"] = json!(format!("{i}: {}", "Nyanställd inom hemtjänsten. ".repeat(60)));
                body
            })
            .collect();
        let full = json!({"items": full});
        assert!(serde_json::to_vec(&full).expect("json").len() > 150 * 1024);
        let answer = batch(&app, Role::OrdererP, &full, None).await;
        answer.expect(200);
        assert!(answer.body["items"].as_array().expect("items").iter().all(|i| i["status"] == 201));
        assert_eq!(statuses(&app, Role::OrdererP, "").await.len(), 100);
        // Beyond 1 MiB: 413.
        let huge = json!({"items": [{"comment": "x".repeat(1024 * 1024 + 1)}]});
        batch(&app, Role::OrdererP, &huge, None).await.expect_problem(413, "payload_too_large");
        // The single order keeps its own limit.
        let big = json!({"comment": "x".repeat(70 * 1024)});
        app.post("/orders", Role::OrdererP, &big).await.expect_problem(413, "payload_too_large");
    }
);
