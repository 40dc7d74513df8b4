//! One test's application: the fixture built once through the API, and a client with a helper per request.

use crate::*;
use serde_json::{Value, json};
use tokio::sync::OnceCell;
use uuid::Uuid;

struct Template {
    db: TestDb,
    fixture: Fixture,
}

static SQLITE_TEMPLATE: OnceCell<Template> = OnceCell::const_new();
static PG_TEMPLATE: OnceCell<Template> = OnceCell::const_new();

async fn template(backend: Backend) -> &'static Template {
    let cell = match backend {
        Backend::Sqlite => &SQLITE_TEMPLATE,
        Backend::Postgres => &PG_TEMPLATE,
    };
    cell.get_or_init(|| async move {
        if backend == Backend::Postgres {
            drop_stale_pg_databases().await;
        }
        let db = TestDb::empty(backend, "sesam_tpl").await;
        let out = run_cli(
            &db,
            &["create-admin", "--email", "support@kommun.example", "--password", PASSWORD, "--name", "Vera Support"],
            &[],
        )
        .await;
        assert!(out.status.success(), "create-admin failed: {}", String::from_utf8_lossy(&out.stderr));
        let mut server =
            Server::start(&db, &format!("fixture-{backend:?}-{}", std::process::id()), &ServerOptions::default()).await;
        let fixture = build_fixture(&db, &server.base_url).await;
        server.kill().await;
        Template { db, fixture }
    })
    .await
}

