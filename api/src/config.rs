//! Every `SESAM_*` setting, read once from the environment into typed values.
//! A bad value stops start-up with one line naming the variable; secrets are never printed.

use std::{collections::HashMap, fmt, net::SocketAddr, path::PathBuf, time::Duration};

/// The shortest JWT secret accepted, in bytes (HS256 wants at least its output size).
pub const MIN_JWT_SECRET_BYTES: usize = 32;

/// A configuration error: the variable at fault and why.
#[derive(Debug)]
pub struct ConfigError {
    pub variable: &'static str,
    pub reason: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {}", self.variable, self.reason)
    }
}

impl std::error::Error for ConfigError {}

/// Argon2id cost parameters (memory in KiB, iterations, parallelism).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Argon2Cost {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Argon2Cost {
    /// OWASP's minimum for argon2id: 19 MiB, two iterations, one lane.
    pub const OWASP_MINIMUM: Argon2Cost = Argon2Cost { memory_kib: 19 * 1024, iterations: 2, parallelism: 1 };

    /// Whether this cost is at least OWASP's recommended minimum.
    pub fn meets_owasp_minimum(&self) -> bool {
        self.memory_kib >= Self::OWASP_MINIMUM.memory_kib && self.iterations >= Self::OWASP_MINIMUM.iterations
    }
}

/// The JWT signing secret; its `Debug` never shows the value.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Self {
        Secret(value)
    }
    pub fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }
    pub fn expose_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The first support account, made by `sesam serve` when the database has no active one
/// (`SESAM_BOOTSTRAP_ADMIN_EMAIL` and `SESAM_BOOTSTRAP_ADMIN_PASSWORD`).
#[derive(Clone, Debug)]
pub struct BootstrapAdmin {
    /// Lower-cased, as accounts' emails are stored.
    pub email: String,
    pub password: Secret,
}

/// All settings of a Sesam process.
#[derive(Clone, Debug)]
pub struct Settings {
    pub database_url: String,
    pub bind: SocketAddr,
    /// `None` when unset: `serve` then makes a random one for the life of the process.
    pub jwt_secret: Option<Secret>,
    pub token_ttl: Duration,
    pub frontend_dir: Option<PathBuf>,
    pub cors_origins: Vec<String>,
    /// May hold credentials (`smtp://user:pass@host`): its `Debug` never shows the value.
    pub smtp_url: Option<Secret>,
    pub smtp_from: String,
    pub it_email: Option<String>,
    /// How often an outbox sender looks for due emails.
    pub outbox_poll: Duration,
    /// Waits before the 2nd, 3rd, … delivery attempt; the last repeats.
    pub outbox_retry: Vec<Duration>,
    /// Delivery attempts before an email is given up (and marked failed).
    pub outbox_max_attempts: u32,
    /// Waits before the 2nd, 3rd, … attempt to deliver a webhook message; after the last, it is given up.
    pub webhook_retry: Vec<Duration>,
    /// Hosts (names or addresses) a webhook may reach over plain `http` and in private, loopback or
    /// link-local ranges (`SESAM_WEBHOOK_ALLOW_HTTP`, comma-separated).
    pub webhook_allow_http: Vec<String>,
    pub argon2: Argon2Cost,
    pub units_per_expert_user: u32,
    pub expiry_notice_days: u32,
    /// Days before a review's due date that its orderers are reminded (`SESAM_REVIEW_REMINDER_DAYS`, 7).
    pub review_reminder_days: u32,
    /// How old a provider's last completed review may be before it shows `review_due` (`SESAM_REVIEW_INTERVAL`).
    pub review_interval: ReviewInterval,
    /// How often each `sesam serve` runs the end-date job; `None` (`off`): only `sesam run-jobs` does.
    pub jobs_interval: Option<Duration>,
    pub db_max_connections: u32,
    pub login_max_failures_per_account: u32,
    pub login_max_failures_per_client: u32,
    pub login_failure_window: Duration,
    pub trust_forwarded_for: bool,
    /// HTTP worker threads (default: one per core).
    pub workers: usize,
    /// The support account to make at start when there is no active one; `None` when unset.
    pub bootstrap_admin: Option<BootstrapAdmin>,
    /// Where people reach the SPA (`SESAM_PUBLIC_URL`, no trailing slash): links in emails start here.
    pub public_url: String,
    /// How long an activation link works (`SESAM_INVITE_TTL`, default 72h).
    pub invite_ttl: Duration,
    /// Days without a sign-in or API use after which the job deactivates an account
    /// (`SESAM_DORMANT_DAYS`, default 180); `None` (`off`): never.
    pub dormant_days: Option<u32>,
    /// How many days before that the account is told (`SESAM_DORMANT_NOTICE_DAYS`, default 14).
    pub dormant_notice_days: u32,
    /// Sign-in through the municipality's identity provider (rule 20); `None` unless configured.
    pub oidc: Option<OidcSettings>,
    /// Whether `POST /auth/login` takes passwords (`SESAM_PASSWORD_LOGIN`, default `on`).
    pub password_login: bool,
}

