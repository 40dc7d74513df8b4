//! Ordering rights (rules 8 and 9).

use serde_json::json;
use sesam_tests::{Role, both};

both!(
    async fn orderers_grant_to_colleagues_and_compliance_follows(app) {
        let p = app.fixture.provider_p;
        let lisa = app.fixture.account(Role::MemberP).id;
        let list = app.get(&format!("/providers/{p}/ordering-rights"), Role::OrdererP).await;
        list.expect(200);
        assert_eq!(list.body["items"].as_array().expect("items").len(), 3, "Anna, Erik and (deactivated) Olle");
        // Olle is deactivated: only two count.
        assert_eq!(list.body["compliance"]["orderers"], 2);
        assert_eq!(list.body["compliance"]["orderers_required"], 2);

        let granted = app.post(&format!("/providers/{p}/ordering-rights"), Role::OrdererP, &json!({"account_id": lisa})).await;
        granted.expect(201);
        assert_eq!(granted.body["account_id"], lisa.to_string());
        assert_eq!(granted.body["account_name"], "Lisa Berg");
        assert_eq!(granted.body["granted_by"], app.fixture.account(Role::OrdererP).id.to_string());
        assert_eq!(granted.body["compliance"]["orderers"], 3);
        assert_eq!(granted.body["warnings"], json!([]));
        // Twice is a conflict.
        app.post(&format!("/providers/{p}/ordering-rights"), Role::OrdererP, &json!({"account_id": lisa}))
            .await
            .expect_problem(409, "already_granted");
        // Lisa can order now, at once.
        let me = app.get("/me", Role::MemberP).await;
        assert_eq!(me.body["ordering_rights"][0]["provider_id"], p.to_string());

        // Revoke it again, then grant anew: allowed after a revocation.
        let right = granted.id();
        let revoked = app.delete(&format!("/ordering-rights/{right}"), Role::OrdererP2).await;
        revoked.expect(200);
        assert!(revoked.body["revoked_at"].is_string());
        assert_eq!(revoked.body["revoked_by"], app.fixture.account(Role::OrdererP2).id.to_string());
        assert_eq!(revoked.body["compliance"]["orderers"], 2);
        app.delete(&format!("/ordering-rights/{right}"), Role::OrdererP2).await.expect_problem(409, "already_revoked");
        app.post(&format!("/providers/{p}/ordering-rights"), Role::OrdererP, &json!({"account_id": lisa})).await.expect(201);
    }
);

both!(
    async fn nobody_grants_to_themselves_or_for_another_provider(app) {
        let (p, q) = (app.fixture.provider_p, app.fixture.provider_q);
        let anna = app.fixture.account(Role::OrdererP).id;
        let sara = app.fixture.account(Role::OrdererQ).id;
        let lisa = app.fixture.account(Role::MemberP).id;
        app.post(&format!("/providers/{p}/ordering-rights"), Role::OrdererP, &json!({"account_id": anna}))
            .await
            .expect_problem(403, "self_grant_forbidden");
        app.post(&format!("/providers/{q}/ordering-rights"), Role::OrdererP, &json!({"account_id": sara}))
            .await
            .expect_problem(404, "not_found");
        // An account of another provider cannot get a right here.
        app.post(&format!("/providers/{p}/ordering-rights"), Role::OrdererP, &json!({"account_id": sara}))
            .await
            .expect_field_error("account_id", "account_not_in_provider");
        // Nor can a deactivated one, nor an unknown one.
        let olle = app.fixture.account(Role::Deactivated).id;
        app.post(&format!("/providers/{p}/ordering-rights"), Role::Admin, &json!({"account_id": olle}))
            .await
            .expect_field_error("account_id", "account_not_in_provider");
        app.post(&format!("/providers/{p}/ordering-rights"), Role::Admin, &json!({"account_id": uuid::Uuid::now_v7()}))
            .await
            .expect_field_error("account_id", "account_not_in_provider");
        // Accounts without a right, and IT, cannot grant.
        app.post(&format!("/providers/{p}/ordering-rights"), Role::MemberP, &json!({"account_id": lisa}))
            .await
            .expect_problem(403, "forbidden");
        app.post(&format!("/providers/{p}/ordering-rights"), Role::It, &json!({"account_id": lisa}))
            .await
            .expect_problem(403, "forbidden");
        // Support grants for any provider.
        app.post(&format!("/providers/{p}/ordering-rights"), Role::Admin, &json!({"account_id": lisa})).await.expect(201);
    }
);

