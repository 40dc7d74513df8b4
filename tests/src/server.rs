//! The test databases (a template per backend, a copy per test) and the server processes.

use crate::*;
use std::{
    path::{Path, PathBuf},
    process::Stdio,
    sync::atomic::{AtomicU32, Ordering},
    time::Duration,
};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
};

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

pub(crate) fn pg_url(database: &str) -> String {
    let admin = pg_admin_url();
    let base = admin.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap_or(admin);
    format!("{base}/{database}")
}

pub(crate) fn scratch_dir() -> PathBuf {
    let dir = workspace_root().join("target/test-scratch");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

pub(crate) fn log_dir() -> PathBuf {
    let dir = workspace_root().join("target/test-logs");
    std::fs::create_dir_all(&dir).expect("log dir");
    dir
}

static NEXT: AtomicU32 = AtomicU32::new(0);

pub(crate) fn unique(prefix: &str) -> String {
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

    pub(crate) async fn copy_of(template: &TestDb, prefix: &str) -> TestDb {
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

pub(crate) async fn pg_try_execute(sql: &str) -> Result<(), String> {
    use sea_orm::ConnectionTrait;
    let db = sea_orm::Database::connect(pg_admin_url())
        .await
        .map_err(|e| format!("PostgreSQL is not reachable at {} ({e}); start it (see README)", pg_admin_url()))?;
    let result = db.execute_unprepared(sql).await.map(|_| ()).map_err(|e| e.to_string());
    let _ = db.close().await;
    result
}

pub(crate) async fn pg_execute(sql: &str) {
    if let Err(e) = pg_try_execute(sql).await {
        panic!("{sql}: {e}");
    }
}

/// Drops databases left behind by test processes that are gone.
pub(crate) async fn drop_stale_pg_databases() {
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
