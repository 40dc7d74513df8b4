//! The security review's findings (F1–F10 and the smaller ones), one test each, named after the
//! finding: each failed on the code the review ran against and passes now.

use crate::{
    holdings::{granted, holdings_of, in_days},
    orders::{draft, siebel, with},
    replicas::{Attempt, race},
};
use serde_json::json;
use sesam_tests::{Answer, PASSWORD, Role, TestApp, both, postgres_only};
use uuid::Uuid;

/// Hex of `text`, as cursors were written before they were signed.
fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

both!(
    async fn f1_a_cursor_the_server_did_not_issue_is_400(app) {
        let p = app.fixture.provider_p;
        let id = Uuid::now_v7().to_string();
        let forged = [
            // A NUL byte before an id: PostgreSQL refused it as text (a 500).
            format!("001f{}", hex(&id)),
            // Well-formed, but not made by the server.
            hex(&format!("Zzz\u{1f}{id}")),
            hex(&format!("Berg\u{1f}Karin\u{1f}{id}")),
            hex(&id),
            hex("x"),
        ];
        let lists = [
            "/systems",
            "/permissions",
            "/providers",
            &format!("/providers/{p}/units"),
            "/holdings",
            "/expert-users",
            "/orders",
            "/accounts",
            "/audit",
        ];
        for list in lists {
            for cursor in &forged {
                let answer = app.get(&format!("{list}?cursor={cursor}"), Role::Admin).await;
                assert_eq!((answer.status, answer.body["code"].clone()), (400, json!("invalid_query")), "{list} {cursor}: {}", answer.text);
            }
        }
        // The catalogue needs no token: the same holds without one.
        app.get(&format!("/systems?cursor=001f{}", hex(&id)), Role::Anonymous).await.expect_problem(400, "invalid_query");
        // A cursor the server issued still works.
        let first = app.get("/systems?limit=1", Role::Admin).await;
        first.expect(200);
        let next = first.body["next_cursor"].as_str().expect("a second page").to_owned();
        let second = app.get(&format!("/systems?limit=1&cursor={next}"), Role::Admin).await;
        second.expect(200);
        assert_ne!(first.body["items"][0]["id"], second.body["items"][0]["id"]);
        // Changing one character of it makes it one the server did not issue.
        let last = next.chars().last().expect("a character");
        let tampered = format!("{}{}", &next[..next.len() - 1], if last == '0' { '1' } else { '0' });
        app.get(&format!("/systems?limit=1&cursor={tampered}"), Role::Admin).await.expect_problem(400, "invalid_query");
    }
);

both!(
    async fn f2_ordering_for_yourself_with_another_century_is_refused(app) {
        let anna = app.fixture.account(Role::OrdererP).personal_number.clone().expect("Anna's number");
        // 19800412-238C: the same person in every accepted form, and implausible ones refused.
        let short = &anna[2..];
        let cases = [
            (anna.clone(), "self_order_forbidden"),
            (anna.replace('-', ""), "self_order_forbidden"),
            (short.to_owned(), "self_order_forbidden"),
            // `+` says 100 years or older: born 1880, 146 years old.
            (short.replace('-', "+"), "invalid_personal_number"),
            (format!("18{}", &anna[2..]), "invalid_personal_number"),
        ];
        for (number, code) in cases {
            let body = with(siebel(&app), "subject.personal_number", json!(number));
            let answer = app.post("/orders", Role::OrdererP, &body).await;
            answer.expect(422);
            assert_eq!(answer.field_errors(), vec![("subject.personal_number".to_owned(), code.to_owned())], "{number}");
        }
        // A person born in the future, or over 120 years old, is no valid number for anyone.
        for number in [sesam_tests::personal_number("20990101", "123"), sesam_tests::personal_number("19000101", "123")] {
            let body = with(siebel(&app), "subject.personal_number", json!(number));
            app.post("/orders", Role::OrdererP2, &body).await.expect_field_error("subject.personal_number", "invalid_personal_number");
        }
        // 110 years old is still a person.
        let old = sesam_tests::personal_number("19160101", "123");
        app.post("/orders", Role::OrdererP2, &with(siebel(&app), "subject.personal_number", json!(old))).await.expect(201);
    }
);

