//! Expert users (rule 10): registered and ended by hand by orderers and support, listed, exported
//! as a CSV mailing list, and written to by support.

use serde_json::json;
use sesam_tests::{Role, both};

both!(
    async fn orderers_register_list_and_end_expert_users(app) {
        let (p, q) = (app.fixture.provider_p, app.fixture.provider_q);
        let registered = app
            .post(
                &format!("/providers/{p}/expert-users"),
                Role::OrdererP,
                &json!({"first_name": " Karin ", "last_name": "Berg", "email": "Karin.Berg@Omsorgnord.example",
                        "personal_number": "19121212-1212", "system_id": app.fixture.lifecare}),
            )
            .await;
        registered.expect(201);
        assert_eq!(registered.body["first_name"], "Karin");
        assert_eq!(registered.body["email"], "karin.berg@omsorgnord.example");
        assert_eq!(registered.body["personal_number"], "19121212-****");
        assert_eq!(registered.body["provider_name"], "Omsorg Nord AB");
        assert_eq!(registered.body["system_name"], "Lifecare");
        assert_eq!(registered.body["active"], true);
        assert_eq!(registered.body["source_order_id"], serde_json::Value::Null);
        assert_eq!(registered.body["registered_by"], app.fixture.account(Role::OrdererP).id.to_string());
        let id = registered.id();

        // The same person (email, case-insensitive) for the same system: once.
        app.post(
            &format!("/providers/{p}/expert-users"),
            Role::OrdererP2,
            &json!({"first_name": "Karin", "last_name": "Berg", "email": "karin.berg@omsorgnord.example", "system_id": app.fixture.lifecare}),
        )
        .await
        .expect_problem(409, "already_registered");
        // Every problem at once; the email is mandatory.
        let bad = app
            .post(
                &format!("/providers/{p}/expert-users"),
                Role::OrdererP,
                &json!({"first_name": "", "personal_number": "19121212-1213", "system_id": uuid::Uuid::now_v7()}),
            )
            .await;
        assert_eq!(
            bad.expect_problem(422, "validation_failed").field_errors(),
            vec![
                ("email".to_owned(), "required".to_owned()),
                ("first_name".to_owned(), "required".to_owned()),
                ("last_name".to_owned(), "required".to_owned()),
                ("personal_number".to_owned(), "invalid_personal_number".to_owned()),
                ("system_id".to_owned(), "unknown_system".to_owned()),
            ]
        );
        app.post(
            &format!("/providers/{p}/expert-users"),
            Role::OrdererP,
            &json!({"first_name": "A", "last_name": "B", "email": "not-an-email", "system_id": app.fixture.siebel}),
        )
        .await
        .expect_field_error("email", "invalid_email");
        // Q's orderer registers for Q only.
        app.post(
            &format!("/providers/{p}/expert-users"),
            Role::OrdererQ,
            &json!({"first_name": "A", "last_name": "B", "email": "a@b.se", "system_id": app.fixture.siebel}),
        )
        .await
        .expect_problem(404, "not_found");
        app.post(
            &format!("/providers/{q}/expert-users"),
            Role::OrdererQ,
            &json!({"first_name": "Eva", "last_name": "Lund", "email": "eva.lund@hemtjanstsyd.example", "system_id": app.fixture.cosmic}),
        )
        .await
        .expect(201);

        // Who sees what.
        let names = |answer: &sesam_tests::Answer| -> Vec<String> {
            answer.body["items"].as_array().expect("items").iter().map(|i| i["last_name"].as_str().unwrap_or("").to_owned()).collect()
        };
        assert_eq!(names(&app.get("/expert-users", Role::OrdererP).await), vec!["Berg"]);
        assert_eq!(names(&app.get("/expert-users", Role::OrdererQ).await), vec!["Lund"]);
        assert_eq!(names(&app.get("/expert-users", Role::It).await), vec!["Berg", "Lund"]);
        assert_eq!(names(&app.get(&format!("/expert-users?provider_id={q}"), Role::Admin).await), vec!["Lund"]);
        assert_eq!(names(&app.get(&format!("/expert-users?system_id={}", app.fixture.lifecare), Role::Admin).await), vec!["Berg"]);
        app.get(&format!("/expert-users?provider_id={p}"), Role::OrdererQ).await.expect_problem(404, "not_found");
        app.get("/expert-users", Role::MemberP).await.expect_problem(403, "forbidden");

        // Ending: by P's orderers or support; stays as history.
        app.delete(&format!("/expert-users/{id}"), Role::OrdererQ).await.expect_problem(404, "not_found");
        app.delete(&format!("/expert-users/{id}"), Role::It).await.expect_problem(403, "forbidden");
        app.delete(&format!("/expert-users/{id}"), Role::OrdererP2).await.expect(204);
        app.delete(&format!("/expert-users/{id}"), Role::OrdererP).await.expect_problem(409, "already_ended");
        assert_eq!(names(&app.get("/expert-users", Role::OrdererP).await), Vec::<String>::new());
        let ended = app.get("/expert-users?active=false", Role::OrdererP).await;
        assert_eq!(ended.body["items"][0]["active"], false);
        assert_eq!(ended.body["items"][0]["ended_by"], app.fixture.account(Role::OrdererP2).id.to_string());
        assert!(ended.body["items"][0]["ended_at"].is_string());
        // Registered anew after the end.
        app.post(
            &format!("/providers/{p}/expert-users"),
            Role::OrdererP,
            &json!({"first_name": "Karin", "last_name": "Berg", "email": "karin.berg@omsorgnord.example", "system_id": app.fixture.lifecare}),
        )
        .await
        .expect(201);

        let audit = app.get(&format!("/audit?provider_id={p}"), Role::Admin).await;
        let actions: Vec<&str> = audit.body["items"].as_array().expect("items").iter().filter_map(|e| e["action"].as_str()).collect();
        assert_eq!(actions.iter().filter(|a| **a == "expert_user.registered").count(), 2, "{actions:?}");
        assert_eq!(actions.iter().filter(|a| **a == "expert_user.ended").count(), 1, "{actions:?}");
    }
);

