//! A real OpenID provider for the tests of rule 20: `tests/oidc/provider.mjs` (the certified
//! `oidc-provider` package) run by node on a free port. Without node or its packages the tests
//! fail, never skip: `make test` installs them (`npm ci` in `tests/oidc`).

use crate::{ServerOptions, workspace_root};
use serde_json::{Value, json};
use std::{collections::HashMap, process::Stdio, time::Duration};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
};

/// The client registered at the provider.
pub const CLIENT_ID: &str = "sesam";
/// Its secret.
pub const CLIENT_SECRET: &str = "sesam-test-secret";
/// The redirect URL registered at the provider; the browser of the tests takes it to the server.
pub const REDIRECT: &str = "http://sesam.test/api/v1/auth/oidc/callback";
/// The claim of the Swedish OIDC profile that carries the personal number.
pub const PNR_CLAIM: &str = "https://id.oidc.se/claim/personalIdentityNumber";

/// A running provider.
pub struct Idp {
    _child: Child,
    pub issuer: String,
    client: reqwest::Client,
}

impl Idp {
    /// Starts the provider and waits for its "listening on" line.
    pub async fn start() -> Idp {
        let dir = workspace_root().join("tests/oidc");
        assert!(
            dir.join("node_modules/oidc-provider").exists(),
            "tests/oidc has no node_modules: run `npm ci` there (make test does)"
        );
        let mut child = Command::new("node")
            .arg("provider.mjs")
            .current_dir(&dir)
            .env("OIDC_CLIENT_ID", CLIENT_ID)
            .env("OIDC_CLIENT_SECRET", CLIENT_SECRET)
            .env("OIDC_REDIRECT_URI", REDIRECT)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run node ({e}): the OpenID provider of the tests needs Node.js 20"));
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let issuer = tokio::time::timeout(Duration::from_secs(30), async {
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(url) = line.strip_prefix("oidc: listening on ") {
                    return Some(url.trim().to_owned());
                }
            }
            None
        })
        .await
        .ok()
        .flatten()
        .expect("the OpenID provider did not start");
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
        Idp { _child: child, issuer, client }
    }

    /// The server options that sign in through this provider (`extra`: more variables).
    pub fn options(&self, extra: &[(&str, &str)]) -> ServerOptions {
        let mut env = vec![
            ("SESAM_OIDC_ISSUER".to_owned(), self.issuer.clone()),
            ("SESAM_OIDC_CLIENT_ID".to_owned(), CLIENT_ID.to_owned()),
            ("SESAM_OIDC_CLIENT_SECRET".to_owned(), CLIENT_SECRET.to_owned()),
            ("SESAM_OIDC_REDIRECT_URL".to_owned(), REDIRECT.to_owned()),
            ("SESAM_PUBLIC_URL".to_owned(), "http://spa.test".to_owned()),
            ("SESAM_OIDC_SCOPES".to_owned(), "openid email https://id.oidc.se/scope/naturalPersonNumber".to_owned()),
        ];
        env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        ServerOptions { env, ..ServerOptions::default() }
    }

    /// Chooses who signs in next at the provider.
    pub async fn next_user(&self, sub: &str, email: &str, email_verified: bool, personal_number: Option<&str>) {
        let user =
            json!({"sub": sub, "email": email, "email_verified": email_verified, "personal_number": personal_number});
        let res = self.client.post(format!("{}/test/next-user", self.issuer)).json(&user).send().await.expect("idp");
        assert_eq!(res.status().as_u16(), 204);
    }
}

impl Idp {
    /// Makes the next ID token lie: `claims` merged in, or (`foreign_key`) signed by a key the
    /// provider does not publish.
    pub async fn tamper(&self, claims: Value, foreign_key: bool) {
        let lie = json!({"claims": claims, "foreign_key": foreign_key});
        let res = self.client.post(format!("{}/test/tamper", self.issuer)).json(&lie).send().await.expect("idp");
        assert_eq!(res.status().as_u16(), 204);
    }

    /// Replaces the provider's signing key (a new `kid` in its JWKS).
    pub async fn rotate_key(&self) {
        let res = self.client.post(format!("{}/test/rotate", self.issuer)).send().await.expect("idp");
        assert_eq!(res.status().as_u16(), 204);
    }
}

/// A browser, as far as a sign-in needs one: follows redirects by hand and keeps cookies per host.
pub struct Browser {
    client: reqwest::Client,
    cookies: HashMap<String, HashMap<String, String>>,
}

/// Where a sign-in ended: the SPA's address Sesam redirected to.
#[derive(Debug)]
pub struct Landing {
    pub location: String,
}

impl Landing {
    /// A query parameter of the address.
    pub fn query(&self, name: &str) -> Option<String> {
        let query = self.location.split_once('?')?.1;
        query.split('&').filter_map(|p| p.split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| v.to_owned())
    }
}

impl Default for Browser {
    fn default() -> Self {
        Self::new()
    }
}

impl Browser {
    /// A browser without cookies.
    pub fn new() -> Browser {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
        Browser { client, cookies: HashMap::new() }
    }

    fn host(url: &str) -> String {
        url.split("://").nth(1).and_then(|r| r.split('/').next()).unwrap_or_default().to_owned()
    }

    /// GET with this browser's cookies; answers the status and `Location`.
    pub async fn get(&mut self, url: &str) -> (u16, Option<String>) {
        let host = Self::host(url);
        let cookie: Vec<String> =
            self.cookies.get(&host).map(|c| c.iter().map(|(k, v)| format!("{k}={v}")).collect()).unwrap_or_default();
        let mut req = self.client.get(url);
        if !cookie.is_empty() {
            req = req.header("cookie", cookie.join("; "));
        }
        let res = req.send().await.unwrap_or_else(|e| panic!("GET {url}: {e}"));
        for set in res.headers().get_all("set-cookie") {
            let Some((name, value)) =
                set.to_str().unwrap_or_default().split(';').next().and_then(|p| p.split_once('='))
            else {
                continue;
            };
            let jar = self.cookies.entry(host.clone()).or_default();
            if value.is_empty() {
                jar.remove(name);
            } else {
                jar.insert(name.to_owned(), value.to_owned());
            }
        }
        let location = res.headers().get("location").and_then(|l| l.to_str().ok()).map(|l| {
            if l.starts_with('/') {
                format!("{}{l}", url.split('/').take(3).collect::<Vec<_>>().join("/"))
            } else {
                l.to_owned()
            }
        });
        (res.status().as_u16(), location)
    }

    /// Signs in from `login_url` (Sesam's `/auth/oidc/login`), following the provider's redirects;
    /// the registered redirect URL is taken to `sesam_base` (Sesam's `/api/v1`). Answers where Sesam
    /// sent the browser in the end, and the callback address (to replay).
    pub async fn sign_in(&mut self, login_url: &str, sesam_base: &str) -> (Landing, String) {
        let (status, mut location) = self.get(login_url).await;
        assert_eq!(status, 302, "the login route redirects");
        for _ in 0..20 {
            let url = location.expect("a redirect");
            if let Some(rest) = url.strip_prefix("http://sesam.test/api/v1") {
                let callback = format!("{sesam_base}{rest}");
                let (status, to) = self.get(&callback).await;
                assert_eq!(status, 302, "the callback redirects");
                return (Landing { location: to.expect("location") }, callback);
            }
            if url.starts_with("http://spa.test") {
                return (Landing { location: url }, String::new());
            }
            let (_, next) = self.get(&url).await;
            location = next;
        }
        panic!("the sign-in went round in circles");
    }
}

/// The body of a JSON answer, for asserting.
pub fn body(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}
