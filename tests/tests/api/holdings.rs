//! Holdings (behörighetsinnehav): made by completed grant orders, changed and ended by completed
//! revoke orders, read per role, exported as CSV, given end dates by orderers, and revoked all at
//! once for a person who leaves. The helpers here are shared with the other holdings tests.

use crate::orders::{create, lifecare, new_person, siebel};
use serde_json::{Value, json};
use sesam_tests::{Answer, Backend, Role, TestApp, both};
use uuid::Uuid;

/// Brings an order through submit (by `sender`), take and complete (IT).
pub async fn complete_as(app: &TestApp, id: Uuid, sender: Role) {
    app.post(&format!("/orders/{id}/submit"), sender, &json!({})).await.expect(200);
    app.post(&format!("/orders/{id}/take"), Role::It, &json!({})).await.expect(200);
    app.post(&format!("/orders/{id}/complete"), Role::It, &json!({"account_name": "kaber01"})).await.expect(200);
}

/// Brings one of P's orders through submit, take and complete.
pub async fn complete(app: &TestApp, id: Uuid) {
    complete_as(app, id, Role::OrdererP).await;
}

/// The personal number of an order body.
pub fn pn_of(body: &Value) -> String {
    body["subject"]["personal_number"].as_str().expect("personal number").to_owned()
}

/// P's orderer orders `body`, and IT completes it; answers the order's id.
pub async fn granted(app: &TestApp, body: &Value) -> Uuid {
    let id = create(app, body).await.id();
    complete(app, id).await;
    id
}

/// The active holdings the role sees of one person (by personal number).
pub async fn holdings_of(app: &TestApp, role: Role, personal_number: &str) -> Vec<Value> {
    let list = app.get(&format!("/holdings?q={personal_number}"), role).await;
    list.expect(200);
    list.body["items"].as_array().expect("items").clone()
}

/// A completed Siebel grant of P for a new person: answers the holding's id and the person's number.
pub async fn holding_of_p(app: &TestApp) -> (Uuid, String) {
    let body = siebel(app);
    let pn = pn_of(&body);
    granted(app, &body).await;
    let items = holdings_of(app, Role::OrdererP, &pn).await;
    assert_eq!(items.len(), 1, "{items:?}");
    (Uuid::parse_str(items[0]["id"].as_str().expect("id")).expect("uuid"), pn)
}

/// `YYYY-MM-DD`, `days` from today (UTC).
pub fn in_days(days: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(days)).format("%Y-%m-%d").to_string()
}

fn ids(answer: &Answer) -> Vec<String> {
    answer.body["items"].as_array().expect("items").iter().map(|h| h["id"].as_str().expect("id").to_owned()).collect()
}

fn unit_names(holding: &Value) -> Vec<&str> {
    holding["units"].as_array().expect("units").iter().map(|u| u["name"].as_str().expect("name")).collect()
}

fn audit_actions(audit: &Answer) -> Vec<String> {
    audit.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|e| e["action"].as_str().map(str::to_owned))
        .collect()
}