both!(
    async fn the_list_pages_by_name(app) {
        let p = app.fixture.provider_p;
        for (first, last) in [("Anna", "Öberg"), ("Bo", "Ek"), ("Cecilia", "Ek"), ("David", "Andersson"), ("Eva", "Holm")] {
            app.post(
                &format!("/providers/{p}/expert-users"),
                Role::Admin,
                &json!({"first_name": first, "last_name": last, "email": format!("{}@omsorgnord.example", first.to_lowercase()), "system_id": app.fixture.siebel}),
            )
            .await
            .expect(201);
        }
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let path = match &cursor {
                Some(c) => format!("/expert-users?limit=2&cursor={c}"),
                None => "/expert-users?limit=2".to_owned(),
            };
            let page = app.get(&path, Role::OrdererP).await;
            page.expect(200);
            for item in page.body["items"].as_array().expect("items") {
                seen.push(item["first_name"].as_str().expect("name").to_owned());
            }
            match page.body["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => break,
            }
        }
        assert_eq!(seen.len(), 5);
        assert_eq!(&seen[..4], ["David", "Bo", "Cecilia", "Eva"]);
        app.get("/expert-users?cursor=zz", Role::OrdererP).await.expect_problem(400, "invalid_query");
    }
);

both!(
    async fn the_csv_export_is_a_mailing_list(app) {
        let (p, q) = (app.fixture.provider_p, app.fixture.provider_q);
        for (provider, first, last, email, system) in [
            (p, "Karin \"Kajsa\"", "Berg", "karin.berg@omsorgnord.example", app.fixture.lifecare),
            (p, "Åsa", "Ek, d.y.", "asa.ek@omsorgnord.example", app.fixture.cosmic),
            (q, "Eva", "Lund", "eva.lund@hemtjanstsyd.example", app.fixture.lifecare),
            // A name a spreadsheet would run as a formula (CSV injection).
            (q, "=HYPERLINK(\"http://evil.example\")", "Wik", "ida.wik@hemtjanstsyd.example", app.fixture.cosmic),
        ] {
            let body = json!({"first_name": first, "last_name": last, "email": email, "system_id": system});
            app.post(&format!("/providers/{provider}/expert-users"), Role::Admin, &body).await.expect(201);
        }

        let csv = app.send(app.request(reqwest::Method::GET, "/expert-users", Role::Admin).header("accept", "text/csv")).await;
        csv.expect(200);
        assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
        assert_eq!(csv.header("content-disposition"), Some("attachment; filename=\"expertanvandare.csv\""));
        assert_eq!(
            csv.text,
            "name,email,provider,system\r\n\
             \"Karin \"\"Kajsa\"\" Berg\",karin.berg@omsorgnord.example,Omsorg Nord AB,Lifecare\r\n\
             \"Åsa Ek, d.y.\",asa.ek@omsorgnord.example,Omsorg Nord AB,Cosmic Link\r\n\
             Eva Lund,eva.lund@hemtjanstsyd.example,Hemtjänst Syd Ekonomisk förening,Lifecare\r\n\
             \"'=HYPERLINK(\"\"http://evil.example\"\") Wik\",ida.wik@hemtjanstsyd.example,Hemtjänst Syd Ekonomisk förening,Cosmic Link\r\n"
        );
        // An orderer exports its providers' only, filtered like the list; every row, not a page.
        app.send(app.request(reqwest::Method::GET, "/expert-users?system_id=nope", Role::OrdererQ).header("accept", "text/csv"))
            .await
            .expect_problem(400, "invalid_query");
        let mine = app.send(app.request(reqwest::Method::GET, "/expert-users?limit=1", Role::OrdererP).header("accept", "text/csv")).await;
        assert_eq!(mine.text.lines().count(), 3, "{}", mine.text);
        let filtered = app
            .send(app.request(reqwest::Method::GET, &format!("/expert-users?system_id={}", app.fixture.lifecare), Role::OrdererQ).header("accept", "text/csv"))
            .await;
        assert_eq!(filtered.text, "name,email,provider,system\r\nEva Lund,eva.lund@hemtjanstsyd.example,Hemtjänst Syd Ekonomisk förening,Lifecare\r\n");
        // JSON stays the default; a client that takes neither is told so.
        let json = app.send(app.request(reqwest::Method::GET, "/expert-users", Role::Admin).header("accept", "application/json")).await;
        assert_eq!(json.body["items"].as_array().expect("items").len(), 4);
        app.send(app.request(reqwest::Method::GET, "/expert-users", Role::Admin).header("accept", "application/xml"))
            .await
            .expect_problem(406, "not_acceptable");
        app.send(app.request(reqwest::Method::GET, "/expert-users", Role::MemberP).header("accept", "text/csv"))
            .await
            .expect_problem(403, "forbidden");
    }
);

