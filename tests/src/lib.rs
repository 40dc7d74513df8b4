//! The black-box test harness: every test starts the built `sesam` binary as a process on a free
//! port, against its own fresh database (SQLite file or PostgreSQL database), and talks HTTP to it.
//!
//! A fixture (providers, units, catalogue, accounts of every role, ordering rights) is built once
//! per test process and backend *through the API*, into a template; each test copies the template
//! (`CREATE DATABASE … TEMPLATE …` on PostgreSQL, a file copy on SQLite), which costs milliseconds.

pub mod pg_cluster;
pub mod smtp;

use serde_json::{Value, json};
use std::{
    path::{Path, PathBuf},
    process::Stdio,
    sync::atomic::{AtomicU32, Ordering},
    time::Duration,
};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
    sync::OnceCell,
};
use uuid::Uuid;

/// The JWT secret every test server uses, so tests can also mint their own tokens.
pub const JWT_SECRET: &str = "sesam-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
/// The password of every fixture account.
pub const PASSWORD: &str = "fixture-password-2026";
/// Light argon2 parameters for test servers (configuration, not a test-only code path).
pub const TEST_ARGON2: &str = "m=1024,t=1,p=1";

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Who makes a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Support (vof.support).
    Admin,
    /// IT provisioning.
    It,
    /// An orderer of provider P.
    OrdererP,
    /// A second orderer of provider P.
    OrdererP2,
    /// An orderer of provider Q (another provider).
    OrdererQ,
    /// An account of P without an ordering right.
    MemberP,
    /// A deactivated account (once an orderer of P).
    Deactivated,
    /// No token at all.
    Anonymous,
}

impl Role {
    /// The roles of the route × role table.
    pub const TABLE: [Role; 7] =
        [Role::Admin, Role::It, Role::OrdererP, Role::OrdererQ, Role::MemberP, Role::Deactivated, Role::Anonymous];
}

/// Ids of what the fixture made.
#[derive(Clone, Debug)]
pub struct Fixture {
    pub provider_p: Uuid,
    pub provider_q: Uuid,
    /// P's units: Boende Linden, Boende Eken, Hemtjänst Gränby.
    pub units_p: Vec<Uuid>,
    /// Q's units: Hemtjänst Gottsunda, Hemtjänst Sunnersta.
    pub units_q: Vec<Uuid>,
    /// Requires `lifecare_title` (allowed values: a list of titles).
    pub lifecare: Uuid,
    /// Requires `profession`.
    pub cosmic: Uuid,
    /// Requires nothing.
    pub siebel: Uuid,
    /// Lifecare: Utförare – dokumentera.
    pub perm_lifecare: Uuid,
    /// Lifecare: Utförare – läsa.
    pub perm_lifecare_read: Uuid,
    /// Cosmic Link: Samordnad vårdplanering – läsa.
    pub perm_cosmic: Uuid,
    /// Siebel: Handläggare.
    pub perm_siebel: Uuid,
    /// Lifecare: an inactive permission.
    pub perm_inactive: Uuid,
    pub accounts: Vec<(Role, FixtureAccount)>,
}

/// One fixture account.
#[derive(Clone, Debug)]
pub struct FixtureAccount {
    pub id: Uuid,
    pub email: String,
    pub personal_number: Option<String>,
}

impl Fixture {
    /// The fixture account playing `role`.
    pub fn account(&self, role: Role) -> &FixtureAccount {
        &self.accounts.iter().find(|(r, _)| *r == role).unwrap_or_else(|| panic!("no account for {role:?}")).1
    }
}

