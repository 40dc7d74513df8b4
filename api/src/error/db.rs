//! Database errors as answers: a lost connection is 503, anything unexpected a logged 500.
//!
//! A violated constraint is usually a conflict the caller should name in its own words, so the call
//! that can hit one says which ([`UniqueIndex::on_violation`], as realworld's `on_constraint`); an
//! unnamed one answers a generic 409.

use super::{ApiError, Code};
use sea_orm::{DbErr, RuntimeErr, SqlErr, sqlx};
use std::ops::Deref;

/// A unique index as the migrations made it: PostgreSQL reports a violation by its name, SQLite by
/// its table and columns.
#[derive(Clone, Copy, Debug)]
pub struct UniqueIndex {
    pub name: &'static str,
    pub table: &'static str,
    pub columns: &'static [&'static str],
}

impl UniqueIndex {
    /// Whether `err` is a violation of this index.
    pub fn is_violated_by(&self, err: &DbErr) -> bool {
        let Some(db) = database_error(err) else { return false };
        if !matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
            return false;
        }
        match db.constraint() {
            Some(name) => name == self.name,
            // SQLite: "UNIQUE constraint failed: orders.provider_id, orders.personal_number, …"
            None => {
                let message = db.message();
                let listed = message.rsplit_once(": ").map_or("", |(_, cols)| cols);
                let wanted: Vec<String> = self.columns.iter().map(|c| format!("{}.{c}", self.table)).collect();
                let found: Vec<&str> = listed.split(", ").map(str::trim).collect();
                found.len() == wanted.len() && wanted.iter().all(|w| found.contains(&w.as_str()))
            }
        }
    }

    /// `answer` when `err` violates this index, else the error's usual answer.
    pub fn on_violation(&self, err: DbErr, answer: impl FnOnce() -> ApiError) -> ApiError {
        if self.is_violated_by(&err) { answer() } else { err.into() }
    }
}

/// The driver's own error behind a sea-orm error, when the database answered one.
fn database_error(err: &DbErr) -> Option<&dyn sqlx::error::DatabaseError> {
    match err {
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => match e.deref() {
            sqlx::Error::Database(db) => Some(db.as_ref()),
            _ => None,
        },
        _ => None,
    }
}

impl From<DbErr> for ApiError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => return ApiError::Conflict(Code::AlreadyExists, None),
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => return ApiError::Conflict(Code::Conflict, None),
            _ => {}
        }
        if is_unavailable(&err) {
            return ApiError::Unavailable(err.to_string());
        }
        ApiError::Internal(err.to_string())
    }
}

impl From<sea_orm::TransactionError<ApiError>> for ApiError {
    fn from(err: sea_orm::TransactionError<ApiError>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(api) => api,
        }
    }
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

/// 409 `already_exists` naming the value that is taken, for the first of `indexes` that `err`
/// violates; any other error as usual.
pub fn taken(err: DbErr, indexes: &[(UniqueIndex, &str)]) -> ApiError {
    match indexes.iter().find(|(index, _)| index.is_violated_by(&err)) {
        Some((_, what)) => ApiError::conflict(Code::AlreadyExists, format!("{what} is already taken")),
        None => err.into(),
    }
}
