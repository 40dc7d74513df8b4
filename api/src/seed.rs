//! `create-admin` and `seed-demo`: a realistic demo from the municipality's world (fictitious
//! providers, realistic Swedish titles and professions, orders in every status). Every demo login
//! uses [`DEMO_PASSWORD`].

use crate::{
    auth::{Caller, caller::load_caller, password::Passwords},
    domain::{Email, OrderKind, PersonalNumber, Transition},
    entities::{
        account, expert_user, holding, order, ordering_right, ordering_right_request, permission, provider, system,
        unit,
    },
    error::{ApiError, FieldErrors},
    notifications::{
        dto::NotificationKind,
        service::{Notice, notify},
    },
    orders::{
        self,
        dto::{CreateOrder, SubjectInput},
        transition::TransitionInput,
    },
    wire::OnePermission,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "sesam-demo-2026";

/// Titles for Lifecare (Titel för Lifecare).
pub const LIFECARE_TITLES: [&str; 15] = [
    "Undersköterska",
    "Vårdbiträde",
    "Stödassistent",
    "Stödpedagog",
    "Sjuksköterska",
    "Arbetsterapeut",
    "Fysioterapeut",
    "Biståndshandläggare",
    "Avgiftshandläggare",
    "Koordinator",
    "Administratör",
    "Arbetsledare",
    "Enhetschef",
    "Verksamhetschef",
    "Trygghetslarmansvarig",
];

/// Professions for Cosmic Link.
pub const COSMIC_PROFESSIONS: [&str; 10] = [
    "Sjuksköterska",
    "Distriktssköterska",
    "Undersköterska",
    "Arbetsterapeut",
    "Fysioterapeut",
    "Läkare",
    "Dietist",
    "Logoped",
    "Biståndshandläggare",
    "Enhetschef",
];

/// Creates a support account.
pub async fn create_admin(
    db: &DatabaseConnection,
    passwords: &Passwords,
    email: &str,
    password: &str,
    name: &str,
) -> Result<(), String> {
    let email = Email::parse(email).ok_or("--email is not a valid email address")?.normalized();
    crate::domain::password::check_new_password("password", password, Some(&email))
        .map_err(|e| format!("--password: {}", e.message_in(crate::domain::problems::Lang::En)))?;
    if account::Entity::find()
        .filter(account::Column::Email.eq(email.clone()))
        .one(db)
        .await
        .map_err(|e| e.to_string())?
        .is_some()
    {
        return Err(format!("an account with email {email} already exists"));
    }
    let hash = passwords.hash(password).await.map_err(|e| e.to_string())?;
    let account =
        NewAccount { email: &email, name, provider_id: None, is_admin: true, is_it: false, personal_number: None };
    account.insert(db, &hash).await.map_err(|e| e.to_string())?;
    Ok(())
}

/// What `sesam serve` found and did about the bootstrap support account.
#[derive(Debug, PartialEq, Eq)]
pub enum Bootstrap {
    /// There was no active support account: this one was made.
    Created,
    /// There is an active support account: nothing was made or changed.
    NotNeeded,
    /// There is no active support account, but an account has the email: it was left as it is.
    EmailTaken,
}

/// Whether the database has an active support account (anyone who can make the others).
pub async fn has_active_admin(db: &DatabaseConnection) -> Result<bool, String> {
    let count = account::Entity::find()
        .filter(account::Column::IsAdmin.eq(true))
        .filter(account::Column::Active.eq(true))
        .count(db)
        .await
        .map_err(|e| e.to_string())?;
    Ok(count > 0)
}

/// Makes the support account `email` when the database has no active one, so that a new
/// installation can be signed in to; never changes an existing account. Safe for replicas starting
/// together: the unique email lets one of them make it.
pub async fn bootstrap_admin(
    db: &DatabaseConnection,
    passwords: &Passwords,
    email: &str,
    password: &str,
) -> Result<Bootstrap, String> {
    if has_active_admin(db).await? {
        return Ok(Bootstrap::NotNeeded);
    }
    let taken =
        account::Entity::find().filter(account::Column::Email.eq(email)).count(db).await.map_err(|e| e.to_string())?;
    if taken > 0 {
        return Ok(Bootstrap::EmailTaken);
    }
    let hash = passwords.hash(password).await.map_err(|e| e.to_string())?;
    let account =
        NewAccount { email, name: "Support", provider_id: None, is_admin: true, is_it: false, personal_number: None };
    match account.insert(db, &hash).await {
        Ok(_) => Ok(Bootstrap::Created),
        // Another process starting at the same time made it first.
        Err(_) if has_active_admin(db).await? => Ok(Bootstrap::NotNeeded),
        Err(e) => Err(e.to_string()),
    }
}

/// An account to insert.
struct NewAccount<'a> {
    email: &'a str,
    name: &'a str,
    provider_id: Option<Uuid>,
    is_admin: bool,
    is_it: bool,
    personal_number: Option<&'a str>,
}

