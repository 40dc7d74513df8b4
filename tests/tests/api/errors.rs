//! Every class of error answers RFC 9457 problem+json, never actix's plain text and never a 500.

use serde_json::json;
use sesam_tests::{Role, both};

both!(
    async fn malformed_json_is_400(app) {
        let req = app.request(reqwest::Method::POST, "/providers", Role::Admin).header("content-type", "application/json").body("{\"name\": ");
        app.send(req).await.expect_problem(400, "malformed_json");
    }
);

both!(
    async fn a_wrong_content_type_is_415(app) {
        let req = app.request(reqwest::Method::POST, "/providers", Role::Admin).header("content-type", "text/plain").body("{\"name\": \"X\"}");
        app.send(req).await.expect_problem(415, "unsupported_media_type");
        let req = app.request(reqwest::Method::POST, "/providers", Role::Admin).body("name=X");
        app.send(req).await.expect_problem(415, "unsupported_media_type");
        // A JSON-suffixed type is JSON.
        let req = app
            .request(reqwest::Method::POST, "/providers", Role::Admin)
            .header("content-type", "application/merge-patch+json")
            .body("{\"name\": \"Suffixet AB\"}");
        app.send(req).await.expect(201);
    }
);

both!(
    async fn a_too_large_body_is_413(app) {
        let big = "x".repeat(200 * 1024);
        let answer = app.post("/providers", Role::Admin, &json!({"name": big})).await;
        answer.expect_problem(413, "payload_too_large");
    }
);

both!(
    async fn a_body_breaking_the_contract_is_422_with_every_problem(app) {
        let answer = app
            .post(
                "/accounts",
                Role::Admin,
                &json!({"email": "not-an-email", "password": "short", "roles": ["wizard"], "personal_number": "19121212-1213", "nickname": "x"}),
            )
            .await;
        answer.expect_problem(422, "validation_failed");
        assert_eq!(
            answer.field_errors(),
            vec![
                ("email".into(), "invalid_email".into()),
                ("name".into(), "required".into()),
                ("nickname".into(), "unknown_field".into()),
                ("password".into(), "unknown_field".into()),
                ("personal_number".into(), "invalid_personal_number".into()),
                ("roles[0]".into(), "invalid_format".into()),
            ]
        );
        for e in answer.body["errors"].as_array().expect("errors") {
            assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()));
        }
        // Not an object at all.
        app.post("/providers", Role::Admin, &json!(["Omsorg"])).await.expect_field_error("", "invalid_format");
        // Wrong types.
        let answer = app.post("/providers", Role::Admin, &json!({"name": 5, "active": "yes"})).await;
        assert_eq!(answer.field_errors(), vec![("active".into(), "invalid_format".into()), ("name".into(), "invalid_format".into())]);
    }
);

both!(
    async fn text_with_a_nul_byte_is_422_invalid_format(app) {
        let answer = app.post("/providers", Role::Admin, &json!({"name": "Omsorg\u{0}Nord"})).await;
        answer.expect_field_error("name", "invalid_format");
    }
);

both!(
    async fn messages_follow_accept_language(app) {
        let sv = app.send(app.request(reqwest::Method::POST, "/providers", Role::Admin).json(&json!({}))).await;
        assert_eq!(sv.header("content-language"), Some("sv"));
        assert_eq!(sv.body["errors"][0]["message"], "Fältet är obligatoriskt.");
        let en = app
            .send(app.request(reqwest::Method::POST, "/providers", Role::Admin).header("accept-language", "en-GB,en;q=0.9").json(&json!({})))
            .await;
        assert_eq!(en.header("content-language"), Some("en"));
        assert_eq!(en.body["errors"][0]["message"], "This field is required.");
        assert_eq!(en.body["title"], "Validation failed");
    }
);

both!(
    async fn unknown_routes_and_ids_are_404_and_other_methods_405_problems(app) {
        app.get("/no-such-thing", Role::Admin).await.expect_problem(404, "not_found");
        app.get("/providers/not-a-uuid", Role::Admin).await.expect_problem(404, "not_found");
        app.get(&format!("/providers/{}", uuid::Uuid::now_v7()), Role::Admin).await.expect_problem(404, "not_found");
        app.get("/api/nothing", Role::Anonymous).await.expect_problem(404, "not_found");
        // A path the API serves, with a method it does not: 405 naming the ones it does.
        let answer = app.send(app.request(reqwest::Method::PUT, "/providers", Role::Admin).json(&json!({}))).await;
        answer.expect_problem(405, "method_not_allowed");
        assert_eq!(answer.header("allow"), Some("GET, HEAD, POST"));
        let id = uuid::Uuid::now_v7();
        let answer = app.send(app.request(reqwest::Method::PUT, &format!("/orders/{id}"), Role::Anonymous)).await;
        answer.expect_problem(405, "method_not_allowed");
        assert_eq!(answer.header("allow"), Some("GET, HEAD, PATCH, DELETE"));
        // In English too (the problem is rendered again in the client's language).
        let answer = app
            .send(app.request(reqwest::Method::DELETE, &format!("/orders/{id}/submit"), Role::OrdererP).header("accept-language", "en"))
            .await;
        answer.expect_problem(405, "method_not_allowed");
        assert_eq!(answer.header("allow"), Some("POST"));
        assert_eq!(answer.body["title"], "Method not allowed");
        app.send(app.request(reqwest::Method::PUT, "/no-such-thing", Role::Admin)).await.expect_problem(404, "not_found");
    }
);