/// The identity provider Sesam signs people in through (OpenID Connect, rule 20).
#[derive(Debug, Clone)]
pub struct OidcSettings {
    /// `SESAM_OIDC_ISSUER`: discovery reads `<issuer>/.well-known/openid-configuration`.
    pub issuer: String,
    /// `SESAM_OIDC_CLIENT_ID`.
    pub client_id: String,
    /// `SESAM_OIDC_CLIENT_SECRET`.
    pub client_secret: Secret,
    /// `SESAM_OIDC_REDIRECT_URL`, default `<SESAM_PUBLIC_URL>/api/v1/auth/oidc/callback`.
    pub redirect_url: String,
    /// `SESAM_OIDC_PERSONAL_NUMBER_CLAIM`: the claim that carries the personal number; when set, the
    /// account is found by it alone.
    pub personal_number_claim: Option<String>,
    /// `SESAM_OIDC_SCOPES`, default `openid email` (space separated).
    pub scopes: String,
}

impl Settings {
    /// Reads the settings from the process environment.
    pub fn from_env() -> Result<Settings, ConfigError> {
        Self::from_map(&std::env::vars().collect())
    }

    /// Reads the settings from a map of variables (the environment, or a test's own map).
    pub fn from_map(env: &HashMap<String, String>) -> Result<Settings, ConfigError> {
        let get = |name: &str| env.get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());

