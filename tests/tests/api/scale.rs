//! Sesam at scale: `sesam seed-bulk` makes a database the API serves as it is (the two logins it
//! prints work, the lists page, a new order gets the next reference of the year), and the list
//! queries read `orders` through an index, never a sequential scan — checked on the plans that
//! PostgreSQL chooses for a seeded, `ANALYZE`d database with its ordinary planner settings.
//! Speed itself is measured by `make bench`, not asserted here.

use chrono::Datelike;
use serde_json::{Value, json};
use sesam_tests::{Backend, PASSWORD, Server, ServerOptions, TestDb, both_backends, personal_number, run_cli};

/// Seeds `orders` orders into a fresh database; answers the database and the two logins printed.
async fn seeded(backend: Backend, orders: u64) -> (TestDb, (String, String), (String, String)) {
    let db = TestDb::empty(backend, "sesam_tbulk").await;
    let out = run_cli(&db, &["seed-bulk", "--orders", &orders.to_string(), "--password", PASSWORD], &[]).await;
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "seed-bulk failed: {stdout}\n{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "exactly two lines on stdout: {stdout}");
    let login = |prefix: &str, line: &str| -> (String, String) {
        let rest = line.strip_prefix(prefix).unwrap_or_else(|| panic!("`{line}` does not start with {prefix}"));
        let (email, password) = rest.split_once(' ').expect("EMAIL PASSWORD");
        (email.to_owned(), password.to_owned())
    };
    let orderer = login("orderer: ", lines[0]);
    let it = login("it: ", lines[1]);
    assert_eq!(orderer.1, PASSWORD);
    assert!(stderr.contains(&format!("seeded {orders} orders")), "{stderr}");
    (db, orderer, it)
}

async fn token(client: &reqwest::Client, base: &str, (email, password): &(String, String)) -> String {
    let res = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .expect("login");
    assert_eq!(res.status(), 200, "login as {email}");
    let body: Value = res.json().await.expect("json");
    body["access_token"].as_str().expect("token").to_owned()
}

async fn get(client: &reqwest::Client, base: &str, token: &str, path: &str) -> Value {
    let res = client.get(format!("{base}/api/v1{path}")).bearer_auth(token).send().await.expect("get");
    assert_eq!(res.status(), 200, "GET {path}");
    res.json().await.expect("json")
}

both_backends!(
    /// The seeded database serves: both logins work, the orderer pages through its provider's
    /// orders (every status is there), IT reads its queue, and a new order gets the next reference.
    async fn seed_bulk_makes_a_database_the_api_serves(backend, log) {
        let orders = if backend == Backend::Postgres { 3_000 } else { 600 };
        let (db, orderer, it) = seeded(backend, orders).await;
        let mut server = Server::start(&db, log, &ServerOptions::default()).await;
        let base = server.base_url.clone();
        let client = reqwest::Client::new();
        let orderer_token = token(&client, &base, &orderer).await;
        let it_token = token(&client, &base, &it).await;

        let me = get(&client, &base, &orderer_token, "/me").await;
        let provider = me["ordering_rights"][0]["provider_id"].as_str().expect("an orderer").to_owned();
        let first = get(&client, &base, &orderer_token, "/orders?limit=50").await;
        let items = first["items"].as_array().expect("items");
        assert_eq!(items.len(), 50);
        assert!(items.iter().all(|o| o["provider_id"] == provider.as_str()));
        assert!(items.windows(2).all(|w| w[0]["id"].as_str() > w[1]["id"].as_str()), "newest first");
        assert!(items.windows(2).all(|w| w[0]["created_at"].as_str() >= w[1]["created_at"].as_str()));
        let cursor = first["next_cursor"].as_str().expect("more pages");
        let second = get(&client, &base, &orderer_token, &format!("/orders?limit=50&cursor={cursor}")).await;
        assert!(second["items"][0]["id"].as_str() < items[49]["id"].as_str());
        for status in ["draft", "submitted", "in_progress", "completed", "rejected", "withdrawn"] {
            let page = get(&client, &base, &it_token, &format!("/orders?status={status}&limit=1")).await;
            if status == "draft" {
                assert!(page["items"].as_array().expect("items").is_empty(), "IT never sees drafts");
            } else {
                assert_eq!(page["items"].as_array().map(Vec::len), Some(1), "an order that is {status}");
            }
        }
        let queue = get(&client, &base, &it_token, "/orders?status=submitted&order=oldest&limit=50").await;
        let one = queue["items"][0]["id"].as_str().expect("a submitted order");
        let detail = get(&client, &base, &it_token, &format!("/orders/{one}")).await;
        assert_eq!(detail["status"], "submitted");
        assert_eq!(detail["subject"]["personal_number"].as_str().map(str::len), Some(13));
        let history = get(&client, &base, &it_token, &format!("/orders/{one}/history")).await;
        let actions: Vec<&str> = history["items"].as_array().expect("items").iter().filter_map(|h| h["action"].as_str()).collect();
        assert_eq!(actions, ["created", "submitted"]);
        let holdings = get(&client, &base, &orderer_token, "/holdings?limit=5").await;
        assert!(!holdings["items"].as_array().expect("items").is_empty(), "completed grants made holdings");

        // A new order: the next reference of the year, after every seeded one.
        let year = chrono::Utc::now().year();
        let highest: Option<u64> = {
            use sea_orm::{ConnectionTrait, Statement};
            let conn = db.connect().await;
            let rows = conn
                .query_all_raw(Statement::from_string(
                    conn.get_database_backend(),
                    format!("SELECT reference FROM orders WHERE reference LIKE 'SES-{year}-%'"),
                ))
                .await
                .expect("references");
            let _ = conn.close().await;
            rows.iter()
                .filter_map(|r| r.try_get::<String>("", "reference").ok())
                .filter_map(|r| r.rsplit('-').next().and_then(|n| n.parse().ok()))
                .max()
        };
        let units = get(&client, &base, &orderer_token, &format!("/providers/{provider}/units")).await;
        let unit = units["items"][0]["id"].as_str().expect("a unit").to_owned();
        let permissions = get(&client, &base, &orderer_token, "/permissions?limit=200").await;
        let siebel = permissions["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|p| p["name"] == "Handläggare")
            .and_then(|p| p["id"].as_str())
            .expect("Siebel's permission")
            .to_owned();
        let res = client
            .post(format!("{base}/api/v1/orders"))
            .bearer_auth(&orderer_token)
            .json(&json!({"permission_id": siebel, "unit_ids": [unit],
                          "subject": {"first_name": "Ny", "last_name": "Person", "personal_number": personal_number("20100101", "123")}}))
            .send()
            .await
            .expect("create");
        let status = res.status();
        let created: Value = res.json().await.expect("json");
        assert_eq!(status, 201, "{created}");
        let number = |r: &str| r.rsplit('-').next().and_then(|n| n.parse::<u64>().ok()).expect("a number");
        assert_eq!(number(created["reference"].as_str().expect("reference")), highest.map_or(1, |n| n + 1), "{created}");

        server.kill().await;
        db.drop_blocking();
    }
);

/// What `sesam explain-orders` prints for a page of the list.
async fn plan(db: &TestDb, email: &str, query: &str) -> String {
    let out = run_cli(db, &["explain-orders", "--as", email, "--query", query, "--analyze"], &[]).await;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "explain-orders failed: {text} {}", String::from_utf8_lossy(&out.stderr));
    text
}

