//! `sesam seed-bulk`: fills the database with a realistic synthetic municipality, fast, for
//! benchmarks and for trying Sesam at scale: providers with units, the catalogue, accounts
//! (orderers per provider, IT, support; one argon2 hash computed once and shared), and orders in
//! every status spread over years, with their units, their history and the holdings that the
//! completed ones made.
//!
//! On PostgreSQL everything is written in **one transaction**: the setup rows as plain inserts,
//! the big tables with `COPY … FROM STDIN`, fed by a generator thread. While the rows stream in,
//! the loaded tables' secondary indexes and foreign keys are dropped and afterwards recreated
//! from their own definitions as the catalogue held them (`pg_get_indexdef`,
//! `pg_get_constraintdef`), which validates every row once; a failure anywhere rolls all of it
//! back, schema included. Then `VACUUM (ANALYZE)`, so that the planner knows the data and
//! autovacuum does not start on it later. On SQLite the same rows go in with batched multi-row
//! inserts (slower, and fine).
//!
//! The orders are a pure function of their number and the seed (see [`synth`]), so each table's
//! pass over them sees the same orders without keeping them in memory.

pub mod copy;
pub mod synth;

use crate::{
    auth::password::Passwords,
    db,
    entities::{
        account, holding, holding_unit, order, order_history, order_unit, ordering_right, permission, provider, system,
        unit,
    },
};
use copy::Table;
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryTrait, TransactionTrait,
    sea_query::{InsertStatement, PostgresQueryBuilder},
    sqlx::{self, Acquire, AssertSqlSafe, postgres::PgConnection},
};
use std::{
    collections::{HashMap, HashSet},
    io::IsTerminal,
    sync::Arc,
    time::{Duration, Instant},
};
use synth::{HoldingRow, Holdings, OrderRow, Perm, Provider, References, Rng, World, date, utc};
use uuid::Uuid;

/// The password of every bulk account unless `--password` says otherwise.
pub const DEFAULT_PASSWORD: &str = "sesam-bulk-2026";
/// More orders than this would run out of distinct personal identity numbers.
pub const MAX_ORDERS: u64 = 10_000_000;

/// What to make.
#[derive(Clone, Debug)]
pub struct Options {
    pub orders: u64,
    /// Default: one per 5,000 orders, 3 to 200.
    pub providers: Option<usize>,
    /// How many years back the orders go.
    pub years: u32,
    pub password: String,
    pub seed: u64,
    /// Notify this many days before an end date (the end-date job's setting): holdings whose end
    /// date is that near are marked as already told.
    pub notice_days: u32,
}

/// What was made, and two accounts to log in with.
#[derive(Debug)]
pub struct Report {
    pub orders: u64,
    pub providers: usize,
    pub accounts: usize,
    pub rows: HashMap<&'static str, u64>,
    pub orderer_email: String,
    pub it_email: String,
    pub password: String,
    pub elapsed: Duration,
}

/// Fills the database; see the module's documentation.
pub async fn run(db: &DatabaseConnection, passwords: &Passwords, options: &Options) -> Result<Report, String> {
    if options.orders == 0 || options.orders > MAX_ORDERS {
        return Err(format!("--orders must be 1 to {MAX_ORDERS}"));
    }
    crate::domain::password::check_new_password("password", &options.password, None)
        .map_err(|e| format!("--password: {}", e.message_in(crate::domain::problems::Lang::En)))?;
    let started = Instant::now();
    let progress = Progress::new();
    progress.note("preparing providers, units, accounts and the catalogue");
    let hash = passwords.hash(&options.password).await.map_err(|e| e.to_string())?;
    let (world, setup) = plan(db, options, &hash).await?;
    let providers = world.providers.len();
    let mut rows = if db::is_postgres(db) {
        load_postgres(db, world, &setup, options, &progress).await?
    } else {
        load_sqlite(db, world, &setup, options, &progress).await?
    };
    rows.insert("providers", providers as u64);
    Ok(Report {
        orders: options.orders,
        providers,
        accounts: setup.accounts,
        rows,
        orderer_email: setup.orderer_email,
        it_email: setup.it_email,
        password: options.password.clone(),
        elapsed: started.elapsed(),
    })
}

