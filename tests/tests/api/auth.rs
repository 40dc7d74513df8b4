//! Logging in, tokens, the caller's own account, and password changes.

use serde_json::json;
use sesam_tests::{PASSWORD, Role, ServerOptions, TestApp, both, mint_token};

both!(
    async fn login_works_and_the_token_opens_me(app) {
        let answer = app.login("anna.lind@omsorgnord.example", PASSWORD).await;
        answer.expect(200);
        assert_eq!(answer.body["token_type"], "Bearer");
        assert_eq!(answer.body["expires_in"], 8 * 3600);
        let token = answer.body["access_token"].as_str().expect("token").to_owned();
        // Emails are case-insensitive.
        app.login("Anna.Lind@OmsorgNord.example", PASSWORD).await.expect(200);

        let me = app.send(app.client.get(app.url("/me")).bearer_auth(&token)).await;
        me.expect(200);
        assert_eq!(me.body["email"], "anna.lind@omsorgnord.example");
        assert_eq!(me.body["roles"], json!([]));
        assert_eq!(me.body["provider_id"], app.fixture.provider_p.to_string());
        assert_eq!(me.body["ordering_rights"], json!([{"provider_id": app.fixture.provider_p.to_string(), "provider_name": "Omsorg Nord AB"}]));

        let me = app.get("/me", Role::It).await;
        assert_eq!(me.body["roles"], json!(["it"]));
        assert_eq!(me.body["provider_id"], serde_json::Value::Null);
    }
);

both!(
    async fn wrong_passwords_and_unknown_accounts_get_401(app) {
        app.login("anna.lind@omsorgnord.example", "not-the-password").await.expect_problem(401, "invalid_credentials");
        let answer = app.login("nobody@omsorgnord.example", PASSWORD).await;
        answer.expect_problem(401, "invalid_credentials");
        assert!(answer.header("www-authenticate").is_some_and(|h| h.starts_with("Bearer")));
        // A deactivated account cannot log in, even with the right password.
        app.login("olle.gammal@omsorgnord.example", PASSWORD).await.expect_problem(401, "invalid_credentials");
        // Missing fields are a 422 naming both.
        let answer = app.post("/auth/login", Role::Anonymous, &json!({})).await;
        assert_eq!(answer.field_errors(), vec![("email".into(), "required".into()), ("password".into(), "required".into())]);
    }
);

both!(
    async fn a_deactivated_accounts_token_stops_working_at_once(app) {
        let token = mint_token(app.fixture.account(Role::OrdererP2).id);
        let me = || app.send(app.client.get(app.url("/me")).bearer_auth(&token));
        me().await.expect(200);
        let erik = app.fixture.account(Role::OrdererP2).id;
        app.patch(&format!("/accounts/{erik}"), Role::Admin, &json!({"active": false})).await.expect(200);
        let answer = me().await;
        answer.expect_problem(401, "unauthorized");
        assert!(answer.header("www-authenticate").is_some_and(|h| h.starts_with("Bearer")));
        // The fixture's deactivated account is refused everywhere too.
        app.get("/me", Role::Deactivated).await.expect_problem(401, "unauthorized");
    }
);

both!(
    async fn bad_tokens_are_401(app) {
        let admin = app.fixture.account(Role::Admin).id;
        let anna = app.fixture.account(Role::OrdererP).id;
        let now = chrono::Utc::now().timestamp();
        let claims = |sub: uuid::Uuid, exp: i64, nbf: i64, iss: &str, aud: &str| {
            json!({"sub": sub.to_string(), "exp": exp, "nbf": nbf, "iat": now, "iss": iss, "aud": aud, "sgen": 0})
        };
        let good = mint_token(anna);
        let good_parts: Vec<&str> = good.split('.').collect();
        let admin_token = mint_token(admin);
        let admin_parts: Vec<&str> = admin_token.split('.').collect();
        let bad_tokens = [
            "garbage".to_owned(),
            format!("{good}x"),
            // Anna's signature on support's claims: a tampered payload.
            format!("{}.{}.{}", good_parts[0], admin_parts[1], good_parts[2]),
            // alg=none.
            "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIn0.".to_owned(),
            mint_with(&claims(anna, now + 3600, now, "sesam", "sesam-api"), "another-secret-that-is-long-enough-0123456789"),
            mint_with(&claims(anna, now - 3600, now - 7200, "sesam", "sesam-api"), sesam_tests::JWT_SECRET),
            mint_with(&claims(anna, now + 7200, now + 3600, "sesam", "sesam-api"), sesam_tests::JWT_SECRET),
            mint_with(&claims(anna, now + 3600, now, "someone-else", "sesam-api"), sesam_tests::JWT_SECRET),
            mint_with(&claims(anna, now + 3600, now, "sesam", "another-api"), sesam_tests::JWT_SECRET),
        ];
        for bad in bad_tokens {
            let answer = app.send(app.client.get(app.url("/me")).bearer_auth(&bad)).await;
            answer.expect_problem(401, "unauthorized");
        }
        // The same claims, signed right, pass: the cases above fail for their one fault.
        let ok = mint_with(&claims(anna, now + 3600, now, "sesam", "sesam-api"), sesam_tests::JWT_SECRET);
        app.send(app.client.get(app.url("/me")).bearer_auth(&ok)).await.expect(200);
        let answer = app.send(app.client.get(app.url("/me")).header("authorization", format!("Basic {good}"))).await;
        answer.expect_problem(401, "unauthorized");
        app.get("/me", Role::Anonymous).await.expect_problem(401, "unauthorized");
    }
);

