//! Reading and maintaining the catalogue. Reads are public; writes are support's.

use super::dto::*;
use crate::{
    audit::{self, AuditEvent},
    auth::Caller,
    domain::{ExtraField, parse_text},
    entities::{permission, system},
    error::{
        ApiError, Code, FieldError, FieldErrors,
        db::{UniqueIndex, taken},
    },
    pagination::{Page, PageParams, after_name_and_id, encode_cursor, finish_page},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use std::collections::BTreeMap;
use uuid::Uuid;

const NAME_MAX: usize = 100;
const DESCRIPTION_MAX: usize = 2000;
const VALUE_MAX: usize = 100;
const VALUES_MAX: usize = 200;

/// A page of systems, by name.
pub async fn list_systems(
    db: &DatabaseConnection,
    filter: &SystemFilter,
    page: &PageParams,
) -> Result<Page<SystemDto>, ApiError> {
    let limit = page.limit()?;
    let mut query = system::Entity::find();
    if let Some(active) = filter.active {
        query = query.filter(system::Column::Active.eq(active));
    }
    if let Some(after) = after_name_and_id(system::Column::Name, system::Column::Id, page.cursor_parts()?)? {
        query = query.filter(after);
    }
    let rows =
        query.order_by_asc(system::Column::Name).order_by_asc(system::Column::Id).limit(limit + 1).all(db).await?;
    Ok(finish_page(rows, limit, |m| encode_cursor(&[&m.name, &m.id.to_string()]), SystemDto::from))
}

/// One system.
pub async fn get_system(db: &DatabaseConnection, id: Uuid) -> Result<SystemDto, ApiError> {
    Ok(system::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?.into())
}

fn parse_required_fields(values: Vec<String>, errors: &mut FieldErrors) -> Vec<ExtraField> {
    let mut fields = Vec::new();
    for (i, name) in values.iter().enumerate() {
        match ExtraField::parse(name) {
            Some(f) if !fields.contains(&f) => fields.push(f),
            Some(_) => {}
            None => errors.push(not_an_extra_field(format!("required_fields[{i}]"))),
        }
    }
    fields
}

fn not_an_extra_field(path: String) -> FieldError {
    FieldError::new(path, Code::ValueNotAllowed).with_message(
        "Tillåtna fält är lifecare_title, profession och justification.",
        "Allowed fields are lifecare_title, profession and justification.",
    )
}

fn parse_allowed_values(map: BTreeMap<String, Vec<String>>, errors: &mut FieldErrors) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for (key, values) in map {
        let path = format!("allowed_values.{key}");
        if ExtraField::parse(&key).is_none() {
            errors.push(not_an_extra_field(path));
            continue;
        }
        if values.len() > VALUES_MAX {
            errors.add(path, Code::InvalidLength);
            continue;
        }
        let mut clean: Vec<String> = Vec::new();
        for (i, v) in values.iter().enumerate() {
            if let Some(text) = errors.check(parse_text(&format!("{path}[{i}]"), v, VALUE_MAX, false))
                && !clean.contains(&text.as_str().to_owned())
            {
                clean.push(text.into_string());
            }
        }
        if !clean.is_empty() {
            out.insert(key, clean);
        }
    }
    out
}