/// Makes a valid personal identity number `YYYYMMDD-NNNC` from its first eleven digits.
pub fn personal_number(yyyymmdd: &str, nnn: &str) -> String {
    let ten = format!("{}{}", &yyyymmdd[2..], nnn);
    let sum: u32 = ten
        .bytes()
        .enumerate()
        .map(|(i, c)| {
            let d = u32::from(c - b'0');
            if i % 2 == 0 {
                let p = d * 2;
                if p > 9 { p - 9 } else { p }
            } else {
                d
            }
        })
        .sum();
    format!("{yyyymmdd}-{nnn}{}", (10 - sum % 10) % 10)
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

/// The `sesam` binary under test: `SESAM_BIN`, or the debug build.
pub fn sesam_bin() -> PathBuf {
    std::env::var_os("SESAM_BIN").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target/debug/sesam"))
}

/// The PostgreSQL server for tests (its `postgres` database, for creating and dropping others).
pub fn pg_admin_url() -> String {
    std::env::var("SESAM_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn pg_url(database: &str) -> String {
    let admin = pg_admin_url();
    let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap_or(admin);
    format!("{base}/{database}")
}

fn scratch_dir() -> PathBuf {
    let dir = workspace_root().join("target/test-scratch");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn log_dir() -> PathBuf {
    let dir = workspace_root().join("target/test-logs");
    std::fs::create_dir_all(&dir).expect("log dir");
    dir
}

static NEXT: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    format!("{prefix}_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst))
}

/// A database prepared for one server.
#[derive(Clone, Debug)]
pub struct TestDb {
    pub backend: Backend,
    pub url: String,
    /// PostgreSQL: the database's name; SQLite: the file.
    pub name: String,
}

impl TestDb {
    /// A new, empty database (migrated by the first `sesam` command run on it).
    pub async fn empty(backend: Backend, prefix: &str) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let path = scratch_dir().join(format!("{}.db", unique(prefix)));
                TestDb {
                    backend,
                    url: format!("sqlite://{}?mode=rwc", path.display()),
                    name: path.display().to_string(),
                }
            }
            Backend::Postgres => {
                let name = unique(prefix);
                pg_execute(&format!("CREATE DATABASE {name}")).await;
                TestDb { backend, url: pg_url(&name), name }
            }
        }
    }

    async fn copy_of(template: &TestDb, prefix: &str) -> TestDb {
        match template.backend {
            Backend::Sqlite => {
                let target = scratch_dir().join(format!("{}.db", unique(prefix)));
                for suffix in ["", "-wal", "-shm"] {
                    let from = format!("{}{suffix}", template.name);
                    if Path::new(&from).exists() {
                        std::fs::copy(&from, format!("{}{suffix}", target.display())).expect("copy the template");
                    }
                }
                TestDb {
                    backend: Backend::Sqlite,
                    url: format!("sqlite://{}?mode=rwc", target.display()),
                    name: target.display().to_string(),
                }
            }
            Backend::Postgres => {
                let name = unique(prefix);
                // The template's last server may still be letting go of its connections: retry briefly.
                let mut attempt = 0;
                loop {
                    match pg_try_execute(&format!("CREATE DATABASE {name} TEMPLATE {}", template.name)).await {
                        Ok(()) => break,
                        Err(e) if attempt < 50 && e.contains("being accessed by other users") => {
                            attempt += 1;
                            tokio::time::sleep(Duration::from_millis(100)).await;
                        }
                        Err(e) => panic!("CREATE DATABASE {name}: {e}"),
                    }
                }
                TestDb { backend: Backend::Postgres, url: pg_url(&name), name }
            }
        }
    }

    /// A direct connection, for assertions that look at the stored data.
    pub async fn connect(&self) -> sea_orm::DatabaseConnection {
        sea_orm::Database::connect(&self.url).await.expect("connect to the test database")
    }

    /// A database at `url` that the test manages itself (say, on a private PostgreSQL cluster).
    pub fn external(url: &str) -> TestDb {
        TestDb { backend: Backend::Postgres, url: url.to_owned(), name: String::new() }
    }

    /// Answers one number from a query (`SELECT COUNT(*) AS n …`), on either backend.
    pub async fn count(&self, sql: &str) -> i64 {
        use sea_orm::{ConnectionTrait, Statement};
        let db = self.connect().await;
        let row = db
            .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .unwrap_or_else(|| panic!("{sql}: no row"));
        let n: i64 = row.try_get("", "n").unwrap_or_else(|e| panic!("{sql}: column n: {e}"));
        let _ = db.close().await;
        n
    }

    /// Removes the database (tests that make their own call it when done).
    pub fn drop_blocking(&self) {
        match self.backend {
            Backend::Sqlite => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", self.name));
                }
            }
            Backend::Postgres => {
                let name = self.name.clone();
                // Drop runs outside any runtime we may use: give it its own.
                let _ = std::thread::spawn(move || {
                    if let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() {
                        rt.block_on(async {
                            pg_try_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await.ok()
                        });
                    }
                })
                .join();
            }
        }
    }
}

