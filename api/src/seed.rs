//! `create-admin` and `seed-demo`: a realistic demo from the municipality's world (fictitious
//! providers, realistic Swedish titles and professions). Every demo login uses [`DEMO_PASSWORD`].

use crate::{
    auth::password::Passwords,
    domain::{Email, PersonalNumber},
    entities::{account, expert_user, ordering_right, ordering_right_request, permission, provider, system, unit},
    notifications::{
        dto::NotificationKind,
        service::{Notice, notify},
    },
};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde_json::json;
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
    crate::auth::service::check_new_password("password", password)
        .map_err(|_| "--password must have 10–128 characters")?;
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
            tokens_valid_after: Set(now),
            created_at: Set(now),
            updated_at: Set(now),
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
    ("anna.lind@omsorgnord.example", "Anna Lind", Some(0), false, false, true, Some("19800412-2388")),
    ("erik.holm@omsorgnord.example", "Erik Holm", Some(0), false, false, true, Some("19751103-5719")),
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

/// Fills an empty database with the demo; does nothing when the demo's support account exists.
pub async fn seed_demo(db: &DatabaseConnection, passwords: &Passwords) -> Result<String, String> {
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