/// Builds the fixture through the API, as support would set up a new installation.
async fn build_fixture(db: &TestDb, base_url: &str) -> Fixture {
    let client = reqwest::Client::new();
    let api = |path: &str| format!("{base_url}/api/v1{path}");
    let login = |email: &str| {
        let client = client.clone();
        let url = api("/auth/login");
        let body = json!({"email": email, "password": PASSWORD});
        async move {
            let r: Value = client.post(url).json(&body).send().await.expect("login").json().await.expect("json");
            r["access_token"].as_str().expect("token").to_owned()
        }
    };
    let admin = login("support@kommun.example").await;
    let post = |path: &str, body: Value| {
        let req = client.post(api(path)).bearer_auth(&admin).json(&body);
        async move {
            let res = req.send().await.expect("fixture request");
            let status = res.status();
            let value: Value = res.json().await.expect("fixture json");
            assert!(status.is_success(), "fixture step failed: {status} {value}");
            value
        }
    };
    let id = |v: &Value| Uuid::parse_str(v["id"].as_str().expect("id")).expect("uuid");

    let p = id(&post("/providers", json!({"name": "Omsorg Nord AB", "org_number": "556036-0793"})).await);
    let q = id(&post("/providers", json!({"name": "Hemtjänst Syd Ekonomisk förening"})).await);
    let mut units_p = Vec::new();
    for (name, code) in [("Boende Linden", "ON-101"), ("Boende Eken", "ON-102"), ("Hemtjänst Gränby", "ON-201")] {
        units_p.push(id(&post(&format!("/providers/{p}/units"), json!({"name": name, "code": code})).await));
    }
    let mut units_q = Vec::new();
    for name in ["Hemtjänst Gottsunda", "Hemtjänst Sunnersta"] {
        units_q.push(id(&post(&format!("/providers/{q}/units"), json!({"name": name})).await));
    }
    let lifecare = id(&post(
        "/systems",
        json!({"name": "Lifecare", "description": "Socialtjänstens verksamhetssystem", "required_fields": ["lifecare_title"],
               "allowed_values": {"lifecare_title": ["Undersköterska", "Sjuksköterska", "Enhetschef", "Vårdbiträde"]}}),
    )
    .await);
    let cosmic = id(&post("/systems", json!({"name": "Cosmic Link", "required_fields": ["profession"]})).await);
    let siebel = id(&post("/systems", json!({"name": "Siebel"})).await);
    let perm = |system: Uuid, name: &str, active: bool| {
        post("/permissions", json!({"system_id": system, "name": name, "active": active}))
    };
    let perm_lifecare = id(&perm(lifecare, "Utförare – dokumentera", true).await);
    let perm_lifecare_read = id(&perm(lifecare, "Utförare – läsa", true).await);
    let perm_cosmic = id(&perm(cosmic, "Samordnad vårdplanering – läsa", true).await);
    let perm_siebel = id(&perm(siebel, "Handläggare", true).await);
    let perm_inactive = id(&perm(lifecare, "Gammal behörighet", false).await);

    let admin_id = {
        let me: Value =
            client.get(api("/me")).bearer_auth(&admin).send().await.expect("me").json().await.expect("json");
        id(&me)
    };
    let mut accounts = vec![(
        Role::Admin,
        FixtureAccount { id: admin_id, email: "support@kommun.example".into(), personal_number: None },
    )];
    let people: [(Role, &str, &str, Option<Uuid>, &[&str], Option<String>); 7] = [
        (Role::It, "it@kommun.example", "Ingrid Tekniker", None, &["it"], None),
        (
            Role::OrdererP,
            "anna.lind@omsorgnord.example",
            "Anna Lind",
            Some(p),
            &[],
            Some(personal_number("19800412", "238")),
        ),
        (
            Role::OrdererP2,
            "erik.holm@omsorgnord.example",
            "Erik Holm",
            Some(p),
            &[],
            Some(personal_number("19751103", "571")),
        ),
        (Role::OrdererQ, "sara.nilsson@hemtjanstsyd.example", "Sara Nilsson", Some(q), &[], None),
        (Role::MemberP, "lisa.berg@omsorgnord.example", "Lisa Berg", Some(p), &[], None),
        (Role::Deactivated, "olle.gammal@omsorgnord.example", "Olle Gammal", Some(p), &[], None),
        (Role::Anonymous, "", "", None, &[], None),
    ];
    for (role, email, name, provider, roles, pn) in people {
        if role == Role::Anonymous {
            continue;
        }
        let account = post(
            "/accounts",
            json!({"email": email, "name": name, "provider_id": provider, "roles": roles, "personal_number": pn}),
        )
        .await;
        let account_id = id(&account);
        // The person chooses their password through the activation link (rule 16).
        let token = link_token(db, email, "account_invitation").await;
        let res = client
            .post(api("/auth/activate"))
            .json(&json!({"token": token, "password": PASSWORD}))
            .send()
            .await
            .expect("activate");
        assert!(res.status().is_success(), "activate {email}: {}", res.status());
        if matches!(role, Role::OrdererP | Role::OrdererP2 | Role::OrdererQ | Role::Deactivated) {
            let provider = provider.expect("orderers belong to a provider");
            post(&format!("/providers/{provider}/ordering-rights"), json!({"account_id": account_id})).await;
        }
        accounts.push((role, FixtureAccount { id: account_id, email: email.into(), personal_number: pn }));
    }
    // The invitations were read and used: tests of email start from an empty outbox.
    {
        use sea_orm::{ConnectionTrait, Statement};
        let conn = db.connect().await;
        conn.execute_raw(Statement::from_string(conn.get_database_backend(), "DELETE FROM email_outbox".to_owned()))
            .await
            .expect("empty the outbox");
        let _ = conn.close().await;
    }
    let deactivated = accounts.iter().find(|(r, _)| *r == Role::Deactivated).expect("deactivated").1.id;
    let res = client
        .patch(api(&format!("/accounts/{deactivated}")))
        .bearer_auth(&admin)
        .json(&json!({"active": false}))
        .send()
        .await
        .expect("patch");
    assert!(res.status().is_success(), "deactivate: {}", res.status());

    Fixture {
        provider_p: p,
        provider_q: q,
        units_p,
        units_q,
        lifecare,
        cosmic,
        siebel,
        perm_lifecare,
        perm_lifecare_read,
        perm_cosmic,
        perm_siebel,
        perm_inactive,
        accounts,
    }
}