/// The rows besides the orders, ready to insert, and who to log in as.
struct Setup {
    statements: Vec<InsertStatement>,
    accounts: usize,
    orderer_email: String,
    it_email: String,
}

/// Decides the providers, units, accounts and catalogue (reusing a catalogue system or permission
/// that already exists by name), and the shape of the orders.
async fn plan(db: &DatabaseConnection, options: &Options, hash: &str) -> Result<(World, Setup), String> {
    let err = |e: sea_orm::DbErr| e.to_string();
    let provider_count = options.providers.unwrap_or(((options.orders / 5_000) as usize).clamp(3, 200)).max(1);
    if provider::Entity::find()
        .filter(provider::Column::Name.eq(synth::provider_name(0)))
        .one(db)
        .await
        .map_err(err)?
        .is_some()
    {
        return Err(format!(
            "this database already holds bulk data ({} exists): seed-bulk fills a fresh database",
            synth::provider_name(0)
        ));
    }
    let now = chrono::Utc::now();
    let now_ms = now.timestamp_millis();
    let mut rng = Rng::new(synth::mix(options.seed ^ 0xC0FFEE));
    let mut statements = Vec::new();

    // The catalogue.
    let mut perms = Vec::new();
    let mut share = 0;
    for spec in &synth::SYSTEMS {
        let existing = system::Entity::find().filter(system::Column::Name.eq(spec.name)).one(db).await.map_err(err)?;
        let (system_id, required, allowed) = match existing {
            Some(s) => (s.id, s.required_fields, s.allowed_values),
            None => {
                let id = Uuid::now_v7();
                let required = match spec.required {
                    Some(field) => serde_json::json!([field]),
                    None => serde_json::json!([]),
                };
                let allowed = match spec.required {
                    Some(field) => serde_json::json!({ field: spec.values }),
                    None => serde_json::json!({}),
                };
                statements.push(
                    system::Entity::insert(system::ActiveModel {
                        id: Set(id),
                        name: Set(spec.name.into()),
                        description: Set(spec.description.into()),
                        required_fields: Set(required.clone()),
                        allowed_values: Set(allowed.clone()),
                        active: Set(true),
                        created_at: Set(now),
                        updated_at: Set(now),
                    })
                    .into_query(),
                );
                (id, required, allowed)
            }
        };
        let values_of = |field: &str, fallback: &[&str]| -> Vec<String> {
            let requires = required.as_array().is_some_and(|r| r.iter().any(|v| v.as_str() == Some(field)));
            if !requires {
                return Vec::new();
            }
            let allowed: Vec<String> = allowed
                .get(field)
                .and_then(|v| v.as_array())
                .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
                .unwrap_or_default();
            if allowed.is_empty() { fallback.iter().map(|s| (*s).to_owned()).collect() } else { allowed }
        };
        let lifecare_titles = values_of("lifecare_title", &crate::seed::LIFECARE_TITLES);
        let professions = values_of("profession", &crate::seed::COSMIC_PROFESSIONS);
        let mut system_perms = Vec::new();
        for (name, description) in spec.permissions {
            let existing = permission::Entity::find()
                .filter(permission::Column::SystemId.eq(system_id))
                .filter(permission::Column::Name.eq(*name))
                .one(db)
                .await
                .map_err(err)?;
            let id = match existing {
                Some(p) if p.active => p.id,
                Some(_) => continue,
                None => {
                    let id = Uuid::now_v7();
                    statements.push(
                        permission::Entity::insert(permission::ActiveModel {
                            id: Set(id),
                            system_id: Set(system_id),
                            name: Set((*name).into()),
                            description: Set((*description).into()),
                            active: Set(true),
                            created_at: Set(now),
                            updated_at: Set(now),
                        })
                        .into_query(),
                    );
                    id
                }
            };
            system_perms.push(Perm {
                id,
                system_id,
                lifecare_titles: lifecare_titles.clone(),
                professions: professions.clone(),
            });
        }
        if !system_perms.is_empty() {
            share += spec.share;
            perms.push((share, system_perms));
        }
    }

    // Providers, their units and staff; IT and support.
    let weights: Vec<u64> = (0..provider_count).map(synth::provider_weight).collect();
    let total_weight: u64 = weights.iter().sum();
    let mut emails = HashSet::new();
    // An account: its id, email and row.
    let mut new_account = |rng: &mut Rng,
                           domain: &str,
                           provider_id: Option<Uuid>,
                           is_admin: bool,
                           is_it: bool,
                           person: Option<u64>|
     -> (Uuid, String, account::ActiveModel) {
        let first = *rng.pick(&synth::FIRST_NAMES);
        let last = *rng.pick(&synth::LAST_NAMES);
        let base = format!("{}.{}", synth::ascii_slug(first), synth::ascii_slug(last));
        let mut email = format!("{base}@{domain}");
        let mut n = 1;
        while !emails.insert(email.clone()) {
            n += 1;
            email = format!("{base}{n}@{domain}");
        }
        let id = Uuid::now_v7();
        let row = account::ActiveModel {
            id: Set(id),
            email: Set(email.clone()),
            name: Set(format!("{first} {last}")),
            password_hash: Set(hash.to_owned()),
            provider_id: Set(provider_id),
            is_admin: Set(is_admin),
            is_it: Set(is_it),
            personal_number: Set(person.map(|p| synth::person(p).personal_number)),
            active: Set(true),
            session_generation: Set(0),
            created_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            last_seen_at: Set(None),
            dormant_notice_at: Set(None),
            personal_number_verified: Set(false),
        };
        (id, email, row)
    };
    let mut accounts = Vec::new();
    let mut next_account_person = synth::ACCOUNT_PEOPLE_FROM;
    let mut support_id = None;
    for _ in 0..2 {
        let (id, _, row) = new_account(&mut rng, "support.kommun.example", None, true, false, None);
        support_id.get_or_insert(id);
        accounts.push(row);
    }
    let mut it_ids = Vec::new();
    let mut it_email = String::new();
    for k in 0..12 {
        let (id, email, row) = new_account(&mut rng, "it.kommun.example", None, false, true, None);
        if k == 0 {
            it_email = email;
        }
        it_ids.push(id);
        accounts.push(row);
    }
    let mut orderer_email = String::new();
    let mut providers = Vec::new();
    let mut provider_rows = Vec::new();
    let mut unit_rows = Vec::new();
    let mut rights = Vec::new();
    for (i, weight) in weights.iter().enumerate() {
        let id = Uuid::now_v7();
        let name = synth::provider_name(i);
        let domain = format!("{}.example", synth::ascii_slug(&name));
        let expected_orders = options.orders as f64 * *weight as f64 / total_weight as f64;
        let unit_count = (2.0 + expected_orders / 2_500.0).clamp(2.0, 40.0) as usize;
        let orderer_count = 2 + (unit_count / 8).min(4);
        provider_rows.push(provider::ActiveModel {
            id: Set(id),
            name: Set(name.clone()),
            org_number: Set(Some(synth::org_number(i))),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
        });
        let mut units = Vec::new();
        for k in 0..unit_count {
            let (unit_name, code) = synth::unit_name(i, k);
            let unit_id = Uuid::now_v7();
            units.push(unit_id);
            unit_rows.push(unit::ActiveModel {
                id: Set(unit_id),
                provider_id: Set(id),
                name: Set(unit_name),
                code: Set(Some(code)),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
            });
        }
        let mut orderers = Vec::new();
        // The orderers, and one member of staff who has no ordering right.
        for k in 0..=orderer_count {
            next_account_person += 1;
            let (account_id, email, a) =
                new_account(&mut rng, &domain, Some(id), false, false, Some(next_account_person));
            if i == 0 && k == 0 {
                orderer_email = email;
            }
            if k < orderer_count {
                orderers.push(account_id);
                rights.push(ordering_right::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    provider_id: Set(id),
                    account_id: Set(account_id),
                    granted_at: Set(now),
                    granted_by: Set(support_id),
                    revoked_at: Set(None),
                    revoked_by: Set(None),
                });
            }
            accounts.push(a);
        }
        providers.push(Provider { id, name, domain, units, orderers });
    }
    let account_count = accounts.len();
    for chunk in provider_rows.chunks(500) {
        statements.push(provider::Entity::insert_many(chunk.to_vec()).into_query());
    }
    for chunk in unit_rows.chunks(500) {
        statements.push(unit::Entity::insert_many(chunk.to_vec()).into_query());
    }
    for chunk in accounts.chunks(500) {
        statements.push(account::Entity::insert_many(chunk.to_vec()).into_query());
    }
    for chunk in rights.chunks(500) {
        statements.push(ordering_right::Entity::insert_many(chunk.to_vec()).into_query());
    }

    let mut cumulative = Vec::with_capacity(weights.len());
    let mut sum = 0;
    for w in &weights {
        sum += w;
        cumulative.push(sum);
    }
    let start_ms = now_ms - i64::from(options.years.max(1)) * 365 * synth::DAY_MS - 6 * synth::HOUR_MS;
    let world = World {
        seed: options.seed,
        orders: options.orders,
        providers,
        cumulative,
        perms,
        it: it_ids,
        start_ms,
        now_ms,
        pool: (options.orders / 3).max(2_000),
        reference_base: HashMap::new(),
    };
    if world.perms.is_empty() {
        return Err("the catalogue has no active permission to order".into());
    }
    Ok((world, Setup { statements, accounts: account_count, orderer_email, it_email }))
}