async fn pg_try_execute(sql: &str) -> Result<(), String> {
    use sea_orm::ConnectionTrait;
    let db = sea_orm::Database::connect(pg_admin_url())
        .await
        .map_err(|e| format!("PostgreSQL is not reachable at {} ({e}); start it (see README)", pg_admin_url()))?;
    let result = db.execute_unprepared(sql).await.map(|_| ()).map_err(|e| e.to_string());
    let _ = db.close().await;
    result
}

async fn pg_execute(sql: &str) {
    if let Err(e) = pg_try_execute(sql).await {
        panic!("{sql}: {e}");
    }
}

/// Drops databases left behind by test processes that are gone.
async fn drop_stale_pg_databases() {
    use sea_orm::{ConnectionTrait, Statement};
    let Ok(db) = sea_orm::Database::connect(pg_admin_url()).await else { return };
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT datname FROM pg_database WHERE datname LIKE 'sesam\\_t%'",
        ))
        .await
        .unwrap_or_default();
    for row in rows {
        let Ok(name) = row.try_get::<String>("", "datname") else { continue };
        let pid = name.split('_').nth(2).and_then(|p| p.parse::<u32>().ok());
        if let Some(pid) = pid
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = db.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
        }
    }
    let _ = db.close().await;
}

/// Options for a test server beyond the defaults.
#[derive(Clone, Debug, Default)]
pub struct ServerOptions {
    /// Extra environment variables.
    pub env: Vec<(String, String)>,
    /// Leave out the light argon2 parameters (use the production default).
    pub production_argon2: bool,
}

/// A running `sesam serve`.
pub struct Server {
    child: Child,
    pub base_url: String,
    pub log: PathBuf,
}

impl Server {
    /// Starts `sesam serve` on `db` and waits for its "listening on" line.
    pub async fn start(db: &TestDb, name: &str, options: &ServerOptions) -> Server {
        let log = log_dir().join(format!("{}.log", name.replace("::", "-")));
        let log_file = std::fs::File::create(&log).expect("server log file");
        let mut cmd = Command::new(sesam_bin());
        cmd.arg("serve")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("SESAM_DATABASE_URL", &db.url)
            .env("SESAM_BIND", "127.0.0.1:0")
            .env("SESAM_JWT_SECRET", JWT_SECRET)
            .env("SESAM_WORKERS", "2")
            .env("RUST_LOG", "info,actix_server=warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log_file))
            .kill_on_drop(true);
        if !options.production_argon2 {
            cmd.env("SESAM_ARGON2", TEST_ARGON2);
        }
        for (k, v) in &options.env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().unwrap_or_else(|e| {
            panic!("cannot start {} ({e}); build it first (make test does)", sesam_bin().display())
        });
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let base_url = tokio::time::timeout(Duration::from_secs(60), async {
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(url) = line.strip_prefix("sesam: listening on ") {
                    return Some(url.trim().to_owned());
                }
            }
            None
        })
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| {
            panic!(
                "the server did not start; see {}:\n{}",
                log.display(),
                std::fs::read_to_string(&log).unwrap_or_default()
            )
        });
        // Keep draining stdout so the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Server { child, base_url, log }
    }

    /// Stops the server at once (SIGKILL).
    pub async fn kill(&mut self) {
        let _ = self.child.kill().await;
    }

    /// The child's process id.
    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    /// Waits for the process to end, returning its exit status.
    pub async fn wait(&mut self) -> std::process::ExitStatus {
        self.child.wait().await.expect("wait for the server")
    }

    /// Sends a signal (`TERM`, `INT`, `KILL`) to the process, by its id.
    pub fn signal(&self, signal: &str) {
        let pid = self.pid().expect("the server is running");
        let status = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{signal} {pid} failed");
    }

    /// The process's resident memory now and at its peak, in KiB (`VmRSS`, `VmHWM` on Linux).
    pub fn memory_kib(&self) -> (u64, u64) {
        let pid = self.pid().expect("the server is running");
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc/PID/status (Linux)");
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                .unwrap_or_else(|| panic!("no {name} in /proc/{pid}/status"))
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    /// The server's log so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// Sends a raw HTTP/1.1 request to `base_url` (`http://127.0.0.1:PORT`): `head` as is, then each
/// of `chunks` in chunked transfer encoding with `pause` between them (a slow client), and reads
/// the answer until the server closes the connection (send `Connection: close`).
pub async fn raw_http(base_url: &str, head: &[u8], chunks: &[Vec<u8>], pause: Duration) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = base_url.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    stream.write_all(head).await.expect("write head");
    for chunk in chunks {
        if !pause.is_zero() {
            tokio::time::sleep(pause).await;
        }
        let framed = [format!("{:x}\r\n", chunk.len()).as_bytes(), chunk, b"\r\n"].concat();
        if stream.write_all(&framed).await.is_err() {
            // The server answered early (say, 413) and closed: read what it said.
            break;
        }
    }
    if !chunks.is_empty() {
        let _ = stream.write_all(b"0\r\n\r\n").await;
    }
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(60), stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

/// Runs a `sesam` subcommand against `db` and returns its output.
pub async fn run_cli(db: &TestDb, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new(sesam_bin());
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("SESAM_DATABASE_URL", &db.url)
        .env("SESAM_ARGON2", TEST_ARGON2)
        .env("RUST_LOG", "warn");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().await.expect("run sesam")
}

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
        let fixture = build_fixture(&server.base_url).await;
        server.kill().await;
        Template { db, fixture }
    })
    .await
}

