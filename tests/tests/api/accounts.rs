//! Accounts: support manages all; orderers read and create their provider's.

use serde_json::json;
use sesam_tests::{PASSWORD, Role, both};

both!(
    async fn orderers_list_their_providers_accounts_with_masked_numbers(app) {
        let list = app.get("/accounts", Role::OrdererP).await;
        list.expect(200);
        let items = list.body["items"].as_array().expect("items");
        assert_eq!(items.len(), 4, "Anna, Erik, Lisa and Olle: {}", list.text);
        assert!(items.iter().all(|a| a["provider_id"] == app.fixture.provider_p.to_string()));
        let anna = items.iter().find(|a| a["email"] == "anna.lind@omsorgnord.example").expect("anna");
        assert_eq!(anna["personal_number"], "19800412-****");
        assert_eq!(anna["orders_for"], json!([app.fixture.provider_p]));
        // The detail shows the whole number.
        let detail = app.get(&format!("/accounts/{}", app.fixture.account(Role::OrdererP).id), Role::OrdererP2).await;
        assert_eq!(detail.body["personal_number"].as_str(), app.fixture.account(Role::OrdererP).personal_number.as_deref());
        app.get(&format!("/accounts?provider_id={}", app.fixture.provider_q), Role::OrdererP).await.expect_problem(403, "no_ordering_right");
        app.get(&format!("/accounts/{}", app.fixture.account(Role::OrdererQ).id), Role::OrdererP).await.expect_problem(404, "not_found");
        app.get("/accounts", Role::It).await.expect_problem(403, "forbidden");
        app.get("/accounts", Role::MemberP).await.expect_problem(403, "forbidden");
        let all = app.get("/accounts?limit=200", Role::Admin).await;
        assert_eq!(all.body["items"].as_array().expect("items").len(), 7);
        let search = app.get("/accounts?q=NILSSON", Role::Admin).await;
        assert_eq!(search.body["items"].as_array().expect("items").len(), 1);
    }
);

both!(
    async fn an_orderer_brings_in_a_colleague_without_roles(app) {
        let created = app
            .post("/accounts", Role::OrdererP, &json!({"email": "karin.berg@omsorgnord.example", "name": "Karin Berg"}))
            .await;
        created.expect(201);
        assert_eq!(created.body["provider_id"], app.fixture.provider_p.to_string());
        assert_eq!(created.body["roles"], json!([]));
        // Anna knows no password of Karin's: Karin chooses her own through the emailed link.
        app.login("karin.berg@omsorgnord.example", PASSWORD).await.expect(401);
        app.activate("karin.berg@omsorgnord.example", "välkommen-till-sesam").await;
        app.login("karin.berg@omsorgnord.example", "välkommen-till-sesam").await.expect(200);
        app.post("/accounts", Role::OrdererP, &json!({"email": "x@omsorgnord.example", "name": "X", "roles": ["admin"]}))
            .await
            .expect_problem(403, "forbidden");
        app.post(
            "/accounts",
            Role::OrdererP,
            &json!({"email": "y@omsorgnord.example", "name": "Y", "provider_id": app.fixture.provider_q}),
        )
        .await
        .expect_problem(403, "no_ordering_right");
        app.post("/accounts", Role::MemberP, &json!({"email": "z@omsorgnord.example", "name": "Z"}))
            .await
            .expect_problem(403, "forbidden");
        app.post("/accounts", Role::OrdererP, &json!({"email": "KARIN.berg@omsorgnord.example", "name": "Karin B"}))
            .await
            .expect_problem(409, "already_exists");
    }
);

both!(
    async fn support_creates_it_accounts_and_nobody_sets_their_password(app) {
        let created = app
            .post("/accounts", Role::Admin, &json!({"email": "tomas@kommun.example", "name": "Tomas Driftsson", "roles": ["it"]}))
            .await;
        created.expect(201);
        assert_eq!(created.body["roles"], json!(["it"]));
        assert_eq!(created.body["provider_id"], serde_json::Value::Null);
        let id = created.id();
        assert_eq!(created.body["password_set"], false);
        assert!(created.body["last_seen_at"].is_null());
        // Rule 16: a password in the body, on creation or change, is refused.
        for (method, path) in [(reqwest::Method::POST, "/accounts".to_owned()), (reqwest::Method::PATCH, format!("/accounts/{id}"))] {
            let body = json!({"email": "annan@kommun.example", "name": "Annan", "password": PASSWORD});
            let answer = app.send(app.request(method, &path, Role::Admin).json(&body)).await;
            answer.expect_field_error("password", "unknown_field");
        }
        // Until Tomas chooses one, no password opens the account.
        app.login("tomas@kommun.example", PASSWORD).await.expect_problem(401, "invalid_credentials");
        app.activate("tomas@kommun.example", "nytt-lösenord-av-tomas").await;
        app.login("tomas@kommun.example", "nytt-lösenord-av-tomas").await.expect(200);
        let seen = app.get(&format!("/accounts/{id}"), Role::Admin).await;
        assert_eq!(seen.body["password_set"], true);
        assert!(seen.body["last_seen_at"].is_string(), "{}", seen.text);
        // Support cannot lock itself out by accident.
        let me = app.fixture.account(Role::Admin).id;
        app.patch(&format!("/accounts/{me}"), Role::Admin, &json!({"active": false})).await.expect_field_error("active", "value_not_allowed");
        app.post("/accounts", Role::Admin, &json!({"email": "q@x.example", "name": "Q", "provider_id": uuid::Uuid::now_v7()}))
            .await
            .expect_field_error("provider_id", "unknown_provider");
    }
);
