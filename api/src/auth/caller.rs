//! The authenticated caller of a request, loaded from the database on every request so that a
//! deactivated account or a revoked ordering right takes effect at once, whatever tokens are out.

use super::api_token;
use crate::{
    domain::{Actor, Role},
    entities::{account, api_token as api_token_row, ordering_right, provider},
    error::{ApiError, Code, FieldError, FieldErrors},
    state::AppState,
};
use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header, web};
use futures_util::future::LocalBoxFuture;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait as _,
    prelude::*,
    sea_query::{Expr, ExprTrait, IntoCondition},
};
use uuid::Uuid;

/// An ordering right the caller holds, with the provider's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldRight {
    pub provider_id: Uuid,
    pub provider_name: String,
}

/// How often, at most, a token's `last_used_at` is written.
pub const LAST_USED_RESOLUTION_SECS: i64 = 60;

/// Who is calling: the active account, its roles, and the ordering rights it holds now.
#[derive(Clone, Debug)]
pub struct Caller {
    pub account: account::Model,
    pub ordering_rights: Vec<HeldRight>,
    /// The API token the request came with; `None` for a login session (a JWT).
    pub api_token_id: Option<Uuid>,
}

impl Caller {
    /// The account's id.
    pub fn id(&self) -> Uuid {
        self.account.id
    }

    /// The account's roles.
    pub fn roles(&self) -> Vec<Role> {
        let mut roles = Vec::new();
        if self.account.is_admin {
            roles.push(Role::Admin);
        }
        if self.account.is_it {
            roles.push(Role::It);
        }
        roles
    }

    pub fn is_admin(&self) -> bool {
        self.account.is_admin
    }

    pub fn is_it(&self) -> bool {
        self.account.is_it
    }

    /// Support only: 403 for anyone else.
    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.is_admin() { Ok(()) } else { Err(ApiError::Forbidden(Code::Forbidden)) }
    }

    /// Whether the caller holds an active ordering right for the provider.
    pub fn is_orderer_of(&self, provider_id: Uuid) -> bool {
        self.ordering_rights.iter().any(|r| r.provider_id == provider_id)
    }

    /// A login session only (403 for an API token): managing API tokens and one's own password
    /// needs a person who logged in, so that a leaked token cannot make more of itself.
    pub fn require_session(&self) -> Result<(), ApiError> {
        if self.api_token_id.is_none() { Ok(()) } else { Err(ApiError::Forbidden(Code::Forbidden)) }
    }

    /// Whether the caller is an orderer of any provider.
    pub fn is_orderer(&self) -> bool {
        !self.ordering_rights.is_empty()
    }

    /// 403 unless the caller orders for some provider: IT and support are `forbidden` (they do not
    /// order), anyone else lacks an ordering right (`no_ordering_right`).
    pub fn require_orderer(&self) -> Result<(), ApiError> {
        if self.is_orderer() {
            Ok(())
        } else if self.is_it() || self.is_admin() {
            Err(ApiError::Forbidden(Code::Forbidden))
        } else {
            Err(ApiError::Forbidden(Code::NoOrderingRight))
        }
    }

    /// The provider an orderer acts for: the one it names (403 `no_ordering_right` unless it orders
    /// for it), else its only one; when it orders for several and names none, `required` at `field`
    /// (recorded in `errors`, with the others of the request) and `None`.
    pub fn provider_to_order_for(
        &self,
        named: Option<Uuid>,
        field: &str,
        errors: &mut FieldErrors,
    ) -> Result<Option<Uuid>, ApiError> {
        match (named, self.ordering_rights.as_slice()) {
            (Some(p), _) if self.is_orderer_of(p) => Ok(Some(p)),
            (Some(_), _) => Err(ApiError::Forbidden(Code::NoOrderingRight)),
            (None, _) if errors.has_error_at(field) => Ok(None),
            (None, [only]) => Ok(Some(only.provider_id)),
            (None, _) => {
                errors.push(FieldError::new(field, Code::Required).with_message(
                    "Välj utförare: du har beställningsrätt för flera.",
                    "Choose the provider: you hold ordering rights for several.",
                ));
                Ok(None)
            }
        }
    }

    /// The caller as the person acting on someone's permissions (rule 7).
    pub fn actor(&self) -> Actor<'_> {
        Actor { personal_number: self.account.personal_number.as_deref(), email: &self.account.email }
    }

    /// Whether the caller belongs to the provider: its own account's provider, or one it orders for.
    pub fn belongs_to(&self, provider_id: Uuid) -> bool {
        self.account.provider_id == Some(provider_id) || self.is_orderer_of(provider_id)
    }

    /// Whether the caller may read everything of every provider (support and IT).
    pub fn sees_all_providers(&self) -> bool {
        self.is_admin() || self.is_it()
    }

    /// The providers whose data the caller may read, or `None` for all.
    pub fn visible_providers(&self) -> Option<Vec<Uuid>> {
        if self.sees_all_providers() {
            return None;
        }
        let mut ids: Vec<Uuid> = self.ordering_rights.iter().map(|r| r.provider_id).collect();
        if let Some(own) = self.account.provider_id
            && !ids.contains(&own)
        {
            ids.push(own);
        }
        Some(ids)
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer_token(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal("AppState is not registered"))?;
            let token = token.ok_or(ApiError::Unauthorized)?;
            if api_token::is_api_token(&token) {
                return load_api_token_caller(&state.db, &token).await;
            }
            let (account_id, generation) = state.jwt.verify(&token).ok_or(ApiError::Unauthorized)?;
            load_caller(&state.db, account_id, generation).await
        })
    }
}

