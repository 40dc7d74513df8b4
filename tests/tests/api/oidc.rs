//! Rule 20: sign-in through the municipality's identity provider, against a real OpenID provider
//! (`oidc-provider`, run by node): the account is found by the personal number claim or a verified
//! email, never created; the SPA gets a one-time code; `SESAM_PASSWORD_LOGIN=off`.

use serde_json::json;
use sesam_tests::{
    PASSWORD, Role, TestApp, both_backends,
    oidc::{Browser, Idp, PNR_CLAIM},
    personal_number,
};

async fn exchange(app: &TestApp, code: &str) -> sesam_tests::Answer {
    app.post("/auth/oidc/exchange", Role::Anonymous, &json!({"code": code})).await
}

both_backends!(
    async fn signs_in_by_personal_number_and_hands_the_spa_a_one_time_code(backend, log) {
        let idp = Idp::start().await;
        let app = TestApp::spawn_with(backend, log, idp.options(&[("SESAM_OIDC_PERSONAL_NUMBER_CLAIM", PNR_CLAIM)])).await;
        let anna = app.fixture.account(Role::OrdererP).clone();
        let pnr = anna.personal_number.clone().expect("anna has a personal number");

        let methods = app.get("/auth/methods", Role::Anonymous).await;
        methods.expect(200);
        assert_eq!(methods.body, json!({"password": true, "oidc": true}));

        // The email at the provider differs: the number alone finds the account.
        idp.next_user("anna-sub", "someone.else@kommun.example", true, Some(&pnr.replace('-', ""))).await;
        let mut browser = Browser::new();
        let (landing, callback) = browser.sign_in(&app.url("/auth/oidc/login"), &app.url("")).await;
        assert!(landing.location.starts_with("http://spa.test/e-legitimation?code="), "{landing:?}");
        let code = landing.query("code").expect("code");
        // No token in any URL: the code is a one-time code, not a JWT.
        assert_eq!(code.len(), 64);
        assert!(!landing.location.contains("access_token"));

        let answer = exchange(&app, &code).await;
        answer.expect(200);
        let token = answer.body["access_token"].as_str().expect("token").to_owned();
        let me = app.send(app.client.get(app.url("/me")).bearer_auth(&token)).await;
        me.expect(200);
        assert_eq!(me.body["email"], anna.email);
        let verified = format!("SELECT COUNT(*) AS n FROM accounts WHERE email = '{}' AND personal_number_verified", anna.email);
        assert_eq!(app.db.count(&verified).await, 1, "the number the provider vouched for is recorded");

        // The code works once.
        exchange(&app, &code).await.expect_field_error("code", "invalid_token");
        exchange(&app, &"0".repeat(64)).await.expect_field_error("code", "invalid_token");
        // The callback cannot be replayed: its state was used.
        let (status, to) = browser.get(&callback).await;
        assert_eq!(status, 302);
        assert_eq!(to.as_deref(), Some("http://spa.test/logga-in?error=oidc_state"));

        // An unknown person is refused, and no account is made.
        let before = app.db.count("SELECT COUNT(*) AS n FROM accounts").await;
        idp.next_user("stranger", "stranger@kommun.example", true, Some(&personal_number("19400101", "123"))).await;
        let (landing, _) = Browser::new().sign_in(&app.url("/auth/oidc/login"), &app.url("")).await;
        assert_eq!(landing.location, "http://spa.test/logga-in?error=oidc_unknown_person");
        assert_eq!(app.db.count("SELECT COUNT(*) AS n FROM accounts").await, before);

        // No personal number claim: refused, no fallback to the email.
        idp.next_user("anna-no-pnr", &anna.email, true, None).await;
        let (landing, _) = Browser::new().sign_in(&app.url("/auth/oidc/login"), &app.url("")).await;
        assert_eq!(landing.location, "http://spa.test/logga-in?error=oidc_no_identity");
    }
);

both_backends!(
    async fn signs_in_by_verified_email_only_for_active_accounts(backend, log) {
        let idp = Idp::start().await;
        let app = TestApp::spawn_with(backend, log, idp.options(&[])).await;
        let lisa = app.fixture.account(Role::MemberP).clone();
        let olle = app.fixture.account(Role::Deactivated).clone();

        // An unverified email finds nobody.
        idp.next_user("lisa-sub", &lisa.email, false, None).await;
        let (landing, _) = Browser::new().sign_in(&app.url("/auth/oidc/login"), &app.url("")).await;
        assert_eq!(landing.location, "http://spa.test/logga-in?error=oidc_no_identity");

        // The provider also sends a number, but it is Anna's: it is not copied onto Lisa's account.
        let annas = app.fixture.account(Role::OrdererP).personal_number.clone().expect("number");
        idp.next_user("lisa-sub2", &lisa.email.to_uppercase(), true, Some(&annas)).await;
        let (landing, _) = Browser::new().sign_in(&app.url("/auth/oidc/login"), &app.url("")).await;
        let answer = exchange(&app, &landing.query("code").expect("code")).await;
        answer.expect(200);
        let verified = format!("SELECT COUNT(*) AS n FROM accounts WHERE email = '{}' AND personal_number_verified", lisa.email);
        assert_eq!(app.db.count(&verified).await, 0);
        // Her own number, vouched for by the provider, is recorded as verified (rule 20).
        idp.next_user("lisa-sub3", &lisa.email, true, Some(&personal_number("19900101", "123"))).await;
        let (landing, _) = Browser::new().sign_in(&app.url("/auth/oidc/login"), &app.url("")).await;
        exchange(&app, &landing.query("code").expect("code")).await.expect(200);
        assert_eq!(app.db.count(&verified).await, 1);

        // A deactivated account is refused.
        idp.next_user("olle-sub", &olle.email, true, None).await;
        let (landing, _) = Browser::new().sign_in(&app.url("/auth/oidc/login"), &app.url("")).await;
        assert_eq!(landing.location, "http://spa.test/logga-in?error=oidc_account_inactive");
    }
);

