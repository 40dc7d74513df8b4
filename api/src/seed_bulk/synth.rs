//! The synthetic municipality: who exists (providers, units, accounts, the catalogue) and, for
//! each order number `i`, the order itself, its units and its history — computed from `i` and the
//! seed alone, so that each table's pass over the orders sees exactly the same orders.

use crate::domain::{HistoryAction, OrderKind, OrderStatus, order as rules};
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use std::collections::HashMap;
use uuid::Uuid;

pub const MINUTE_MS: i64 = 60_000;
pub const HOUR_MS: i64 = 60 * MINUTE_MS;
pub const DAY_MS: i64 = 24 * HOUR_MS;

/// Birth dates of the people orders are for: 20,000 days from 1950-01-01 (to late 2004).
const BIRTH_DAYS: u64 = 20_000;
/// Distinct personal identity numbers: birth days × three-digit serial numbers.
pub const MAX_PEOPLE: u64 = BIRTH_DAYS * 1_000;
/// People who are not the subject of any order: the accounts' own personal numbers start here.
pub const ACCOUNT_PEOPLE_FROM: u64 = MAX_PEOPLE - 100_000;

/// SplitMix64: small, fast and good enough for synthetic data; reproducible from its seed.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo).max(1) as u64) as i64
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn bytes10(&mut self) -> [u8; 10] {
        let a = self.next_u64().to_le_bytes();
        let b = self.next_u64().to_le_bytes();
        [a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], b[0], b[1]]
    }

    /// A UUIDv7 for a moment: ids sort as their times do, as the API's own ids do.
    pub fn uuid_at(&mut self, ms: i64) -> Uuid {
        uuid::Builder::from_unix_timestamp_millis(ms.max(0) as u64, &self.bytes10()).into_uuid()
    }
}

/// The SplitMix64 finaliser: a well-spread hash of a number.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub const FIRST_NAMES: [&str; 64] = [
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kerstin", "Emma", "Ingrid", "Malin", "Linda", "Jenny", "Sofia",
    "Elin", "Ida", "Hanna", "Johanna", "Marie", "Ulla", "Birgitta", "Fatima", "Amina", "Leila", "Noor", "Maja", "Alva",
    "Elsa", "Astrid", "Wilma", "Ebba", "Saga", "Agnes", "Lars", "Erik", "Per", "Karl", "Johan", "Anders", "Mikael",
    "Nils", "Magnus", "Jonas", "Peter", "Daniel", "Fredrik", "Mattias", "Hans", "Björn", "Ahmed", "Mohammed", "Ali",
    "Omar", "Yusuf", "Oskar", "Lucas", "Liam", "William", "Hugo", "Elias", "Axel", "Gustav", "Olle", "Åsa", "Örjan",
];

pub const LAST_NAMES: [&str; 64] = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Olofsson",
    "Lindström",
    "Lindqvist",
    "Lindgren",
    "Berg",
    "Axelsson",
    "Bergström",
    "Lundberg",
    "Lind",
    "Lundgren",
    "Lundqvist",
    "Mattsson",
    "Berglund",
    "Fredriksson",
    "Sandberg",
    "Henriksson",
    "Forsberg",
    "Sjöberg",
    "Wallin",
    "Engström",
    "Eklund",
    "Danielsson",
    "Lundin",
    "Håkansson",
    "Björk",
    "Bergman",
    "Gunnarsson",
    "Holm",
    "Wikström",
    "Samuelsson",
    "Isaksson",
    "Fransson",
    "Bergqvist",
    "Nyström",
    "Holmberg",
    "Arvidsson",
    "Löfgren",
    "Söderberg",
    "Nyberg",
    "Blomqvist",
    "Claesson",
    "Hassan",
    "Ali",
    "Mohammed",
    "Yilmaz",
];