impl NewAccount<'_> {
    async fn insert(
        &self,
        db: &impl sea_orm::ConnectionTrait,
        password_hash: &str,
    ) -> Result<account::Model, sea_orm::DbErr> {
        let now = chrono::Utc::now();
        account::ActiveModel {
            id: Set(Uuid::now_v7()),
            email: Set(self.email.to_lowercase()),
            name: Set(self.name.to_owned()),
            password_hash: Set(password_hash.to_owned()),
            provider_id: Set(self.provider_id),
            is_admin: Set(self.is_admin),
            is_it: Set(self.is_it),
            personal_number: Set(self.personal_number.and_then(PersonalNumber::parse).map(|p| p.as_str().to_owned())),
            active: Set(true),
            session_generation: Set(0),
            created_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            last_seen_at: Set(None),
            dormant_notice_at: Set(None),
            personal_number_verified: Set(false),
        }
        .insert(db)
        .await
    }
}

/// The demo's providers: name, organisation number, units (name, code).
const PROVIDERS: [(&str, &str, &[(&str, &str)]); 3] = [
    (
        "Omsorg Nord AB",
        "556677-8899",
        &[
            ("Boende Linden", "ON-101"),
            ("Boende Eken", "ON-102"),
            ("Hemtjänst Gränby", "ON-201"),
            ("Hemtjänst Sävja", "ON-202"),
        ],
    ),
    (
        "Hemtjänst Syd Ekonomisk förening",
        "769612-3456",
        &[("Hemtjänst Gottsunda", "HS-01"), ("Hemtjänst Sunnersta", "HS-02")],
    ),
    (
        "Vård & Trygghet i Uppland AB",
        "559123-4560",
        &[
            ("Korttidsboende Flogsta", "VT-10"),
            ("Dagverksamhet Luthagen", "VT-20"),
            ("Servicebostad Kvarngärdet", "VT-30"),
        ],
    ),
];

/// The demo's accounts: email, name, provider index (none for support and IT), admin, IT,
/// orderer, personal number.
const ACCOUNTS: [(&str, &str, Option<usize>, bool, bool, bool, Option<&str>); 9] = [
    ("support@kommun.example", "Vof Support", None, true, false, false, None),
    ("it@kommun.example", "Ingrid Tekniker", None, false, true, false, None),
    ("it2@kommun.example", "Tomas Driftsson", None, false, true, false, None),
    ("anna.lind@omsorgnord.example", "Anna Lind", Some(0), false, false, true, Some("19800412-2381")),
    ("erik.holm@omsorgnord.example", "Erik Holm", Some(0), false, false, true, Some("19751103-5714")),
    ("lisa.berg@omsorgnord.example", "Lisa Berg", Some(0), false, false, false, None),
    ("sara.nilsson@hemtjanstsyd.example", "Sara Nilsson", Some(1), false, false, true, None),
    ("johan.ek@vardtrygghet.example", "Johan Ek", Some(2), false, false, true, None),
    ("maria.sjoberg@vardtrygghet.example", "Maria Sjöberg", Some(2), false, false, true, None),
];

/// The demo's expert users: provider index, system index (Lifecare, Cosmic Link, Siebel), first
/// name, last name, email.
const EXPERT_USERS: [(usize, usize, &str, &str, &str); 4] = [
    (0, 0, "Karin", "Berg", "karin.berg@omsorgnord.example"),
    (0, 1, "Ahmed", "Hassan", "ahmed.hassan@omsorgnord.example"),
    (0, 0, "Ahmed", "Hassan", "ahmed.hassan@omsorgnord.example"),
    (1, 0, "Eva", "Lund", "eva.lund@hemtjanstsyd.example"),
];