fn mint_with(claims: &serde_json::Value, secret: &str) -> String {
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        claims,
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("mint")
}

both!(
    async fn changing_ones_password_ends_other_sessions(app) {
        let old = app.login("erik.holm@omsorgnord.example", PASSWORD).await.body["access_token"].as_str().expect("token").to_owned();
        // Tokens carry whole seconds: make sure the change falls in a later second than the old token.
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let answer = app
            .send(app.client.post(app.url("/me/password")).bearer_auth(&old).json(&json!({"current_password": "wrong-password", "new_password": "short"})))
            .await;
        assert_eq!(
            answer.field_errors(),
            vec![("current_password".into(), "wrong_password".into()), ("new_password".into(), "weak_password".into())]
        );
        let answer = app
            .send(app.client.post(app.url("/me/password")).bearer_auth(&old).json(&json!({"current_password": PASSWORD, "new_password": "ett-nytt-lösenord-2026"})))
            .await;
        answer.expect(200);
        let fresh = answer.body["access_token"].as_str().expect("token").to_owned();
        app.send(app.client.get(app.url("/me")).bearer_auth(&old)).await.expect(401);
        app.send(app.client.get(app.url("/me")).bearer_auth(&fresh)).await.expect(200);
        app.login("erik.holm@omsorgnord.example", PASSWORD).await.expect(401);
        app.login("erik.holm@omsorgnord.example", "ett-nytt-lösenord-2026").await.expect(200);
    }
);

