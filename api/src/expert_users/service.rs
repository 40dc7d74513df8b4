//! Expert-user registrations (rule 6, rule 10 and the order lifecycle's last step).
//!
//! A person is registered for one system at one provider, by a completed grant order that says
//! `expert_user`, or by hand by the provider's orderers or support. A person is one email address
//! (case-insensitive): there is at most one active registration per email, provider and system.
//! Registrations are never deleted: ending one records who and when.

use super::{dto::*, effects::active_of_person};
use crate::{
    audit::{self, AuditEvent},
    auth::Caller,
    csv::ExportPage,
    domain::{Email, PersonalNumber, mask_stored, parse_text},
    entities::{expert_user, provider, system},
    error::{ApiError, Code, FieldErrors, db::UniqueIndex},
    outbox::{self, OutgoingEmail},
    pagination::{PageParams, after_person_and_id, encode_cursor, finish_page},
    providers::service::require_manager,
    state::AppState,
};
use actix_web::web::Bytes;
use futures_util::Stream;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Select, Set, TransactionTrait,
    sea_query::{Expr, Func},
};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

/// One active registration per person (by email), provider and system.
const ACTIVE_REGISTRATION: UniqueIndex = UniqueIndex {
    name: "ux_expert_users_active",
    table: "expert_users",
    columns: &["provider_id", "system_id", "email"],
};

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
    let first_name = req
        .first_name
        .take("first_name", &mut errors)
        .and_then(|n| errors.check(parse_text("first_name", &n, 100, false)));
    let last_name = req
        .last_name
        .take("last_name", &mut errors)
        .and_then(|n| errors.check(parse_text("last_name", &n, 100, false)));
    let email = req.email.take("email", &mut errors).and_then(|e| match Email::parse(&e) {
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
    let system_id = req.system_id.take("system_id", &mut errors);
    if let Some(id) = system_id
        && system::Entity::find_by_id(id).one(db).await?.is_none()
    {
        errors.add("system_id", Code::UnknownSystem);
    }
    let (first_name, last_name, email, system_id) = errors.finish_with((first_name, last_name, email, system_id))?;
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
    .map_err(|e| ACTIVE_REGISTRATION.on_violation(e, || ApiError::Conflict(Code::AlreadyRegistered, None)))?;
    audit::record(
        &txn,
        Some(caller.id()),
        AuditEvent::ExpertUserRegistered { expert_user_id: model.id, provider_id, system_id, order_id: None },
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
    // Those who may not read the provider's expert users do not learn that this one exists (404).
    if !(caller.sees_all_providers() || caller.is_orderer_of(registration.provider_id)) {
        return Err(ApiError::NotFound);
    }
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
        AuditEvent::ExpertUserEnded {
            expert_user_id: id,
            provider_id: registration.provider_id,
            system_id: registration.system_id,
            order_id: None,
        },
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

/// The columns of the CSV export.
const CSV_HEADER: [&str; 4] = ["name", "email", "provider", "system"];

/// Every matching registration as CSV (`name,email,provider,system`), a mailing list; streamed a page at a time.
pub async fn csv(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: &ExpertUserFilter,
) -> Result<impl Stream<Item = Result<Bytes, ApiError>> + 'static + use<>, ApiError> {
    let query = scoped(caller, filter)?;
    crate::csv::export(db, &CSV_HEADER, async move |db, after| {
        let (rows, next) = crate::csv::page_by_ids(db, &query, expert_user::Column::Id, after, |m| m.id).await?;
        let names = Names::load(db, &rows).await?;
        Ok(ExportPage { lines: rows.into_iter().map(|row| csv_line(names.dto(row))).collect(), next })
    })
    .await
}

/// One registration's line of the CSV export.
fn csv_line(dto: ExpertUserDto) -> String {
    let name = format!("{} {}", dto.first_name, dto.last_name);
    crate::csv::line(&[name.as_str(), &dto.email, &dto.provider_name, &dto.system_name])
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
        req.subject.take("subject", &mut errors).and_then(|s| errors.check(parse_text("subject", &s, 200, false)));
    let body = req.body.take("body", &mut errors).and_then(|b| errors.check(parse_text("body", &b, 20000, true)));
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
    let (subject, body) = errors.finish_with((subject, body))?;
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
        AuditEvent::ExpertUsersMessaged {
            provider_id: req.provider_id,
            system_id: req.system_id,
            subject: subject.as_str(),
            queued,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(MessageQueued { queued })
}
