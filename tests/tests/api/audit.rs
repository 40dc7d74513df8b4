//! The audit log: support reads who did what, when, for which provider.

use serde_json::{Value, json};
use sesam_tests::{Role, both};

fn actions(answer: &Value) -> Vec<String> {
    answer["items"].as_array().expect("items").iter().map(|e| e["action"].as_str().unwrap_or("").to_owned()).collect()
}

both!(
    async fn support_reads_the_log_newest_first_with_filters(app) {
        let p = app.fixture.provider_p;
        let lisa = app.fixture.account(Role::MemberP).id;
        let granted = app.post(&format!("/providers/{p}/ordering-rights"), Role::OrdererP, &json!({"account_id": lisa})).await;
        granted.expect(201);
        app.delete(&format!("/ordering-rights/{}", granted.id()), Role::OrdererP2).await.expect(200);
        // Rights are never deleted: the revoked one stays, and a new grant is a new row.
        app.post(&format!("/providers/{p}/ordering-rights"), Role::Admin, &json!({"account_id": lisa})).await.expect(201);

        let log = app.get(&format!("/audit?provider_id={p}&limit=3"), Role::Admin).await;
        log.expect(200);
        assert_eq!(actions(&log.body), vec!["ordering_right.granted", "ordering_right.revoked", "ordering_right.granted"]);
        let newest = &log.body["items"][0];
        assert_eq!(newest["actor_email"], "support@kommun.example");
        assert_eq!(newest["object_type"], "ordering_right");
        assert_eq!(newest["details"]["account_id"], lisa.to_string());
        assert!(newest["at"].is_string());
        let revoked = &log.body["items"][1];
        assert_eq!(revoked["actor_id"], app.fixture.account(Role::OrdererP2).id.to_string());
        assert_eq!(revoked["object_id"], granted.id().to_string());
        assert!(log.body["next_cursor"].is_string(), "the fixture's own grants follow");

        let by_erik = app.get(&format!("/audit?actor_id={}", app.fixture.account(Role::OrdererP2).id), Role::Admin).await;
        // Erik's own activation of his account (the fixture's invitation, rule 16) came before.
        assert_eq!(actions(&by_erik.body), vec!["ordering_right.revoked", "account.activated"]);
        let revocations = app.get("/audit?action=ordering_right.revoked", Role::Admin).await;
        assert_eq!(revocations.body["items"].as_array().expect("items").len(), 1);
        let future = app.get("/audit?since=2999-01-01T00:00:00Z", Role::Admin).await;
        assert_eq!(future.body["items"], json!([]));
        let recent = app.get(&format!("/audit?since={}", (chrono::Utc::now() - chrono::Duration::minutes(5)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)), Role::Admin).await;
        assert!(actions(&recent.body).contains(&"ordering_right.revoked".to_owned()));
        app.get("/audit?since=yesterday", Role::Admin).await.expect_problem(400, "invalid_query");

        // Walk every page: support's fixture writes (providers, units, catalogue, accounts) are there too.
        let mut all = Vec::new();
        let mut path = "/audit?limit=7".to_owned();
        loop {
            let page = app.get(&path, Role::Admin).await;
            all.extend(actions(&page.body));
            match page.body["next_cursor"].as_str() {
                Some(c) => path = format!("/audit?limit=7&cursor={c}"),
                None => break,
            }
        }
        for action in ["provider.created", "unit.created", "system.created", "permission.created", "account.created", "account.updated"] {
            assert!(all.contains(&action.to_owned()), "{action} in {all:?}");
        }
        app.get("/audit", Role::OrdererP).await.expect_problem(403, "forbidden");
        app.get("/audit", Role::It).await.expect_problem(403, "forbidden");
    }
);
