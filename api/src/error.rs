//! One error type for the whole API, mapped once to RFC 9457 `application/problem+json`.
//!
//! Every problem carries a stable machine-readable `code`; validation problems carry an `errors`
//! array of `{field, code, message}` where `field` is the JSON path of the value at fault.
//! Messages are Swedish by default and English when the client prefers it (`Accept-Language`);
//! 5xx bodies are opaque and their cause is only logged.

use actix_web::{
    HttpResponse, ResponseError,
    http::{StatusCode, header},
};
use serde::Serialize;
use std::fmt;
use utoipa::ToSchema;

/// The language of a problem's human-readable texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    /// Picks Swedish or English from an `Accept-Language` header; Swedish unless English is preferred.
    pub fn from_accept_language(value: Option<&str>) -> Lang {
        let Some(value) = value else { return Lang::Sv };
        let mut best: Option<(f32, Lang)> = None;
        for part in value.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
            let lang = if tag == "sv" || tag.starts_with("sv-") {
                Lang::Sv
            } else if tag == "en" || tag.starts_with("en-") {
                Lang::En
            } else {
                continue;
            };
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or(Lang::Sv)
    }
}

/// A stable, machine-readable problem code. Clients may rely on these strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    // Field codes (inside `errors`).
    Required,
    InvalidFormat,
    InvalidLength,
    InvalidPersonalNumber,
    InvalidEmail,
    UnknownField,
    UnknownPermission,
    InactivePermission,
    UnknownUnit,
    UnitNotInProvider,
    LifecareTitleRequired,
    ProfessionRequired,
    ValueNotAllowed,
    ExpertUserEmailRequired,
    OnePermissionPerOrder,
    SelfOrderForbidden,
    AccountNotInProvider,
    UnknownSystem,
    UnknownProvider,
    UnknownAccount,
    WrongPassword,
    ProviderChangeForbidden,
    IdempotencyKeyReused,
    NoActiveHoldings,
    // Top-level codes.
    ValidationFailed,
    BadRequest,
    MalformedJson,
    InvalidQuery,
    Unauthorized,
    InvalidCredentials,
    Forbidden,
    NoOrderingRight,
    NotFound,
    MethodNotAllowed,
    Conflict,
    AlreadyExists,
    InvalidTransition,
    DuplicateOpenOrder,
    LastOrderer,
    AlreadyGranted,
    AlreadyRevoked,
    SelfGrantForbidden,
    AlreadyRequested,
    AlreadyDecided,
    AlreadyRegistered,
    AlreadyEnded,
    PreconditionFailed,
    PayloadTooLarge,
    UnsupportedMediaType,
    NotAcceptable,
    TooManyRequests,
    ServiceUnavailable,
    InternalError,
}

