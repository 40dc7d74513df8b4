//! Where orders meet the organisation: a completed order registers or ends an expert user, and
//! what the orderers and IT are told also goes out by email.

use crate::orders::{create, lifecare, new_person};
use serde_json::json;
use sesam_tests::{Role, ServerOptions, TestApp, both, both_backends, smtp::SmtpServer};
use std::time::Duration;

/// Brings a draft through submit, take and complete.
async fn complete(app: &TestApp, id: uuid::Uuid) {
    app.post(&format!("/orders/{id}/submit"), Role::OrdererP, &json!({})).await.expect(200);
    app.post(&format!("/orders/{id}/take"), Role::It, &json!({})).await.expect(200);
    app.post(&format!("/orders/{id}/complete"), Role::It, &json!({"account_name": "elsv01"})).await.expect(200);
}

both!(
    async fn a_completed_expert_user_order_registers_and_a_completed_revoke_ends_it(app) {
        let p = app.fixture.provider_p;
        let person = new_person();
        let mut grant = lifecare(&app);
        grant["subject"] = json!({"first_name": "Elin", "last_name": "Svensson", "personal_number": person, "email": "Elin.Svensson@omsorgnord.example"});
        grant["expert_user"] = json!(true);
        let before = app.get(&format!("/compliance?provider_id={p}"), Role::Admin).await.body["items"][0]["expert_users"].clone();
        let id = create(&app, &grant).await.id();
        // Not before it is completed.
        let experts_url = format!("/expert-users?provider_id={p}&system_id={}", app.fixture.lifecare);
        assert_eq!(app.get(&experts_url, Role::OrdererP).await.body["items"].as_array().expect("items").len(), 0);
        complete(&app, id).await;
        let registered = app.get(&experts_url, Role::OrdererP).await;
        let items = registered.body["items"].as_array().expect("items");
        assert_eq!(items.len(), 1, "{}", registered.text);
        assert_eq!(items[0]["email"], "elin.svensson@omsorgnord.example");
        assert_eq!(items[0]["first_name"], "Elin");
        let after = app.get(&format!("/compliance?provider_id={p}"), Role::Admin).await.body["items"][0]["expert_users"].clone();
        assert_eq!(after.as_u64(), before.as_u64().map(|n| n + 1));

        // A revoke order for the same person and system, once completed, ends the registration.
        let mut revoke = lifecare(&app);
        revoke["kind"] = json!("revoke");
        revoke["subject"] = json!({"first_name": "Elin", "last_name": "Svensson", "personal_number": person});
        revoke["lifecare_title"] = json!(null);
        let revoke_id = create(&app, &revoke).await.id();
        complete(&app, revoke_id).await;
        assert_eq!(app.get(&experts_url, Role::OrdererP).await.body["items"].as_array().expect("items").len(), 0);
        let ended = app.get(&format!("/expert-users?provider_id={p}&active=false"), Role::OrdererP).await;
        assert!(ended.body["items"].as_array().expect("items").iter().any(|e| e["email"] == "elin.svensson@omsorgnord.example"));
    }
);

both!(
    async fn a_grant_without_the_expert_mark_registers_nobody(app) {
        let id = create(&app, &lifecare(&app)).await.id();
        complete(&app, id).await;
        let list = app.get(&format!("/expert-users?provider_id={}", app.fixture.provider_p), Role::Admin).await;
        assert_eq!(list.body["items"].as_array().expect("items").len(), 0);
    }
);

both_backends!(
    async fn orderers_and_it_are_told_by_email(backend, log) {
        let smtp = SmtpServer::start().await;
        let options = ServerOptions {
            env: vec![
                ("SESAM_SMTP_URL".into(), smtp.url()),
                ("SESAM_SMTP_FROM".into(), "Sesam <sesam@kommun.example>".into()),
                ("SESAM_IT_EMAIL".into(), "behorighet@kommun.example".into()),
                ("SESAM_OUTBOX_POLL".into(), "100ms".into()),
            ],
            ..Default::default()
        };
        let app = TestApp::spawn_with(backend, log, options).await;
        let id = create(&app, &lifecare(&app)).await.id();
        // Erik sends Anna's draft: both are told when IT rejects it.
        app.post(&format!("/orders/{id}/submit"), Role::OrdererP2, &json!({})).await.expect(200);
        let to_it = smtp.wait_for(1, Duration::from_secs(20)).await;
        assert_eq!(to_it[0].rcpt_to, vec!["behorighet@kommun.example".to_owned()]);
        let reference = app.get(&format!("/orders/{id}"), Role::OrdererP).await.body["reference"].as_str().expect("ref").to_owned();
        assert!(to_it[0].header("Subject").is_some_and(|s| s.contains(&reference)));
        let it_text = to_it[0].text();
        assert!(it_text.contains("Utförare – dokumentera"), "{it_text}");
        assert!(!it_text.contains(&app.get(&format!("/orders/{id}"), Role::OrdererP).await.body["subject"]["personal_number"].as_str().expect("pn")[9..]), "the whole personal number never goes by email");

        app.post(&format!("/orders/{id}/reject"), Role::It, &json!({"reason": "Personen saknar anställning."})).await.expect(200);
        let all = smtp.wait_for(3, Duration::from_secs(20)).await;
        let mut told: Vec<String> = all[1..].iter().flat_map(|m| m.rcpt_to.clone()).collect();
        told.sort();
        assert_eq!(told, vec!["anna.lind@omsorgnord.example", "erik.holm@omsorgnord.example"]);
        for mail in &all[1..] {
            assert!(mail.header("Subject").is_some_and(|s| s.contains(&reference) && s.contains("avvisats")));
            assert!(mail.text().contains("Personen saknar anställning."));
        }
    }
);