/// Shows how far the load has come: a progress bar on a terminal, a line per step otherwise.
struct Progress {
    tty: bool,
    bar: std::sync::Mutex<Option<ProgressBar>>,
    started: Instant,
}

impl Progress {
    fn new() -> Progress {
        Progress { tty: std::io::stderr().is_terminal(), bar: std::sync::Mutex::new(None), started: Instant::now() }
    }

    /// A step without a count.
    fn note(&self, what: &str) {
        self.finish_bar();
        if self.tty {
            let bar = ProgressBar::new_spinner();
            bar.set_style(ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}").expect("template"));
            bar.set_message(what.to_owned());
            bar.enable_steady_tick(Duration::from_millis(120));
            *self.bar.lock().expect("progress") = Some(bar);
        } else {
            eprintln!("sesam: [{:>5.1}s] {what}", self.started.elapsed().as_secs_f64());
        }
    }

    /// A step of `total` things.
    fn start(&self, what: &str, total: u64) {
        self.finish_bar();
        if self.tty && total == 0 {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{msg:>14} [{elapsed_precise}] {spinner} {human_pos} ({rate})")
                    .expect("template")
                    .with_key("rate", rate),
            );
            bar.set_message(what.to_owned());
            bar.enable_steady_tick(Duration::from_millis(120));
            *self.bar.lock().expect("progress") = Some(bar);
        } else if self.tty {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template(
                    "{msg:>14} [{elapsed_precise}] {wide_bar} {human_pos}/{human_len} ({rate}, {eta})",
                )
                .expect("template")
                .with_key("rate", rate),
            );
            bar.set_message(what.to_owned());
            *self.bar.lock().expect("progress") = Some(bar);
        } else {
            eprintln!("sesam: [{:>5.1}s] {what}", self.started.elapsed().as_secs_f64());
        }
    }

    fn inc(&self, n: u64) {
        if let Some(bar) = self.bar.lock().expect("progress").as_ref() {
            bar.inc(n);
        }
    }

    fn finish_bar(&self) {
        if let Some(bar) = self.bar.lock().expect("progress").take() {
            bar.finish();
        }
    }

    fn done(&self) {
        self.finish_bar();
    }
}

