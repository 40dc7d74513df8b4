//! `201 Created` answers: each names what it made in `Location` (SPEC, *API conventions for clients*),
//! so a script can follow it without knowing how paths are built.

use actix_web::{HttpResponse, http::header};
use serde::Serialize;

/// The base path the API's resources live under, as `Location` names them.
pub const API_BASE: &str = "/api/v1";

/// `201 Created` with `Location: /api/v1/{path}` and the JSON body.
pub fn created<T: Serialize>(path: impl std::fmt::Display, body: &T) -> HttpResponse {
    HttpResponse::Created().insert_header((header::LOCATION, location(path))).json(body)
}

/// The `Location` value of a path under the API's base.
pub fn location(path: impl std::fmt::Display) -> String {
    format!("{API_BASE}/{path}")
}