/// Builds the fixture through the API, as support would set up a new installation.
async fn build_fixture(base_url: &str) -> Fixture {
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
            json!({"email": email, "name": name, "password": PASSWORD, "provider_id": provider, "roles": roles, "personal_number": pn}),
        )
        .await;
        let account_id = id(&account);
        if matches!(role, Role::OrdererP | Role::OrdererP2 | Role::OrdererQ | Role::Deactivated) {
            let provider = provider.expect("orderers belong to a provider");
            post(&format!("/providers/{provider}/ordering-rights"), json!({"account_id": account_id})).await;
        }
        accounts.push((role, FixtureAccount { id: account_id, email: email.into(), personal_number: pn }));
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

/// Mints an access token for an account, as the server would (same secret, claims and algorithm).
pub fn mint_token(account_id: Uuid) -> String {
    let now = chrono::Utc::now().timestamp() as u64;
    let claims = json!({"sub": account_id.to_string(), "exp": now + 3600, "nbf": now, "iat": now, "iss": "sesam", "aud": "sesam-api"});
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

    /// Support creates an active account of `provider` (no roles) and answers its id.
    pub async fn new_account(&self, provider: Uuid, email: &str, name: &str) -> Uuid {
        self.post(
            "/accounts",
            Role::Admin,
            &json!({"email": email, "name": name, "password": PASSWORD, "provider_id": provider}),
        )
        .await
        .expect(201)
        .id()
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
    /// fingerprints mean nothing was written in between.
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
                         AND tablename <> 'seaql_migrations' ORDER BY tablename",
                    ))
                    .await
                    .expect("list tables");
                let parts: Vec<String> = tables
                    .iter()
                    .map(|row| {
                        let table: String = row.try_get("", "tablename").expect("tablename");
                        format!(
                            "SELECT '{table}:' || COUNT(*) || ':' || COALESCE(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS f FROM \"{table}\" t"
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

/// Declares a test that runs on SQLite and on PostgreSQL, each with its own fresh app.
#[macro_export]
macro_rules! both {
    ($(#[$meta:meta])* async fn $name:ident($app:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: $crate::TestApp) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run($crate::TestApp::spawn($crate::Backend::Sqlite, concat!(module_path!(), "::sqlite")).await).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                run($crate::TestApp::spawn($crate::Backend::Postgres, concat!(module_path!(), "::postgres")).await).await
            }
        }
    };
}

/// Declares a test that needs PostgreSQL only (concurrency, several replicas).
#[macro_export]
macro_rules! postgres_only {
    ($(#[$meta:meta])* async fn $name:ident($app:ident) $body:block) => {
        $(#[$meta])*
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $name() {
            let $app = $crate::TestApp::spawn($crate::Backend::Postgres, concat!(module_path!(), "::", stringify!($name))).await;
            $body
        }
    };
}

/// Declares a test that runs on SQLite and on PostgreSQL and starts its own app (for tests that
/// need server options): the body gets the `Backend` and a name for the server's log.
#[macro_export]
macro_rules! both_backends {
    ($(#[$meta:meta])* async fn $name:ident($backend:ident, $log:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($backend: $crate::Backend, $log: &str) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run($crate::Backend::Sqlite, concat!(module_path!(), "::sqlite")).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                run($crate::Backend::Postgres, concat!(module_path!(), "::postgres")).await
            }
        }
    };
}
