//! Connecting to SQLite or PostgreSQL, running migrations, and classifying database errors.

use crate::error::{ApiError, Code};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend, DbErr, RuntimeErr, SqlErr, sqlx};
use std::{ops::Deref, time::Duration};

/// Opens the pool for `url`. SQLite files are created when missing and use WAL.
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        // A connection that sat idle may have died with a database restart: test it first.
        .test_before_acquire(true)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .foreign_keys(true)
                .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
        });
    Database::connect(options).await
}

/// Brings the schema up to date.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Whether the connection is to PostgreSQL.
pub fn is_postgres(db: &DatabaseConnection) -> bool {
    db.get_database_backend() == DbBackend::Postgres
}

/// Maps a database error to the API's answer: lost connections are 503, constraint
/// violations 409, anything else a logged 500.
pub fn classify_db_error(err: DbErr) -> ApiError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            return ApiError::Conflict(Code::AlreadyExists, None);
        }
        Some(SqlErr::ForeignKeyConstraintViolation(_)) => {
            return ApiError::Conflict(Code::Conflict, None);
        }
        _ => {}
    }
    if is_unavailable(&err) {
        return ApiError::Unavailable(err.to_string());
    }
    ApiError::Internal(err.to_string())
}

/// Whether the error means the database cannot be reached right now.
pub fn is_unavailable(err: &DbErr) -> bool {
    match err {
        DbErr::ConnectionAcquire(_) => true,
        DbErr::Conn(RuntimeErr::SqlxError(e))
        | DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            match e.deref() {
                sqlx::Error::Io(_)
                | sqlx::Error::Tls(_)
                | sqlx::Error::Protocol(_)
                | sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::WorkerCrashed => true,
                sqlx::Error::Database(db) => {
                    // 08xxx connection exceptions, 57P01-03 shutdown or start-up,
                    // 40001/40P01 serialization failure or deadlock (safe to retry).
                    let code = db.code().unwrap_or_default();
                    code.starts_with("08") || code.starts_with("57P") || code == "40001" || code == "40P01"
                }
                _ => false,
            }
        }
        DbErr::Conn(_) => true,
        _ => false,
    }
}
