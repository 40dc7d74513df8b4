//! The end-date job: a notice to the orderers before a holding's end date (once), and a revoke
//! order Sesam makes and sends to IT by itself when the date has passed (once), also when two
//! processes run the job at once. The tests move the job's clock with `sesam run-jobs --now`.

use crate::{
    holdings::{granted, holdings_of, in_days, pn_of},
    orders::{create, lifecare, siebel},
};
use serde_json::{Value, json};
use sesam_tests::{Backend, Role, ServerOptions, TestApp, both_backends, run_cli};
use std::time::Duration;

const IT_MAILBOX: &str = "behorighet@kommun.example";

/// A server whose own job is off, so that only the test's `run-jobs` moves anything.
async fn app_without_job(backend: Backend, log: &str) -> TestApp {
    let options = ServerOptions {
        env: vec![("SESAM_JOBS_INTERVAL".into(), "off".into()), ("SESAM_IT_EMAIL".into(), IT_MAILBOX.into())],
        ..Default::default()
    };
    TestApp::spawn_with(backend, log, options).await
}

/// Runs `sesam run-jobs` as if it were `days` from today (06:00 UTC); answers its summary line.
async fn run_jobs(app: &TestApp, days: i64) -> String {
    let now = format!("{}T06:00:00Z", in_days(days));
    // Dormant accounts (rule 19) are another test's: a year ahead, every fixture account would be one.
    let env = [("SESAM_IT_EMAIL", IT_MAILBOX), ("SESAM_DORMANT_DAYS", "off")];
    let out = run_cli(&app.db, &["run-jobs", "--now", &now], &env).await;
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "run-jobs failed: {stdout} {}", String::from_utf8_lossy(&out.stderr));
    stdout
}

/// The end-date notices the role has been given.
async fn notices(app: &TestApp, role: Role) -> Vec<Value> {
    let list = app.get("/me/notifications?limit=200", role).await;
    list.expect(200);
    list.body["items"].as_array().expect("items").iter().filter(|n| n["kind"] == "end_date_near").cloned().collect()
}

/// The revoke orders of a person at P (any status).
async fn revoke_orders_of(app: &TestApp, personal_number: &str) -> Vec<Value> {
    let list =
        app.get(&format!("/orders?kind=revoke&limit=200&provider_id={}", app.fixture.provider_p), Role::Admin).await;
    list.expect(200);
    let mut found = Vec::new();
    // Lists mask the number: look at the whole one in each candidate's detail.
    let masked = format!("{}-****", &personal_number[..8]);
    for item in list.body["items"].as_array().expect("items") {
        if item["subject"]["personal_number"] != masked.as_str() {
            continue;
        }
        let detail = app.get(&format!("/orders/{}", item["id"].as_str().expect("id")), Role::Admin).await;
        if detail.body["subject"]["personal_number"] == personal_number {
            found.push(detail.body);
        }
    }
    found
}

