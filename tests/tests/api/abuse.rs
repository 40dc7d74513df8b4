//! Abuse of the API (OWASP API4 and friends): NUL bytes and huge strings in every body, NUL bytes
//! and garbage cursors in queries, page sizes and body sizes capped on every route, CORS only for
//! the configured origins, and the security headers on the SPA and on API answers.
//!
//! The body and list cases come from the route × role table and the OpenAPI document, so a new
//! route (orders, say) is covered as soon as it has its row.

use crate::route_roles::{Case, Req, table};
use serde_json::json;
use sesam_tests::{Backend, Role, ServerOptions, TestApp, both};
use std::collections::BTreeSet;

/// The request of a case made as the first role that the table allows (a 2xx).
async fn allowed_request(app: &TestApp, case: &Case) -> Option<(Role, Req)> {
    let (role, _) = Role::TABLE.iter().zip(case.expect).find(|(_, s)| *s < 300)?;
    Some((*role, (case.make)(app, *role).await))
}

fn method(case: &Case) -> reqwest::Method {
    reqwest::Method::from_bytes(case.method.to_uppercase().as_bytes()).expect("method")
}

/// Every leaf of a body, nested ones included (`subject.personal_number`, `items[0].unit_ids[0]`),
/// as a JSON pointer and as the field path a 422 names.
fn leaves(value: &serde_json::Value, pointer: &str, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                leaves(v, &format!("{pointer}/{k}"), &p, out);
            }
        }
        serde_json::Value::Array(items) if !items.is_empty() => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, &format!("{pointer}/{i}"), &format!("{path}[{i}]"), out);
            }
        }
        _ if !path.is_empty() => out.push((pointer.to_owned(), path.to_owned())),
        _ => {}
    }
}

both!(
    async fn nul_bytes_and_huge_strings_are_refused_in_every_body_field(app) {
        let mut failures = Vec::new();
        let mut tried = 0;
        for case in table() {
            let Some((role, Req { path, body: Some(body) })) = allowed_request(&app, &case).await else { continue };
            let mut fields = Vec::new();
            leaves(&body, "", "", &mut fields);
            for (pointer, field) in fields {
                for (what, value, code) in [
                    ("a NUL byte", json!("Omsorg\u{0}Nord"), Some("invalid_format")),
                    ("a huge string", json!("x".repeat(30_000)), None),
                ] {
                    let mut bad = body.clone();
                    *bad.pointer_mut(&pointer).expect("the leaf") = value;
                    let before = app.fingerprint().await;
                    let answer = app.send(app.request(method(&case), &path, role).json(&bad)).await;
                    tried += 1;
                    let at_field = answer.field_errors().into_iter().filter(|(f, _)| *f == field).map(|(_, c)| c).collect::<Vec<_>>();
                    let ok = answer.status == 422
                        && answer.header("content-type").is_some_and(|c| c.starts_with("application/problem+json"))
                        && !at_field.is_empty()
                        && code.is_none_or(|c| at_field.iter().any(|a| a == c));
                    // The batch answers 200 with a result per item: then the item is the 422, naming its own field.
                    let batch_item_refused = answer.status == 200
                        && field.strip_prefix("items[0].").is_some_and(|inner| {
                            let item = &answer.body["items"][0];
                            item["status"] == 422
                                && item["problem"]["errors"].as_array().is_some_and(|es| {
                                    es.iter().any(|e| e["field"] == inner && code.is_none_or(|c| e["code"] == c))
                                })
                        });
                    let ok = ok || batch_item_refused;
                    if !ok {
                        failures.push(format!("{} {path} with {what} in `{field}`: {} {}", case.method, answer.status, answer.text.chars().take(300).collect::<String>()));
                    }
                    if before != app.fingerprint().await {
                        failures.push(format!("{} {path} with {what} in `{field}`: the database changed", case.method));
                    }
                }
            }
        }
        assert!(tried > 40, "only {tried} cases");
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    }
);