/// The progress bars' `{rate}`: whole things per second.
fn rate(state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write) {
    let _ = write!(w, "{}/s", indicatif::HumanCount(state.per_sec() as u64));
}

/// A piece of COPY data for the table being loaded, and how many orders it covers.
enum Chunk {
    Data(Vec<u8>, u64),
    /// The table is complete; the counters' values after the orders (sent after `orders`).
    End(Option<Vec<(i32, i64)>>),
}

const CHUNK_BYTES: usize = 1 << 20;

/// Generates each table's COPY data in turn, on a thread of its own.
fn generate(world: Arc<World>, notice_days: i64, tx: tokio::sync::mpsc::Sender<Chunk>) {
    // The holdings need every order first: worked out during the first pass (two cores are all
    // there may be: the database takes one, this thread the other).
    let mut holdings = Holdings::new(world.seed);
    for table in [Table::Orders, Table::OrderUnits, Table::OrderHistory] {
        let mut refs = References::new(&world);
        let mut buf = Vec::with_capacity(CHUNK_BYTES + 4096);
        let mut pending = 0;
        for i in 0..world.orders {
            let o = world.order(i, &mut refs);
            if table == Table::Orders {
                holdings.feed(&world, &o);
            }
            copy::order_rows(table, &o, &world.providers, &mut buf);
            pending += 1;
            if buf.len() >= CHUNK_BYTES {
                let full = std::mem::replace(&mut buf, Vec::with_capacity(CHUNK_BYTES + 4096));
                if tx.blocking_send(Chunk::Data(full, pending)).is_err() {
                    return;
                }
                pending = 0;
            }
        }
        if tx.blocking_send(Chunk::Data(buf, pending)).is_err() {
            return;
        }
        let counters = (table == Table::Orders).then(|| refs.counters());
        if tx.blocking_send(Chunk::End(counters)).is_err() {
            return;
        }
    }
    let holdings = holdings.finish(&world, notice_days);
    for table in [Table::Holdings, Table::HoldingUnits] {
        let mut buf = Vec::with_capacity(CHUNK_BYTES + 4096);
        let mut pending = 0;
        for h in &holdings {
            copy::holding_rows(table, h, &mut buf);
            pending += 1;
            if buf.len() >= CHUNK_BYTES {
                let full = std::mem::replace(&mut buf, Vec::with_capacity(CHUNK_BYTES + 4096));
                if tx.blocking_send(Chunk::Data(full, pending)).is_err() {
                    return;
                }
                pending = 0;
            }
        }
        if tx.blocking_send(Chunk::Data(buf, pending)).is_err() || tx.blocking_send(Chunk::End(None)).is_err() {
            return;
        }
    }
}