both_backends!(
    async fn an_end_date_brings_one_notice_then_one_revoke_order_sent_to_it(backend, log) {
        let app = app_without_job(backend, log).await;
        let mut body = lifecare(&app);
        body["valid_to"] = json!(in_days(20));
        let pn = pn_of(&body);
        let grant = granted(&app, &body).await;
        let holding = holdings_of(&app, Role::OrdererP, &pn).await[0].clone();
        let holding_id = holding["id"].as_str().expect("id").to_owned();

        // 15 days before: not yet; 14 days before (SESAM_EXPIRY_NOTICE_DAYS): the orderers are told, once.
        assert!(run_jobs(&app, 5).await.contains("0 notice(s)"));
        assert!(notices(&app, Role::OrdererP).await.is_empty());
        assert!(run_jobs(&app, 6).await.contains("1 notice(s)"));
        assert!(run_jobs(&app, 7).await.contains("0 notice(s)"));
        for role in [Role::OrdererP, Role::OrdererP2] {
            let told = notices(&app, role).await;
            assert_eq!(told.len(), 1, "{role:?}: {told:?}");
            assert_eq!(told[0]["order_id"], grant.to_string());
            let text = format!("{} {}", told[0]["title"], told[0]["body"]);
            assert!(text.contains(&in_days(20)) && text.contains("Karin Berg") && text.contains("Utförare – dokumentera"), "{text}");
            assert!(!text.contains(&pn[9..]), "no whole personal number in a notice");
        }
        assert!(notices(&app, Role::OrdererQ).await.is_empty());
        let emailed: Vec<String> = app.outbox().await.into_iter().filter(|m| m.kind == "end_date_near").map(|m| m.recipient).collect();
        assert_eq!(emailed.len(), 2, "{emailed:?}");
        assert!(app.get(&format!("/holdings/{holding_id}"), Role::It).await.body["end_notice_sent_at"].is_string());

        // On the end date itself it is still valid; the day after, Sesam sends IT the revoke order, once.
        assert!(run_jobs(&app, 20).await.contains("0 revoke order(s)"));
        assert!(revoke_orders_of(&app, &pn).await.is_empty());
        assert!(run_jobs(&app, 21).await.contains("1 revoke order(s)"));
        assert!(run_jobs(&app, 22).await.contains("0 revoke order(s)"));
        let revokes = revoke_orders_of(&app, &pn).await;
        assert_eq!(revokes.len(), 1, "{revokes:?}");
        let order_id = revokes[0]["id"].as_str().expect("id").to_owned();
        // It is IT's to take: sent, made by no person ("Sesam"), for every unit the holding has.
        let order = app.get(&format!("/orders/{order_id}"), Role::It).await;
        order.expect(200);
        assert_eq!(order.body["status"], "submitted");
        assert_eq!(order.body["kind"], "revoke");
        assert_eq!(order.body["created_by"], Value::Null);
        assert_eq!(order.body["created_by_name"], "Sesam");
        assert_eq!(order.body["submitted_by"], Value::Null);
        assert!(order.body["submitted_at"].is_string());
        assert_eq!(order.body["permission_id"], app.fixture.perm_lifecare.to_string());
        assert_eq!(order.body["subject"]["personal_number"], pn.as_str());
        assert_eq!(order.body["units"], holding["units"]);
        assert!(order.body["comment"].as_str().is_some_and(|c| c.contains(&in_days(20))));
        let queue = app.get("/orders?status=submitted&order=oldest", Role::It).await;
        let listed = queue.body["items"].as_array().expect("items").iter().find(|o| o["id"] == order_id.as_str()).expect("in IT's queue").clone();
        assert_eq!(listed["created_by"], Value::Null);
        assert_eq!(listed["created_by_name"], "Sesam");
        let history = app.get(&format!("/orders/{order_id}/history"), Role::OrdererP).await;
        let steps: Vec<(Value, Value, Value)> = history.body["items"].as_array().expect("items").iter()
            .map(|s| (s["action"].clone(), s["actor_id"].clone(), s["actor_name"].clone())).collect();
        assert_eq!(steps, [(json!("created"), Value::Null, json!("Sesam")), (json!("submitted"), Value::Null, json!("Sesam"))]);
        let reference = order.body["reference"].as_str().expect("reference").to_owned();
        let to_it: Vec<_> =
            app.outbox().await.into_iter().filter(|m| m.kind == "order_submitted" && m.subject.contains(&reference)).collect();
        assert_eq!(to_it.len(), 1, "IT's mailbox is told once");
        assert_eq!(to_it[0].recipient, IT_MAILBOX);
        let h = app.get(&format!("/holdings/{holding_id}"), Role::OrdererP).await;
        assert_eq!(h.body["end_date_order_id"], order_id.as_str());
        assert!(h.body["end_date_passed_at"].is_string());
        assert_eq!(h.body["active"], true, "until IT has done it");
        let audit = app.get("/audit?action=holding.end_date_passed", Role::Admin).await;
        assert_eq!(audit.body["items"][0]["actor_id"], Value::Null);
        assert_eq!(audit.body["items"][0]["object_id"], holding_id.as_str());

        // IT does it: the holding ends, and the orderers (no person made the order) are told.
        app.post(&format!("/orders/{order_id}/take"), Role::It, &json!({})).await.expect(200);
        app.post(&format!("/orders/{order_id}/complete"), Role::It, &json!({})).await.expect(200);
        assert!(holdings_of(&app, Role::OrdererP, &pn).await.is_empty());
        for role in [Role::OrdererP, Role::OrdererP2] {
            let all = app.get("/me/notifications?limit=200", role).await;
            assert!(
                all.body["items"].as_array().expect("items").iter().any(|n| n["kind"] == "order_completed" && n["order_id"] == order_id.as_str()),
                "{role:?}: {}", all.text
            );
        }
        assert!(run_jobs(&app, 40).await.contains("0 notice(s), 0 revoke order(s)"));
    }
);

