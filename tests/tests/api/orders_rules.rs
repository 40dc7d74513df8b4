//! The order rules (1–7, 12, 13) and who may order: each refusal, and the accepted case beside it.

use crate::orders::{create, draft, lifecare, new_person, siebel, with};
use serde_json::json;
use sesam_tests::{PASSWORD, Role, both};
use uuid::Uuid;

both!(
    async fn mandatory_fields_are_required(app) {
        let answer = app.post("/orders", Role::OrdererP, &json!({})).await;
        answer.expect_problem(422, "validation_failed");
        let fields: Vec<(String, String)> = answer.field_errors();
        let want: Vec<(String, String)> = ["permission_id", "subject.first_name", "subject.last_name", "subject.personal_number", "unit_ids"]
            .iter()
            .map(|f| (f.to_string(), "required".to_string()))
            .collect();
        assert_eq!(fields, want);
        // Blank text and an empty unit list are missing too.
        let body = with(with(siebel(&app), "subject.first_name", json!("  ")), "unit_ids", json!([]));
        let answer = app.post("/orders", Role::OrdererP, &body).await;
        assert_eq!(
            answer.field_errors(),
            vec![("subject.first_name".into(), "required".into()), ("unit_ids".into(), "required".into())]
        );
        // Email and phone are optional.
        create(&app, &siebel(&app)).await;
    }
);

both!(
    async fn an_order_names_exactly_one_permission(app) {
        let two = json!([app.fixture.perm_siebel, app.fixture.perm_lifecare]);
        let mut body = siebel(&app);
        body["permission_ids"] = two.clone();
        app.post("/orders", Role::OrdererP, &body).await.expect_field_error("permission_ids", "one_permission_per_order");
        let body = with(siebel(&app), "permission_id", two);
        let answer = app.post("/orders", Role::OrdererP, &body).await;
        answer.expect_field_error("permission_id", "one_permission_per_order");
        assert_eq!(answer.field_errors().len(), 1, "{}", answer.text);
        // Not a permission id at all is a format problem.
        let body = with(siebel(&app), "permission_id", json!("Handläggare"));
        app.post("/orders", Role::OrdererP, &body).await.expect_field_error("permission_id", "invalid_format");
        // One is fine.
        create(&app, &siebel(&app)).await;
    }
);

both!(
    async fn the_permission_must_exist_and_be_active(app) {
        let body = with(siebel(&app), "permission_id", json!(Uuid::now_v7()));
        app.post("/orders", Role::OrdererP, &body).await.expect_field_error("permission_id", "unknown_permission");
        let body = with(lifecare(&app), "permission_id", json!(app.fixture.perm_inactive));
        app.post("/orders", Role::OrdererP, &body).await.expect_field_error("permission_id", "inactive_permission");
        let body = with(lifecare(&app), "permission_id", json!(app.fixture.perm_lifecare_read));
        create(&app, &body).await;
    }
);

both!(
    async fn units_are_the_providers_own(app) {
        let body = with(siebel(&app), "unit_ids", json!([app.fixture.units_p[0], app.fixture.units_q[0], Uuid::now_v7()]));
        let answer = app.post("/orders", Role::OrdererP, &body).await;
        assert_eq!(
            answer.field_errors(),
            vec![("unit_ids[1]".into(), "unit_not_in_provider".into()), ("unit_ids[2]".into(), "unit_not_in_provider".into())]
        );
        let body = with(siebel(&app), "unit_ids", json!(["inte-ett-id"]));
        app.post("/orders", Role::OrdererP, &body).await.expect_field_error("unit_ids[0]", "invalid_format");
        // All of P's units, one named twice, is fine (and counted once).
        let body = with(siebel(&app), "unit_ids", json!([app.fixture.units_p[2], app.fixture.units_p[0], app.fixture.units_p[2]]));
        let created = create(&app, &body).await;
        assert_eq!(created.body["unit_ids"].as_array().expect("units").len(), 2);
        // A closed unit gets no new permissions, but they may still be revoked there.
        let closed = app.fixture.units_p[1];
        app.patch(&format!("/units/{closed}"), Role::Admin, &json!({"active": false})).await.expect(200);
        let body = with(siebel(&app), "unit_ids", json!([closed]));
        app.post("/orders", Role::OrdererP, &body).await.expect_field_error("unit_ids[0]", "value_not_allowed");
        create(&app, &with(body, "kind", json!("revoke"))).await;
    }
);