/// The token of the newest link of `kind` (`account_invitation`, `password_reset`) emailed to
/// `recipient`, read from the outbox as the person would read it from the email.
pub async fn link_token(db: &TestDb, recipient: &str, kind: &str) -> String {
    use sea_orm::{ConnectionTrait, Statement};
    let conn = db.connect().await;
    let rows = conn
        .query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            format!(
                "SELECT body FROM email_outbox WHERE recipient = '{recipient}' AND kind = '{kind}' ORDER BY id DESC"
            ),
        ))
        .await
        .expect("read the outbox");
    let _ = conn.close().await;
    let body: String = rows
        .first()
        .map(|r| r.try_get("", "body").expect("body"))
        .unwrap_or_else(|| panic!("no {kind} email to {recipient}"));
    let (_, rest) = body.split_once("#token=").unwrap_or_else(|| panic!("no link in the email: {body}"));
    rest.chars().take_while(|c| c.is_ascii_hexdigit()).collect()
}

/// Mints an access token for an account, as the server would (same secret, claims and algorithm).
/// The account must still be in its first session generation (no password change, no
/// deactivation since it was made).
pub fn mint_token(account_id: Uuid) -> String {
    let now = chrono::Utc::now().timestamp() as u64;
    let claims = json!({"sub": account_id.to_string(), "exp": now + 3600, "nbf": now, "iat": now, "iss": "sesam",
        "aud": "sesam-api", "sgen": 0});
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(JWT_SECRET.as_bytes()),
    )
    .expect("mint a token")
}

/// One test's running application: its database, its server, the fixture and a client.
pub struct TestApp {
    pub backend: Backend,
    pub db: TestDb,
    pub server: Server,
    pub fixture: Fixture,
    pub client: reqwest::Client,
    /// A connection and the query for [`TestApp::fingerprint`], made on first use.
    fingerprinter: OnceCell<(sea_orm::DatabaseConnection, String)>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(pid) = self.server.pid() {
            // kill_on_drop sends the signal; make sure the database is free before dropping it.
            let _ = std::process::Command::new("kill").arg("-9").arg(pid.to_string()).status();
        }
        self.db.drop_blocking();
    }
}

/// One row of the email outbox.
#[derive(Clone, Debug)]
pub struct OutboxRow {
    pub id: Uuid,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i32,
    pub sent: bool,
    pub failed: bool,
    pub last_error: Option<String>,
}

/// A response, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Answer {
    /// The value of a header, if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn expect(&self, status: u16) -> &Self {
        assert_eq!(self.status, status, "unexpected status; body: {}", self.text);
        self
    }

    /// Asserts a problem+json answer with this status and top-level code.
    #[track_caller]
    pub fn expect_problem(&self, status: u16, code: &str) -> &Self {
        self.expect(status);
        assert!(
            self.header("content-type").is_some_and(|c| c.starts_with("application/problem+json")),
            "not problem+json: {:?} {}",
            self.header("content-type"),
            self.text
        );
        assert_eq!(self.body["status"], status, "{}", self.text);
        assert_eq!(self.body["code"], code, "{}", self.text);
        assert!(
            self.body["type"].is_string() && self.body["title"].is_string() && self.body["detail"].is_string(),
            "{}",
            self.text
        );
        self
    }

    /// The `(field, code)` pairs of a 422, sorted.
    pub fn field_errors(&self) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| {
                        (e["field"].as_str().unwrap_or("").to_owned(), e["code"].as_str().unwrap_or("").to_owned())
                    })
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    /// Asserts a 422 carrying (at least) this field error.
    #[track_caller]
    pub fn expect_field_error(&self, field: &str, code: &str) -> &Self {
        self.expect_problem(422, "validation_failed");
        assert!(
            self.field_errors().iter().any(|(f, c)| f == field && c == code),
            "expected {field}: {code} among {:?}",
            self.field_errors()
        );
        self
    }

    /// The `id` of the answer.
    pub fn id(&self) -> Uuid {
        Uuid::parse_str(self.body["id"].as_str().unwrap_or_else(|| panic!("no id in {}", self.text))).expect("uuid")
    }
}

