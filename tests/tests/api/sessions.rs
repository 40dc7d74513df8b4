//! Rule 18's two doors for a signed-in person: `POST /auth/refresh` (a fresh token for a valid one,
//! same account and counter) and `POST /auth/logout-all` (every token of the account ends).

use serde_json::json;
use sesam_tests::{Answer, PASSWORD, Role, TestApp, both};

async fn login_token(app: &TestApp, email: &str) -> String {
    let answer = app.login(email, PASSWORD).await;
    answer.expect(200);
    answer.body["access_token"].as_str().expect("token").to_owned()
}

async fn post_with(app: &TestApp, token: &str, path: &str) -> Answer {
    app.send(app.client.post(app.url(path)).bearer_auth(token)).await
}

async fn me_with(app: &TestApp, token: &str) -> Answer {
    app.send(app.client.get(app.url("/me")).bearer_auth(token)).await
}

both!(
    async fn refresh_gives_a_fresh_token_of_the_same_account_and_session(app) {
        let token = login_token(&app, "anna.lind@omsorgnord.example").await;
        // Tokens carry whole seconds: the fresh one is issued in a later second than the first.
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let answer = post_with(&app, &token, "/auth/refresh").await;
        answer.expect(200);
        assert_eq!(answer.body["token_type"], "Bearer");
        assert_eq!(answer.body["expires_in"], 8 * 3600);
        let fresh = answer.body["access_token"].as_str().expect("token").to_owned();
        assert_ne!(fresh, token);
        let me = me_with(&app, &fresh).await;
        me.expect(200);
        assert_eq!(me.body["email"], "anna.lind@omsorgnord.example");
        // The same session: the old token still works, and a refresh of the fresh one does too.
        me_with(&app, &token).await.expect(200);
        post_with(&app, &fresh, "/auth/refresh").await.expect(200);
        // An empty JSON body is no different from none.
        app.send(app.client.post(app.url("/auth/refresh")).bearer_auth(&token).json(&json!({}))).await.expect(200);

        // No token, a bad one, or a deactivated account's: 401.
        let answer = app.post("/auth/refresh", Role::Anonymous, &json!({})).await;
        answer.expect_problem(401, "unauthorized");
        assert!(answer.header("www-authenticate").is_some_and(|h| h.starts_with("Bearer")));
        post_with(&app, "garbage", "/auth/refresh").await.expect_problem(401, "unauthorized");
        app.post("/auth/refresh", Role::Deactivated, &json!({})).await.expect_problem(401, "unauthorized");
        // An API token is no session to prolong.
        let anna = app.fixture.account(Role::OrdererP).id;
        let issued = app.post(&format!("/accounts/{anna}/api-tokens"), Role::Admin, &json!({"name": "skript"})).await;
        issued.expect(201);
        let api_token = issued.body["token"].as_str().expect("token").to_owned();
        post_with(&app, &api_token, "/auth/refresh").await.expect_problem(403, "forbidden");
    }
);

both!(
    async fn logout_all_ends_every_token_of_the_account_and_no_other(app) {
        let first = login_token(&app, "erik.holm@omsorgnord.example").await;
        let second = login_token(&app, "erik.holm@omsorgnord.example").await;
        let refreshed = post_with(&app, &second, "/auth/refresh").await.body["access_token"].as_str().expect("token").to_owned();
        let anna = login_token(&app, "anna.lind@omsorgnord.example").await;

        let answer = post_with(&app, &first, "/auth/logout-all").await;
        answer.expect(204);
        assert!(answer.text.is_empty());
        // Every token of Erik's ends at once, including the refreshed one and the one just used.
        for token in [&first, &second, &refreshed] {
            me_with(&app, token).await.expect_problem(401, "unauthorized");
            post_with(&app, token, "/auth/refresh").await.expect_problem(401, "unauthorized");
        }
        post_with(&app, &first, "/auth/logout-all").await.expect_problem(401, "unauthorized");
        // Anna is not affected; Erik signs in again as before.
        me_with(&app, &anna).await.expect(200);
        let again = login_token(&app, "erik.holm@omsorgnord.example").await;
        me_with(&app, &again).await.expect(200);

        // The audit log says who signed out everywhere.
        let erik = app.fixture.account(Role::OrdererP2).id.to_string();
        let audit = app.get("/audit?action=account.sessions_ended", Role::Admin).await;
        audit.expect(200);
        let ended = audit.body["items"].as_array().expect("items");
        assert_eq!(ended.len(), 1, "{}", audit.text);
        assert_eq!(ended[0]["object_id"], erik.as_str());

        // Without a token, or with a deactivated account's, nothing happens.
        app.post("/auth/logout-all", Role::Anonymous, &json!({})).await.expect_problem(401, "unauthorized");
        app.post("/auth/logout-all", Role::Deactivated, &json!({})).await.expect_problem(401, "unauthorized");
    }
);