both!(
    async fn lifecare_needs_a_title_from_its_list_and_cosmic_link_a_profession(app) {
        let body = with(lifecare(&app), "lifecare_title", json!(null));
        app.post("/orders", Role::OrdererP, &body).await.expect_field_error("lifecare_title", "lifecare_title_required");
        let body = with(lifecare(&app), "lifecare_title", json!("Trollkarl"));
        let answer = app.post("/orders", Role::OrdererP, &body).await;
        answer.expect_field_error("lifecare_title", "value_not_allowed");
        assert!(answer.text.contains("Sjuksköterska"), "the message names the allowed values: {}", answer.text);
        // An allowed value, whatever its case, is stored as the list spells it.
        let created = create(&app, &with(lifecare(&app), "lifecare_title", json!("sjuksköterska"))).await;
        assert_eq!(created.body["lifecare_title"], "Sjuksköterska");

        let cosmic = with(siebel(&app), "permission_id", json!(app.fixture.perm_cosmic));
        app.post("/orders", Role::OrdererP, &cosmic).await.expect_field_error("profession", "profession_required");
        // Cosmic Link has no fixed list: any profession is fine.
        let created = create(&app, &with(cosmic.clone(), "profession", json!("Distriktssköterska"))).await;
        assert_eq!(created.body["profession"], "Distriktssköterska");

        // Rule 12: revoke orders need neither.
        let revoke = with(with(lifecare(&app), "lifecare_title", json!(null)), "kind", json!("revoke"));
        let created = create(&app, &revoke).await;
        assert_eq!(created.body["kind"], "revoke");
        let revoke = with(with(siebel(&app), "permission_id", json!(app.fixture.perm_cosmic)), "kind", json!("revoke"));
        create(&app, &revoke).await;
        // A kind that does not exist.
        app.post("/orders", Role::OrdererP, &with(siebel(&app), "kind", json!("lend")))
            .await
            .expect_field_error("kind", "invalid_format");
    }
);

both!(
    async fn rules_four_and_five_are_data_a_new_system_needs_no_release(app) {
        let system = app
            .post("/systems", Role::Admin, &json!({"name": "Procapita", "required_fields": ["profession", "lifecare_title"],
                "allowed_values": {"profession": ["Läkare"]}}))
            .await;
        system.expect(201);
        let permission = app.post("/permissions", Role::Admin, &json!({"system_id": system.id(), "name": "Läsa"})).await.id();
        let body = with(siebel(&app), "permission_id", json!(permission));
        let answer = app.post("/orders", Role::OrdererP, &body).await;
        assert_eq!(
            answer.field_errors(),
            vec![("lifecare_title".into(), "lifecare_title_required".into()), ("profession".into(), "profession_required".into())]
        );
        let body = with(with(body, "profession", json!("Dietist")), "lifecare_title", json!("Vad som helst"));
        app.post("/orders", Role::OrdererP, &body).await.expect_field_error("profession", "value_not_allowed");
        create(&app, &with(body, "profession", json!("Läkare"))).await;
    }
);

both!(
    async fn an_expert_user_needs_an_email_and_emails_must_be_valid(app) {
        let body = with(siebel(&app), "expert_user", json!(true));
        app.post("/orders", Role::OrdererP, &body).await.expect_field_error("subject.email", "expert_user_email_required");
        let body = with(body, "subject.email", json!("karin.berg@"));
        let answer = app.post("/orders", Role::OrdererP, &body).await;
        assert_eq!(answer.field_errors(), vec![("subject.email".into(), "invalid_email".into())]);
        let created = create(&app, &with(body, "subject.email", json!("karin.berg@omsorgnord.example"))).await;
        assert_eq!(created.body["expert_user"], true);
        // A bad phone number is a format problem; a good one is kept.
        let body = with(siebel(&app), "subject.phone", json!("ring mig"));
        app.post("/orders", Role::OrdererP, &body).await.expect_field_error("subject.phone", "invalid_format");
        create(&app, &with(siebel(&app), "subject.phone", json!("+46 18-727 00 00"))).await;
    }
);