both!(
    async fn a_completed_grant_makes_a_holding_and_a_completed_revoke_ends_it(app) {
        let mut body = lifecare(&app);
        body["valid_to"] = json!(in_days(30));
        let pn = pn_of(&body);
        let id = create(&app, &body).await.id();
        // Sent, not yet done: nobody holds anything.
        app.post(&format!("/orders/{id}/submit"), Role::OrdererP, &json!({})).await.expect(200);
        assert!(holdings_of(&app, Role::OrdererP, &pn).await.is_empty());
        app.post(&format!("/orders/{id}/take"), Role::It, &json!({})).await.expect(200);
        app.post(&format!("/orders/{id}/complete"), Role::It, &json!({})).await.expect(200);

        let items = holdings_of(&app, Role::OrdererP, &pn).await;
        assert_eq!(items.len(), 1);
        let h = &items[0];
        assert_eq!(h["provider_id"], app.fixture.provider_p.to_string());
        assert_eq!(h["provider_name"], "Omsorg Nord AB");
        assert_eq!(h["permission_id"], app.fixture.perm_lifecare.to_string());
        assert_eq!(h["permission_name"], "Utförare – dokumentera");
        assert_eq!(h["system_name"], "Lifecare");
        assert_eq!(unit_names(h), ["Boende Eken", "Boende Linden"]);
        assert_eq!(h["person"]["first_name"], "Karin");
        assert_eq!(h["person"]["last_name"], "Berg");
        assert_eq!(h["person"]["personal_number"], format!("{}-****", &pn[..8]), "masked in the list");
        assert_eq!(h["valid_to"], in_days(30));
        assert_eq!(h["active"], true);
        assert!(h["since"].is_string());
        assert_eq!(h["source_order_id"], id.to_string());
        assert_eq!(h["latest_order_id"], id.to_string());
        let holding_id = h["id"].as_str().expect("id").to_owned();
        // The detail shows the number whole.
        let detail = app.get(&format!("/holdings/{holding_id}"), Role::OrdererP2).await;
        detail.expect(200);
        assert_eq!(detail.body["person"]["personal_number"], pn.as_str());

        // A newer grant of the same permission for the same person updates the holding: its units
        // and end date are the newer order's.
        let mut again = body.clone();
        again["unit_ids"] = json!([app.fixture.units_p[2]]);
        again["valid_to"] = Value::Null;
        let newer = granted(&app, &again).await;
        let items = holdings_of(&app, Role::OrdererP, &pn).await;
        assert_eq!(items.len(), 1, "updated, not duplicated: {items:?}");
        assert_eq!(items[0]["id"], holding_id.as_str());
        assert_eq!(unit_names(&items[0]), ["Hemtjänst Gränby"]);
        assert_eq!(items[0]["valid_to"], Value::Null);
        assert_eq!(items[0]["source_order_id"], id.to_string());
        assert_eq!(items[0]["latest_order_id"], newer.to_string());

        // A revoke of the same permission for the same person, naming all its units, ends it.
        let revoke = json!({"kind": "revoke", "permission_id": app.fixture.perm_lifecare,
            "unit_ids": [app.fixture.units_p[2]],
            "subject": {"first_name": "Karin", "last_name": "Berg", "personal_number": pn}});
        let revoke_id = create(&app, &revoke).await.id();
        app.post(&format!("/orders/{revoke_id}/submit"), Role::OrdererP, &json!({})).await.expect(200);
        assert_eq!(holdings_of(&app, Role::OrdererP, &pn).await.len(), 1, "not before it is completed");
        app.post(&format!("/orders/{revoke_id}/take"), Role::It, &json!({})).await.expect(200);
        app.post(&format!("/orders/{revoke_id}/complete"), Role::It, &json!({})).await.expect(200);
        assert!(holdings_of(&app, Role::OrdererP, &pn).await.is_empty());
        let ended = app.get(&format!("/holdings?active=false&q={pn}"), Role::OrdererP).await;
        assert_eq!(ids(&ended), vec![holding_id.clone()]);
        assert_eq!(ended.body["items"][0]["active"], false);
        assert!(ended.body["items"][0]["ended_at"].is_string());
        assert_eq!(ended.body["items"][0]["ended_by_order_id"], revoke_id.to_string());

        // Granted again later: a new holding, the ended one stays as history.
        let third = granted(&app, &body).await;
        let items = holdings_of(&app, Role::OrdererP, &pn).await;
        assert_eq!(items.len(), 1);
        assert_ne!(items[0]["id"], holding_id.as_str());
        assert_eq!(items[0]["source_order_id"], third.to_string());

        let audit = app.get(&format!("/audit?provider_id={}&limit=200", app.fixture.provider_p), Role::Admin).await;
        let actions = audit_actions(&audit);
        for (action, n) in [("holding.created", 2), ("holding.updated", 1), ("holding.ended", 1)] {
            assert_eq!(actions.iter().filter(|a| *a == action).count(), n, "{action}: {actions:?}");
        }
    }
);

both!(
    async fn a_revoke_naming_some_units_removes_those_units(app) {
        let body = lifecare(&app); // units 0 and 1
        let pn = pn_of(&body);
        granted(&app, &body).await;
        let revoke = |units: Value| {
            json!({"kind": "revoke", "permission_id": app.fixture.perm_lifecare, "unit_ids": units,
                   "subject": {"first_name": "Karin", "last_name": "Berg", "personal_number": pn}})
        };
        granted(&app, &revoke(json!([app.fixture.units_p[0]]))).await;
        let items = holdings_of(&app, Role::OrdererP, &pn).await;
        assert_eq!(items.len(), 1, "still held on the other unit");
        assert_eq!(unit_names(&items[0]), ["Boende Eken"]);
        // A revoke naming none of its units changes nothing.
        granted(&app, &revoke(json!([app.fixture.units_p[2]]))).await;
        assert_eq!(unit_names(&holdings_of(&app, Role::OrdererP, &pn).await[0]), ["Boende Eken"]);
        // The last unit: it ends.
        granted(&app, &revoke(json!([app.fixture.units_p[1]]))).await;
        assert!(holdings_of(&app, Role::OrdererP, &pn).await.is_empty());
        // A revoke of something never held changes nothing either.
        let mut other = revoke(json!([app.fixture.units_p[0]]));
        other["subject"]["personal_number"] = json!(new_person());
        granted(&app, &other).await;
    }
);