        let database_url = get("SESAM_DATABASE_URL").unwrap_or_else(|| "sqlite://sesam.db?mode=rwc".into());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError {
                variable: "SESAM_DATABASE_URL",
                reason: "must start with sqlite:, postgres:// or postgresql://".into(),
            });
        }
        let bind = match get("SESAM_BIND") {
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
            Some(v) => v.parse().map_err(|_| ConfigError {
                variable: "SESAM_BIND",
                reason: format!("`{v}` is not an address like 127.0.0.1:8080"),
            })?,
        };
        let jwt_secret = match get("SESAM_JWT_SECRET") {
            None => None,
            Some(v) if v.len() < MIN_JWT_SECRET_BYTES => {
                return Err(ConfigError {
                    variable: "SESAM_JWT_SECRET",
                    reason: format!("must be at least {MIN_JWT_SECRET_BYTES} bytes long"),
                });
            }
            Some(v) => Some(Secret(v)),
        };
        let token_ttl = match get("SESAM_TOKEN_TTL") {
            None => Duration::from_secs(8 * 3600),
            Some(v) => parse_duration(&v).filter(|d| !d.is_zero()).ok_or_else(|| ConfigError {
                variable: "SESAM_TOKEN_TTL",
                reason: format!("`{v}` is not a duration like 8h, 30m or 3600"),
            })?,
        };
        let frontend_dir = get("SESAM_FRONTEND_DIR").map(PathBuf::from);
        if let Some(dir) = &frontend_dir
            && !dir.join("index.html").is_file()
        {
            return Err(ConfigError {
                variable: "SESAM_FRONTEND_DIR",
                reason: format!("{} has no index.html (build the frontend first)", dir.display()),
            });
        }
        let cors_origins = get("SESAM_CORS_ORIGINS")
            .map(|v| {
                v.split(',')
                    .map(|s| s.trim().trim_end_matches('/').to_owned())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        for origin in &cors_origins {
            if !(origin.starts_with("http://") || origin.starts_with("https://")) {
                return Err(ConfigError {
                    variable: "SESAM_CORS_ORIGINS",
                    reason: format!("`{origin}` is not an origin like https://sesam.example.se"),
                });
            }
        }
        let smtp_url = get("SESAM_SMTP_URL");
        if let Some(url) = &smtp_url
            && !(url.starts_with("smtp://") || url.starts_with("smtps://"))
        {
            return Err(ConfigError {
                variable: "SESAM_SMTP_URL",
                reason: "must start with smtp:// or smtps://".into(),
            });
        }
        let smtp_from = get("SESAM_SMTP_FROM").unwrap_or_else(|| "Sesam <sesam@localhost>".into());
        if smtp_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError {
                variable: "SESAM_SMTP_FROM",
                reason: format!("`{smtp_from}` is not an address like Sesam <sesam@kommun.example>"),
            });
        }
        let it_email = get("SESAM_IT_EMAIL");
        if let Some(email) = &it_email
            && (crate::domain::Email::parse(email).is_none() || email.parse::<lettre::Address>().is_err())
        {
            return Err(ConfigError {
                variable: "SESAM_IT_EMAIL",
                reason: format!("`{email}` is not an email address"),
            });
        }
        let outbox_poll = match get("SESAM_OUTBOX_POLL") {
            None => Duration::from_secs(5),
            Some(v) => parse_duration(&v).filter(|d| !d.is_zero()).ok_or_else(|| ConfigError {
                variable: "SESAM_OUTBOX_POLL",
                reason: format!("`{v}` is not a duration like 5s or 500ms"),
            })?,
        };
        let outbox_retry = match get("SESAM_OUTBOX_RETRY") {
            None => ["30s", "2m", "10m", "1h", "6h"].iter().filter_map(|d| parse_duration(d)).collect(),
            Some(v) => v
                .split(',')
                .map(|d| parse_duration(d).filter(|d| !d.is_zero()))
                .collect::<Option<Vec<Duration>>>()
                .ok_or_else(|| ConfigError {
                    variable: "SESAM_OUTBOX_RETRY",
                    reason: format!("`{v}` is not a list of durations like 30s,2m,10m,1h"),
                })?,
        };
        let outbox_max_attempts = positive(&get, "SESAM_OUTBOX_MAX_ATTEMPTS", 10)?;
        let webhook_retry = match get("SESAM_WEBHOOK_RETRY") {
            // Standard Webhooks' suggestion: attempts over about a day and a half.
            None => ["5s", "5m", "30m", "2h", "5h", "10h", "10h"].iter().filter_map(|d| parse_duration(d)).collect(),
            Some(v) => v
                .split(',')
                .map(|d| parse_duration(d).filter(|d| !d.is_zero()))
                .collect::<Option<Vec<Duration>>>()
                .ok_or_else(|| ConfigError {
                    variable: "SESAM_WEBHOOK_RETRY",
                    reason: format!("`{v}` is not a list of durations like 5s,5m,30m,2h"),
                })?,
        };
        let webhook_allow_http = get("SESAM_WEBHOOK_ALLOW_HTTP")
            .map(|v| v.split(',').map(|h| h.trim().to_ascii_lowercase()).filter(|h| !h.is_empty()).collect())
            .unwrap_or_default();
        let argon2 = match get("SESAM_ARGON2") {
            None => Argon2Cost::OWASP_MINIMUM,
            Some(v) => parse_argon2(&v).ok_or_else(|| ConfigError {
                variable: "SESAM_ARGON2",
                reason: format!("`{v}` is not like m=19456,t=2,p=1 (memory KiB ≥ 8, t ≥ 1, p ≥ 1)"),
            })?,
        };
        let units_per_expert_user = positive(&get, "SESAM_UNITS_PER_EXPERT_USER", 10)?;
        let expiry_notice_days = positive(&get, "SESAM_EXPIRY_NOTICE_DAYS", 14)?;
        let review_reminder_days = positive(&get, "SESAM_REVIEW_REMINDER_DAYS", 7)?;
        let review_interval = match get("SESAM_REVIEW_INTERVAL") {
            None => ReviewInterval::Months(12),
            Some(v) => ReviewInterval::parse(&v).ok_or_else(|| ConfigError {
                variable: "SESAM_REVIEW_INTERVAL",
                reason: format!("`{v}` is not like `12 months` or `90 days`"),
            })?,
        };
        let jobs_interval = match get("SESAM_JOBS_INTERVAL").as_deref() {
            None => Some(Duration::from_secs(15 * 60)),
            Some("off") => None,
            Some(v) => Some(parse_duration(v).filter(|d| !d.is_zero()).ok_or_else(|| ConfigError {
                variable: "SESAM_JOBS_INTERVAL",
                reason: format!("`{v}` is not a duration like 15m or 1h, nor off"),
            })?),
        };
        // Measured at 1M orders on 2 cores (docs/performance.md): 8 connections per core served 16-22 %
        // more requests than 4; a request holds its connection between round trips.
        let default_connections =
            std::thread::available_parallelism().map(|n| n.get() as u32 * 8).unwrap_or(16).clamp(8, 64);
        let db_max_connections = positive(&get, "SESAM_DB_MAX_CONNECTIONS", default_connections)?;
        let login_max_failures_per_account = positive(&get, "SESAM_LOGIN_MAX_FAILURES_PER_ACCOUNT", 10)?;
        let login_max_failures_per_client = positive(&get, "SESAM_LOGIN_MAX_FAILURES_PER_CLIENT", 50)?;
        let login_failure_window = match get("SESAM_LOGIN_FAILURE_WINDOW") {
            None => Duration::from_secs(15 * 60),
            Some(v) => parse_duration(&v).filter(|d| !d.is_zero()).ok_or_else(|| ConfigError {
                variable: "SESAM_LOGIN_FAILURE_WINDOW",
                reason: format!("`{v}` is not a duration like 15m"),
            })?,
        };
        let trust_forwarded_for = match get("SESAM_TRUST_FORWARDED_FOR").as_deref() {
            None | Some("false") | Some("0") => false,
            Some("true") | Some("1") => true,
            Some(v) => {
                return Err(ConfigError {
                    variable: "SESAM_TRUST_FORWARDED_FOR",
                    reason: format!("`{v}` is not true or false"),
                });
            }
        };
        let default_workers = std::thread::available_parallelism().map(|n| n.get() as u32).unwrap_or(2);
        let workers = positive(&get, "SESAM_WORKERS", default_workers)? as usize;
        let bootstrap_admin = bootstrap_admin(env)?;
        let public_url = get("SESAM_PUBLIC_URL").unwrap_or_else(|| format!("http://{bind}"));
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError {
                variable: "SESAM_PUBLIC_URL",
                reason: format!("`{public_url}` is not an address like https://sesam.kommun.se"),
            });
        }
        let public_url = public_url.trim_end_matches('/').to_owned();
        let invite_ttl = match get("SESAM_INVITE_TTL") {
            None => Duration::from_secs(72 * 3600),
            Some(v) => parse_duration(&v).filter(|d| !d.is_zero()).ok_or_else(|| ConfigError {
                variable: "SESAM_INVITE_TTL",
                reason: format!("`{v}` is not a duration like 72h"),
            })?,
        };
        let dormant_days = match get("SESAM_DORMANT_DAYS").as_deref() {
            Some("off") => None,
            _ => Some(positive(&get, "SESAM_DORMANT_DAYS", 180)?),
        };
        let dormant_notice_days = positive(&get, "SESAM_DORMANT_NOTICE_DAYS", 14)?;
        if dormant_days.is_some_and(|d| dormant_notice_days >= d) {
            return Err(ConfigError {
                variable: "SESAM_DORMANT_NOTICE_DAYS",
                reason: "must be fewer than SESAM_DORMANT_DAYS".into(),
            });
        }
        let oidc = oidc_settings(&get, &public_url)?;
        let password_login = match get("SESAM_PASSWORD_LOGIN").as_deref() {
            None | Some("on") => true,
            Some("off") if oidc.is_some() => false,
            Some("off") => {
                return Err(ConfigError {
                    variable: "SESAM_PASSWORD_LOGIN",
                    reason: "off needs sign-in through an identity provider (SESAM_OIDC_ISSUER)".into(),
                });
            }
            Some(v) => {
                return Err(ConfigError {
                    variable: "SESAM_PASSWORD_LOGIN",
                    reason: format!("`{v}` is not on or off"),
                });
            }
        };
        Ok(Settings {
            oidc,
            password_login,
            public_url,
            invite_ttl,
            dormant_days,
            dormant_notice_days,
            bootstrap_admin,
            workers,
            database_url,
            bind,
            jwt_secret,
            token_ttl,
            frontend_dir,
            cors_origins,
            smtp_url: smtp_url.map(Secret),
            smtp_from,
            it_email,
            outbox_poll,
            outbox_retry,
            outbox_max_attempts,
            webhook_retry,
            webhook_allow_http,
            argon2,
            units_per_expert_user,
            expiry_notice_days,
            review_reminder_days,
            review_interval,
            jobs_interval,
            db_max_connections,
            login_max_failures_per_account,
            login_max_failures_per_client,
            login_failure_window,
            trust_forwarded_for,
        })
    }

    /// Whether the configured database is SQLite.
    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }
}