both!(
    async fn nobody_orders_for_themselves(app) {
        let anna = app.fixture.account(Role::OrdererP);
        let anna_pn = anna.personal_number.clone().expect("Anna has a personal number");
        let body = with(siebel(&app), "subject.personal_number", json!(anna_pn));
        app.post("/orders", Role::OrdererP, &body).await.expect_field_error("subject.personal_number", "self_order_forbidden");
        // Nor by email, whatever its case; nor when revoking.
        let by_email = with(with(siebel(&app), "subject.email", json!("Anna.Lind@OmsorgNord.example")), "kind", json!("revoke"));
        app.post("/orders", Role::OrdererP, &by_email).await.expect_field_error("subject.email", "self_order_forbidden");
        // Her colleague orders for her.
        let for_anna = with(body.clone(), "subject.email", json!("anna.lind@omsorgnord.example"));
        let id = app.post("/orders", Role::OrdererP2, &for_anna).await;
        id.expect(201);
        let id = id.id();
        // Anna may not edit it (whatever she changes) nor send it: checked against whoever acts.
        let answer = app.patch(&format!("/orders/{id}"), Role::OrdererP, &json!({"comment": "Min egen"})).await;
        assert_eq!(
            answer.field_errors(),
            vec![("subject.email".into(), "self_order_forbidden".into()), ("subject.personal_number".into(), "self_order_forbidden".into())]
        );
        app.post(&format!("/orders/{id}/submit"), Role::OrdererP, &json!({}))
            .await
            .expect_field_error("subject.personal_number", "self_order_forbidden");
        // Erik may.
        app.patch(&format!("/orders/{id}"), Role::OrdererP2, &json!({"comment": "Till Anna"})).await.expect(200);
        app.post(&format!("/orders/{id}/submit"), Role::OrdererP2, &json!({})).await.expect(200);
    }
);

both!(
    async fn an_end_date_is_a_date_that_has_not_passed(app) {
        let today = chrono::Utc::now().date_naive();
        let yesterday = today.pred_opt().expect("yesterday");
        let body = with(siebel(&app), "valid_to", json!(yesterday.to_string()));
        app.post("/orders", Role::OrdererP, &body).await.expect_field_error("valid_to", "value_not_allowed");
        for bad in ["31/12/2030", "2030-02-30", "2030-1-5", "snart"] {
            let body = with(siebel(&app), "valid_to", json!(bad));
            app.post("/orders", Role::OrdererP, &body).await.expect_field_error("valid_to", "invalid_format");
        }
        let created = create(&app, &with(siebel(&app), "valid_to", json!(today.to_string()))).await;
        assert_eq!(created.body["valid_to"], today.to_string());
        create(&app, &with(siebel(&app), "valid_to", json!("2030-12-31"))).await;
    }
);

both!(
    async fn text_has_limits_and_no_nul_bytes_and_fields_must_exist(app) {
        let body = with(siebel(&app), "subject.first_name", json!("K".repeat(101)));
        app.post("/orders", Role::OrdererP, &body).await.expect_field_error("subject.first_name", "invalid_length");
        let body = with(siebel(&app), "comment", json!("ok\u{0}"));
        app.post("/orders", Role::OrdererP, &body).await.expect_field_error("comment", "invalid_format");
        let mut body = siebel(&app);
        body["nickname"] = json!("Kajsa");
        app.post("/orders", Role::OrdererP, &body).await.expect_field_error("nickname", "unknown_field");
        let body = with(siebel(&app), "subject.middle_name", json!("Maria"));
        app.post("/orders", Role::OrdererP, &body).await.expect_field_error("subject.middle_name", "unknown_field");
        let body = with(with(siebel(&app), "subject.first_name", json!("K".repeat(100))), "comment", json!("c\n".repeat(1000)));
        create(&app, &body).await;
    }
);

both!(
    async fn only_orderers_order_and_only_for_their_providers(app) {
        let (p, q) = (app.fixture.provider_p, app.fixture.provider_q);
        let body = with(siebel(&app), "provider_id", json!(q));
        app.post("/orders", Role::OrdererP, &body).await.expect_problem(403, "no_ordering_right");
        app.post("/orders", Role::OrdererP, &with(siebel(&app), "provider_id", json!(Uuid::now_v7())))
            .await
            .expect_problem(403, "no_ordering_right");
        let created = create(&app, &with(siebel(&app), "provider_id", json!(p))).await;
        assert_eq!(created.body["provider_id"], p.to_string());
        app.post("/orders", Role::It, &siebel(&app)).await.expect_problem(403, "forbidden");
        app.post("/orders", Role::Admin, &siebel(&app)).await.expect_problem(403, "forbidden");
        app.post("/orders", Role::MemberP, &siebel(&app)).await.expect_problem(403, "no_ordering_right");
        app.post("/orders", Role::Deactivated, &siebel(&app)).await.expect_problem(401, "unauthorized");
        app.post("/orders", Role::Anonymous, &siebel(&app)).await.expect_problem(401, "unauthorized");
        // Q's orderer orders for Q without naming it.
        let body = with(siebel(&app), "unit_ids", json!([app.fixture.units_q[1]]));
        let created = app.post("/orders", Role::OrdererQ, &body).await;
        created.expect(201);
        assert_eq!(created.body["provider_id"], q.to_string());
    }
);

