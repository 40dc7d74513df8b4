//! Providers and units: support maintains them; a provider's own accounts and orderers read theirs,
//! IT reads all. Anything else answers 404, as if it did not exist.

use super::dto::*;
use crate::{
    audit::{self, AuditEvent},
    auth::Caller,
    domain::{OrgNumber, parse_text},
    entities::{provider, unit},
    error::{
        ApiError, Code, FieldError, FieldErrors,
        db::{UniqueIndex, taken},
    },
    pagination::{Page, PageParams, after_name_and_id, encode_cursor, finish_page},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use uuid::Uuid;

const NAME_MAX: usize = 200;
const CODE_MAX: usize = 64;

/// The provider, if the caller may see it; 404 otherwise.
pub async fn visible_provider(
    db: &impl ConnectionTrait,
    caller: &Caller,
    id: Uuid,
) -> Result<provider::Model, ApiError> {
    if !(caller.sees_all_providers() || caller.belongs_to(id)) {
        return Err(ApiError::NotFound);
    }
    provider::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)
}

/// The provider, when the caller may manage its people (ordering rights, expert users, requests):
/// support, or an orderer of it. 404 when the provider is not visible, 403 when visible but not
/// the caller's to manage.
pub async fn require_manager(
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

/// A page of the providers the caller may see, by name.
pub async fn list_providers(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: &ProviderFilter,
    page: &PageParams,
) -> Result<Page<ProviderDto>, ApiError> {
    let limit = page.limit()?;
    let mut query = provider::Entity::find();
    if let Some(ids) = caller.visible_providers() {
        query = query.filter(provider::Column::Id.is_in(ids));
    }
    if let Some(active) = filter.active {
        query = query.filter(provider::Column::Active.eq(active));
    }
    if let Some(after) = after_name_and_id(provider::Column::Name, provider::Column::Id, page.cursor_parts()?)? {
        query = query.filter(after);
    }
    let rows =
        query.order_by_asc(provider::Column::Name).order_by_asc(provider::Column::Id).limit(limit + 1).all(db).await?;
    Ok(finish_page(rows, limit, |m| encode_cursor(&[&m.name, &m.id.to_string()]), ProviderDto::from))
}

fn parse_org_number(value: &str, errors: &mut FieldErrors) -> Option<String> {
    match OrgNumber::parse(value) {
        Some(o) => Some(o.as_str().to_owned()),
        None => {
            errors.push(FieldError::new("org_number", Code::InvalidFormat).with_message(
                "Organisationsnumret ska skrivas NNNNNN-NNNN med rätt kontrollsiffra.",
                "The organisation number must be NNNNNN-NNNN with a valid check digit.",
            ));
            None
        }
    }
}

/// A provider's name, and its organisation number, are unique.
const PROVIDER_UNIQUE: [(UniqueIndex, &str); 2] = [
    (UniqueIndex { name: "ux_providers_name", table: "providers", columns: &["name"] }, "the name"),
    (
        UniqueIndex { name: "ux_providers_org_number", table: "providers", columns: &["org_number"] },
        "the organisation number",
    ),
];
/// A unit's name, and its code, are unique at its provider.
const UNIT_UNIQUE: [(UniqueIndex, &str); 2] = [
    (
        UniqueIndex { name: "ux_units_provider_name", table: "units", columns: &["provider_id", "name"] },
        "the unit's name at this provider",
    ),
    (
        UniqueIndex { name: "ux_units_provider_code", table: "units", columns: &["provider_id", "code"] },
        "the unit's code at this provider",
    ),
];

/// Adds a provider.
pub async fn create_provider(
    db: &DatabaseConnection,
    caller: &Caller,
    req: CreateProvider,
    mut errors: FieldErrors,
) -> Result<ProviderDto, ApiError> {
    caller.require_admin()?;
    let name = req.name.take("name", &mut errors).and_then(|n| errors.check(parse_text("name", &n, NAME_MAX, false)));
    let org_number = match req.org_number.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => parse_org_number(v, &mut errors),
    };
    let name = errors.finish_with(name)?;
    let now = chrono::Utc::now();
    let txn = db.begin().await?;
    let model = provider::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(name.into_string()),
        org_number: Set(org_number),
        active: Set(req.active.unwrap_or(true)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(|e| taken(e, &PROVIDER_UNIQUE))?;
    audit::record(&txn, Some(caller.id()), AuditEvent::ProviderCreated { provider_id: model.id, name: &model.name })
        .await?;
    txn.commit().await?;
    Ok(model.into())
}

/// Changes a provider.
pub async fn update_provider(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    req: UpdateProvider,
    mut errors: FieldErrors,
) -> Result<ProviderDto, ApiError> {
    caller.require_admin()?;
    let existing = provider::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    let name = req.name.and_then(|n| errors.check(parse_text("name", &n, NAME_MAX, false)));
    let org_number = req.org_number.map(|o| match o.as_deref().map(str::trim) {
        None | Some("") => Some(None),
        Some(v) => parse_org_number(v, &mut errors).map(Some),
    });
    errors.finish()?;
    let mut model: provider::ActiveModel = existing.into();
    if let Some(name) = name {
        model.name = Set(name.into_string());
    }
    if let Some(Some(org_number)) = org_number {
        model.org_number = Set(org_number);
    }
    if let Some(active) = req.active {
        model.active = Set(active);
    }
    model.updated_at = Set(chrono::Utc::now());
    let txn = db.begin().await?;
    let model = model.update(&txn).await.map_err(|e| taken(e, &PROVIDER_UNIQUE))?;
    audit::record(&txn, Some(caller.id()), AuditEvent::ProviderUpdated { provider_id: id }).await?;
    txn.commit().await?;
    Ok(model.into())
}

/// A page of a visible provider's units, by name.
pub async fn list_units(
    db: &DatabaseConnection,
    caller: &Caller,
    provider_id: Uuid,
    filter: &UnitFilter,
    page: &PageParams,
) -> Result<Page<UnitDto>, ApiError> {
    let limit = page.limit()?;
    visible_provider(db, caller, provider_id).await?;
    let mut query = unit::Entity::find().filter(unit::Column::ProviderId.eq(provider_id));
    if let Some(active) = filter.active {
        query = query.filter(unit::Column::Active.eq(active));
    }
    if let Some(after) = after_name_and_id(unit::Column::Name, unit::Column::Id, page.cursor_parts()?)? {
        query = query.filter(after);
    }
    let rows = query.order_by_asc(unit::Column::Name).order_by_asc(unit::Column::Id).limit(limit + 1).all(db).await?;
    Ok(finish_page(rows, limit, |m| encode_cursor(&[&m.name, &m.id.to_string()]), UnitDto::from))
}

fn parse_code(value: Option<&str>, errors: &mut FieldErrors) -> Option<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Some(None),
        Some(v) => errors.check(parse_text("code", v, CODE_MAX, false)).map(|t| Some(t.into_string())),
    }
}

