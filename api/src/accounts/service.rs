//! Reading and maintaining accounts.

use super::dto::*;
use crate::{
    audit::{self, AuditEvent},
    auth::{Caller, caller::held_rights},
    domain::{Email, PersonalNumber, mask_stored, parse_text},
    entities::{account, ordering_right, provider},
    error::{ApiError, Code, FieldError, FieldErrors, db::UniqueIndex},
    pagination::{Page, PageParams, encode_cursor, finish_page},
    state::AppState,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set, TransactionTrait,
    sea_query::{Expr, ExprTrait, Func},
};
use std::collections::HashMap;
use uuid::Uuid;

/// Builds the wire form of an account; `masked` hides all but the birth date of the personal number.
pub fn to_dto(m: account::Model, orders_for: Vec<Uuid>, masked: bool) -> AccountDto {
    let mut roles = Vec::new();
    if m.is_admin {
        roles.push(crate::domain::Role::Admin);
    }
    if m.is_it {
        roles.push(crate::domain::Role::It);
    }
    AccountDto {
        id: m.id,
        email: m.email,
        name: m.name,
        provider_id: m.provider_id,
        roles,
        personal_number: m.personal_number.map(|p| {
            if masked { mask_stored(&p) } else { PersonalNumber::from_stored(&p).map(|p| p.formatted()).unwrap_or(p) }
        }),
        active: m.active,
        orders_for,
        created_at: m.created_at,
        updated_at: m.updated_at,
        last_seen_at: m.last_seen_at,
        password_set: !m.password_hash.is_empty(),
    }
}

async fn rights_of(db: &DatabaseConnection, account_ids: &[Uuid]) -> Result<HashMap<Uuid, Vec<Uuid>>, ApiError> {
    let rows: Vec<(Uuid, Uuid)> = ordering_right::Entity::find()
        .select_only()
        .column(ordering_right::Column::AccountId)
        .column(ordering_right::Column::ProviderId)
        .filter(ordering_right::Column::AccountId.is_in(account_ids.to_vec()))
        .filter(ordering_right::Column::RevokedAt.is_null())
        .into_tuple()
        .all(db)
        .await?;
    let mut map: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (account, provider) in rows {
        map.entry(account).or_default().push(provider);
    }
    Ok(map)
}

/// A page of accounts: support sees all; an orderer sees the accounts of the providers it orders for.
pub async fn list_accounts(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: &AccountFilter,
    page: &PageParams,
) -> Result<Page<AccountDto>, ApiError> {
    let limit = page.limit()?;
    let mut query = account::Entity::find();
    if !caller.is_admin() {
        if !caller.is_orderer() {
            return Err(ApiError::Forbidden(Code::Forbidden));
        }
        let mine: Vec<Uuid> = caller.ordering_rights.iter().map(|r| r.provider_id).collect();
        match filter.provider_id {
            Some(p) if !mine.contains(&p) => return Err(ApiError::Forbidden(Code::NoOrderingRight)),
            Some(p) => query = query.filter(account::Column::ProviderId.eq(p)),
            None => query = query.filter(account::Column::ProviderId.is_in(mine)),
        }
    } else if let Some(p) = filter.provider_id {
        query = query.filter(account::Column::ProviderId.eq(p));
    }
    if let Some(active) = filter.active {
        query = query.filter(account::Column::Active.eq(active));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = format!("%{}%", q.to_lowercase().replace(['\\', '%', '_'], ""));
        query = query.filter(
            Condition::any()
                .add(Expr::expr(Func::lower(Expr::col(account::Column::Name))).like(pattern.as_str()))
                .add(account::Column::Email.like(pattern)),
        );
    }
    if let Some(parts) = page.cursor_parts()? {
        let id = parts
            .first()
            .and_then(|s| Uuid::parse_str(s).ok())
            .ok_or_else(|| ApiError::InvalidQuery("bad cursor".into()))?;
        query = query.filter(account::Column::Id.gt(id));
    }
    let rows = query.order_by_asc(account::Column::Id).limit(limit + 1).all(db).await?;
    let ids: Vec<Uuid> = rows.iter().map(|a| a.id).collect();
    let mut rights = rights_of(db, &ids).await?;
    Ok(finish_page(
        rows,
        limit,
        |m| encode_cursor(&[&m.id.to_string()]),
        |m| {
            let r = rights.remove(&m.id).unwrap_or_default();
            to_dto(m, r, true)
        },
    ))
}