/// Places in and around the municipality, for providers' and units' names.
pub const PLACES: [&str; 48] = [
    "Gränby",
    "Sävja",
    "Gottsunda",
    "Sunnersta",
    "Flogsta",
    "Luthagen",
    "Kvarngärdet",
    "Eriksberg",
    "Svartbäcken",
    "Fålhagen",
    "Salabacke",
    "Årsta",
    "Stenhagen",
    "Valsätra",
    "Norby",
    "Kåbo",
    "Rickomberga",
    "Nyby",
    "Gamla Uppsala",
    "Librobäck",
    "Boländerna",
    "Sävja Park",
    "Storvreta",
    "Björklinge",
    "Vattholma",
    "Skyttorp",
    "Läby",
    "Bälinge",
    "Järlåsa",
    "Almunge",
    "Knutby",
    "Gåvsta",
    "Funbo",
    "Danmark",
    "Länna",
    "Alsike",
    "Knivsta",
    "Vänge",
    "Ulleråker",
    "Rosendal",
    "Ekeby",
    "Tuna Backar",
    "Berthåga",
    "Hågaby",
    "Sala backe",
    "Husbyborg",
    "Kölängen",
    "Tiundaområdet",
];

const PROVIDER_PATTERNS: [&str; 10] = [
    "Omsorg {} AB",
    "Hemtjänst {} Ekonomisk förening",
    "{} Vård & Omsorg AB",
    "Assistans {} AB",
    "Äldreboende {} AB",
    "{} Hemtjänst AB",
    "Stiftelsen {}hemmet",
    "{} Trygghet & Stöd AB",
    "Personlig assistans {} AB",
    "Boendestöd {} Kooperativ",
];

const UNIT_KINDS: [&str; 12] = [
    "Boende",
    "Hemtjänst",
    "Korttidsboende",
    "Dagverksamhet",
    "Servicebostad",
    "Gruppbostad",
    "Särskilt boende",
    "Hemsjukvård",
    "Nattpatrull",
    "Trygghetslarm",
    "Daglig verksamhet",
    "Avlösning",
];

const COMMENTS: [&str; 8] = [
    "Nyanställd, börjar på måndag.",
    "Sommarvikarie juni–augusti.",
    "Byter enhet inom utföraren.",
    "Behöver behörigheten för nattjänstgöring.",
    "Ersätter tidigare beställning som avvisades.",
    "Timanställd, arbetar främst helger.",
    "Ny roll som samordnare från nästa månad.",
    "Brådskande: introduktion på torsdag.",
];

const REJECT_REASONS: [&str; 5] = [
    "Personnumret stämmer inte med HR-systemet.",
    "Behörigheten kräver legitimation; intyg saknas.",
    "Enheten är avvecklad; beställ på den nya enheten.",
    "Personen har redan behörigheten i systemet.",
    "Beställningen gäller fel verksamhetssystem.",
];

const RETURN_QUESTIONS: [&str; 4] = [
    "Vilken enhet ska behörigheten gälla på? Personen finns på två.",
    "Stämmer titeln? Den passar inte behörigheten.",
    "Behövs skrivbehörighet, eller räcker läsbehörighet?",
    "Personens e-post saknas; den behövs för expertanvändare.",
];

const COMPLETE_NOTES: [&str; 3] = [
    "Tillfälligt lösenord skickat per sms.",
    "Konto upplagt; inloggning med SITHS-kort.",
    "Klart. Personen får byta lösenord vid första inloggningen.",
];

/// A system of the bulk catalogue: name, description, its permissions, and which extra field
/// its grant orders require (with the allowed values the seed uses when the system is new).
pub struct SystemSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub required: Option<&'static str>,
    pub values: &'static [&'static str],
    /// Out of 100: how many orders are for this system.
    pub share: u64,
    pub permissions: &'static [(&'static str, &'static str)],
}

