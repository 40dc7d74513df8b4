//! Orders: saving drafts, reading them, and the helpers the other order tests share.

use serde_json::{Value, json};
use sesam_tests::{Answer, Role, TestApp, both, personal_number};
use std::sync::atomic::{AtomicU32, Ordering};
use uuid::Uuid;

static PEOPLE: AtomicU32 = AtomicU32::new(0);

/// A valid personal identity number nobody in the fixture has, different on every call.
pub fn new_person() -> String {
    let n = PEOPLE.fetch_add(1, Ordering::SeqCst);
    let day = 1 + (n / 900) % 28;
    let month = 1 + (n / (900 * 28)) % 12;
    personal_number(&format!("1990{month:02}{day:02}"), &format!("{:03}", 100 + n % 900))
}

/// The simplest valid grant order for P: Siebel (no extra fields), one unit, a new person.
pub fn siebel(app: &TestApp) -> Value {
    json!({
        "permission_id": app.fixture.perm_siebel,
        "unit_ids": [app.fixture.units_p[0]],
        "subject": {"first_name": "Karin", "last_name": "Berg", "personal_number": new_person()}
    })
}

/// A valid Lifecare grant order for P (with its required title), for a new person.
pub fn lifecare(app: &TestApp) -> Value {
    json!({
        "kind": "grant",
        "permission_id": app.fixture.perm_lifecare,
        "unit_ids": [app.fixture.units_p[0], app.fixture.units_p[1]],
        "subject": {"first_name": "Karin", "last_name": "Berg", "personal_number": new_person(),
                    "email": "karin.berg@omsorgnord.example", "phone": "070-123 45 67"},
        "lifecare_title": "Undersköterska",
        "expert_user": false,
        "valid_to": null,
        "comment": "Ny undersköterska från 1 december."
    })
}

/// A valid order for the role's own provider (P, or Q for Q's orderer).
pub fn body_for(app: &TestApp, role: Role) -> Value {
    let mut body = siebel(app);
    if role == Role::OrdererQ {
        body["unit_ids"] = json!([app.fixture.units_q[0]]);
    }
    body
}

/// Sets a field of a JSON body (`subject.email` reaches into the subject).
pub fn with(mut body: Value, path: &str, value: Value) -> Value {
    match path.split_once('.') {
        Some((outer, inner)) => body[outer][inner] = value,
        None => body[path] = value,
    }
    body
}

/// Creates an order as P's orderer, asserting 201.
pub async fn create(app: &TestApp, body: &Value) -> Answer {
    let answer = app.post("/orders", Role::OrdererP, body).await;
    answer.expect(201);
    answer
}

/// A new draft of P (a new person), by P's orderer.
pub async fn draft(app: &TestApp) -> Uuid {
    create(app, &siebel(app)).await.id()
}

/// A new order of P brought to `status` through the API (P's orderer sends it; IT handles it).
pub async fn order_in(app: &TestApp, status: &str) -> Uuid {
    let id = draft(app).await;
    if status == "draft" {
        return id;
    }
    app.post(&format!("/orders/{id}/submit"), Role::OrdererP, &json!({})).await.expect(200);
    match status {
        "submitted" => {}
        "withdrawn" => {
            app.post(&format!("/orders/{id}/withdraw"), Role::OrdererP, &json!({})).await.expect(200);
        }
        "rejected" => {
            app.post(&format!("/orders/{id}/reject"), Role::It, &json!({"reason": "Saknar anställning."}))
                .await
                .expect(200);
        }
        "in_progress" | "completed" => {
            app.post(&format!("/orders/{id}/take"), Role::It, &json!({})).await.expect(200);
            if status == "completed" {
                app.post(&format!("/orders/{id}/complete"), Role::It, &json!({"account_name": "kaber01"}))
                    .await
                    .expect(200);
            }
        }
        other => panic!("no way to {other}"),
    }
    id
}

/// The statuses of the orders a role sees, by id.
pub async fn statuses(app: &TestApp, role: Role, query: &str) -> Vec<(String, String)> {
    let list = app.get(&format!("/orders?limit=200{query}"), role).await;
    list.expect(200);
    list.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|o| (o["id"].as_str().expect("id").to_owned(), o["status"].as_str().expect("status").to_owned()))
        .collect()
}