/// The bearer token of the request, if it has one.
pub fn bearer_token(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let token = token.trim();
    (!token.is_empty()).then(|| token.to_owned())
}

/// Loads an active account and its active ordering rights; 401 when it is gone or deactivated,
/// or when the token's session generation is no longer the account's (its sessions were ended).
///
/// Every authenticated request does this, so it is one query: the account, left-joined with its
/// active ordering rights on active providers (one row per right, or one row without).
pub async fn load_caller(db: &DatabaseConnection, account_id: Uuid, generation: i64) -> Result<Caller, ApiError> {
    #[derive(FromQueryResult)]
    struct Row {
        #[sea_orm(nested)]
        account: account::Model,
        right_provider_id: Option<Uuid>,
        right_provider_name: Option<String>,
    }
    let rows: Vec<Row> = account::Entity::find()
        .join(
            JoinType::LeftJoin,
            account::Entity::has_many(ordering_right::Entity)
                .from(account::Column::Id)
                .to(ordering_right::Column::AccountId)
                .on_condition(|_, rights| {
                    Expr::col((rights, ordering_right::Column::RevokedAt)).is_null().into_condition()
                })
                .into(),
        )
        .join(
            JoinType::LeftJoin,
            ordering_right::Entity::belongs_to(provider::Entity)
                .from(ordering_right::Column::ProviderId)
                .to(provider::Column::Id)
                .on_condition(|_, providers| Expr::col((providers, provider::Column::Active)).eq(true).into_condition())
                .into(),
        )
        .expr_as(Expr::col((provider::Entity, provider::Column::Id)), "right_provider_id")
        .expr_as(Expr::col((provider::Entity, provider::Column::Name)), "right_provider_name")
        .filter(account::Column::Id.eq(account_id))
        .order_by_asc(Expr::col((provider::Entity, provider::Column::Name)))
        .into_model::<Row>()
        .all(db)
        .await?;
    let mut ordering_rights = Vec::new();
    let mut found = None;
    for row in rows {
        if let (Some(provider_id), Some(provider_name)) = (row.right_provider_id, row.right_provider_name) {
            ordering_rights.push(HeldRight { provider_id, provider_name });
        }
        found.get_or_insert(row.account);
    }
    let account = found.ok_or(ApiError::Unauthorized)?;
    if !account.active || account.session_generation != generation {
        return Err(ApiError::Unauthorized);
    }
    super::last_seen::record(db, &account).await?;
    Ok(Caller { account, ordering_rights, api_token_id: None })
}

/// Loads the caller of an API token: 401 when the token is unknown, revoked or expired, or its
/// account is gone or deactivated. Records the token's last use, at most once a minute.
pub async fn load_api_token_caller(db: &DatabaseConnection, token: &str) -> Result<Caller, ApiError> {
    if !api_token::is_well_formed(token) {
        return Err(ApiError::Unauthorized);
    }
    let now = chrono::Utc::now();
    let row = api_token_row::Entity::find()
        .filter(api_token_row::Column::TokenHash.eq(api_token::hash(token)))
        .one(db)
        .await?
        .ok_or(ApiError::Unauthorized)?;
    if row.revoked_at.is_some() || row.expires_at.is_some_and(|at| at <= now) {
        return Err(ApiError::Unauthorized);
    }
    let account = account::Entity::find_by_id(row.account_id).one(db).await?.ok_or(ApiError::Unauthorized)?;
    if !account.active {
        return Err(ApiError::Unauthorized);
    }
    let stale_before = now - chrono::Duration::seconds(LAST_USED_RESOLUTION_SECS);
    if row.last_used_at.is_none_or(|at| at < stale_before) {
        // Conditional, so that concurrent requests (and replicas) write it once.
        api_token_row::Entity::update_many()
            .col_expr(api_token_row::Column::LastUsedAt, Expr::value(Some(now)))
            .filter(api_token_row::Column::Id.eq(row.id))
            .filter(
                Condition::any()
                    .add(api_token_row::Column::LastUsedAt.is_null())
                    .add(api_token_row::Column::LastUsedAt.lt(stale_before)),
            )
            .exec(db)
            .await?;
    }
    super::last_seen::record(db, &account).await?;
    let ordering_rights = held_rights(db, account.id).await?;
    Ok(Caller { account, ordering_rights, api_token_id: Some(row.id) })
}

/// The active ordering rights of an account, on active providers, by provider name.
pub async fn held_rights(db: &DatabaseConnection, account_id: Uuid) -> Result<Vec<HeldRight>, DbErr> {
    let rows: Vec<(Uuid, String)> = ordering_right::Entity::find()
        .select_only()
        .column(ordering_right::Column::ProviderId)
        .column(provider::Column::Name)
        .join(JoinType::InnerJoin, ordering_right::Relation::Provider.def())
        .filter(ordering_right::Column::AccountId.eq(account_id))
        .filter(ordering_right::Column::RevokedAt.is_null())
        .filter(provider::Column::Active.eq(true))
        .order_by_asc(provider::Column::Name)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(provider_id, provider_name)| HeldRight { provider_id, provider_name }).collect())
}