impl TestApp {
    /// Starts a server on a fresh copy of the fixture database.
    pub async fn spawn(backend: Backend, name: &str) -> TestApp {
        Self::spawn_with(backend, name, ServerOptions::default()).await
    }

    /// As [`TestApp::spawn`], with extra server options.
    pub async fn spawn_with(backend: Backend, name: &str, options: ServerOptions) -> TestApp {
        let template = template(backend).await;
        let db = TestDb::copy_of(&template.db, "sesam_t").await;
        let server = Server::start(&db, name, &options).await;
        TestApp {
            backend,
            db,
            server,
            fixture: template.fixture.clone(),
            client: reqwest::Client::new(),
            fingerprinter: OnceCell::new(),
        }
    }

    /// `http://127.0.0.1:PORT/api/v1` + path.
    pub fn url(&self, path: &str) -> String {
        if path.starts_with("/api/") || path.starts_with("/health") || path == "/" {
            format!("{}{path}", self.server.base_url)
        } else {
            format!("{}/api/v1{path}", self.server.base_url)
        }
    }

    /// A token for the fixture account playing `role` (none for `Anonymous`).
    pub fn token(&self, role: Role) -> Option<String> {
        (role != Role::Anonymous).then(|| mint_token(self.fixture.account(role).id))
    }

    /// A request builder with the role's token.
    pub fn request(&self, method: reqwest::Method, path: &str, role: Role) -> reqwest::RequestBuilder {
        let mut req = self.client.request(method, self.url(path));
        if let Some(token) = self.token(role) {
            req = req.bearer_auth(token);
        }
        req
    }

    /// Sends a request and reads the answer.
    pub async fn send(&self, req: reqwest::RequestBuilder) -> Answer {
        let res = req.send().await.expect("request");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer { status, headers, body, text }
    }

    pub async fn get(&self, path: &str, role: Role) -> Answer {
        self.send(self.request(reqwest::Method::GET, path, role)).await
    }

    pub async fn post(&self, path: &str, role: Role, body: &Value) -> Answer {
        self.send(self.request(reqwest::Method::POST, path, role).json(body)).await
    }

    pub async fn patch(&self, path: &str, role: Role, body: &Value) -> Answer {
        self.send(self.request(reqwest::Method::PATCH, path, role).json(body)).await
    }

    pub async fn delete(&self, path: &str, role: Role) -> Answer {
        self.send(self.request(reqwest::Method::DELETE, path, role)).await
    }

    /// A POST as any account (by id), not only the fixture's roles.
    pub async fn post_as(&self, account_id: Uuid, path: &str, body: &Value) -> Answer {
        self.send(self.client.post(self.url(path)).bearer_auth(mint_token(account_id)).json(body)).await
    }

    /// A GET as any account (by id).
    pub async fn get_as(&self, account_id: Uuid, path: &str) -> Answer {
        self.send(self.client.get(self.url(path)).bearer_auth(mint_token(account_id))).await
    }

    /// Support creates an active account of `provider` (no roles), and the person activates it
    /// with [`PASSWORD`]; answers its id.
    pub async fn new_account(&self, provider: Uuid, email: &str, name: &str) -> Uuid {
        let id = self
            .post("/accounts", Role::Admin, &json!({"email": email, "name": name, "provider_id": provider}))
            .await
            .expect(201)
            .id();
        self.activate(email, PASSWORD).await;
        id
    }

    /// The person behind `email` follows their newest activation link and chooses `password`.
    pub async fn activate(&self, email: &str, password: &str) -> Answer {
        let token = self.link_token(email, "account_invitation").await;
        let answer = self.post("/auth/activate", Role::Anonymous, &json!({"token": token, "password": password})).await;
        answer.expect(200);
        answer
    }