pub const SYSTEMS: [SystemSpec; 4] = [
    SystemSpec {
        name: "Lifecare",
        description: "Verksamhetssystem för socialtjänst och omsorg: dokumentation, planering och beslut.",
        required: Some("lifecare_title"),
        values: &crate::seed::LIFECARE_TITLES,
        share: 50,
        permissions: &[
            ("Utförare – läsa", "Läsa planer och dokumentation för enhetens brukare."),
            ("Utförare – dokumentera", "Läsa samt skriva social dokumentation och tidsrapporter."),
            ("Utförare – planera", "Som ovan, samt planera besök och personal för enheten."),
            ("Hälso- och sjukvård – dokumentera", "Hälso- och sjukvårdsjournal för legitimerad personal."),
            ("Enhetschef", "All planering, uppföljning och alla rapporter för enheten."),
        ],
    },
    SystemSpec {
        name: "Cosmic Link",
        description: "Samordnad vård- och omsorgsplanering mellan region och kommun: utskrivningsplanering och meddelanden.",
        required: Some("profession"),
        values: &crate::seed::COSMIC_PROFESSIONS,
        share: 25,
        permissions: &[
            ("Samordnad vårdplanering – läsa", "Läsa utskrivningsplanering och vårdplaner."),
            ("Samordnad vårdplanering – skriva", "Delta i utskrivningsplanering, skriva planer och meddelanden."),
        ],
    },
    SystemSpec {
        name: "Medvind",
        description: "Schemaläggning och tidrapportering för personalen.",
        required: None,
        values: &[],
        share: 15,
        permissions: &[
            ("Medarbetare", "Se sitt schema och rapportera tid."),
            ("Schemaläggare", "Lägga och ändra scheman för enhetens personal."),
        ],
    },
    SystemSpec {
        name: "Siebel",
        description: "Äldre ärendesystem. Konton låses efter sex månader utan inloggning.",
        required: None,
        values: &[],
        share: 10,
        permissions: &[("Handläggare", "Ärendehandläggning i Siebel.")],
    },
];

/// A permission orders can name, with what its system requires.
#[derive(Clone, Debug)]
pub struct Perm {
    pub id: Uuid,
    pub system_id: Uuid,
    /// Values for `lifecare_title`, when the system requires it.
    pub lifecare_titles: Vec<String>,
    /// Values for `profession`, when the system requires it.
    pub professions: Vec<String>,
}

/// A provider of the bulk data.
#[derive(Clone, Debug)]
pub struct Provider {
    pub id: Uuid,
    pub name: String,
    /// The email domain of its staff.
    pub domain: String,
    pub units: Vec<Uuid>,
    pub orderers: Vec<Uuid>,
}

/// Everything the orders refer to, and the shape of the order stream.
#[derive(Clone, Debug)]
pub struct World {
    pub seed: u64,
    pub orders: u64,
    pub providers: Vec<Provider>,
    /// Cumulative provider weights, for picking a provider in proportion to its size.
    pub cumulative: Vec<u64>,
    /// Permissions by system share: `(cumulative share, permissions of the system)`.
    pub perms: Vec<(u64, Vec<Perm>)>,
    pub it: Vec<Uuid>,
    /// Unix milliseconds: the first order, now.
    pub start_ms: i64,
    pub now_ms: i64,
    /// People orders are for (besides one new person per open order).
    pub pool: u64,
    /// Each year's last reference number before the seed (the counter's value).
    pub reference_base: HashMap<i32, i64>,
}

/// A person an order is for.
pub struct Person {
    pub first_name: &'static str,
    pub last_name: &'static str,
    /// Twelve digits.
    pub personal_number: String,
}

/// The person with number `idx` (below [`MAX_PEOPLE`]): a valid personal identity number
/// (Luhn) and a Swedish name, the same every time.
pub fn person(idx: u64) -> Person {
    let birth = NaiveDate::from_ymd_opt(1950, 1, 1).expect("date") + chrono::Days::new(idx % BIRTH_DAYS);
    let serial = (idx / BIRTH_DAYS) % 1_000;
    let ten_without_check = format!("{:02}{:02}{:02}{serial:03}", birth.year() % 100, birth.month(), birth.day());
    let check = luhn_check_digit(&ten_without_check);
    let h = mix(idx ^ 0x5E5A_u64);
    Person {
        first_name: FIRST_NAMES[(h % 64) as usize],
        last_name: LAST_NAMES[((h >> 8) % 64) as usize],
        personal_number: format!("{}{ten_without_check}{check}", birth.year() / 100),
    }
}

