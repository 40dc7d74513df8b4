//! Rule 19: dormant accounts. The job deactivates an account unused for `SESAM_DORMANT_DAYS` after
//! a notice `SESAM_DORMANT_NOTICE_DAYS` before, tells the provider's orderers, never takes the last
//! support account, and does each thing once, whatever number of processes run it.

use serde_json::{Value, json};
use sesam_tests::{Backend, PASSWORD, Role, ServerOptions, TestApp, both_backends, run_cli};

/// A server whose own job is off: only the test's `run-jobs` acts.
async fn app_without_job(backend: Backend, log: &str) -> TestApp {
    let options = ServerOptions { env: vec![("SESAM_JOBS_INTERVAL".into(), "off".into())], ..Default::default() };
    TestApp::spawn_with(backend, log, options).await
}

/// Sets when the account was last used, `days` ago, as the server writes it.
async fn last_seen_days_ago(app: &TestApp, email: &str, days: i64) {
    use sea_orm::{ConnectionTrait, Statement, Value as DbValue};
    let at = chrono::Utc::now() - chrono::Duration::days(days);
    let db = app.db.connect().await;
    let sql = match app.backend {
        Backend::Postgres => "UPDATE accounts SET last_seen_at = $1 WHERE email = $2",
        Backend::Sqlite => "UPDATE accounts SET last_seen_at = ? WHERE email = ?",
    };
    let values: [DbValue; 2] = [at.into(), email.into()];
    db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await.expect("backdate");
    let _ = db.close().await;
}

/// `sesam run-jobs` now; answers the dormancy line.
async fn run_jobs(app: &TestApp, env: &[(&str, &str)]) -> String {
    let out = run_cli(&app.db, &["run-jobs"], env).await;
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "run-jobs failed: {stdout} {}", String::from_utf8_lossy(&out.stderr));
    stdout.lines().find(|l| l.contains("dormant accounts")).expect("a dormancy line").to_owned()
}

fn kinds(app_outbox: &[sesam_tests::OutboxRow], kind: &str) -> Vec<String> {
    app_outbox.iter().filter(|r| r.kind == kind).map(|r| r.recipient.clone()).collect()
}

both_backends!(
    async fn an_unused_account_is_told_then_deactivated_and_its_orderers_told(backend, log) {
        let app = app_without_job(backend, log).await;
        let lisa = app.fixture.account(Role::MemberP).id;
        // Erik nears the line (170 of 180 days), Lisa is past it (200), the others used Sesam today.
        last_seen_days_ago(&app, "erik.holm@omsorgnord.example", 170).await;
        last_seen_days_ago(&app, "lisa.berg@omsorgnord.example", 200).await;
        let line = run_jobs(&app, &[]).await;
        assert!(line.contains("1 notice(s), 1 deactivated"), "{line}");

        // Lisa: deactivated, her sessions ended, audited; P's orderers told in Sesam and by email.
        app.get("/me", Role::MemberP).await.expect_problem(401, "unauthorized");
        app.login("lisa.berg@omsorgnord.example", PASSWORD).await.expect(401);
        let account = app.get(&format!("/accounts/{lisa}"), Role::Admin).await;
        assert_eq!(account.body["active"], false);
        assert!(account.body["last_seen_at"].is_string());
        let audit = app.get("/audit?action=account.deactivated_dormant", Role::Admin).await;
        let items = audit.body["items"].as_array().expect("items");
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["object_id"], lisa.to_string());
        assert!(items[0]["actor_id"].is_null());
        for role in [Role::OrdererP, Role::OrdererP2] {
            let mine = app.get("/me/notifications", role).await;
            let told: Vec<&Value> = mine.body["items"].as_array().expect("items").iter().filter(|n| n["kind"] == "account_deactivated").collect();
            assert_eq!(told.len(), 1, "{role:?}: {}", mine.text);
            assert!(told[0]["title"].as_str().expect("title").contains("Lisa Berg"));
        }
        let outbox = app.outbox().await;
        let mut told = kinds(&outbox, "account_deactivated");
        told.sort();
        assert_eq!(told, vec!["anna.lind@omsorgnord.example", "erik.holm@omsorgnord.example"]);
        // Erik: a notice by email, once, and still active.
        assert_eq!(kinds(&outbox, "dormant_notice"), vec!["erik.holm@omsorgnord.example"]);
        let notice = outbox.iter().find(|r| r.kind == "dormant_notice").expect("notice");
        assert!(notice.body.contains("inaktiveras omkring"), "{}", notice.body);
        app.get("/me", Role::OrdererP2).await.expect(200);
        let again = run_jobs(&app, &[]).await;
        assert!(again.contains("0 notice(s), 0 deactivated"), "{again}");
        assert_eq!(kinds(&app.outbox().await, "dormant_notice").len(), 1);

        // Erik signs in: his dormancy starts over (a date is enough: one write a day).
        app.login("erik.holm@omsorgnord.example", PASSWORD).await.expect(200);
        let erik = app.get(&format!("/accounts/{}", app.fixture.account(Role::OrdererP2).id), Role::Admin).await;
        let seen = erik.body["last_seen_at"].as_str().expect("last seen");
        assert!(seen.starts_with(&chrono::Utc::now().format("%Y-%m-%d").to_string()), "{seen}");
        // Support reactivates Lisa: she is in again.
        app.patch(&format!("/accounts/{lisa}"), Role::Admin, &json!({"active": true})).await.expect(200);
        app.login("lisa.berg@omsorgnord.example", PASSWORD).await.expect(200);

        // Off: nothing happens, however old.
        last_seen_days_ago(&app, "anna.lind@omsorgnord.example", 1000).await;
        let off = run_jobs(&app, &[("SESAM_DORMANT_DAYS", "off")]).await;
        assert!(off.contains("0 notice(s), 0 deactivated"), "{off}");
        // Other numbers: 30 days, told 5 before.
        last_seen_days_ago(&app, "anna.lind@omsorgnord.example", 26).await;
        let short = run_jobs(&app, &[("SESAM_DORMANT_DAYS", "30"), ("SESAM_DORMANT_NOTICE_DAYS", "5")]).await;
        assert!(short.contains("1 notice(s), 0 deactivated"), "{short}");
    }
);

