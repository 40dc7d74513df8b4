//! SPEC *Webhooks*: deliveries to a receiver that verifies each signature with the `standardwebhooks`
//! package (tests/webhooks/receiver.py, the reference implementation, not Sesam's code); retries
//! with a stable `webhook-id`; a slow receiver does not slow the request; two replicas deliver each
//! event once; the SSRF guard and the secret's life.

use crate::orders::{draft, siebel};
use serde_json::{Value, json};
use sesam_tests::{Backend, Role, Server, ServerOptions, TestApp, both, both_backends, workspace_root};
use std::{
    path::PathBuf,
    process::Stdio,
    time::{Duration, Instant},
};
use tokio::{io::AsyncBufReadExt, sync::OnceCell};

/// The virtualenv with `standardwebhooks` (the one `make clients` uses), made once per test run.
async fn python() -> PathBuf {
    static VENV: OnceCell<PathBuf> = OnceCell::const_new();
    VENV.get_or_init(|| async {
        let venv = workspace_root().join(".venv-clients");
        let python = venv.join("bin/python");
        let has = |p: &PathBuf| {
            std::process::Command::new(p).args(["-c", "import standardwebhooks"]).status().is_ok_and(|s| s.success())
        };
        if !has(&python) {
            let made =
                std::process::Command::new("python3").arg("-m").arg("venv").arg(&venv).status().expect("python3");
            assert!(made.success(), "python3 -m venv");
            let pip = std::process::Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", "--disable-pip-version-check", "standardwebhooks==1.1.0"])
                .status()
                .expect("pip");
            assert!(pip.success(), "pip install standardwebhooks");
        }
        python
    })
    .await
    .clone()
}

/// A running receiver.
struct Receiver {
    child: tokio::process::Child,
    port: u16,
    secret_file: PathBuf,
    log_file: PathBuf,
}

