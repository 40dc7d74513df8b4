//! Durability: `kill -9` the server while clients create objects at once; after a restart, every
//! object that was answered 201 is there, and nothing is half-written (each object has exactly
//! the rows its transaction writes: here the object and its audit row).
//!
//! The creates: orders (order, its units, its `created` history row, its audit row and its
//! idempotency key, in one transaction), accounts (argon2 hash, account row, audit row) and
//! providers (provider row, audit row).

use serde_json::json;
use sesam_tests::{Role, Server, ServerOptions, TestApp, both_backends};
use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

/// What a load client creates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Load {
    Order,
    Account,
    Provider,
}

both_backends!(
    async fn every_write_answered_201_survives_kill_9_and_none_is_half_written(backend, log) {
        let mut app = TestApp::spawn_with(backend, log, ServerOptions::default()).await;
        let token = app.token(Role::Admin).expect("token");
        let orderer = app.token(Role::OrdererP).expect("token");
        let base = app.server.base_url.clone();
        let stop = Arc::new(AtomicBool::new(false));
        let acknowledged = Arc::new(Mutex::new(Vec::<(Load, String)>::new()));
        let unanswered = Arc::new(Mutex::new(0usize));
        let mut clients = Vec::new();
        for client_no in 0..6 {
            let kind = [Load::Order, Load::Account, Load::Provider][client_no % 3];
            let token = if kind == Load::Order { orderer.clone() } else { token.clone() };
            let order_body = crate::orders::siebel(&app);
            let (base, stop, acknowledged, unanswered) = (base.clone(), stop.clone(), acknowledged.clone(), unanswered.clone());
            clients.push(tokio::spawn(async move {
                let client = reqwest::Client::builder().timeout(Duration::from_secs(20)).build().expect("client");
                let mut i = 0;
                while !stop.load(Ordering::SeqCst) {
                    i += 1;
                    let request = match kind {
                        Load::Order => {
                            let mut body = order_body.clone();
                            body["subject"]["personal_number"] = json!(crate::orders::new_person());
                            body["subject"]["last_name"] = json!(format!("Last {client_no} {i}"));
                            client
                                .post(format!("{base}/api/v1/orders"))
                                .header("idempotency-key", format!("durability-{client_no}-{i}"))
                                .json(&body)
                        }
                        Load::Account => client.post(format!("{base}/api/v1/accounts")).json(&json!({
                            "email": format!("last.{client_no}.{i}@omsorgnord.example"),
                            "name": format!("Last {client_no} {i}"),
                        })),
                        Load::Provider => client
                            .post(format!("{base}/api/v1/providers"))
                            .json(&json!({"name": format!("Last AB {client_no} {i}")})),
                    };
                    match request.bearer_auth(&token).send().await {
                        Ok(res) if res.status().as_u16() == 201 => {
                            let body: serde_json::Value = res.json().await.unwrap_or_default();
                            if let Some(id) = body["id"].as_str() {
                                acknowledged.lock().expect("lock").push((kind, id.to_owned()));
                            }
                        }
                        Ok(res) => panic!("unexpected {} while the server was up", res.status()),
                        Err(_) => {
                            // The server died under this request: it may or may not have committed.
                            *unanswered.lock().expect("lock") += 1;
                            break;
                        }
                    }
                }
            }));
        }
        tokio::time::sleep(Duration::from_millis(1500)).await;
        app.server.signal("KILL");
        let status = app.server.wait().await;
        assert!(!status.success(), "killed: {status:?}");
        stop.store(true, Ordering::SeqCst);
        for c in clients {
            c.await.expect("client");
        }
        let acknowledged = acknowledged.lock().expect("lock").clone();
        assert!(acknowledged.len() > 10, "the load wrote too little to say anything: {}", acknowledged.len());

        // A new process on the same database.
        app.server = Server::start(&app.db, &format!("{log}-restarted"), &ServerOptions::default()).await;
        for (kind, id) in &acknowledged {
            let path = match kind {
                Load::Order => format!("/orders/{id}"),
                Load::Account => format!("/accounts/{id}"),
                Load::Provider => format!("/providers/{id}"),
            };
            app.get(&path, Role::Admin).await.expect(200);
        }
        // Whole or not at all: every object written by the load has its audit row, and every audit row its object.
        let half_written = [
            "SELECT COUNT(*) AS n FROM orders o WHERE o.last_name LIKE 'Last %' AND (\
               NOT EXISTS (SELECT 1 FROM order_units u WHERE u.order_id = o.id) \
               OR (SELECT COUNT(*) FROM order_history h WHERE h.order_id = o.id AND h.action = 'created') <> 1 \
               OR NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'order.created' AND l.object_id = o.id))",
            "SELECT COUNT(*) AS n FROM order_history h WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = h.order_id)",
            "SELECT COUNT(*) AS n FROM audit_log l WHERE l.action = 'order.created' AND NOT EXISTS \
             (SELECT 1 FROM orders o WHERE o.id = l.object_id)",
            "SELECT COUNT(*) AS n FROM accounts a WHERE a.email LIKE 'last.%' AND NOT EXISTS \
             (SELECT 1 FROM audit_log l WHERE l.action = 'account.created' AND l.object_id = a.id)",
            "SELECT COUNT(*) AS n FROM audit_log l WHERE l.action = 'account.created' AND NOT EXISTS \
             (SELECT 1 FROM accounts a WHERE a.id = l.object_id)",
            "SELECT COUNT(*) AS n FROM providers p WHERE p.name LIKE 'Last AB %' AND NOT EXISTS \
             (SELECT 1 FROM audit_log l WHERE l.action = 'provider.created' AND l.object_id = p.id)",
            "SELECT COUNT(*) AS n FROM audit_log l WHERE l.action = 'provider.created' AND NOT EXISTS \
             (SELECT 1 FROM providers p WHERE p.id = l.object_id)",
        ];
        for sql in half_written {
            assert_eq!(app.db.count(sql).await, 0, "{sql}");
        }
        let accounts = app.db.count("SELECT COUNT(*) AS n FROM accounts WHERE email LIKE 'last.%'").await as usize;
        let providers = app.db.count("SELECT COUNT(*) AS n FROM providers WHERE name LIKE 'Last AB %'").await as usize;
        let orders = app.db.count("SELECT COUNT(*) AS n FROM orders WHERE last_name LIKE 'Last %'").await as usize;
        let unanswered = *unanswered.lock().expect("lock");
        let acked = |k: Load| acknowledged.iter().filter(|(kind, _)| *kind == k).count();
        // At most the requests in flight at the kill may have committed without an answer.
        assert!(accounts >= acked(Load::Account) && providers >= acked(Load::Provider) && orders >= acked(Load::Order));
        assert!(acked(Load::Order) > 0, "orders were made");
        assert!(
            accounts + providers + orders <= acknowledged.len() + unanswered,
            "{accounts} + {providers} + {orders} > {} + {unanswered}",
            acknowledged.len()
        );
        // And the restarted server works.
        app.post("/providers", Role::Admin, &json!({"name": "Efter Omstart AB"})).await.expect(201);
        eprintln!("kill -9 ({backend:?}): {} acknowledged, {unanswered} in flight, all there", acknowledged.len());
    }
);