/// Adds a system.
pub async fn create_system(
    db: &DatabaseConnection,
    caller: &Caller,
    req: CreateSystem,
    mut errors: FieldErrors,
) -> Result<SystemDto, ApiError> {
    caller.require_admin()?;
    let name = req.name.take("name", &mut errors).and_then(|n| errors.check(parse_text("name", &n, NAME_MAX, false)));
    let description = match req.description {
        Some(d) if !d.trim().is_empty() => {
            errors.check(parse_text("description", &d, DESCRIPTION_MAX, true)).map(|t| t.into_string())
        }
        _ => Some(String::new()),
    };
    let required = parse_required_fields(req.required_fields.unwrap_or_default(), &mut errors);
    let allowed = parse_allowed_values(req.allowed_values.unwrap_or_default(), &mut errors);
    let (name, description) = errors.finish_with((name, description))?;
    let now = chrono::Utc::now();
    let txn = db.begin().await?;
    let model = system::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(name.into_string()),
        description: Set(description),
        required_fields: Set(serde_json::json!(required)),
        allowed_values: Set(serde_json::json!(allowed)),
        active: Set(req.active.unwrap_or(true)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(|e| taken(e, &SYSTEM_NAME))?;
    audit::record(&txn, Some(caller.id()), AuditEvent::SystemCreated { system_id: model.id, name: &model.name })
        .await?;
    txn.commit().await?;
    Ok(model.into())
}

/// Changes a system.
pub async fn update_system(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    req: UpdateSystem,
    mut errors: FieldErrors,
) -> Result<SystemDto, ApiError> {
    caller.require_admin()?;
    let existing = system::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    let name = req.name.and_then(|n| errors.check(parse_text("name", &n, NAME_MAX, false)));
    let description = req.description.map(|d| {
        if d.trim().is_empty() {
            Some(String::new())
        } else {
            errors.check(parse_text("description", &d, DESCRIPTION_MAX, true)).map(|t| t.into_string())
        }
    });
    let required = req.required_fields.map(|r| parse_required_fields(r, &mut errors));
    let allowed = req.allowed_values.map(|a| parse_allowed_values(a, &mut errors));
    errors.finish()?;
    let mut model: system::ActiveModel = existing.into();
    if let Some(name) = name {
        model.name = Set(name.into_string());
    }
    if let Some(Some(description)) = description {
        model.description = Set(description);
    }
    if let Some(required) = required {
        model.required_fields = Set(serde_json::json!(required));
    }
    if let Some(allowed) = allowed {
        model.allowed_values = Set(serde_json::json!(allowed));
    }
    if let Some(active) = req.active {
        model.active = Set(active);
    }
    model.updated_at = Set(chrono::Utc::now());
    let txn = db.begin().await?;
    let model = model.update(&txn).await.map_err(|e| taken(e, &SYSTEM_NAME))?;
    audit::record(&txn, Some(caller.id()), AuditEvent::SystemUpdated { system_id: id }).await?;
    txn.commit().await?;
    Ok(model.into())
}

/// A system's name is unique.
const SYSTEM_NAME: [(UniqueIndex, &str); 1] =
    [(UniqueIndex { name: "ux_systems_name", table: "systems", columns: &["name"] }, "`name`")];
/// A permission's name is unique within its system.
const PERMISSION_NAME: [(UniqueIndex, &str); 1] = [(
    UniqueIndex { name: "ux_permissions_system_name", table: "permissions", columns: &["system_id", "name"] },
    "`name`",
)];

/// A page of permissions, by name.
pub async fn list_permissions(
    db: &DatabaseConnection,
    filter: &PermissionFilter,
    page: &PageParams,
) -> Result<Page<PermissionDto>, ApiError> {
    let limit = page.limit()?;
    let mut query = permission::Entity::find();
    if let Some(system_id) = filter.system_id {
        query = query.filter(permission::Column::SystemId.eq(system_id));
    }
    if let Some(active) = filter.active {
        query = query.filter(permission::Column::Active.eq(active));
    }
    if let Some(after) = after_name_and_id(permission::Column::Name, permission::Column::Id, page.cursor_parts()?)? {
        query = query.filter(after);
    }
    let rows = query
        .order_by_asc(permission::Column::Name)
        .order_by_asc(permission::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    Ok(finish_page(rows, limit, |m| encode_cursor(&[&m.name, &m.id.to_string()]), PermissionDto::from))
}

/// One permission.
pub async fn get_permission(db: &DatabaseConnection, id: Uuid) -> Result<PermissionDto, ApiError> {
    Ok(permission::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?.into())
}

/// Adds a permission to a system.
pub async fn create_permission(
    db: &DatabaseConnection,
    caller: &Caller,
    req: CreatePermission,
    mut errors: FieldErrors,
) -> Result<PermissionDto, ApiError> {
    caller.require_admin()?;
    let system_id = req.system_id.take("system_id", &mut errors);
    let name = req.name.take("name", &mut errors).and_then(|n| errors.check(parse_text("name", &n, NAME_MAX, false)));
    let description = match req.description {
        Some(d) if !d.trim().is_empty() => {
            errors.check(parse_text("description", &d, DESCRIPTION_MAX, true)).map(|t| t.into_string())
        }
        _ => Some(String::new()),
    };
    if let Some(system_id) = system_id
        && system::Entity::find_by_id(system_id).one(db).await?.is_none()
    {
        errors.add("system_id", Code::UnknownSystem);
    }
    let (system_id, name, description) = errors.finish_with((system_id, name, description))?;
    let now = chrono::Utc::now();
    let txn = db.begin().await?;
    let model = permission::ActiveModel {
        id: Set(Uuid::now_v7()),
        system_id: Set(system_id),
        name: Set(name.into_string()),
        description: Set(description),
        active: Set(req.active.unwrap_or(true)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(|e| taken(e, &PERMISSION_NAME))?;
    audit::record(
        &txn,
        Some(caller.id()),
        AuditEvent::PermissionCreated { permission_id: model.id, name: &model.name },
    )
    .await?;
    txn.commit().await?;
    Ok(model.into())
}

/// Changes a permission.
pub async fn update_permission(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    req: UpdatePermission,
    mut errors: FieldErrors,
) -> Result<PermissionDto, ApiError> {
    caller.require_admin()?;
    let existing = permission::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    let name = req.name.and_then(|n| errors.check(parse_text("name", &n, NAME_MAX, false)));
    let description = req.description.map(|d| {
        if d.trim().is_empty() {
            Some(String::new())
        } else {
            errors.check(parse_text("description", &d, DESCRIPTION_MAX, true)).map(|t| t.into_string())
        }
    });
    errors.finish()?;
    let mut model: permission::ActiveModel = existing.into();
    if let Some(name) = name {
        model.name = Set(name.into_string());
    }
    if let Some(Some(description)) = description {
        model.description = Set(description);
    }
    if let Some(active) = req.active {
        model.active = Set(active);
    }
    model.updated_at = Set(chrono::Utc::now());
    let txn = db.begin().await?;
    let model = model.update(&txn).await.map_err(|e| taken(e, &PERMISSION_NAME))?;
    audit::record(&txn, Some(caller.id()), AuditEvent::PermissionUpdated { permission_id: id }).await?;
    txn.commit().await?;
    Ok(model.into())
}