/// One account: support, or an orderer of the account's provider; else 404.
pub async fn get_account(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<AccountDto, ApiError> {
    let account = account::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    let visible =
        caller.is_admin() || caller.id() == id || account.provider_id.is_some_and(|p| caller.is_orderer_of(p));
    if !visible {
        return Err(ApiError::NotFound);
    }
    let rights = held_rights(db, id).await?.into_iter().map(|r| r.provider_id).collect();
    Ok(to_dto(account, rights, false))
}

fn parse_email(field: &str, value: &str, errors: &mut FieldErrors) -> Option<String> {
    match Email::parse(value) {
        Some(e) => Some(e.normalized()),
        None => {
            errors.add(field, Code::InvalidEmail);
            None
        }
    }
}

fn parse_personal_number(value: &str, errors: &mut FieldErrors) -> Option<String> {
    match PersonalNumber::parse(value) {
        Some(p) => Some(p.as_str().to_owned()),
        None => {
            errors.add("personal_number", Code::InvalidPersonalNumber);
            None
        }
    }
}

async fn check_provider(db: &DatabaseConnection, provider_id: Uuid, errors: &mut FieldErrors) -> Result<(), ApiError> {
    if provider::Entity::find_by_id(provider_id).one(db).await?.is_none() {
        errors.add("provider_id", Code::UnknownProvider);
    }
    Ok(())
}

/// Accounts' emails (stored lower-cased) are unique.
const ACCOUNT_EMAIL: UniqueIndex = UniqueIndex { name: "ux_accounts_email", table: "accounts", columns: &["email"] };

fn email_taken(err: sea_orm::DbErr) -> ApiError {
    ACCOUNT_EMAIL
        .on_violation(err, || ApiError::conflict(Code::AlreadyExists, "an account with this email already exists"))
}

/// Creates an account. Support may give roles and any provider; an orderer creates a plain
/// account of a provider it orders for (403 for roles or another provider).
pub async fn create_account(
    state: &AppState,
    caller: &Caller,
    req: CreateAccount,
    mut errors: FieldErrors,
) -> Result<AccountDto, ApiError> {
    let db = &state.db;
    let roles = req.roles.clone().unwrap_or_default();
    let provider_id = if caller.is_admin() {
        req.provider_id
    } else {
        if !caller.is_orderer() || !roles.is_empty() {
            return Err(ApiError::Forbidden(Code::Forbidden));
        }
        caller.provider_to_order_for(req.provider_id, "provider_id", &mut errors)?
    };
    let email = req.email.take("email", &mut errors).and_then(|e| parse_email("email", &e, &mut errors));
    let name = req.name.take("name", &mut errors).and_then(|n| errors.check(parse_text("name", &n, 200, false)));
    let personal_number = match req.personal_number.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => parse_personal_number(v, &mut errors),
    };
    if let Some(p) = provider_id
        && caller.is_admin()
    {
        check_provider(db, p, &mut errors).await?;
    }
    let (email, name) = errors.finish_with((email, name))?;
    let now = chrono::Utc::now();
    let txn = db.begin().await?;
    let model = account::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email),
        name: Set(name.into_string()),
        // No password until the person chooses one through the activation link (rule 16).
        password_hash: Set(String::new()),
        provider_id: Set(provider_id),
        is_admin: Set(roles.contains(&crate::domain::Role::Admin)),
        is_it: Set(roles.contains(&crate::domain::Role::It)),
        personal_number: Set(personal_number),
        active: Set(true),
        session_generation: Set(0),
        created_by: Set(Some(caller.id())),
        created_at: Set(now),
        updated_at: Set(now),
        last_seen_at: Set(None),
        dormant_notice_at: Set(None),
        personal_number_verified: Set(false),
    }
    .insert(&txn)
    .await
    .map_err(email_taken)?;
    audit::record(
        &txn,
        Some(caller.id()),
        AuditEvent::AccountCreated {
            account_id: model.id,
            provider_id,
            email: &model.email,
            roles: serde_json::json!(roles),
        },
    )
    .await?;
    super::invitations::send_invitation(&txn, state, &model).await?;
    txn.commit().await?;
    Ok(to_dto(model, Vec::new(), false))
}