both!(
    async fn each_role_sees_the_holdings_the_table_says(app) {
        let (p, q) = (app.fixture.provider_p, app.fixture.provider_q);
        // Two holdings of P (Siebel, Lifecare), one of Q (Siebel).
        let siebel_p = siebel(&app);
        let siebel_pn = pn_of(&siebel_p);
        granted(&app, &siebel_p).await;
        let mut lifecare_p = lifecare(&app);
        lifecare_p["subject"]["first_name"] = json!("Åsa");
        lifecare_p["subject"]["last_name"] = json!("Öberg");
        let lifecare_pn = pn_of(&lifecare_p);
        granted(&app, &lifecare_p).await;
        let mut siebel_q = siebel(&app);
        siebel_q["unit_ids"] = json!([app.fixture.units_q[0]]);
        siebel_q["subject"]["last_name"] = json!("Lund");
        let q_order = app.post("/orders", Role::OrdererQ, &siebel_q).await.expect(201).id();
        complete_as(&app, q_order, Role::OrdererQ).await;

        let names = |a: &Answer| -> Vec<String> {
            a.expect(200);
            a.body["items"].as_array().expect("items").iter().map(|h| h["person"]["last_name"].as_str().expect("name").to_owned()).collect()
        };
        assert_eq!(names(&app.get("/holdings", Role::OrdererP).await), ["Berg", "Öberg"]);
        assert_eq!(names(&app.get("/holdings", Role::OrdererP2).await), ["Berg", "Öberg"]);
        assert_eq!(names(&app.get("/holdings", Role::OrdererQ).await), ["Lund"]);
        assert_eq!(names(&app.get("/holdings", Role::It).await), ["Berg", "Lund", "Öberg"]);
        assert_eq!(names(&app.get("/holdings", Role::Admin).await), ["Berg", "Lund", "Öberg"]);
        app.get("/holdings", Role::MemberP).await.expect_problem(403, "forbidden");
        app.get("/holdings", Role::Anonymous).await.expect_problem(401, "unauthorized");
        app.get(&format!("/holdings?provider_id={p}"), Role::OrdererQ).await.expect_problem(404, "not_found");
        assert_eq!(names(&app.get(&format!("/holdings?provider_id={q}"), Role::It).await), ["Lund"]);

        // One holding: P's orderers, IT and support read it; Q's orderer and P's member cannot see it.
        let p_holding = holdings_of(&app, Role::OrdererP, &siebel_pn).await[0]["id"].as_str().expect("id").to_owned();
        for role in [Role::OrdererP, Role::It, Role::Admin] {
            app.get(&format!("/holdings/{p_holding}"), role).await.expect(200);
        }
        for role in [Role::OrdererQ, Role::MemberP] {
            app.get(&format!("/holdings/{p_holding}"), role).await.expect_problem(404, "not_found");
        }
        app.get(&format!("/holdings/{}", Uuid::now_v7()), Role::Admin).await.expect_problem(404, "not_found");

        // Filters: system, name (any case, any part), personal number in any accepted form.
        assert_eq!(names(&app.get(&format!("/holdings?system_id={}", app.fixture.lifecare), Role::It).await), ["Öberg"]);
        assert_eq!(names(&app.get("/holdings?q=%C3%B6BERG", Role::OrdererP).await), ["Öberg"]);
        assert_eq!(names(&app.get("/holdings?q=%C3%85sa", Role::OrdererP).await), ["Öberg"]);
        for form in [lifecare_pn.clone(), lifecare_pn.replace('-', ""), lifecare_pn[2..].to_owned()] {
            assert_eq!(names(&app.get(&format!("/holdings?q={form}"), Role::OrdererP).await), ["Öberg"], "{form}");
        }
        assert_eq!(names(&app.get(&format!("/holdings?q={siebel_pn}"), Role::OrdererQ).await), Vec::<String>::new());
        let list = app.get("/holdings", Role::It).await;
        assert!(!list.text.contains(&lifecare_pn) && !list.text.contains(&siebel_pn), "lists never show a whole number");
        app.get("/holdings?active=maybe", Role::It).await.expect_problem(400, "invalid_query");
        app.get("/holdings?cursor=zz", Role::It).await.expect_problem(400, "invalid_query");
    }
);

