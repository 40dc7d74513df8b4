//! Providers and units: who sees what, and support's maintenance.

use serde_json::json;
use sesam_tests::{Role, both};

both!(
    async fn each_account_sees_only_its_providers(app) {
        let (p, q) = (app.fixture.provider_p, app.fixture.provider_q);
        let ids = |answer: &sesam_tests::Answer| -> Vec<String> {
            answer.body["items"].as_array().expect("items").iter().map(|x| x["id"].as_str().expect("id").to_owned()).collect()
        };
        for role in [Role::Admin, Role::It] {
            let all = app.get("/providers", role).await;
            assert_eq!(ids(&all).len(), 2, "{role:?}");
        }
        for role in [Role::OrdererP, Role::MemberP] {
            assert_eq!(ids(&app.get("/providers", role).await), vec![p.to_string()], "{role:?}");
            app.get(&format!("/providers/{p}"), role).await.expect(200);
            app.get(&format!("/providers/{q}"), role).await.expect_problem(404, "not_found");
            app.get(&format!("/providers/{q}/units"), role).await.expect_problem(404, "not_found");
        }
        let units = app.get(&format!("/providers/{p}/units"), Role::OrdererP).await;
        let names: Vec<&str> = units.body["items"].as_array().expect("items").iter().map(|u| u["name"].as_str().expect("name")).collect();
        assert_eq!(names, vec!["Boende Eken", "Boende Linden", "Hemtjänst Gränby"]);
        assert_eq!(ids(&app.get("/providers", Role::OrdererQ).await), vec![q.to_string()]);
    }
);

both!(
    async fn support_maintains_providers_and_units(app) {
        let created = app.post("/providers", Role::Admin, &json!({"name": "  Vård & Trygghet i Uppland AB ", "org_number": "2120003005"})).await;
        created.expect(201);
        assert_eq!(created.body["name"], "Vård & Trygghet i Uppland AB");
        assert_eq!(created.body["org_number"], "212000-3005");
        let id = created.id();
        app.post("/providers", Role::Admin, &json!({"name": "Annat AB", "org_number": "556036-0794"}))
            .await
            .expect_field_error("org_number", "invalid_format");
        let changed = app.patch(&format!("/providers/{id}"), Role::Admin, &json!({"org_number": null})).await;
        assert_eq!(changed.body["org_number"], serde_json::Value::Null);

        let unit = app.post(&format!("/providers/{id}/units"), Role::Admin, &json!({"name": "Korttidsboende Flogsta", "code": "VT-10"})).await;
        unit.expect(201);
        let unit_id = unit.id();
        app.post(&format!("/providers/{id}/units"), Role::Admin, &json!({"name": "Annan enhet", "code": "VT-10"}))
            .await
            .expect_problem(409, "already_exists");
        // The same code at another provider is fine: codes are unique per provider.
        app.post(&format!("/providers/{}/units", app.fixture.provider_q), Role::Admin, &json!({"name": "Flogsta", "code": "VT-10"}))
            .await
            .expect(201);
        let retired = app.patch(&format!("/units/{unit_id}"), Role::Admin, &json!({"active": false, "code": null})).await;
        assert_eq!(retired.body["active"], false);
        assert_eq!(retired.body["code"], serde_json::Value::Null);
        let active = app.get(&format!("/providers/{id}/units?active=true"), Role::Admin).await;
        assert_eq!(active.body["items"].as_array().expect("items").len(), 0);
        app.post(&format!("/providers/{}/units", uuid::Uuid::now_v7()), Role::Admin, &json!({"name": "X"}))
            .await
            .expect_problem(404, "not_found");
    }
);
