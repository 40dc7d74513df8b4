//! Two `sesam serve` processes on one PostgreSQL database: whatever must happen once happens once,
//! whichever replica a request reaches. Concurrent conflicting writes across the replicas have
//! exactly one winner and leave the data consistent. (Each outbox row being sent by one replica
//! only is `email::two_replicas_on_one_postgresql_send_each_email_once`.)

use serde_json::{Value, json};
use sesam_tests::{Answer, Role, Server, ServerOptions, TestApp, mint_token};
use uuid::Uuid;

/// One request of a race: to which replica, as whom, what.
pub struct Attempt {
    pub server: usize,
    pub account: Uuid,
    pub method: reqwest::Method,
    pub path: String,
    pub body: Option<Value>,
}

/// Sends the attempts at once, each to its replica, and answers the answers in order.
pub async fn race(app: &TestApp, servers: &[&Server], attempts: Vec<Attempt>) -> Vec<Answer> {
    let mut handles = Vec::new();
    for a in attempts {
        let mut request = app
            .client
            .request(a.method, format!("{}/api/v1{}", servers[a.server].base_url, a.path))
            .bearer_auth(mint_token(a.account));
        if let Some(body) = a.body {
            request = request.json(&body);
        }
        handles.push(tokio::spawn(async move {
            let res = request.send().await.expect("request");
            let status = res.status().as_u16();
            let headers = res.headers().clone();
            let text = res.text().await.expect("body");
            let body = serde_json::from_str(&text).unwrap_or(Value::Null);
            Answer { status, headers, body, text }
        }));
    }
    let mut answers = Vec::new();
    for h in handles {
        answers.push(h.await.expect("task"));
    }
    answers
}

/// Asserts exactly one success among `answers`, and that every other one is a 409 with one of `codes`.
#[track_caller]
pub fn exactly_one_winner(answers: &[Answer], success: u16, codes: &[&str]) {
    let winners = answers.iter().filter(|a| a.status == success).count();
    let summary: Vec<String> = answers.iter().map(|a| format!("{} {}", a.status, a.body["code"])).collect();
    assert_eq!(winners, 1, "exactly one winner: {summary:?}");
    for a in answers.iter().filter(|a| a.status != success) {
        assert_eq!(a.status, 409, "the others lose with 409: {summary:?}");
        assert!(codes.iter().any(|c| a.body["code"] == *c), "{summary:?}");
    }
}

