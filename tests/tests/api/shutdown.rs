//! Graceful shutdown: SIGTERM under load. The process stops taking connections, lets every
//! request in flight finish — slow logins waiting for the password hasher, clients still sending
//! their bodies — stops its background work (the outbox sender, the end-date job), and exits 0.

use serde_json::json;
use sesam_tests::{Backend, PASSWORD, Role, Server, ServerOptions, TestApp, raw_http, smtp::SmtpServer};
use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_under_load_lets_requests_in_flight_finish_then_exits_0() {
    let smtp = SmtpServer::start().await;
    let options = ServerOptions {
        env: vec![
            ("SESAM_SMTP_URL".into(), smtp.url()),
            ("SESAM_SMTP_FROM".into(), "Sesam <sesam@kommun.example>".into()),
            ("SESAM_OUTBOX_POLL".into(), "200ms".into()),
        ],
        // Real password hashing: logins queue for the hasher and are in flight for a while.
        production_argon2: true,
    };
    let mut app = TestApp::spawn_with(Backend::Postgres, "shutdown::sigterm", options.clone()).await;
    let base = app.server.base_url.clone();
    let token = app.token(Role::Admin).expect("token");

    // 1. A burst of logins, queued behind the bounded hasher.
    let mut logins = Vec::new();
    for _ in 0..16 {
        let client = reqwest::Client::new();
        let url = format!("{base}/api/v1/auth/login");
        logins.push(tokio::spawn(async move {
            let res = client
                .post(url)
                .json(&json!({"email": "anna.lind@omsorgnord.example", "password": PASSWORD}))
                .send()
                .await
                .expect("a login in flight gets its answer");
            res.status().as_u16()
        }));
    }
    // 2. Slow clients: their bodies arrive a piece at a time, over two seconds.
    let mut slow = Vec::new();
    for n in 0..2 {
        let head = format!(
            "POST /api/v1/providers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\n\
             Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        );
        let body = format!("{{\"name\": \"Långsam Klient {n} AB\", \"org_number\": null}}");
        let chunks: Vec<Vec<u8>> = body.as_bytes().chunks(5).map(<[u8]>::to_vec).collect();
        let base = base.clone();
        slow.push(tokio::spawn(
            async move { raw_http(&base, head.as_bytes(), &chunks, Duration::from_millis(200)).await },
        ));
    }
    // 3. Steady writers: each notes when it sent what, and whether it got an answer.
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..3 {
        let (base, token, stop) = (base.clone(), token.clone(), stop.clone());
        writers.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut sent = Vec::<(Instant, Result<String, String>)>::new();
            for i in 0.. {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let at = Instant::now();
                let res = client
                    .post(format!("{base}/api/v1/providers"))
                    .bearer_auth(&token)
                    .json(&json!({"name": format!("Skrivare {w}-{i}")}))
                    .send()
                    .await;
                match res {
                    Ok(res) => {
                        assert_eq!(res.status().as_u16(), 201, "an answered write succeeds");
                        let body: serde_json::Value = res.json().await.expect("json");
                        sent.push((at, Ok(body["id"].as_str().expect("id").to_owned())));
                    }
                    Err(e) => {
                        sent.push((at, Err(e.to_string())));
                        break;
                    }
                }
                tokio::time::sleep(Duration::from_millis(30)).await;
            }
            sent
        }));
    }

    tokio::time::sleep(Duration::from_millis(400)).await;
    let signalled = Instant::now();
    stop.store(true, Ordering::SeqCst);
    app.server.signal("TERM");

    let statuses: Vec<u16> = futures_join(logins).await;
    assert!(statuses.iter().all(|s| *s == 200), "every login in flight answered 200: {statuses:?}");
    for s in slow {
        let answer = s.await.expect("slow client");
        assert!(answer.starts_with("HTTP/1.1 201"), "a slow client in flight gets its answer: {answer}");
    }
    let mut written = Vec::new();
    for w in writers {
        for (at, result) in w.await.expect("writer") {
            match result {
                Ok(id) => written.push(id),
                // Only a request sent about when SIGTERM came may find the door closed.
                Err(e) => assert!(
                    at + Duration::from_millis(200) >= signalled,
                    "a request sent well before SIGTERM failed: {e}"
                ),
            }
        }
    }
    let status = tokio::time::timeout(Duration::from_secs(30), app.server.wait()).await.expect("exits within 30 s");
    let took = signalled.elapsed();
    assert_eq!(status.code(), Some(0), "a clean exit: {status:?}\n{}", app.server.log_text());
    let log = app.server.log_text();
    assert!(log.contains("outbox: sender stopped"), "the outbox sender stopped cleanly:\n{log}");
    assert!(log.contains("jobs: stopped"), "the end-date job stopped cleanly:\n{log}");
    assert!(log.contains("sesam: stopped"), "{log}");
    assert!(!log.contains("panicked"), "{log}");
    eprintln!("SIGTERM: exited 0 after {took:?}; {} writes", written.len());

    // What was answered is there.
    app.server = Server::start(&app.db, "shutdown::after", &options).await;
    for id in &written {
        app.get(&format!("/providers/{id}"), Role::Admin).await.expect(200);
    }
    let slow_ones = app.get("/providers?limit=200", Role::Admin).await;
    let names: Vec<&str> =
        slow_ones.body["items"].as_array().expect("items").iter().filter_map(|p| p["name"].as_str()).collect();
    assert!(names.iter().filter(|n| n.starts_with("Långsam Klient")).count() == 2, "{names:?}");
    drop(smtp);
}

async fn futures_join(handles: Vec<tokio::task::JoinHandle<u16>>) -> Vec<u16> {
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.expect("task"));
    }
    out
}