/// The loaded tables' secondary indexes and foreign keys, as the catalogue defines them.
struct Schema {
    /// (index name, `CREATE INDEX …`)
    indexes: Vec<(String, String)>,
    /// (table, constraint name, definition)
    foreign_keys: Vec<(String, String, String)>,
}

fn table_list() -> String {
    Table::ALL.iter().map(|t| format!("'{}'::regclass", t.name())).collect::<Vec<_>>().join(", ")
}

async fn capture_schema(conn: &mut PgConnection) -> Result<Schema, sqlx::Error> {
    let tables = table_list();
    let indexes: Vec<(String, String)> = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT quote_ident(ci.relname), pg_get_indexdef(i.indexrelid) \
         FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid \
         WHERE i.indrelid IN ({tables}) AND NOT i.indisprimary \
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) \
         ORDER BY ci.relname"
    )))
    .fetch_all(&mut *conn)
    .await?;
    let foreign_keys: Vec<(String, String, String)> = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT quote_ident(cl.relname), quote_ident(c.conname), pg_get_constraintdef(c.oid) \
         FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid \
         WHERE c.contype = 'f' AND c.conrelid IN ({tables}) ORDER BY cl.relname, c.conname"
    )))
    .fetch_all(&mut *conn)
    .await?;
    Ok(Schema { indexes, foreign_keys })
}

async fn execute(conn: &mut PgConnection, sql: &str) -> Result<(), String> {
    sqlx::raw_sql(AssertSqlSafe(sql.to_owned())).execute(conn).await.map(|_| ()).map_err(|e| format!("{sql}: {e}"))
}