    /// The token of the newest link of `kind` emailed to `recipient` (see [`link_token`]).
    pub async fn link_token(&self, recipient: &str, kind: &str) -> String {
        link_token(&self.db, recipient, kind).await
    }

    /// The email outbox as stored, oldest first.
    pub async fn outbox(&self) -> Vec<OutboxRow> {
        use sea_orm::{ConnectionTrait, Statement};
        let db = self.db.connect().await;
        let rows = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT id, kind, recipient, subject, body, attempts, sent_at IS NOT NULL AS sent, \
                 failed_at IS NOT NULL AS failed, last_error FROM email_outbox ORDER BY id",
            ))
            .await
            .expect("read the outbox");
        let _ = db.close().await;
        rows.into_iter()
            .map(|r| OutboxRow {
                id: r.try_get("", "id").expect("id"),
                kind: r.try_get("", "kind").expect("kind"),
                recipient: r.try_get("", "recipient").expect("recipient"),
                subject: r.try_get("", "subject").expect("subject"),
                body: r.try_get("", "body").expect("body"),
                attempts: r.try_get("", "attempts").expect("attempts"),
                sent: r.try_get("", "sent").expect("sent"),
                failed: r.try_get("", "failed").expect("failed"),
                last_error: r.try_get("", "last_error").expect("last_error"),
            })
            .collect()
    }

    /// A fingerprint of every row of every table (PostgreSQL only; `None` on SQLite): equal
    /// fingerprints mean nothing was written in between. Webhook messages and attempts are left
    /// out: the background sender writes them whenever a delivery is due, whatever the request.
    pub async fn fingerprint(&self) -> Option<String> {
        use sea_orm::{ConnectionTrait, Statement};
        if self.backend != Backend::Postgres {
            return None;
        }
        let (db, sql) = self
            .fingerprinter
            .get_or_init(|| async {
                let db = self.db.connect().await;
                let tables = db
                    .query_all_raw(Statement::from_string(
                        db.get_database_backend(),
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' \
                         AND tablename <> 'seaql_migrations' \
                         AND tablename NOT IN ('webhook_messages', 'webhook_attempts') ORDER BY tablename",
                    ))
                    .await
                    .expect("list tables");
                let parts: Vec<String> = tables
                    .iter()
                    .map(|row| {
                        let table: String = row.try_get("", "tablename").expect("tablename");
                        // The webhook sender marks an endpoint failing (or off) in the background, after
                        // a test event an earlier, allowed request queued: what a request sets is the rest.
                        let row = if table == "webhook_endpoints" {
                            "(t.id, t.url, t.description, t.events, t.secret, t.created_by, t.created_at)::text"
                        } else {
                            "t::text"
                        };
                        format!(
                            "SELECT '{table}:' || COUNT(*) || ':' || COALESCE(md5(string_agg({row}, '|' ORDER BY {row})), '') AS f FROM \"{table}\" t"
                        )
                    })
                    .collect();
                (db, format!("SELECT string_agg(f, ',' ORDER BY f) AS f FROM ({}) x", parts.join(" UNION ALL ")))
            })
            .await;
        let row = db
            .query_one_raw(Statement::from_string(db.get_database_backend(), sql.clone()))
            .await
            .expect("fingerprint")
            .expect("row");
        Some(row.try_get("", "f").expect("f"))
    }

    /// Starts another `sesam serve` on this app's database (a replica, or a restart).
    pub async fn start_server(&self, name: &str, options: &ServerOptions) -> Server {
        Server::start(&self.db, name, options).await
    }

    /// `base_url` + `/api/v1` + path, for a request to another server of this app.
    pub fn url_on(&self, server: &Server, path: &str) -> String {
        format!("{}/api/v1{path}", server.base_url)
    }

    /// Logs in through the API; answers the raw response.
    pub async fn login(&self, email: &str, password: &str) -> Answer {
        self.send(self.client.post(self.url("/auth/login")).json(&json!({"email": email, "password": password}))).await
    }
}
