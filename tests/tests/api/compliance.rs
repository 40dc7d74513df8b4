//! Compliance (rules 9 and 10) with real expert users.

use serde_json::{Value, json};
use sesam_tests::{Role, ServerOptions, TestApp, both, both_backends};

fn row(list: &Value, provider: uuid::Uuid) -> &Value {
    list["items"].as_array().expect("items").iter().find(|r| r["provider_id"] == provider.to_string()).expect("row")
}

both!(
    async fn rows_follow_orderers_and_expert_users(app) {
        let (p, q) = (app.fixture.provider_p, app.fixture.provider_q);
        let before = app.get("/compliance", Role::Admin).await;
        before.expect(200);
        assert_eq!(before.body["items"].as_array().expect("items").len(), 2);
        let p_row = row(&before.body, p);
        assert_eq!(p_row["orderers"], 2);
        assert_eq!(p_row["expert_users"], 0);
        assert_eq!(p_row["expert_users_recommended"], 1);
        assert_eq!(p_row["issues"], json!(["no_expert_user"]));
        assert_eq!(row(&before.body, q)["issues"], json!(["too_few_orderers", "no_expert_user"]));

        // One person, two systems: one expert user.
        let mut ids = Vec::new();
        for system in [app.fixture.lifecare, app.fixture.cosmic] {
            let body = json!({"first_name": "Karin", "last_name": "Berg", "email": "karin.berg@omsorgnord.example", "system_id": system});
            ids.push(app.post(&format!("/providers/{p}/expert-users"), Role::OrdererP, &body).await.expect(201).id());
        }
        let after = app.get("/compliance", Role::It).await;
        assert_eq!(row(&after.body, p)["expert_users"], 1);
        assert_eq!(row(&after.body, p)["issues"], json!([]));
        // An orderer sees its own row only.
        let mine = app.get("/compliance", Role::OrdererP).await;
        assert_eq!(mine.body["items"].as_array().expect("items").len(), 1);
        assert_eq!(mine.body["items"][0]["issues"], json!([]));
        app.get(&format!("/compliance?provider_id={q}"), Role::OrdererP).await.expect_problem(404, "not_found");
        // The ordering-right answers carry the same row.
        let rights = app.get(&format!("/providers/{p}/ordering-rights"), Role::OrdererP).await;
        assert_eq!(rights.body["compliance"]["expert_users"], 1);

        // Ending one registration keeps the person; ending both leaves none.
        app.delete(&format!("/expert-users/{}", ids[0]), Role::OrdererP).await.expect(204);
        assert_eq!(row(&app.get("/compliance", Role::Admin).await.body, p)["expert_users"], 1);
        app.delete(&format!("/expert-users/{}", ids[1]), Role::OrdererP).await.expect(204);
        assert_eq!(row(&app.get("/compliance", Role::Admin).await.body, p)["issues"], json!(["no_expert_user"]));
    }
);

both_backends!(
    async fn larger_providers_are_recommended_more_expert_users(backend, log) {
        let options = ServerOptions { env: vec![("SESAM_UNITS_PER_EXPERT_USER".into(), "2".into())], ..Default::default() };
        let app = TestApp::spawn_with(backend, log, options).await;
        let p = app.fixture.provider_p;
        // P has three active units: two started groups of two.
        let body = json!({"first_name": "Karin", "last_name": "Berg", "email": "karin.berg@omsorgnord.example", "system_id": app.fixture.lifecare});
        app.post(&format!("/providers/{p}/expert-users"), Role::OrdererP, &body).await.expect(201);
        let list = app.get("/compliance", Role::Admin).await;
        assert_eq!(row(&list.body, p)["expert_users_recommended"], 2);
        assert_eq!(row(&list.body, p)["issues"], json!(["too_few_expert_users"]));
        let body = json!({"first_name": "Ahmed", "last_name": "Hassan", "email": "ahmed.hassan@omsorgnord.example", "system_id": app.fixture.lifecare});
        app.post(&format!("/providers/{p}/expert-users"), Role::OrdererP, &body).await.expect(201);
        assert_eq!(row(&app.get("/compliance", Role::Admin).await.body, p)["issues"], json!([]));
        // An inactive unit does not count.
        app.patch(&format!("/units/{}", app.fixture.units_p[2]), Role::Admin, &json!({"active": false})).await.expect(200);
        assert_eq!(row(&app.get("/compliance", Role::Admin).await.body, p)["expert_users_recommended"], 1);
    }
);