/// The Luhn check digit of nine digits (`YYMMDDNNN`).
pub fn luhn_check_digit(nine: &str) -> u32 {
    let sum: u32 = nine
        .bytes()
        .enumerate()
        .map(|(i, c)| {
            let d = u32::from(c - b'0');
            if i % 2 == 0 {
                let p = d * 2;
                if p > 9 { p - 9 } else { p }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// A valid organisation number (`55NNNN-NNNC`) for provider `i`.
pub fn org_number(i: usize) -> String {
    let nine = format!("55{:07}", 1_000_000 + i * 7_919 % 8_999_999);
    format!("{}-{}{}", &nine[..6], &nine[6..], luhn_check_digit(&nine))
}

/// Lower-case ASCII for an email address: å, ä → a; ö → o; é → e; spaces and the rest → `-`.
pub fn ascii_slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.to_lowercase().chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'å' | 'ä' | 'á' | 'à' => out.push('a'),
            'ö' | 'ø' | 'ó' => out.push('o'),
            'é' | 'è' | 'ë' => out.push('e'),
            'ü' => out.push('u'),
            _ => {
                if !out.ends_with('-') && !out.is_empty() {
                    out.push('-');
                }
            }
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The name of provider `i`.
pub fn provider_name(i: usize) -> String {
    let pattern = PROVIDER_PATTERNS[i % PROVIDER_PATTERNS.len()];
    let place = PLACES[(i / PROVIDER_PATTERNS.len()) % PLACES.len()];
    let round = i / (PROVIDER_PATTERNS.len() * PLACES.len());
    let name = pattern.replace("{}", place);
    if round == 0 { name } else { format!("{name} {}", round + 1) }
}

/// Unit `k` of provider `p`: its name and code.
pub fn unit_name(p: usize, k: usize) -> (String, String) {
    let kind = UNIT_KINDS[k % UNIT_KINDS.len()];
    let place = PLACES[(k / UNIT_KINDS.len() + p * 5) % PLACES.len()];
    let round = k / (UNIT_KINDS.len() * PLACES.len());
    let name = if round == 0 { format!("{kind} {place}") } else { format!("{kind} {place} {}", round + 1) };
    (name, format!("U{:03}-{:03}", p % 1000, 100 + k))
}

/// Provider `i`'s share of the orders: a few large providers and many small ones (Zipf-like).
pub fn provider_weight(i: usize) -> u64 {
    (1_000_000.0 / ((i + 1) as f64).powf(0.8)) as u64
}

/// One step of an order's history.
#[derive(Clone, Debug)]
pub struct Step {
    pub id: Uuid,
    pub at: i64,
    pub actor: Option<Uuid>,
    pub action: HistoryAction,
    pub from: Option<OrderStatus>,
    pub to: OrderStatus,
    pub note: Option<&'static str>,
}

/// One synthetic order, with its units and history.
#[derive(Clone, Debug)]
pub struct OrderRow<'w> {
    pub id: Uuid,
    pub reference: String,
    pub kind: OrderKind,
    pub status: OrderStatus,
    pub provider: usize,
    pub permission: &'w Perm,
    /// The person's number (see [`person`]).
    pub person: u64,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub personal_number: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub lifecare_title: Option<&'w str>,
    pub profession: Option<&'w str>,
    pub expert_user: bool,
    /// Days since 1970-01-01.
    pub valid_to: Option<i32>,
    pub comment: Option<&'static str>,
    pub search_text: String,
    pub created_by: Uuid,
    pub created_at: i64,
    pub updated_at: i64,
    pub submitted_by: Option<Uuid>,
    pub submitted_at: Option<i64>,
    pub taken_by: Option<Uuid>,
    pub taken_at: Option<i64>,
    pub completed_by: Option<Uuid>,
    pub completed_at: Option<i64>,
    pub account_name: Option<String>,
    pub reject_reason: Option<&'static str>,
    pub return_question: Option<&'static str>,
    pub units: Vec<Uuid>,
    pub history: Vec<Step>,
}

impl OrderRow<'_> {
    pub fn version(&self) -> i32 {
        self.history.len() as i32
    }
}

/// Unix milliseconds to a UTC time.
pub fn utc(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

/// Days since 1970-01-01 to a date.
pub fn date(days: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch") + chrono::Duration::days(i64::from(days))
}

/// Hands out reference numbers in creation order, per year, after the counters' values.
pub struct References<'w> {
    base: &'w HashMap<i32, i64>,
    used: HashMap<i32, i64>,
}

impl<'w> References<'w> {
    pub fn new(world: &'w World) -> Self {
        References { base: &world.reference_base, used: HashMap::new() }
    }

    fn next(&mut self, year: i32) -> String {
        let n = self.used.entry(year).or_insert(0);
        *n += 1;
        rules::reference(year, self.base.get(&year).copied().unwrap_or(0) + *n)
    }

    /// The counters' values after the seed: `(year, last number)`.
    pub fn counters(&self) -> Vec<(i32, i64)> {
        let mut v: Vec<(i32, i64)> =
            self.used.iter().map(|(y, n)| (*y, self.base.get(y).copied().unwrap_or(0) + n)).collect();
        v.sort_unstable();
        v
    }
}

impl World {
    /// The provider with the most orders (the first: weights fall with the index).
    pub fn largest_provider(&self) -> &Provider {
        &self.providers[0]
    }

    fn pick_provider(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().unwrap_or(&1);
        let x = rng.below(total);
        self.cumulative.partition_point(|&c| c <= x).min(self.providers.len() - 1)
    }

    fn pick_permission(&self, rng: &mut Rng) -> &Perm {
        let total = self.perms.last().map(|(c, _)| *c).unwrap_or(1);
        let x = rng.below(total);
        let i = self.perms.partition_point(|(c, _)| *c <= x).min(self.perms.len() - 1);
        rng.pick(&self.perms[i].1)
    }

    /// When order `i` was created: spread evenly from the start to ten minutes ago, in order.
    fn created_at(&self, i: u64, rng: &mut Rng) -> i64 {
        let span = (self.now_ms - 10 * MINUTE_MS - self.start_ms).max(1);
        let step = (span / self.orders.max(1) as i64).max(1);
        self.start_ms
            + ((i128::from(span) * i128::from(i)) / i128::from(self.orders.max(1))) as i64
            + rng.below(step as u64) as i64
    }

    /// Order number `i`; `refs` must have handed out the references of orders `0..i` already.
    pub fn order(&self, i: u64, refs: &mut References<'_>) -> OrderRow<'_> {
        let mut rng = Rng::new(mix(self.seed ^ mix(i.wrapping_add(1))));
        let created_at = self.created_at(i, &mut rng);
        let age = self.now_ms - created_at;
        let provider_index = self.pick_provider(&mut rng);
        let provider = &self.providers[provider_index];
        let permission = self.pick_permission(&mut rng);
        let kind = if rng.chance(85) { OrderKind::Grant } else { OrderKind::Revoke };

        // Recent orders are still on their way; older ones are mostly done.
        let roll = rng.below(1000);
        let status = if age < 45 * DAY_MS {
            match roll {
                0..140 => OrderStatus::Draft,
                140..360 => OrderStatus::Submitted,
                360..500 => OrderStatus::InProgress,
                500..900 => OrderStatus::Completed,
                900..950 => OrderStatus::Rejected,
                _ => OrderStatus::Withdrawn,
            }
        } else {
            match roll {
                0..40 => OrderStatus::Draft,
                40..880 => OrderStatus::Completed,
                880..940 => OrderStatus::Rejected,
                _ => OrderStatus::Withdrawn,
            }
        };
        let open = OrderStatus::OPEN.contains(&status);
        // An open order is for a person of its own, so rule 13 (one open order per person,
        // permission and kind at a provider) holds by construction.
        let person_idx = if open { self.pool + i } else { rng.below(self.pool) };
        let who = person(person_idx);
        let email = rng
            .chance(45)
            .then(|| format!("{}.{}@{}", ascii_slug(who.first_name), ascii_slug(who.last_name), provider.domain));
        let phone = rng
            .chance(30)
            .then(|| format!("07{}-{:03} {:02} {:02}", rng.below(4), rng.below(1000), rng.below(100), rng.below(100)));
        let grant = kind == OrderKind::Grant;
        let lifecare_title =
            (grant && !permission.lifecare_titles.is_empty()).then(|| rng.pick(&permission.lifecare_titles).as_str());
        let profession =
            (grant && !permission.professions.is_empty()).then(|| rng.pick(&permission.professions).as_str());
        let expert_user = grant && email.is_some() && rng.chance(5);
        let valid_to =
            (grant && rng.chance(8)).then(|| ((created_at + rng.range(30, 400) * DAY_MS).div_euclid(DAY_MS)) as i32);
        let comment = rng.chance(8).then(|| *rng.pick(&COMMENTS));

        // The units: one, sometimes two or three, of the provider's.
        let mut units = Vec::with_capacity(3);
        let wanted = match rng.below(10) {
            0..7 => 1,
            7..9 => 2,
            _ => 3,
        }
        .min(provider.units.len());
        while units.len() < wanted {
            let u = *rng.pick(&provider.units);
            if !units.contains(&u) {
                units.push(u);
            }
        }

        let creator = *rng.pick(&provider.orderers);
        let sender = if rng.chance(80) { creator } else { *rng.pick(&provider.orderers) };
        let taker = *rng.pick(&self.it);
        // How long each step waited: squeezed into the time there has been for recent orders.
        let mut waits = [
            rng.range(2 * MINUTE_MS, 2 * DAY_MS),
            rng.range(10 * MINUTE_MS, 3 * DAY_MS),
            rng.range(5 * MINUTE_MS, 4 * DAY_MS),
        ];
        let room = (age - MINUTE_MS).max(3);
        let total: i64 = waits.iter().sum();
        if total > room {
            for w in &mut waits {
                *w = (*w as i128 * room as i128 / total as i128).max(1) as i64;
            }
        }
        let submitted = created_at + waits[0];
        let taken = submitted + waits[1];
        let done = taken + waits[2];

        let mut history = Vec::with_capacity(4);
        let mut step = |rng: &mut Rng, at: i64, actor: Uuid, action, from, to, note| {
            history.push(Step { id: rng.uuid_at(at), at, actor: Some(actor), action, from, to, note });
        };
        use HistoryAction as A;
        use OrderStatus as S;
        step(&mut rng, created_at, creator, A::Created, None, S::Draft, None);
        let mut row_submitted = None;
        let mut row_taken = None;
        let mut completed = None;
        let mut reject_reason = None;
        let mut return_question = None;
        let mut account_name = None;
        let mut updated_at = created_at;
        match status {
            S::Draft => {
                if rng.chance(20) {
                    let question = *rng.pick(&RETURN_QUESTIONS);
                    step(&mut rng, submitted, sender, A::Submitted, Some(S::Draft), S::Submitted, None);
                    step(&mut rng, taken, taker, A::Returned, Some(S::Submitted), S::Draft, Some(question));
                    return_question = Some(question);
                    updated_at = taken;
                }
            }
            S::Submitted => {
                step(&mut rng, submitted, sender, A::Submitted, Some(S::Draft), S::Submitted, None);
                row_submitted = Some((sender, submitted));
                updated_at = submitted;
            }
            S::InProgress => {
                step(&mut rng, submitted, sender, A::Submitted, Some(S::Draft), S::Submitted, None);
                step(&mut rng, taken, taker, A::Taken, Some(S::Submitted), S::InProgress, None);
                row_submitted = Some((sender, submitted));
                row_taken = Some((taker, taken));
                updated_at = taken;
            }
            S::Completed => {
                let note = rng.chance(30).then(|| *rng.pick(&COMPLETE_NOTES));
                step(&mut rng, submitted, sender, A::Submitted, Some(S::Draft), S::Submitted, None);
                step(&mut rng, taken, taker, A::Taken, Some(S::Submitted), S::InProgress, None);
                step(&mut rng, done, taker, A::Completed, Some(S::InProgress), S::Completed, note);
                row_submitted = Some((sender, submitted));
                row_taken = Some((taker, taken));
                completed = Some((taker, done));
                if grant {
                    account_name = Some(format!(
                        "{}{}{:02}",
                        ascii_slug(who.first_name).chars().take(2).collect::<String>(),
                        ascii_slug(who.last_name).chars().take(2).collect::<String>(),
                        rng.below(100)
                    ));
                }
                updated_at = done;
            }
            S::Rejected => {
                let reason = *rng.pick(&REJECT_REASONS);
                step(&mut rng, submitted, sender, A::Submitted, Some(S::Draft), S::Submitted, None);
                row_submitted = Some((sender, submitted));
                if rng.chance(50) {
                    step(&mut rng, taken, taker, A::Taken, Some(S::Submitted), S::InProgress, None);
                    step(&mut rng, done, taker, A::Rejected, Some(S::InProgress), S::Rejected, Some(reason));
                    row_taken = Some((taker, taken));
                    updated_at = done;
                } else {
                    step(&mut rng, taken, taker, A::Rejected, Some(S::Submitted), S::Rejected, Some(reason));
                    updated_at = taken;
                }
                reject_reason = Some(reason);
            }
            S::Withdrawn => {
                step(&mut rng, submitted, sender, A::Submitted, Some(S::Draft), S::Submitted, None);
                step(&mut rng, taken, sender, A::Withdrawn, Some(S::Submitted), S::Withdrawn, None);
                row_submitted = Some((sender, submitted));
                updated_at = taken;
            }
        }

        let year = utc(created_at).year();
        let reference = refs.next(year);
        let search_text = rules::search_text(who.first_name, who.last_name, email.as_deref(), &reference);
        OrderRow {
            id: rng.uuid_at(created_at),
            reference,
            kind,
            status,
            provider: provider_index,
            permission,
            person: person_idx,
            first_name: who.first_name,
            last_name: who.last_name,
            personal_number: who.personal_number,
            email,
            phone,
            lifecare_title,
            profession,
            expert_user,
            valid_to,
            comment,
            search_text,
            created_by: creator,
            created_at,
            updated_at,
            submitted_by: row_submitted.map(|(a, _)| a),
            submitted_at: row_submitted.map(|(_, t)| t),
            taken_by: row_taken.map(|(a, _)| a),
            taken_at: row_taken.map(|(_, t)| t),
            completed_by: completed.map(|(a, _)| a),
            completed_at: completed.map(|(_, t)| t),
            account_name,
            reject_reason,
            return_question,
            units,
            history,
        }
    }
}

/// A holding made by the completed orders (see [`Holdings`]).
#[derive(Clone, Debug)]
pub struct HoldingRow {
    pub id: Uuid,
    pub provider_id: Uuid,
    pub permission_id: Uuid,
    pub system_id: Uuid,
    pub person: u64,
    pub email: Option<String>,
    pub since: i64,
    pub valid_to: Option<i32>,
    pub source_order_id: Uuid,
    pub latest_order_id: Uuid,
    pub ended_at: Option<i64>,
    pub ended_by: Option<Uuid>,
    pub ended_by_order_id: Option<Uuid>,
    pub notice_sent_at: Option<i64>,
    pub updated_at: i64,
    pub units: Vec<Uuid>,
}

/// What completed orders leave behind, as the API's completion does: a completed grant makes
/// the person's holding of the permission at the provider (or renews it), a completed revoke
/// ends it. Orders are fed in creation order.
pub struct Holdings {
    active: HashMap<(usize, u64, Uuid), HoldingRow>,
    ended: Vec<HoldingRow>,
    rng: Rng,
}

impl Holdings {
    pub fn new(seed: u64) -> Holdings {
        Holdings { active: HashMap::new(), ended: Vec::new(), rng: Rng::new(mix(seed ^ 0x401D)) }
    }

    pub fn feed(&mut self, world: &World, o: &OrderRow<'_>) {
        let (Some(by), Some(at)) = (o.completed_by, o.completed_at) else { return };
        let key = (o.provider, o.person, o.permission.id);
        match o.kind {
            OrderKind::Grant => {
                if let Some(h) = self.active.get_mut(&key) {
                    h.latest_order_id = o.id;
                    h.units = o.units.clone();
                    h.valid_to = o.valid_to;
                    h.email = o.email.clone();
                    h.updated_at = at;
                } else {
                    let id = self.rng.uuid_at(at);
                    self.active.insert(
                        key,
                        HoldingRow {
                            id,
                            provider_id: world.providers[o.provider].id,
                            permission_id: o.permission.id,
                            system_id: o.permission.system_id,
                            person: o.person,
                            email: o.email.clone(),
                            since: at,
                            valid_to: o.valid_to,
                            source_order_id: o.id,
                            latest_order_id: o.id,
                            ended_at: None,
                            ended_by: None,
                            ended_by_order_id: None,
                            notice_sent_at: None,
                            updated_at: at,
                            units: o.units.clone(),
                        },
                    );
                }
            }
            OrderKind::Revoke => {
                if let Some(mut h) = self.active.remove(&key) {
                    h.ended_at = Some(at);
                    h.ended_by = Some(by);
                    h.ended_by_order_id = Some(o.id);
                    h.updated_at = at;
                    self.ended.push(h);
                }
            }
        }
    }

    /// Every holding, in id order. End dates already passed have ended the holding (as the
    /// end-date job would have); those near have had their notice.
    pub fn finish(self, world: &World, notice_days: i64) -> Vec<HoldingRow> {
        let today = world.now_ms.div_euclid(DAY_MS) as i32;
        let mut all = self.ended;
        for (_, mut h) in self.active {
            match h.valid_to {
                Some(end) if end < today => {
                    let at = (i64::from(end) + 1) * DAY_MS;
                    h.ended_at = Some(at);
                    h.updated_at = at;
                }
                Some(end) if i64::from(end - today) <= notice_days => h.notice_sent_at = Some(world.now_ms),
                _ => {}
            }
            all.push(h);
        }
        all.sort_unstable_by_key(|h| h.id);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PersonalNumber;

    #[test]
    fn people_have_valid_and_distinct_personal_numbers() {
        let mut seen = std::collections::HashSet::new();
        for idx in (0..MAX_PEOPLE).step_by(7_919).chain([0, 1, BIRTH_DAYS, MAX_PEOPLE - 1]) {
            let p = person(idx);
            assert!(PersonalNumber::from_stored(&p.personal_number).is_some(), "{idx}: {}", p.personal_number);
            assert!(seen.insert(p.personal_number.clone()) || idx == 0, "{idx} repeats");
        }
    }

    #[test]
    fn org_numbers_are_valid() {
        for i in 0..500 {
            assert!(crate::domain::OrgNumber::parse(&org_number(i)).is_some(), "{}", org_number(i));
        }
    }

    #[test]
    fn names_are_unique_where_the_schema_says_so() {
        let providers: std::collections::HashSet<String> = (0..2_000).map(provider_name).collect();
        assert_eq!(providers.len(), 2_000);
        let units: std::collections::HashSet<String> = (0..700).map(|k| unit_name(3, k).0).collect();
        assert_eq!(units.len(), 700);
        assert_eq!(ascii_slug("Åsa Sjöberg-Löfgren"), "asa-sjoberg-lofgren");
    }
}