both!(
    async fn an_orderer_of_several_providers_names_one(app) {
        let (p, q) = (app.fixture.provider_p, app.fixture.provider_q);
        // Lisa holds a right for P and one for Q. The API no longer makes that (rights are for the
        // account's own provider, and moving it revokes them: rule 18), so the second is written
        // directly; an orderer of several providers still names the one she orders for.
        let lisa = app.fixture.account(Role::MemberP).id;
        app.post(&format!("/providers/{p}/ordering-rights"), Role::Admin, &json!({"account_id": lisa})).await.expect(201);
        let db = app.db.connect().await;
        let column = |name: &str| sea_orm::sea_query::Alias::new(name);
        let old_right = sea_orm::sea_query::Query::insert()
            .into_table(column("ordering_rights"))
            .columns([column("id"), column("provider_id"), column("account_id"), column("granted_at")])
            .values_panic([uuid::Uuid::now_v7().into(), q.into(), lisa.into(), chrono::Utc::now().into()])
            .to_owned();
        sea_orm::ConnectionTrait::execute(&db, &old_right).await.expect("a right of another provider");
        let body = with(siebel(&app), "unit_ids", json!([app.fixture.units_q[0]]));
        app.post("/orders", Role::MemberP, &body).await.expect_field_error("provider_id", "required");
        let created = app.post("/orders", Role::MemberP, &with(body.clone(), "provider_id", json!(q))).await;
        created.expect(201);
        assert_eq!(created.body["provider_name"], "Hemtjänst Syd Ekonomisk förening");
        // Units must be of the provider named.
        app.post("/orders", Role::MemberP, &with(with(siebel(&app), "provider_id", json!(q)), "unit_ids", json!([app.fixture.units_p[0]])))
            .await
            .expect_field_error("unit_ids[0]", "unit_not_in_provider");
        let _ = PASSWORD;
    }
);

both!(
    async fn a_person_has_one_open_order_per_permission_and_kind(app) {
        let body = siebel(&app);
        let first = create(&app, &body).await;
        let again = app.post("/orders", Role::OrdererP2, &body).await;
        again.expect_problem(409, "duplicate_open_order");
        assert!(again.text.contains(first.body["reference"].as_str().expect("reference")), "{}", again.text);
        // The same person: another permission, or revoking, is another order.
        create(&app, &with(with(body.clone(), "permission_id", json!(app.fixture.perm_lifecare)), "lifecare_title", json!("Vårdbiträde"))).await;
        create(&app, &with(body.clone(), "kind", json!("revoke"))).await;
        // Sent to IT and taken, it is still open.
        let id = first.id();
        app.post(&format!("/orders/{id}/submit"), Role::OrdererP, &json!({})).await.expect(200);
        app.post("/orders", Role::OrdererP, &body).await.expect_problem(409, "duplicate_open_order");
        app.post(&format!("/orders/{id}/take"), Role::It, &json!({})).await.expect(200);
        app.post("/orders", Role::OrdererP, &body).await.expect_problem(409, "duplicate_open_order");
        // Once rejected, the person may be ordered for again.
        app.post(&format!("/orders/{id}/reject"), Role::It, &json!({"reason": "Fel enhet"})).await.expect(200);
        create(&app, &body).await;
        // At another provider the same person and permission is another matter.
        let at_q = with(body, "unit_ids", json!([app.fixture.units_q[0]]));
        app.post("/orders", Role::OrdererQ, &at_q).await.expect(201);
        // An edit that would make a duplicate is refused too.
        let other = draft(&app).await;
        let pn = new_person();
        let taken = create(&app, &with(siebel(&app), "subject.personal_number", json!(pn))).await;
        let _ = taken;
        app.patch(&format!("/orders/{other}"), Role::OrdererP, &json!({"subject": {"personal_number": pn}}))
            .await
            .expect_problem(409, "duplicate_open_order");
    }
);

