//! The one place where an [`ApiError`] becomes an HTTP answer: `application/problem+json` with
//! the headers its status asks for (`WWW-Authenticate`, `Retry-After`, `Allow`).

use super::{ApiError, Lang};
use actix_web::{
    HttpResponse, ResponseError,
    http::{StatusCode, header},
};

impl ApiError {
    /// The problem for a status that some layer below us produced without one.
    pub fn from_status(status: StatusCode) -> Self {
        match status.as_u16() {
            401 => ApiError::Unauthorized,
            403 => ApiError::Forbidden(super::Code::Forbidden),
            404 | 410 => ApiError::NotFound,
            405 => ApiError::MethodNotAllowed { allow: None },
            406 => ApiError::NotAcceptable,
            409 => ApiError::Conflict(super::Code::Conflict, None),
            412 => ApiError::PreconditionFailed,
            413 => ApiError::PayloadTooLarge,
            414 => ApiError::UriTooLong,
            415 => ApiError::UnsupportedMediaType,
            429 => ApiError::TooManyRequests { retry_after_secs: 60 },
            431 => ApiError::HeadersTooLarge,
            503 => ApiError::Unavailable(status.to_string()),
            s if s < 500 => ApiError::BadRequest(status.canonical_reason().unwrap_or("bad request").to_owned()),
            _ => ApiError::Internal(status.to_string()),
        }
    }

    /// The HTTP answer in the given language.
    pub fn to_response(&self, lang: Lang) -> HttpResponse {
        let mut builder = HttpResponse::build(self.status_code());
        builder.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        builder.insert_header((header::CONTENT_LANGUAGE, if lang == Lang::En { "en" } else { "sv" }));
        match self {
            ApiError::Unauthorized | ApiError::InvalidCredentials => {
                builder.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"sesam\""));
            }
            ApiError::TooManyRequests { retry_after_secs } => {
                builder.insert_header((header::RETRY_AFTER, retry_after_secs.max(&1).to_string()));
            }
            ApiError::Unavailable(_) => {
                builder.insert_header((header::RETRY_AFTER, "5"));
            }
            // The first request with the key is still running: a retry a moment later gets its answer.
            ApiError::Conflict(super::Code::IdempotencyKeyInUse, _) => {
                builder.insert_header((header::RETRY_AFTER, "1"));
            }
            ApiError::MethodNotAllowed { allow: Some(allow) } => {
                builder.insert_header((header::ALLOW, allow.as_str()));
            }
            ApiError::EditConflict { etag } => {
                builder.insert_header((header::ETAG, etag.as_str()));
            }
            _ => {}
        }
        builder.body(serde_json::to_string(&self.problem(lang)).unwrap_or_default())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => log::error!("internal error: {cause}"),
            ApiError::Unavailable(cause) => log::warn!("database unavailable: {cause}"),
            _ => {}
        }
        // Swedish here; the language middleware re-renders in English when the client prefers it.
        self.to_response(Lang::Sv)
    }
}