both!(
    async fn failed_logins_are_throttled_per_account(app) {
        for _ in 0..10 {
            app.login("anna.lind@omsorgnord.example", "wrong-password").await.expect(401);
        }
        // Even the right password is refused while the account is throttled.
        let answer = app.login("anna.lind@omsorgnord.example", PASSWORD).await;
        answer.expect_problem(429, "too_many_requests");
        let retry: u64 = answer.header("retry-after").expect("Retry-After").parse().expect("seconds");
        assert!(retry > 0 && retry <= 15 * 60, "{retry}");
        // Other accounts are not affected.
        app.login("erik.holm@omsorgnord.example", PASSWORD).await.expect(200);
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_are_throttled_per_client_address() {
    let options =
        ServerOptions { env: vec![("SESAM_LOGIN_MAX_FAILURES_PER_CLIENT".into(), "5".into())], ..Default::default() };
    let app = TestApp::spawn_with(sesam_tests::Backend::Sqlite, "auth::throttled_per_client", options).await;
    for i in 0..5 {
        app.login(&format!("nobody{i}@kommun.example"), "wrong-password").await.expect(401);
    }
    let answer = app.login("anna.lind@omsorgnord.example", PASSWORD).await;
    answer.expect_problem(429, "too_many_requests");
    assert!(answer.header("retry-after").is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn passwords_are_hashed_with_argon2id_at_owasp_cost_by_default() {
    use sea_orm::{ConnectionTrait, Statement};
    let options = ServerOptions { production_argon2: true, ..Default::default() };
    let app = TestApp::spawn_with(sesam_tests::Backend::Postgres, "auth::owasp_cost", options).await;
    app.post(
        "/accounts",
        Role::Admin,
        &json!({"email": "ny.person@omsorgnord.example", "name": "Ny Person", "provider_id": app.fixture.provider_p}),
    )
    .await
    .expect(201);
    app.activate("ny.person@omsorgnord.example", "ett-långt-lösenord").await;
    let db = app.db.connect().await;
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT password_hash FROM accounts WHERE email = 'ny.person@omsorgnord.example'",
        ))
        .await
        .expect("query")
        .expect("row");
    let hash: String = row.try_get("", "password_hash").expect("hash");
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
    app.login("ny.person@omsorgnord.example", "ett-långt-lösenord").await.expect(200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_logins_completes_within_bounded_memory() {
    let options = ServerOptions { production_argon2: true, ..Default::default() };
    let app = TestApp::spawn_with(sesam_tests::Backend::Postgres, "auth::login_burst", options).await;
    // The server hashes at most one password per core at once (at least two): each takes 19 MiB.
    let permits = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).max(2) as u64;
    let burst = (4 * permits).max(30) as usize;
    let per_hash_kib = 19 * 1024;
    let (_, peak_before) = app.server.memory_kib();
    let started = std::time::Instant::now();
    let mut logins = Vec::new();
    for i in 0..burst {
        let client = app.client.clone();
        let url = app.url("/auth/login");
        // Half right, half wrong: both cost a full hash.
        let password = if i % 2 == 0 { PASSWORD.to_owned() } else { format!("fel-lösenord-{i}") };
        let email = ["anna.lind@omsorgnord.example", "erik.holm@omsorgnord.example", "it@kommun.example"][i % 3];
        logins.push(tokio::spawn(async move {
            client
                .post(url)
                .json(&json!({"email": email, "password": password}))
                .send()
                .await
                .expect("login")
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for l in logins {
        statuses.push(l.await.expect("task"));
    }
    let took = started.elapsed();
    assert!(statuses.iter().all(|s| *s == 200 || *s == 401), "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), burst.div_ceil(2));
    let (_, peak_after) = app.server.memory_kib();
    let grew = peak_after.saturating_sub(peak_before);
    let bound = permits * per_hash_kib + 64 * 1024;
    eprintln!(
        "{burst} logins in {took:?}; peak RSS {peak_before} → {peak_after} KiB (+{grew}); bound +{bound}, unbounded would be +{}",
        burst as u64 * per_hash_kib
    );
    assert!(grew <= bound, "peak memory grew by {grew} KiB for {burst} logins; bound {bound} KiB");
    assert!(bound < burst as u64 * per_hash_kib, "the bound must be below what unbounded hashing would take");
    // The server still answers.
    app.get("/me", Role::OrdererP).await.expect(200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_signing_secret_comes_from_configuration_only() {
    // Without SESAM_JWT_SECRET the process makes a random secret of its own: no built-in default
    // exists that someone could sign with, and a token of another process's secret is refused.
    let options = ServerOptions { env: vec![("SESAM_JWT_SECRET".into(), String::new())], ..Default::default() };
    let app = TestApp::spawn_with(sesam_tests::Backend::Sqlite, "auth::random_secret", options).await;
    app.get("/me", Role::OrdererP).await.expect_problem(401, "unauthorized");
    let token = app.login("anna.lind@omsorgnord.example", PASSWORD).await.body["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    app.send(app.client.get(app.url("/me")).bearer_auth(&token)).await.expect(200);
    assert!(app.server.log_text().contains("SESAM_JWT_SECRET is not set"), "it warns");
    assert!(!app.server.log_text().contains(sesam_tests::JWT_SECRET));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_a_made_up_forwarded_for_does_not_dodge_the_throttle() {
    let options = ServerOptions {
        env: vec![
            ("SESAM_LOGIN_MAX_FAILURES_PER_CLIENT".into(), "5".into()),
            ("SESAM_TRUST_FORWARDED_FOR".into(), "true".into()),
        ],
        ..Default::default()
    };
    let app = TestApp::spawn_with(sesam_tests::Backend::Sqlite, "auth::throttled_behind_proxy", options).await;
    let login = |forwarded: String, email: String, password: &'static str| {
        app.send(
            app.client
                .post(app.url("/auth/login"))
                .header("x-forwarded-for", forwarded)
                .header("forwarded", "for=192.0.2.99")
                .json(&json!({"email": email, "password": password})),
        )
    };
    // The attacker makes up a new first address each time; the proxy appends the real one.
    for i in 0..5 {
        login(format!("10.9.8.{i}, 198.51.100.9"), format!("nobody{i}@kommun.example"), "wrong-password")
            .await
            .expect(401);
    }
    login("10.9.8.77, 198.51.100.9".into(), "anna.lind@omsorgnord.example".into(), PASSWORD)
        .await
        .expect_problem(429, "too_many_requests");
    // Another client behind the same proxy is not affected.
    login("198.51.100.10".into(), "anna.lind@omsorgnord.example".into(), PASSWORD).await.expect(200);
}
