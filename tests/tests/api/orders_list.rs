//! Manage your orders: who sees which orders, the filters, the order and the pages of the list.

use crate::orders::{create, draft, order_in, siebel, statuses, with};
use serde_json::json;
use sesam_tests::{Role, both};
use std::collections::BTreeSet;

both!(
    async fn each_role_sees_what_it_may_and_nothing_else(app) {
        let p_draft = draft(&app).await.to_string();
        let p_sent = order_in(&app, "submitted").await.to_string();
        let q_body = with(siebel(&app), "unit_ids", json!([app.fixture.units_q[0]]));
        let q_draft = app.post("/orders", Role::OrdererQ, &q_body).await.id().to_string();
        let ids = |list: Vec<(String, String)>| list.into_iter().map(|(id, _)| id).collect::<BTreeSet<_>>();

        assert_eq!(ids(statuses(&app, Role::OrdererP, "").await), BTreeSet::from([p_draft.clone(), p_sent.clone()]));
        assert_eq!(ids(statuses(&app, Role::OrdererP2, "").await), BTreeSet::from([p_draft.clone(), p_sent.clone()]));
        assert_eq!(ids(statuses(&app, Role::OrdererQ, "").await), BTreeSet::from([q_draft.clone()]));
        assert_eq!(ids(statuses(&app, Role::It, "").await), BTreeSet::from([p_sent.clone()]), "IT sees no drafts");
        assert_eq!(ids(statuses(&app, Role::Admin, "").await), BTreeSet::from([p_draft.clone(), p_sent.clone(), q_draft.clone()]));
        app.get("/orders", Role::MemberP).await.expect_problem(403, "forbidden");
        app.get("/orders", Role::Anonymous).await.expect_problem(401, "unauthorized");

        // One order: invisible is 404, exactly as if it did not exist.
        for (id, role, status) in [
            (&p_draft, Role::OrdererP2, 200),
            (&p_draft, Role::Admin, 200),
            (&p_draft, Role::It, 404),
            (&p_sent, Role::It, 200),
            (&p_draft, Role::OrdererQ, 404),
            (&q_draft, Role::OrdererP, 404),
            (&p_sent, Role::MemberP, 404),
        ] {
            let answer = app.get(&format!("/orders/{id}"), role).await;
            assert_eq!(answer.status, status, "{role:?}: {}", answer.text);
        }
        app.get(&format!("/orders/{}", uuid::Uuid::now_v7()), Role::Admin).await.expect_problem(404, "not_found");
        app.get("/orders/not-an-id", Role::Admin).await.expect_problem(404, "not_found");
        // A revoked right hides them at once.
        let rights = app.get(&format!("/providers/{}/ordering-rights", app.fixture.provider_p), Role::Admin).await;
        let erik = app.fixture.account(Role::OrdererP2).id.to_string();
        let right = rights.body["items"].as_array().expect("items").iter().find(|r| r["account_id"] == erik.as_str()).expect("Erik's right")["id"]
            .as_str()
            .expect("id")
            .to_owned();
        app.delete(&format!("/ordering-rights/{right}"), Role::Admin).await.expect(200);
        app.get(&format!("/orders/{p_draft}"), Role::OrdererP2).await.expect_problem(404, "not_found");
    }
);

both!(
    async fn lists_mask_the_personal_number_and_the_detail_shows_it_whole(app) {
        let body = siebel(&app);
        let pn = body["subject"]["personal_number"].as_str().expect("pn").to_owned();
        let id = create(&app, &body).await.id();
        app.post(&format!("/orders/{id}/submit"), Role::OrdererP, &json!({})).await.expect(200);
        for role in [Role::OrdererP, Role::It, Role::Admin] {
            let list = app.get("/orders", role).await;
            assert_eq!(list.body["items"][0]["subject"]["personal_number"], format!("{}-****", &pn[..8]), "{role:?}");
            assert!(!list.text.contains(&pn), "{role:?}");
            let detail = app.get(&format!("/orders/{id}"), role).await;
            assert_eq!(detail.body["subject"]["personal_number"], pn.as_str(), "{role:?}");
        }
    }
);

