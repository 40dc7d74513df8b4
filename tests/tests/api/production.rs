//! The production setup (docker-compose.yml): nginx serves the SPA with the same security headers as
//! the API does when it serves the SPA itself, so that both ways of running Sesam say the same.

use sesam_tests::{Backend, ServerOptions, TestApp, workspace_root};
use std::collections::BTreeMap;

/// The `add_header NAME "VALUE" always;` lines of nginx's security-headers snippet.
fn nginx_headers() -> BTreeMap<String, String> {
    let path = workspace_root().join("frontend/security-headers.conf");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter_map(|line| line.trim().strip_prefix("add_header "))
        .map(|rest| {
            let (name, value) = rest.split_once(' ').expect("add_header NAME \"VALUE\"");
            let value = value.trim_end_matches(';').trim().trim_end_matches("always").trim();
            (name.to_lowercase(), value.trim_matches('"').to_owned())
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_sends_the_security_headers_the_api_sends_with_the_spa() {
    let dir = workspace_root().join("target/test-scratch/spa-headers");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("index.html"), "<!doctype html><title>Sesam</title>").expect("index");
    let options =
        ServerOptions { env: vec![("SESAM_FRONTEND_DIR".into(), dir.display().to_string())], ..Default::default() };
    let app = TestApp::spawn_with(Backend::Sqlite, "production::headers", options).await;
    let nginx = nginx_headers();
    assert_eq!(
        nginx.keys().map(String::as_str).collect::<Vec<_>>(),
        ["content-security-policy", "referrer-policy", "x-content-type-options", "x-frame-options"],
        "{nginx:?}"
    );
    for path in ["/", "/bestallningar"] {
        let answer = app.send(app.client.get(format!("{}{path}", app.server.base_url))).await;
        answer.expect(200);
        for (name, value) in &nginx {
            assert_eq!(answer.header(name), Some(value.as_str()), "{name} of {path}: the API and nginx differ");
        }
    }
}
