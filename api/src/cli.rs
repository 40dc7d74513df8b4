//! The `sesam` command line: `serve`, `migrate`, `create-admin`, `set-password`, `outbox`, `seed-demo`,
//! `seed-bulk`, `openapi`, `run-jobs`.

use crate::{
    auth::{jwt::JwtKeys, password::Passwords, throttle::LoginThrottle},
    config::{Secret, Settings},
    db, seed, startup,
    state::AppState,
};
use clap::{Parser, Subcommand};
use std::{io::Write, process::ExitCode};

#[derive(Parser)]
#[command(name = "sesam", version, about = "Sesam: ordering of system permissions for care providers' staff")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database, make the first support account (SESAM_BOOTSTRAP_ADMIN_*) when there is no
    /// active one, then serve the API (and the SPA when SESAM_FRONTEND_DIR is set).
    Serve,
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Create a support (admin) account.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password: String,
        #[arg(long, default_value = "Support")]
        name: String,
    },
    /// The operator's break-glass: set an account's password (rule 16) and end its sessions. For
    /// everyone else, the account's owner chooses it through an activation or reset link.
    SetPassword {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password: String,
    },
    /// Print the emails waiting in the outbox (all of them with --all): without an SMTP server
    /// (SESAM_SMTP_URL unset), this is how the activation and reset links are read.
    Outbox {
        /// Sent ones too.
        #[arg(long)]
        all: bool,
        /// Only those to this address.
        #[arg(long)]
        to: Option<String>,
    },
    /// Fill the database with a realistic demo (idempotent: does nothing when it is there).
    SeedDemo,
    /// Fill the database with a large synthetic municipality, fast (for benchmarks): providers with
    /// units, the catalogue, accounts, and orders in every status over the years with their history
    /// and holdings. Prints two working logins at the end: `orderer: EMAIL PASSWORD` (an orderer of
    /// the largest provider) and `it: EMAIL PASSWORD`.
    SeedBulk {
        /// How many orders.
        #[arg(long, default_value_t = 1_000_000)]
        orders: u64,
        /// How many providers (default: one per 5,000 orders, 3 to 200).
        #[arg(long)]
        providers: Option<usize>,
        /// How many years back the orders go.
        #[arg(long, default_value_t = 5)]
        years: u32,
        /// The password of every account it makes.
        #[arg(long, default_value = crate::seed_bulk::DEFAULT_PASSWORD)]
        password: String,
        /// The random seed: the same seed makes the same orders.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Show the database's plan for a page of `GET /api/v1/orders`, as the account would ask for it
    /// (its visibility, the filters of the query string), run as the server runs it.
    ExplainOrders {
        /// The account whose list it is (its email).
        #[arg(long = "as")]
        email: String,
        /// The request's query string, e.g. `status=submitted&limit=50`.
        #[arg(long, default_value = "limit=50")]
        query: String,
        /// Run the query too, and show the real row counts and times (EXPLAIN ANALYZE).
        #[arg(long)]
        analyze: bool,
    },
    /// Print the OpenAPI document (what `openapi/openapi.json` must hold).
    Openapi,
    /// Run the background jobs once and exit: tell orderers of end dates that are near, and send
    /// IT a revoke order for each holding whose end date has passed. Safe beside running servers.
    RunJobs {
        /// The job's clock (RFC 3339, e.g. 2027-03-01T00:00:00Z) instead of the real time: what is
        /// due is decided as if it were then. For tests and for catching up; a time ahead of the
        /// real one revokes permissions early.
        #[arg(long)]
        now: Option<String>,
    },
}