both!(
    async fn the_list_filters_and_orders_as_asked(app) {
        let (p, q) = (app.fixture.provider_p, app.fixture.provider_q);
        let d = draft(&app).await.to_string();
        let sent = order_in(&app, "submitted").await.to_string();
        let taken = order_in(&app, "in_progress").await.to_string();
        let done = order_in(&app, "completed").await.to_string();
        let lifecare_body = json!({
            "kind": "revoke", "permission_id": app.fixture.perm_lifecare, "unit_ids": [app.fixture.units_p[1]],
            "subject": {"first_name": "Åsa", "last_name": "Öberg", "personal_number": crate::orders::new_person(),
                        "email": "Asa.Oberg@Omsorgnord.example"}
        });
        let revoke = app.post("/orders", Role::OrdererP2, &lifecare_body).await;
        revoke.expect(201);
        let revoke_id = revoke.id().to_string();
        let revoke_ref = revoke.body["reference"].as_str().expect("reference").to_owned();
        let ids = |list: Vec<(String, String)>| list.into_iter().map(|(id, _)| id).collect::<Vec<_>>();

        // Status, repeated.
        let open = ids(statuses(&app, Role::OrdererP, "&status=submitted&status=in_progress").await);
        assert_eq!(open, vec![taken.clone(), sent.clone()], "newest first");
        let oldest = ids(statuses(&app, Role::OrdererP, "&status=submitted&status=in_progress&order=oldest").await);
        assert_eq!(oldest, vec![sent.clone(), taken.clone()]);
        assert_eq!(ids(statuses(&app, Role::It, "&status=submitted&order=oldest").await), vec![sent.clone()]);
        // Kind, system, provider.
        assert_eq!(ids(statuses(&app, Role::OrdererP, "&kind=revoke").await), vec![revoke_id.clone()]);
        assert_eq!(ids(statuses(&app, Role::OrdererP, &format!("&system_id={}", app.fixture.lifecare)).await), vec![revoke_id.clone()]);
        assert_eq!(statuses(&app, Role::OrdererP, &format!("&provider_id={p}")).await.len(), 5);
        assert_eq!(statuses(&app, Role::Admin, &format!("&provider_id={q}")).await.len(), 0);
        app.get(&format!("/orders?provider_id={q}"), Role::OrdererP).await.expect_problem(403, "no_ordering_right");
        // Mine: created by me.
        assert_eq!(ids(statuses(&app, Role::OrdererP2, "&mine=true").await), vec![revoke_id.clone()]);
        assert_eq!(statuses(&app, Role::OrdererP, "&mine=true").await.len(), 4);
        assert_eq!(ids(statuses(&app, Role::It, "&mine=true").await), vec![done.clone(), taken.clone()]);
        // Free text: name (any case, also beyond ASCII), reference, email.
        for q in ["öberg", "ÅSA", "%C3%85sa%20%C3%96berg", "asa.oberg@omsorgnord", &revoke_ref.to_lowercase()] {
            assert_eq!(ids(statuses(&app, Role::OrdererP, &format!("&q={q}")).await), vec![revoke_id.clone()], "q={q}");
        }
        // A whole reference is looked up by its index; part of one is searched as text.
        let partial = &revoke_ref[..revoke_ref.len() - 1];
        assert!(ids(statuses(&app, Role::OrdererP, &format!("&q={partial}")).await).contains(&revoke_id), "q={partial}");
        assert_eq!(statuses(&app, Role::OrdererP, "&q=SES-2026-999999").await.len(), 0);
        assert_eq!(statuses(&app, Role::OrdererP, "&q=karin").await.len(), 4);
        assert!(statuses(&app, Role::OrdererP, "&q=%25").await.is_empty(), "a % is a character, not a wildcard");
        assert!(statuses(&app, Role::OrdererP, "&q=nobody").await.is_empty());
        // Changed since: everything now, nothing in the future.
        assert_eq!(statuses(&app, Role::Admin, "&updated_since=2000-01-01T00:00:00Z").await.len(), 5);
        assert!(statuses(&app, Role::Admin, "&updated_since=2999-01-01T00:00:00%2B01:00").await.is_empty());
        assert_eq!(statuses(&app, Role::OrdererP, "&status=draft&mine=true").await, vec![(d.clone(), "draft".into())]);
        assert_eq!(statuses(&app, Role::OrdererP, "&status=draft").await.len(), 2);
        // Bad filters are 400.
        for bad in ["status=done", "kind=lend", "mine=ja", "order=random", "updated_since=igår", "provider_id=1", "limit=201", "limit=0", "cursor=zz"] {
            app.get(&format!("/orders?{bad}"), Role::OrdererP).await.expect_problem(400, "invalid_query");
        }
    }
);

both!(
    async fn pages_follow_each_other_without_gaps_or_repeats(app) {
        let mut made = Vec::new();
        for _ in 0..5 {
            made.push(draft(&app).await.to_string());
        }
        for (order, expected) in [("newest", made.iter().rev().cloned().collect::<Vec<_>>()), ("oldest", made.clone())] {
            let mut seen = Vec::new();
            let mut cursor: Option<String> = None;
            let mut pages = 0;
            loop {
                let path = match &cursor {
                    Some(c) => format!("/orders?limit=2&order={order}&cursor={c}"),
                    None => format!("/orders?limit=2&order={order}"),
                };
                let page = app.get(&path, Role::OrdererP).await;
                page.expect(200);
                pages += 1;
                seen.extend(page.body["items"].as_array().expect("items").iter().map(|o| o["id"].as_str().expect("id").to_owned()));
                match page.body["next_cursor"].as_str() {
                    Some(c) => cursor = Some(c.to_owned()),
                    None => break,
                }
            }
            assert_eq!(pages, 3);
            assert_eq!(seen, expected, "{order}");
        }
    }
);