async fn two_replicas(name: &str) -> (TestApp, Server) {
    let app = TestApp::spawn(sesam_tests::Backend::Postgres, &format!("{name}::a")).await;
    let b = Server::start(&app.db, &format!("{name}::b"), &ServerOptions::default()).await;
    (app, b)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_conflicting_writes_across_two_replicas_have_one_winner() {
    let (app, b) = two_replicas("replicas::one_winner").await;
    let servers = [&app.server, &b];
    let admin = app.fixture.account(Role::Admin).id;
    let anna = app.fixture.account(Role::OrdererP).id;
    let erik = app.fixture.account(Role::OrdererP2).id;
    let p = app.fixture.provider_p;

    for round in 0..5 {
        // The same new account from four clients on both replicas: one is made.
        let email = format!("samma.{round}@omsorgnord.example");
        let attempts = (0..4)
            .map(|i| Attempt {
                server: i % 2,
                account: if i < 2 { admin } else { anna },
                method: reqwest::Method::POST,
                path: "/accounts".into(),
                body: Some(json!({"email": email, "name": "Samma Person", "provider_id": p})),
            })
            .collect();
        let answers = race(&app, &servers, attempts).await;
        exactly_one_winner(&answers, 201, &["already_exists"]);
        let new_account = answers.iter().find(|a| a.status == 201).expect("winner").id();
        let same = app.db.count(&format!("SELECT COUNT(*) AS n FROM accounts WHERE email = '{email}'")).await;
        assert_eq!(same, 1);

        // The same ordering right granted on both replicas at once: one right. (Not by Anna: she may
        // have created the account, and then it is not hers to grant — rule 17.)
        let attempts = [(0, admin), (1, erik), (0, erik), (1, admin)]
            .into_iter()
            .map(|(server, account)| Attempt {
                server,
                account,
                method: reqwest::Method::POST,
                path: format!("/providers/{p}/ordering-rights"),
                body: Some(json!({"account_id": new_account})),
            })
            .collect();
        let answers = race(&app, &servers, attempts).await;
        exactly_one_winner(&answers, 201, &["already_granted"]);
        let rights = app
            .db
            .count(&format!(
                "SELECT COUNT(*) AS n FROM ordering_rights WHERE account_id = '{new_account}' AND revoked_at IS NULL"
            ))
            .await;
        assert_eq!(rights, 1);
    }

    for round in 0..5 {
        // A request for an ordering right, granted on one replica while declined on the other.
        let asker = app.new_account(p, &format!("fragar.{round}@omsorgnord.example"), "Frågar Person").await;
        let request =
            app.post_as(asker, &format!("/providers/{p}/ordering-right-requests"), &json!({"message": "Snälla"})).await;
        request.expect(201);
        let id = request.id();
        let attempts = vec![
            Attempt {
                server: 0,
                account: anna,
                method: reqwest::Method::POST,
                path: format!("/ordering-right-requests/{id}/grant"),
                body: None,
            },
            Attempt {
                server: 1,
                account: erik,
                method: reqwest::Method::POST,
                path: format!("/ordering-right-requests/{id}/decline"),
                body: Some(json!({"reason": "Nej"})),
            },
            Attempt {
                server: 1,
                account: admin,
                method: reqwest::Method::POST,
                path: format!("/ordering-right-requests/{id}/grant"),
                body: None,
            },
            Attempt {
                server: 0,
                account: admin,
                method: reqwest::Method::POST,
                path: format!("/ordering-right-requests/{id}/decline"),
                body: Some(json!({"reason": "Nej"})),
            },
        ];
        let answers = race(&app, &servers, attempts).await;
        // A grant that read the request as pending before the winner committed loses on the right itself.
        exactly_one_winner(&answers, 200, &["already_decided", "already_granted"]);
        let granted = answers.iter().any(|a| a.status == 200 && a.body["request"]["status"] == "granted");
        let declined = answers.iter().any(|a| a.status == 200 && a.body["status"] == "declined");
        assert!(
            granted != declined,
            "the winner granted or declined: {:?}",
            answers.iter().map(|a| &a.text).collect::<Vec<_>>()
        );
        let rights = app
            .db
            .count(&format!(
                "SELECT COUNT(*) AS n FROM ordering_rights WHERE account_id = '{asker}' AND revoked_at IS NULL"
            ))
            .await;
        assert_eq!(rights, i64::from(granted), "a right exists exactly when the grant won");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn orderers_revoking_each_other_on_two_replicas_never_leave_none() {
    let (app, b) = two_replicas("replicas::last_orderer").await;
    let servers = [&app.server, &b];
    let p = app.fixture.provider_p;
    let anna = app.fixture.account(Role::OrdererP).id;
    let erik = app.fixture.account(Role::OrdererP2).id;
    for _ in 0..5 {
        let list = app.get(&format!("/providers/{p}/ordering-rights"), Role::Admin).await;
        let right_of = |who: Uuid| {
            list.body["items"]
                .as_array()
                .expect("items")
                .iter()
                .find(|r| r["account_id"] == who.to_string())
                .expect("right")["id"]
                .as_str()
                .expect("id")
                .to_owned()
        };
        let attempts = vec![
            Attempt {
                server: 0,
                account: anna,
                method: reqwest::Method::DELETE,
                path: format!("/ordering-rights/{}", right_of(erik)),
                body: None,
            },
            Attempt {
                server: 1,
                account: erik,
                method: reqwest::Method::DELETE,
                path: format!("/ordering-rights/{}", right_of(anna)),
                body: None,
            },
        ];
        let answers = race(&app, &servers, attempts).await;
        let ok = answers.iter().filter(|a| a.status == 200).count();
        assert_eq!(ok, 1, "{:?}", answers.iter().map(|a| &a.text).collect::<Vec<_>>());
        let row = app.get(&format!("/compliance?provider_id={p}"), Role::Admin).await;
        assert_eq!(row.body["items"][0]["orderers"], 1, "never none left");
        let revoked = if answers[0].status == 200 { erik } else { anna };
        app.post(&format!("/providers/{p}/ordering-rights"), Role::Admin, &json!({"account_id": revoked}))
            .await
            .expect(201);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn taking_an_order_on_two_replicas_at_once_has_exactly_one_winner() {
    let (app, b) = two_replicas("replicas::take").await;
    let servers = [&app.server, &b];
    let it = app.fixture.account(Role::It).id;
    // A second IT person, so that two people race as well as two replicas.
    let it2 = app
        .post(
            "/accounts",
            Role::Admin,
            &json!({"email": "it2@kommun.example", "name": "Ivar Tekniker", "roles": ["it"]}),
        )
        .await
        .id();
    for _ in 0..8 {
        let order = crate::orders::order_in(&app, "submitted").await;
        let attempts = [(0, it), (1, it2), (1, it), (0, it2)]
            .into_iter()
            .map(|(server, account)| Attempt {
                server,
                account,
                method: reqwest::Method::POST,
                path: format!("/orders/{order}/take"),
                body: Some(json!({})),
            })
            .collect();
        let answers = race(&app, &servers, attempts).await;
        exactly_one_winner(&answers, 200, &["invalid_transition"]);
        let winner = answers.iter().find(|a| a.status == 200).expect("winner");
        assert_eq!(winner.body["status"], "in_progress");
        let taken = app
            .db
            .count(&format!("SELECT COUNT(*) AS n FROM order_history WHERE order_id = '{order}' AND action = 'taken'"))
            .await;
        assert_eq!(taken, 1, "one take in the order's history");
        let detail = app.get(&format!("/orders/{order}"), Role::Admin).await;
        assert_eq!(detail.body["taken_by"], winner.body["taken_by"]);
    }
}
