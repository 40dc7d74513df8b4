//! What can be wrong with a request, in words clients can rely on: the stable problem codes, the
//! problems of single fields (with the JSON path of the value at fault), and their messages in
//! Swedish and English. No HTTP here: `crate::error` maps these to problem+json.

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
    WeakPassword,
    InvalidToken,
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
    CreatorCannotGrant,
    EditConflict,
    UriTooLong,
    RequestHeaderFieldsTooLarge,
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
    IdempotencyKeyInUse,
    JustificationRequired,
    NothingToReview,
    ReviewAlreadyOpen,
    DueDateNotInFuture,
    SelfReviewForbidden,
    UndecidedItems,
    HoldingEnded,
    UnknownItem,
    UrlNotAllowed,
    AccountInactive,
    PasswordLoginDisabled,
}

impl Code {
    /// Every code.
    pub const ALL: [Code; 71] = [
        Code::Required,
        Code::InvalidFormat,
        Code::InvalidLength,
        Code::InvalidPersonalNumber,
        Code::InvalidEmail,
        Code::UnknownField,
        Code::UnknownPermission,
        Code::InactivePermission,
        Code::UnknownUnit,
        Code::UnitNotInProvider,
        Code::LifecareTitleRequired,
        Code::ProfessionRequired,
        Code::ValueNotAllowed,
        Code::ExpertUserEmailRequired,
        Code::OnePermissionPerOrder,
        Code::SelfOrderForbidden,
        Code::AccountNotInProvider,
        Code::UnknownSystem,
        Code::UnknownProvider,
        Code::UnknownAccount,
        Code::WrongPassword,
        Code::ProviderChangeForbidden,
        Code::IdempotencyKeyReused,
        Code::NoActiveHoldings,
        Code::ValidationFailed,
        Code::BadRequest,
        Code::MalformedJson,
        Code::InvalidQuery,
        Code::Unauthorized,
        Code::InvalidCredentials,
        Code::Forbidden,
        Code::NoOrderingRight,
        Code::NotFound,
        Code::MethodNotAllowed,
        Code::Conflict,
        Code::AlreadyExists,
        Code::InvalidTransition,
        Code::DuplicateOpenOrder,
        Code::LastOrderer,
        Code::AlreadyGranted,
        Code::AlreadyRevoked,
        Code::SelfGrantForbidden,
        Code::CreatorCannotGrant,
        Code::EditConflict,
        Code::UriTooLong,
        Code::RequestHeaderFieldsTooLarge,
        Code::AlreadyRequested,
        Code::AlreadyDecided,
        Code::AlreadyRegistered,
        Code::AlreadyEnded,
        Code::PreconditionFailed,
        Code::PayloadTooLarge,
        Code::UnsupportedMediaType,
        Code::NotAcceptable,
        Code::TooManyRequests,
        Code::ServiceUnavailable,
        Code::InternalError,
        Code::IdempotencyKeyInUse,
        Code::JustificationRequired,
        Code::NothingToReview,
        Code::ReviewAlreadyOpen,
        Code::DueDateNotInFuture,
        Code::SelfReviewForbidden,
        Code::UndecidedItems,
        Code::HoldingEnded,
        Code::UnknownItem,
        Code::UrlNotAllowed,
        Code::WeakPassword,
        Code::InvalidToken,
        Code::AccountInactive,
        Code::PasswordLoginDisabled,
    ];