async fn load_postgres(
    db: &DatabaseConnection,
    mut world: World,
    setup: &Setup,
    options: &Options,
    progress: &Progress,
) -> Result<HashMap<&'static str, u64>, String> {
    let pool = db.get_postgres_connection_pool();
    let mut conn = pool.acquire().await.map_err(|e| e.to_string())?;
    let mut tx = conn.begin().await.map_err(|e| e.to_string())?;
    for sql in [
        "SET LOCAL maintenance_work_mem = '512MB'",
        // The foreign keys are checked with joins against the referenced tables (orders among them).
        "SET LOCAL work_mem = '256MB'",
        // Only this transaction: should the machine fail before it is on disk, the seed is simply not there.
        "SET LOCAL synchronous_commit = off",
        // References are handed out from the counters: nobody else may take one meanwhile.
        "LOCK TABLE order_reference_counters IN EXCLUSIVE MODE",
    ] {
        execute(&mut tx, sql).await?;
    }
    for statement in &setup.statements {
        execute(&mut tx, &statement.to_string(PostgresQueryBuilder)).await?;
    }
    let counters: Vec<(i32, i64)> = sqlx::query_as("SELECT year, last_number FROM order_reference_counters")
        .fetch_all(&mut *tx)
        .await
        .map_err(|e| e.to_string())?;
    world.reference_base = counters.into_iter().collect();
    let world = Arc::new(world);

    let schema = capture_schema(&mut tx).await.map_err(|e| e.to_string())?;
    for (table, name, _) in &schema.foreign_keys {
        execute(&mut tx, &format!("ALTER TABLE {table} DROP CONSTRAINT {name}")).await?;
    }
    for (name, _) in &schema.indexes {
        execute(&mut tx, &format!("DROP INDEX {name}")).await?;
    }

    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Chunk>(8);
    let generator = {
        let world = world.clone();
        let notice_days = i64::from(options.notice_days);
        std::thread::spawn(move || generate(world, notice_days, sender))
    };
    let mut rows = HashMap::new();
    let mut counters = Vec::new();
    for table in Table::ALL {
        let total = match table {
            Table::Orders | Table::OrderUnits | Table::OrderHistory => world.orders,
            // Not known until the generator has worked them out; the bar shows what it has.
            Table::Holdings | Table::HoldingUnits => 0,
        };
        progress.start(table.label(), total);
        let mut copy = tx.copy_in_raw(&table.copy_statement()).await.map_err(|e| e.to_string())?;
        loop {
            match receiver.recv().await {
                Some(Chunk::Data(data, n)) => {
                    if let Err(e) = copy.send(data).await {
                        let _ = copy.abort("failed").await;
                        return Err(format!("COPY {}: {e}", table.name()));
                    }
                    progress.inc(n);
                }
                Some(Chunk::End(c)) => {
                    if let Some(c) = c {
                        counters = c;
                    }
                    break;
                }
                None => {
                    let _ = copy.abort("the generator stopped").await;
                    return Err("the generator stopped early".into());
                }
            }
        }
        let n = copy.finish().await.map_err(|e| format!("COPY {}: {e}", table.name()))?;
        rows.insert(table.name(), n);
    }
    let _ = generator.join();

    progress.start("indexes", schema.indexes.len() as u64);
    for (_, definition) in &schema.indexes {
        execute(&mut tx, definition).await?;
        progress.inc(1);
    }
    progress.start("foreign keys", schema.foreign_keys.len() as u64);
    for (table, name, definition) in &schema.foreign_keys {
        // Checks every row once.
        execute(&mut tx, &format!("ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")).await?;
        progress.inc(1);
    }
    for (year, last) in &counters {
        execute(
            &mut tx,
            &format!(
                "INSERT INTO order_reference_counters (year, last_number) VALUES ({year}, {last}) \
                 ON CONFLICT (year) DO UPDATE SET last_number = \
                 GREATEST(order_reference_counters.last_number, EXCLUDED.last_number)"
            ),
        )
        .await?;
    }
    progress.note("committing");
    tx.commit().await.map_err(|e| e.to_string())?;

    progress.note("VACUUM (ANALYZE): the planner's statistics and the visibility map");
    let names = Table::ALL.map(Table::name).join(", ");
    execute(&mut conn, &format!("VACUUM (ANALYZE) {names}")).await?;
    execute(&mut conn, "ANALYZE").await?;
    progress.done();
    Ok(rows)
}