both!(
    async fn an_orderer_saves_a_draft_and_reads_it_whole(app) {
        let body = lifecare(&app);
        let pn = body["subject"]["personal_number"].as_str().expect("pn").to_owned();
        let created = create(&app, &body).await;
        assert_eq!(created.header("etag"), Some("\"1\""));
        let o = &created.body;
        let reference = o["reference"].as_str().expect("reference");
        assert!(reference.starts_with("SES-20") && reference.len() == "SES-2026-000001".len(), "{reference}");
        assert_eq!(o["status"], "draft");
        assert_eq!(o["kind"], "grant");
        assert_eq!(o["provider_id"], app.fixture.provider_p.to_string(), "the caller's only provider");
        assert_eq!(o["provider_name"], "Omsorg Nord AB");
        assert_eq!(o["permission_id"], app.fixture.perm_lifecare.to_string());
        assert_eq!(o["permission_name"], "Utförare – dokumentera");
        assert_eq!(o["system_id"], app.fixture.lifecare.to_string());
        assert_eq!(o["system_name"], "Lifecare");
        assert_eq!(o["unit_ids"].as_array().expect("unit_ids").len(), 2);
        assert_eq!(o["units"], json!([
            {"id": app.fixture.units_p[1], "name": "Boende Eken"},
            {"id": app.fixture.units_p[0], "name": "Boende Linden"},
        ]));
        assert_eq!(o["subject"]["personal_number"], pn, "whole in the detail");
        assert_eq!(o["subject"]["email"], "karin.berg@omsorgnord.example");
        assert_eq!(o["subject"]["phone"], "070-123 45 67");
        assert_eq!(o["lifecare_title"], "Undersköterska");
        assert_eq!(o["comment"], "Ny undersköterska från 1 december.");
        assert_eq!(o["created_by"], app.fixture.account(Role::OrdererP).id.to_string());
        assert_eq!(o["created_by_name"], "Anna Lind");
        assert_eq!(o["version"], 1);
        for field in ["submitted_at", "taken_by", "account_name", "reject_reason", "return_question", "valid_to"] {
            assert!(o[field].is_null(), "{field}");
        }
        // The other orderer of P reads it whole, with its ETag.
        let id = created.id();
        let read = app.get(&format!("/orders/{id}"), Role::OrdererP2).await;
        read.expect(200);
        assert_eq!(read.header("etag"), Some("\"1\""));
        assert_eq!(read.body, created.body);
        // The list masks the number.
        let list = app.get("/orders", Role::OrdererP).await;
        let item = &list.body["items"][0];
        assert_eq!(item["id"], id.to_string());
        assert_eq!(item["subject"]["personal_number"], format!("{}-****", &pn[..8]));
        assert!(!list.text.contains(&pn), "no whole number anywhere in a list");
        assert_eq!(item["units"][0]["name"], "Boende Eken");
        // References are unique and grow.
        let second = create(&app, &siebel(&app)).await;
        assert!(second.body["reference"].as_str() > Some(reference));
    }
);

both!(
    async fn personal_numbers_are_accepted_in_every_form_and_stored_whole(app) {
        let p = |yyyymmdd: &str, nnn: &str| personal_number(yyyymmdd, nnn);
        let full = p("19851224", "123");
        let coordination = p("19851284", "123");
        let century = p("19121212", "121");
        let cases = [
            (full.clone(), full.clone()),
            (full.replace('-', ""), full.clone()),
            (full[2..].to_owned(), full.clone()),
            (century[2..].replace('-', "+"), century.clone()),
            (coordination.clone(), coordination.clone()),
        ];
        for (given, stored) in cases {
            let body = with(siebel(&app), "subject.personal_number", json!(given));
            let created = create(&app, &body).await;
            assert_eq!(created.body["subject"]["personal_number"], stored.as_str(), "{given}");
            // Make room for the next form of the same person.
            app.delete(&format!("/orders/{}", created.id()), Role::OrdererP).await.expect(204);
        }
        let bad_check = format!("{}{}", &full[..12], (full.as_bytes()[12] - b'0' + 1) % 10);
        for bad in [bad_check.as_str(), "19851332-1234", "20991224-1234", "1985-12-24", "nej", "851224 1234"] {
            let body = with(siebel(&app), "subject.personal_number", json!(bad));
            app.post("/orders", Role::OrdererP, &body)
                .await
                .expect_field_error("subject.personal_number", "invalid_personal_number");
        }
    }
);