/// Runs the command line; the exit code says how it went.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Openapi = cli.command {
        return match serde_json::to_string_pretty(&startup::api_doc()) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(&format!("cannot render the OpenAPI document: {e}")),
        };
    }
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info,sqlx=warn,sea_orm=warn"))
        // actix's extractors log the request path at debug level when they fail; a path may hold a
        // personal identity number (a client's mistake), so they stay at info whatever RUST_LOG says.
        .filter_module("actix_web::types", log::LevelFilter::Info)
        .init();
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => return fail(&e.to_string()),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => return fail(&format!("cannot start the runtime: {e}")),
    };
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Serve => serve(settings).await,
            Command::Migrate => {
                let db = connect(&settings).await?;
                println!("sesam: the database is up to date");
                drop(db);
                Ok(())
            }
            Command::CreateAdmin { email, password, name } => {
                let db = connect(&settings).await?;
                let passwords = Passwords::new(settings.argon2)?;
                seed::create_admin(&db, &passwords, &email, &password, &name).await?;
                println!("sesam: created support account {email}");
                Ok(())
            }
            Command::SetPassword { email, password } => {
                let db = connect(&settings).await?;
                let passwords = Passwords::new(settings.argon2)?;
                crate::accounts::operator::set_password(&db, &passwords, &email, &password).await?;
                println!("sesam: set the password of {email}; its sessions have ended");
                Ok(())
            }
            Command::Outbox { all, to } => {
                let db = connect(&settings).await?;
                print!("{}", crate::accounts::operator::outbox_text(&db, all, to.as_deref()).await?);
                Ok(())
            }
            Command::SeedDemo => {
                let db = connect(&settings).await?;
                let passwords = Passwords::new(settings.argon2)?;
                let summary = seed::seed_demo(&db, &passwords).await?;
                println!("sesam: {summary}");
                Ok(())
            }
            Command::SeedBulk { orders, providers, years, password, seed } => {
                let db = connect(&settings).await?;
                let passwords = Passwords::new(settings.argon2)?;
                let options = crate::seed_bulk::Options {
                    orders,
                    providers,
                    years,
                    password,
                    seed,
                    notice_days: settings.expiry_notice_days,
                };
                let report = crate::seed_bulk::run(&db, &passwords, &options).await?;
                let mut tables: Vec<_> = report.rows.iter().map(|(t, n)| format!("{t} {n}")).collect();
                tables.sort();
                eprintln!(
                    "sesam: seeded {} orders for {} providers and {} accounts in {:.1} s ({})",
                    report.orders,
                    report.providers,
                    report.accounts,
                    report.elapsed.as_secs_f64(),
                    tables.join(", ")
                );
                println!("orderer: {} {}", report.orderer_email, report.password);
                println!("it: {} {}", report.it_email, report.password);
                Ok(())
            }
            Command::ExplainOrders { email, query, analyze } => {
                let db = connect(&settings).await?;
                let plan = explain_orders(&db, &email, &query, analyze).await.map_err(|e| e.to_string())?;
                print!("{plan}");
                Ok(())
            }
            Command::RunJobs { now } => {
                let now = match now {
                    None => chrono::Utc::now(),
                    Some(v) => chrono::DateTime::parse_from_rfc3339(v.trim())
                        .map_err(|_| format!("--now `{v}` is not an RFC 3339 time like 2027-03-01T00:00:00Z"))?
                        .with_timezone(&chrono::Utc),
                };
                let db = connect(&settings).await?;
                let config = crate::holdings::job::JobConfig::from_settings(&settings);
                let report = crate::holdings::job::run_once(&db, &config, now).await.map_err(|e| e.to_string())?;
                println!("sesam: {report}");
                let dormant =
                    crate::accounts::dormant::run_once(&db, &config.dormant, now).await.map_err(|e| e.to_string())?;
                println!("sesam: {dormant}");
                if report.failed > 0 || report.reviews.failed > 0 {
                    Err(format!(
                        "{} holding(s) and {} review(s) could not be handled; see the log",
                        report.failed, report.reviews.failed
                    ))
                } else {
                    Ok(())
                }
            }
            Command::Openapi => Ok(()),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("sesam: {message}");
    ExitCode::FAILURE
}

async fn connect(settings: &Settings) -> Result<sea_orm::DatabaseConnection, String> {
    let db = db::connect(&settings.database_url, if settings.is_sqlite() { 1 } else { settings.db_max_connections })
        .await
        .map_err(|e| format!("cannot open the database (SESAM_DATABASE_URL): {e}"))?;
    db::migrate(&db).await.map_err(|e| format!("cannot migrate the database: {e}"))?;
    Ok(db)
}

/// `sesam explain-orders`: the plan of a page of the account's order list.
async fn explain_orders(
    db: &sea_orm::DatabaseConnection,
    email: &str,
    query: &str,
    analyze: bool,
) -> Result<String, crate::error::ApiError> {
    use crate::{entities::account, error::ApiError, orders::dto::OrderFilter, pagination::PageParams};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let normalized = crate::domain::Email::parse(email).map(|e| e.normalized()).unwrap_or_default();
    let account = account::Entity::find()
        .filter(account::Column::Email.eq(normalized))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::InvalidQuery(format!("no account with email {email}")))?;
    let caller = crate::auth::caller::load_caller(db, account.id, account.session_generation).await?;
    let filter = OrderFilter::from_query(query)?;
    let page = actix_web::web::Query::<PageParams>::from_query(query)
        .map_err(|e| ApiError::InvalidQuery(e.to_string()))?
        .into_inner();
    crate::orders::read::explain_list(db, &caller, &filter, &page, analyze).await
}

