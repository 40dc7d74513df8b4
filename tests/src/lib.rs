//! The black-box test harness: every test starts the built `sesam` binary as a process on a free
//! port, against its own fresh database (SQLite file or PostgreSQL database), and talks HTTP to it.
//!
//! A fixture (providers, units, catalogue, accounts of every role, ordering rights) is built once
//! per test process and backend *through the API*, into a template; each test copies the template
//! (`CREATE DATABASE … TEMPLATE …` on PostgreSQL, a file copy on SQLite), which costs milliseconds.

mod app;
pub mod oidc;
pub mod pg_cluster;
mod server;
pub mod smtp;

pub use app::*;
pub use server::*;

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