both!(
    async fn an_orderer_cannot_revoke_the_last_right_but_support_can(app) {
        let q = app.fixture.provider_q;
        let list = app.get(&format!("/providers/{q}/ordering-rights"), Role::OrdererQ).await;
        assert_eq!(list.body["warnings"], json!(["too_few_orderers"]));
        let right = list.body["items"][0]["id"].as_str().expect("id").to_owned();
        app.delete(&format!("/ordering-rights/{right}"), Role::OrdererQ).await.expect_problem(409, "last_orderer");
        app.delete(&format!("/ordering-rights/{right}"), Role::OrdererP).await.expect_problem(404, "not_found");
        app.delete(&format!("/ordering-rights/{right}"), Role::It).await.expect_problem(403, "forbidden");
        let revoked = app.delete(&format!("/ordering-rights/{right}"), Role::Admin).await;
        revoked.expect(200);
        assert_eq!(revoked.body["compliance"]["orderers"], 0);
        assert_eq!(revoked.body["warnings"], json!(["too_few_orderers"]));
        // Sara lost her right at once.
        let me = app.get("/me", Role::OrdererQ).await;
        assert_eq!(me.body["ordering_rights"], json!([]));
    }
);

both!(
    async fn a_revocation_that_leaves_one_orderer_warns(app) {
        let p = app.fixture.provider_p;
        let list = app.get(&format!("/providers/{p}/ordering-rights"), Role::Admin).await;
        let erik = app.fixture.account(Role::OrdererP2).id.to_string();
        let right = list.body["items"].as_array().expect("items").iter().find(|r| r["account_id"] == erik.as_str()).expect("Erik's right")["id"]
            .as_str()
            .expect("id")
            .to_owned();
        let revoked = app.delete(&format!("/ordering-rights/{right}"), Role::OrdererP).await;
        revoked.expect(200);
        assert_eq!(revoked.body["compliance"]["orderers"], 1);
        assert_eq!(revoked.body["warnings"], json!(["too_few_orderers"]));
        let compliance = app.get("/compliance", Role::OrdererP).await;
        assert_eq!(compliance.body["items"].as_array().expect("items").len(), 1);
        assert!(compliance.body["items"][0]["issues"].as_array().expect("issues").contains(&json!("too_few_orderers")));
    }
);

sesam_tests::postgres_only!(
    async fn two_orderers_revoking_each_other_at_once_never_leave_none(app) {
        let p = app.fixture.provider_p;
        let anna = app.fixture.account(Role::OrdererP).id.to_string();
        let erik = app.fixture.account(Role::OrdererP2).id.to_string();
        for _ in 0..5 {
            let list = app.get(&format!("/providers/{p}/ordering-rights"), Role::Admin).await;
            let right_of = |who: &str| {
                list.body["items"].as_array().expect("items").iter().find(|r| r["account_id"] == who).expect("right")["id"]
                    .as_str()
                    .expect("id")
                    .to_owned()
            };
            let (annas, eriks) = (right_of(&anna), right_of(&erik));
            let (path_a, path_b) = (format!("/ordering-rights/{eriks}"), format!("/ordering-rights/{annas}"));
            let (a, b) = tokio::join!(app.delete(&path_a, Role::OrdererP), app.delete(&path_b, Role::OrdererP2));
            let mut statuses = [a.status, b.status];
            statuses.sort();
            assert_eq!(statuses[0], 200, "{} / {}", a.text, b.text);
            // The loser either lost the race under the provider's lock (409 last_orderer) or arrived
            // after its own right was gone: then the rights of P are not its to see (404, visibility
            // before permission, F9) or, seen in the same instant, not its to change (403).
            assert!(matches!(statuses[1], 403 | 404 | 409), "{} / {}", a.text, b.text);
            let row = app.get(&format!("/compliance?provider_id={p}"), Role::Admin).await;
            assert_eq!(row.body["items"][0]["orderers"], 1);
            // Support gives the revoked one back for the next round.
            let revoked = if a.status == 200 { &erik } else { &anna };
            app.post(&format!("/providers/{p}/ordering-rights"), Role::Admin, &json!({"account_id": revoked})).await.expect(201);
        }
    }
);
