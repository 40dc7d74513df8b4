//! What completed orders do to the expert-user registry (rule 6 and the lifecycle's last step).

use crate::{
    audit::{self, AuditEvent},
    domain::{Email, OrderKind, Transition},
    effects::events::OrderTransitioned,
    entities::expert_user,
    error::ApiError,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// Subscribed to every step of an order's lifecycle (see `crate::effects`): completions register
/// and end expert users.
pub async fn on_order_transitioned(db: &impl ConnectionTrait, event: &OrderTransitioned<'_>) -> Result<(), ApiError> {
    let (Transition::Complete, Some(completed_by)) = (event.transition, event.actor) else { return Ok(()) };
    let order = event.before;
    let completed = CompletedOrder {
        order_id: order.id,
        provider_id: order.provider_id,
        system_id: order.system_id,
        is_grant: event.order.kind == OrderKind::Grant,
        expert_user: order.expert_user,
        first_name: order.first_name.clone(),
        last_name: order.last_name.clone(),
        email: order.email.clone(),
        personal_number: order.personal_number.clone(),
        completed_by,
    };
    on_order_completed(db, &completed).await
}

/// What a completed order tells the expert-user registry (rule 6 and the lifecycle's last step).
#[derive(Clone, Debug)]
pub struct CompletedOrder {
    pub order_id: Uuid,
    pub provider_id: Uuid,
    pub system_id: Uuid,
    /// `true` for a grant order, `false` for a revoke order.
    pub is_grant: bool,
    /// The order marked the person as expert user.
    pub expert_user: bool,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    /// Twelve digits.
    pub personal_number: String,
    /// The IT account that completed the order.
    pub completed_by: Uuid,
}

/// The active registrations of one person (same email, case-insensitive, or same personal
/// number) for a system at a provider.
pub(super) fn active_of_person(
    provider_id: Uuid,
    system_id: Uuid,
    email: Option<&str>,
    personal_number: Option<&str>,
) -> Condition {
    let mut person = Condition::any();
    if let Some(email) = email {
        person = person.add(expert_user::Column::Email.eq(email.to_lowercase()));
    }
    if let Some(pn) = personal_number {
        person = person.add(expert_user::Column::PersonalNumber.eq(pn));
    }
    Condition::all()
        .add(expert_user::Column::ProviderId.eq(provider_id))
        .add(expert_user::Column::SystemId.eq(system_id))
        .add(expert_user::Column::EndedAt.is_null())
        .add(person)
}

/// Registers or ends expert users when an order completes; call it inside the completing transaction.
///
/// A completed grant order with `expert_user` registers the person for the order's system at the
/// provider (once: nothing happens when the person already has an active registration there); a
/// completed revoke order ends the person's active registration for that system. Each change is
/// audited as done by the IT account that completed the order.
pub async fn on_order_completed(db: &impl ConnectionTrait, order: &CompletedOrder) -> Result<(), ApiError> {
    let email = order.email.as_deref().and_then(Email::parse).map(|e| e.normalized());
    let personal_number = Some(order.personal_number.as_str()).filter(|p| !p.is_empty());
    if order.is_grant {
        if !order.expert_user {
            return Ok(());
        }
        // Rule 6 makes the email mandatory on such orders; without one there is nobody to write to.
        let Some(email) = email else {
            log::warn!("order {} marks an expert user without a usable email; not registered", order.order_id);
            return Ok(());
        };
        let existing = expert_user::Entity::find()
            .filter(active_of_person(order.provider_id, order.system_id, Some(&email), personal_number))
            .one(db)
            .await?;
        if existing.is_some() {
            return Ok(());
        }
        let model = expert_user::ActiveModel {
            id: Set(Uuid::now_v7()),
            provider_id: Set(order.provider_id),
            system_id: Set(order.system_id),
            first_name: Set(order.first_name.trim().to_owned()),
            last_name: Set(order.last_name.trim().to_owned()),
            email: Set(email),
            personal_number: Set(personal_number.map(str::to_owned)),
            source_order_id: Set(Some(order.order_id)),
            registered_by: Set(Some(order.completed_by)),
            registered_at: Set(chrono::Utc::now()),
            ended_at: Set(None),
            ended_by: Set(None),
            end_order_id: Set(None),
        }
        .insert(db)
        .await?;
        audit::record(
            db,
            Some(order.completed_by),
            AuditEvent::ExpertUserRegistered {
                expert_user_id: model.id,
                provider_id: order.provider_id,
                system_id: order.system_id,
                order_id: Some(order.order_id),
            },
        )
        .await?;
    } else {
        let registrations = expert_user::Entity::find()
            .filter(active_of_person(order.provider_id, order.system_id, email.as_deref(), personal_number))
            .all(db)
            .await?;
        let now = chrono::Utc::now();
        for registration in registrations {
            let id = registration.id;
            let mut model: expert_user::ActiveModel = registration.into();
            model.ended_at = Set(Some(now));
            model.ended_by = Set(Some(order.completed_by));
            model.end_order_id = Set(Some(order.order_id));
            model.update(db).await?;
            audit::record(
                db,
                Some(order.completed_by),
                AuditEvent::ExpertUserEnded {
                    expert_user_id: id,
                    provider_id: order.provider_id,
                    system_id: order.system_id,
                    order_id: Some(order.order_id),
                },
            )
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        entities::{account, provider, system},
        expert_users::service::active_counts,
    };
    use sea_orm::{DatabaseConnection, QueryOrder};

    struct World {
        db: DatabaseConnection,
        provider: Uuid,
        system: Uuid,
        it: Uuid,
    }

    /// A real SQLite database, migrated as in production, with one provider, system and IT account.
    async fn world() -> World {
        let db = crate::db::connect("sqlite::memory:", 1).await.expect("connect");
        crate::db::migrate(&db).await.expect("migrate");
        let now = chrono::Utc::now();
        let provider = provider::ActiveModel {
            id: Set(Uuid::now_v7()),
            name: Set("Omsorg Nord AB".into()),
            org_number: Set(None),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&db)
        .await
        .expect("provider");
        let system = system::ActiveModel {
            id: Set(Uuid::now_v7()),
            name: Set("Lifecare".into()),
            description: Set(String::new()),
            required_fields: Set(serde_json::json!([])),
            allowed_values: Set(serde_json::json!({})),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&db)
        .await
        .expect("system");
        let it = account::ActiveModel {
            id: Set(Uuid::now_v7()),
            email: Set("it@kommun.example".into()),
            name: Set("Ingrid Tekniker".into()),
            password_hash: Set("x".into()),
            provider_id: Set(None),
            is_admin: Set(false),
            is_it: Set(true),
            personal_number: Set(None),
            active: Set(true),
            session_generation: Set(0),
            created_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            last_seen_at: Set(None),
            dormant_notice_at: Set(None),
            personal_number_verified: Set(false),
        }
        .insert(&db)
        .await
        .expect("account");
        World { db, provider: provider.id, system: system.id, it: it.id }
    }

    fn order(w: &World, is_grant: bool, expert_user: bool, email: Option<&str>) -> CompletedOrder {
        CompletedOrder {
            order_id: Uuid::now_v7(),
            provider_id: w.provider,
            system_id: w.system,
            is_grant,
            expert_user,
            first_name: "Karin".into(),
            last_name: "Berg".into(),
            email: email.map(str::to_owned),
            personal_number: "191212121212".into(),
            completed_by: w.it,
        }
    }

    async fn registrations(w: &World) -> Vec<expert_user::Model> {
        expert_user::Entity::find().order_by_asc(expert_user::Column::Id).all(&w.db).await.expect("rows")
    }

    #[tokio::test]
    async fn a_completed_grant_order_registers_once_and_a_revoke_order_ends_it() {
        let w = world().await;
        // Not marked as expert user: nothing.
        on_order_completed(&w.db, &order(&w, true, false, Some("karin.berg@omsorgnord.example"))).await.expect("ok");
        assert!(registrations(&w).await.is_empty());

        let grant = order(&w, true, true, Some("Karin.Berg@Omsorgnord.example"));
        on_order_completed(&w.db, &grant).await.expect("ok");
        let rows = registrations(&w).await;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].email, "karin.berg@omsorgnord.example");
        assert_eq!(rows[0].source_order_id, Some(grant.order_id));
        assert_eq!(rows[0].registered_by, Some(w.it));
        assert_eq!(active_counts(&w.db, None).await.expect("counts").get(&w.provider), Some(&1));

        // A second grant order for the same person and system: still one registration.
        on_order_completed(&w.db, &order(&w, true, true, Some("karin.berg@omsorgnord.example"))).await.expect("ok");
        assert_eq!(registrations(&w).await.len(), 1);

        // A revoke order (without an email: found by personal number) ends it.
        let revoke = order(&w, false, false, None);
        on_order_completed(&w.db, &revoke).await.expect("ok");
        let rows = registrations(&w).await;
        assert_eq!(rows.len(), 1);
        assert!(rows[0].ended_at.is_some());
        assert_eq!(rows[0].ended_by, Some(w.it));
        assert_eq!(rows[0].end_order_id, Some(revoke.order_id));
        assert!(active_counts(&w.db, Some(&[w.provider])).await.expect("counts").is_empty());

        // Registered anew later: a second row, the first stays as history.
        on_order_completed(&w.db, &grant).await.expect("ok");
        assert_eq!(registrations(&w).await.len(), 2);
        let audited = crate::entities::audit_log::Entity::find().all(&w.db).await.expect("audit");
        assert_eq!(audited.len(), 3, "registered, ended, registered");
        assert!(audited.iter().all(|a| a.actor_id == Some(w.it) && a.provider_id == Some(w.provider)));
    }

    #[tokio::test]
    async fn an_expert_user_without_email_is_not_registered() {
        let w = world().await;
        on_order_completed(&w.db, &order(&w, true, true, None)).await.expect("ok");
        assert!(registrations(&w).await.is_empty());
    }
}
