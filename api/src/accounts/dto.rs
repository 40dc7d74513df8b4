//! Wire types of accounts.

use crate::{compliance::dto::ComplianceIssue, domain::Role, list_type, wire::Required};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

/// An account (a person who logs in).
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountDto {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    /// The provider the account belongs to; none for support and IT.
    pub provider_id: Option<Uuid>,
    pub roles: Vec<Role>,
    /// Whole in a single account's answer; masked (`YYYYMMDD-****`) in lists.
    pub personal_number: Option<String>,
    pub active: bool,
    /// The providers this account holds an active ordering right for.
    pub orders_for: Vec<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The last day the account signed in or used the API (at most one write a day; rule 19).
    pub last_seen_at: Option<DateTime<Utc>>,
    /// Whether the person has chosen a password (false until the activation link is used).
    pub password_set: bool,
}

list_type!(AccountList, AccountDto, "A page of accounts.");

/// A changed account, and what the change left its old provider short of (moving an account
/// revokes its ordering rights there: `too_few_orderers` when fewer than two are left).
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountChanged {
    #[serde(flatten)]
    pub account: AccountDto,
    pub warnings: Vec<ComplianceIssue>,
}

/// A new account. Orderers create accounts of their own provider only, and never with roles.
/// It has no password: the person gets an activation link by email and chooses one (rule 16), so
/// `password` is refused (`unknown_field`).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "karin.berg@omsorgnord.example", "name": "Karin Berg", "provider_id": "0193a1b2-0000-7000-8000-000000000001", "personal_number": null, "roles": []}))]
pub struct CreateAccount {
    #[schema(value_type = String, max_length = 254, example = "karin.berg@omsorgnord.example")]
    #[validate(length(max = 254))]
    pub email: Required<String>,
    #[schema(value_type = String, max_length = 200, example = "Karin Berg")]
    #[validate(length(max = 200))]
    pub name: Required<String>,
    /// Required for orderers when they order for several providers; none for support and IT accounts.
    pub provider_id: Option<Uuid>,
    /// Support only.
    #[validate(length(max = 2))]
    pub roles: Option<Vec<Role>>,
    /// Personnummer, e.g. `19121212-1212`; used to stop people ordering for themselves.
    #[schema(max_length = 13, example = "19121212-1212")]
    #[validate(length(max = 13))]
    pub personal_number: Option<String>,
}

/// Changes to an account (support). `active: false` deactivates it: its tokens stop working at once.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Karin Berg-Lind", "active": true}))]
pub struct UpdateAccount {
    #[schema(max_length = 254)]
    #[validate(length(max = 254))]
    pub email: Option<String>,
    #[schema(max_length = 200)]
    #[validate(length(max = 200))]
    pub name: Option<String>,
    /// `null` makes it an account of no provider.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub provider_id: Option<Option<Uuid>>,
    #[validate(length(max = 2))]
    pub roles: Option<Vec<Role>>,
    /// `null` removes it.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>, max_length = 13)]
    pub personal_number: Option<Option<String>>,
    pub active: Option<bool>,
}

/// Filters of the account list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccountFilter {
    /// Only this provider's accounts (orderers: one of theirs).
    pub provider_id: Option<Uuid>,
    pub active: Option<bool>,
    /// Name or email contains this (case-insensitive).
    #[param(max_length = 100)]
    pub q: Option<String>,
}

/// Asking for a password-reset link (`POST /auth/password-reset`).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "karin.berg@omsorgnord.example"}))]
pub struct PasswordResetRequest {
    #[schema(value_type = String, max_length = 254, example = "karin.berg@omsorgnord.example")]
    #[validate(length(max = 254))]
    pub email: Required<String>,
}

/// A password chosen through an activation or reset link.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"token": "3f1c…(the 64 hex digits after #token= in the link)", "password": "korp-lingon-vattenfall"}))]
pub struct SetPasswordWithToken {
    /// The token of the link (the part after `#token=`).
    #[schema(value_type = String, max_length = 64)]
    #[validate(length(max = 64))]
    pub token: Required<String>,
    /// At least 12 characters, not the account's email, not a common password (`weak_password`).
    #[schema(value_type = String, format = Password, write_only, min_length = 12, max_length = 128)]
    #[validate(length(max = 128))]
    pub password: Required<String>,
}