/// The identity provider's settings: issuer, client id and secret all set, or none of them.
fn oidc_settings(get: &dyn Fn(&str) -> Option<String>, public_url: &str) -> Result<Option<OidcSettings>, ConfigError> {
    let (issuer, client_id, secret) =
        (get("SESAM_OIDC_ISSUER"), get("SESAM_OIDC_CLIENT_ID"), get("SESAM_OIDC_CLIENT_SECRET"));
    let (Some(issuer), Some(client_id), Some(secret)) = (issuer.clone(), client_id.clone(), secret.clone()) else {
        if let Some((variable, _)) = [
            ("SESAM_OIDC_ISSUER", &issuer),
            ("SESAM_OIDC_CLIENT_ID", &client_id),
            ("SESAM_OIDC_CLIENT_SECRET", &secret),
        ]
        .into_iter()
        .find(|(_, v)| v.is_some())
        {
            return Err(ConfigError {
                variable,
                reason: "needs SESAM_OIDC_ISSUER, SESAM_OIDC_CLIENT_ID and SESAM_OIDC_CLIENT_SECRET together".into(),
            });
        }
        return Ok(None);
    };
    for (variable, url) in
        [("SESAM_OIDC_ISSUER", Some(issuer.clone())), ("SESAM_OIDC_REDIRECT_URL", get("SESAM_OIDC_REDIRECT_URL"))]
    {
        if let Some(url) = url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            return Err(ConfigError { variable, reason: format!("`{url}` is not an https:// address") });
        }
    }
    Ok(Some(OidcSettings {
        issuer,
        client_id,
        client_secret: Secret(secret),
        redirect_url: get("SESAM_OIDC_REDIRECT_URL")
            .unwrap_or_else(|| format!("{public_url}/api/v1/auth/oidc/callback")),
        personal_number_claim: get("SESAM_OIDC_PERSONAL_NUMBER_CLAIM"),
        scopes: get("SESAM_OIDC_SCOPES").unwrap_or_else(|| "openid email".into()),
    }))
}

