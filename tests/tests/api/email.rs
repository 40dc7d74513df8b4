//! Email through the outbox, delivered to a real SMTP server started by the test.

use serde_json::json;
use sesam_tests::{Backend, Role, Server, ServerOptions, TestApp, both_backends, smtp::SmtpServer};
use std::{collections::BTreeSet, time::Duration};

fn smtp_options(url: &str) -> ServerOptions {
    ServerOptions {
        env: vec![
            ("SESAM_SMTP_URL".into(), url.into()),
            ("SESAM_SMTP_FROM".into(), "Sesam <sesam@kommun.example>".into()),
            ("SESAM_OUTBOX_POLL".into(), "100ms".into()),
            ("SESAM_OUTBOX_RETRY".into(), "1s".into()),
        ],
        ..Default::default()
    }
}

/// Waits until every outbox row is sent.
async fn wait_until_sent(app: &TestApp, timeout: Duration) -> Vec<sesam_tests::OutboxRow> {
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let rows = app.outbox().await;
        if !rows.is_empty() && rows.iter().all(|r| r.sent) {
            return rows;
        }
        assert!(tokio::time::Instant::now() < deadline, "not all sent in time: {rows:#?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

both_backends!(
    async fn notifications_and_messages_to_expert_users_arrive_by_smtp(backend, log) {
        let smtp = SmtpServer::start().await;
        let app = TestApp::spawn_with(backend, log, smtp_options(&smtp.url())).await;
        let p = app.fixture.provider_p;

        // Lisa asks: both of P's orderers get an email.
        app.post(&format!("/providers/{p}/ordering-right-requests"), Role::MemberP, &json!({"message": "Jag är ny samordnare på Hemtjänst Gränby."}))
            .await
            .expect(201);
        let got = smtp.wait_for(2, Duration::from_secs(20)).await;
        let rows = wait_until_sent(&app, Duration::from_secs(10)).await;
        assert_eq!(rows.len(), 2);
        for row in &rows {
            let mail = got.iter().find(|m| m.rcpt_to == vec![row.recipient.clone()]).expect("one email per recipient");
            assert_eq!(mail.mail_from, "sesam@kommun.example");
            assert_eq!(mail.header("Message-ID"), Some(format!("<{}@kommun.example>", row.id)));
            assert_eq!(mail.header("To"), Some(row.recipient.clone()));
            assert_eq!(mail.header("Subject").as_deref(), Some("Lisa Berg ber om beställningsrätt för Omsorg Nord AB"));
            assert!(mail.header("Content-Type").is_some_and(|c| c.starts_with("text/plain") && c.contains("utf-8")));
            let text = mail.text();
            assert!(text.contains("Jag är ny samordnare på Hemtjänst Gränby."), "{text}");
            assert!(text.contains("lisa.berg@omsorgnord.example"), "{text}");
            assert_eq!(row.attempts, 1);
        }
        let mut recipients: Vec<String> = got.iter().flat_map(|m| m.rcpt_to.clone()).collect();
        recipients.sort();
        assert_eq!(recipients, vec!["anna.lind@omsorgnord.example", "erik.holm@omsorgnord.example"]);

        // Direct information to expert users: one email per distinct address.
        for (email, system) in [
            ("karin.berg@omsorgnord.example", app.fixture.lifecare),
            ("karin.berg@omsorgnord.example", app.fixture.cosmic),
            ("ahmed.hassan@omsorgnord.example", app.fixture.lifecare),
        ] {
            app.post(&format!("/providers/{p}/expert-users"), Role::Admin, &json!({"first_name": "X", "last_name": "Y", "email": email, "system_id": system}))
                .await
                .expect(201);
        }
        let queued = app.post("/expert-users/messages", Role::Admin, &json!({"subject": "Nyheter i Lifecare", "body": "Från och med måndag gäller nya rutiner."})).await;
        queued.expect(202);
        assert_eq!(queued.body["queued"], 2);
        let got = smtp.wait_for(4, Duration::from_secs(20)).await;
        let rows = wait_until_sent(&app, Duration::from_secs(10)).await;
        let messages: Vec<_> = got.iter().filter(|m| m.header("Subject").as_deref() == Some("Nyheter i Lifecare")).collect();
        let mut to: Vec<String> = messages.iter().flat_map(|m| m.rcpt_to.clone()).collect();
        to.sort();
        assert_eq!(to, vec!["ahmed.hassan@omsorgnord.example", "karin.berg@omsorgnord.example"]);
        for mail in messages {
            let row = rows.iter().find(|r| r.recipient == mail.rcpt_to[0] && r.kind == "expert_user_message").expect("row");
            assert_eq!(mail.header("Message-ID"), Some(format!("<{}@kommun.example>", row.id)));
            assert!(mail.text().contains("Från och med måndag gäller nya rutiner."));
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(smtp.received().len(), 4, "nothing is sent twice");
    }
);

both_backends!(
    async fn with_the_smtp_server_down_nothing_is_lost_and_delivery_follows_when_it_is_back(backend, log) {
        // A port with nobody listening, for now.
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
        let app = TestApp::spawn_with(backend, log, smtp_options(&format!("smtp://127.0.0.1:{port}"))).await;
        let p = app.fixture.provider_p;
        let started = std::time::Instant::now();
        app.post(&format!("/providers/{p}/ordering-right-requests"), Role::MemberP, &json!({})).await.expect(201);
        assert!(started.elapsed() < Duration::from_secs(5), "the request does not wait for SMTP");

        // Attempts fail and are recorded, with a next attempt scheduled.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let rows = app.outbox().await;
            assert_eq!(rows.len(), 2);
            if rows.iter().all(|r| r.attempts >= 1 && r.last_error.is_some()) {
                assert!(rows.iter().all(|r| !r.sent && !r.failed), "{rows:#?}");
                break;
            }
            assert!(tokio::time::Instant::now() < deadline, "no failed attempt recorded: {rows:#?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }

        let smtp = SmtpServer::start_on(port).await;
        let got = smtp.wait_for(2, Duration::from_secs(20)).await;
        let rows = wait_until_sent(&app, Duration::from_secs(10)).await;
        assert!(rows.iter().all(|r| r.attempts >= 2 && r.last_error.is_none()), "{rows:#?}");
        let ids: BTreeSet<String> = got.iter().filter_map(|m| m.header("Message-ID")).collect();
        let expected: BTreeSet<String> = rows.iter().map(|r| format!("<{}@kommun.example>", r.id)).collect();
        assert_eq!(ids, expected);
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_on_one_postgresql_send_each_email_once() {
    let smtp = SmtpServer::start().await;
    let options = smtp_options(&smtp.url());
    let app = TestApp::spawn_with(Backend::Postgres, "email::two_replicas::a", options.clone()).await;
    let _second = Server::start(&app.db, "email::two_replicas::b", &options).await;
    let p = app.fixture.provider_p;
    const N: usize = 60;
    for i in 0..N {
        let body = json!({"first_name": "Expert", "last_name": format!("{i:02}"), "email": format!("expert{i:02}@omsorgnord.example"), "system_id": app.fixture.siebel});
        app.post(&format!("/providers/{p}/expert-users"), Role::Admin, &body).await.expect(201);
    }
    let queued =
        app.post("/expert-users/messages", Role::Admin, &json!({"subject": "Till alla", "body": "Hej!"})).await;
    assert_eq!(queued.body["queued"], N);
    let got = smtp.wait_for(N, Duration::from_secs(60)).await;
    let rows = wait_until_sent(&app, Duration::from_secs(10)).await;
    // Give a would-be duplicate time to arrive.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let got_now = smtp.received();
    assert_eq!(got_now.len(), N, "each email once, not {}", got_now.len());
    let ids: BTreeSet<String> = got.iter().filter_map(|m| m.header("Message-ID")).collect();
    assert_eq!(ids.len(), N);
    assert!(rows.iter().all(|r| r.attempts == 1), "each row claimed once: {rows:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_email_is_given_up_after_the_last_attempt_or_at_once_when_refused_for_good() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let mut options = smtp_options(&format!("smtp://127.0.0.1:{port}"));
    options.env.retain(|(k, _)| k != "SESAM_OUTBOX_RETRY");
    options.env.push(("SESAM_OUTBOX_RETRY".into(), "200ms".into()));
    options.env.push(("SESAM_OUTBOX_MAX_ATTEMPTS".into(), "3".into()));
    let app = TestApp::spawn_with(Backend::Sqlite, "email::given_up", options).await;
    let p = app.fixture.provider_p;
    for email in ["karin.berg@omsorgnord.example", "nobody@omsorgnord.example"] {
        app.post(
            &format!("/providers/{p}/expert-users"),
            Role::Admin,
            &json!({"first_name": "X", "last_name": "Y", "email": email, "system_id": app.fixture.siebel}),
        )
        .await
        .expect(201);
    }
    // While nobody listens: three attempts, then given up (and kept).
    app.post("/expert-users/messages", Role::Admin, &json!({"provider_id": p, "subject": "Först", "body": "Hej"}))
        .await
        .expect(202);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let rows = app.outbox().await;
        if rows.iter().all(|r| r.failed) {
            assert!(rows.iter().all(|r| r.attempts == 3 && !r.sent && r.last_error.is_some()), "{rows:#?}");
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "not given up: {rows:#?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // With the server up: a refused address is given up at the first try; a good one is sent; the
    // given-up ones stay given up.
    let smtp = SmtpServer::start_on(port).await;
    app.post("/expert-users/messages", Role::Admin, &json!({"provider_id": p, "subject": "Sedan", "body": "Hej igen"}))
        .await
        .expect(202);
    let got = smtp.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(got[0].rcpt_to, vec!["karin.berg@omsorgnord.example"]);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let rows = app.outbox().await;
        let refused = rows.iter().find(|r| r.subject == "Sedan" && r.recipient.starts_with("nobody@")).expect("row");
        if refused.failed {
            assert_eq!(refused.attempts, 1, "a permanent refusal is not retried");
            assert!(
                refused.last_error.as_deref().is_some_and(|e| e.contains("550") || e.contains("no such user")),
                "{refused:?}"
            );
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "not given up: {rows:#?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(smtp.received().len(), 1, "given-up emails are not sent later");
}