async fn serve(mut settings: Settings) -> Result<(), String> {
    let secret = match settings.jwt_secret.clone() {
        Some(s) => s,
        None => {
            log::warn!("SESAM_JWT_SECRET is not set: using a random secret; tokens die with this process");
            let random = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
            let secret = Secret::new(random);
            settings.jwt_secret = Some(secret.clone());
            secret
        }
    };
    if !settings.argon2.meets_owasp_minimum() {
        log::warn!("SESAM_ARGON2 is below OWASP's minimum (m=19456,t=2,p=1): use it for tests only");
    }
    // Cursors are signed with a key of the same secret, so that every replica accepts the others'.
    crate::pagination::init_cursor_key(secret.expose());
    let db = connect(&settings).await?;
    let passwords = Passwords::new(settings.argon2)?;
    bootstrap_admin(&db, &passwords, &settings).await?;
    // Delivers the outbox in the background; requests only ever write rows to it.
    let sender = crate::outbox::sender::spawn(db.clone(), &settings)?;
    // Tells orderers of end dates that are near, and revokes at passed ones; safe on every replica.
    let jobs = crate::holdings::job::spawn(db.clone(), &settings);
    // Delivers webhook messages in the background; a slow receiver never holds up a request.
    let webhooks = crate::webhooks::sender::spawn(db.clone(), &settings);
    let oidc = settings.oidc.clone().map(crate::auth::oidc::Provider::new).transpose()?;
    let state = AppState {
        oidc,
        db,
        jwt: JwtKeys::new(&secret, settings.token_ttl),
        passwords,
        login_throttle: LoginThrottle::new(
            settings.login_failure_window,
            settings.login_max_failures_per_account,
            settings.login_max_failures_per_client,
        ),
        settings,
    };
    let db = state.db.clone();
    let app = startup::build(state).map_err(|e| format!("cannot listen (SESAM_BIND): {e}"))?;
    // Tests and scripts read the address from this line.
    println!("sesam: listening on http://{}", app.local_addr);
    let _ = std::io::stdout().flush();
    // On SIGTERM or SIGINT actix stops accepting, lets requests in flight finish (up to its
    // shutdown timeout) and returns; then the background sender stops after its current email.
    let served = app.server.await.map_err(|e| format!("server error: {e}"));
    log::info!("sesam: the server has stopped; stopping background work");
    if let Some(sender) = sender {
        sender.stop(crate::outbox::sender::SMTP_TIMEOUT + std::time::Duration::from_secs(5)).await;
    }
    webhooks.stop(crate::webhooks::sender::TIMEOUT + std::time::Duration::from_secs(5)).await;
    if let Some(jobs) = jobs {
        jobs.stop(std::time::Duration::from_secs(30)).await;
    }
    let _ = db.close().await;
    log::info!("sesam: stopped");
    served
}

/// The first support account of a new installation, from `SESAM_BOOTSTRAP_ADMIN_*`: made when the
/// database has no active one, and never again; the password is never logged.
async fn bootstrap_admin(
    db: &sea_orm::DatabaseConnection,
    passwords: &Passwords,
    settings: &Settings,
) -> Result<(), String> {
    use seed::Bootstrap;
    let Some(admin) = &settings.bootstrap_admin else {
        if !seed::has_active_admin(db).await? {
            log::warn!(
                "there is no active support account, so nobody can administer Sesam: set \
                 SESAM_BOOTSTRAP_ADMIN_EMAIL and SESAM_BOOTSTRAP_ADMIN_PASSWORD, or run `sesam create-admin`"
            );
        }
        return Ok(());
    };
    let email = &admin.email;
    match seed::bootstrap_admin(db, passwords, email, admin.password.expose_str()).await {
        Ok(Bootstrap::Created) => {
            log::info!("created the support account {email} (SESAM_BOOTSTRAP_ADMIN_EMAIL)")
        }
        Ok(Bootstrap::NotNeeded) => log::info!(
            "SESAM_BOOTSTRAP_ADMIN_EMAIL is set, but there is an active support account: nothing made or \
             changed (the variables can go)"
        ),
        Ok(Bootstrap::EmailTaken) => log::warn!(
            "there is no active support account, and the account {email} (SESAM_BOOTSTRAP_ADMIN_EMAIL) \
             exists: it was left as it is; make a support account with `sesam create-admin`"
        ),
        Err(e) => return Err(format!("cannot make the support account of SESAM_BOOTSTRAP_ADMIN_EMAIL: {e}")),
    }
    Ok(())
}
