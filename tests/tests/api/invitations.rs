//! Rule 16: nobody knows another person's password. Accounts are made without one, the person
//! activates theirs through an emailed single-use link, support can send a new link, anyone can ask
//! for a reset link, and the operator keeps a break-glass command.

use serde_json::json;
use sesam_tests::{Answer, PASSWORD, Role, ServerOptions, TestApp, both, run_cli};
use std::time::Duration;

const KARIN: &str = "karin.berg@omsorgnord.example";

async fn invite_karin(app: &TestApp) -> uuid::Uuid {
    app.post("/accounts", Role::OrdererP, &json!({"email": KARIN, "name": "Karin Berg"})).await.expect(201).id()
}

async fn set_with(app: &TestApp, path: &str, token: &str, password: &str) -> Answer {
    app.post(path, Role::Anonymous, &json!({"token": token, "password": password})).await
}

/// Waits for the newest email of `kind` to `to` (a reset link is queued after the answer).
async fn wait_for_email(app: &TestApp, to: &str, kind: &str, count: usize) -> String {
    for _ in 0..100 {
        let rows: Vec<_> = app.outbox().await.into_iter().filter(|r| r.recipient == to && r.kind == kind).collect();
        if rows.len() >= count {
            return rows.last().expect("row").body.clone();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no {kind} email to {to}");
}

both!(
    async fn an_invited_person_chooses_their_own_password_once(app) {
        let karin = invite_karin(&app).await;
        // The email: to Karin, with a link on the public URL whose token is in the fragment.
        let mail: Vec<_> = app.outbox().await.into_iter().filter(|r| r.recipient == KARIN).collect();
        assert_eq!(mail.len(), 1);
        assert_eq!(mail[0].kind, "account_invitation");
        assert!(mail[0].body.contains("/aktivera#token="), "{}", mail[0].body);
        assert!(mail[0].body.contains("72 timmar"), "{}", mail[0].body);
        let token = app.link_token(KARIN, "account_invitation").await;
        assert_eq!(token.len(), 64);
        // Only a hash of the token is stored.
        let stored = app.db.count(&format!("SELECT COUNT(*) AS n FROM account_links WHERE token_hash = '{token}'")).await;
        assert_eq!(stored, 0);

        // Weak passwords: too short, the email, its name part, a common one.
        for weak in ["kort-ord-12", KARIN, "KARIN.BERG@omsorgnord.example", "karin.berg", "password1234", "qwertyuiop123"] {
            set_with(&app, "/auth/activate", &token, weak).await.expect_field_error("password", "weak_password");
        }
        // A bad token and a weak password: both at once.
        let answer = set_with(&app, "/auth/activate", &"0".repeat(64), "kort").await;
        let mut errors = answer.field_errors();
        errors.sort();
        assert_eq!(errors, vec![("password".into(), "weak_password".into()), ("token".into(), "invalid_token".into())]);
        for bad in ["", "nope", &token[..63]] {
            let answer = set_with(&app, "/auth/activate", bad, "korp-lingon-vattenfall").await;
            answer.expect(422);
        }
        // A reset link's token is no activation token, and the other way round.
        set_with(&app, "/auth/password-reset/confirm", &token, "korp-lingon-vattenfall").await.expect_field_error("token", "invalid_token");
        let answer = app.post("/auth/activate", Role::Anonymous, &json!({"token": token, "password": "korp-lingon-vattenfall", "email": KARIN})).await;
        answer.expect_field_error("email", "unknown_field");

        // The link works once, and signs Karin in.
        let answer = set_with(&app, "/auth/activate", &token, "korp-lingon-vattenfall").await;
        answer.expect(200);
        let session = answer.body["access_token"].as_str().expect("token").to_owned();
        let me = app.send(app.client.get(app.url("/me")).bearer_auth(&session)).await;
        assert_eq!(me.body["email"], KARIN);
        set_with(&app, "/auth/activate", &token, "ett-annat-lösenord-2026").await.expect_field_error("token", "invalid_token");
        app.login(KARIN, "korp-lingon-vattenfall").await.expect(200);
        app.login(KARIN, "ett-annat-lösenord-2026").await.expect(401);
        let audit = app.get("/audit?action=account.activated", Role::Admin).await;
        let karins: Vec<_> = audit.body["items"].as_array().expect("items").iter().filter(|e| e["object_id"] == karin.to_string()).collect();
        assert_eq!(karins.len(), 1);
        // The token never reaches the log.
        assert!(!app.server.log_text().contains(&token));
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_activation_link_expires_after_the_invite_ttl() {
    let options = ServerOptions {
        env: vec![
            ("SESAM_INVITE_TTL".into(), "1s".into()),
            ("SESAM_PUBLIC_URL".into(), "https://sesam.kommun.example/".into()),
        ],
        ..Default::default()
    };
    let app = TestApp::spawn_with(sesam_tests::Backend::Sqlite, "invitations::expiry", options).await;
    invite_karin(&app).await;
    let body = wait_for_email(&app, KARIN, "account_invitation", 1).await;
    assert!(body.contains("https://sesam.kommun.example/aktivera#token="), "{body}");
    let token = app.link_token(KARIN, "account_invitation").await;
    tokio::time::sleep(Duration::from_millis(2100)).await;
    set_with(&app, "/auth/activate", &token, "korp-lingon-vattenfall")
        .await
        .expect_field_error("token", "invalid_token");
}

both!(
    async fn support_sends_a_new_link_and_the_old_one_dies(app) {
        let karin = invite_karin(&app).await;
        let first = app.link_token(KARIN, "account_invitation").await;
        let path = format!("/accounts/{karin}/invite");
        // Support only.
        for role in [Role::OrdererP, Role::It, Role::MemberP] {
            app.post(&path, role, &json!({})).await.expect_problem(403, "forbidden");
        }
        app.post(&format!("/accounts/{}/invite", uuid::Uuid::now_v7()), Role::Admin, &json!({})).await.expect_problem(404, "not_found");
        let answer = app.post(&path, Role::Admin, &json!({})).await;
        answer.expect(202);
        let second = app.link_token(KARIN, "account_invitation").await;
        assert_ne!(first, second);
        set_with(&app, "/auth/activate", &first, "korp-lingon-vattenfall").await.expect_field_error("token", "invalid_token");
        set_with(&app, "/auth/activate", &second, "korp-lingon-vattenfall").await.expect(200);
        // A deactivated account gets no link.
        app.patch(&format!("/accounts/{karin}"), Role::Admin, &json!({"active": false})).await.expect(200);
        app.post(&path, Role::Admin, &json!({})).await.expect_problem(409, "account_inactive");
    }
);

both!(
    async fn anyone_can_ask_for_a_reset_and_learns_nothing_from_the_answer(app) {
        let old = app.login("erik.holm@omsorgnord.example", PASSWORD).await.body["access_token"].as_str().expect("token").to_owned();
        let known = app.post("/auth/password-reset", Role::Anonymous, &json!({"email": "Erik.Holm@omsorgnord.example"})).await;
        let unknown = app.post("/auth/password-reset", Role::Anonymous, &json!({"email": "ingen@omsorgnord.example"})).await;
        let deactivated = app.post("/auth/password-reset", Role::Anonymous, &json!({"email": "olle.gammal@omsorgnord.example"})).await;
        for answer in [&known, &unknown, &deactivated] {
            answer.expect(202);
            assert_eq!(answer.text, known.text);
        }
        app.post("/auth/password-reset", Role::Anonymous, &json!({})).await.expect_field_error("email", "required");
        let body = wait_for_email(&app, "erik.holm@omsorgnord.example", "password_reset", 1).await;
        assert!(body.contains("/nytt-losenord#token="), "{body}");
        tokio::time::sleep(Duration::from_millis(300)).await;
        let others: Vec<_> = app.outbox().await.into_iter().filter(|r| r.kind == "password_reset" && r.recipient != "erik.holm@omsorgnord.example").collect();
        assert!(others.is_empty(), "{others:?}");

        // Timing: the answer comes before any work, known or not (same class: well under a hash).
        let mut known_ms = Vec::new();
        let mut unknown_ms = Vec::new();
        for i in 0..5 {
            let started = std::time::Instant::now();
            app.post("/auth/password-reset", Role::Anonymous, &json!({"email": "anna.lind@omsorgnord.example"})).await.expect(202);
            known_ms.push(started.elapsed().as_millis());
            let started = std::time::Instant::now();
            app.post("/auth/password-reset", Role::Anonymous, &json!({"email": format!("ingen{i}@omsorgnord.example")})).await.expect(202);
            unknown_ms.push(started.elapsed().as_millis());
        }
        known_ms.sort();
        unknown_ms.sort();
        eprintln!("password-reset answers: known {known_ms:?} ms, unknown {unknown_ms:?} ms");
        assert!(known_ms[2] < 200 && unknown_ms[2] < 200, "{known_ms:?} {unknown_ms:?}");

        // The link sets a new password once, and ends every session of the account.
        let token = app.link_token("erik.holm@omsorgnord.example", "password_reset").await;
        set_with(&app, "/auth/password-reset/confirm", &token, "erik.holm").await.expect_field_error("password", "weak_password");
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let answer = set_with(&app, "/auth/password-reset/confirm", &token, "ett-nytt-lösenord-för-erik").await;
        answer.expect(200);
        app.send(app.client.get(app.url("/me")).bearer_auth(&old)).await.expect_problem(401, "unauthorized");
        set_with(&app, "/auth/password-reset/confirm", &token, "ett-tredje-lösenord-2026").await.expect_field_error("token", "invalid_token");
        app.login("erik.holm@omsorgnord.example", PASSWORD).await.expect(401);
        app.login("erik.holm@omsorgnord.example", "ett-nytt-lösenord-för-erik").await.expect(200);
        assert!(!app.server.log_text().contains(&token));
    }
);

both!(
    async fn the_operator_sets_a_password_and_reads_the_outbox_from_the_command_line(app) {
        invite_karin(&app).await;
        let out = run_cli(&app.db, &["outbox"], &[]).await;
        assert!(out.status.success());
        let printed = String::from_utf8_lossy(&out.stdout);
        let token = app.link_token(KARIN, "account_invitation").await;
        assert!(printed.contains(&format!("To: {KARIN}")) && printed.contains(&token), "{printed}");

        let old = app.login("anna.lind@omsorgnord.example", PASSWORD).await.body["access_token"].as_str().expect("token").to_owned();
        let weak = run_cli(&app.db, &["set-password", "--email", "anna.lind@omsorgnord.example", "--password", "kort"], &[]).await;
        assert!(!weak.status.success());
        let out = run_cli(&app.db, &["set-password", "--email", "Anna.Lind@omsorgnord.example", "--password", "glöm-inte-detta-2026"], &[]).await;
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        app.send(app.client.get(app.url("/me")).bearer_auth(&old)).await.expect_problem(401, "unauthorized");
        app.login("anna.lind@omsorgnord.example", "glöm-inte-detta-2026").await.expect(200);
        let unknown = run_cli(&app.db, &["set-password", "--email", "ingen@kommun.example", "--password", "glöm-inte-detta-2026"], &[]).await;
        assert!(!unknown.status.success());
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_smtp_the_link_arrives_and_its_token_leaves_the_outbox() {
    use sesam_tests::smtp::SmtpServer;
    let smtp = SmtpServer::start().await;
    let options = ServerOptions {
        env: vec![
            ("SESAM_SMTP_URL".into(), smtp.url()),
            ("SESAM_OUTBOX_POLL".into(), "100ms".into()),
            ("SESAM_PUBLIC_URL".into(), "https://sesam.kommun.example".into()),
        ],
        ..Default::default()
    };
    let app = TestApp::spawn_with(sesam_tests::Backend::Postgres, "invitations::smtp", options).await;
    invite_karin(&app).await;
    let got = smtp.wait_for(1, Duration::from_secs(30)).await;
    let text = got[0].text();
    let token: String =
        text.split("#token=").nth(1).expect("a link").chars().take_while(|c| c.is_ascii_hexdigit()).collect();
    assert_eq!(token.len(), 64, "{text}");
    // Sent: the row keeps the email, not the token; the link still works.
    for _ in 0..50 {
        if app.outbox().await.iter().all(|r| r.sent) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let row = app.outbox().await.into_iter().find(|r| r.recipient == KARIN).expect("row");
    assert!(row.sent && !row.body.contains(&token), "{}", row.body);
    assert!(row.body.contains("https://sesam.kommun.example/aktivera#token=(borttagen"), "{}", row.body);
    set_with(&app, "/auth/activate", &token, "korp-lingon-vattenfall").await.expect(200);
}
