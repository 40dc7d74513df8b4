//! Personal identity numbers never reach the server's log nor its emails, whatever carries them
//! (bodies, queries, paths, bad input), even at debug level; lists show them masked
//! (`YYYYMMDD-****`); and every read of a detail that shows one whole — an order's, a holding's —
//! is in the audit log.

use serde_json::json;
use sesam_tests::{Backend, Role, ServerOptions, TestApp, both, personal_number};

/// Every way the number `yyyymmdd-nnnc` may be written.
fn spellings(pn: &str) -> Vec<String> {
    let twelve = pn.replace('-', "");
    vec![
        twelve.clone(),
        twelve[2..].to_owned(),
        pn.to_owned(),
        pn[2..].to_owned(),
        format!("{}+{}", &twelve[2..8], &twelve[8..]),
    ]
}

async fn personal_numbers_stay_out_of_the_log(backend: Backend, name: &str) {
    let options = ServerOptions {
        env: vec![("RUST_LOG".into(), "debug".into()), ("SESAM_IT_EMAIL".into(), "it-kon@kommun.example".into())],
        ..Default::default()
    };
    let app = TestApp::spawn_with(backend, name, options).await;
    let p = app.fixture.provider_p;
    let account_pn = personal_number("19670315", "482");
    let expert_pn = personal_number("19880229", "317");
    let changed_pn = personal_number("19591124", "903");
    let order_pn = personal_number("19930607", "264");
    let secret_numbers = [&account_pn, &expert_pn, &changed_pn, &order_pn];

    // Bodies: accepted, refused, and by several roles.
    let created = app
        .post("/accounts", Role::Admin, &json!({"email": "karin.berg@omsorgnord.example", "name": "Karin Berg", "provider_id": p, "personal_number": account_pn}))
        .await;
    created.expect(201);
    let karin = created.id();
    app.post("/accounts", Role::OrdererP, &json!({"email": "olof.ny@omsorgnord.example", "name": "Olof Ny", "personal_number": changed_pn[2..].to_owned()}))
        .await
        .expect(201);
    app.patch(&format!("/accounts/{karin}"), Role::Admin, &json!({"personal_number": changed_pn.replace('-', "")}))
        .await
        .expect(200);
    app.patch(&format!("/accounts/{karin}"), Role::Admin, &json!({"personal_number": account_pn})).await.expect(200);
    app.post(&format!("/providers/{p}/expert-users"), Role::OrdererP, &json!({"first_name": "Per", "last_name": "Expert", "email": "per.expert@omsorgnord.example", "personal_number": expert_pn, "system_id": app.fixture.lifecare}))
        .await
        .expect(201);
    // Refused ones: a wrong check digit, an unknown field, a NUL, a duplicate.
    let wrong = format!("{}{}", &account_pn[..12], (account_pn.as_bytes()[12] - b'0' + 1) % 10);
    app.post(
        "/accounts",
        Role::Admin,
        &json!({"email": "fel@omsorgnord.example", "name": "Fel", "personal_number": wrong}),
    )
    .await
    .expect_field_error("personal_number", "invalid_personal_number");
    app.post("/accounts", Role::Admin, &json!({"email": "fel@omsorgnord.example", "name": "Fel", "pnr": account_pn}))
        .await
        .expect_field_error("pnr", "unknown_field");
    app.post("/providers", Role::Admin, &json!({"name": account_pn, "org_number": expert_pn})).await;
    app.post(&format!("/providers/{p}/expert-users"), Role::OrdererP, &json!({"first_name": "Per", "last_name": "Expert", "email": "per.expert@omsorgnord.example", "personal_number": expert_pn, "system_id": app.fixture.lifecare}))
        .await
        .expect(409);
    // A failed login with a number for an email, and a malformed body holding one.
    app.login(&account_pn, &expert_pn).await;
    let bad = app
        .request(reqwest::Method::POST, "/accounts", Role::Admin)
        .header("content-type", "application/json")
        .body(format!("{{\"personal_number\": \"{account_pn}\", "));
    app.send(bad).await.expect(400);
    // An order for a person: created, read, searched for, sent to IT (whose mailbox is told), completed.
    let mut body = crate::orders::siebel(&app);
    body["subject"]["personal_number"] = json!(order_pn);
    let order = app.post("/orders", Role::OrdererP, &body).await;
    order.expect(201);
    let order_id = order.id();
    app.get(&format!("/orders/{order_id}"), Role::OrdererP).await.expect(200);
    app.post(&format!("/orders/{order_id}/submit"), Role::OrdererP, &json!({})).await.expect(200);
    app.post(&format!("/orders/{order_id}/take"), Role::It, &json!({})).await.expect(200);
    app.post(&format!("/orders/{order_id}/complete"), Role::It, &json!({"account_name": "kaber99"})).await.expect(200);
    let mut wrong_order = crate::orders::siebel(&app);
    wrong_order["subject"]["personal_number"] =
        json!(format!("{}{}", &order_pn[..12], (order_pn.as_bytes()[12] - b'0' + 1) % 10));
    app.post("/orders", Role::OrdererP, &wrong_order)
        .await
        .expect_field_error("subject.personal_number", "invalid_personal_number");
    for number in spellings(&order_pn) {
        app.get(&format!("/orders?q={number}"), Role::OrdererP).await.expect(200);
        app.get(&format!("/holdings?q={number}"), Role::OrdererP).await;
        app.get(&format!("/orders/{number}"), Role::It).await.expect(404);
    }
    app.post("/holdings/revoke", Role::OrdererP, &json!({"provider_id": p, "personal_number": order_pn}))
        .await
        .expect(201);

    // Queries and paths (a client's mistakes included).
    for number in spellings(&account_pn) {
        app.get(&format!("/accounts?q={number}"), Role::Admin).await;
        app.get(&format!("/accounts?q={number}"), Role::OrdererP).await;
        app.get(&format!("/expert-users?personal_number={number}"), Role::OrdererP).await;
        app.get(&format!("/audit?action={number}"), Role::Admin).await;
        app.get(&format!("/accounts/{number}"), Role::Admin).await.expect(404);
        app.get(&format!("/providers/{number}/units"), Role::OrdererP).await.expect(404);
    }

    // Lists mask them; one account's own answer shows it whole to support.
    let list = app.get(&format!("/accounts?provider_id={p}"), Role::Admin).await;
    let karin_row = list.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|a| a["id"] == karin.to_string())
        .expect("Karin")
        .clone();
    assert_eq!(karin_row["personal_number"], format!("{}-****", &account_pn[..8]));
    let as_orderer = app.get(&format!("/accounts?provider_id={p}"), Role::OrdererP).await;
    let experts = app.get(&format!("/expert-users?provider_id={p}"), Role::OrdererP).await;
    let orders = app.get("/orders?limit=200", Role::It).await;
    let holdings = app.get("/holdings?limit=200&active=false", Role::OrdererP).await;
    assert!(orders.text.contains(&format!("{}-****", &order_pn[..8])), "{}", orders.text);
    for (what, answer) in [
        ("accounts as support", &list),
        ("accounts as orderer", &as_orderer),
        ("expert users", &experts),
        ("orders", &orders),
        ("holdings", &holdings),
    ] {
        for pn in secret_numbers {
            for spelling in spellings(pn) {
                assert!(!answer.text.contains(&spelling), "{what} shows {spelling} unmasked: {}", answer.text);
            }
        }
    }
    assert!(experts.text.contains(&format!("{}-****", &expert_pn[..8])), "{}", experts.text);
    let one = app.get(&format!("/accounts/{karin}"), Role::Admin).await;
    assert_eq!(one.body["personal_number"], account_pn.as_str());

    // Nor do the emails waiting in the outbox (IT's mailbox was told of the order).
    let outbox = app.outbox().await;
    assert!(outbox.iter().any(|e| e.recipient == "it-kon@kommun.example"), "{outbox:#?}");
    for email in &outbox {
        for pn in secret_numbers {
            for spelling in spellings(pn) {
                let holds = email.subject.contains(&spelling) || email.body.contains(&spelling);
                assert!(!holds, "an email holds {spelling}: {email:#?}");
            }
        }
    }

    // The log (at debug level) never holds one, in any spelling.
    let log = app.server.log_text();
    assert!(log.contains("/api/v1/accounts"), "the log has request lines: {log}");
    assert!(log.contains("[pnr]"), "paths holding numbers are blanked out");
    for pn in secret_numbers {
        for spelling in spellings(pn) {
            let line = log.lines().find(|l| l.contains(&spelling));
            assert!(line.is_none(), "{spelling} is in the server log: {line:?}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn personal_numbers_never_reach_the_log_and_are_masked_in_lists_postgres() {
    personal_numbers_stay_out_of_the_log(Backend::Postgres, "privacy::postgres").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn personal_numbers_never_reach_the_log_and_are_masked_in_lists_sqlite() {
    personal_numbers_stay_out_of_the_log(Backend::Sqlite, "privacy::sqlite").await;
}

both!(
    async fn every_read_of_an_orders_or_a_holdings_full_details_is_audited(app) {
        let order = crate::orders::order_in(&app, "submitted").await;
        let reads = || app.get("/audit?action=order.read&limit=200", Role::Admin);
        assert_eq!(reads().await.body["items"], json!([]));
        // Those who may read it, and each read: who, which order, which provider.
        for role in [Role::OrdererP, Role::It, Role::Admin, Role::OrdererP] {
            app.get(&format!("/orders/{order}"), role).await.expect(200);
        }
        let log = reads().await;
        let items = log.body["items"].as_array().expect("items").clone();
        assert_eq!(items.len(), 4, "{}", log.text);
        let readers: Vec<String> = items.iter().rev().map(|e| e["actor_id"].as_str().expect("actor").to_owned()).collect();
        let id = |r: Role| app.fixture.account(r).id.to_string();
        assert_eq!(readers, vec![id(Role::OrdererP), id(Role::It), id(Role::Admin), id(Role::OrdererP)]);
        assert!(items.iter().all(|e| e["object_id"] == order.to_string() && e["provider_id"] == app.fixture.provider_p.to_string()));
        // Lists (masked) and refused reads leave no row.
        app.get("/orders?limit=200", Role::It).await.expect(200);
        app.get(&format!("/orders/{order}"), Role::OrdererQ).await.expect(404);
        app.get(&format!("/orders/{order}"), Role::MemberP).await.expect(404);
        assert_eq!(reads().await.body["items"].as_array().expect("items").len(), 4);

        // A holding's detail likewise.
        let (holding, _) = crate::holdings::holding_of_p(&app).await;
        app.get(&format!("/holdings/{holding}"), Role::OrdererP2).await.expect(200);
        app.get("/holdings?limit=200", Role::OrdererP2).await.expect(200);
        let log = app.get("/audit?action=holding.read", Role::Admin).await;
        let items = log.body["items"].as_array().expect("items").clone();
        assert_eq!(items.len(), 1, "{}", log.text);
        assert_eq!(items[0]["actor_id"], id(Role::OrdererP2).as_str());
        assert_eq!(items[0]["object_id"], holding.to_string());
    }
);
