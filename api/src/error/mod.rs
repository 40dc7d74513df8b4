//! One error type for the whole API: [`ApiError`], and the RFC 9457 problem document it becomes.
//!
//! Every problem carries a stable machine-readable `code`; validation problems carry an `errors`
//! array of `{field, code, message}` where `field` is the JSON path of the value at fault.
//! Messages are Swedish by default and English when the client prefers it (`Accept-Language`);
//! 5xx bodies are opaque and their cause is only logged.
//!
//! The codes and field errors are the domain's ([`crate::domain::problems`]); this module knows no
//! HTTP framework either: [`http`] maps an `ApiError` to actix's answer, once. Database errors become
//! answers in [`db`], where a violated constraint is recognised by its name at the call that hits it.

pub mod db;
pub mod http;

pub use crate::domain::problems::{Code, FieldError, FieldErrors, Invalid, Lang, Message};
use serde::Serialize;
use std::fmt;
use utoipa::ToSchema;

/// Every way a request can fail.
#[derive(Debug)]
pub enum ApiError {
    /// 400: a request HTTP itself could not make sense of.
    BadRequest(String),
    /// 400: the body is not JSON.
    MalformedJson(String),
    /// 400: the query string does not parse.
    InvalidQuery(String),
    /// 422: JSON that breaks the contract; every problem at once.
    Validation(Vec<FieldError>),
    /// 401, with `WWW-Authenticate: Bearer`.
    Unauthorized,
    /// 401 for a failed login.
    InvalidCredentials,
    /// 403 with a specific code (`forbidden`, `no_ordering_right`).
    Forbidden(Code),
    /// 404: unknown, or not visible to the caller.
    NotFound,
    /// 405, with the methods the path does answer (`Allow`) when they are known.
    MethodNotAllowed { allow: Option<String> },
    /// 406.
    NotAcceptable,
    /// 422 with a top-level code, for a request that breaks the contract as a whole rather than in
    /// one of its fields (`idempotency_key_reused`).
    Unprocessable(Code),
    /// 409 with a specific code and an optional detail (English; Swedish answers use the code's message).
    Conflict(Code, Option<String>),
    /// 409 with a specific code and a detail in both languages.
    ConflictIn(Code, Message),
    /// 409 `duplicate_open_order` naming the open order (rule 13), so a client can link to it.
    OpenOrderExists { id: uuid::Uuid, reference: String },
    /// 409 `edit_conflict`: another change of the same order won; `etag` is its version now.
    EditConflict { etag: String },
    /// 412: a stale `If-Match`.
    PreconditionFailed,
    /// 413.
    PayloadTooLarge,
    /// 414: the request's target is longer than the server takes.
    UriTooLong,
    /// 415.
    UnsupportedMediaType,
    /// 431: the request's headers are larger than the server takes.
    HeadersTooLarge,
    /// 429 with the seconds to wait.
    TooManyRequests { retry_after_secs: u64 },
    /// 503: the database cannot be reached.
    Unavailable(String),
    /// 500: a bug or an unexpected failure; the cause is logged, never sent.
    Internal(String),
}

impl ApiError {
    /// A 409 with a code and a specific detail in English (Swedish answers use the code's message).
    pub fn conflict(code: Code, detail: impl Into<String>) -> Self {
        ApiError::Conflict(code, Some(detail.into()))
    }

    /// A 409 with a code and a specific detail in Swedish and English.
    pub fn conflict_in(code: Code, sv: impl Into<String>, en: impl Into<String>) -> Self {
        ApiError::ConflictIn(code, Message { sv: sv.into(), en: en.into() })
    }

    /// A 422 with a single field error.
    pub fn field(field: impl Into<String>, code: Code) -> Self {
        ApiError::Validation(vec![FieldError::new(field, code)])
    }

    /// A 500 from any error; the cause goes to the log only.
    pub fn internal(cause: impl fmt::Display) -> Self {
        ApiError::Internal(cause.to_string())
    }