/// Both bootstrap variables or neither. The password is taken as it is (not trimmed: it is what one
/// logs in with) and is never part of an error.
fn bootstrap_admin(env: &HashMap<String, String>) -> Result<Option<BootstrapAdmin>, ConfigError> {
    const EMAIL: &str = "SESAM_BOOTSTRAP_ADMIN_EMAIL";
    const PASSWORD: &str = "SESAM_BOOTSTRAP_ADMIN_PASSWORD";
    let email = env.get(EMAIL).map(|v| v.trim()).filter(|v| !v.is_empty());
    let password = env.get(PASSWORD).filter(|v| !v.trim().is_empty());
    let (email, password) = match (email, password) {
        (None, None) => return Ok(None),
        (Some(_), None) => {
            return Err(ConfigError { variable: PASSWORD, reason: format!("must be set with {EMAIL}") });
        }
        (None, Some(_)) => {
            return Err(ConfigError { variable: EMAIL, reason: format!("must be set with {PASSWORD}") });
        }
        (Some(email), Some(password)) => (email, password),
    };
    let email = crate::domain::Email::parse(email)
        .ok_or_else(|| ConfigError { variable: EMAIL, reason: format!("`{email}` is not an email address") })?
        .normalized();
    use crate::domain::password::check_new_password;
    if let Err(e) = check_new_password(PASSWORD, password, Some(&email)) {
        return Err(ConfigError { variable: PASSWORD, reason: e.message_in(crate::domain::problems::Lang::En) });
    }
    Ok(Some(BootstrapAdmin { email, password: Secret(password.clone()) }))
}

