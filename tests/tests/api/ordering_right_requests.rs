//! Asking for an ordering right (rule 8): orderers are asked, or support when there are none; the
//! asker is told the answer.

use serde_json::{Value, json};
use sesam_tests::{Role, both};

fn kinds(notifications: &Value) -> Vec<String> {
    notifications["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|n| n["kind"].as_str().unwrap_or("").to_owned())
        .collect()
}

both!(
    async fn asking_notifies_the_orderers_and_a_grant_tells_the_asker(app) {
        let p = app.fixture.provider_p;
        let lisa = app.fixture.account(Role::MemberP).id;
        assert_eq!(app.get("/me", Role::MemberP).await.body["ordering_right_requests"], json!([]));
        let asked = app
            .post(&format!("/providers/{p}/ordering-right-requests"), Role::MemberP, &json!({"message": "Jag är ny samordnare."}))
            .await;
        asked.expect(201);
        assert_eq!(asked.body["status"], "pending");
        assert_eq!(asked.body["account_id"], lisa.to_string());
        assert_eq!(asked.body["account_name"], "Lisa Berg");
        assert_eq!(asked.body["provider_name"], "Omsorg Nord AB");
        assert_eq!(asked.body["message"], "Jag är ny samordnare.");
        // One open request per account and provider.
        app.post(&format!("/providers/{p}/ordering-right-requests"), Role::MemberP, &json!({}))
            .await
            .expect_problem(409, "already_requested");
        // Lisa sees her request waiting (the app shows it instead of the form); nobody else has it.
        let me = app.get("/me", Role::MemberP).await;
        assert_eq!(me.body["ordering_right_requests"], json!([asked.body.clone()]));
        assert_eq!(app.get("/me", Role::OrdererP).await.body["ordering_right_requests"], json!([]));

        // Both orderers of P are told, in the app and by email; support is not (P has orderers).
        for role in [Role::OrdererP, Role::OrdererP2] {
            let mine = app.get("/me/notifications", role).await;
            assert_eq!(kinds(&mine.body), vec!["ordering_right_requested"], "{role:?}");
            assert!(mine.body["items"][0]["title"].as_str().expect("title").contains("Lisa Berg"));
            assert!(mine.body["items"][0]["body"].as_str().expect("body").contains("Jag är ny samordnare."));
        }
        assert_eq!(kinds(&app.get("/me/notifications", Role::Admin).await.body), Vec::<String>::new());
        let outbox = app.outbox().await;
        let mut recipients: Vec<&str> = outbox.iter().map(|r| r.recipient.as_str()).collect();
        recipients.sort();
        assert_eq!(recipients, vec!["anna.lind@omsorgnord.example", "erik.holm@omsorgnord.example"]);
        assert!(outbox.iter().all(|r| r.kind == "ordering_right_requested" && r.subject.contains("Lisa Berg") && !r.sent));

        let list = app.get(&format!("/providers/{p}/ordering-right-requests?status=pending"), Role::OrdererP).await;
        list.expect(200);
        assert_eq!(list.body["items"].as_array().expect("items").len(), 1);
        let none = app.get(&format!("/providers/{p}/ordering-right-requests?status=granted"), Role::Admin).await;
        assert_eq!(none.body["items"], json!([]));
        app.get(&format!("/providers/{p}/ordering-right-requests?status=maybe"), Role::Admin).await.expect_problem(400, "invalid_query");

        let request = asked.id();
        let granted = app.post(&format!("/ordering-right-requests/{request}/grant"), Role::OrdererP, &json!({})).await;
        granted.expect(200);
        assert_eq!(granted.body["request"]["status"], "granted");
        assert_eq!(granted.body["request"]["decided_by"], app.fixture.account(Role::OrdererP).id.to_string());
        assert_eq!(granted.body["ordering_right"]["account_id"], lisa.to_string());
        assert_eq!(granted.body["request"]["ordering_right_id"], granted.body["ordering_right"]["id"]);
        assert_eq!(granted.body["compliance"]["orderers"], 3);
        assert_eq!(granted.body["warnings"], json!([]));
        app.post(&format!("/ordering-right-requests/{request}/grant"), Role::OrdererP2, &json!({}))
            .await
            .expect_problem(409, "already_decided");
        app.post(&format!("/ordering-right-requests/{request}/decline"), Role::OrdererP2, &json!({}))
            .await
            .expect_problem(409, "already_decided");

        // Lisa is told, and orders at once.
        let told = app.get("/me/notifications", Role::MemberP).await;
        assert_eq!(kinds(&told.body), vec!["ordering_right_granted"]);
        assert!(told.body["items"][0]["body"].as_str().expect("body").contains("Anna Lind"));
        let me = app.get("/me", Role::MemberP).await;
        assert_eq!(me.body["ordering_rights"][0]["provider_id"], p.to_string());
        assert_eq!(me.body["ordering_right_requests"], json!([]), "answered: no longer waiting");
        assert!(app.outbox().await.iter().any(|r| r.recipient == "lisa.berg@omsorgnord.example" && r.kind == "ordering_right_granted"));

        // Audited: the request, the right, and the answer.
        let audit = app.get(&format!("/audit?provider_id={p}&limit=200"), Role::Admin).await;
        let actions: Vec<&str> = audit.body["items"].as_array().expect("items").iter().filter_map(|e| e["action"].as_str()).collect();
        for action in ["ordering_right_request.created", "ordering_right.granted", "ordering_right_request.granted"] {
            assert!(actions.contains(&action), "{action} in {actions:?}");
        }
    }
);

both!(
    async fn support_is_asked_when_the_provider_has_no_orderer_and_a_decline_tells_why(app) {
        let q = app.fixture.provider_q;
        // Q's only orderer loses the right (support may do that).
        let rights = app.get(&format!("/providers/{q}/ordering-rights"), Role::Admin).await;
        let right = rights.body["items"][0]["id"].as_str().expect("id").to_owned();
        app.delete(&format!("/ordering-rights/{right}"), Role::Admin).await.expect(200);

        let olof = app.new_account(q, "olof.strand@hemtjanstsyd.example", "Olof Strand").await;
        let asked = app.post_as(olof, &format!("/providers/{q}/ordering-right-requests"), &json!({"message": "Vi saknar beställare."})).await;
        asked.expect(201);
        assert_eq!(asked.body["message"], "Vi saknar beställare.");
        let support = app.get("/me/notifications", Role::Admin).await;
        assert_eq!(kinds(&support.body), vec!["ordering_right_requested"]);
        assert!(app.outbox().await.iter().any(|r| r.recipient == "support@kommun.example"));
        // Sara (no longer an orderer) is not asked.
        assert_eq!(kinds(&app.get("/me/notifications", Role::OrdererQ).await.body), Vec::<String>::new());

        let request = asked.id();
        let declined = app
            .post(&format!("/ordering-right-requests/{request}/decline"), Role::Admin, &json!({"reason": "Kontakta din verksamhetschef."}))
            .await;
        declined.expect(200);
        assert_eq!(declined.body["status"], "declined");
        assert_eq!(declined.body["decline_reason"], "Kontakta din verksamhetschef.");
        let told = app.get_as(olof, "/me/notifications").await;
        assert_eq!(kinds(&told.body), vec!["ordering_right_declined"]);
        assert!(told.body["items"][0]["body"].as_str().expect("body").contains("Kontakta din verksamhetschef."));
        let me = app.get_as(olof, "/me").await;
        assert_eq!(me.body["ordering_rights"], json!([]));
        assert_eq!(me.body["ordering_right_requests"], json!([]), "declined: no longer waiting");
        let declined_list = app.get(&format!("/providers/{q}/ordering-right-requests?status=declined"), Role::Admin).await;
        assert_eq!(declined_list.body["items"].as_array().expect("items").len(), 1);
        // After an answer, one may ask again.
        app.post_as(olof, &format!("/providers/{q}/ordering-right-requests"), &json!({})).await.expect(201);
        let audit = app.get("/audit?action=ordering_right_request.declined", Role::Admin).await;
        assert_eq!(audit.body["items"][0]["actor_email"], "support@kommun.example");
        assert_eq!(audit.body["items"][0]["provider_id"], q.to_string());
    }
);

both!(
    async fn only_accounts_of_the_provider_without_a_right_ask_and_only_its_orderers_or_support_answer(app) {
        let (p, q) = (app.fixture.provider_p, app.fixture.provider_q);
        let path = format!("/providers/{p}/ordering-right-requests");
        let empty = json!({});
        let ask = |role| app.post(&path, role, &empty);
        ask(Role::OrdererP).await.expect_problem(403, "forbidden");
        ask(Role::It).await.expect_problem(403, "forbidden");
        ask(Role::Admin).await.expect_problem(403, "forbidden");
        ask(Role::OrdererQ).await.expect_problem(404, "not_found");
        app.post(&format!("/providers/{q}/ordering-right-requests"), Role::MemberP, &json!({})).await.expect_problem(404, "not_found");
        app.post(&format!("/providers/{p}/ordering-right-requests"), Role::MemberP, &json!({"message": 3, "extra": true}))
            .await
            .expect_field_error("message", "invalid_format")
            .expect_field_error("extra", "unknown_field");
        let request = ask(Role::MemberP).await.expect(201).id();
        app.post(&format!("/ordering-right-requests/{request}/grant"), Role::OrdererQ, &json!({})).await.expect_problem(404, "not_found");
        // IT does not read requests for ordering rights: to it they do not exist (the review's F9).
        app.post(&format!("/ordering-right-requests/{request}/grant"), Role::It, &json!({})).await.expect_problem(404, "not_found");
        app.post(&format!("/ordering-right-requests/{request}/grant"), Role::MemberP, &json!({})).await.expect_problem(403, "forbidden");
        app.get(&format!("/providers/{p}/ordering-right-requests"), Role::It).await.expect_problem(403, "forbidden");
        app.get(&format!("/providers/{p}/ordering-right-requests"), Role::OrdererQ).await.expect_problem(404, "not_found");
        app.post(&format!("/ordering-right-requests/{}/grant", uuid::Uuid::now_v7()), Role::Admin, &json!({})).await.expect_problem(404, "not_found");

        // A right granted directly answers the pending request too.
        let lisa = app.fixture.account(Role::MemberP).id;
        app.post(&format!("/providers/{p}/ordering-rights"), Role::OrdererP2, &json!({"account_id": lisa})).await.expect(201);
        let list = app.get(&format!("/providers/{p}/ordering-right-requests"), Role::OrdererP).await;
        assert_eq!(list.body["items"][0]["status"], "granted");
        assert_eq!(list.body["items"][0]["decided_by"], app.fixture.account(Role::OrdererP2).id.to_string());
        assert_eq!(kinds(&app.get("/me/notifications", Role::MemberP).await.body), vec!["ordering_right_granted"]);
    }
);
