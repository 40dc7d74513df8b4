//! Expert-user registrations (rule 6, rule 10 and the order lifecycle's last step).
//!
//! A person is registered for one system at one provider, by a completed grant order that says
//! `expert_user`, or by hand by the provider's orderers or support. A person is one email address
//! (case-insensitive): there is at most one active registration per email, provider and system.
//! Registrations are never deleted: ending one records who and when.

use super::dto::*;
use crate::{
    audit,
    auth::Caller,
    domain::{Email, PersonalNumber, mask_stored, parse_text},
    entities::{expert_user, provider, system},
    error::{ApiError, Code, FieldErrors},
    outbox::{self, OutgoingEmail},
    pagination::{PageParams, after_person_and_id, encode_cursor, finish_page},
    providers::service::visible_provider,
    state::AppState,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Select, Set, TransactionTrait,
    sea_query::{Expr, Func},
};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

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
fn active_of_person(
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
            "expert_user.registered",
            "expert_user",
            Some(model.id),
            Some(order.provider_id),
            Some(serde_json::json!({"system_id": order.system_id, "order_id": order.order_id})),
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
                "expert_user.ended",
                "expert_user",
                Some(id),
                Some(order.provider_id),
                Some(serde_json::json!({"system_id": order.system_id, "order_id": order.order_id})),
            )
            .await?;
        }
    }
    Ok(())
}

/// Distinct persons (by email, case-insensitive) registered as active expert users, per provider.
pub async fn active_counts(
    db: &impl ConnectionTrait,
    provider_ids: Option<&[Uuid]>,
) -> Result<HashMap<Uuid, u64>, ApiError> {
    let mut query = expert_user::Entity::find()
        .select_only()
        .column(expert_user::Column::ProviderId)
        .column_as(Expr::expr(Func::count_distinct(Expr::col(expert_user::Column::Email))), "n")
        .filter(expert_user::Column::EndedAt.is_null())
        .group_by(expert_user::Column::ProviderId);
    if let Some(ids) = provider_ids {
        query = query.filter(expert_user::Column::ProviderId.is_in(ids.to_vec()));
    }
    let rows: Vec<(Uuid, i64)> = query.into_tuple().all(db).await?;
    Ok(rows.into_iter().map(|(p, n)| (p, n.max(0) as u64)).collect())
}

/// Names of providers and systems, for answers.
struct Names {
    providers: HashMap<Uuid, String>,
    systems: HashMap<Uuid, String>,
}

impl Names {
    async fn load(db: &impl ConnectionTrait, rows: &[expert_user::Model]) -> Result<Names, ApiError> {
        let provider_ids: BTreeSet<Uuid> = rows.iter().map(|r| r.provider_id).collect();
        let system_ids: BTreeSet<Uuid> = rows.iter().map(|r| r.system_id).collect();
        let providers = if provider_ids.is_empty() {
            HashMap::new()
        } else {
            provider::Entity::find()
                .filter(provider::Column::Id.is_in(provider_ids))
                .all(db)
                .await?
                .into_iter()
                .map(|p| (p.id, p.name))
                .collect()
        };
        let systems = if system_ids.is_empty() {
            HashMap::new()
        } else {
            system::Entity::find()
                .filter(system::Column::Id.is_in(system_ids))
                .all(db)
                .await?
                .into_iter()
                .map(|s| (s.id, s.name))
                .collect()
        };
        Ok(Names { providers, systems })
    }

    fn dto(&self, m: expert_user::Model) -> ExpertUserDto {
        ExpertUserDto {
            id: m.id,
            provider_name: self.providers.get(&m.provider_id).cloned().unwrap_or_default(),
            provider_id: m.provider_id,
            system_name: self.systems.get(&m.system_id).cloned().unwrap_or_default(),
            system_id: m.system_id,
            first_name: m.first_name,
            last_name: m.last_name,
            email: m.email,
            personal_number: m.personal_number.as_deref().map(mask_stored),
            source_order_id: m.source_order_id,
            registered_at: m.registered_at,
            registered_by: m.registered_by,
            active: m.ended_at.is_none(),
            ended_at: m.ended_at,
            ended_by: m.ended_by,
        }
    }
}

/// Checks that the caller may change the provider's expert users: support, or an orderer of it.
/// 404 when the provider is not visible, 403 when visible but not the caller's to change.
async fn require_manager(
    db: &impl ConnectionTrait,
    caller: &Caller,
    provider_id: Uuid,
) -> Result<provider::Model, ApiError> {
    let provider = visible_provider(db, caller, provider_id).await?;
    if caller.is_admin() || caller.is_orderer_of(provider_id) {
        Ok(provider)
    } else {
        Err(ApiError::Forbidden(Code::Forbidden))
    }
}