fn positive(get: &impl Fn(&str) -> Option<String>, name: &'static str, default: u32) -> Result<u32, ConfigError> {
    match get(name) {
        None => Ok(default),
        Some(v) => v
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| ConfigError { variable: name, reason: format!("`{v}` is not a positive whole number") }),
    }
}

/// How often providers must complete an access review (rule 15).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewInterval {
    Months(u32),
    Days(u32),
}

impl ReviewInterval {
    /// Reads `12 months`, `1 month`, `90 days`, `6m` (months) or `90d`; a bare number is months.
    pub fn parse(value: &str) -> Option<ReviewInterval> {
        let value = value.trim().to_ascii_lowercase();
        let split = value.find(|c: char| !c.is_ascii_digit()).unwrap_or(value.len());
        let (digits, unit) = value.split_at(split);
        let n: u32 = digits.parse().ok().filter(|n| *n > 0)?;
        match unit.trim() {
            "" | "m" | "month" | "months" | "mån" | "månader" => Some(ReviewInterval::Months(n)),
            "d" | "day" | "days" | "dagar" => Some(ReviewInterval::Days(n)),
            _ => None,
        }
    }

    /// The moment this long before `now`.
    pub fn before(self, now: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
        match self {
            ReviewInterval::Months(n) => now.checked_sub_months(chrono::Months::new(n)),
            ReviewInterval::Days(n) => now.checked_sub_days(chrono::Days::new(u64::from(n))),
        }
        .unwrap_or(chrono::DateTime::<chrono::Utc>::MIN_UTC)
    }
}

/// Parses `8h`, `30m`, `45s`, `2d`, `500ms` or a plain number of seconds.
pub fn parse_duration(value: &str) -> Option<Duration> {
    let value = value.trim();
    let (digits, unit) = match value.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => value.split_at(i),
        None => (value, "s"),
    };
    let n: u64 = digits.parse().ok()?;
    let seconds = match unit {
        "ms" => return Some(Duration::from_millis(n)),
        "s" => n,
        "m" => n.checked_mul(60)?,
        "h" => n.checked_mul(3600)?,
        "d" => n.checked_mul(86400)?,
        _ => return None,
    };
    Some(Duration::from_secs(seconds))
}