    /// The code with this wire name.
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }

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
            CreatorCannotGrant => "creator_cannot_grant",
            EditConflict => "edit_conflict",
            UriTooLong => "uri_too_long",
            RequestHeaderFieldsTooLarge => "request_header_fields_too_large",
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
            IdempotencyKeyInUse => "idempotency_key_in_use",
            JustificationRequired => "justification_required",
            NothingToReview => "nothing_to_review",
            ReviewAlreadyOpen => "review_already_open",
            DueDateNotInFuture => "due_date_not_in_future",
            SelfReviewForbidden => "self_review_forbidden",
            UndecidedItems => "undecided_items",
            HoldingEnded => "holding_ended",
            UnknownItem => "unknown_item",
            UrlNotAllowed => "url_not_allowed",
            WeakPassword => "weak_password",
            InvalidToken => "invalid_token",
            AccountInactive => "account_inactive",
            PasswordLoginDisabled => "password_login_disabled",
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
            CreatorCannotGrant => (
                "Du kan inte ge beställningsrätt till ett konto som du själv har skapat. Be en annan beställare eller \
                 supporten.",
                "You cannot grant an ordering right to an account you created. Ask another orderer or support.",
            ),
            EditConflict => (
                "Någon annan ändrade beställningen samtidigt. Hämta den på nytt och gör ändringen igen.",
                "Someone else changed the order at the same time. Fetch it again and make the change again.",
            ),
            UriTooLong => ("Adressen är för lång.", "The request's address is too long."),
            RequestHeaderFieldsTooLarge => ("Begärans huvuden är för stora.", "The request's headers are too large."),
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
            UrlNotAllowed => (
                "Adressen kan inte användas för webhooks (https, och ingen intern adress).",
                "The URL cannot be used for webhooks (https, and no internal address).",
            ),
            IdempotencyKeyInUse => (
                "En begäran med samma Idempotency-Key behandlas fortfarande; försök igen strax.",
                "A request with this Idempotency-Key is still being processed; retry after Retry-After.",
            ),
            JustificationRequired => ("Motivering måste anges.", "Motivering (justification) is required."),
            NothingToReview => (
                "Utföraren har inga aktiva behörigheter att följa upp.",
                "The provider holds no active permissions to review.",
            ),
            ReviewAlreadyOpen => (
                "Utföraren har redan en öppen uppföljning som omfattar samma behörigheter.",
                "The provider already has an open review covering the same permissions.",
            ),
            DueDateNotInFuture => ("Sista dag måste vara efter i dag.", "The due date must be after today."),
            SelfReviewForbidden => {
                ("Du kan inte besluta om dina egna behörigheter.", "You cannot decide on your own permissions.")
            }
            UndecidedItems => (
                "Alla behörigheter i uppföljningen är inte beslutade.",
                "Not every permission in the review has been decided.",
            ),
            HoldingEnded => (
                "Behörigheten har redan upphört och behöver inget beslut.",
                "The permission has already ended and needs no decision.",
            ),
            UnknownItem => ("Posten finns inte i uppföljningen.", "The item is not part of the review."),
            WeakPassword => (
                "Lösenordet är för svagt: minst 12 tecken, inte din e-postadress och inte ett vanligt lösenord.",
                "The password is too weak: at least 12 characters, not your email, not a common password.",
            ),
            InvalidToken => {
                ("Länken är ogiltig, redan använd eller har gått ut.", "The link is invalid, already used or expired.")
            }
            AccountInactive => ("Kontot är inaktiverat.", "The account is deactivated."),
            PasswordLoginDisabled => (
                "Inloggning med lösenord är avstängd. Logga in med e-legitimation.",
                "Signing in with a password is turned off. Sign in with your e-identification.",
            ),
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

    /// The message to show beside the field, in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        match (&self.message, lang) {
            (Some(m), Lang::Sv) => m.sv.clone(),
            (Some(m), Lang::En) => m.en.clone(),
            (None, lang) => self.code.message(lang).to_owned(),
        }
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

    /// `Ok` when nothing was reported, else every problem (a 422 at the edge).
    pub fn finish(self) -> Result<(), Invalid> {
        if self.0.is_empty() { Ok(()) } else { Err(Invalid(self.0)) }
    }

    /// Every problem when one was reported; else the values, all of which are there (a value is
    /// missing only with a problem reported for it; should one be missing without, the request is
    /// refused rather than trusted).
    pub fn finish_with<T: AllPresent>(self, values: T) -> Result<T::Present, Invalid> {
        self.finish()?;
        values.all_present().ok_or_else(|| Invalid::at("", Code::InvalidFormat))
    }

    pub fn into_vec(self) -> Vec<FieldError> {
        self.0
    }
}

/// Values gathered while reading a request, each `None` where its field had a problem.
pub trait AllPresent {
    type Present;
    /// The values, when every one is there.
    fn all_present(self) -> Option<Self::Present>;
}

impl<A> AllPresent for Option<A> {
    type Present = A;
    fn all_present(self) -> Option<A> {
        self
    }
}

impl<A, B> AllPresent for (Option<A>, Option<B>) {
    type Present = (A, B);
    fn all_present(self) -> Option<(A, B)> {
        Some((self.0?, self.1?))
    }
}

impl<A, B, C> AllPresent for (Option<A>, Option<B>, Option<C>) {
    type Present = (A, B, C);
    fn all_present(self) -> Option<(A, B, C)> {
        Some((self.0?, self.1?, self.2?))
    }
}

impl<A, B, C, D> AllPresent for (Option<A>, Option<B>, Option<C>, Option<D>) {
    type Present = (A, B, C, D);
    fn all_present(self) -> Option<(A, B, C, D)> {
        Some((self.0?, self.1?, self.2?, self.3?))
    }
}

/// Every problem of one request's fields (a 422 at the edge).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    /// One problem at one field.
    pub fn at(field: impl Into<String>, code: Code) -> Invalid {
        Invalid(vec![FieldError::new(field, code)])
    }
}

impl From<FieldError> for Invalid {
    fn from(e: FieldError) -> Self {
        Invalid(vec![e])
    }
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
}