both_backends!(
    async fn a_new_end_date_gets_its_own_notice_and_no_revoke_before_it(backend, log) {
        let app = app_without_job(backend, log).await;
        let mut body = siebel(&app);
        body["valid_to"] = json!(in_days(10));
        let pn = pn_of(&body);
        granted(&app, &body).await;
        let id = holdings_of(&app, Role::OrdererP, &pn).await[0]["id"].as_str().expect("id").to_owned();
        assert!(run_jobs(&app, 0).await.contains("1 notice(s)"));
        // Extended by the orderer: the old date passes without a revoke; the new one is told of again.
        app.patch(&format!("/holdings/{id}"), Role::OrdererP, &json!({"valid_to": in_days(60)})).await.expect(200);
        assert!(run_jobs(&app, 11).await.contains("0 notice(s), 0 revoke order(s)"));
        assert!(run_jobs(&app, 46).await.contains("1 notice(s), 0 revoke order(s)"));
        assert_eq!(notices(&app, Role::OrdererP).await.len(), 2);
        // Removed: never revoked by Sesam.
        app.patch(&format!("/holdings/{id}"), Role::OrdererP, &json!({"valid_to": null})).await.expect(200);
        assert!(run_jobs(&app, 365).await.contains("0 notice(s), 0 revoke order(s)"));
        assert!(revoke_orders_of(&app, &pn).await.is_empty());
        // A newer grant order with an end date sets it again.
        let mut newer = body.clone();
        newer["valid_to"] = json!(in_days(3));
        granted(&app, &newer).await;
        let out = run_jobs(&app, 4).await;
        assert!(out.contains("1 revoke order(s)"), "{out}");
    }
);

both_backends!(
    async fn an_open_revoke_order_is_not_doubled_but_the_end_date_is_handled(backend, log) {
        let app = app_without_job(backend, log).await;
        let mut body = siebel(&app);
        body["valid_to"] = json!(in_days(2));
        let pn = pn_of(&body);
        granted(&app, &body).await;
        let holding = holdings_of(&app, Role::OrdererP, &pn).await[0]["id"].as_str().expect("id").to_owned();
        // The orderer has already begun a revoke order (a draft).
        let draft = json!({"kind": "revoke", "permission_id": app.fixture.perm_siebel, "unit_ids": [app.fixture.units_p[0]],
                           "subject": {"first_name": "Karin", "last_name": "Berg", "personal_number": pn}});
        let draft_id = create(&app, &draft).await.id();
        let out = run_jobs(&app, 3).await;
        assert!(out.contains("0 revoke order(s) sent to IT, 1 already open"), "{out}");
        assert!(run_jobs(&app, 4).await.contains("0 revoke order(s) sent to IT, 0 already open"));
        assert_eq!(revoke_orders_of(&app, &pn).await.len(), 1);
        let h = app.get(&format!("/holdings/{holding}"), Role::OrdererP).await;
        assert!(h.body["end_date_passed_at"].is_string());
        assert_eq!(h.body["end_date_order_id"], draft_id.to_string());
    }
);