both!(
    async fn a_bad_query_is_400(app) {
        app.get("/providers?limit=many", Role::Admin).await.expect_problem(400, "invalid_query");
        app.get("/providers?limit=201", Role::Admin).await.expect_problem(400, "invalid_query");
        app.get("/providers?cursor=zzzz", Role::Admin).await.expect_problem(400, "invalid_query");
        app.get("/permissions?system_id=nope", Role::Anonymous).await.expect_problem(400, "invalid_query");
    }
);

both!(
    async fn conflicts_are_409(app) {
        app.post("/providers", Role::Admin, &json!({"name": "Omsorg Nord AB"})).await.expect_problem(409, "already_exists");
    }
);

both!(
    async fn the_support_api_is_403_for_orderers_and_it(app) {
        let p = app.fixture.provider_p;
        let unit = app.fixture.units_p[0];
        let perm = app.fixture.perm_siebel;
        let sys = app.fixture.siebel;
        let anna = app.fixture.account(Role::OrdererP).id;
        for role in [Role::OrdererP, Role::It, Role::MemberP] {
            for (method, path, body) in [
                ("POST", "/providers".to_owned(), json!({"name": "Nytt AB"})),
                ("PATCH", format!("/providers/{p}"), json!({"name": "Nytt namn"})),
                ("POST", format!("/providers/{p}/units"), json!({"name": "Ny enhet"})),
                ("PATCH", format!("/units/{unit}"), json!({"name": "Ny enhet"})),
                ("POST", "/systems".to_owned(), json!({"name": "Nytt system"})),
                ("PATCH", format!("/systems/{sys}"), json!({"active": false})),
                ("POST", "/permissions".to_owned(), json!({"system_id": sys, "name": "Ny"})),
                ("PATCH", format!("/permissions/{perm}"), json!({"active": false})),
                ("PATCH", format!("/accounts/{anna}"), json!({"roles": ["admin"]})),
            ] {
                let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
                let answer = app.send(app.request(method.clone(), &path, role).json(&body)).await;
                answer.expect_problem(403, "forbidden");
                let _ = (method, path);
            }
        }
        // Nothing changed.
        let provider = app.get(&format!("/providers/{p}"), Role::Admin).await;
        assert_eq!(provider.body["name"], "Omsorg Nord AB");
        assert_eq!(app.get(&format!("/accounts/{anna}"), Role::Admin).await.body["roles"], json!([]));
    }
);

both!(
    async fn security_headers_are_set(app) {
        let answer = app.get("/health/live", Role::Anonymous).await;
        answer.expect(200);
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(answer.header("referrer-policy"), Some("no-referrer"));
        assert!(answer.header("content-security-policy").is_some());
        let ready = app.get("/health/ready", Role::Anonymous).await;
        ready.expect(200);
        assert_eq!(ready.body["status"], "ok");
    }
);

both!(
    async fn head_answers_as_get_without_a_body(app) {
        for (path, role) in [("/health/live", Role::Anonymous), ("/systems", Role::Anonymous), ("/orders", Role::OrdererP)] {
            let get = app.send(app.request(reqwest::Method::GET, path, role)).await;
            get.expect(200);
            let head = app.send(app.request(reqwest::Method::HEAD, path, role)).await;
            head.expect(200);
            assert!(head.text.is_empty(), "HEAD {path} sent a body: {}", head.text);
            assert_eq!(head.header("content-type"), get.header("content-type"), "HEAD {path}");
            assert_eq!(head.header("content-length"), Some(get.text.len().to_string().as_str()), "HEAD {path}");
        }
        // The same rules as GET: no token is 401 with its challenge; what may not be seen is 404.
        let head = app.send(app.request(reqwest::Method::HEAD, "/orders", Role::Anonymous)).await;
        assert_eq!(head.status, 401);
        assert!(head.header("www-authenticate").is_some_and(|h| h.starts_with("Bearer")));
        let head = app.send(app.request(reqwest::Method::HEAD, "/providers/00000000-0000-7000-8000-000000000000", Role::OrdererP)).await;
        assert_eq!(head.status, 404);
        assert!(head.text.is_empty());
    }
);
