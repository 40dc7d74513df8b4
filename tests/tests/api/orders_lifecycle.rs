//! The order lifecycle: every allowed transition, every forbidden one, who may make them, the
//! history they leave, the notifications they send, copying, and taking under contention.

use crate::orders::{create, draft, lifecare, new_person, order_in, siebel, with};
use serde_json::{Value, json};
use sesam_tests::{Role, TestApp, both, postgres_only};
use uuid::Uuid;

async fn step(app: &TestApp, id: Uuid, action: &str, role: Role, body: Value) -> sesam_tests::Answer {
    app.post(&format!("/orders/{id}/{action}"), role, &body).await
}

async fn history(app: &TestApp, id: Uuid, role: Role) -> Vec<Value> {
    let answer = app.get(&format!("/orders/{id}/history"), role).await;
    answer.expect(200);
    answer.body["items"].as_array().expect("items").clone()
}

async fn notifications(app: &TestApp, role: Role) -> Vec<Value> {
    let answer = app.get("/me/notifications", role).await;
    answer.expect(200);
    answer.body["items"].as_array().expect("items").clone()
}

both!(
    async fn an_order_goes_from_draft_to_completed_and_the_orderers_are_told(app) {
        // Anna saves it, Erik sends it.
        let body = with(lifecare(&app), "expert_user", json!(true));
        let created = create(&app, &body).await;
        let id = created.id();
        let reference = created.body["reference"].as_str().expect("reference").to_owned();
        let sent = step(&app, id, "submit", Role::OrdererP2, json!({"note": "Brådskande"})).await;
        sent.expect(200);
        assert_eq!(sent.body["status"], "submitted");
        assert_eq!(sent.body["submitted_by"], app.fixture.account(Role::OrdererP2).id.to_string());
        assert_eq!(sent.body["submitted_by_name"], "Erik Holm");
        assert!(sent.body["submitted_at"].is_string());
        assert_eq!(sent.header("etag"), Some("\"2\""));

        // IT finds it in its queue, oldest first, and takes it.
        let queue = app.get("/orders?status=submitted&order=oldest", Role::It).await;
        queue.expect(200);
        assert_eq!(queue.body["items"][0]["id"], id.to_string());
        let taken = step(&app, id, "take", Role::It, json!({"note": "Jag tar den"})).await;
        taken.expect(200);
        assert_eq!(taken.body["status"], "in_progress");
        assert_eq!(taken.body["taken_by"], app.fixture.account(Role::It).id.to_string());
        assert_eq!(taken.body["taken_by_name"], "Ingrid Tekniker");
        assert!(taken.body["taken_at"].is_string());
        // Mine, for IT, is what it has taken.
        let mine = app.get("/orders?mine=true", Role::It).await;
        assert_eq!(mine.body["items"].as_array().expect("items").len(), 1);

        let done = step(&app, id, "complete", Role::It, json!({"account_name": "kaber01", "note": "Klart, lösenord skickat per sms."})).await;
        done.expect(200);
        assert_eq!(done.body["status"], "completed");
        assert_eq!(done.body["account_name"], "kaber01");
        assert!(done.body["completed_at"].is_string());
        assert_eq!(done.body["version"], 4);

        // The orderer sees it completed, and both Anna (created it) and Erik (sent it) were told.
        let seen = app.get(&format!("/orders/{id}"), Role::OrdererP).await;
        assert_eq!(seen.body["status"], "completed");
        assert_eq!(seen.body["account_name"], "kaber01");
        for role in [Role::OrdererP, Role::OrdererP2] {
            let items = notifications(&app, role).await;
            assert_eq!(items.len(), 1, "{role:?}: {items:?}");
            let n = &items[0];
            assert_eq!(n["kind"], "order_completed");
            assert_eq!(n["order_id"], id.to_string());
            assert!(n["title"].as_str().is_some_and(|t| t.contains(&reference)), "{n}");
            let text = n["body"].as_str().expect("body");
            assert!(text.contains("Karin Berg") && text.contains("Utförare – dokumentera") && text.contains("kaber01"), "{text}");
        }
        assert!(notifications(&app, Role::It).await.is_empty());

        // The history has every step: who, when, from, to and the note.
        let steps = history(&app, id, Role::OrdererP).await;
        let summary: Vec<(Value, Value, Value, Value, Value)> = steps
            .iter()
            .map(|s| (s["action"].clone(), s["from_status"].clone(), s["to_status"].clone(), s["actor_name"].clone(), s["note"].clone()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (json!("created"), json!(null), json!("draft"), json!("Anna Lind"), json!(null)),
                (json!("submitted"), json!("draft"), json!("submitted"), json!("Erik Holm"), json!("Brådskande")),
                (json!("taken"), json!("submitted"), json!("in_progress"), json!("Ingrid Tekniker"), json!("Jag tar den")),
                (json!("completed"), json!("in_progress"), json!("completed"), json!("Ingrid Tekniker"), json!("Klart, lösenord skickat per sms.")),
            ]
        );
        assert!(steps.iter().all(|s| s["at"].is_string() && s["actor_id"].is_string()));
        // IT and support read the history too; another provider's orderer does not.
        assert_eq!(history(&app, id, Role::It).await.len(), 4);
        assert_eq!(history(&app, id, Role::Admin).await.len(), 4);
        app.get(&format!("/orders/{id}/history"), Role::OrdererQ).await.expect_problem(404, "not_found");
        // Final: nothing more happens to it.
        for (action, role, body) in [
            ("complete", Role::It, json!({})),
            ("reject", Role::It, json!({"reason": "x"})),
            ("return", Role::It, json!({"question": "x"})),
            ("take", Role::It, json!({})),
            ("withdraw", Role::OrdererP, json!({})),
            ("submit", Role::OrdererP, json!({})),
        ] {
            step(&app, id, action, role, body).await.expect_problem(409, "invalid_transition");
        }
    }
);