/// Adds a unit to a provider.
pub async fn create_unit(
    db: &DatabaseConnection,
    caller: &Caller,
    provider_id: Uuid,
    req: CreateUnit,
    mut errors: FieldErrors,
) -> Result<UnitDto, ApiError> {
    caller.require_admin()?;
    provider::Entity::find_by_id(provider_id).one(db).await?.ok_or(ApiError::NotFound)?;
    let name = req.name.take("name", &mut errors).and_then(|n| errors.check(parse_text("name", &n, NAME_MAX, false)));
    let code = parse_code(req.code.as_deref(), &mut errors);
    let (name, code) = errors.finish_with((name, code))?;
    let now = chrono::Utc::now();
    let txn = db.begin().await?;
    let model = unit::ActiveModel {
        id: Set(Uuid::now_v7()),
        provider_id: Set(provider_id),
        name: Set(name.into_string()),
        code: Set(code),
        active: Set(req.active.unwrap_or(true)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(|e| taken(e, &UNIT_UNIQUE))?;
    audit::record(
        &txn,
        Some(caller.id()),
        AuditEvent::UnitCreated { unit_id: model.id, provider_id, name: &model.name },
    )
    .await?;
    txn.commit().await?;
    Ok(model.into())
}

/// Changes a unit.
pub async fn update_unit(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    req: UpdateUnit,
    mut errors: FieldErrors,
) -> Result<UnitDto, ApiError> {
    caller.require_admin()?;
    let existing = unit::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    let provider_id = existing.provider_id;
    let name = req.name.and_then(|n| errors.check(parse_text("name", &n, NAME_MAX, false)));
    let code = req.code.map(|c| parse_code(c.as_deref(), &mut errors));
    errors.finish()?;
    let mut model: unit::ActiveModel = existing.into();
    if let Some(name) = name {
        model.name = Set(name.into_string());
    }
    if let Some(Some(code)) = code {
        model.code = Set(code);
    }
    if let Some(active) = req.active {
        model.active = Set(active);
    }
    model.updated_at = Set(chrono::Utc::now());
    let txn = db.begin().await?;
    let model = model.update(&txn).await.map_err(|e| taken(e, &UNIT_UNIQUE))?;
    audit::record(&txn, Some(caller.id()), AuditEvent::UnitUpdated { unit_id: id, provider_id }).await?;
    txn.commit().await?;
    Ok(model.into())
}