/// A Siebel holding at P for Anna herself, ordered by Erik (P's other orderer).
async fn annas_own_holding(app: &TestApp) -> Uuid {
    let anna = app.fixture.account(Role::OrdererP).personal_number.clone().expect("Anna's number");
    let body = with(siebel(app), "subject.personal_number", json!(anna));
    let answer = app.post("/orders", Role::OrdererP2, &body).await;
    answer.expect(201);
    let id = answer.id();
    app.post(&format!("/orders/{id}/submit"), Role::OrdererP2, &json!({})).await.expect(200);
    app.post(&format!("/orders/{id}/take"), Role::It, &json!({})).await.expect(200);
    app.post(&format!("/orders/{id}/complete"), Role::It, &json!({})).await.expect(200);
    let items = holdings_of(app, Role::OrdererP2, &anna).await;
    Uuid::parse_str(items[0]["id"].as_str().expect("id")).expect("uuid")
}

both!(
    async fn f3_extending_your_own_permission_is_refused(app) {
        let holding = annas_own_holding(&app).await;
        let path = format!("/holdings/{holding}");
        for valid_to in [json!(null), json!(in_days(30))] {
            let answer = app.patch(&path, Role::OrdererP, &json!({"valid_to": valid_to})).await;
            answer.expect(422);
            assert_eq!(answer.field_errors(), vec![("".to_owned(), "self_order_forbidden".to_owned())]);
        }
        // Nothing changed; another orderer of P may.
        assert!(app.get(&path, Role::OrdererP2).await.body["valid_to"].is_null());
        let answer = app.patch(&path, Role::OrdererP2, &json!({"valid_to": in_days(30)})).await;
        answer.expect(200);
        assert_eq!(answer.body["valid_to"], in_days(30));
    }
);

both!(
    async fn f4_a_lone_orderer_cannot_make_a_second_orderer_she_controls(app) {
        let q = app.fixture.provider_q;
        // Sara, Q's only orderer, makes an account with a password she chose…
        let made = app
            .post("/accounts", Role::OrdererQ, &json!({"email": "sara.alias@hemtjanstsyd.example", "name": "Sara Alias",
                "provider_id": q}))
            .await;
        made.expect(201);
        let alias = made.id();
        // …and cannot grant it an ordering right, directly or by granting its request.
        let grant = app.post(&format!("/providers/{q}/ordering-rights"), Role::OrdererQ, &json!({"account_id": alias})).await;
        grant.expect_problem(403, "creator_cannot_grant");
        let asked = app.post_as(alias, &format!("/providers/{q}/ordering-right-requests"), &json!({"message": "Snälla"})).await;
        asked.expect(201);
        let request = asked.id();
        app.post(&format!("/ordering-right-requests/{request}/grant"), Role::OrdererQ, &json!({}))
            .await
            .expect_problem(403, "creator_cannot_grant");
        let compliance = app.get(&format!("/compliance?provider_id={q}"), Role::OrdererQ).await;
        assert_eq!(compliance.body["items"][0]["orderers"], 1);
        // Support can.
        app.post(&format!("/ordering-right-requests/{request}/grant"), Role::Admin, &json!({})).await.expect(200);

        // At P, an account Anna made can be given a right by Erik, not by Anna.
        let p = app.fixture.provider_p;
        let made = app
            .post("/accounts", Role::OrdererP, &json!({"email": "ny.kollega@omsorgnord.example", "name": "Ny Kollega",
                "provider_id": p}))
            .await;
        made.expect(201);
        let colleague = made.id();
        let path = format!("/providers/{p}/ordering-rights");
        app.post(&path, Role::OrdererP, &json!({"account_id": colleague})).await.expect_problem(403, "creator_cannot_grant");
        app.post(&path, Role::OrdererP2, &json!({"account_id": colleague})).await.expect(201);
    }
);

/// Logs in and answers the access token.
async fn token_of(app: &TestApp, email: &str, password: &str) -> String {
    let answer = app.login(email, password).await;
    answer.expect(200);
    answer.body["access_token"].as_str().expect("token").to_owned()
}

async fn me_with(app: &TestApp, token: &str) -> Answer {
    app.send(app.client.get(app.url("/me")).bearer_auth(token)).await
}