/// First names of the caller's holdings as `query` finds them, two to a page, following the cursor.
async fn first_names_by_page(app: &TestApp, query: &str) -> Vec<String> {
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/holdings?limit=2&{query}&cursor={c}"),
            None => format!("/holdings?limit=2&{query}"),
        };
        let page = app.get(&path, Role::OrdererP).await;
        page.expect(200);
        assert!(page.body["items"].as_array().expect("items").len() <= 2);
        for item in page.body["items"].as_array().expect("items") {
            seen.push(item["person"]["first_name"].as_str().expect("name").to_owned());
        }
        match page.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return seen,
        }
    }
}

both!(
    async fn the_list_pages_by_name(app) {
        for (first, last) in [("Anna", "Öberg"), ("Bo", "Ek"), ("Cecilia", "Ek"), ("David", "Andersson"), ("Eva", "Holm")] {
            let mut body = siebel(&app);
            body["subject"]["first_name"] = json!(first);
            body["subject"]["last_name"] = json!(last);
            body["subject"]["email"] = json!(format!("{}@granby.example", first.to_lowercase()));
            granted(&app, &body).await;
        }
        assert_eq!(first_names_by_page(&app, "").await, ["David", "Bo", "Cecilia", "Eva", "Anna"]);
        // A search of three characters or more sorts its matches another way on PostgreSQL (by the
        // trigram index, not by walking the name index): the same order, the same pages.
        assert_eq!(first_names_by_page(&app, "q=granby.example").await, ["David", "Bo", "Cecilia", "Eva", "Anna"]);
        assert_eq!(first_names_by_page(&app, "q=ek").await, ["Bo", "Cecilia"]);
        assert_eq!(first_names_by_page(&app, "q=%20Cecilia%20EK%20").await, ["Cecilia"]);
    }
);

both!(
    async fn the_csv_export_lists_who_holds_what(app) {
        let mut body = lifecare(&app);
        body["subject"]["first_name"] = json!("Karin \"Kajsa\"");
        body["valid_to"] = json!(in_days(60));
        let pn = pn_of(&body);
        granted(&app, &body).await;
        let mut q_body = siebel(&app);
        q_body["unit_ids"] = json!([app.fixture.units_q[0]]);
        let q_order = app.post("/orders", Role::OrdererQ, &q_body).await.expect(201).id();
        complete_as(&app, q_order, Role::OrdererQ).await;

        let csv = app.send(app.request(reqwest::Method::GET, "/holdings", Role::OrdererP).header("accept", "text/csv")).await;
        csv.expect(200);
        assert!(csv.header("content-type").is_some_and(|c| c.starts_with("text/csv")), "{:?}", csv.header("content-type"));
        assert_eq!(csv.header("content-disposition"), Some("attachment; filename=\"behorighetsinnehav.csv\""));
        let today = chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string();
        let expected = format!(
            "name,personal_number,provider,system,permission,units,since,valid_to\r\n\
             \"Karin \"\"Kajsa\"\" Berg\",{}-****,Omsorg Nord AB,Lifecare,Utförare – dokumentera,Boende Eken; Boende Linden,{today},{}\r\n",
            &pn[..8],
            in_days(60)
        );
        assert_eq!(csv.text, expected, "only P's, masked");
        // IT exports everyone's; the filters apply; JSON stays the default.
        let all = app.send(app.request(reqwest::Method::GET, "/holdings", Role::It).header("accept", "text/csv")).await;
        assert_eq!(all.text.lines().count(), 3, "{}", all.text);
        let filtered = app
            .send(app.request(reqwest::Method::GET, &format!("/holdings?provider_id={}", app.fixture.provider_q), Role::It).header("accept", "text/csv"))
            .await;
        assert_eq!(filtered.text.lines().count(), 2, "{}", filtered.text);
        assert!(filtered.text.contains("Hemtjänst Syd Ekonomisk förening"));
        let unsupported = app.send(app.request(reqwest::Method::GET, "/holdings", Role::It).header("accept", "application/xml")).await;
        unsupported.expect_problem(406, "not_acceptable");
        app.send(app.request(reqwest::Method::GET, "/holdings", Role::MemberP).header("accept", "text/csv")).await.expect_problem(403, "forbidden");
    }
);