both!(
    async fn every_body_is_capped(app) {
        let mut failures = Vec::new();
        for case in table() {
            let Some((role, Req { path, body: Some(body) })) = allowed_request(&app, &case).await else { continue };
            let mut big = body.clone();
            // An empty body (a transition without a note) gets a field of its own: the size is refused first.
            let field = body.as_object().expect("object").keys().next().cloned().unwrap_or_else(|| "padding".into());
            // The batch of orders may be larger (1 MiB, `orders::routes::BATCH_BODY_LIMIT`); the rest 64 KiB.
            let cap = if case.route == "/api/v1/orders/batch" { 1024 * 1024 } else { 64 * 1024 };
            big[&field] = json!("x".repeat(cap + 1024));
            let answer = app.send(app.request(method(&case), &path, role).json(&big)).await;
            if answer.status != 413 || answer.body["code"] != "payload_too_large" {
                failures.push(format!("{} {path}: {} {}", case.method, answer.status, answer.text.chars().take(200).collect::<String>()));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        // Without a Content-Length (chunked), the cap holds as the body streams in.
        let token = app.token(Role::Admin).expect("token");
        let mut chunks = vec![b"{\"name\": \"".to_vec()];
        chunks.extend((0..80).map(|_| vec![b'x'; 1024]));
        chunks.push(b"\"}".to_vec());
        let head = format!("POST /api/v1/providers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        let answer = sesam_tests::raw_http(&app.server.base_url, head.as_bytes(), &chunks, std::time::Duration::ZERO).await;
        assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
        assert!(answer.contains("payload_too_large"), "{answer}");
    }
);

/// The list routes (those with a `limit` parameter) of the document.
async fn list_routes(app: &TestApp) -> BTreeSet<String> {
    let doc = app.get("/api/v1/openapi.json", Role::Anonymous).await.body;
    let mut lists = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let params = item["get"]["parameters"].as_array().cloned().unwrap_or_default();
        if params.iter().any(|p| p["name"] == "limit") {
            lists.insert(path.clone());
        }
    }
    lists
}

both!(
    async fn queries_with_nul_bytes_garbage_cursors_or_huge_pages_are_400(app) {
        let lists = list_routes(&app).await;
        assert!(lists.len() >= 8, "{lists:?}");
        let mut failures = Vec::new();
        let mut seen = BTreeSet::new();
        for case in table() {
            if case.method != "get" {
                continue;
            }
            let Some((role, Req { path, .. })) = allowed_request(&app, &case).await else { continue };
            let sep = if path.contains('?') { '&' } else { '?' };
            let mut probes = vec![(format!("{path}{sep}q=Omsorg%00Nord"), 400, "invalid_query")];
            if lists.contains(case.route) {
                seen.insert(case.route);
                probes.extend([
                    // Found by fuzzing: a multi-byte character in the cursor panicked a worker.
                    (format!("{path}{sep}cursor=%F2%91%8A%9E"), 400, "invalid_query"),
                    (format!("{path}{sep}cursor=zz"), 400, "invalid_query"),
                    (format!("{path}{sep}cursor={}", "ab".repeat(1100)), 400, "invalid_query"),
                    (format!("{path}{sep}limit=201"), 400, "invalid_query"),
                    (format!("{path}{sep}limit=0"), 400, "invalid_query"),
                    (format!("{path}{sep}limit=-1"), 400, "invalid_query"),
                    (format!("{path}{sep}limit=99999999999999999999"), 400, "invalid_query"),
                    (format!("{path}{sep}limit=200"), 200, ""),
                ]);
            }
            for (url, status, code) in probes {
                let answer = app.send(app.request(reqwest::Method::GET, &url, role)).await;
                let ok = answer.status == status && (status < 400 || answer.body["code"] == code);
                if !ok {
                    failures.push(format!("GET {url} as {role:?}: {} {}", answer.status, answer.text.chars().take(200).collect::<String>()));
                }
            }
        }
        let unseen: Vec<_> = lists.iter().filter(|l| !seen.contains(l.as_str())).collect();
        assert!(unseen.is_empty(), "lists without a GET row: {unseen:?}");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        // The server is still whole.
        app.get("/health/live", Role::Anonymous).await.expect(200);
        app.get("/permissions", Role::Anonymous).await.expect(200);
    }
);

const ALLOWED: &str = "https://sesam.kommun.example";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_answers_only_the_configured_origins() {
    let options = ServerOptions {
        env: vec![("SESAM_CORS_ORIGINS".into(), format!("{ALLOWED}, https://admin.kommun.example/"))],
        ..Default::default()
    };
    let app = TestApp::spawn_with(Backend::Sqlite, "abuse::cors", options).await;
    let preflight = |origin: &'static str| {
        app.send(
            app.client
                .request(reqwest::Method::OPTIONS, app.url("/me"))
                .header("origin", origin)
                .header("access-control-request-method", "GET")
                .header("access-control-request-headers", "authorization"),
        )
    };
    // An allowed origin: the preflight and the request itself say so.
    let answer = preflight(ALLOWED).await;
    assert!(answer.status < 300, "{} {}", answer.status, answer.text);
    assert_eq!(answer.header("access-control-allow-origin"), Some(ALLOWED));
    assert!(answer.header("access-control-allow-methods").is_some_and(|m| m.contains("GET")));
    assert!(answer.header("access-control-allow-headers").is_some_and(|h| h.to_lowercase().contains("authorization")));
    let answer = app.send(app.request(reqwest::Method::GET, "/me", Role::OrdererP).header("origin", ALLOWED)).await;
    answer.expect(200);
    assert_eq!(answer.header("access-control-allow-origin"), Some(ALLOWED));
    // The second configured origin (given with a trailing slash) too.
    let answer = preflight("https://admin.kommun.example").await;
    assert_eq!(answer.header("access-control-allow-origin"), Some("https://admin.kommun.example"));
    // Any other origin gets no CORS headers, on the preflight or on the request: the browser blocks it.
    for origin in
        ["https://evil.example", "https://sesam.kommun.example.evil.example", "null", "http://sesam.kommun.example"]
    {
        let answer = app
            .send(
                app.client
                    .request(reqwest::Method::OPTIONS, app.url("/me"))
                    .header("origin", origin)
                    .header("access-control-request-method", "GET"),
            )
            .await;
        assert!(answer.header("access-control-allow-origin").is_none(), "{origin}: {:?}", answer.headers);
        let answer = app.send(app.request(reqwest::Method::GET, "/me", Role::OrdererP).header("origin", origin)).await;
        assert!(answer.header("access-control-allow-origin").is_none(), "{origin}");
        assert!(answer.header("access-control-allow-credentials").is_none(), "{origin}");
    }
    // Same-origin requests carry an Origin header too (POST from the SPA): they work, without CORS headers.
    let own = app.server.base_url.clone();
    let answer = app
        .send(
            app.request(reqwest::Method::POST, "/providers", Role::Admin)
                .header("origin", own.as_str())
                .json(&json!({"name": "Samma Ursprung AB"})),
        )
        .await;
    answer.expect(201);
    assert!(answer.header("access-control-allow-origin").is_none());
    let answer = app
        .send(
            app.client
                .post(app.url("/auth/login"))
                .header("origin", own.as_str())
                .json(&json!({"email": "anna.lind@omsorgnord.example", "password": sesam_tests::PASSWORD})),
        )
        .await;
    answer.expect(200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_configured_origins_no_origin_gets_cors_headers() {
    let app = TestApp::spawn(Backend::Sqlite, "abuse::no_cors").await;
    let answer = app
        .send(
            app.client
                .request(reqwest::Method::OPTIONS, app.url("/me"))
                .header("origin", ALLOWED)
                .header("access-control-request-method", "GET"),
        )
        .await;
    assert!(answer.header("access-control-allow-origin").is_none());
    let answer = app.send(app.request(reqwest::Method::GET, "/me", Role::OrdererP).header("origin", ALLOWED)).await;
    answer.expect(200);
    assert!(answer.header("access-control-allow-origin").is_none());
}

fn assert_common_headers(what: &str, answer: &sesam_tests::Answer) {
    assert_eq!(answer.header("x-content-type-options"), Some("nosniff"), "{what}");
    assert_eq!(answer.header("referrer-policy"), Some("no-referrer"), "{what}");
    assert_eq!(answer.header("x-frame-options"), Some("DENY"), "{what}");
    assert!(answer.headers.get_all("content-security-policy").iter().count() == 1, "{what}: one CSP");
}

/// The CSP's directives as a map.
fn csp(answer: &sesam_tests::Answer) -> std::collections::BTreeMap<String, String> {
    answer
        .header("content-security-policy")
        .unwrap_or_default()
        .split(';')
        .filter_map(|d| {
            let d = d.trim();
            let (name, value) = d.split_once(' ').unwrap_or((d, ""));
            (!name.is_empty()).then(|| (name.to_owned(), value.trim().to_owned()))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_spa_and_the_api_send_strict_security_headers() {
    let dir = sesam_tests::workspace_root().join("target/test-scratch/spa-headers");
    std::fs::create_dir_all(dir.join("assets")).expect("dir");
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><html lang=\"sv\"><head><script type=\"module\" src=\"/assets/app.js\"></script></head><body><div id=\"root\"></div></body></html>",
    )
    .expect("index");
    std::fs::write(dir.join("assets/app.js"), "export {}").expect("asset");
    let options =
        ServerOptions { env: vec![("SESAM_FRONTEND_DIR".into(), dir.display().to_string())], ..Default::default() };
    let app = TestApp::spawn_with(Backend::Sqlite, "abuse::headers", options).await;

    // The SPA's index.html (at / and at a client route): its own origin only, no inline script, no framing.
    for path in ["/", "/bestallningar/ny"] {
        let page = app.send(app.client.get(format!("{}{path}", app.server.base_url))).await;
        page.expect(200);
        assert!(page.header("content-type").is_some_and(|c| c.starts_with("text/html")));
        assert_common_headers(path, &page);
        let policy = csp(&page);
        assert_eq!(policy.get("default-src").map(String::as_str), Some("'self'"), "{policy:?}");
        assert_eq!(policy.get("script-src").map(String::as_str), Some("'self'"), "{policy:?}");
        assert_eq!(policy.get("object-src").map(String::as_str), Some("'none'"));
        assert_eq!(policy.get("frame-ancestors").map(String::as_str), Some("'none'"));
        assert_eq!(policy.get("base-uri").map(String::as_str), Some("'self'"));
        assert_eq!(policy.get("form-action").map(String::as_str), Some("'self'"));
        let all = page.header("content-security-policy").unwrap_or_default();
        assert!(!all.contains("unsafe-inline") && !all.contains("unsafe-eval") && !all.contains('*'), "{all}");
    }
    let js = app.send(app.client.get(format!("{}/assets/app.js", app.server.base_url))).await;
    js.expect(200);
    assert_common_headers("asset", &js);

    // API answers, successes and problems alike: data, never a document.
    for (what, answer) in [
        ("json", app.get("/me", Role::OrdererP).await),
        ("401", app.get("/me", Role::Anonymous).await),
        ("404", app.get("/no-such-route", Role::Admin).await),
        ("422", app.post("/providers", Role::Admin, &json!({})).await),
        ("health", app.get("/health/ready", Role::Anonymous).await),
        ("openapi", app.get("/api/v1/openapi.json", Role::Anonymous).await),
    ] {
        assert_common_headers(what, &answer);
        let policy = csp(&answer);
        assert_eq!(policy.get("default-src").map(String::as_str), Some("'none'"), "{what}: {policy:?}");
        assert_eq!(policy.get("frame-ancestors").map(String::as_str), Some("'none'"), "{what}");
    }
    // The docs page is a document of its own, with its own policy (Swagger UI needs inline styles, not scripts).
    let docs = app.send(app.client.get(format!("{}/api/docs/", app.server.base_url))).await;
    docs.expect(200);
    assert_common_headers("docs", &docs);
    let policy = csp(&docs);
    assert_eq!(policy.get("script-src").map(String::as_str), Some("'self'"));
}

both!(
    async fn a_name_given_twice_in_a_body_is_refused(app) {
        // Parsers disagree on which of two equal names counts; Sesam takes neither.
        let before = app.fingerprint().await;
        let p = app.fixture.provider_p;
        for (role, method, path, body, field) in [
            (Role::Admin, reqwest::Method::POST, "/providers".to_owned(), r#"{"name": "Första AB", "name": "Andra AB"}"#.to_owned(), "name"),
            (
                Role::OrdererP,
                reqwest::Method::POST,
                "/accounts".to_owned(),
                r#"{"email": "dubbel@omsorgnord.example", "name": "Dubbel", "roles": [], "roles": ["admin"]}"#.to_owned(),
                "roles",
            ),
            (Role::Admin, reqwest::Method::PATCH, format!("/providers/{p}"), r#"{"active": true, "active": false}"#.to_owned(), "active"),
        ] {
            let answer = app.send(app.request(method, &path, role).header("content-type", "application/json").body(body)).await;
            answer.expect_field_error(field, "invalid_format");
        }
        assert_eq!(before, app.fingerprint().await);
        assert_eq!(app.get(&format!("/providers/{p}"), Role::Admin).await.body["active"], true);
    }
);