both!(
    async fn f5_reactivation_does_not_revive_old_tokens(app) {
        let erik = app.fixture.account(Role::OrdererP2).id;
        let session = token_of(&app, "erik.holm@omsorgnord.example", PASSWORD).await;
        let issued = app.post(&format!("/accounts/{erik}/api-tokens"), Role::Admin, &json!({"name": "HR"})).await;
        issued.expect(201);
        let api_token = issued.body["token"].as_str().expect("token").to_owned();
        me_with(&app, &session).await.expect(200);
        me_with(&app, &api_token).await.expect(200);

        let account = format!("/accounts/{erik}");
        app.patch(&account, Role::Admin, &json!({"active": false})).await.expect(200);
        me_with(&app, &session).await.expect_problem(401, "unauthorized");
        me_with(&app, &api_token).await.expect_problem(401, "unauthorized");
        app.patch(&account, Role::Admin, &json!({"active": true})).await.expect(200);
        // Neither comes back; a new sign-in works.
        me_with(&app, &session).await.expect_problem(401, "unauthorized");
        me_with(&app, &api_token).await.expect_problem(401, "unauthorized");
        let fresh = token_of(&app, "erik.holm@omsorgnord.example", PASSWORD).await;
        me_with(&app, &fresh).await.expect(200);
        // Changing the roles ends the sessions too.
        app.patch(&account, Role::Admin, &json!({"roles": ["it"]})).await.expect(200);
        me_with(&app, &fresh).await.expect_problem(401, "unauthorized");
    }
);

both!(
    async fn f6_a_token_issued_in_the_same_second_as_a_password_change_is_refused(app) {
        let before = token_of(&app, "anna.lind@omsorgnord.example", PASSWORD).await;
        let changed = app
            .send(app.client.post(app.url("/me/password")).bearer_auth(&before).json(&json!({
                "current_password": PASSWORD, "new_password": "ett-helt-nytt-losenord"})))
            .await;
        changed.expect(200);
        let after = changed.body["access_token"].as_str().expect("a fresh token").to_owned();
        // Within the same second: the old token is dead, the new one works.
        me_with(&app, &before).await.expect_problem(401, "unauthorized");
        me_with(&app, &after).await.expect(200);
    }
);

both!(
    async fn f7_moving_an_account_revokes_its_ordering_rights_of_the_old_provider(app) {
        let (p, q) = (app.fixture.provider_p, app.fixture.provider_q);
        let erik = app.fixture.account(Role::OrdererP2).id;
        let lisa = app.fixture.account(Role::MemberP).id;
        app.post_as(lisa, &format!("/providers/{p}/ordering-right-requests"), &json!({"message": "Snälla"})).await.expect(201);

        let moved = app.patch(&format!("/accounts/{erik}"), Role::Admin, &json!({"provider_id": q})).await;
        moved.expect(200);
        assert_eq!(moved.body["provider_id"], q.to_string());
        assert_eq!(moved.body["warnings"], json!(["too_few_orderers"]), "{}", moved.text);
        // Erik no longer orders for P, nor reads its orders; the right is on record as revoked by support.
        let token = token_of(&app, "erik.holm@omsorgnord.example", PASSWORD).await;
        let as_erik = |path: String| app.send(app.client.get(app.url(&path)).bearer_auth(token.clone()));
        assert_eq!(me_with(&app, &token).await.body["ordering_rights"], json!([]));
        as_erik(format!("/orders?provider_id={p}")).await.expect(403);
        let rights = app.get(&format!("/providers/{p}/ordering-rights?active=false"), Role::Admin).await;
        let erik_right = rights.body["items"].as_array().expect("items").iter().find(|r| r["account_id"] == erik.to_string()).cloned();
        let erik_right = erik_right.expect("Erik's right among the ended ones");
        assert_eq!(erik_right["revoked_by"], app.fixture.account(Role::Admin).id.to_string());
        let compliance = app.get(&format!("/compliance?provider_id={p}"), Role::Admin).await;
        assert_eq!(compliance.body["items"][0]["orderers"], 1);

        // Lisa's waiting request for P ends when she moves.
        app.patch(&format!("/accounts/{lisa}"), Role::Admin, &json!({"provider_id": q})).await.expect(200);
        let waiting = app.get(&format!("/providers/{p}/ordering-right-requests"), Role::OrdererP).await;
        assert!(
            waiting.body["items"].as_array().expect("items").iter().all(|r| r["status"] != "pending"),
            "{}",
            waiting.text
        );
    }
);