both!(
    async fn bodies_of_optional_fields_may_be_left_out(app) {
        let id = draft(&app).await;
        for (action, role) in [("submit", Role::OrdererP), ("take", Role::It), ("complete", Role::It)] {
            let answer = app.send(app.request(reqwest::Method::POST, &format!("/orders/{id}/{action}"), role)).await;
            answer.expect(200);
        }
        let id = order_in(&app, "submitted").await;
        app.send(app.request(reqwest::Method::POST, &format!("/orders/{id}/withdraw"), Role::OrdererP)).await.expect(200);
        // A note that is too long, or a field that does not exist, is still refused.
        let id = draft(&app).await;
        step(&app, id, "submit", Role::OrdererP, json!({"note": "n".repeat(2001)})).await.expect_field_error("note", "invalid_length");
        step(&app, id, "submit", Role::OrdererP, json!({"reason": "fel fält"})).await.expect_field_error("reason", "unknown_field");
    }
);

both!(
    async fn it_rejects_with_a_reason_from_submitted_or_in_progress(app) {
        for from in ["submitted", "in_progress"] {
            let id = order_in(&app, from).await;
            step(&app, id, "reject", Role::It, json!({})).await.expect_field_error("reason", "required");
            step(&app, id, "reject", Role::It, json!({"reason": "   "})).await.expect_field_error("reason", "required");
            let rejected = step(&app, id, "reject", Role::It, json!({"reason": "Personen saknar anställning hos utföraren."})).await;
            rejected.expect(200);
            assert_eq!(rejected.body["status"], "rejected");
            assert_eq!(rejected.body["reject_reason"], "Personen saknar anställning hos utföraren.");
            let last = history(&app, id, Role::OrdererP).await.pop().expect("a step");
            assert_eq!((last["action"].as_str(), last["from_status"].as_str()), (Some("rejected"), Some(from)));
            assert_eq!(last["note"], "Personen saknar anställning hos utföraren.");
        }
        // Anna created and sent both: one notification each, about each order.
        let items = notifications(&app, Role::OrdererP).await;
        assert_eq!(items.len(), 2);
        for n in &items {
            assert_eq!(n["kind"], "order_rejected");
            assert!(n["body"].as_str().is_some_and(|b| b.contains("saknar anställning") && b.contains("Karin Berg") && b.contains("Handläggare")), "{n}");
        }
        assert!(notifications(&app, Role::OrdererP2).await.is_empty(), "Erik neither created nor sent them");
        // Not from a draft (invisible to IT), nor from a final status.
        let id = draft(&app).await;
        step(&app, id, "reject", Role::It, json!({"reason": "x"})).await.expect_problem(404, "not_found");
        let id = order_in(&app, "withdrawn").await;
        step(&app, id, "reject", Role::It, json!({"reason": "x"})).await.expect_problem(409, "invalid_transition");
    }
);