    /// The code, as on the wire.
    pub fn code(&self) -> Code {
        match self {
            ApiError::BadRequest(_) => Code::BadRequest,
            ApiError::MalformedJson(_) => Code::MalformedJson,
            ApiError::InvalidQuery(_) => Code::InvalidQuery,
            ApiError::Validation(_) => Code::ValidationFailed,
            ApiError::Unprocessable(code) => *code,
            ApiError::Unauthorized => Code::Unauthorized,
            ApiError::InvalidCredentials => Code::InvalidCredentials,
            ApiError::Forbidden(code) => *code,
            ApiError::NotFound => Code::NotFound,
            ApiError::MethodNotAllowed { .. } => Code::MethodNotAllowed,
            ApiError::NotAcceptable => Code::NotAcceptable,
            ApiError::Conflict(code, _) | ApiError::ConflictIn(code, _) => *code,
            ApiError::EditConflict { .. } => Code::EditConflict,
            ApiError::OpenOrderExists { .. } => Code::DuplicateOpenOrder,
            ApiError::UriTooLong => Code::UriTooLong,
            ApiError::HeadersTooLarge => Code::RequestHeaderFieldsTooLarge,
            ApiError::PreconditionFailed => Code::PreconditionFailed,
            ApiError::PayloadTooLarge => Code::PayloadTooLarge,
            ApiError::UnsupportedMediaType => Code::UnsupportedMediaType,
            ApiError::TooManyRequests { .. } => Code::TooManyRequests,
            ApiError::Unavailable(_) => Code::ServiceUnavailable,
            ApiError::Internal(_) => Code::InternalError,
        }
    }

    /// The HTTP status of the answer.
    pub fn status(&self) -> u16 {
        match self {
            ApiError::BadRequest(_) | ApiError::MalformedJson(_) | ApiError::InvalidQuery(_) => 400,
            ApiError::Validation(_) | ApiError::Unprocessable(_) => 422,
            ApiError::Unauthorized | ApiError::InvalidCredentials => 401,
            ApiError::Forbidden(_) => 403,
            ApiError::NotFound => 404,
            ApiError::MethodNotAllowed { .. } => 405,
            ApiError::NotAcceptable => 406,
            ApiError::Conflict(..)
            | ApiError::ConflictIn(..)
            | ApiError::EditConflict { .. }
            | ApiError::OpenOrderExists { .. } => 409,
            ApiError::UriTooLong => 414,
            ApiError::HeadersTooLarge => 431,
            ApiError::PreconditionFailed => 412,
            ApiError::PayloadTooLarge => 413,
            ApiError::UnsupportedMediaType => 415,
            ApiError::TooManyRequests { .. } => 429,
            ApiError::Unavailable(_) => 503,
            ApiError::Internal(_) => 500,
        }
    }

