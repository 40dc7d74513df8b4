//! The catalogue: public reads, support's writes, and the systems' extra-field rules as data.

use serde_json::json;
use sesam_tests::{Role, both};

both!(
    async fn the_catalogue_is_readable_without_a_token(app) {
        let systems = app.get("/systems", Role::Anonymous).await;
        systems.expect(200);
        let names: Vec<&str> = systems.body["items"].as_array().expect("items").iter().map(|s| s["name"].as_str().expect("name")).collect();
        assert_eq!(names, vec!["Cosmic Link", "Lifecare", "Siebel"]);
        assert_eq!(systems.body["next_cursor"], serde_json::Value::Null);
        let lifecare = app.get(&format!("/systems/{}", app.fixture.lifecare), Role::Anonymous).await;
        assert_eq!(lifecare.body["required_fields"], json!(["lifecare_title"]));
        assert_eq!(lifecare.body["allowed_values"]["lifecare_title"][0], "Undersköterska");

        let perms = app.get(&format!("/permissions?system_id={}", app.fixture.lifecare), Role::Anonymous).await;
        perms.expect(200);
        assert_eq!(perms.body["items"].as_array().expect("items").len(), 3);
        let active = app.get(&format!("/permissions?system_id={}&active=true", app.fixture.lifecare), Role::Anonymous).await;
        assert_eq!(active.body["items"].as_array().expect("items").len(), 2);
        app.get(&format!("/permissions/{}", app.fixture.perm_cosmic), Role::Anonymous).await.expect(200);
        app.get(&format!("/permissions/{}", uuid::Uuid::now_v7()), Role::Anonymous).await.expect_problem(404, "not_found");
    }
);

both!(
    async fn lists_page_with_a_cursor(app) {
        let first = app.get("/permissions?limit=2", Role::Anonymous).await;
        assert_eq!(first.body["items"].as_array().expect("items").len(), 2);
        let cursor = first.body["next_cursor"].as_str().expect("a next page").to_owned();
        let second = app.get(&format!("/permissions?limit=2&cursor={cursor}"), Role::Anonymous).await;
        let third_cursor = second.body["next_cursor"].as_str().expect("a third page").to_owned();
        let third = app.get(&format!("/permissions?limit=2&cursor={third_cursor}"), Role::Anonymous).await;
        assert_eq!(third.body["next_cursor"], serde_json::Value::Null);
        let mut names: Vec<String> = [&first, &second, &third]
            .iter()
            .flat_map(|a| a.body["items"].as_array().expect("items").iter().map(|p| p["name"].as_str().expect("name").to_owned()).collect::<Vec<_>>())
            .collect();
        assert_eq!(names.len(), 5);
        let sorted = {
            let mut s = names.clone();
            s.sort();
            s
        };
        assert_eq!(names, sorted, "pages come in name order");
        names.dedup();
        assert_eq!(names.len(), 5, "no item twice");
    }
);

both!(
    async fn support_adds_a_system_that_needs_a_field_without_a_release(app) {
        let created = app
            .post(
                "/systems",
                Role::Admin,
                &json!({"name": "Procapita", "description": "Nytt system", "required_fields": ["profession", "lifecare_title"],
                        "allowed_values": {"profession": ["Sjuksköterska", "Sjuksköterska", " Läkare "]}}),
            )
            .await;
        created.expect(201);
        assert_eq!(created.body["required_fields"], json!(["profession", "lifecare_title"]));
        assert_eq!(created.body["allowed_values"], json!({"profession": ["Sjuksköterska", "Läkare"]}));
        let id = created.id();
        let changed = app.patch(&format!("/systems/{id}"), Role::Admin, &json!({"required_fields": [], "active": false})).await;
        changed.expect(200);
        assert_eq!(changed.body["required_fields"], json!([]));
        assert_eq!(changed.body["active"], false);
        assert_eq!(changed.body["name"], "Procapita");

        let bad = app
            .post("/systems", Role::Admin, &json!({"name": "X", "required_fields": ["shoe_size"], "allowed_values": {"colour": ["blå"]}}))
            .await;
        assert_eq!(
            bad.field_errors(),
            vec![("allowed_values.colour".into(), "value_not_allowed".into()), ("required_fields[0]".into(), "value_not_allowed".into())]
        );
        app.post("/systems", Role::Admin, &json!({"name": "Lifecare"})).await.expect_problem(409, "already_exists");
    }
);

both!(
    async fn support_adds_and_retires_permissions(app) {
        let created = app.post("/permissions", Role::Admin, &json!({"system_id": app.fixture.siebel, "name": "Läsare", "description": "Läsa ärenden"})).await;
        created.expect(201);
        assert_eq!(created.body["active"], true);
        let id = created.id();
        let retired = app.patch(&format!("/permissions/{id}"), Role::Admin, &json!({"active": false})).await;
        assert_eq!(retired.body["active"], false);
        assert_eq!(retired.body["description"], "Läsa ärenden");
        app.post("/permissions", Role::Admin, &json!({"system_id": uuid::Uuid::now_v7(), "name": "X"}))
            .await
            .expect_field_error("system_id", "unknown_system");
        app.post("/permissions", Role::Admin, &json!({"system_id": app.fixture.siebel, "name": "Läsare"}))
            .await
            .expect_problem(409, "already_exists");
    }
);