/// Rows a streamed export reads per query (`EXPORT_PAGE_ROWS` in api/src/csv.rs).
const EXPORT_PAGE_ROWS: usize = 500;

/// One person given a copy of a holding by [`copy_holding`].
struct Copied {
    id: Uuid,
    last_name: &'static str,
    first_name: &'static str,
    /// Twelve digits; the first eight, all the export shows, differ from person to person.
    personal_number: String,
}

/// Gives each of `people` a copy of holding `source` (provider, permission, units, dates) in one transaction.
async fn copy_holding(app: &TestApp, source: &str, people: &[Copied]) {
    use sea_orm::{ConnectionTrait, Statement, TransactionTrait, Value as DbValue};
    let p = |n: usize| match app.backend {
        Backend::Postgres => format!("${n}"),
        Backend::Sqlite => "?".to_owned(),
    };
    let copy_holding = format!(
        "INSERT INTO holdings (id, first_name, last_name, personal_number, search_text, provider_id, permission_id, \
         system_id, email, since, valid_to, source_order_id, latest_order_id, justification, created_at, updated_at) \
         SELECT {}, {}, {}, {}, {}, provider_id, permission_id, system_id, email, since, valid_to, source_order_id, \
         latest_order_id, justification, created_at, updated_at FROM holdings WHERE id = {}",
        p(1),
        p(2),
        p(3),
        p(4),
        p(5),
        p(6)
    );
    let copy_units = format!(
        "INSERT INTO holding_units (holding_id, unit_id) SELECT {}, unit_id FROM holding_units WHERE holding_id = {}",
        p(1),
        p(2)
    );
    let source = Uuid::parse_str(source).expect("uuid");
    let db = app.db.connect().await;
    let txn = db.begin().await.expect("begin");
    let backend = txn.get_database_backend();
    for person in people {
        let search = format!("{} {}", person.first_name, person.last_name).to_lowercase();
        let values: [DbValue; 6] = [
            person.id.into(),
            person.first_name.into(),
            person.last_name.into(),
            person.personal_number.clone().into(),
            search.into(),
            source.into(),
        ];
        txn.execute_raw(Statement::from_sql_and_values(backend, &copy_holding, values)).await.expect("holding");
        let values: [DbValue; 2] = [person.id.into(), source.into()];
        txn.execute_raw(Statement::from_sql_and_values(backend, &copy_units, values)).await.expect("units");
    }
    txn.commit().await.expect("commit");
    let _ = db.close().await;
}

/// `n` people from the `from`th: most share one name, so the order by id runs across a page's end.
fn people(from: usize, n: usize) -> Vec<Copied> {
    let start = chrono::NaiveDate::from_ymd_opt(1940, 1, 1).expect("date");
    (from..from + n)
        .map(|i| {
            let (last_name, first_name) = if i < from + n - n / 3 { ("Ek", "Anna") } else { ("Lind", "Bo") };
            let born = (start + chrono::Duration::days(i as i64)).format("%Y%m%d");
            Copied { id: Uuid::new_v4(), last_name, first_name, personal_number: format!("{born}1234") }
        })
        .collect()
}

/// The export's lines the list's order gives `people` (by last name, first name, id), after `first`.
fn export_lines(first: &str, people: &[Copied]) -> Vec<String> {
    let rest = first.splitn(3, ',').nth(2).expect("provider onwards");
    let mut sorted: Vec<&Copied> = people.iter().collect();
    sorted.sort_by_key(|p| (p.last_name, p.first_name, p.id.to_string()));
    let mut lines = vec![first.to_owned()];
    lines.extend(
        sorted.iter().map(|p| format!("{} {},{}-****,{rest}", p.first_name, p.last_name, &p.personal_number[..8])),
    );
    lines
}