fn parse_argon2(value: &str) -> Option<Argon2Cost> {
    let mut cost = Argon2Cost::OWASP_MINIMUM;
    for part in value.split(',') {
        let (key, number) = part.trim().split_once('=')?;
        let number: u32 = number.trim().parse().ok()?;
        match key.trim() {
            "m" if number >= 8 => cost.memory_kib = number,
            "t" if number >= 1 => cost.iterations = number,
            "p" if number >= 1 => cost.parallelism = number,
            _ => return None,
        }
    }
    Some(cost)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn review_intervals_read_months_and_days() {
        assert_eq!(ReviewInterval::parse("12 months"), Some(ReviewInterval::Months(12)));
        assert_eq!(ReviewInterval::parse("1 month"), Some(ReviewInterval::Months(1)));
        assert_eq!(ReviewInterval::parse("6"), Some(ReviewInterval::Months(6)));
        assert_eq!(ReviewInterval::parse("90 days"), Some(ReviewInterval::Days(90)));
        assert_eq!(ReviewInterval::parse("90d"), Some(ReviewInterval::Days(90)));
        assert_eq!(ReviewInterval::parse("0 months"), None);
        assert_eq!(ReviewInterval::parse("a year"), None);
        let now =
            chrono::DateTime::parse_from_rfc3339("2027-03-31T12:00:00Z").expect("time").with_timezone(&chrono::Utc);
        assert_eq!(ReviewInterval::Months(1).before(now).date_naive().to_string(), "2027-02-28");
    }

    #[test]
    fn defaults_are_sane() {
        let s = Settings::from_map(&HashMap::new()).expect("defaults");
        assert_eq!(s.database_url, "sqlite://sesam.db?mode=rwc");
        assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
        assert!(s.jwt_secret.is_none());
        assert_eq!(s.token_ttl, Duration::from_secs(8 * 3600));
        assert_eq!(s.argon2, Argon2Cost::OWASP_MINIMUM);
        assert_eq!(s.units_per_expert_user, 10);
        assert_eq!(s.outbox_poll, Duration::from_secs(5));
        assert_eq!(s.outbox_retry.first(), Some(&Duration::from_secs(30)));
        assert_eq!(s.outbox_max_attempts, 10);
        assert_eq!(s.expiry_notice_days, 14);
        assert_eq!(s.jobs_interval, Some(Duration::from_secs(15 * 60)));
    }

    #[test]
    fn links_and_dormancy_have_their_defaults_and_can_be_set() {
        let s = Settings::from_map(&HashMap::new()).expect("defaults");
        assert_eq!(s.public_url, "http://127.0.0.1:8080");
        assert_eq!(s.invite_ttl, Duration::from_secs(72 * 3600));
        assert_eq!((s.dormant_days, s.dormant_notice_days), (Some(180), 14));
        let s = Settings::from_map(&env(&[
            ("SESAM_PUBLIC_URL", "https://sesam.kommun.se/"),
            ("SESAM_INVITE_TTL", "24h"),
            ("SESAM_DORMANT_DAYS", "off"),
            ("SESAM_DORMANT_NOTICE_DAYS", "200"),
        ]))
        .expect("set");
        assert_eq!(s.public_url, "https://sesam.kommun.se");
        assert_eq!(s.invite_ttl, Duration::from_secs(24 * 3600));
        assert_eq!(s.dormant_days, None);
    }

    #[test]
    fn the_end_date_job_can_be_slowed_sped_up_or_left_to_run_jobs() {
        let every = |v: &str| Settings::from_map(&env(&[("SESAM_JOBS_INTERVAL", v)])).expect(v).jobs_interval;
        assert_eq!(every("1h"), Some(Duration::from_secs(3600)));
        assert_eq!(every("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(every("off"), None);
    }

    #[test]
    fn a_bad_value_names_its_variable() {
        for (name, value) in [
            ("SESAM_BIND", "nowhere"),
            ("SESAM_JWT_SECRET", "short"),
            ("SESAM_TOKEN_TTL", "forever"),
            ("SESAM_DATABASE_URL", "mysql://x"),
            ("SESAM_CORS_ORIGINS", "example.com"),
            ("SESAM_ARGON2", "m=1"),
            ("SESAM_UNITS_PER_EXPERT_USER", "0"),
            ("SESAM_SMTP_URL", "http://x"),
            ("SESAM_SMTP_FROM", "not an address"),
            ("SESAM_IT_EMAIL", "it-at-kommun"),
            ("SESAM_OUTBOX_POLL", "often"),
            ("SESAM_OUTBOX_RETRY", "30s,,2m"),
            ("SESAM_OUTBOX_MAX_ATTEMPTS", "0"),
            ("SESAM_EXPIRY_NOTICE_DAYS", "0"),
            ("SESAM_JOBS_INTERVAL", "0s"),
            ("SESAM_JOBS_INTERVAL", "soon"),
            ("SESAM_FRONTEND_DIR", "/nonexistent/dir"),
            ("SESAM_PUBLIC_URL", "sesam.kommun.se"),
            ("SESAM_INVITE_TTL", "a while"),
            ("SESAM_DORMANT_DAYS", "never"),
            ("SESAM_DORMANT_DAYS", "0"),
            ("SESAM_DORMANT_NOTICE_DAYS", "200"),
        ] {
            let err = Settings::from_map(&env(&[(name, value)])).expect_err(name);
            assert_eq!(err.variable, name);
            assert!(err.to_string().starts_with(&format!("invalid {name}: ")));
        }
    }

    #[test]
    fn the_bootstrap_admin_needs_both_variables_and_good_values() {
        let read = |pairs: &[(&str, &str)]| Settings::from_map(&env(pairs));
        assert!(read(&[]).expect("unset").bootstrap_admin.is_none());
        let admin = read(&[
            ("SESAM_BOOTSTRAP_ADMIN_EMAIL", " Forsta.Support@Kommun.Example "),
            ("SESAM_BOOTSTRAP_ADMIN_PASSWORD", " bootstrap password "),
        ])
        .expect("both")
        .bootstrap_admin
        .expect("set");
        assert_eq!(admin.email, "forsta.support@kommun.example");
        assert_eq!(admin.password.expose_str(), " bootstrap password ", "a password is taken as it is");
        for (pairs, variable) in [
            (&[("SESAM_BOOTSTRAP_ADMIN_EMAIL", "support@kommun.example")][..], "SESAM_BOOTSTRAP_ADMIN_PASSWORD"),
            (&[("SESAM_BOOTSTRAP_ADMIN_PASSWORD", "long enough password")][..], "SESAM_BOOTSTRAP_ADMIN_EMAIL"),
            (
                &[
                    ("SESAM_BOOTSTRAP_ADMIN_EMAIL", "support-at-kommun"),
                    ("SESAM_BOOTSTRAP_ADMIN_PASSWORD", "long enough password"),
                ][..],
                "SESAM_BOOTSTRAP_ADMIN_EMAIL",
            ),
            (
                &[
                    ("SESAM_BOOTSTRAP_ADMIN_EMAIL", "support@kommun.example"),
                    ("SESAM_BOOTSTRAP_ADMIN_PASSWORD", "short-pw"),
                ][..],
                "SESAM_BOOTSTRAP_ADMIN_PASSWORD",
            ),
        ] {
            let err = read(pairs).expect_err(variable);
            assert_eq!(err.variable, variable, "{err}");
            assert!(!err.to_string().contains("short-pw") && !err.to_string().contains("long enough"), "{err}");
        }
    }

    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("8h"), Some(Duration::from_secs(28800)));
        assert_eq!(parse_duration("90"), Some(Duration::from_secs(90)));
        assert_eq!(parse_duration("15m"), Some(Duration::from_secs(900)));
        assert_eq!(parse_duration("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(parse_duration("x"), None);
        assert_eq!(parse_duration("5y"), None);
    }

    #[test]
    fn secrets_are_not_printed() {
        let s = Settings::from_map(&env(&[
            ("SESAM_JWT_SECRET", "0123456789abcdef0123456789abcdef-secret"),
            ("SESAM_SMTP_URL", "smtps://sesam:smtp-password@mail.kommun.example"),
            ("SESAM_BOOTSTRAP_ADMIN_EMAIL", "support@kommun.example"),
            ("SESAM_BOOTSTRAP_ADMIN_PASSWORD", "bootstrap-password"),
        ]))
        .expect("ok");
        assert!(!format!("{s:?}").contains("0123456789abcdef"));
        assert!(!format!("{s:?}").contains("smtp-password"));
        assert!(!format!("{s:?}").contains("bootstrap-password"));
    }

    #[test]
    fn the_identity_provider_takes_all_three_variables_and_password_login_off_needs_it() {
        let s = Settings::from_map(&HashMap::new()).expect("defaults");
        assert!(s.oidc.is_none());
        assert!(s.password_login);
        let oidc = [
            ("SESAM_PUBLIC_URL", "https://sesam.kommun.se/"),
            ("SESAM_OIDC_ISSUER", "https://idp.kommun.se/realms/sesam"),
            ("SESAM_OIDC_CLIENT_ID", "sesam"),
            ("SESAM_OIDC_CLIENT_SECRET", "hemligt"),
        ];
        let s = Settings::from_map(&env(&oidc)).expect("oidc");
        let o = s.oidc.expect("configured");
        assert_eq!(o.redirect_url, "https://sesam.kommun.se/api/v1/auth/oidc/callback");
        assert_eq!(o.scopes, "openid email");
        assert!(o.personal_number_claim.is_none());
        let off = [&oidc[..], &[("SESAM_PASSWORD_LOGIN", "off")]].concat();
        assert!(!Settings::from_map(&env(&off)).expect("off").password_login);

        let err = Settings::from_map(&env(&oidc[..3])).expect_err("no secret");
        assert_eq!(err.variable, "SESAM_OIDC_ISSUER");
        assert!(!err.reason.contains("hemligt"));
        let err = Settings::from_map(&env(&[("SESAM_PASSWORD_LOGIN", "off")])).expect_err("nobody could sign in");
        assert_eq!(err.variable, "SESAM_PASSWORD_LOGIN");
        let err = Settings::from_map(&env(&[("SESAM_PASSWORD_LOGIN", "nej")])).expect_err("not on/off");
        assert_eq!(err.variable, "SESAM_PASSWORD_LOGIN");
    }
}
