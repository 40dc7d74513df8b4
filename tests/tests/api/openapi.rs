//! The served OpenAPI document is the committed one, and describes what the API does.

use sesam_tests::{Role, both, workspace_root};

both!(
    async fn the_served_document_equals_the_committed_one(app) {
        let served = app.get("/api/v1/openapi.json", Role::Anonymous).await;
        served.expect(200);
        let path = workspace_root().join("openapi/openapi.json");
        let committed: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("openapi/openapi.json")).expect("valid JSON");
        assert!(
            served.body == committed,
            "openapi/openapi.json is stale: regenerate it with `make openapi` and commit it"
        );
    }
);

both!(
    async fn every_operation_is_documented_with_tag_id_and_problems(app) {
        let doc = app.get("/api/v1/openapi.json", Role::Anonymous).await.body;
        let paths = doc["paths"].as_object().expect("paths");
        assert!(paths.len() >= 15);
        for (path, item) in paths {
            for (method, op) in item.as_object().expect("item") {
                let name = format!("{method} {path}");
                assert!(op["operationId"].is_string(), "{name}: no operationId");
                assert!(op["tags"].as_array().is_some_and(|t| !t.is_empty()), "{name}: no tag");
                assert!(op["security"].is_array(), "{name}: no security");
                let responses = op["responses"].as_object().expect("responses");
                assert!(responses.contains_key("503") && responses.contains_key("500"), "{name}: no 5xx");
                for (status, response) in responses {
                    if status.starts_with('4') || status.starts_with('5') {
                        assert!(
                            response["content"]["application/problem+json"].is_object(),
                            "{name} {status}: not problem+json"
                        );
                    }
                }
                if op["requestBody"].is_object() {
                    for status in ["400", "413", "415", "422"] {
                        assert!(responses.contains_key(status), "{name}: takes a body but does not document {status}");
                    }
                }
                let needs_token = op["security"].as_array().is_some_and(|s| s.iter().all(|r| r.as_object().is_some_and(|o| !o.is_empty())));
                if needs_token {
                    assert!(responses.contains_key("401"), "{name}: needs a token but does not document 401");
                }
            }
        }
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
        let docs = app.get("/api/docs/", Role::Anonymous).await;
        docs.expect(200);
        assert!(docs.text.contains("swagger"), "the docs page is Swagger UI");
    }
);