both!(
    async fn it_returns_an_order_with_a_question_and_the_orderer_sends_it_again(app) {
        for from in ["submitted", "in_progress"] {
            let id = order_in(&app, from).await;
            step(&app, id, "return", Role::It, json!({"note": "fel"})).await.expect_field_error("question", "required");
            let returned = step(&app, id, "return", Role::It, json!({"question": "Ska behörigheten gälla även på Boende Eken?"})).await;
            returned.expect(200);
            assert_eq!(returned.body["status"], "draft");
            assert_eq!(returned.body["return_question"], "Ska behörigheten gälla även på Boende Eken?");
            assert!(returned.body["taken_by"].is_null() && returned.body["submitted_at"].is_null());
            // A draft again: IT no longer sees it; the orderer edits and sends it again.
            app.get(&format!("/orders/{id}"), Role::It).await.expect_problem(404, "not_found");
            app.patch(&format!("/orders/{id}"), Role::OrdererP, &json!({"unit_ids": [app.fixture.units_p[0], app.fixture.units_p[1]]}))
                .await
                .expect(200);
            let again = step(&app, id, "submit", Role::OrdererP, json!({"note": "Ja, båda enheterna."})).await;
            again.expect(200);
            assert_eq!(again.body["status"], "submitted");
            let actions: Vec<String> = history(&app, id, Role::It).await.iter().map(|s| s["action"].as_str().expect("action").to_owned()).collect();
            let mut want = vec!["created", "submitted"];
            if from == "in_progress" {
                want.push("taken");
            }
            want.extend(["returned", "submitted"]);
            assert_eq!(actions, want);
        }
        let items = notifications(&app, Role::OrdererP).await;
        assert_eq!(items.len(), 2);
        assert!(items.iter().all(|n| n["kind"] == "order_returned"
            && n["body"].as_str().is_some_and(|b| b.contains("Boende Eken?"))
            && n["title"].as_str().is_some_and(|t| t.contains("SES-"))));
        // Not from a final status.
        let id = order_in(&app, "completed").await;
        step(&app, id, "return", Role::It, json!({"question": "?"})).await.expect_problem(409, "invalid_transition");
    }
);

both!(
    async fn rejecting_and_returning_tell_the_creator_and_the_sender(app) {
        // Anna saves both, Erik sends both.
        let rejected = draft(&app).await;
        let returned = draft(&app).await;
        for id in [rejected, returned] {
            step(&app, id, "submit", Role::OrdererP2, json!({})).await.expect(200);
        }
        step(&app, rejected, "reject", Role::It, json!({"reason": "Fel behörighet för rollen."})).await.expect(200);
        step(&app, returned, "take", Role::It, json!({})).await.expect(200);
        step(&app, returned, "return", Role::It, json!({"question": "Vilket startdatum?"})).await.expect(200);
        for role in [Role::OrdererP, Role::OrdererP2] {
            let mut told: Vec<(String, String)> = notifications(&app, role)
                .await
                .iter()
                .map(|n| (n["kind"].as_str().expect("kind").to_owned(), n["order_id"].as_str().expect("order_id").to_owned()))
                .collect();
            told.sort();
            assert_eq!(
                told,
                vec![("order_rejected".to_owned(), rejected.to_string()), ("order_returned".to_owned(), returned.to_string())],
                "{role:?}"
            );
        }
        assert!(notifications(&app, Role::It).await.is_empty());
        assert!(notifications(&app, Role::Admin).await.is_empty());
    }
);

both!(
    async fn an_orderer_withdraws_what_it_has_not_taken(app) {
        let id = order_in(&app, "submitted").await;
        let withdrawn = step(&app, id, "withdraw", Role::OrdererP2, json!({"note": "Personen slutade"})).await;
        withdrawn.expect(200);
        assert_eq!(withdrawn.body["status"], "withdrawn");
        step(&app, id, "withdraw", Role::OrdererP, json!({})).await.expect_problem(409, "invalid_transition");
        step(&app, id, "take", Role::It, json!({})).await.expect_problem(409, "invalid_transition");
        step(&app, id, "submit", Role::OrdererP, json!({})).await.expect_problem(409, "invalid_transition");
        app.delete(&format!("/orders/{id}"), Role::OrdererP).await.expect_problem(409, "invalid_transition");
        let taken = order_in(&app, "in_progress").await;
        step(&app, taken, "withdraw", Role::OrdererP, json!({})).await.expect_problem(409, "invalid_transition");
        // Not from a draft either.
        let d = draft(&app).await;
        step(&app, d, "withdraw", Role::OrdererP, json!({})).await.expect_problem(409, "invalid_transition");
    }
);