impl Code {
    /// The code as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        use Code::*;
        match self {
            Required => "required",
            InvalidFormat => "invalid_format",
            InvalidLength => "invalid_length",
            InvalidPersonalNumber => "invalid_personal_number",
            InvalidEmail => "invalid_email",
            UnknownField => "unknown_field",
            UnknownPermission => "unknown_permission",
            InactivePermission => "inactive_permission",
            UnknownUnit => "unknown_unit",
            UnitNotInProvider => "unit_not_in_provider",
            LifecareTitleRequired => "lifecare_title_required",
            ProfessionRequired => "profession_required",
            ValueNotAllowed => "value_not_allowed",
            ExpertUserEmailRequired => "expert_user_email_required",
            OnePermissionPerOrder => "one_permission_per_order",
            SelfOrderForbidden => "self_order_forbidden",
            AccountNotInProvider => "account_not_in_provider",
            UnknownSystem => "unknown_system",
            UnknownProvider => "unknown_provider",
            UnknownAccount => "unknown_account",
            WrongPassword => "wrong_password",
            ProviderChangeForbidden => "provider_change_forbidden",
            IdempotencyKeyReused => "idempotency_key_reused",
            NoActiveHoldings => "no_active_holdings",
            ValidationFailed => "validation_failed",
            BadRequest => "bad_request",
            MalformedJson => "malformed_json",
            InvalidQuery => "invalid_query",
            Unauthorized => "unauthorized",
            InvalidCredentials => "invalid_credentials",
            Forbidden => "forbidden",
            NoOrderingRight => "no_ordering_right",
            NotFound => "not_found",
            MethodNotAllowed => "method_not_allowed",
            Conflict => "conflict",
            AlreadyExists => "already_exists",
            InvalidTransition => "invalid_transition",
            DuplicateOpenOrder => "duplicate_open_order",
            LastOrderer => "last_orderer",
            AlreadyGranted => "already_granted",
            AlreadyRevoked => "already_revoked",
            SelfGrantForbidden => "self_grant_forbidden",
            AlreadyRequested => "already_requested",
            AlreadyDecided => "already_decided",
            AlreadyRegistered => "already_registered",
            AlreadyEnded => "already_ended",
            PreconditionFailed => "precondition_failed",
            PayloadTooLarge => "payload_too_large",
            UnsupportedMediaType => "unsupported_media_type",
            NotAcceptable => "not_acceptable",
            TooManyRequests => "too_many_requests",
            ServiceUnavailable => "service_unavailable",
            InternalError => "internal_error",
        }
    }

    /// The default human-readable message for this code.
    pub fn message(self, lang: Lang) -> &'static str {
        use Code::*;
        let (sv, en) = match self {
            Required => ("Fältet är obligatoriskt.", "This field is required."),
            InvalidFormat => ("Värdet har fel format.", "The value has the wrong format."),
            InvalidLength => ("Värdet har fel längd.", "The value has the wrong length."),
            InvalidPersonalNumber => (
                "Personnumret är inte giltigt (ÅÅÅÅMMDD-NNNN, kontrollsiffran stämmer inte).",
                "The personal identity number is not valid (YYYYMMDD-NNNN, check digit).",
            ),
            InvalidEmail => ("E-postadressen är inte giltig.", "The email address is not valid."),
            UnknownField => ("Fältet finns inte.", "This field does not exist."),
            UnknownPermission => ("Behörigheten finns inte.", "The permission does not exist."),
            InactivePermission => {
                ("Behörigheten går inte längre att beställa.", "The permission can no longer be ordered.")
            }
            UnknownUnit => ("Enheten finns inte.", "The unit does not exist."),
            UnitNotInProvider => ("Enheten hör inte till utföraren.", "The unit does not belong to the provider."),
            LifecareTitleRequired => {
                ("Titel för Lifecare måste anges.", "Titel för Lifecare (Lifecare title) is required.")
            }
            ProfessionRequired => ("Profession måste anges.", "Profession is required."),
            ValueNotAllowed => ("Värdet är inte tillåtet.", "The value is not allowed."),
            ExpertUserEmailRequired => {
                ("E-post måste anges för en expertanvändare.", "An expert user needs an email address.")
            }
            OnePermissionPerOrder => (
                "En beställning gäller exakt en behörighet. Gör en beställning per behörighet.",
                "An order names exactly one permission. Make one order per permission.",
            ),
            SelfOrderForbidden => (
                "Du kan inte beställa eller avbeställa behörigheter åt dig själv.",
                "You cannot order or revoke permissions for yourself.",
            ),
            AccountNotInProvider => (
                "Kontot är inte ett aktivt konto hos utföraren.",
                "The account is not an active account of the provider.",
            ),
            UnknownSystem => ("Verksamhetssystemet finns inte.", "The system does not exist."),
            UnknownProvider => ("Utföraren finns inte.", "The provider does not exist."),
            UnknownAccount => ("Kontot finns inte.", "The account does not exist."),
            WrongPassword => ("Lösenordet stämmer inte.", "The password is wrong."),
            ProviderChangeForbidden => ("Utföraren kan inte ändras.", "The provider cannot be changed."),
            IdempotencyKeyReused => (
                "Idempotency-Key har redan använts med en annan begäran.",
                "The Idempotency-Key was already used with a different request.",
            ),
            NoActiveHoldings => (
                "Personen har inga aktiva behörigheter hos utföraren.",
                "The person holds no active permissions at the provider.",
            ),
            ValidationFailed => ("Begäran innehåller fel.", "The request has errors."),
            BadRequest => ("Begäran är felaktig.", "The request is malformed."),
            MalformedJson => ("Begäran är inte giltig JSON.", "The request body is not valid JSON."),
            InvalidQuery => ("Frågeparametrarna är inte giltiga.", "The query parameters are not valid."),
            Unauthorized => ("Du behöver logga in.", "Authentication is required."),
            InvalidCredentials => ("Fel e-postadress eller lösenord.", "Wrong email or password."),
            Forbidden => ("Du har inte behörighet att göra detta.", "You are not allowed to do this."),
            NoOrderingRight => {
                ("Du har ingen beställningsrätt för utföraren.", "You hold no ordering right for this provider.")
            }
            NotFound => ("Det efterfrågade finns inte.", "Not found."),
            MethodNotAllowed => ("Metoden stöds inte här.", "Method not allowed."),
            Conflict => ("Ändringen krockar med nuvarande läge.", "The change conflicts with the current state."),
            AlreadyExists => ("Det finns redan.", "It already exists."),
            InvalidTransition => (
                "Beställningen kan inte ändras så i sitt nuvarande läge.",
                "The order cannot make this transition in its current status.",
            ),
            DuplicateOpenOrder => (
                "Det finns redan en öppen beställning för personen och behörigheten.",
                "There already is an open order for this person and permission.",
            ),
            LastOrderer => (
                "Utförarens sista beställningsrätt kan inte tas bort.",
                "The provider's last ordering right cannot be revoked.",
            ),
            AlreadyGranted => ("Beställningsrätten finns redan.", "The ordering right is already granted."),
            AlreadyRevoked => ("Beställningsrätten är redan borttagen.", "The ordering right is already revoked."),
            SelfGrantForbidden => {
                ("Du kan inte ge dig själv beställningsrätt.", "You cannot grant an ordering right to yourself.")
            }
            AlreadyRequested => (
                "Du har redan en obesvarad begäran om beställningsrätt för utföraren.",
                "You already have an unanswered request for an ordering right for this provider.",
            ),
            AlreadyDecided => ("Begäran är redan besvarad.", "The request has already been answered."),
            AlreadyRegistered => (
                "Personen är redan registrerad som expertanvändare för systemet hos utföraren.",
                "The person is already registered as expert user of this system at this provider.",
            ),
            AlreadyEnded => ("Registreringen är redan avslutad.", "The registration has already ended."),
            PreconditionFailed => {
                ("Någon annan har ändrat detta. Hämta det på nytt.", "It was changed by someone else. Fetch it again.")
            }
            PayloadTooLarge => ("Begäran är för stor.", "The request body is too large."),
            UnsupportedMediaType => {
                ("Begäran måste vara application/json.", "The request body must be application/json.")
            }
            NotAcceptable => ("Svarsformatet stöds inte.", "The requested response format is not supported."),
            TooManyRequests => ("För många försök. Vänta och försök igen.", "Too many attempts. Wait and try again."),
            ServiceUnavailable => (
                "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.",
                "The service is temporarily unavailable. Try again shortly.",
            ),
            InternalError => ("Ett internt fel inträffade.", "An internal error occurred."),
        };
        match lang {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A message in both languages; `None` means the code's default message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub sv: String,
    pub en: String,
}

