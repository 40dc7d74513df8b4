//! The first support account of a new installation, from `SESAM_BOOTSTRAP_ADMIN_EMAIL` and
//! `SESAM_BOOTSTRAP_ADMIN_PASSWORD`: made by the first `sesam serve`, never again.

use serde_json::{Value, json};
use sesam_tests::{Server, ServerOptions, TestDb, both_backends, sesam_bin};

const EMAIL: &str = "forsta.support@kommun.example";
const FIRST_PASSWORD: &str = "bootstrap-first-2026";
const SECOND_PASSWORD: &str = "bootstrap-second-2026";

fn bootstrap(email: &str, password: &str) -> ServerOptions {
    ServerOptions {
        env: vec![
            ("SESAM_BOOTSTRAP_ADMIN_EMAIL".into(), email.into()),
            ("SESAM_BOOTSTRAP_ADMIN_PASSWORD".into(), password.into()),
        ],
        ..Default::default()
    }
}

/// Logs in; answers the status and, on success, `GET /me`.
async fn login(server: &Server, email: &str, password: &str) -> (u16, Value) {
    let client = reqwest::Client::new();
    let res = client
        .post(format!("{}/api/v1/auth/login", server.base_url))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .expect("login");
    let status = res.status().as_u16();
    if status != 200 {
        return (status, Value::Null);
    }
    let token: Value = res.json().await.expect("json");
    let me = client
        .get(format!("{}/api/v1/me", server.base_url))
        .bearer_auth(token["access_token"].as_str().expect("token"))
        .send()
        .await
        .expect("me");
    (status, me.json().await.expect("json"))
}

/// Every account as `email|is_admin|active|password_hash`, in email order.
async fn accounts(db: &TestDb) -> Vec<String> {
    use sea_orm::{ConnectionTrait, Statement};
    let conn = db.connect().await;
    let rows = conn
        .query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT email, is_admin, active, password_hash FROM accounts ORDER BY email",
        ))
        .await
        .expect("accounts");
    let _ = conn.close().await;
    rows.iter()
        .map(|r| {
            let email: String = r.try_get("", "email").expect("email");
            let admin: bool = r.try_get("", "is_admin").expect("is_admin");
            let active: bool = r.try_get("", "active").expect("active");
            let hash: String = r.try_get("", "password_hash").expect("password_hash");
            format!("{email}|{admin}|{active}|{hash}")
        })
        .collect()
}

both_backends!(
    /// A new installation: the first start makes the support account and one can log in with it; a
    /// later start with another password, or another email, makes and changes nothing.
    async fn the_first_start_makes_the_support_account_and_later_starts_change_nothing(backend, log) {
        let db = TestDb::empty(backend, "sesam_tboot").await;

        let mut first = Server::start(&db, &format!("{log}-first"), &bootstrap(" Forsta.Support@Kommun.Example ", FIRST_PASSWORD)).await;
        let (status, me) = login(&first, EMAIL, FIRST_PASSWORD).await;
        assert_eq!(status, 200, "the bootstrap account logs in");
        assert_eq!(me["email"], EMAIL);
        assert_eq!(me["roles"], json!(["admin"]));
        assert_eq!(me["provider_id"], Value::Null);
        let made = accounts(&db).await;
        assert_eq!(made.len(), 1, "{made:?}");
        assert!(made[0].starts_with(&format!("{EMAIL}|true|true|$argon2id$")), "{made:?}");
        let log_text = first.log_text();
        assert!(log_text.contains(&format!("created the support account {EMAIL}")), "{log_text}");
        assert!(!log_text.contains(FIRST_PASSWORD), "the password is never logged");
        first.kill().await;

        // The operator left the variables in place and changed the password: nothing changes.
        let mut second = Server::start(&db, &format!("{log}-second"), &bootstrap(EMAIL, SECOND_PASSWORD)).await;
        assert_eq!(login(&second, EMAIL, SECOND_PASSWORD).await.0, 401, "the new password was not set");
        assert_eq!(login(&second, EMAIL, FIRST_PASSWORD).await.0, 200);
        assert_eq!(accounts(&db).await, made, "no account made or changed");
        let log_text = second.log_text();
        assert!(log_text.contains("there is an active support account: nothing made"), "{log_text}");
        assert!(!log_text.contains(SECOND_PASSWORD), "the password is never logged");
        second.kill().await;

        // Another email: still nothing, since there is an active support account.
        let mut third = Server::start(&db, &format!("{log}-third"), &bootstrap("andra.support@kommun.example", SECOND_PASSWORD)).await;
        assert_eq!(login(&third, "andra.support@kommun.example", SECOND_PASSWORD).await.0, 401);
        assert_eq!(accounts(&db).await, made, "no account made or changed");
        third.kill().await;
        db.drop_blocking();
    }
);

#[tokio::test]
async fn a_bad_bootstrap_setting_stops_start_up_naming_the_variable_and_never_the_password() {
    for (email, password, variable) in [
        (Some("support-at-kommun"), Some("a-long-enough-password"), "SESAM_BOOTSTRAP_ADMIN_EMAIL"),
        (Some("support@kommun.example"), Some("too-short"), "SESAM_BOOTSTRAP_ADMIN_PASSWORD"),
        (Some("support@kommun.example"), None, "SESAM_BOOTSTRAP_ADMIN_PASSWORD"),
        (None, Some("a-long-enough-password"), "SESAM_BOOTSTRAP_ADMIN_EMAIL"),
    ] {
        let mut cmd = tokio::process::Command::new(sesam_bin());
        cmd.arg("serve").env_clear().env("SESAM_DATABASE_URL", "sqlite::memory:");
        if let Some(email) = email {
            cmd.env("SESAM_BOOTSTRAP_ADMIN_EMAIL", email);
        }
        if let Some(password) = password {
            cmd.env("SESAM_BOOTSTRAP_ADMIN_PASSWORD", password);
        }
        let out = cmd.output().await.expect("run sesam");
        assert!(!out.status.success(), "{email:?} / {password:?} should stop start-up");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "one line: {stderr}");
        assert!(lines[0].contains(&format!("invalid {variable}")), "{stderr}");
        if let Some(password) = password {
            assert!(!stderr.contains(password), "the password must not be printed: {stderr}");
        }
    }
}
