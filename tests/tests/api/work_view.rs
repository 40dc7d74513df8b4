//! The work view (issue 18): `GET /me/summary` per role, an order's `last_return` and
//! `copied_from`, a holding's `open_revoke_order`, search by a whole personal number (audited),
//! messages on an order, and the 409 of rule 13 naming the open order.

use crate::{
    holdings::{granted, pn_of},
    orders::{create, draft, lifecare, order_in, siebel},
};
use serde_json::{Value, json};
use sesam_tests::{Role, TestApp, both};
use uuid::Uuid;

const FIELDS: [&str; 13] = [
    "drafts",
    "returned",
    "submitted",
    "in_progress",
    "end_dates_near",
    "ordering_right_requests",
    "open_reviews",
    "overdue_reviews",
    "unread_notifications",
    "queue",
    "queue_oldest_at",
    "mine_in_progress",
    "providers_with_issues",
];

async fn summary(app: &TestApp, role: Role) -> Value {
    let answer = app.get("/me/summary", role).await;
    answer.expect(200);
    for field in FIELDS {
        assert!(answer.body.get(field).is_some(), "{role:?}: {field} missing in {}", answer.text);
    }
    answer.body
}

fn count(summary: &Value, field: &str) -> i64 {
    summary[field].as_i64().unwrap_or_else(|| panic!("{field} is not a count: {summary}"))
}

both!(
    async fn the_summary_counts_move_as_orders_move(app) {
        let (p0, it0) = (summary(&app, Role::OrdererP).await, summary(&app, Role::It).await);
        let id = draft(&app).await;
        let p = summary(&app, Role::OrdererP).await;
        assert_eq!(count(&p, "drafts"), count(&p0, "drafts") + 1);
        // Q's orderer and a member see none of P's.
        assert_eq!(count(&summary(&app, Role::OrdererQ).await, "drafts"), 0);
        assert_eq!(count(&summary(&app, Role::MemberP).await, "drafts"), 0);

        app.post(&format!("/orders/{id}/submit"), Role::OrdererP, &json!({})).await.expect(200);
        let (p, it) = (summary(&app, Role::OrdererP).await, summary(&app, Role::It).await);
        assert_eq!(count(&p, "drafts"), count(&p0, "drafts"));
        assert_eq!(count(&p, "submitted"), count(&p0, "submitted") + 1);
        assert_eq!(count(&it, "queue"), count(&it0, "queue") + 1);
        assert!(it["queue_oldest_at"].is_string(), "the queue's oldest time: {it}");
        assert_eq!(count(&p, "queue"), 0, "only IT has a queue");

        app.post(&format!("/orders/{id}/take"), Role::It, &json!({})).await.expect(200);
        let (p, it) = (summary(&app, Role::OrdererP).await, summary(&app, Role::It).await);
        assert_eq!(count(&it, "queue"), count(&it0, "queue"));
        assert_eq!(count(&it, "mine_in_progress"), count(&it0, "mine_in_progress") + 1);
        assert_eq!(count(&p, "in_progress"), count(&p0, "in_progress") + 1);

        app.post(&format!("/orders/{id}/return"), Role::It, &json!({"question": "Vilken enhet?"})).await.expect(200);
        let (p, it) = (summary(&app, Role::OrdererP).await, summary(&app, Role::It).await);
        assert_eq!(count(&p, "returned"), count(&p0, "returned") + 1);
        assert_eq!(count(&p, "drafts"), count(&p0, "drafts") + 1);
        assert_eq!(count(&it, "mine_in_progress"), count(&it0, "mine_in_progress"));
        assert!(count(&p, "unread_notifications") > count(&p0, "unread_notifications"), "the return told the orderer");

        let admin = summary(&app, Role::Admin).await;
        assert!(count(&admin, "providers_with_issues") >= 1, "the fixture's Q has one orderer: {admin}");
        app.get("/me/summary", Role::Anonymous).await.expect_problem(401, "unauthorized");
    }
);

both!(
    async fn a_returned_order_carries_its_question_after_it_is_sent_again(app) {
        let id = order_in(&app, "submitted").await;
        app.post(&format!("/orders/{id}/return"), Role::It, &json!({"question": "Vilken enhet?"})).await.expect(200);
        let order = app.get(&format!("/orders/{id}"), Role::OrdererP).await;
        assert_eq!(order.body["last_return"]["question"], "Vilken enhet?");
        assert!(order.body["last_return"]["by_name"].as_str().is_some_and(|n| !n.is_empty()));
        assert!(order.body["last_return"]["at"].is_string());
        let returned = app.get("/orders?status=draft&returned=true", Role::OrdererP).await;
        let ids: Vec<&str> = returned.body["items"].as_array().expect("the answer carries it").iter().map(|o| o["id"].as_str().expect("the answer carries it")).collect();
        assert!(ids.contains(&id.to_string().as_str()), "the returned draft is listed: {}", returned.text);
        assert_eq!(returned.body["items"][0]["last_return"]["question"], "Vilken enhet?");

        app.post(&format!("/orders/{id}/submit"), Role::OrdererP, &json!({})).await.expect(200);
        let queue = app.get("/orders?status=submitted&order=oldest&returned=true", Role::It).await;
        let item = queue.body["items"].as_array().expect("the answer carries it").iter().find(|o| o["id"] == json!(id)).cloned();
        let item = item.expect("the answer is in IT's queue");
        assert_eq!(item["last_return"]["question"], "Vilken enhet?", "IT sees it answers its question");
        let fresh = order_in(&app, "submitted").await;
        let plain = app.get(&format!("/orders/{fresh}"), Role::It).await;
        assert!(plain.body["last_return"].is_null() && plain.body["copied_from"].is_null());
    }
);