    fn title(&self, lang: Lang) -> &'static str {
        let (sv, en) = match self.status() {
            400 => ("Felaktig begäran", "Bad request"),
            401 => ("Inloggning krävs", "Unauthorized"),
            403 => ("Inte tillåtet", "Forbidden"),
            404 => ("Finns inte", "Not found"),
            405 => ("Metoden stöds inte", "Method not allowed"),
            406 => ("Formatet stöds inte", "Not acceptable"),
            409 => ("Konflikt", "Conflict"),
            412 => ("Inaktuell version", "Precondition failed"),
            413 => ("För stor begäran", "Payload too large"),
            414 => ("För lång adress", "URI too long"),
            415 => ("Fel innehållstyp", "Unsupported media type"),
            422 if !matches!(self, ApiError::Validation(_)) => ("Begäran kan inte utföras", "Unprocessable request"),
            422 => ("Ogiltiga uppgifter", "Validation failed"),
            429 => ("För många försök", "Too many requests"),
            431 => ("För stora huvuden", "Request header fields too large"),
            503 => ("Tillfälligt otillgänglig", "Service unavailable"),
            _ => ("Internt fel", "Internal server error"),
        };
        if lang == Lang::En { en } else { sv }
    }

    /// The problem document in the given language.
    pub fn problem(&self, lang: Lang) -> Problem {
        let code = self.code();
        let detail = match self {
            ApiError::BadRequest(why) | ApiError::MalformedJson(why) | ApiError::InvalidQuery(why) => {
                format!("{} ({why})", code.message(lang))
            }
            // Specific details are written in English for scripts and logs; Swedish readers get the
            // code's own message, which says the same in general terms.
            ApiError::Conflict(_, Some(detail)) if lang == Lang::En => detail.clone(),
            ApiError::ConflictIn(_, m) => {
                if lang == Lang::En {
                    m.en.clone()
                } else {
                    m.sv.clone()
                }
            }
            ApiError::OpenOrderExists { reference: r, .. } => {
                if lang == Lang::En {
                    format!("the person already has an open order ({r}) for this permission at this provider")
                } else {
                    format!("Personen har redan en öppen beställning ({r}) av behörigheten hos utföraren.")
                }
            }
            _ => code.message(lang).to_owned(),
        };
        let errors = match self {
            ApiError::Validation(errors) => Some(
                errors
                    .iter()
                    .map(|e| FieldProblem {
                        field: e.field.clone(),
                        code: e.code.as_str().to_owned(),
                        message: e.message_in(lang),
                    })
                    .collect(),
            ),
            _ => None,
        };
        Problem {
            problem_type: format!("urn:sesam:problem:{}", code.as_str()),
            title: self.title(lang).to_owned(),
            status: self.status(),
            detail,
            code: code.as_str().to_owned(),
            errors,
            open_order: match self {
                ApiError::OpenOrderExists { id, reference } => {
                    Some(OpenOrderRef { id: *id, reference: reference.clone() })
                }
                _ => None,
            },
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Internal(cause) | ApiError::Unavailable(cause) => write!(f, "{}: {cause}", self.code()),
            ApiError::Validation(errors) => write!(f, "validation_failed: {} error(s)", errors.len()),
            other => f.write_str(other.code().as_str()),
        }
    }
}

/// An error a streamed answer can end with (actix cuts the connection on it).
impl std::error::Error for ApiError {}

impl From<Invalid> for ApiError {
    fn from(invalid: Invalid) -> Self {
        ApiError::Validation(invalid.0)
    }
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"type": "urn:sesam:problem:validation_failed", "title": "Validation failed", "status": 422,
    "detail": "The request has errors.", "code": "validation_failed",
    "errors": [{"field": "subject.personal_number", "code": "invalid_personal_number", "message": "The personal identity number is not valid (YYYYMMDD-NNNN, check digit)."}]}))]
pub struct Problem {
    /// A URI naming the kind of problem: `urn:sesam:problem:<code>`.
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// The stable machine-readable code (e.g. `invalid_transition`, `validation_failed`).
    pub code: String,
    /// For 422: every problem of the request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldProblem>>,
    /// For 409 `duplicate_open_order`: the open order the request clashes with, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_order: Option<OpenOrderRef>,
}

/// The open order a request clashes with (rule 13).
#[derive(Debug, Serialize, ToSchema)]
pub struct OpenOrderRef {
    pub id: uuid::Uuid,
    #[schema(example = "SES-2026-000123")]
    pub reference: String,
}

/// One field's problem in a 422 answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    /// JSON path of the value at fault (`subject.email`, `unit_ids[1]`).
    pub field: String,
    /// Stable code (`required`, `invalid_personal_number`, …).
    pub code: String,
    /// Human-readable message to show beside the field.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_have_code_type_and_status() {
        let p = ApiError::conflict(Code::InvalidTransition, "x").problem(Lang::En);
        assert_eq!(p.status, 409);
        assert_eq!(p.code, "invalid_transition");
        assert_eq!(p.problem_type, "urn:sesam:problem:invalid_transition");
        assert!(p.errors.is_none());
    }

    #[test]
    fn field_problems_carry_their_messages_in_the_language_asked() {
        let p = ApiError::field("subject.email", Code::InvalidEmail).problem(Lang::Sv);
        let errors = p.errors.expect("errors");
        assert_eq!(errors[0].field, "subject.email");
        assert_eq!(errors[0].message, "E-postadressen är inte giltig.");
        assert_eq!(p.status, 422);
    }
}