both!(
    /// Streamed by page: the header once, every holding once and in order, also when the last page is full.
    async fn the_csv_export_streams_every_holding_once_in_order(app) {
        granted(&app, &siebel(&app)).await;
        let one = app.get("/holdings/export", Role::It).await;
        one.expect(200);
        let lines: Vec<&str> = one.text.split_terminator("\r\n").collect();
        assert_eq!(lines.len(), 2, "{}", one.text);
        let (header, karin) = (lines[0].to_owned(), lines[1].to_owned());
        assert!(karin.starts_with("Karin Berg,"), "{karin}");
        let source = app.get("/holdings", Role::It).await.body["items"][0]["id"].as_str().expect("id").to_owned();

        // Two full pages, then one row more.
        let mut seeded = people(0, 2 * EXPORT_PAGE_ROWS - 1);
        copy_holding(&app, &source, &seeded).await;
        for extra in [0, 1] {
            if extra == 1 {
                let more = people(seeded.len(), 1);
                copy_holding(&app, &source, &more).await;
                seeded.extend(more);
            }
            let export = app.get("/holdings/export", Role::It).await;
            export.expect(200);
            assert_eq!(export.header("content-type"), Some("text/csv; charset=utf-8"));
            assert_eq!(export.header("content-disposition"), Some("attachment; filename=\"behorighetsinnehav.csv\""));
            assert!(export.text.ends_with("\r\n"), "the last line is whole");
            let got: Vec<&str> = export.text.split_terminator("\r\n").collect();
            assert_eq!(got.len(), 2 * EXPORT_PAGE_ROWS + 1 + extra, "the header and every holding");
            assert_eq!(got[0], header);
            assert_eq!(got.iter().filter(|l| **l == header).count(), 1, "the header once");
            assert_eq!(got[1..], export_lines(&karin, &seeded)[..], "every holding once, in order");
            // The list asked for CSV answers the same.
            let listed = app.send(app.request(reqwest::Method::GET, "/holdings", Role::It).header("accept", "text/csv")).await;
            assert_eq!(listed.text, export.text);
        }
        // An orderer of another provider sees none of them; refusals are still problems.
        let q = app.get("/holdings/export", Role::OrdererQ).await;
        assert_eq!(q.text, format!("{header}\r\n"));
        app.get("/holdings/export", Role::MemberP).await.expect_problem(403, "forbidden");
        app.get(&format!("/holdings/export?provider_id={}", app.fixture.provider_p), Role::OrdererQ).await.expect_problem(404, "not_found");
    }
);

both!(
    async fn orderers_change_end_dates_and_the_audit_log_records_it(app) {
        let (id, _) = holding_of_p(&app).await;
        let path = format!("/holdings/{id}");
        let later = in_days(90);
        let changed = app.patch(&path, Role::OrdererP, &json!({"valid_to": later})).await;
        changed.expect(200);
        assert_eq!(changed.body["valid_to"], later.as_str());
        assert_eq!(app.get(&path, Role::It).await.body["valid_to"], later.as_str());
        // Today is allowed; null removes the end date.
        app.patch(&path, Role::OrdererP2, &json!({"valid_to": in_days(0)})).await.expect(200);
        let removed = app.patch(&path, Role::OrdererP, &json!({"valid_to": null})).await;
        removed.expect(200);
        assert_eq!(removed.body["valid_to"], Value::Null);

        // Refused: the past, not a date, nothing said, unknown fields; every problem at once.
        app.patch(&path, Role::OrdererP, &json!({"valid_to": in_days(-1)})).await.expect_field_error("valid_to", "value_not_allowed");
        app.patch(&path, Role::OrdererP, &json!({"valid_to": "31/12/2027"})).await.expect_field_error("valid_to", "invalid_format");
        app.patch(&path, Role::OrdererP, &json!({})).await.expect_field_error("valid_to", "required");
        let both = app.patch(&path, Role::OrdererP, &json!({"valid_to": 2027, "units": []})).await;
        assert_eq!(
            both.expect_problem(422, "validation_failed").field_errors(),
            vec![("units".to_owned(), "unknown_field".to_owned()), ("valid_to".to_owned(), "invalid_format".to_owned())]
        );
        // Only the provider's orderers change it.
        app.patch(&path, Role::It, &json!({"valid_to": later})).await.expect_problem(403, "forbidden");
        app.patch(&path, Role::Admin, &json!({"valid_to": later})).await.expect_problem(403, "forbidden");
        app.patch(&path, Role::OrdererQ, &json!({"valid_to": later})).await.expect_problem(404, "not_found");
        app.patch(&path, Role::MemberP, &json!({"valid_to": later})).await.expect_problem(404, "not_found");

        let audit = app.get(&format!("/audit?provider_id={}&limit=200", app.fixture.provider_p), Role::Admin).await;
        let changes: Vec<&Value> = audit.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|e| e["action"] == "holding.valid_to_changed")
            .collect();
        assert_eq!(changes.len(), 3, "{}", audit.text);
        // Newest first.
        assert_eq!(changes[0]["object_id"], id.to_string());
        assert_eq!(changes[0]["actor_id"], app.fixture.account(Role::OrdererP).id.to_string());
        assert_eq!(changes[0]["details"], json!({"from": in_days(0), "to": null}));
        assert_eq!(changes[2]["details"], json!({"from": null, "to": later}));
    }
);