both!(
    async fn a_draft_is_edited_by_merging_and_checked_again(app) {
        let created = create(&app, &lifecare(&app)).await;
        let id = created.id();
        // Fields sent replace theirs; null clears an optional one; the rest stays.
        let changed = app
            .patch(&format!("/orders/{id}"), Role::OrdererP2, &json!({
                "unit_ids": [app.fixture.units_p[2]],
                "subject": {"email": null, "phone": "018-10 20 30"},
                "comment": null,
                "valid_to": "2031-01-31"
            }))
            .await;
        changed.expect(200);
        let o = &changed.body;
        assert_eq!(o["unit_ids"], json!([app.fixture.units_p[2]]));
        assert_eq!(o["units"][0]["name"], "Hemtjänst Gränby");
        assert!(o["subject"]["email"].is_null());
        assert_eq!(o["subject"]["phone"], "018-10 20 30");
        assert_eq!(o["subject"]["first_name"], "Karin", "untouched");
        assert!(o["comment"].is_null());
        assert_eq!(o["valid_to"], "2031-01-31");
        assert_eq!(o["lifecare_title"], "Undersköterska");
        assert_eq!(o["version"], 2);
        assert_eq!(changed.header("etag"), Some("\"2\""));
        // The merged order meets every rule: Cosmic Link needs a profession, an expert user an email.
        let answer = app
            .patch(&format!("/orders/{id}"), Role::OrdererP, &json!({"permission_id": app.fixture.perm_cosmic, "expert_user": true}))
            .await;
        assert_eq!(
            answer.field_errors(),
            vec![("profession".into(), "profession_required".into()), ("subject.email".into(), "expert_user_email_required".into())]
        );
        // Clearing what is mandatory is refused.
        let answer = app.patch(&format!("/orders/{id}"), Role::OrdererP, &json!({"unit_ids": null, "subject": {"last_name": null}})).await;
        assert_eq!(
            answer.field_errors(),
            vec![("subject.last_name".into(), "required".into()), ("unit_ids".into(), "required".into())]
        );
        // The provider cannot change; naming its own is fine.
        app.patch(&format!("/orders/{id}"), Role::OrdererP, &json!({"provider_id": app.fixture.provider_q}))
            .await
            .expect_field_error("provider_id", "provider_change_forbidden");
        app.patch(&format!("/orders/{id}"), Role::OrdererP, &json!({"provider_id": app.fixture.provider_p, "permission_ids": [app.fixture.perm_cosmic]}))
            .await
            .expect_field_error("permission_ids", "one_permission_per_order");
        let ok = app.patch(&format!("/orders/{id}"), Role::OrdererP, &json!({"provider_id": app.fixture.provider_p, "kind": "revoke"})).await;
        ok.expect(200);
        assert_eq!(ok.body["kind"], "revoke");
        assert_eq!(ok.body["version"], 3, "refused changes changed nothing");
        // An empty change is a no-op that still answers the order.
        app.patch(&format!("/orders/{id}"), Role::OrdererP, &json!({})).await.expect(200);
        // Nobody else edits it.
        for (role, status) in [(Role::It, 404), (Role::Admin, 403), (Role::OrdererQ, 404), (Role::MemberP, 404)] {
            let answer = app.patch(&format!("/orders/{id}"), role, &json!({"comment": "x"})).await;
            assert_eq!(answer.status, status, "{role:?}: {}", answer.text);
        }
        // Only drafts are edited and deleted.
        app.post(&format!("/orders/{id}/submit"), Role::OrdererP, &json!({})).await.expect(200);
        app.patch(&format!("/orders/{id}"), Role::OrdererP, &json!({"comment": "sent"})).await.expect_problem(409, "invalid_transition");
        app.delete(&format!("/orders/{id}"), Role::OrdererP).await.expect_problem(409, "invalid_transition");
    }
);

both!(
    async fn a_draft_is_deleted_by_its_providers_orderers_only(app) {
        let id = draft(&app).await;
        app.delete(&format!("/orders/{id}"), Role::Admin).await.expect_problem(403, "forbidden");
        app.delete(&format!("/orders/{id}"), Role::It).await.expect_problem(404, "not_found");
        app.delete(&format!("/orders/{id}"), Role::OrdererQ).await.expect_problem(404, "not_found");
        let gone = app.delete(&format!("/orders/{id}"), Role::OrdererP2).await;
        gone.expect(204);
        assert!(gone.text.is_empty());
        app.get(&format!("/orders/{id}"), Role::OrdererP).await.expect_problem(404, "not_found");
        app.delete(&format!("/orders/{id}"), Role::OrdererP).await.expect_problem(404, "not_found");
        app.get(&format!("/orders/{id}/history"), Role::Admin).await.expect_problem(404, "not_found");
        // The audit log keeps the deletion; nothing of the order is left behind.
        use sea_orm::{ConnectionTrait, Statement};
        let db = app.db.connect().await;
        let count = |sql: &str| {
            let db = &db;
            let sql = sql.to_owned();
            async move { db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("query").len() }
        };
        assert_eq!(count("SELECT id FROM audit_log WHERE action = 'order.deleted'").await, 1);
        assert_eq!(count("SELECT order_id FROM order_units").await, 0);
        assert_eq!(count("SELECT id FROM order_history").await, 0);
    }
);