/// Registers a person by hand: the provider's orderers and support.
pub async fn register(
    state: &AppState,
    caller: &Caller,
    provider_id: Uuid,
    req: CreateExpertUser,
    mut errors: FieldErrors,
) -> Result<ExpertUserDto, ApiError> {
    let db = &state.db;
    require_manager(db, caller, provider_id).await?;
    let first_name = errors
        .require("first_name", req.first_name)
        .and_then(|n| errors.check(parse_text("first_name", &n, 100, false)));
    let last_name =
        errors.require("last_name", req.last_name).and_then(|n| errors.check(parse_text("last_name", &n, 100, false)));
    let email = errors.require("email", req.email).and_then(|e| match Email::parse(&e) {
        Some(e) => Some(e.normalized()),
        None => {
            errors.add("email", Code::InvalidEmail);
            None
        }
    });
    let personal_number = match req.personal_number.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => match PersonalNumber::parse(v) {
            Some(p) => Some(p.as_str().to_owned()),
            None => {
                errors.add("personal_number", Code::InvalidPersonalNumber);
                None
            }
        },
    };
    let system_id = errors.require("system_id", req.system_id);
    if let Some(id) = system_id
        && system::Entity::find_by_id(id).one(db).await?.is_none()
    {
        errors.add("system_id", Code::UnknownSystem);
    }
    errors.finish()?;
    let (Some(first_name), Some(last_name), Some(email), Some(system_id)) = (first_name, last_name, email, system_id)
    else {
        unreachable!("checked above")
    };
    let txn = db.begin().await?;
    let taken = expert_user::Entity::find()
        .filter(active_of_person(provider_id, system_id, Some(&email), personal_number.as_deref()))
        .one(&txn)
        .await?;
    if taken.is_some() {
        return Err(ApiError::Conflict(Code::AlreadyRegistered, None));
    }
    let model = expert_user::ActiveModel {
        id: Set(Uuid::now_v7()),
        provider_id: Set(provider_id),
        system_id: Set(system_id),
        first_name: Set(first_name.into_string()),
        last_name: Set(last_name.into_string()),
        email: Set(email),
        personal_number: Set(personal_number),
        source_order_id: Set(None),
        registered_by: Set(Some(caller.id())),
        registered_at: Set(chrono::Utc::now()),
        ended_at: Set(None),
        ended_by: Set(None),
        end_order_id: Set(None),
    }
    .insert(&txn)
    .await
    // Two registrations racing each other: the partial unique index lets one through.
    .map_err(|e| match crate::db::classify_db_error(e) {
        ApiError::Conflict(Code::AlreadyExists, _) => ApiError::Conflict(Code::AlreadyRegistered, None),
        other => other,
    })?;
    audit::record(
        &txn,
        Some(caller.id()),
        "expert_user.registered",
        "expert_user",
        Some(model.id),
        Some(provider_id),
        Some(serde_json::json!({"system_id": system_id})),
    )
    .await?;
    txn.commit().await?;
    let names = Names::load(db, std::slice::from_ref(&model)).await?;
    Ok(names.dto(model))
}