both!(
    async fn a_copy_of_a_rejected_order_shows_why_it_was_rejected(app) {
        let id = order_in(&app, "rejected").await;
        let copy = app.post(&format!("/orders/{id}/copy"), Role::OrdererP, &json!({})).await;
        copy.expect(201);
        let from = &copy.body["copied_from"];
        assert_eq!(from["id"], json!(id));
        assert_eq!(from["status"], "rejected");
        assert_eq!(from["reason"], "Saknar anställning.");
        assert!(from["reference"].as_str().is_some_and(|r| r.starts_with("SES-")));
        let again = app.get(&format!("/orders/{}", copy.id()), Role::OrdererP).await;
        assert_eq!(again.body["copied_from"]["reason"], "Saknar anställning.");
    }
);

both!(
    async fn the_queue_rows_carry_the_extra_fields_and_the_comment(app) {
        let id = create(&app, &lifecare(&app)).await.id();
        app.post(&format!("/orders/{id}/submit"), Role::OrdererP, &json!({})).await.expect(200);
        let queue = app.get("/orders?status=submitted&order=oldest", Role::It).await;
        let item = queue.body["items"].as_array().expect("the answer carries it").iter().find(|o| o["id"] == json!(id)).cloned().expect("the answer carries it");
        assert_eq!(item["lifecare_title"], "Undersköterska");
        assert_eq!(item["comment"], "Ny undersköterska från 1 december.");
        assert!(item.get("profession").is_some());
    }
);

both!(
    async fn a_holding_names_its_open_revoke_order(app) {
        let body = siebel(&app);
        let pn = pn_of(&body);
        granted(&app, &body).await;
        let list = app.get(&format!("/holdings?q={pn}"), Role::OrdererP).await;
        assert!(list.body["items"][0]["open_revoke_order"].is_null());
        let made = app
            .post("/holdings/revoke", Role::OrdererP, &json!({"provider_id": app.fixture.provider_p, "personal_number": pn}))
            .await;
        made.expect(201);
        let reference = made.body["items"][0]["reference"].as_str().expect("the answer carries it").to_owned();
        // A reload: the list and the detail both say so.
        let list = app.get(&format!("/holdings?q={pn}"), Role::OrdererP).await;
        let open = &list.body["items"][0]["open_revoke_order"];
        assert_eq!(open["reference"], reference.as_str());
        assert_eq!(open["status"], "submitted");
        let id = list.body["items"][0]["id"].as_str().expect("the answer carries it").to_owned();
        let one = app.get(&format!("/holdings/{id}"), Role::It).await;
        assert_eq!(one.body["open_revoke_order"]["reference"], reference.as_str());
    }
);

/// The forms of one personal number `YYYYMMDD-NNNN` that the API accepts.
fn forms(pn: &str) -> Vec<String> {
    let digits = pn.replace('-', "");
    vec![pn.to_owned(), digits.clone(), format!("{}-{}", &digits[2..8], &digits[8..])]
}

both!(
    async fn a_whole_personal_number_finds_the_persons_orders_and_holdings_and_is_audited(app) {
        let body = siebel(&app);
        let pn = pn_of(&body);
        let id = granted(&app, &body).await;
        let other = draft(&app).await;
        for q in forms(&pn) {
            for path in ["/orders", "/holdings"] {
                let found = app.get(&format!("{path}?q={q}"), Role::OrdererP).await;
                found.expect(200);
                let items = found.body["items"].as_array().expect("the answer carries it");
                assert_eq!(items.len(), 1, "{path}?q={q}: {}", found.text);
                if path == "/orders" {
                    assert_eq!(items[0]["id"], json!(id));
                    assert_ne!(items[0]["id"], json!(other));
                }
            }
        }
        // Another provider's orderer finds nothing; IT finds it.
        let theirs = app.get(&format!("/orders?q={pn}"), Role::OrdererQ).await;
        assert_eq!(theirs.body["items"].as_array().expect("the answer carries it").len(), 0);
        let its = app.get(&format!("/orders?q={pn}"), Role::It).await;
        assert_eq!(its.body["items"].as_array().expect("the answer carries it").len(), 1);
        // Part of a number is not a number: nothing found, nothing audited as a person.
        let part = &pn[..8];
        app.get(&format!("/orders?q={part}"), Role::OrdererP).await.expect(200);

        let audit = app.get("/audit?action=person.searched&limit=200", Role::Admin).await;
        audit.expect(200);
        let rows = audit.body["items"].as_array().expect("the answer carries it");
        let masked = format!("{}-****", &pn[..8]);
        assert!(rows.len() >= 8, "every search by a whole number is audited: {}", audit.text);
        assert!(rows.iter().all(|r| r["details"]["personal_number"] == masked.as_str()));
        assert!(!audit.text.contains(&pn), "the audit log keeps the number masked");
        assert!(rows.iter().any(|r| r["details"]["resource"] == "holdings"));
        assert!(rows.iter().any(|r| r["details"]["found"] == json!([id])));
    }
);