/// PostgreSQL only: two processes on one database, as two replicas would be.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_job_runs_at_once_handle_each_holding_exactly_once() {
    let app = app_without_job(Backend::Postgres, "holdings_job::two_job_runs_at_once").await;
    // Fifteen holdings whose end date will have passed, fifteen whose notice will be due, so
    // that the two runs overlap.
    let mut passing = Vec::new();
    for i in 0..30 {
        let days = if i < 15 { 1 } else { 14 };
        let mut body = siebel(&app);
        body["subject"]["first_name"] = json!(format!("Person{i}"));
        body["valid_to"] = json!(in_days(days));
        if days == 1 {
            passing.push(pn_of(&body));
        }
        granted(&app, &body).await;
    }
    let now = format!("{}T06:00:00Z", in_days(3));
    let env = [("SESAM_IT_EMAIL", IT_MAILBOX), ("SESAM_DB_MAX_CONNECTIONS", "4")];
    let args = ["run-jobs", "--now", now.as_str()];
    let (a, b) = tokio::join!(run_cli(&app.db, &args, &env), run_cli(&app.db, &args, &env));
    let outputs = [a, b];
    let mut revokes = 0;
    let mut told = 0;
    for out in &outputs {
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(out.status.success(), "{stdout} {}", String::from_utf8_lossy(&out.stderr));
        let number = |what: &str| -> usize {
            let before = stdout.split(what).next().expect("summary");
            before
                .rsplit(|c: char| !c.is_ascii_digit())
                .find(|s| !s.is_empty())
                .expect("a count")
                .parse()
                .expect("number")
        };
        revokes += number(" revoke order(s)");
        told += number(" notice(s)");
    }
    assert_eq!((revokes, told), (15, 15), "between them, each holding once");
    for pn in &passing {
        assert_eq!(revoke_orders_of(&app, pn).await.len(), 1, "{pn}");
    }
    let sent = app.get("/orders?kind=revoke&status=submitted&limit=200", Role::It).await;
    assert_eq!(sent.body["items"].as_array().expect("items").len(), 15);
    for role in [Role::OrdererP, Role::OrdererP2] {
        assert_eq!(notices(&app, role).await.len(), 15, "{role:?}");
    }
    // IT's mailbox: told of the 30 grant orders sent, and of the 15 revoke orders Sesam sent.
    assert_eq!(app.outbox().await.iter().filter(|m| m.kind == "order_submitted").count(), 45);
    // And again, both at once: nothing more.
    let (a, b) = tokio::join!(run_cli(&app.db, &args, &env), run_cli(&app.db, &args, &env));
    for out in [a, b] {
        assert!(String::from_utf8_lossy(&out.stdout).contains("0 notice(s), 0 revoke order(s)"));
    }
}

both_backends!(
    async fn every_server_runs_the_job_by_itself(backend, log) {
        let options = ServerOptions { env: vec![("SESAM_JOBS_INTERVAL".into(), "500ms".into())], ..Default::default() };
        let app = TestApp::spawn_with(backend, log, options).await;
        let mut body = siebel(&app);
        body["valid_to"] = json!(in_days(3));
        granted(&app, &body).await;
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            if !notices(&app, Role::OrdererP).await.is_empty() {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "the server's job never told the orderers");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        // Once, whatever number of rounds.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(notices(&app, Role::OrdererP).await.len(), 1);
    }
);

both_backends!(
    async fn run_jobs_refuses_a_clock_it_cannot_read(backend, log) {
        let app = app_without_job(backend, log).await;
        let out = run_cli(&app.db, &["run-jobs", "--now", "tomorrow"], &[]).await;
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("--now"));
        let bad = run_cli(&app.db, &["run-jobs"], &[("SESAM_JOBS_INTERVAL", "soon")]).await;
        assert!(String::from_utf8_lossy(&bad.stderr).contains("SESAM_JOBS_INTERVAL"), "{}", String::from_utf8_lossy(&bad.stderr));
        let ok = run_cli(&app.db, &["run-jobs"], &[]).await;
        assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    }
);
