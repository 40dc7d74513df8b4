//! Wire types of providers and units.

use crate::{
    entities::{provider, unit},
    list_type,
    wire::Required,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

/// A care provider (utförare).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProviderDto {
    pub id: Uuid,
    #[schema(example = "Omsorg Nord AB")]
    pub name: String,
    /// Organisationsnummer, `NNNNNN-NNNN`.
    #[schema(example = "556036-0793")]
    pub org_number: Option<String>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<provider::Model> for ProviderDto {
    fn from(m: provider::Model) -> Self {
        ProviderDto {
            id: m.id,
            name: m.name,
            org_number: m.org_number,
            active: m.active,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

list_type!(ProviderList, ProviderDto, "A page of providers.");

/// A new provider (support).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Omsorg Nord AB", "org_number": "556036-0793", "active": true}))]
pub struct CreateProvider {
    #[schema(value_type = String, max_length = 200, example = "Omsorg Nord AB")]
    #[validate(length(max = 200))]
    pub name: Required<String>,
    /// `NNNNNN-NNNN` with a valid check digit.
    #[schema(max_length = 11, example = "556036-0793")]
    #[validate(length(max = 11))]
    pub org_number: Option<String>,
    pub active: Option<bool>,
}

/// Changes to a provider (support). `org_number: null` removes it.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Omsorg Nord AB (Gränby)"}))]
pub struct UpdateProvider {
    #[schema(max_length = 200)]
    #[validate(length(max = 200))]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>, max_length = 11)]
    pub org_number: Option<Option<String>>,
    /// `false` deactivates the provider: nobody can order for it.
    pub active: Option<bool>,
}

/// Filters of the provider list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProviderFilter {
    pub active: Option<bool>,
}

/// A unit (enhet) of a provider.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitDto {
    pub id: Uuid,
    pub provider_id: Uuid,
    #[schema(example = "Boende Linden")]
    pub name: String,
    /// HSA-id or cost centre; unique within the provider.
    pub code: Option<String>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<unit::Model> for UnitDto {
    fn from(m: unit::Model) -> Self {
        UnitDto {
            id: m.id,
            provider_id: m.provider_id,
            name: m.name,
            code: m.code,
            active: m.active,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

list_type!(UnitList, UnitDto, "A page of units.");

/// A new unit (support).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Hemtjänst Gränby", "code": "SE2321000131-E000000000101", "active": true}))]
pub struct CreateUnit {
    #[schema(value_type = String, max_length = 200, example = "Hemtjänst Gränby")]
    #[validate(length(max = 200))]
    pub name: Required<String>,
    #[schema(max_length = 64, example = "SE2321000131-E000000000101")]
    #[validate(length(max = 64))]
    pub code: Option<String>,
    pub active: Option<bool>,
}

/// Changes to a unit (support). `code: null` removes it.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Hemtjänst Gränby norra", "active": true}))]
pub struct UpdateUnit {
    #[schema(max_length = 200)]
    #[validate(length(max = 200))]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>, max_length = 64)]
    pub code: Option<Option<String>>,
    /// `false` retires the unit: new orders cannot name it.
    pub active: Option<bool>,
}

/// Filters of the unit list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitFilter {
    pub active: Option<bool>,
}