both!(
    async fn every_other_step_is_an_invalid_transition(app) {
        // (status, action, who) that the lifecycle does not allow.
        let cases = [
            ("draft", "take", Role::OrdererP, 403),
            ("submitted", "submit", Role::OrdererP, 409),
            ("submitted", "complete", Role::It, 409),
            ("in_progress", "take", Role::It, 409),
            ("in_progress", "submit", Role::OrdererP, 409),
            ("completed", "complete", Role::It, 409),
            ("rejected", "take", Role::It, 409),
            ("rejected", "return", Role::It, 409),
            ("withdrawn", "complete", Role::It, 409),
            ("withdrawn", "return", Role::It, 409),
        ];
        for (status, action, role, expected) in cases {
            let id = order_in(&app, status).await;
            let body = json!({"reason": "r", "question": "q"});
            let body = match action {
                "reject" => json!({"reason": body["reason"]}),
                "return" => json!({"question": body["question"]}),
                _ => json!({}),
            };
            let answer = step(&app, id, action, role, body).await;
            assert_eq!(answer.status, expected, "{action} from {status}: {}", answer.text);
            if expected == 409 {
                answer.expect_problem(409, "invalid_transition");
            }
            let now = app.get(&format!("/orders/{id}"), Role::Admin).await;
            assert_eq!(now.body["status"], status, "unchanged");
        }
    }
);

both!(
    async fn each_party_makes_only_its_own_steps(app) {
        let submitted = order_in(&app, "submitted").await;
        let in_progress = order_in(&app, "in_progress").await;
        let d = draft(&app).await;
        let cases: [(Uuid, &str, Role, u16); 14] = [
            // Orderers do not do IT's steps.
            (submitted, "take", Role::OrdererP, 403),
            (in_progress, "complete", Role::OrdererP2, 403),
            (submitted, "reject", Role::OrdererP, 403),
            (in_progress, "return", Role::OrdererP, 403),
            // IT does not do the orderers' (and does not see drafts).
            (submitted, "withdraw", Role::It, 403),
            (d, "submit", Role::It, 404),
            // Support reads, and does nothing else.
            (submitted, "take", Role::Admin, 403),
            (submitted, "withdraw", Role::Admin, 403),
            (d, "submit", Role::Admin, 403),
            (submitted, "copy", Role::Admin, 403),
            // Others do not see P's orders at all.
            (submitted, "withdraw", Role::OrdererQ, 404),
            (submitted, "take", Role::MemberP, 404),
            (d, "submit", Role::MemberP, 404),
            (d, "copy", Role::OrdererQ, 404),
        ];
        for (id, action, role, expected) in cases {
            let body = match action {
                "reject" => json!({"reason": "r"}),
                "return" => json!({"question": "q"}),
                _ => json!({}),
            };
            let answer = step(&app, id, action, role, body).await;
            assert_eq!(answer.status, expected, "{action} as {role:?}: {}", answer.text);
            let code = match expected {
                403 => "forbidden",
                _ => "not_found",
            };
            answer.expect_problem(expected, code);
        }
        // Nothing changed.
        assert_eq!(app.get(&format!("/orders/{submitted}"), Role::Admin).await.body["status"], "submitted");
        assert_eq!(app.get(&format!("/orders/{in_progress}"), Role::Admin).await.body["status"], "in_progress");
        assert_eq!(app.get(&format!("/orders/{d}"), Role::Admin).await.body["status"], "draft");
        // Any IT account completes what another IT account took.
        let it2 = app
            .post("/accounts", Role::Admin, &json!({"email": "it2@kommun.example", "name": "Tomas Driftsson",
                "roles": ["it"]}))
            .await
            .id();
        let done = app
            .send(app.client.post(app.url(&format!("/orders/{in_progress}/complete"))).bearer_auth(sesam_tests::mint_token(it2)).json(&json!({})))
            .await;
        done.expect(200);
        assert_eq!(done.body["taken_by_name"], "Ingrid Tekniker");
    }
);