/// Fills an empty database with the demo, and the demo's orders when there are no orders yet;
/// does nothing that is already there.
pub async fn seed_demo(db: &DatabaseConnection, passwords: &Passwords) -> Result<String, String> {
    let base = seed_demo_base(db, passwords).await?;
    let orders = seed_demo_orders(db).await?;
    let reviews = crate::reviews::demo::seed_demo_reviews(db, ACCOUNTS[0].0).await?;
    Ok(format!("{base}; {orders}; {reviews}"))
}

/// Providers, units, the catalogue and accounts; nothing when the demo's support account exists.
async fn seed_demo_base(db: &DatabaseConnection, passwords: &Passwords) -> Result<String, String> {
    let err = |e: sea_orm::DbErr| e.to_string();
    if account::Entity::find().filter(account::Column::Email.eq(ACCOUNTS[0].0)).one(db).await.map_err(err)?.is_some() {
        return Ok("the demo data is already there".into());
    }
    // One hash for every demo account: they share the demo password anyway.
    let hash = passwords.hash(DEMO_PASSWORD).await.map_err(|e| e.to_string())?;
    let now = chrono::Utc::now();
    let txn = db.begin().await.map_err(err)?;

    let systems = [
        (
            "Lifecare",
            "Verksamhetssystem för socialtjänst och omsorg: dokumentation, planering och beslut.",
            json!(["lifecare_title"]),
            json!({"lifecare_title": LIFECARE_TITLES}),
        ),
        (
            "Cosmic Link",
            "Samordnad vård- och omsorgsplanering mellan region och kommun: utskrivningsplanering och meddelanden.",
            json!(["profession"]),
            json!({"profession": COSMIC_PROFESSIONS}),
        ),
        ("Siebel", "Äldre ärendesystem. Konton låses efter sex månader utan inloggning.", json!([]), json!({})),
    ];
    let mut system_ids = Vec::new();
    for (name, description, required, allowed) in systems {
        let m = system::ActiveModel {
            id: Set(Uuid::now_v7()),
            name: Set(name.into()),
            description: Set(description.into()),
            required_fields: Set(required),
            allowed_values: Set(allowed),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await
        .map_err(err)?;
        system_ids.push(m.id);
    }
    let permissions = [
        (0, "Utförare – läsa", "Läsa planer och dokumentation för enhetens brukare."),
        (0, "Utförare – dokumentera", "Läsa samt skriva social dokumentation och tidsrapporter."),
        (0, "Utförare – planera", "Som ovan, samt planera besök och personal för enheten."),
        (0, "Hälso- och sjukvård – dokumentera", "Hälso- och sjukvårdsjournal för legitimerad personal."),
        (0, "Enhetschef", "All planering, uppföljning och alla rapporter för enheten."),
        (1, "Samordnad vårdplanering – läsa", "Läsa utskrivningsplanering och vårdplaner."),
        (1, "Samordnad vårdplanering – skriva", "Delta i utskrivningsplanering, skriva planer och meddelanden."),
        (2, "Handläggare", "Ärendehandläggning i Siebel."),
    ];
    for (system, name, description) in permissions {
        permission::ActiveModel {
            id: Set(Uuid::now_v7()),
            system_id: Set(system_ids[system]),
            name: Set(name.into()),
            description: Set(description.into()),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await
        .map_err(err)?;
    }
    let mut provider_ids = Vec::new();
    for (name, org_number, units) in PROVIDERS {
        let p = provider::ActiveModel {
            id: Set(Uuid::now_v7()),
            name: Set(name.into()),
            org_number: Set(Some(org_number.into())),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await
        .map_err(err)?;
        for (unit_name, code) in units {
            unit::ActiveModel {
                id: Set(Uuid::now_v7()),
                provider_id: Set(p.id),
                name: Set((*unit_name).into()),
                code: Set(Some((*code).into())),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await
            .map_err(err)?;
        }
        provider_ids.push(p.id);
    }
    let mut support_id = None;
    let mut account_ids = std::collections::HashMap::new();
    for (email, name, provider, is_admin, is_it, orderer, personal_number) in ACCOUNTS {
        let provider_id = provider.map(|i| provider_ids[i]);
        let account = NewAccount { email, name, provider_id, is_admin, is_it, personal_number }
            .insert(&txn, &hash)
            .await
            .map_err(err)?;
        if is_admin {
            support_id = Some(account.id);
        }
        account_ids.insert(email, account.id);
        if orderer && let Some(provider_id) = provider_id {
            ordering_right::ActiveModel {
                id: Set(Uuid::now_v7()),
                provider_id: Set(provider_id),
                account_id: Set(account.id),
                granted_at: Set(now),
                granted_by: Set(support_id),
                revoked_at: Set(None),
                revoked_by: Set(None),
            }
            .insert(&txn)
            .await
            .map_err(err)?;
        }
    }
    // Omsorg Nord has two orderers and expert users (compliant); Hemtjänst Syd has an expert user
    // but one orderer; Vård & Trygghet has two orderers and no expert user.
    for (provider, system, first_name, last_name, email) in EXPERT_USERS {
        expert_user::ActiveModel {
            id: Set(Uuid::now_v7()),
            provider_id: Set(provider_ids[provider]),
            system_id: Set(system_ids[system]),
            first_name: Set(first_name.into()),
            last_name: Set(last_name.into()),
            email: Set(email.into()),
            personal_number: Set(None),
            source_order_id: Set(None),
            registered_by: Set(support_id),
            registered_at: Set(now),
            ended_at: Set(None),
            ended_by: Set(None),
            end_order_id: Set(None),
        }
        .insert(&txn)
        .await
        .map_err(err)?;
    }
    // Lisa Berg asks for an ordering right; Omsorg Nord's orderers are told.
    let lisa = account_ids.get("lisa.berg@omsorgnord.example").copied().ok_or("no demo account for Lisa Berg")?;
    let message = "Jag är ny samordnare på Hemtjänst Gränby och behöver beställa behörigheter åt nyanställda.";
    ordering_right_request::ActiveModel {
        id: Set(Uuid::now_v7()),
        provider_id: Set(provider_ids[0]),
        account_id: Set(lisa),
        message: Set(Some(message.into())),
        status: Set("pending".into()),
        created_at: Set(now),
        decided_at: Set(None),
        decided_by: Set(None),
        decline_reason: Set(None),
        ordering_right_id: Set(None),
    }
    .insert(&txn)
    .await
    .map_err(err)?;
    let orderers: Vec<Uuid> = ["anna.lind@omsorgnord.example", "erik.holm@omsorgnord.example"]
        .iter()
        .filter_map(|e| account_ids.get(e).copied())
        .collect();
    let notice = Notice {
        kind: NotificationKind::OrderingRightRequested,
        order_id: None,
        title: format!("Lisa Berg ber om beställningsrätt för {}", PROVIDERS[0].0),
        body: format!(
            "Lisa Berg (lisa.berg@omsorgnord.example) ber om beställningsrätt för {}.\n\nMeddelande:\n{message}\n\n\
Bevilja eller avslå begäran under Beställningsrätt i Sesam.",
            PROVIDERS[0].0
        ),
    };
    notify(&txn, &orderers, &notice).await.map_err(|e| e.to_string())?;
    txn.commit().await.map_err(err)?;
    Ok(format!(
        "seeded the demo: {} providers, {} systems, {} permissions, {} accounts (password {DEMO_PASSWORD}), \
{} expert users, 1 open request for an ordering right",
        PROVIDERS.len(),
        system_ids.len(),
        permissions.len(),
        ACCOUNTS.len(),
        EXPERT_USERS.len()
    ))
}

/// One demo order: who saves it, for whom, what, and the steps it has been through since.
struct DemoOrder {
    provider: &'static str,
    created_by: &'static str,
    kind: OrderKind,
    system: &'static str,
    permission: &'static str,
    units: &'static [&'static str],
    /// First name, last name, personal number, email.
    person: (&'static str, &'static str, &'static str, Option<&'static str>),
    lifecare_title: Option<&'static str>,
    profession: Option<&'static str>,
    expert_user: bool,
    /// The end date, this many days from the day of seeding.
    valid_to_in_days: Option<u64>,
    comment: Option<&'static str>,
    /// Each step: the transition, the email of who makes it, its note (reason, question), the account name.
    steps: &'static [(Transition, &'static str, Option<&'static str>, Option<&'static str>)],
}

const ANNA: &str = "anna.lind@omsorgnord.example";
const ERIK: &str = "erik.holm@omsorgnord.example";
const INGRID: &str = "it@kommun.example";
const TOMAS: &str = "it2@kommun.example";
const JOHAN: &str = "johan.ek@vardtrygghet.example";
const MARIA: &str = "maria.sjoberg@vardtrygghet.example";
const SARA: &str = "sara.nilsson@hemtjanstsyd.example";
const NORD: &str = "Omsorg Nord AB";

/// The demo's orders: at least one in every status, each with the history of how it got there.
/// The completed grant orders make the demo's holdings: one without an end date, one ending far
/// off, one ending within the notice period (its orderers are told), and one on its way out (a
/// revoke order sent to IT).
const DEMO_ORDERS: [DemoOrder; 13] = [
    DemoOrder {
        provider: NORD,
        created_by: ANNA,
        kind: OrderKind::Grant,
        system: "Lifecare",
        permission: "Utförare – dokumentera",
        units: &["Boende Linden"],
        person: ("Karin", "Berg", "19870315-4826", Some("karin.berg@omsorgnord.example")),
        lifecare_title: Some("Undersköterska"),
        profession: None,
        expert_user: false,
        valid_to_in_days: None,
        comment: Some("Nyanställd, börjar 2 december."),
        steps: &[],
    },
    DemoOrder {
        provider: NORD,
        created_by: ERIK,
        kind: OrderKind::Grant,
        system: "Lifecare",
        permission: "Utförare – läsa",
        units: &["Hemtjänst Gränby"],
        person: ("Ahmed", "Hassan", "19920708-1739", None),
        lifecare_title: Some("Vårdbiträde"),
        profession: None,
        expert_user: false,
        valid_to_in_days: None,
        comment: None,
        steps: &[(Transition::Submit, ERIK, None, None)],
    },
    DemoOrder {
        provider: NORD,
        created_by: ANNA,
        kind: OrderKind::Grant,
        system: "Cosmic Link",
        permission: "Samordnad vårdplanering – skriva",
        units: &["Boende Eken"],
        person: ("Elin", "Johansson", "19850122-2643", Some("elin.johansson@omsorgnord.example")),
        lifecare_title: None,
        profession: Some("Sjuksköterska"),
        expert_user: true,
        valid_to_in_days: None,
        comment: Some("Elin blir expertanvändare för Cosmic Link på Boende Eken."),
        steps: &[(Transition::Submit, ANNA, None, None), (Transition::Take, INGRID, None, None)],
    },
    DemoOrder {
        provider: NORD,
        created_by: ERIK,
        kind: OrderKind::Grant,
        system: "Siebel",
        permission: "Handläggare",
        units: &["Hemtjänst Sävja"],
        person: ("Lars", "Petersson", "19640930-5171", None),
        lifecare_title: None,
        profession: None,
        expert_user: false,
        valid_to_in_days: None,
        comment: None,
        steps: &[
            (Transition::Submit, ERIK, None, None),
            (Transition::Take, TOMAS, None, None),
            (Transition::Complete, TOMAS, Some("Tillfälligt lösenord skickat per sms."), Some("lapet01")),
        ],
    },
    DemoOrder {
        provider: NORD,
        created_by: ANNA,
        kind: OrderKind::Grant,
        system: "Lifecare",
        permission: "Hälso- och sjukvård – dokumentera",
        units: &["Boende Linden", "Boende Eken"],
        person: ("Fatima", "Yusuf", "19780614-3827", None),
        lifecare_title: Some("Sjuksköterska"),
        profession: None,
        expert_user: false,
        valid_to_in_days: None,
        comment: None,
        steps: &[
            (Transition::Submit, ANNA, None, None),
            (
                Transition::Reject,
                INGRID,
                Some("Behörigheten kräver legitimation. Ange legitimationsnummer i kommentaren och beställ igen."),
                None,
            ),
        ],
    },
    DemoOrder {
        provider: NORD,
        created_by: ANNA,
        kind: OrderKind::Grant,
        system: "Lifecare",
        permission: "Utförare – planera",
        units: &["Hemtjänst Gränby"],
        person: ("Oskar", "Lindqvist", "19990411-2936", None),
        lifecare_title: Some("Arbetsledare"),
        profession: None,
        expert_user: false,
        valid_to_in_days: None,
        comment: None,
        steps: &[
            (Transition::Submit, ANNA, None, None),
            (Transition::Withdraw, ANNA, Some("Personen tackade nej till tjänsten."), None),
        ],
    },
    DemoOrder {
        provider: NORD,
        created_by: ERIK,
        kind: OrderKind::Grant,
        system: "Lifecare",
        permission: "Enhetschef",
        units: &["Boende Linden", "Boende Eken"],
        person: ("Sofia", "Andersson", "19811127-3465", Some("sofia.andersson@omsorgnord.example")),
        lifecare_title: Some("Enhetschef"),
        profession: None,
        expert_user: false,
        valid_to_in_days: None,
        comment: None,
        steps: &[
            (Transition::Submit, ERIK, None, None),
            (Transition::Take, INGRID, None, None),
            (
                Transition::Return,
                INGRID,
                Some("Ska behörigheten gälla för båda boendena, eller bara för Boende Linden?"),
                None,
            ),
        ],
    },
    DemoOrder {
        provider: NORD,
        created_by: ERIK,
        kind: OrderKind::Grant,
        system: "Lifecare",
        permission: "Utförare – dokumentera",
        units: &["Boende Linden"],
        person: ("Nora", "Eriksson", "19980612-2447", None),
        lifecare_title: Some("Undersköterska"),
        profession: None,
        expert_user: false,
        // A summer substitute whose end date is near.
        valid_to_in_days: Some(9),
        comment: Some("Sommarvikarie."),
        steps: &[
            (Transition::Submit, ERIK, None, None),
            (Transition::Take, INGRID, None, None),
            (Transition::Complete, INGRID, None, Some("noeri01")),
        ],
    },
    DemoOrder {
        provider: NORD,
        created_by: ANNA,
        kind: OrderKind::Grant,
        system: "Lifecare",
        permission: "Utförare – dokumentera",
        units: &["Hemtjänst Gränby"],
        person: ("Gustav", "Nyström", "19570203-6194", None),
        lifecare_title: Some("Undersköterska"),
        profession: None,
        expert_user: false,
        valid_to_in_days: None,
        comment: None,
        steps: &[
            (Transition::Submit, ANNA, None, None),
            (Transition::Take, TOMAS, None, None),
            (Transition::Complete, TOMAS, None, Some("gunys01")),
        ],
    },
    DemoOrder {
        provider: NORD,
        created_by: ANNA,
        kind: OrderKind::Revoke,
        system: "Lifecare",
        permission: "Utförare – dokumentera",
        units: &["Hemtjänst Gränby"],
        person: ("Gustav", "Nyström", "19570203-6194", None),
        lifecare_title: None,
        profession: None,
        expert_user: false,
        valid_to_in_days: None,
        comment: Some("Går i pension 31 december."),
        steps: &[(Transition::Submit, ANNA, None, None)],
    },
    DemoOrder {
        provider: "Vård & Trygghet i Uppland AB",
        created_by: JOHAN,
        kind: OrderKind::Grant,
        system: "Lifecare",
        permission: "Utförare – dokumentera",
        units: &["Korttidsboende Flogsta"],
        person: ("Maja", "Karlsson", "19960818-2243", Some("maja.karlsson@vardtrygghet.example")),
        lifecare_title: Some("Stödassistent"),
        profession: None,
        expert_user: false,
        // Employed for a fixed term: an end date far off.
        valid_to_in_days: Some(150),
        comment: None,
        steps: &[
            (Transition::Submit, MARIA, None, None),
            (Transition::Take, INGRID, None, None),
            (Transition::Complete, INGRID, None, Some("majka02")),
        ],
    },
    DemoOrder {
        provider: "Vård & Trygghet i Uppland AB",
        created_by: MARIA,
        kind: OrderKind::Grant,
        system: "Cosmic Link",
        permission: "Samordnad vårdplanering – läsa",
        units: &["Dagverksamhet Luthagen"],
        person: ("Henrik", "Ström", "19730505-4319", None),
        lifecare_title: None,
        profession: Some("Arbetsterapeut"),
        expert_user: false,
        valid_to_in_days: None,
        comment: None,
        steps: &[(Transition::Submit, MARIA, None, None)],
    },
    DemoOrder {
        provider: "Hemtjänst Syd Ekonomisk förening",
        created_by: SARA,
        kind: OrderKind::Grant,
        system: "Siebel",
        permission: "Handläggare",
        units: &["Hemtjänst Gottsunda"],
        person: ("Leila", "Mahmoud", "19890224-5680", None),
        lifecare_title: None,
        profession: None,
        expert_user: false,
        valid_to_in_days: None,
        comment: None,
        steps: &[],
    },
];

/// The demo's orders, made through the orders service as their orderers and IT would make them
/// (with references, history and notifications); nothing when there already are orders.
async fn seed_demo_orders(db: &DatabaseConnection) -> Result<String, String> {
    let db_err = |e: sea_orm::DbErr| e.to_string();
    let api_err = |e: ApiError| e.to_string();
    if order::Entity::find().count(db).await.map_err(db_err)? > 0 {
        return Ok("the demo orders are already there".into());
    }
    let missing = || Ok("no demo orders: the demo's catalogue or accounts are not all there".to_owned());
    let mut callers: HashMap<&str, Caller> = HashMap::new();
    for email in [ANNA, ERIK, INGRID, TOMAS, JOHAN, MARIA, SARA] {
        let Some(a) = account::Entity::find().filter(account::Column::Email.eq(email)).one(db).await.map_err(db_err)?
        else {
            return missing();
        };
        callers.insert(email, load_caller(db, a.id, a.session_generation).await.map_err(api_err)?);
    }
    for demo in &DEMO_ORDERS {
        let Some(p) =
            provider::Entity::find().filter(provider::Column::Name.eq(demo.provider)).one(db).await.map_err(db_err)?
        else {
            return missing();
        };
        let Some(s) =
            system::Entity::find().filter(system::Column::Name.eq(demo.system)).one(db).await.map_err(db_err)?
        else {
            return missing();
        };
        let Some(permission) = permission::Entity::find()
            .filter(permission::Column::SystemId.eq(s.id))
            .filter(permission::Column::Name.eq(demo.permission))
            .one(db)
            .await
            .map_err(db_err)?
        else {
            return missing();
        };
        let units = unit::Entity::find()
            .filter(unit::Column::ProviderId.eq(p.id))
            .filter(unit::Column::Name.is_in(demo.units.iter().copied()))
            .all(db)
            .await
            .map_err(db_err)?;
        let (first_name, last_name, personal_number, email) = demo.person;
        let request = CreateOrder {
            kind: Some(demo.kind),
            provider_id: Some(p.id),
            permission_id: OnePermission(permission.id).into(),
            permission_ids: None,
            unit_ids: units.iter().map(|u| u.id).collect::<Vec<_>>().into(),
            subject: SubjectInput {
                first_name: first_name.to_owned().into(),
                last_name: last_name.to_owned().into(),
                personal_number: personal_number.to_owned().into(),
                email: email.map(Into::into),
                phone: None,
            }
            .into(),
            lifecare_title: demo.lifecare_title.map(Into::into),
            profession: demo.profession.map(Into::into),
            justification: None,
            expert_user: Some(demo.expert_user),
            valid_to: demo
                .valid_to_in_days
                .and_then(|days| chrono::Utc::now().date_naive().checked_add_days(chrono::Days::new(days)))
                .map(|d| d.format("%Y-%m-%d").to_string()),
            comment: demo.comment.map(Into::into),
        };
        let caller = &callers[demo.created_by];
        let created = orders::write::create(db, caller, request, FieldErrors::new(), None)
            .await
            .map_err(|e| format!("demo order for {first_name} {last_name}: {e}"))?;
        let orders::write::Created::New(order) = created else { return Err("a demo order was a replay".into()) };
        for (transition, actor, text, account_name) in demo.steps {
            let input = TransitionInput { text: text.map(Into::into), account_name: account_name.map(Into::into) };
            orders::transition::transition(
                db,
                &callers[actor],
                order.id,
                *transition,
                None,
                input,
                FieldErrors::new(),
                None,
            )
            .await
            .map_err(|e| format!("demo order {}: {transition:?}: {e}", order.reference))?;
        }
    }
    let holdings = holding::Entity::find().count(db).await.map_err(db_err)?;
    Ok(format!(
        "{} orders in every status, with their history; {holdings} holdings (end dates near and far)",
        DEMO_ORDERS.len()
    ))
}