async fn load_sqlite(
    db: &DatabaseConnection,
    mut world: World,
    setup: &Setup,
    options: &Options,
    progress: &Progress,
) -> Result<HashMap<&'static str, u64>, String> {
    let err = |e: sea_orm::DbErr| e.to_string();
    let txn = db.begin().await.map_err(err)?;
    for statement in &setup.statements {
        txn.execute(statement).await.map_err(err)?;
    }
    let counters: Vec<(i32, i64)> = txn
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT year, last_number FROM order_reference_counters",
        ))
        .await
        .map_err(err)?
        .iter()
        .map(|r| Ok((r.try_get::<i32>("", "year")?, r.try_get::<i64>("", "last_number")?)))
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(err)?;
    world.reference_base = counters.into_iter().collect();
    txn.commit().await.map_err(err)?;

    progress.start("orders", world.orders);
    let mut refs = References::new(&world);
    let mut holdings = Holdings::new(world.seed);
    let mut rows: HashMap<&'static str, u64> = HashMap::new();
    let batch = 500u64;
    let mut i = 0;
    while i < world.orders {
        let end = (i + batch).min(world.orders);
        let orders: Vec<OrderRow<'_>> = (i..end).map(|k| world.order(k, &mut refs)).collect();
        for o in &orders {
            holdings.feed(&world, o);
        }
        let txn = db.begin().await.map_err(err)?;
        insert_orders(&txn, &world, &orders, &mut rows).await.map_err(err)?;
        txn.commit().await.map_err(err)?;
        progress.inc(end - i);
        i = end;
    }
    let all = holdings.finish(&world, i64::from(options.notice_days));
    progress.start("holdings", all.len() as u64);
    for chunk in all.chunks(500) {
        let txn = db.begin().await.map_err(err)?;
        insert_holdings(&txn, chunk, &mut rows).await.map_err(err)?;
        txn.commit().await.map_err(err)?;
        progress.inc(chunk.len() as u64);
    }
    let txn = db.begin().await.map_err(err)?;
    for (year, last) in refs.counters() {
        txn.execute_unprepared(&format!(
            "INSERT INTO order_reference_counters (year, last_number) VALUES ({year}, {last}) \
             ON CONFLICT (year) DO UPDATE SET last_number = max(last_number, excluded.last_number)"
        ))
        .await
        .map_err(err)?;
    }
    txn.commit().await.map_err(err)?;
    progress.note("ANALYZE");
    db.execute_unprepared("ANALYZE").await.map_err(err)?;
    progress.done();
    Ok(rows)
}