both!(
    async fn support_writes_to_the_matching_expert_users_once_per_address(app) {
        let (p, q) = (app.fixture.provider_p, app.fixture.provider_q);
        for (provider, email, system) in [
            (p, "karin.berg@omsorgnord.example", app.fixture.lifecare),
            (p, "karin.berg@omsorgnord.example", app.fixture.cosmic),
            (p, "ahmed.hassan@omsorgnord.example", app.fixture.cosmic),
            (q, "eva.lund@hemtjanstsyd.example", app.fixture.lifecare),
        ] {
            app.post(&format!("/providers/{provider}/expert-users"), Role::Admin, &json!({"first_name": "X", "last_name": "Y", "email": email, "system_id": system}))
                .await
                .expect(201);
        }
        let message = json!({"subject": "Användarmöte Lifecare", "body": "Välkomna till användarmöte den 12 mars.\nHälsningar, support"});
        let all = app.post("/expert-users/messages", Role::Admin, &message).await;
        all.expect(202);
        assert_eq!(all.body, json!({"queued": 3}));
        let mut to_p_lifecare = message.clone();
        to_p_lifecare["provider_id"] = json!(p);
        to_p_lifecare["system_id"] = json!(app.fixture.lifecare);
        assert_eq!(app.post("/expert-users/messages", Role::Admin, &to_p_lifecare).await.body, json!({"queued": 1}));
        let mut to_q_cosmic = message.clone();
        to_q_cosmic["provider_id"] = json!(q);
        to_q_cosmic["system_id"] = json!(app.fixture.cosmic);
        assert_eq!(app.post("/expert-users/messages", Role::Admin, &to_q_cosmic).await.body, json!({"queued": 0}));

        let outbox = app.outbox().await;
        assert_eq!(outbox.len(), 4);
        assert!(outbox.iter().all(|r| r.kind == "expert_user_message" && r.subject == "Användarmöte Lifecare"));
        assert!(outbox[0].body.starts_with("Välkomna till användarmöte den 12 mars.\nHälsningar, support"));
        assert_eq!(outbox[3].recipient, "karin.berg@omsorgnord.example");

        app.post("/expert-users/messages", Role::OrdererP, &message).await.expect_problem(403, "forbidden");
        let bad = app.post("/expert-users/messages", Role::Admin, &json!({"provider_id": uuid::Uuid::now_v7(), "system_id": uuid::Uuid::now_v7()})).await;
        assert_eq!(
            bad.expect_problem(422, "validation_failed").field_errors(),
            vec![
                ("body".to_owned(), "required".to_owned()),
                ("provider_id".to_owned(), "unknown_provider".to_owned()),
                ("subject".to_owned(), "required".to_owned()),
                ("system_id".to_owned(), "unknown_system".to_owned()),
            ]
        );
        let audit = app.get("/audit?action=expert_users.messaged", Role::Admin).await;
        assert_eq!(audit.body["items"].as_array().expect("items").len(), 3);
        assert_eq!(audit.body["items"][2]["details"]["queued"], 3);
    }
);