/// Each list query reads `orders` through one of its indexes, on an `ANALYZE`d database with the
/// planner's ordinary settings; never `Seq Scan on orders`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_queries_read_orders_through_an_index() {
    let (db, (orderer, _), (it, _)) = seeded(Backend::Postgres, 5_000).await;
    for (who, query) in [
        (&orderer, "limit=50"),
        (&orderer, "limit=50&status=draft"),
        (&orderer, "limit=50&mine=true"),
        (&orderer, "limit=50&order=oldest"),
        (&it, "status=submitted&limit=50"),
        (&it, "status=submitted&order=oldest&limit=50"),
        (&it, "status=in_progress&mine=true&limit=50"),
        (&it, "limit=50"),
    ] {
        let text = plan(&db, who, query).await;
        assert!(!text.contains("Seq Scan on orders"), "{query} as {who} scans the whole table:\n{text}");
        let indexed = ["Index Scan", "Index Only Scan", "Bitmap Index Scan"]
            .iter()
            .any(|scan| text.lines().any(|l| l.contains(scan) && (l.contains(" on orders") || l.contains("orders"))));
        assert!(indexed, "{query} as {who} uses no index on orders:\n{text}");
        assert!(text.contains("Execution Time"), "{text}");
    }
    db.drop_blocking();
}

/// A search by a whole personal number (issue 18) reads `orders` by `ix_orders_person`, for an
/// orderer (its providers) and for IT (every order that is not a draft): a lookup, not a walk
/// through a provider's or the whole table's orders.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_by_personal_number_reads_orders_by_the_person_index() {
    let (db, (orderer, _), (it, _)) = seeded(Backend::Postgres, 5_000).await;
    let person = personal_number("19850101", "123");
    for (who, query) in [(&orderer, format!("limit=50&q={person}")), (&it, format!("limit=50&q={person}"))] {
        let text = plan(&db, who, &query).await;
        assert!(text.contains("ix_orders_person"), "{query} as {who} does not use ix_orders_person:\n{text}");
        assert!(!text.contains("Seq Scan on orders"), "{query} as {who} scans the whole table:\n{text}");
    }
    db.drop_blocking();
}

/// A search by a whole reference (issue 20) reads `orders` by its unique index, and a search by a
/// name reads no whole table: the trigram index (`ix_orders_search_trgm`) or another index.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn searches_by_reference_and_by_name_read_orders_by_an_index() {
    let (db, (orderer, _), (it, _)) = seeded(Backend::Postgres, 5_000).await;
    for who in [&orderer, &it] {
        let text = plan(&db, who, "limit=50&q=ses-2026-000123").await;
        assert!(text.contains("ux_orders_reference"), "a reference as {who} does not use ux_orders_reference:\n{text}");
        for q in ["lund", "andersson", "berg@"] {
            let text = plan(&db, who, &format!("limit=50&q={q}")).await;
            assert!(!text.contains("Seq Scan on orders"), "q={q} as {who} scans the whole table:\n{text}");
        }
    }
    let trigram =
        db.count("SELECT count(*) AS n FROM pg_indexes WHERE indexname IN ('ix_orders_search_trgm', 'ix_holdings_search_trgm')").await;
    assert_eq!(trigram, 2, "the trigram indexes exist on PostgreSQL");
    db.drop_blocking();
}