/// One problem with one field of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// JSON path of the value at fault, e.g. `subject.email` or `unit_ids[1]`.
    pub field: String,
    pub code: Code,
    pub message: Option<Message>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: Code) -> Self {
        FieldError { field: field.into(), code, message: None }
    }

    /// Replaces the default message with a specific one.
    pub fn with_message(mut self, sv: impl Into<String>, en: impl Into<String>) -> Self {
        self.message = Some(Message { sv: sv.into(), en: en.into() });
        self
    }

    fn render(&self, lang: Lang) -> FieldProblem {
        let message = match (&self.message, lang) {
            (Some(m), Lang::Sv) => m.sv.clone(),
            (Some(m), Lang::En) => m.en.clone(),
            (None, lang) => self.code.message(lang).to_owned(),
        };
        FieldProblem { field: self.field.clone(), code: self.code.as_str().to_owned(), message }
    }
}

/// The errors of one request, gathered so that all of them are reported at once.
#[derive(Debug, Default)]
#[must_use = "field errors must be turned into a result with `finish`"]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        FieldErrors(Vec::new())
    }

    /// Records a problem; the same code at the same field is reported once (say, a length that
    /// both the body's declared limits and the domain type refuse).
    pub fn push(&mut self, error: FieldError) {
        if !self.0.iter().any(|e| e.field == error.field && e.code == error.code) {
            self.0.push(error);
        }
    }

    pub fn add(&mut self, field: impl Into<String>, code: Code) {
        self.push(FieldError::new(field, code));
    }

    pub fn extend(&mut self, other: FieldErrors) {
        self.0.extend(other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether a problem was already reported at `field` or inside it (e.g. `unit_ids[2]`).
    pub fn has_error_at(&self, field: &str) -> bool {
        self.0.iter().any(|e| {
            e.field == field
                || e.field.strip_prefix(field).is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
    }

    /// Records `required` when the value is missing, unless the field already has a problem.
    pub fn require<T>(&mut self, field: &str, value: Option<T>) -> Option<T> {
        if value.is_none() && !self.has_error_at(field) {
            self.add(field, Code::Required);
        }
        value
    }

    /// Keeps the value of a successful parse, or records its problem.
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }

    /// `Ok` when nothing was reported, else the 422 problem with every error.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.0.is_empty() { Ok(()) } else { Err(ApiError::Validation(self.0)) }
    }

    pub fn into_vec(self) -> Vec<FieldError> {
        self.0
    }
}

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
    /// 409 with a specific code and an optional detail (English; Swedish answers use the code's message).
    Conflict(Code, Option<String>),
    /// 409 with a specific code and a detail in both languages.
    ConflictIn(Code, Message),
    /// 412: a stale `If-Match`.
    PreconditionFailed,
    /// 413.
    PayloadTooLarge,
    /// 415.
    UnsupportedMediaType,
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

    /// The problem for a status that some layer below us produced without one.
    pub fn from_status(status: StatusCode) -> Self {
        match status.as_u16() {
            401 => ApiError::Unauthorized,
            403 => ApiError::Forbidden(Code::Forbidden),
            404 | 410 => ApiError::NotFound,
            405 => ApiError::MethodNotAllowed { allow: None },
            406 => ApiError::NotAcceptable,
            409 => ApiError::Conflict(Code::Conflict, None),
            412 => ApiError::PreconditionFailed,
            413 => ApiError::PayloadTooLarge,
            415 => ApiError::UnsupportedMediaType,
            429 => ApiError::TooManyRequests { retry_after_secs: 60 },
            503 => ApiError::Unavailable(status.to_string()),
            s if s < 500 => ApiError::BadRequest(status.canonical_reason().unwrap_or("bad request").to_owned()),
            _ => ApiError::Internal(status.to_string()),
        }
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
            ApiError::Unauthorized => Code::Unauthorized,
            ApiError::InvalidCredentials => Code::InvalidCredentials,
            ApiError::Forbidden(code) => *code,
            ApiError::NotFound => Code::NotFound,
            ApiError::MethodNotAllowed { .. } => Code::MethodNotAllowed,
            ApiError::NotAcceptable => Code::NotAcceptable,
            ApiError::Conflict(code, _) | ApiError::ConflictIn(code, _) => *code,
            ApiError::PreconditionFailed => Code::PreconditionFailed,
            ApiError::PayloadTooLarge => Code::PayloadTooLarge,
            ApiError::UnsupportedMediaType => Code::UnsupportedMediaType,
            ApiError::TooManyRequests { .. } => Code::TooManyRequests,
            ApiError::Unavailable(_) => Code::ServiceUnavailable,
            ApiError::Internal(_) => Code::InternalError,
        }
    }

    fn title(&self, lang: Lang) -> &'static str {
        let status = self.status_code();
        let (sv, en) = match status.as_u16() {
            400 => ("Felaktig begäran", "Bad request"),
            401 => ("Inloggning krävs", "Unauthorized"),
            403 => ("Inte tillåtet", "Forbidden"),
            404 => ("Finns inte", "Not found"),
            405 => ("Metoden stöds inte", "Method not allowed"),
            406 => ("Formatet stöds inte", "Not acceptable"),
            409 => ("Konflikt", "Conflict"),
            412 => ("Inaktuell version", "Precondition failed"),
            413 => ("För stor begäran", "Payload too large"),
            415 => ("Fel innehållstyp", "Unsupported media type"),
            422 => ("Ogiltiga uppgifter", "Validation failed"),
            429 => ("För många försök", "Too many requests"),
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
            _ => code.message(lang).to_owned(),
        };
        let errors = match self {
            ApiError::Validation(errors) => Some(errors.iter().map(|e| e.render(lang)).collect()),
            _ => None,
        };
        Problem {
            problem_type: format!("urn:sesam:problem:{}", code.as_str()),
            title: self.title(lang).to_owned(),
            status: self.status_code().as_u16(),
            detail,
            code: code.as_str().to_owned(),
            errors,
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
            ApiError::MethodNotAllowed { allow: Some(allow) } => {
                builder.insert_header((header::ALLOW, allow.as_str()));
            }
            _ => {}
        }
        builder.body(serde_json::to_string(&self.problem(lang)).unwrap_or_default())
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

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) | ApiError::MalformedJson(_) | ApiError::InvalidQuery(_) => StatusCode::BAD_REQUEST,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Unauthorized | ApiError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::NotAcceptable => StatusCode::NOT_ACCEPTABLE,
            ApiError::Conflict(..) | ApiError::ConflictIn(..) => StatusCode::CONFLICT,
            ApiError::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
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