async fn notifications_of(app: &TestApp, role: Role, kind: &str, order: Uuid) -> usize {
    let list = app.get("/me/notifications?limit=200", role).await;
    list.body["items"]
        .as_array()
        .expect("the answer carries it")
        .iter()
        .filter(|n| n["kind"] == kind && n["order_id"] == json!(order))
        .count()
}

both!(
    async fn orderers_and_it_exchange_messages_on_an_order_each_telling_the_other(app) {
        let id = draft(&app).await;
        let path = format!("/orders/{id}/messages");
        app.post(&path, Role::OrdererP, &json!({"body": "Hej"})).await.expect_problem(409, "conflict");
        app.post(&format!("/orders/{id}/submit"), Role::OrdererP, &json!({})).await.expect(200);

        let first = app.post(&path, Role::OrdererP, &json!({"body": "Hon börjar på måndag."})).await;
        first.expect(201);
        assert_eq!(first.header("location"), Some(format!("/api/v1/orders/{id}/messages").as_str()));
        assert_eq!(first.body["side"], "orderer");
        // Nobody has taken it: every IT account hears of it.
        assert_eq!(notifications_of(&app, Role::It, "order_message", id).await, 1);

        app.post(&format!("/orders/{id}/take"), Role::It, &json!({})).await.expect(200);
        let answer = app.post(&path, Role::It, &json!({"body": "Klart i eftermiddag."})).await;
        answer.expect(201);
        assert_eq!(answer.body["side"], "it");
        assert_eq!(notifications_of(&app, Role::OrdererP, "order_message", id).await, 1);
        assert_eq!(notifications_of(&app, Role::OrdererP2, "order_message", id).await, 0, "creator and sender only");

        // Support reads, does not write; another provider sees nothing; the body is checked.
        app.post(&path, Role::Admin, &json!({"body": "Hej"})).await.expect_problem(403, "forbidden");
        app.post(&path, Role::OrdererQ, &json!({"body": "Hej"})).await.expect_problem(404, "not_found");
        app.get(&path, Role::OrdererQ).await.expect_problem(404, "not_found");
        app.post(&path, Role::OrdererP, &json!({})).await.expect_field_error("body", "required");
        app.post(&path, Role::OrdererP, &json!({"body": "x".repeat(2001)})).await.expect(422);
        let list = app.get(&path, Role::Admin).await;
        list.expect(200);
        let bodies: Vec<&str> = list.body["items"].as_array().expect("the answer carries it").iter().map(|m| m["body"].as_str().expect("the answer carries it")).collect();
        assert_eq!(bodies, ["Hon börjar på måndag.", "Klart i eftermiddag."]);
        assert!(list.body["items"][1]["author_name"].as_str().is_some_and(|n| !n.is_empty()));
        let audit = app.get("/audit?action=order.message_posted", Role::Admin).await;
        assert_eq!(audit.body["items"].as_array().expect("the answer carries it").len(), 2);
    }
);

both!(
    async fn a_duplicate_open_order_names_the_open_order(app) {
        let body = siebel(&app);
        let first = create(&app, &body).await;
        let second = app.post("/orders", Role::OrdererP, &body).await;
        second.expect_problem(409, "duplicate_open_order");
        assert_eq!(second.body["open_order"]["id"], json!(first.id()));
        assert_eq!(second.body["open_order"]["reference"], first.body["reference"]);
        assert!(second.body["detail"].as_str().expect("the answer carries it").contains(first.body["reference"].as_str().expect("the answer carries it")));
    }
);

both!(
    async fn ending_soon_lists_the_holdings_the_summary_counts(app) {
        let mut soon = siebel(&app);
        soon["valid_to"] = json!((chrono::Utc::now().date_naive() + chrono::Duration::days(5)).to_string());
        let (soon_pn, later_pn) = (pn_of(&soon), pn_of(&siebel(&app)));
        granted(&app, &soon).await;
        let mut later = siebel(&app);
        later["subject"]["personal_number"] = json!(later_pn);
        granted(&app, &later).await;
        let list = app.get("/holdings?ending_soon=true&limit=200", Role::OrdererP).await;
        list.expect(200);
        let people: Vec<&str> =
            list.body["items"].as_array().expect("the answer carries it").iter().map(|h| h["person"]["personal_number"].as_str().expect("the answer carries it")).collect();
        assert!(people.contains(&format!("{}-****", &soon_pn[..8]).as_str()), "{}", list.text);
        assert_eq!(people.len() as i64, count(&summary(&app, Role::OrdererP).await, "end_dates_near"), "{}", list.text);
    }
);