/// Changes an account (support). Rule 18: a new password, deactivation or reactivation, other roles
/// or another provider end the account's sessions; deactivation also ends its API tokens for good;
/// moving it revokes its ordering rights of the old provider and ends its waiting requests there
/// (the answer carries the old provider's warnings).
pub async fn update_account(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: UpdateAccount,
    mut errors: FieldErrors,
) -> Result<AccountChanged, ApiError> {
    caller.require_admin()?;
    let db = &state.db;
    let existing = account::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    let email = req.email.and_then(|e| parse_email("email", &e, &mut errors));
    let name = req.name.and_then(|n| errors.check(parse_text("name", &n, 200, false)));
    let personal_number = req.personal_number.map(|p| match p.as_deref().map(str::trim) {
        None | Some("") => Some(None),
        Some(v) => parse_personal_number(v, &mut errors).map(Some),
    });
    if let Some(Some(p)) = req.provider_id {
        check_provider(db, p, &mut errors).await?;
    }
    if id == caller.id()
        && (req.active == Some(false) || req.roles.as_ref().is_some_and(|r| !r.contains(&crate::domain::Role::Admin)))
    {
        // Support must not lock itself out by accident.
        errors.push(
            FieldError::new(if req.active == Some(false) { "active" } else { "roles" }, Code::ValueNotAllowed)
                .with_message(
                    "Du kan inte inaktivera ditt eget konto eller ta bort din egen supportroll.",
                    "You cannot deactivate your own account or remove your own admin role.",
                ),
        );
    }
    errors.finish()?;
    let now = chrono::Utc::now();
    let mut model: account::ActiveModel = existing.clone().into();
    if let Some(email) = email {
        model.email = Set(email);
    }
    if let Some(name) = name {
        model.name = Set(name.into_string());
    }
    if let Some(provider_id) = req.provider_id {
        model.provider_id = Set(provider_id);
    }
    if let Some(roles) = &req.roles {
        model.is_admin = Set(roles.contains(&crate::domain::Role::Admin));
        model.is_it = Set(roles.contains(&crate::domain::Role::It));
    }
    if let Some(Some(personal_number)) = personal_number {
        model.personal_number = Set(personal_number);
    }
    if let Some(active) = req.active {
        model.active = Set(active);
    }
    model.updated_at = Set(now);
    let moved = req.provider_id.is_some_and(|p| p != existing.provider_id);
    let (admin, it) = (crate::domain::Role::Admin, crate::domain::Role::It);
    let ends_sessions = req.active.is_some_and(|a| a != existing.active)
        || req
            .roles
            .as_ref()
            .is_some_and(|r| (r.contains(&admin), r.contains(&it)) != (existing.is_admin, existing.is_it))
        || moved;
    let txn = db.begin().await?;
    let model = model.update(&txn).await.map_err(email_taken)?;
    if ends_sessions {
        crate::auth::sessions::end_all(&txn, id).await?;
    }
    if req.active == Some(false) && existing.active {
        crate::auth::links::end_all(&txn, id).await?;
        // A script's token of a deactivated account never works again, whatever happens after.
        crate::api_tokens::service::revoke_all_of(&txn, caller, id).await?;
    }
    let mut warnings = Vec::new();
    if moved && let Some(old) = existing.provider_id {
        warnings = crate::ordering_rights::moves::account_left(
            &txn,
            caller,
            id,
            old,
            crate::compliance::service::Policy::of(&state.settings),
        )
        .await?;
    }
    let details = serde_json::json!({
        "active": req.active,
        "roles": req.roles,
        "provider_id": req.provider_id,
    });
    audit::record(
        &txn,
        Some(caller.id()),
        AuditEvent::AccountUpdated {
            account_id: id,
            provider_id: model.provider_id.or(existing.provider_id),
            changes: details,
        },
    )
    .await?;
    txn.commit().await?;
    let rights = held_rights(db, id).await?.into_iter().map(|r| r.provider_id).collect();
    Ok(AccountChanged { account: to_dto(model, rights, false), warnings })
}
