//! The database goes away under load and comes back: requests in the gap answer 503 problem+json
//! (never 500, never a hang past a few seconds), `/health/ready` says 503 meanwhile, and the
//! server recovers by itself within seconds. On a private PostgreSQL cluster that the test starts,
//! stops and starts again itself — never the shared one.

use serde_json::json;
use sesam_tests::{PASSWORD, Server, ServerOptions, TestDb, pg_cluster::PgCluster, run_cli};
use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicU8, Ordering},
    },
    time::{Duration, Instant},
};

/// How long the database stays down: longer than the pool's acquire timeout (5 s), so that
/// requests in the gap must give up rather than wait for the database to return.
const DOWN_FOR: Duration = Duration::from_secs(7);
/// The longest any request may take, in the gap or not.
const MAX_LATENCY: Duration = Duration::from_secs(8);
/// How soon after the database is back the server must be ready again.
const RECOVERY: Duration = Duration::from_secs(10);

const UP: u8 = 0;
const DOWN: u8 = 1;
const RECOVERING: u8 = 2;
const RECOVERED: u8 = 3;

#[derive(Debug)]
struct Outcome {
    /// The phase the request started in.
    started: u8,
    /// The later of the phases it started and ended in.
    phase: u8,
    what: &'static str,
    status: u16,
    problem_code: Option<String>,
    problem_json: bool,
    retry_after: bool,
    took: Duration,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_database_restart_under_load_answers_503_and_recovers_by_itself() {
    let cluster = PgCluster::start().await;
    cluster.create_database("sesam").await;
    let db = TestDb::external(&cluster.url("sesam"));
    let out = run_cli(
        &db,
        &["create-admin", "--email", "support@kommun.example", "--password", PASSWORD, "--name", "Vera Support"],
        &[],
    )
    .await;
    assert!(out.status.success(), "create-admin: {}", String::from_utf8_lossy(&out.stderr));
    let server = Server::start(&db, "db_restart", &ServerOptions::default()).await;
    let base = server.base_url.clone();
    let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().expect("client");
    let login: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": "support@kommun.example", "password": PASSWORD}))
        .send()
        .await
        .expect("login")
        .json()
        .await
        .expect("json");
    let token = login["access_token"].as_str().expect("token").to_owned();

    let phase = Arc::new(AtomicU8::new(UP));
    let stop = Arc::new(AtomicBool::new(false));
    let outcomes = Arc::new(Mutex::new(Vec::<Outcome>::new()));
    let created = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut workers = Vec::new();
    for worker in 0..4 {
        let (client, base, token) = (client.clone(), base.clone(), token.clone());
        let (phase, stop, outcomes, created) = (phase.clone(), stop.clone(), outcomes.clone(), created.clone());
        workers.push(tokio::spawn(async move {
            let mut i = 0u32;
            while !stop.load(Ordering::SeqCst) {
                i += 1;
                let (what, request) = match i % 3 {
                    0 => (
                        "create",
                        client
                            .post(format!("{base}/api/v1/providers"))
                            .bearer_auth(&token)
                            .json(&json!({"name": format!("Utförare {worker}-{i}")})),
                    ),
                    1 => ("list", client.get(format!("{base}/api/v1/providers?limit=5")).bearer_auth(&token)),
                    _ => ("ready", client.get(format!("{base}/health/ready"))),
                };
                let started_in = phase.load(Ordering::SeqCst);
                let started = Instant::now();
                let res = request.send().await.expect("the server must answer, database or not");
                let took = started.elapsed();
                let status = res.status().as_u16();
                let problem_json = res
                    .headers()
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|c| c.starts_with("application/problem+json"));
                let retry_after = res.headers().contains_key("retry-after");
                let body: serde_json::Value = res.json().await.unwrap_or_default();
                if what == "create" && status == 201 {
                    created.lock().expect("lock").push(body["id"].as_str().unwrap_or_default().to_owned());
                }
                let ended_in = phase.load(Ordering::SeqCst);
                outcomes.lock().expect("lock").push(Outcome {
                    started: started_in,
                    phase: started_in.max(ended_in),
                    what,
                    status,
                    problem_code: body["code"].as_str().map(str::to_owned),
                    problem_json,
                    retry_after,
                    took,
                });
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }));
    }
    let ready = |client: reqwest::Client, base: String| async move {
        client.get(format!("{base}/health/ready")).send().await.expect("ready").status().as_u16()
    };

    tokio::time::sleep(Duration::from_secs(1)).await;
    phase.store(DOWN, Ordering::SeqCst);
    cluster.stop();
    let down_since = Instant::now();
    let mut ready_in_gap = Vec::new();
    while down_since.elapsed() < DOWN_FOR {
        ready_in_gap.push(ready(client.clone(), base.clone()).await);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    phase.store(RECOVERING, Ordering::SeqCst);
    cluster.start_again().await;
    let back_since = Instant::now();
    loop {
        if ready(client.clone(), base.clone()).await == 200 {
            break;
        }
        assert!(back_since.elapsed() < RECOVERY, "not ready {RECOVERY:?} after the database came back");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let recovered_after = back_since.elapsed();
    phase.store(RECOVERED, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.store(true, Ordering::SeqCst);
    for w in workers {
        w.await.expect("worker");
    }

    let outcomes = std::mem::take(&mut *outcomes.lock().expect("lock"));
    let in_phase = |p: u8| outcomes.iter().filter(move |o| o.phase == p);
    assert!(in_phase(UP).count() > 10 && in_phase(UP).all(|o| o.status < 300), "before the restart all is well");
    assert!(ready_in_gap.iter().all(|s| *s == 503), "/health/ready in the gap: {ready_in_gap:?}");
    let gap: Vec<&Outcome> = in_phase(DOWN).collect();
    assert!(gap.iter().any(|o| o.status == 503), "requests in the gap answer 503: {gap:#?}");
    for o in outcomes.iter() {
        assert!(o.status != 500, "never a 500: {o:?}");
        assert!(o.took < MAX_LATENCY, "never a hang: {o:?}");
        if o.status >= 400 {
            assert!(
                o.status == 503
                    && o.problem_json
                    && o.retry_after
                    && o.problem_code.as_deref() == Some("service_unavailable"),
                "a failure is 503 problem+json with Retry-After: {o:?}"
            );
        }
    }
    // Requests sent once the server said it is ready again all succeed.
    let after: Vec<&Outcome> = outcomes.iter().filter(|o| o.started == RECOVERED).collect();
    assert!(!after.is_empty() && after.iter().all(|o| o.status < 300), "after recovery all is well: {after:#?}");
    assert!(after.iter().any(|o| o.what == "create"), "writes work again");
    eprintln!(
        "db restart: {} requests, {} in the gap ({} answered 503), ready again {recovered_after:?} after the database",
        outcomes.len(),
        gap.len(),
        gap.iter().filter(|o| o.status == 503).count()
    );

    // Everything that was acknowledged is there.
    let created = created.lock().expect("lock").clone();
    for id in &created {
        let res = client.get(format!("{base}/api/v1/providers/{id}")).bearer_auth(&token).send().await.expect("get");
        assert_eq!(res.status().as_u16(), 200, "provider {id} answered 201 but is gone");
    }
    drop(server);
}