both_backends!(
    async fn the_last_support_account_is_never_deactivated(backend, log) {
        let app = app_without_job(backend, log).await;
        last_seen_days_ago(&app, "support@kommun.example", 400).await;
        let line = run_jobs(&app, &[]).await;
        assert!(line.contains("0 deactivated, 1 kept as the last support account"), "{line}");
        assert!(app.outbox().await.iter().all(|r| r.kind != "dormant_notice"), "no notice of what will not happen");
        app.get("/me", Role::Admin).await.expect(200);
        // With a second support account in use, the dormant one goes.
        app.post("/accounts", Role::Admin, &json!({"email": "stina.support@kommun.example", "name": "Stina Support", "roles": ["admin"]}))
            .await
            .expect(201);
        // (Making it was a use of support's account: it is dormant again only in the past.)
        last_seen_days_ago(&app, "support@kommun.example", 400).await;
        let line = run_jobs(&app, &[]).await;
        assert!(line.contains("1 deactivated, 0 kept"), "{line}");
        app.get("/me", Role::Admin).await.expect_problem(401, "unauthorized");
        // Both dormant: one stays.
        last_seen_days_ago(&app, "stina.support@kommun.example", 400).await;
        let line = run_jobs(&app, &[]).await;
        assert!(line.contains("0 deactivated, 1 kept"), "{line}");
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_at_once_tell_and_deactivate_each_account_once() {
    let app = app_without_job(Backend::Postgres, "dormant::two_processes").await;
    for i in 0..12 {
        let email = format!("vilande{i}@omsorgnord.example");
        app.new_account(app.fixture.provider_p, &email, &format!("Vilande {i}")).await;
        last_seen_days_ago(&app, &email, if i < 6 { 170 } else { 190 }).await;
    }
    let env = [("SESAM_DB_MAX_CONNECTIONS", "4")];
    let (a, b) = tokio::join!(run_cli(&app.db, &["run-jobs"], &env), run_cli(&app.db, &["run-jobs"], &env));
    let (mut notices, mut deactivated) = (0, 0);
    for out in [a, b] {
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(out.status.success(), "{stdout} {}", String::from_utf8_lossy(&out.stderr));
        let line = stdout.lines().find(|l| l.contains("dormant accounts")).expect("line");
        let number = |what: &str| -> usize {
            line.split(what).next().expect("count").rsplit(' ').next().expect("n").parse().expect("number")
        };
        notices += number(" notice(s)");
        deactivated += number(" deactivated");
    }
    assert_eq!((notices, deactivated), (6, 6), "between them, each account once");
    assert_eq!(app.outbox().await.iter().filter(|r| r.kind == "dormant_notice").count(), 6);
    let audit = app.get("/audit?action=account.deactivated_dormant", Role::Admin).await;
    assert_eq!(audit.body["items"].as_array().expect("items").len(), 6);
}
