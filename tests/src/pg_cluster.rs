//! A private PostgreSQL cluster for tests that stop and restart the database: made with `initdb`
//! in a temporary directory, run with `pg_ctl` on a free port, and removed afterwards. Never the
//! shared server on 5432.
//!
//! The binaries come from `/usr/lib/postgresql/<version>/bin` (Debian's layout), or from
//! `SESAM_PG_BIN`. Missing binaries fail the test with a message saying how to install them:
//! nothing is skipped silently. PostgreSQL refuses to run as root, so as root the cluster runs as
//! the `postgres` user (`runuser`).

use std::{
    path::{Path, PathBuf},
    process::Command,
    time::Duration,
};

/// A running private cluster; stopped and deleted on drop.
pub struct PgCluster {
    bin: PathBuf,
    dir: PathBuf,
    pub port: u16,
    as_postgres_user: bool,
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

/// The directory of `initdb` and `pg_ctl`.
pub fn pg_bin_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SESAM_PG_BIN") {
        return PathBuf::from(dir);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| {
                    let v: u32 = e.file_name().to_str()?.parse().ok()?;
                    let bin = e.path().join("bin");
                    bin.join("initdb").is_file().then_some((v, bin))
                })
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    versions.pop().map(|(_, bin)| bin).unwrap_or_else(|| {
        panic!(
            "this test runs its own PostgreSQL cluster and needs initdb and pg_ctl: none found under \
             /usr/lib/postgresql/*/bin (install PostgreSQL: apt-get install -y postgresql, or set SESAM_PG_BIN)"
        )
    })
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

impl PgCluster {
    /// Makes and starts a cluster with trust authentication for user `postgres`.
    pub async fn start() -> PgCluster {
        let bin = pg_bin_dir();
        let as_postgres_user = is_root();
        let dir =
            std::env::temp_dir().join(format!("sesam-pg-{}-{}", std::process::id(), uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&dir).expect("cluster dir");
        if as_postgres_user {
            let status = Command::new("chown").arg("postgres:postgres").arg(&dir).status().expect("chown");
            assert!(status.success(), "chown postgres {} failed (is there a postgres user?)", dir.display());
        }
        let cluster = PgCluster { bin, dir, port: free_port(), as_postgres_user };
        let data = cluster.data_dir();
        cluster.run("initdb", &["-D", &data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        cluster.start_again().await;
        cluster
    }

    fn data_dir(&self) -> String {
        self.dir.join("data").display().to_string()
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let program = self.bin.join(tool);
        let output = if self.as_postgres_user {
            Command::new("runuser").arg("-u").arg("postgres").arg("--").arg(&program).args(args).output()
        } else {
            Command::new(&program).args(args).output()
        }
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
        assert!(
            output.status.success(),
            "{tool} {args:?} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// The URL of a database in this cluster.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// Starts the (stopped) cluster on its port and waits until it accepts connections.
    pub async fn start_again(&self) {
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -k {} -c fsync=off -c max_connections=100",
            self.port,
            self.dir.display()
        );
        let log = self.dir.join("postgres.log").display().to_string();
        self.run("pg_ctl", &["-D", &self.data_dir(), "-l", &log, "-o", &options, "-w", "-t", "60", "start"]);
        self.wait_until_ready().await;
    }

    /// Stops the cluster (fast: open connections are ended at once).
    pub fn stop(&self) {
        self.run("pg_ctl", &["-D", &self.data_dir(), "-m", "fast", "-w", "-t", "60", "stop"]);
    }

    async fn wait_until_ready(&self) {
        for _ in 0..300 {
            if let Ok(db) = sea_orm::Database::connect(self.url("postgres")).await {
                let _ = db.close().await;
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the private PostgreSQL cluster did not come up on port {}", self.port);
    }

    /// Creates a database.
    pub async fn create_database(&self, name: &str) {
        use sea_orm::ConnectionTrait;
        let db = sea_orm::Database::connect(self.url("postgres")).await.expect("connect to the private cluster");
        db.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create database");
        let _ = db.close().await;
    }

    /// The cluster's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let data = self.data_dir();
        let program = self.bin.join("pg_ctl");
        let args = ["-D", data.as_str(), "-m", "immediate", "-w", "stop"];
        let _ = if self.as_postgres_user {
            Command::new("runuser").arg("-u").arg("postgres").arg("--").arg(&program).args(args).output()
        } else {
            Command::new(&program).args(args).output()
        };
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