both!(
    async fn one_request_with_many_faults_gets_every_code(app) {
        let body = json!({
            "permission_ids": [app.fixture.perm_siebel, app.fixture.perm_lifecare],
            "unit_ids": [app.fixture.units_p[0], app.fixture.units_q[0]],
            "subject": {"first_name": "K".repeat(101), "last_name": "Be\u{0}rg", "personal_number": "19121212-1213",
                        "email": null, "nickname": "Kajsa"},
            "expert_user": true,
            "valid_to": "2001-01-01",
            "comment": "c".repeat(2001),
            "colour": "blå"
        });
        let answer = app.post("/orders", Role::OrdererP, &body).await;
        answer.expect_problem(422, "validation_failed");
        let expected: Vec<(String, String)> = [
            ("colour", "unknown_field"),
            ("comment", "invalid_length"),
            ("permission_id", "required"),
            ("permission_ids", "one_permission_per_order"),
            ("subject.email", "expert_user_email_required"),
            ("subject.first_name", "invalid_length"),
            ("subject.last_name", "invalid_format"),
            ("subject.nickname", "unknown_field"),
            ("subject.personal_number", "invalid_personal_number"),
            ("unit_ids[1]", "unit_not_in_provider"),
            ("valid_to", "value_not_allowed"),
        ]
        .iter()
        .map(|(f, c)| (f.to_string(), c.to_string()))
        .collect();
        assert_eq!(answer.field_errors(), expected, "{}", answer.text);
        for e in answer.body["errors"].as_array().expect("errors") {
            assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{e}");
        }
        // Nothing was saved.
        assert!(statuses(&app, Role::OrdererP, "").await.is_empty());
    }
);

both!(
    async fn the_demo_has_orders_in_every_status_with_their_history_once(app) {
        use sesam_tests::{Server, ServerOptions, TestDb, run_cli};
        let db = TestDb::empty(app.backend, "sesam_tdemo").await;
        let out = run_cli(&db, &["seed-demo"], &[]).await;
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(out.status.success() && stdout.contains("13 orders") && stdout.contains("4 holdings"), "{stdout} {}", String::from_utf8_lossy(&out.stderr));
        let again = run_cli(&db, &["seed-demo"], &[]).await;
        let stdout = String::from_utf8_lossy(&again.stdout).to_string();
        assert!(again.status.success() && stdout.contains("the demo orders are already there"), "{stdout}");

        let mut server = Server::start(&db, &format!("demo-orders-{:?}", app.backend), &ServerOptions::default()).await;
        let client = reqwest::Client::new();
        let url = |path: &str| format!("{}/api/v1{path}", server.base_url);
        let login = |email: &str| {
            let request = client.post(url("/auth/login")).json(&json!({"email": email, "password": "sesam-demo-2026"}));
            async move {
                let answer: Value = request.send().await.expect("login").json().await.expect("json");
                answer["access_token"].as_str().expect("token").to_owned()
            }
        };
        let support = login("support@kommun.example").await;
        let list: Value =
            client.get(url("/orders?limit=200")).bearer_auth(&support).send().await.expect("list").json().await.expect("json");
        let items = list["items"].as_array().expect("items");
        assert_eq!(items.len(), 13);
        let seen: std::collections::BTreeSet<&str> = items.iter().map(|o| o["status"].as_str().expect("status")).collect();
        assert_eq!(seen, ["completed", "draft", "in_progress", "rejected", "submitted", "withdrawn"].into_iter().collect());
        let done = items.iter().find(|o| o["subject"]["last_name"] == "Petersson").expect("Lars Petersson's order");
        let history: Value = client
            .get(url(&format!("/orders/{}/history", done["id"].as_str().expect("id"))))
            .bearer_auth(&support)
            .send()
            .await
            .expect("history")
            .json()
            .await
            .expect("json");
        let actions: Vec<&str> = history["items"].as_array().expect("items").iter().map(|s| s["action"].as_str().expect("action")).collect();
        assert_eq!(actions, ["created", "submitted", "taken", "completed"]);
        // Anna was told what IT did with hers.
        let anna = login("anna.lind@omsorgnord.example").await;
        let told: Value = client.get(url("/me/notifications")).bearer_auth(&anna).send().await.expect("me").json().await.expect("json");
        let kinds: std::collections::BTreeSet<&str> = told["items"].as_array().expect("items").iter().map(|n| n["kind"].as_str().expect("kind")).collect();
        assert!(kinds.contains("order_rejected"), "{told}");
        server.kill().await;
        let _ = server.wait().await;
        db.drop_blocking();
    }
);