impl Receiver {
    async fn start(name: &str, extra: &[&str]) -> Receiver {
        let dir = workspace_root().join("target/test-webhooks").join(name.replace("::", "-"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("receiver dir");
        let (secret_file, log_file) = (dir.join("secret"), dir.join("log.jsonl"));
        std::fs::write(&secret_file, "").expect("secret file");
        let mut child = tokio::process::Command::new(python().await)
            .arg(workspace_root().join("tests/webhooks/receiver.py"))
            .arg(&secret_file)
            .arg(&log_file)
            .args(extra)
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("receiver");
        let mut lines = tokio::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
        let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
            .await
            .expect("the receiver starts")
            .expect("read")
            .expect("a line");
        let port = line.trim_start_matches("receiver: listening on ").parse().expect("port");
        Receiver { child, port, secret_file, log_file }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hook", self.port)
    }

    /// Every request received so far.
    fn received(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.log_file)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect()
    }

    /// Waits until `done` holds for what was received.
    async fn wait_for(&self, what: &str, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let start = Instant::now();
        loop {
            let got = self.received();
            if done(&got) {
                return got;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "waited 30 s for {what}; received: {got:#?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

fn options() -> ServerOptions {
    ServerOptions {
        env: vec![
            ("SESAM_WEBHOOK_ALLOW_HTTP".into(), "127.0.0.1".into()),
            ("SESAM_WEBHOOK_RETRY".into(), "200ms,200ms,200ms".into()),
            ("SESAM_OUTBOX_POLL".into(), "200ms".into()),
        ],
        ..ServerOptions::default()
    }
}

/// Registers an endpoint for the receiver, hands it the secret, and answers the endpoint's id.
async fn register(app: &TestApp, receiver: &Receiver, events: &[&str]) -> String {
    let made = app.post("/webhooks", Role::Admin, &json!({"url": receiver.url(), "events": events})).await;
    made.expect(201);
    let secret = made.body["secret"].as_str().expect("secret").to_owned();
    assert!(secret.starts_with("whsec_"));
    std::fs::write(&receiver.secret_file, &secret).expect("secret");
    made.body["id"].as_str().expect("id").to_owned()
}

both_backends!(
    async fn order_events_arrive_signed_and_the_reference_library_verifies_them(backend, log) {
        let receiver = Receiver::start(log, &[]).await;
        let app = TestApp::spawn_with(backend, log, options()).await;
        let hook = register(&app, &receiver, &["order.submitted", "order.taken", "order.completed"]).await;
        let id = draft(&app).await;
        app.post(&format!("/orders/{id}/submit"), Role::OrdererP, &json!({})).await.expect(200);
        app.post(&format!("/orders/{id}/take"), Role::It, &json!({})).await.expect(200);
        app.post(&format!("/orders/{id}/complete"), Role::It, &json!({})).await.expect(200);
        let got = receiver.wait_for("three events", |got| got.len() >= 3).await;
        let types: Vec<&str> = got.iter().filter_map(|e| e["type"].as_str()).collect();
        assert_eq!(types, ["order.submitted", "order.taken", "order.completed"], "{got:#?}");
        for event in &got {
            assert_eq!(event["verified"], true, "standardwebhooks verifies the signature: {event}");
            assert_eq!(event["data"]["order_id"], json!(id.to_string()));
            let number = event["data"]["personal_number"].as_str().expect("a masked number");
            assert!(number.ends_with("-****"), "never a whole personal number: {number}");
            assert!(event["webhook_id"].as_str().is_some_and(|i| i.starts_with("msg_")));
        }
        // The deliveries are listed, newest first (an attempt is recorded once its answer is in:
        // the receiver may have logged the last one a moment before).
        let start = Instant::now();
        let deliveries = loop {
            let deliveries = app.get(&format!("/webhooks/{hook}/deliveries"), Role::Admin).await;
            deliveries.expect(200);
            if deliveries.body["items"].as_array().is_some_and(|i| i.len() >= 3) || start.elapsed() > Duration::from_secs(10) {
                break deliveries;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        let items = deliveries.body["items"].as_array().expect("items");
        assert_eq!(items.len(), 3, "{}", deliveries.text);
        assert!(items.iter().all(|d| d["status_code"] == 204 && d["error"].is_null()));
        assert_eq!(items[0]["event_type"], "order.completed");
        // No event was subscribed to for a withdrawal or a new draft: nothing else arrived.
        let other = draft(&app).await;
        app.post(&format!("/orders/{other}/submit"), Role::OrdererP, &json!({})).await.expect(200);
        app.post(&format!("/orders/{other}/withdraw"), Role::OrdererP, &json!({})).await.expect(200);
        let got = receiver.wait_for("the second submit", |got| got.len() >= 4).await;
        tokio::time::sleep(Duration::from_millis(800)).await;
        assert_eq!(receiver.received().len(), 4, "{got:#?}");
    }
);

both_backends!(
    async fn a_failed_delivery_is_retried_with_the_same_webhook_id(backend, log) {
        let receiver = Receiver::start(log, &["--fail-first", "2"]).await;
        let app = TestApp::spawn_with(backend, log, options()).await;
        let hook = register(&app, &receiver, &["order.submitted"]).await;
        let test = app.post(&format!("/webhooks/{hook}/test"), Role::Admin, &json!({})).await;
        test.expect(202);
        let webhook_id = test.body["webhook_id"].as_str().expect("webhook_id").to_owned();
        let got = receiver.wait_for("three attempts", |got| got.len() >= 3).await;
        assert!(got.iter().all(|a| a["webhook_id"] == json!(webhook_id) && a["verified"] == true), "{got:#?}");
        assert_eq!(got.iter().map(|a| a["status"].as_u64().unwrap_or(0)).collect::<Vec<_>>(), [500, 500, 204]);
        assert_eq!(got[0]["type"], "webhook.test");
        let start = Instant::now();
        let statuses = loop {
            let deliveries = app.get(&format!("/webhooks/{hook}/deliveries"), Role::Admin).await.body;
            let statuses: Vec<Value> =
                deliveries["items"].as_array().expect("items").iter().map(|d| d["status_code"].clone()).collect();
            if statuses.len() >= 3 || start.elapsed() > Duration::from_secs(10) {
                break statuses;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        assert_eq!(statuses, [json!(204), json!(500), json!(500)]);
        // After a rotation, deliveries are signed with the new secret only.
        let rotated = app.post(&format!("/webhooks/{hook}/rotate-secret"), Role::Admin, &json!({})).await;
        rotated.expect(200);
        let secret = rotated.body["secret"].as_str().expect("secret").to_owned();
        std::fs::write(&receiver.secret_file, &secret).expect("secret");
        app.post(&format!("/webhooks/{hook}/test"), Role::Admin, &json!({})).await.expect(202);
        let got = receiver.wait_for("the test after the rotation", |got| got.iter().filter(|a| a["status"] == 204).count() >= 2).await;
        assert!(got.last().is_some_and(|a| a["verified"] == true), "{got:#?}");
        // The secret is shown only then: never in a read.
        assert!(app.get(&format!("/webhooks/{hook}"), Role::Admin).await.body.get("secret").is_none());
    }
);

both!(
    async fn internal_addresses_and_plain_http_are_refused(app) {
        for url in ["http://hooks.example.org/x", "https://127.0.0.1/x", "https://10.0.0.8/x", "https://169.254.169.254/x", "https://[::1]/x"] {
            app.post("/webhooks", Role::Admin, &json!({"url": url, "events": ["order.submitted"]}))
                .await
                .expect_field_error("url", "url_not_allowed");
        }
        app.post("/webhooks", Role::Admin, &json!({"url": "https://hooks.example.org/x", "events": ["order.nothing"]}))
            .await
            .expect_field_error("events[0]", "value_not_allowed");
        let made = app.post("/webhooks", Role::Admin, &json!({"url": "https://hooks.example.org/x", "events": ["order.submitted"]})).await;
        made.expect(201);
        assert_eq!(made.header("location"), Some(format!("/api/v1/webhooks/{}", made.id()).as_str()));
    }
);

both_backends!(
    async fn a_slow_receiver_does_not_slow_the_request_that_caused_the_event(backend, log) {
        let receiver = Receiver::start(log, &["--sleep", "5"]).await;
        let app = TestApp::spawn_with(backend, log, options()).await;
        register(&app, &receiver, &["order.submitted"]).await;
        for _ in 0..3 {
            let id = app.post("/orders", Role::OrdererP, &siebel(&app)).await.id();
            let start = Instant::now();
            app.post(&format!("/orders/{id}/submit"), Role::OrdererP, &json!({})).await.expect(200);
            assert!(start.elapsed() < Duration::from_secs(2), "the submit waited {:?}", start.elapsed());
        }
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_replicas_deliver_each_event_once() {
    let name = "webhooks::two_replicas";
    let receiver = Receiver::start(name, &[]).await;
    let app = TestApp::spawn_with(Backend::Postgres, &format!("{name}::a"), options()).await;
    let _b = Server::start(&app.db, &format!("{name}::b"), &options()).await;
    register(&app, &receiver, &["order.submitted"]).await;
    const N: usize = 12;
    let mut ids = Vec::new();
    for _ in 0..N {
        let id = draft(&app).await;
        app.post(&format!("/orders/{id}/submit"), Role::OrdererP, &json!({})).await.expect(200);
        ids.push(id.to_string());
    }
    receiver.wait_for("every event", |got| got.len() >= N).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let got = receiver.received();
    assert_eq!(got.len(), N, "each event once: {got:#?}");
    let mut orders: Vec<String> = got.iter().map(|e| e["data"]["order_id"].as_str().unwrap_or("").to_owned()).collect();
    orders.sort();
    ids.sort();
    assert_eq!(orders, ids);
    assert!(got.iter().all(|e| e["verified"] == true && e["attempt"] == 1));
}

both_backends!(
    async fn an_endpoint_failing_for_24_hours_is_turned_off_and_support_is_told(backend, log) {
        use sea_orm::{ConnectionTrait, Statement};
        let receiver = Receiver::start(log, &["--fail-first", "1000"]).await;
        let app = TestApp::spawn_with(backend, log, options()).await;
        let hook = register(&app, &receiver, &["order.submitted"]).await;
        // Every attempt has failed since a day and an hour ago (the clock cannot be moved for the server).
        let db = app.db.connect().await;
        let sql = match backend {
            Backend::Postgres => "UPDATE webhook_endpoints SET failing_since = $1",
            Backend::Sqlite => "UPDATE webhook_endpoints SET failing_since = ?",
        };
        let since = chrono::Utc::now() - chrono::Duration::hours(25);
        db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, [since.into()])).await.expect("update");
        let id = draft(&app).await;
        app.post(&format!("/orders/{id}/submit"), Role::OrdererP, &json!({})).await.expect(200);
        receiver.wait_for("the failed attempt", |got| !got.is_empty()).await;
        let start = Instant::now();
        let endpoint = loop {
            let endpoint = app.get(&format!("/webhooks/{hook}"), Role::Admin).await.body;
            if endpoint["active"] == false || start.elapsed() > Duration::from_secs(10) {
                break endpoint;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        assert_eq!(endpoint["active"], false, "{endpoint}");
        assert!(endpoint["disabled_at"].is_string());
        let told = app.get("/me/notifications", Role::Admin).await.body;
        assert!(
            told["items"].as_array().is_some_and(|n| n.iter().any(|n| n["kind"] == "webhook_disabled")),
            "support is told: {told}"
        );
        // Turned off, it gets no more events; support turns it on again.
        let before = receiver.received().len();
        let other = draft(&app).await;
        app.post(&format!("/orders/{other}/submit"), Role::OrdererP, &json!({})).await.expect(200);
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(receiver.received().len(), before);
        let on = app.patch(&format!("/webhooks/{hook}"), Role::Admin, &json!({"active": true})).await;
        on.expect(200);
        assert_eq!(on.body["active"], true);
        assert!(on.body["failing_since"].is_null());
    }
);