both!(
    async fn f8_an_email_must_be_one_deliverable_mailbox(app) {
        let p = app.fixture.provider_p;
        for email in ["a,b@x.example", "\"x\"<y@x.example>", "\"x\"@x.example", "x@y.example, z@y.example", "x@[127.0.0.1]"] {
            let expert = app
                .post(&format!("/providers/{p}/expert-users"), Role::OrdererP, &json!({"first_name": "Karin",
                    "last_name": "Berg", "email": email, "system_id": app.fixture.siebel}))
                .await;
            expert.expect_field_error("email", "invalid_email");
            let account = app.post("/accounts", Role::Admin, &json!({"email": email, "name": "X"})).await;
            account.expect_field_error("email", "invalid_email");
            let order = app.post("/orders", Role::OrdererP, &with(siebel(&app), "subject.email", json!(email))).await;
            order.expect_field_error("subject.email", "invalid_email");
        }
        app.post(&format!("/providers/{p}/expert-users"), Role::OrdererP, &json!({"first_name": "Karin",
            "last_name": "Berg", "email": "karin.o'berg+lifecare@omsorgnord.example", "system_id": app.fixture.siebel}))
            .await
            .expect(201);
    }
);

both!(
    async fn f9_objects_an_account_may_not_see_answer_404_not_403(app) {
        let p = app.fixture.provider_p;
        let registration = app
            .post(&format!("/providers/{p}/expert-users"), Role::OrdererP, &json!({"first_name": "Karin",
                "last_name": "Berg", "email": "karin.berg@omsorgnord.example", "system_id": app.fixture.siebel}))
            .await;
        registration.expect(201);
        let rights = app.get(&format!("/providers/{p}/ordering-rights"), Role::OrdererP).await;
        let right = rights.body["items"][0]["id"].as_str().expect("a right").to_owned();
        let asker = app.new_account(p, "ny.person@omsorgnord.example", "Ny Person").await;
        let request =
            app.post_as(asker, &format!("/providers/{p}/ordering-right-requests"), &json!({"message": "Snälla"})).await;
        request.expect(201);
        let request = request.id();
        let objects = [
            (reqwest::Method::DELETE, format!("/expert-users/{}", registration.id())),
            (reqwest::Method::DELETE, format!("/ordering-rights/{right}")),
            (reqwest::Method::POST, format!("/ordering-right-requests/{request}/decline")),
            (reqwest::Method::POST, format!("/ordering-right-requests/{request}/grant")),
        ];
        for (method, path) in &objects {
            // Lisa belongs to P but may read none of these: the same answer as for a random id.
            let answer = app.send(app.request(method.clone(), path, Role::MemberP).json(&json!({}))).await;
            assert_eq!(answer.status, 404, "{method} {path}: {}", answer.text);
            // Q's orderer neither.
            let answer = app.send(app.request(method.clone(), path, Role::OrdererQ).json(&json!({}))).await;
            assert_eq!(answer.status, 404, "{method} {path}: {}", answer.text);
        }
        // IT reads expert users and rights, so it may see them but not change them: 403.
        app.delete(&format!("/expert-users/{}", registration.id()), Role::It).await.expect(403);
        app.delete(&format!("/ordering-rights/{right}"), Role::It).await.expect(403);
        // The asker sees her own request, but cannot decide it.
        app.post_as(asker, &format!("/ordering-right-requests/{request}/decline"), &json!({})).await.expect(403);
    }
);

