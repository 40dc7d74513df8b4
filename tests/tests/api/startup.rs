//! Start-up: configuration errors stop the process with one clear line naming the variable.

use sesam_tests::{Backend, TestApp, sesam_bin};

#[tokio::test]
async fn a_bad_setting_stops_start_up_naming_the_variable() {
    for (name, value) in [
        ("SESAM_BIND", "not-an-address"),
        ("SESAM_JWT_SECRET", "too-short"),
        ("SESAM_TOKEN_TTL", "forever"),
        ("SESAM_DATABASE_URL", "mysql://localhost/sesam"),
    ] {
        let out = tokio::process::Command::new(sesam_bin())
            .arg("serve")
            .env_clear()
            .env("SESAM_DATABASE_URL", "sqlite::memory:")
            .env(name, value)
            .output()
            .await
            .expect("run sesam");
        assert!(!out.status.success(), "{name}={value} should stop start-up");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "one line: {stderr}");
        assert!(lines[0].contains(name), "{stderr}");
        assert!(!stderr.contains(value) || name != "SESAM_JWT_SECRET", "the secret must not be printed: {stderr}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_frontend_and_its_client_routes_are_served() {
    let dir = sesam_tests::workspace_root().join("target/test-scratch/spa");
    std::fs::create_dir_all(dir.join("assets")).expect("dir");
    std::fs::write(dir.join("index.html"), "<!doctype html><title>Sesam SPA</title>").expect("index");
    std::fs::write(dir.join("assets/app.js"), "console.log('sesam')").expect("asset");
    let options = sesam_tests::ServerOptions {
        env: vec![("SESAM_FRONTEND_DIR".into(), dir.display().to_string())],
        ..Default::default()
    };
    let app = TestApp::spawn_with(Backend::Sqlite, "startup::frontend", options).await;
    for path in ["/", "/bestallningar/ny", "/it-ko"] {
        let answer = app.send(app.client.get(format!("{}{path}", app.server.base_url))).await;
        answer.expect(200);
        assert!(answer.text.contains("Sesam SPA"), "{path}");
        assert!(answer.header("content-security-policy").is_some_and(|c| c.contains("default-src 'self'")));
    }
    let js = app.send(app.client.get(format!("{}/assets/app.js", app.server.base_url))).await;
    assert!(js.text.contains("console.log"));
    // API paths never fall back to the SPA.
    app.get("/api/v1/nothing-here", sesam_tests::Role::Anonymous).await.expect_problem(404, "not_found");
}
