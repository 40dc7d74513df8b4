//! Wire types of systems and permissions.

use crate::{
    domain::ExtraField,
    entities::{permission, system},
    list_type,
    wire::Required,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

/// A business system (verksamhetssystem) such as Lifecare or Cosmic Link.
#[derive(Debug, Serialize, ToSchema)]
pub struct SystemDto {
    pub id: Uuid,
    #[schema(example = "Lifecare")]
    pub name: String,
    pub description: String,
    /// The extra order fields this system's grant orders require.
    pub required_fields: Vec<ExtraField>,
    /// For extra fields with a fixed list of values: field name → allowed values.
    #[schema(example = json!({"lifecare_title": ["Undersköterska", "Sjuksköterska"]}))]
    pub allowed_values: BTreeMap<String, Vec<String>>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<system::Model> for SystemDto {
    fn from(m: system::Model) -> Self {
        SystemDto {
            id: m.id,
            name: m.name,
            description: m.description,
            required_fields: serde_json::from_value(m.required_fields).unwrap_or_default(),
            allowed_values: serde_json::from_value(m.allowed_values).unwrap_or_default(),
            active: m.active,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

list_type!(SystemList, SystemDto, "A page of systems.");

/// A new system (support).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Lifecare", "description": "Verksamhetssystem för vård och omsorg.", "required_fields": ["lifecare_title"], "allowed_values": {"lifecare_title": ["Undersköterska", "Sjuksköterska"]}, "active": true}))]
pub struct CreateSystem {
    #[schema(value_type = String, max_length = 100, example = "Lifecare")]
    #[validate(length(max = 100))]
    pub name: Required<String>,
    #[schema(max_length = 2000)]
    #[validate(length(max = 2000))]
    pub description: Option<String>,
    /// Extra order fields required on grant orders: `lifecare_title`, `profession`, `justification`.
    #[schema(value_type = Option<Vec<ExtraField>>)]
    #[validate(length(max = 10))]
    pub required_fields: Option<Vec<String>>,
    /// Field name → allowed values (each list at most 200 values of at most 100 characters).
    pub allowed_values: Option<BTreeMap<String, Vec<String>>>,
    /// Defaults to true.
    pub active: Option<bool>,
}

/// Changes to a system (support); fields left out stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"description": "Verksamhetssystem för vård och omsorg (hemtjänst och boenden).", "active": true}))]
pub struct UpdateSystem {
    #[schema(max_length = 100)]
    #[validate(length(max = 100))]
    pub name: Option<String>,
    #[schema(max_length = 2000)]
    #[validate(length(max = 2000))]
    pub description: Option<String>,
    #[schema(value_type = Option<Vec<ExtraField>>)]
    #[validate(length(max = 10))]
    pub required_fields: Option<Vec<String>>,
    pub allowed_values: Option<BTreeMap<String, Vec<String>>>,
    /// `false` retires the system: its permissions can no longer be ordered.
    pub active: Option<bool>,
}

/// Filters of the system list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SystemFilter {
    /// Only active (true) or only retired (false) systems.
    pub active: Option<bool>,
}

/// A permission (behörighet) in one system.
#[derive(Debug, Serialize, ToSchema)]
pub struct PermissionDto {
    pub id: Uuid,
    pub system_id: Uuid,
    #[schema(example = "Utförare – dokumentera")]
    pub name: String,
    pub description: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<permission::Model> for PermissionDto {
    fn from(m: permission::Model) -> Self {
        PermissionDto {
            id: m.id,
            system_id: m.system_id,
            name: m.name,
            description: m.description,
            active: m.active,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

list_type!(PermissionList, PermissionDto, "A page of permissions.");

/// A new permission (support).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"system_id": "0193a1b2-0000-7000-8000-000000000003", "name": "Utförare – dokumentera", "description": "Dokumentera insatser hos brukare.", "active": true}))]
pub struct CreatePermission {
    #[schema(value_type = Uuid)]
    pub system_id: Required<Uuid>,
    #[schema(value_type = String, max_length = 100)]
    #[validate(length(max = 100))]
    pub name: Required<String>,
    #[schema(max_length = 2000)]
    #[validate(length(max = 2000))]
    pub description: Option<String>,
    pub active: Option<bool>,
}

/// Changes to a permission (support).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"description": "Dokumentera och läsa insatser hos brukare.", "active": true}))]
pub struct UpdatePermission {
    #[schema(max_length = 100)]
    #[validate(length(max = 100))]
    pub name: Option<String>,
    #[schema(max_length = 2000)]
    #[validate(length(max = 2000))]
    pub description: Option<String>,
    /// `false` retires the permission: it can no longer be ordered.
    pub active: Option<bool>,
}

/// Filters of the permission list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PermissionFilter {
    /// Only the permissions of this system.
    pub system_id: Option<Uuid>,
    /// Only active (true) or only retired (false) permissions.
    pub active: Option<bool>,
}