async fn insert_orders(
    db: &impl ConnectionTrait,
    world: &World,
    orders: &[OrderRow<'_>],
    rows: &mut HashMap<&'static str, u64>,
) -> Result<(), sea_orm::DbErr> {
    let models = orders.iter().map(|o| order::ActiveModel {
        id: Set(o.id),
        reference: Set(o.reference.clone()),
        kind: Set(o.kind.as_str().into()),
        status: Set(o.status.as_str().into()),
        provider_id: Set(world.providers[o.provider].id),
        permission_id: Set(o.permission.id),
        system_id: Set(o.permission.system_id),
        first_name: Set(o.first_name.into()),
        last_name: Set(o.last_name.into()),
        personal_number: Set(o.personal_number.clone()),
        email: Set(o.email.clone()),
        phone: Set(o.phone.clone()),
        lifecare_title: Set(o.lifecare_title.map(str::to_owned)),
        profession: Set(o.profession.map(str::to_owned)),
        justification: Set(None),
        expert_user: Set(o.expert_user),
        valid_to: Set(o.valid_to.map(date)),
        comment: Set(o.comment.map(str::to_owned)),
        search_text: Set(o.search_text.clone()),
        created_by: Set(Some(o.created_by)),
        created_at: Set(utc(o.created_at)),
        updated_at: Set(utc(o.updated_at)),
        submitted_by: Set(o.submitted_by),
        submitted_at: Set(o.submitted_at.map(utc)),
        taken_by: Set(o.taken_by),
        taken_at: Set(o.taken_at.map(utc)),
        completed_by: Set(o.completed_by),
        completed_at: Set(o.completed_at.map(utc)),
        account_name: Set(o.account_name.clone()),
        reject_reason: Set(o.reject_reason.map(str::to_owned)),
        return_question: Set(o.return_question.map(str::to_owned)),
        returned_by: Set(None),
        returned_at: Set(None),
        copied_from: Set(None),
        version: Set(o.version()),
    });
    order::Entity::insert_many(models).exec_without_returning(db).await?;
    let units: Vec<order_unit::ActiveModel> = orders
        .iter()
        .flat_map(|o| o.units.iter().map(|u| order_unit::ActiveModel { order_id: Set(o.id), unit_id: Set(*u) }))
        .collect();
    let history: Vec<order_history::ActiveModel> = orders
        .iter()
        .flat_map(|o| {
            o.history.iter().map(|s| order_history::ActiveModel {
                id: Set(s.id),
                order_id: Set(o.id),
                at: Set(utc(s.at)),
                actor_id: Set(s.actor),
                action: Set(s.action.as_str().into()),
                from_status: Set(s.from.map(|f| f.as_str().to_owned())),
                to_status: Set(s.to.as_str().into()),
                note: Set(s.note.map(str::to_owned)),
            })
        })
        .collect();
    *rows.entry("orders").or_default() += orders.len() as u64;
    *rows.entry("order_units").or_default() += units.len() as u64;
    *rows.entry("order_history").or_default() += history.len() as u64;
    for chunk in units.chunks(1_000) {
        order_unit::Entity::insert_many(chunk.to_vec()).exec_without_returning(db).await?;
    }
    for chunk in history.chunks(1_000) {
        order_history::Entity::insert_many(chunk.to_vec()).exec_without_returning(db).await?;
    }
    Ok(())
}

async fn insert_holdings(
    db: &impl ConnectionTrait,
    holdings: &[HoldingRow],
    rows: &mut HashMap<&'static str, u64>,
) -> Result<(), sea_orm::DbErr> {
    let models = holdings.iter().map(|h| {
        let who = synth::person(h.person);
        holding::ActiveModel {
            id: Set(h.id),
            provider_id: Set(h.provider_id),
            permission_id: Set(h.permission_id),
            system_id: Set(h.system_id),
            first_name: Set(who.first_name.into()),
            last_name: Set(who.last_name.into()),
            search_text: Set(crate::holdings::effects::search_text(who.first_name, who.last_name, h.email.as_deref())),
            personal_number: Set(who.personal_number),
            email: Set(h.email.clone()),
            since: Set(utc(h.since)),
            valid_to: Set(h.valid_to.map(date)),
            source_order_id: Set(h.source_order_id),
            latest_order_id: Set(h.latest_order_id),
            ended_at: Set(h.ended_at.map(utc)),
            ended_by: Set(h.ended_by),
            ended_by_order_id: Set(h.ended_by_order_id),
            notice_sent_at: Set(h.notice_sent_at.map(utc)),
            expiry_handled_at: Set(None),
            expiry_order_id: Set(None),
            justification: Set(None),
            created_at: Set(utc(h.since)),
            updated_at: Set(utc(h.updated_at)),
        }
    });
    holding::Entity::insert_many(models).exec_without_returning(db).await?;
    let units: Vec<holding_unit::ActiveModel> = holdings
        .iter()
        .flat_map(|h| h.units.iter().map(|u| holding_unit::ActiveModel { holding_id: Set(h.id), unit_id: Set(*u) }))
        .collect();
    *rows.entry("holdings").or_default() += holdings.len() as u64;
    *rows.entry("holding_units").or_default() += units.len() as u64;
    for chunk in units.chunks(1_000) {
        holding_unit::Entity::insert_many(chunk.to_vec()).exec_without_returning(db).await?;
    }
    Ok(())
}