both_backends!(
    async fn a_forged_or_foreign_state_is_refused(backend, log) {
        let idp = Idp::start().await;
        let app = TestApp::spawn_with(backend, log, idp.options(&[])).await;
        let mut browser = Browser::new();
        // A state Sesam never issued.
        let (status, to) = browser.get(&app.url("/auth/oidc/callback?code=abc&state=forged")).await;
        assert_eq!(status, 302);
        assert_eq!(to.as_deref(), Some("http://spa.test/logga-in?error=oidc_state"));
        // A real state, but the callback arrives in another browser (login CSRF).
        let (status, to) = browser.get(&app.url("/auth/oidc/login")).await;
        assert_eq!(status, 302);
        let to = to.expect("to the provider");
        let state = to.split(['?', '&']).find_map(|p| p.strip_prefix("state=")).expect("state").to_owned();
        let (_, to) = Browser::new().get(&app.url(&format!("/auth/oidc/callback?code=abc&state={state}"))).await;
        assert_eq!(to.as_deref(), Some("http://spa.test/logga-in?error=oidc_state"));
        // The person cancelled at the provider.
        let (_, to) = browser.get(&app.url(&format!("/auth/oidc/callback?error=access_denied&state={state}"))).await;
        assert_eq!(to.as_deref(), Some("http://spa.test/logga-in?error=oidc_refused"));
        // PKCE S256, state and nonce went to the provider.
        assert!(to.is_some());
    }
);

both_backends!(
    async fn password_login_off_answers_a_clear_problem(backend, log) {
        let idp = Idp::start().await;
        let app = TestApp::spawn_with(backend, log, idp.options(&[("SESAM_PASSWORD_LOGIN", "off")])).await;
        let email = app.fixture.account(Role::OrdererP).email.clone();
        app.login(&email, PASSWORD).await.expect_problem(403, "password_login_disabled");
        let methods = app.get("/auth/methods", Role::Anonymous).await;
        assert_eq!(methods.body, json!({"password": false, "oidc": true}));
        // Without an identity provider, the login route is not there.
        let plain = TestApp::spawn(backend, &format!("{log}-plain")).await;
        plain.get("/auth/oidc/login", Role::Anonymous).await.expect_problem(404, "not_found");
        assert_eq!(plain.get("/auth/methods", Role::Anonymous).await.body, json!({"password": true, "oidc": false}));
    }
);

both_backends!(
    async fn an_id_token_that_fails_verification_is_refused_and_a_rotated_key_is_fetched(backend, log) {
        let idp = Idp::start().await;
        let app = TestApp::spawn_with(backend, log, idp.options(&[])).await;
        let lisa = app.fixture.account(Role::MemberP).clone();
        let sign_in = || async {
            idp.next_user("lisa", &lisa.email, true, None).await;
            Browser::new().sign_in(&app.url("/auth/oidc/login"), &app.url("")).await.0
        };
        // The first sign-in discovers the provider and its keys.
        assert!(sign_in().await.location.starts_with("http://spa.test/e-legitimation?code="));

        let past = chrono::Utc::now().timestamp() - 3600;
        for (what, claims, foreign_key) in [
            ("another audience", json!({"aud": "someone-else"}), false),
            ("another issuer", json!({"iss": "https://evil.example"}), false),
            ("another nonce", json!({"nonce": "not-the-one-sesam-sent"}), false),
            ("an expired token", json!({"exp": past, "iat": past - 600}), false),
            ("a key the provider does not publish", json!({}), true),
        ] {
            idp.tamper(claims, foreign_key).await;
            let landing = sign_in().await;
            assert_eq!(landing.location, "http://spa.test/logga-in?error=oidc_invalid_token", "{what}");
        }
        // The provider rotates its key: Sesam fetches the new JWKS on the unknown `kid`.
        idp.rotate_key().await;
        let landing = sign_in().await;
        assert!(landing.location.starts_with("http://spa.test/e-legitimation?code="), "{landing:?}");
        exchange(&app, &landing.query("code").expect("code")).await.expect(200);
    }
);