both!(
    async fn an_ended_holding_keeps_its_end_date(app) {
        let (id, pn) = holding_of_p(&app).await;
        let revoke = json!({"kind": "revoke", "permission_id": app.fixture.perm_siebel, "unit_ids": [app.fixture.units_p[0]],
                            "subject": {"first_name": "Karin", "last_name": "Berg", "personal_number": pn}});
        granted(&app, &revoke).await;
        app.patch(&format!("/holdings/{id}"), Role::OrdererP, &json!({"valid_to": in_days(10)}))
            .await
            .expect_problem(409, "already_ended");
    }
);

both!(
    async fn revoking_everything_a_leaver_holds_makes_one_sent_order_per_holding(app) {
        let (p, q) = (app.fixture.provider_p, app.fixture.provider_q);
        let pn = new_person();
        let person = json!({"first_name": "Lena", "last_name": "Ek", "personal_number": pn, "email": "lena.ek@omsorgnord.example"});
        // Three permissions at P, one at Q.
        let mut siebel_body = siebel(&app);
        siebel_body["subject"] = person.clone();
        siebel_body["unit_ids"] = json!([app.fixture.units_p[0], app.fixture.units_p[2]]);
        granted(&app, &siebel_body).await;
        let mut lifecare_body = lifecare(&app);
        lifecare_body["subject"] = person.clone();
        granted(&app, &lifecare_body).await;
        let cosmic = json!({"permission_id": app.fixture.perm_cosmic, "unit_ids": [app.fixture.units_p[1]],
                            "subject": person, "profession": "Sjuksköterska"});
        granted(&app, &cosmic).await;
        let mut at_q = siebel(&app);
        at_q["subject"] = person.clone();
        at_q["unit_ids"] = json!([app.fixture.units_q[1]]);
        let q_order = app.post("/orders", Role::OrdererQ, &at_q).await.expect(201).id();
        complete_as(&app, q_order, Role::OrdererQ).await;
        let held = holdings_of(&app, Role::OrdererP, &pn).await;
        assert_eq!(held.len(), 3);

        // Refused: IT and support do not order; Q's orderer does not order for P; bad and own numbers.
        let body = json!({"provider_id": p, "personal_number": pn[2..].to_owned(), "comment": "Slutar 31 december."});
        app.post("/holdings/revoke", Role::It, &body).await.expect_problem(403, "forbidden");
        app.post("/holdings/revoke", Role::Admin, &body).await.expect_problem(403, "forbidden");
        app.post("/holdings/revoke", Role::OrdererQ, &body).await.expect_problem(403, "no_ordering_right");
        app.post("/holdings/revoke", Role::MemberP, &body).await.expect_problem(403, "no_ordering_right");
        let bad = app.post("/holdings/revoke", Role::OrdererP, &json!({"personal_number": "19121212-1213", "extra": 1})).await;
        assert_eq!(
            bad.expect_problem(422, "validation_failed").field_errors(),
            vec![("extra".to_owned(), "unknown_field".to_owned()), ("personal_number".to_owned(), "invalid_personal_number".to_owned())]
        );
        app.post("/holdings/revoke", Role::OrdererP, &json!({})).await.expect_field_error("personal_number", "required");
        let own = app.fixture.account(Role::OrdererP).personal_number.clone().expect("Anna has a personal number");
        app.post("/holdings/revoke", Role::OrdererP, &json!({"personal_number": own}))
            .await
            .expect_field_error("personal_number", "self_order_forbidden");
        app.post("/holdings/revoke", Role::OrdererP, &json!({"personal_number": new_person()}))
            .await
            .expect_field_error("personal_number", "no_active_holdings");

        // One revoke order per holding at P, each sent to IT, naming all the holding's units.
        let answer = app.post("/holdings/revoke", Role::OrdererP, &body).await;
        answer.expect(201);
        let orders = answer.body["items"].as_array().expect("items");
        assert_eq!(orders.len(), 3, "{}", answer.text);
        let anna = app.fixture.account(Role::OrdererP).id.to_string();
        for order in orders {
            assert_eq!(order["kind"], "revoke");
            assert_eq!(order["status"], "submitted");
            assert_eq!(order["provider_id"], p.to_string());
            assert_eq!(order["subject"]["personal_number"], pn.as_str());
            assert_eq!(order["created_by"], anna.as_str());
            assert_eq!(order["submitted_by"], anna.as_str());
            assert_eq!(order["comment"], "Slutar 31 december.");
            let holding = held.iter().find(|h| h["permission_id"] == order["permission_id"]).expect("its holding");
            let units: Vec<&Value> = holding["units"].as_array().expect("units").iter().map(|u| &u["id"]).collect();
            let order_units: Vec<&Value> = order["units"].as_array().expect("units").iter().map(|u| &u["id"]).collect();
            assert_eq!(order_units, units);
            let history = app.get(&format!("/orders/{}/history", order["id"].as_str().expect("id")), Role::It).await;
            let steps: Vec<(&str, &str)> = history.body["items"].as_array().expect("items").iter()
                .map(|s| (s["action"].as_str().expect("action"), s["actor_name"].as_str().expect("name"))).collect();
            assert_eq!(steps, [("created", "Anna Lind"), ("submitted", "Anna Lind")]);
        }
        let queue = app.get(&format!("/orders?status=submitted&kind=revoke&provider_id={p}"), Role::It).await;
        assert_eq!(queue.body["items"].as_array().expect("items").len(), 3);
        // Nothing at Q was touched.
        assert_eq!(app.get(&format!("/orders?provider_id={q}&kind=revoke"), Role::It).await.body["items"].as_array().expect("items").len(), 0);

        // Asking again makes nothing: every holding is already being revoked.
        let again = app.post("/holdings/revoke", Role::OrdererP2, &body).await;
        again.expect(201);
        assert_eq!(again.body["items"], json!([]));

        // IT completes them: the person holds nothing at P any more, still at Q.
        for order in orders {
            let id = order["id"].as_str().expect("id");
            app.post(&format!("/orders/{id}/take"), Role::It, &json!({})).await.expect(200);
            app.post(&format!("/orders/{id}/complete"), Role::It, &json!({})).await.expect(200);
        }
        assert!(holdings_of(&app, Role::OrdererP, &pn).await.is_empty());
        assert_eq!(holdings_of(&app, Role::OrdererQ, &pn).await.len(), 1);
        app.post("/holdings/revoke", Role::OrdererP, &body).await.expect_field_error("personal_number", "no_active_holdings");
        let audit = app.get(&format!("/audit?provider_id={p}&limit=200"), Role::Admin).await;
        assert_eq!(audit_actions(&audit).iter().filter(|a| *a == "holdings.revoked_all").count(), 2);
    }
);

both!(
    async fn a_draft_revoke_order_stops_revoke_all_and_nothing_is_made(app) {
        let pn = new_person();
        let person = json!({"first_name": "Lena", "last_name": "Ek", "personal_number": pn});
        let mut one = siebel(&app);
        one["subject"] = person.clone();
        granted(&app, &one).await;
        let mut two = lifecare(&app);
        two["subject"] = person.clone();
        granted(&app, &two).await;
        let draft = json!({"kind": "revoke", "permission_id": app.fixture.perm_lifecare, "unit_ids": [app.fixture.units_p[0]],
                           "subject": person});
        create(&app, &draft).await;
        let before = app.get("/orders?kind=revoke&status=submitted", Role::It).await.body["items"].as_array().expect("items").len();
        app.post("/holdings/revoke", Role::OrdererP, &json!({"personal_number": pn}))
            .await
            .expect_problem(409, "duplicate_open_order");
        let after = app.get("/orders?kind=revoke&status=submitted", Role::It).await.body["items"].as_array().expect("items").len();
        assert_eq!(before, after, "all or nothing");
    }
);