impl From<sea_orm::DbErr> for ApiError {
    fn from(err: sea_orm::DbErr) -> Self {
        crate::db::classify_db_error(err)
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
    fn accept_language_prefers_swedish_unless_english_wins() {
        assert_eq!(Lang::from_accept_language(None), Lang::Sv);
        assert_eq!(Lang::from_accept_language(Some("en-US,en;q=0.9")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("sv-SE,sv;q=0.9,en;q=0.8")), Lang::Sv);
        assert_eq!(Lang::from_accept_language(Some("en;q=0.5,sv;q=0.9")), Lang::Sv);
        assert_eq!(Lang::from_accept_language(Some("de")), Lang::Sv);
    }

    #[test]
    fn nested_errors_suppress_required() {
        let mut errors = FieldErrors::new();
        errors.add("unit_ids[1]", Code::InvalidFormat);
        assert!(errors.has_error_at("unit_ids"));
        assert!(!errors.has_error_at("unit"));
        assert!(errors.require::<u8>("unit_ids", None).is_none());
        assert_eq!(errors.into_vec().len(), 1);
    }

    #[test]
    fn problems_have_code_type_and_status() {
        let p = ApiError::conflict(Code::InvalidTransition, "x").problem(Lang::En);
        assert_eq!(p.status, 409);
        assert_eq!(p.code, "invalid_transition");
        assert_eq!(p.problem_type, "urn:sesam:problem:invalid_transition");
        assert!(p.errors.is_none());
    }
}