both!(
    async fn any_visible_order_is_copied_into_a_new_draft(app) {
        let rejected = order_in(&app, "rejected").await;
        let source = app.get(&format!("/orders/{rejected}"), Role::OrdererP).await.body;
        let copy = step(&app, rejected, "copy", Role::OrdererP2, json!({})).await;
        copy.expect(201);
        assert_eq!(copy.header("etag"), Some("\"1\""));
        let c = &copy.body;
        assert_ne!(c["id"], source["id"]);
        assert_ne!(c["reference"], source["reference"]);
        assert_eq!(c["status"], "draft");
        assert_eq!(c["version"], 1);
        for field in ["kind", "provider_id", "permission_id", "unit_ids", "subject", "lifecare_title", "expert_user", "comment"] {
            assert_eq!(c[field], source[field], "{field}");
        }
        assert_eq!(c["created_by_name"], "Erik Holm");
        assert!(c["reject_reason"].is_null() && c["submitted_at"].is_null());
        let steps = history(&app, copy.id(), Role::OrdererP).await;
        assert_eq!(steps.len(), 1);
        assert_eq!(steps[0]["action"], "created");
        assert_eq!(steps[0]["note"], format!("Kopia av {}", source["reference"].as_str().expect("reference")));
        // The copy is open now: copying again would be a second open order ...
        step(&app, rejected, "copy", Role::OrdererP, json!({})).await.expect_problem(409, "duplicate_open_order");
        // ... unless it is for another permission: the same person, another order.
        let other = step(&app, rejected, "copy", Role::OrdererP, json!({"permission_id": app.fixture.perm_lifecare, "lifecare_title": "Enhetschef"})).await;
        other.expect(201);
        assert_eq!(other.body["subject"], source["subject"]);
        assert_eq!(other.body["system_name"], "Lifecare");
        // A copy meets every rule, and stays at its provider.
        step(&app, rejected, "copy", Role::OrdererP, json!({"permission_id": app.fixture.perm_cosmic}))
            .await
            .expect_field_error("profession", "profession_required");
        step(&app, rejected, "copy", Role::OrdererP, json!({"provider_id": app.fixture.provider_q, "kind": "revoke"}))
            .await
            .expect_field_error("provider_id", "provider_change_forbidden");
        // Completed and in-progress orders are copied too (IT cannot copy; nor another provider).
        let done = order_in(&app, "completed").await;
        step(&app, done, "copy", Role::OrdererP, json!({"kind": "revoke"})).await.expect(201);
        step(&app, done, "copy", Role::It, json!({})).await.expect_problem(403, "forbidden");
        step(&app, done, "copy", Role::OrdererQ, json!({})).await.expect_problem(404, "not_found");
        let _ = (new_person(), siebel(&app));
    }
);

postgres_only!(
    async fn ten_it_clients_taking_one_order_at_once_give_one_winner(app) {
        let id = order_in(&app, "submitted").await;
        let mut tasks = Vec::new();
        for _ in 0..10 {
            let request = app.request(reqwest::Method::POST, &format!("/orders/{id}/take"), Role::It).json(&json!({}));
            tasks.push(tokio::spawn(async move {
                let res = request.send().await.expect("take");
                let status = res.status().as_u16();
                let body: Value = res.json().await.expect("json");
                (status, body)
            }));
        }
        let mut statuses = Vec::new();
        for task in tasks {
            let (status, body) = task.await.expect("task");
            if status == 409 {
                assert_eq!(body["code"], "invalid_transition", "{body}");
            }
            statuses.push(status);
        }
        statuses.sort_unstable();
        assert_eq!(statuses, [vec![200], vec![409; 9]].concat(), "exactly one take wins");
        let taken: Vec<Value> = history(&app, id, Role::It).await.into_iter().filter(|s| s["action"] == "taken").collect();
        assert_eq!(taken.len(), 1, "one history row");
        assert_eq!(app.get(&format!("/orders/{id}"), Role::It).await.body["version"], 3);
    }
);

postgres_only!(
    async fn concurrent_creations_get_unique_references_and_one_open_order_per_person(app) {
        // Twenty orders at once: twenty different references.
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let request = app.request(reqwest::Method::POST, "/orders", Role::OrdererP).json(&siebel(&app));
            tasks.push(tokio::spawn(async move {
                let res = request.send().await.expect("create");
                (res.status().as_u16(), res.json::<Value>().await.expect("json"))
            }));
        }
        let mut references = Vec::new();
        for task in tasks {
            let (status, body) = task.await.expect("task");
            assert_eq!(status, 201, "{body}");
            references.push(body["reference"].as_str().expect("reference").to_owned());
        }
        references.sort();
        references.dedup();
        assert_eq!(references.len(), 20);
        // Eight at once for the same person and permission: the database lets exactly one through.
        let body = siebel(&app);
        let mut tasks = Vec::new();
        for i in 0..8 {
            let role = if i % 2 == 0 { Role::OrdererP } else { Role::OrdererP2 };
            let request = app.request(reqwest::Method::POST, "/orders", role).json(&body);
            tasks.push(tokio::spawn(async move {
                let res = request.send().await.expect("create");
                (res.status().as_u16(), res.json::<Value>().await.expect("json"))
            }));
        }
        let mut statuses = Vec::new();
        for task in tasks {
            let (status, body) = task.await.expect("task");
            if status == 409 {
                assert_eq!(body["code"], "duplicate_open_order", "{body}");
            }
            statuses.push(status);
        }
        statuses.sort_unstable();
        assert_eq!(statuses, [vec![201], vec![409; 7]].concat());
    }
);