/// Ends a registration by hand: the provider's orderers and support.
pub async fn end(state: &AppState, caller: &Caller, id: Uuid) -> Result<(), ApiError> {
    let db = &state.db;
    let registration = expert_user::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    require_manager(db, caller, registration.provider_id).await?;
    if registration.ended_at.is_some() {
        return Err(ApiError::Conflict(Code::AlreadyEnded, None));
    }
    let txn = db.begin().await?;
    // Conditional, so two ends at once cannot both succeed.
    let result = expert_user::Entity::update_many()
        .col_expr(expert_user::Column::EndedAt, Expr::value(Some(chrono::Utc::now())))
        .col_expr(expert_user::Column::EndedBy, Expr::value(Some(caller.id())))
        .filter(expert_user::Column::Id.eq(id))
        .filter(expert_user::Column::EndedAt.is_null())
        .exec(&txn)
        .await?;
    if result.rows_affected == 0 {
        return Err(ApiError::Conflict(Code::AlreadyEnded, None));
    }
    audit::record(
        &txn,
        Some(caller.id()),
        "expert_user.ended",
        "expert_user",
        Some(id),
        Some(registration.provider_id),
        Some(serde_json::json!({"system_id": registration.system_id})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The registrations the caller may read, filtered: support and IT all; an orderer the providers
/// it orders for (another provider asked for: 404); anyone else 403.
fn scoped(caller: &Caller, filter: &ExpertUserFilter) -> Result<Select<expert_user::Entity>, ApiError> {
    let mut query = expert_user::Entity::find();
    if !caller.sees_all_providers() {
        if !caller.is_orderer() {
            return Err(ApiError::Forbidden(Code::Forbidden));
        }
        let mine: Vec<Uuid> = caller.ordering_rights.iter().map(|r| r.provider_id).collect();
        match filter.provider_id {
            Some(p) if !mine.contains(&p) => return Err(ApiError::NotFound),
            Some(_) => {}
            None => query = query.filter(expert_user::Column::ProviderId.is_in(mine)),
        }
    }
    if let Some(p) = filter.provider_id {
        query = query.filter(expert_user::Column::ProviderId.eq(p));
    }
    if let Some(s) = filter.system_id {
        query = query.filter(expert_user::Column::SystemId.eq(s));
    }
    query = if filter.active.unwrap_or(true) {
        query.filter(expert_user::Column::EndedAt.is_null())
    } else {
        query.filter(expert_user::Column::EndedAt.is_not_null())
    };
    Ok(query
        .order_by_asc(expert_user::Column::LastName)
        .order_by_asc(expert_user::Column::FirstName)
        .order_by_asc(expert_user::Column::Id))
}

/// A page of registrations, by last name, first name and id.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: &ExpertUserFilter,
    page: &PageParams,
) -> Result<ExpertUserList, ApiError> {
    let limit = page.limit()?;
    let mut query = scoped(caller, filter)?;
    let (last_name, first_name, id) =
        (expert_user::Column::LastName, expert_user::Column::FirstName, expert_user::Column::Id);
    if let Some(after) = after_person_and_id(last_name, first_name, id, page.cursor_parts()?)? {
        query = query.filter(after);
    }
    let rows = query.limit(limit + 1).all(db).await?;
    let names = Names::load(db, &rows).await?;
    let page = finish_page(
        rows,
        limit,
        |m| encode_cursor(&[&m.last_name, &m.first_name, &m.id.to_string()]),
        |m| names.dto(m),
    );
    Ok(page.into())
}

/// Every matching registration as CSV (`name,email,provider,system`): a mailing list.
pub async fn csv(db: &DatabaseConnection, caller: &Caller, filter: &ExpertUserFilter) -> Result<String, ApiError> {
    let rows = scoped(caller, filter)?.all(db).await?;
    let names = Names::load(db, &rows).await?;
    let mut out = String::from("name,email,provider,system\r\n");
    for row in rows {
        let dto = names.dto(row);
        let name = format!("{} {}", dto.first_name, dto.last_name);
        out.push_str(&crate::csv::line(&[name.as_str(), &dto.email, &dto.provider_name, &dto.system_name]));
    }
    Ok(out)
}

/// Queues one email per distinct address among the matching active expert users (support).
pub async fn message(
    state: &AppState,
    caller: &Caller,
    req: ExpertUserMessage,
    mut errors: FieldErrors,
) -> Result<MessageQueued, ApiError> {
    caller.require_admin()?;
    let db = &state.db;
    let subject =
        errors.require("subject", req.subject).and_then(|s| errors.check(parse_text("subject", &s, 200, false)));
    let body = errors.require("body", req.body).and_then(|b| errors.check(parse_text("body", &b, 20000, true)));
    if let Some(p) = req.provider_id
        && provider::Entity::find_by_id(p).one(db).await?.is_none()
    {
        errors.add("provider_id", Code::UnknownProvider);
    }
    if let Some(s) = req.system_id
        && system::Entity::find_by_id(s).one(db).await?.is_none()
    {
        errors.add("system_id", Code::UnknownSystem);
    }
    errors.finish()?;
    let (Some(subject), Some(body)) = (subject, body) else { unreachable!("checked above") };
    let filter = ExpertUserFilter { provider_id: req.provider_id, system_id: req.system_id, active: Some(true) };
    let txn = db.begin().await?;
    let emails: BTreeSet<String> = scoped(caller, &filter)?
        .select_only()
        .column(expert_user::Column::Email)
        .into_tuple::<String>()
        .all(&txn)
        .await?
        .into_iter()
        .map(|e| e.to_lowercase())
        .collect();
    for to in &emails {
        let email = OutgoingEmail {
            kind: outbox::kind::EXPERT_USER_MESSAGE,
            to,
            subject: subject.as_str(),
            body: body.as_str(),
            order_id: None,
        };
        outbox::enqueue(&txn, &email).await?;
    }
    let queued = emails.len() as u64;
    audit::record(
        &txn,
        Some(caller.id()),
        "expert_users.messaged",
        "expert_user_message",
        None,
        req.provider_id,
        Some(serde_json::json!({"subject": subject.as_str(), "system_id": req.system_id, "queued": queued})),
    )
    .await?;
    txn.commit().await?;
    Ok(MessageQueued { queued })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::account;

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
            tokens_valid_after: Set(now),
            created_at: Set(now),
            updated_at: Set(now),
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
