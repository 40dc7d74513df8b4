//! API tokens for integration scripts: issued by support, shown once, stored hashed, checked on
//! every request like a login (deactivated account, revoked or expired token: 401), last use
//! recorded, and unable to make more of themselves.

use serde_json::json;
use sesam_tests::{Role, TestApp, both};
use std::time::Duration;
use uuid::Uuid;

async fn issue(app: &TestApp, account: Uuid, body: serde_json::Value) -> (Uuid, String) {
    let answer = app.post(&format!("/accounts/{account}/api-tokens"), Role::Admin, &body).await;
    answer.expect(201);
    (answer.id(), answer.body["token"].as_str().expect("token").to_owned())
}

async fn as_token(app: &TestApp, token: &str, path: &str) -> sesam_tests::Answer {
    app.send(app.client.get(app.url(path)).bearer_auth(token)).await
}

both!(
    async fn a_script_acts_as_its_account_with_a_token_shown_once_and_stored_hashed(app) {
        let anna = app.fixture.account(Role::OrdererP).id;
        let answer = app
            .post(&format!("/accounts/{anna}/api-tokens"), Role::Admin, &json!({"name": "HR-integration"}))
            .await;
        answer.expect(201);
        let token = answer.body["token"].as_str().expect("token").to_owned();
        assert!(token.starts_with("sesam_pat_") && token.len() == 74, "{token}");
        assert!(token[10..].bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(answer.body["name"], "HR-integration");
        assert_eq!(answer.body["account_id"], anna.to_string());
        assert_eq!(answer.body["active"], true);
        assert!(answer.body["last_used_at"].is_null() && answer.body["expires_at"].is_null());
        assert!(token.starts_with(answer.body["hint"].as_str().expect("hint")));
        let id = answer.id();

        // The token works like Anna's login, for reads and writes alike.
        let me = as_token(&app, &token, "/me").await;
        me.expect(200);
        assert_eq!(me.body["email"], "anna.lind@omsorgnord.example");
        let created = app
            .send(app.client.post(app.url("/accounts")).bearer_auth(&token).json(&json!({"email": "ny.via.skript@omsorgnord.example", "name": "Via Skript"})))
            .await;
        created.expect(201);

        // Never shown again: the list has no secret, only the hint, and the last use.
        let list = app.get(&format!("/accounts/{anna}/api-tokens"), Role::Admin).await;
        list.expect(200);
        assert!(!list.text.contains(&token[10..]), "the list must not hold the token");
        let item = &list.body["items"][0];
        assert_eq!(item["id"], id.to_string());
        assert!(item.get("token").is_none());
        let first_use = item["last_used_at"].as_str().expect("last use recorded").to_owned();
        // Recorded at most once a minute: a second use does not write it again.
        as_token(&app, &token, "/me").await.expect(200);
        let again = app.get(&format!("/accounts/{anna}/api-tokens"), Role::Admin).await;
        assert_eq!(again.body["items"][0]["last_used_at"], first_use.as_str());

        // Stored hashed: the table holds the SHA-256 of the token, and nowhere the token itself.
        let hashed = app.db.count(&format!(
            "SELECT COUNT(*) AS n FROM api_tokens WHERE token_hash = '{}'",
            sha256_hex(&token)
        )).await;
        assert_eq!(hashed, 1);
        let leaked = app.db.count(&format!(
            "SELECT COUNT(*) AS n FROM api_tokens WHERE token_hash LIKE '%{0}%' OR hint LIKE '%{0}%' OR name LIKE '%{0}%'",
            &token[10..]
        )).await;
        assert_eq!(leaked, 0);

        // Issuing and revoking are in the audit log.
        let audit = app.get("/audit?action=api_token.created", Role::Admin).await;
        assert!(audit.body["items"].as_array().expect("items").iter().any(|a| a["object_id"] == id.to_string()));
    }
);

both!(
    async fn revoked_expired_malformed_and_deactivated_tokens_are_401(app) {
        let erik = app.fixture.account(Role::OrdererP2).id;
        let (id, token) = issue(&app, erik, json!({"name": "Revoked"})).await;
        as_token(&app, &token, "/me").await.expect(200);
        app.delete(&format!("/api-tokens/{id}"), Role::Admin).await.expect(204);
        let answer = as_token(&app, &token, "/me").await;
        answer.expect_problem(401, "unauthorized");
        assert!(answer.header("www-authenticate").is_some_and(|h| h.starts_with("Bearer")));
        // Revoking again changes nothing; the list shows it revoked.
        app.delete(&format!("/api-tokens/{id}"), Role::Admin).await.expect(204);
        let list = app.get(&format!("/accounts/{erik}/api-tokens"), Role::Admin).await;
        assert_eq!(list.body["items"][0]["active"], false);
        assert!(list.body["items"][0]["revoked_at"].is_string());
        let audit = app.get("/audit?action=api_token.revoked", Role::Admin).await;
        assert_eq!(audit.body["items"].as_array().expect("items").len(), 1);

        // Expired.
        let soon = chrono::Utc::now() + chrono::Duration::milliseconds(3000);
        let (_, expiring) = issue(&app, erik, json!({"name": "Expiring", "expires_at": soon})).await;
        as_token(&app, &expiring, "/me").await.expect(200);
        let wait = (soon - chrono::Utc::now()).to_std().unwrap_or_default() + Duration::from_millis(200);
        tokio::time::sleep(wait).await;
        as_token(&app, &expiring, "/me").await.expect_problem(401, "unauthorized");

        // The account deactivated: its tokens stop at once, and stay dead when it is active again
        // (rule 18; the security review's F5).
        let (_, live) = issue(&app, erik, json!({"name": "Live"})).await;
        as_token(&app, &live, "/me").await.expect(200);
        app.patch(&format!("/accounts/{erik}"), Role::Admin, &json!({"active": false})).await.expect(200);
        as_token(&app, &live, "/me").await.expect_problem(401, "unauthorized");
        app.patch(&format!("/accounts/{erik}"), Role::Admin, &json!({"active": true})).await.expect(200);
        as_token(&app, &live, "/me").await.expect_problem(401, "unauthorized");

        // Malformed or unknown tokens.
        for bad in [
            "sesam_pat_".to_owned(),
            "sesam_pat_0123".to_owned(),
            format!("sesam_pat_{}", "0".repeat(64)),
            live.to_uppercase(),
            format!("{live}0"),
            format!("{}x", &live[..73]),
        ] {
            as_token(&app, &bad, "/me").await.expect_problem(401, "unauthorized");
        }
    }
);

both!(
    async fn a_token_cannot_make_tokens_nor_change_its_password(app) {
        let admin = app.fixture.account(Role::Admin).id;
        let (id, token) = issue(&app, admin, json!({"name": "Support script"})).await;
        // A support account's token does support's work...
        let created = app
            .send(app.client.post(app.url("/providers")).bearer_auth(&token).json(&json!({"name": "Skriptad Utförare AB"})))
            .await;
        created.expect(201);
        // ...but never makes, lists or revokes tokens, nor changes the password: that needs a person who logged in.
        let post = app
            .send(app.client.post(app.url(&format!("/accounts/{admin}/api-tokens"))).bearer_auth(&token).json(&json!({"name": "More"})))
            .await;
        post.expect_problem(403, "forbidden");
        as_token(&app, &token, &format!("/accounts/{admin}/api-tokens")).await.expect_problem(403, "forbidden");
        app.send(app.client.delete(app.url(&format!("/api-tokens/{id}"))).bearer_auth(&token)).await.expect_problem(403, "forbidden");
        let change = app
            .send(app.client.post(app.url("/me/password")).bearer_auth(&token).json(&json!({"current_password": sesam_tests::PASSWORD, "new_password": "ett-helt-nytt-lösenord"})))
            .await;
        change.expect_problem(403, "forbidden");
        app.login("support@kommun.example", sesam_tests::PASSWORD).await.expect(200);
        as_token(&app, &token, "/me").await.expect(200);
    }
);

both!(
    async fn issuing_refuses_bad_bodies_and_server_owned_fields(app) {
        let lisa = app.fixture.account(Role::MemberP).id;
        let path = format!("/accounts/{lisa}/api-tokens");
        let past = chrono::Utc::now() - chrono::Duration::hours(1);
        let answer = app.post(&path, Role::Admin, &json!({"expires_at": past})).await;
        assert_eq!(answer.field_errors(), vec![("expires_at".into(), "value_not_allowed".into()), ("name".into(), "required".into())]);
        let answer = app.post(&path, Role::Admin, &json!({"name": "x".repeat(101), "expires_at": "tomorrow"})).await;
        assert_eq!(answer.field_errors(), vec![("expires_at".into(), "invalid_format".into()), ("name".into(), "invalid_length".into())]);
        app.post(&path, Role::Admin, &json!({"name": "a\u{0}b"})).await.expect_field_error("name", "invalid_format");
        for field in ["id", "token", "token_hash", "hint", "account_id", "created_at", "created_by", "last_used_at", "revoked_at", "active"] {
            let answer = app.post(&path, Role::Admin, &json!({"name": "Skript", field: "x"})).await;
            assert_eq!(answer.field_errors(), vec![(field.to_owned(), "unknown_field".into())], "{field}");
        }
        assert_eq!(app.get(&path, Role::Admin).await.body["items"], json!([]));
        app.post(&format!("/accounts/{}/api-tokens", Uuid::now_v7()), Role::Admin, &json!({"name": "Skript"})).await.expect_problem(404, "not_found");
        app.delete(&format!("/api-tokens/{}", Uuid::now_v7()), Role::Admin).await.expect_problem(404, "not_found");
    }
);

/// SHA-256 in hex.
fn sha256_hex(input: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(input.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}