postgres_only!(
    async fn f10_races_answer_the_codes_of_what_happened(app) {
        let server = app.start_server("f10-b", &sesam_tests::ServerOptions::default()).await;
        let servers = [&app.server, &server];
        let anna = app.fixture.account(Role::OrdererP).id;
        // 20 changes of one draft at once: each is applied or loses as `edit_conflict` with the ETag.
        let id = draft(&app).await;
        let attempts = (0..20)
            .map(|i| Attempt {
                server: i % 2,
                account: anna,
                method: reqwest::Method::PATCH,
                path: format!("/orders/{id}"),
                body: Some(json!({"comment": format!("ändring {i}")})),
            })
            .collect();
        let answers = race(&app, &servers, attempts).await;
        let summary: Vec<String> = answers.iter().map(|a| format!("{} {}", a.status, a.body["code"])).collect();
        assert!(answers.iter().any(|a| a.status == 200), "{summary:?}");
        for a in answers.iter().filter(|a| a.status != 200) {
            assert_eq!((a.status, a.body["code"].clone()), (409, json!("edit_conflict")), "{summary:?}");
            assert!(a.header("etag").is_some_and(|e| e.starts_with('"')), "the current ETag: {summary:?}");
        }

        // Sending or changing a draft while it is deleted: 404 or done, never a rule it broke.
        for _ in 0..5 {
            let id = draft(&app).await;
            let attempts = vec![
                Attempt { server: 0, account: anna, method: reqwest::Method::DELETE, path: format!("/orders/{id}"), body: None },
                Attempt { server: 1, account: anna, method: reqwest::Method::POST, path: format!("/orders/{id}/submit"), body: Some(json!({})) },
                Attempt { server: 0, account: anna, method: reqwest::Method::PATCH, path: format!("/orders/{id}"), body: Some(json!({"comment": "x"})) },
            ];
            for a in race(&app, &servers, attempts).await {
                assert!(matches!(a.status, 200 | 204 | 404 | 409), "{} {}", a.status, a.text);
                if a.status == 409 {
                    assert!(a.body["code"] == "invalid_transition" || a.body["code"] == "edit_conflict", "{}", a.text);
                }
            }
        }

        // Ten revoke-alls for one leaver at once: every one is 201, and one of them made the orders.
        let body = siebel(&app);
        let pn = body["subject"]["personal_number"].as_str().expect("pn").to_owned();
        granted(&app, &body).await;
        let attempts = (0..10)
            .map(|i| Attempt {
                server: i % 2,
                account: anna,
                method: reqwest::Method::POST,
                path: "/holdings/revoke".into(),
                body: Some(json!({"personal_number": pn})),
            })
            .collect();
        let answers = race(&app, &servers, attempts).await;
        let summary: Vec<String> = answers.iter().map(|a| format!("{} {}", a.status, a.body["code"])).collect();
        assert!(answers.iter().all(|a| a.status == 201), "{summary:?}");
        let made: usize = answers.iter().map(|a| a.body["items"].as_array().map_or(0, Vec::len)).sum();
        assert_eq!(made, 1, "one revoke order in all: {summary:?}");
    }
);

both!(
    async fn also_bidirectional_controls_in_names_and_texts_are_refused(app) {
        for (path, value) in [
            ("subject.first_name", "Karin\u{202e}"),
            ("subject.last_name", "\u{2066}Berg"),
            ("comment", "Ring \u{202a}mig"),
            ("lifecare_title", "x\u{2069}"),
        ] {
            let answer = app.post("/orders", Role::OrdererP, &with(siebel(&app), path, json!(value))).await;
            answer.expect_field_error(path, "invalid_format");
        }
        let p = app.fixture.provider_p;
        app.post(&format!("/providers/{p}/units"), Role::Admin, &json!({"name": "Boende \u{202e}Linden"}))
            .await
            .expect_field_error("name", "invalid_format");
        // Other characters of other scripts are welcome.
        let answer = app.post("/orders", Role::OrdererP, &with(siebel(&app), "subject.first_name", json!("Åsa-Märta ʻOla"))).await;
        answer.expect(201);
    }
);

both!(
    async fn also_a_request_line_over_the_limit_answers_414_problem_json(app) {
        let long = "x".repeat(16 * 1024);
        let answer = app.get(&format!("/systems?q={long}"), Role::Anonymous).await;
        answer.expect_problem(414, "uri_too_long");
        assert!(answer.header("content-type").is_some_and(|c| c.starts_with("application/problem+json")));
        let answer = app
            .send(app.client.get(app.url("/systems")).header("x-padding", "y".repeat(40 * 1024)))
            .await;
        answer.expect_problem(431, "request_header_fields_too_large");
        // Within the limits, as before.
        app.get(&format!("/systems?q={}", "x".repeat(1000)), Role::Anonymous).await.expect(200);
    }
);

both!(
    async fn also_a_refused_cors_preflight_answers_problem_json(app) {
        let answer = app
            .send(
                app.client
                    .request(reqwest::Method::OPTIONS, app.url("/orders"))
                    .header("origin", "https://evil.example")
                    .header("access-control-request-method", "POST"),
            )
            .await;
        assert!((400..500).contains(&answer.status), "{}", answer.status);
        assert!(answer.header("access-control-allow-origin").is_none());
        assert!(answer.header("content-type").is_some_and(|c| c.starts_with("application/problem+json")), "{:?}", answer.headers);
        assert_eq!(answer.body["status"], answer.status);
    }
);
