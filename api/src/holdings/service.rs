//! Holdings: made and changed by completed orders, read by the provider's orderers, IT and
//! support, given end dates by the orderers, and revoked all at once for a person who leaves.
//!
//! Visibility follows the roles table: an orderer sees the holdings of the providers it orders
//! for (another provider's answers 404, as if it did not exist); IT and support see all; anyone
//! else is refused (403). Changing an end date and revoking are the orderers' alone.
//! What completed orders do to holdings is in [`super::effects`].

use super::{dto::*, units::unit_ids_of};
use crate::{
    audit::{self, AuditEvent},
    auth::Caller,
    csv::ExportPage,
    domain::{OrderKind, OrderStatus, PersonalNumber, mask_stored, order::parse_date, parse_text},
    effects,
    entities::{holding, holding_unit, order, permission, provider, system},
    error::{ApiError, Code, FieldError, FieldErrors},
    name_lookup::{FoundNames, NameLookup},
    orders::store::{Revoke, SentRevoke, send_revoke},
    pagination::{PageParams, after_person_and_id, encode_cursor, finish_page},
};
use actix_web::web::Bytes;
use chrono::Utc;
use futures_util::Stream;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
    TransactionTrait,
    sea_query::{Expr, LikeExpr},
};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

// ---------------------------------------------------------------------------------------------
// Reading

/// Names of what holdings refer to, loaded for many holdings at once (two queries per page).
struct Names {
    /// Providers (`p`), permissions (`e`), systems (`s`) by id, and each holding's units.
    found: FoundNames,
    /// Open revoke orders by (provider, personal number, permission).
    revokes: HashMap<(Uuid, String, Uuid), OpenRevokeOrder>,
}

impl Names {
    async fn load(db: &impl ConnectionTrait, rows: &[holding::Model]) -> Result<Names, ApiError> {
        let found = NameLookup::units_of(
            holding_unit::Entity,
            holding_unit::Column::HoldingId,
            holding_unit::Column::UnitId,
            rows.iter().map(|h| h.id),
        )
        .and("p", provider::Entity, rows.iter().map(|h| h.provider_id))
        .and("e", permission::Entity, rows.iter().map(|h| h.permission_id))
        .and("s", system::Entity, rows.iter().map(|h| h.system_id))
        .run(db)
        .await?;
        if rows.is_empty() {
            return Ok(Names { found, revokes: HashMap::new() });
        }
        // The open revoke orders of these people (by `ix_orders_person`), matched below.
        let people: Vec<String> =
            rows.iter().map(|h| h.personal_number.clone()).collect::<BTreeSet<_>>().into_iter().collect();
        let mut revokes = HashMap::new();
        for o in order::Entity::find()
            .filter(order::Column::PersonalNumber.is_in(people))
            .filter(order::Column::Kind.eq(OrderKind::Revoke.as_str()))
            .filter(order::Column::Status.is_in(OrderStatus::OPEN.map(OrderStatus::as_str)))
            .all(db)
            .await?
        {
            let Some(status) = OrderStatus::parse(&o.status) else { continue };
            revokes.insert(
                (o.provider_id, o.personal_number, o.permission_id),
                OpenRevokeOrder { id: o.id, reference: o.reference, status },
            );
        }
        Ok(Names { found, revokes })
    }

    /// The holding's answer; the personal number whole (`whole`) or masked.
    fn dto(&self, m: holding::Model, whole: bool) -> HoldingDto {
        let open_revoke_order = match m.ended_at {
            None => self.revokes.get(&(m.provider_id, m.personal_number.clone(), m.permission_id)).cloned(),
            Some(_) => None,
        };
        let personal_number = if whole {
            PersonalNumber::from_stored(&m.personal_number).map(|p| p.formatted()).unwrap_or(m.personal_number)
        } else {
            mask_stored(&m.personal_number)
        };
        HoldingDto {
            open_revoke_order,
            id: m.id,
            provider_name: self.found.name("p", m.provider_id),
            provider_id: m.provider_id,
            permission_name: self.found.name("e", m.permission_id),
            permission_id: m.permission_id,
            system_name: self.found.name("s", m.system_id),
            system_id: m.system_id,
            units: self.found.units.get(&m.id).cloned().unwrap_or_default(),
            person: HoldingPerson { first_name: m.first_name, last_name: m.last_name, personal_number, email: m.email },
            since: m.since,
            valid_to: m.valid_to,
            active: m.ended_at.is_none(),
            source_order_id: m.source_order_id,
            latest_order_id: m.latest_order_id,
            ended_at: m.ended_at,
            ended_by_order_id: m.ended_by_order_id,
            end_notice_sent_at: m.notice_sent_at,
            end_date_passed_at: m.expiry_handled_at,
            end_date_order_id: m.expiry_order_id,
        }
    }
}

/// The detail of one holding (the personal number whole).
async fn render(db: &impl ConnectionTrait, m: holding::Model) -> Result<HoldingDto, ApiError> {
    let names = Names::load(db, std::slice::from_ref(&m)).await?;
    Ok(names.dto(m, true))
}

/// Whether the caller may read the holding: IT and support all, an orderer its providers'.
fn may_see(caller: &Caller, h: &holding::Model) -> bool {
    caller.sees_all_providers() || caller.is_orderer_of(h.provider_id)
}

/// The holding, if it exists and the caller may see it; 404 otherwise.
async fn visible_holding(db: &impl ConnectionTrait, caller: &Caller, id: Uuid) -> Result<holding::Model, ApiError> {
    let h = holding::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    if may_see(caller, &h) { Ok(h) } else { Err(ApiError::NotFound) }
}

/// One holding, for those who may see it, with the personal number whole.
/// Every read is in the audit log (`holding.read`), as for an order's detail.
pub async fn get(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<HoldingDto, ApiError> {
    let h = visible_holding(db, caller, id).await?;
    let provider_id = h.provider_id;
    let dto = render(db, h).await?;
    audit::record(db, Some(caller.id()), AuditEvent::HoldingRead { holding_id: id, provider_id }).await?;
    Ok(dto)
}

/// The holdings the caller may read, filtered, by last name, first name and id.
fn scoped(caller: &Caller, filter: &HoldingFilter) -> Result<Select<holding::Entity>, ApiError> {
    let mut query = holding::Entity::find();
    if !caller.sees_all_providers() {
        if !caller.is_orderer() {
            return Err(ApiError::Forbidden(Code::Forbidden));
        }
        let mine: Vec<Uuid> = caller.ordering_rights.iter().map(|r| r.provider_id).collect();
        match filter.provider_id {
            Some(p) if !mine.contains(&p) => return Err(ApiError::NotFound),
            Some(_) => {}
            None => query = query.filter(holding::Column::ProviderId.is_in(mine)),
        }
    }
    if let Some(p) = filter.provider_id {
        query = query.filter(holding::Column::ProviderId.eq(p));
    }
    if let Some(s) = filter.system_id {
        query = query.filter(holding::Column::SystemId.eq(s));
    }
    let mut sort_matches = false;
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        if q.chars().count() > 100 || q.contains('\0') {
            return Err(ApiError::InvalidQuery("q: at most 100 characters".into()));
        }
        query = match PersonalNumber::parse(q) {
            Some(pn) => query.filter(holding::Column::PersonalNumber.eq(pn.as_str())),
            None => {
                sort_matches = q.chars().count() >= 3;
                let escaped: String = q
                    .to_lowercase()
                    .chars()
                    .flat_map(|c| if matches!(c, '\\' | '%' | '_') { vec!['\\', c] } else { vec![c] })
                    .collect();
                query.filter(holding::Column::SearchText.like(LikeExpr::new(format!("%{escaped}%")).escape('\\')))
            }
        };
    }
    if let (Some(true), Some(by)) = (filter.ending_soon, filter.ending_by) {
        query = query.filter(holding::Column::ValidTo.lte(by));
    }
    query = if filter.active.unwrap_or(true) {
        query.filter(holding::Column::EndedAt.is_null())
    } else {
        query.filter(holding::Column::EndedAt.is_not_null())
    };
    // A name searched for sits in one stretch of the name order, which the planner cannot know: walking
    // `ix_holdings_name` until a page of "johansson" is found read 280,000 of 700,000 holdings (0.8 s).
    // Sorting by an expression the index cannot give makes it find the matches by the trigram index
    // and sort those (2-3 characters and fewer use no trigram: the walk stays, matches are dense).
    let last_name = if sort_matches {
        Expr::cust(r#""holdings"."last_name" || ''"#)
    } else {
        Expr::col((holding::Entity, holding::Column::LastName))
    };
    Ok(query.order_by_asc(last_name).order_by_asc(holding::Column::FirstName).order_by_asc(holding::Column::Id))
}

/// A page of holdings (personal numbers masked); a fixed number of queries per page.
pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: &HoldingFilter,
    page: &PageParams,
) -> Result<HoldingList, ApiError> {
    let limit = page.limit()?;
    let mut query = scoped(caller, filter)?;
    let (last_name, first_name, id) = (holding::Column::LastName, holding::Column::FirstName, holding::Column::Id);
    if let Some(after) = after_person_and_id(last_name, first_name, id, page.cursor_parts()?)? {
        query = query.filter(after);
    }
    let rows = query.limit(limit + 1).all(db).await?;
    if let Some(person) = filter.q.as_deref().map(str::trim).and_then(PersonalNumber::parse) {
        // A search by a whole personal number reads a person's holdings: audited like a detail.
        let found: Vec<Uuid> = rows.iter().take(limit as usize).map(|h| h.id).collect();
        let event = AuditEvent::PersonSearched { resource: "holdings", masked_personal_number: person.masked(), found };
        audit::record(db, Some(caller.id()), event).await?;
    }
    let names = Names::load(db, &rows).await?;
    let page = finish_page(
        rows,
        limit,
        |m| encode_cursor(&[&m.last_name, &m.first_name, &m.id.to_string()]),
        |m| names.dto(m, false),
    );
    Ok(page.into())
}

/// The columns of the CSV export.
pub const CSV_HEADER: [&str; 8] =
    ["name", "personal_number", "provider", "system", "permission", "units", "since", "valid_to"];

/// Every matching holding as CSV (RFC 4180, UTF-8): personal numbers masked, units by name
/// separated by `; `, `since` as a date (UTC), `valid_to` empty when there is none; streamed a page at a time.
pub async fn csv(
    db: &DatabaseConnection,
    caller: &Caller,
    filter: &HoldingFilter,
) -> Result<impl Stream<Item = Result<Bytes, ApiError>> + 'static + use<>, ApiError> {
    let query = scoped(caller, filter)?;
    crate::csv::export(db, &CSV_HEADER, async move |db, after| {
        let (rows, next) = crate::csv::page_by_ids(db, &query, holding::Column::Id, after, |m| m.id).await?;
        let names = Names::load(db, &rows).await?;
        Ok(ExportPage { lines: rows.into_iter().map(|row| csv_line(names.dto(row, false))).collect(), next })
    })
    .await
}

/// One holding's line of the CSV export.
fn csv_line(h: HoldingDto) -> String {
    let units = h.units.iter().map(|u| u.name.as_str()).collect::<Vec<_>>().join("; ");
    crate::csv::line(&[
        format!("{} {}", h.person.first_name, h.person.last_name),
        h.person.personal_number,
        h.provider_name,
        h.system_name,
        h.permission_name,
        units,
        h.since.date_naive().format("%Y-%m-%d").to_string(),
        h.valid_to.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
    ])
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Extends, shortens or removes a holding's end date (orderers of its provider), audited. A date
/// must be today or later; a new date gets its own notice and its own handling when it passes.
pub async fn update_valid_to(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    req: UpdateHolding,
    mut errors: FieldErrors,
) -> Result<HoldingDto, ApiError> {
    let current = visible_holding(db, caller, id).await?;
    if !caller.is_orderer_of(current.provider_id) {
        return Err(ApiError::Forbidden(Code::Forbidden));
    }
    // Rule 7: an end date is a change of the person's permission; nobody changes their own.
    if caller.actor().matches(Some(&current.personal_number), current.email.as_deref()).any() {
        errors.add("", Code::SelfOrderForbidden);
    }
    let valid_to = match req.valid_to {
        None => {
            errors.require::<()>("valid_to", None);
            None
        }
        Some(None) => None,
        Some(Some(v)) => match parse_date(&v) {
            None => {
                errors.push(
                    FieldError::new("valid_to", Code::InvalidFormat)
                        .with_message("Ange ett datum som ÅÅÅÅ-MM-DD.", "Give a date as YYYY-MM-DD."),
                );
                None
            }
            Some(d) if d < Utc::now().date_naive() => {
                errors.push(
                    FieldError::new("valid_to", Code::ValueNotAllowed)
                        .with_message("Slutdatumet har redan passerat.", "The end date has already passed."),
                );
                None
            }
            Some(d) => Some(d),
        },
    };
    errors.finish()?;
    if current.ended_at.is_some() {
        return Err(ApiError::conflict(Code::AlreadyEnded, "the holding has ended"));
    }
    let txn = db.begin().await?;
    let now = Utc::now();
    let mut update = holding::Entity::update_many()
        .col_expr(holding::Column::ValidTo, Expr::value(valid_to))
        .col_expr(holding::Column::UpdatedAt, Expr::value(now))
        .filter(holding::Column::Id.eq(id))
        .filter(holding::Column::EndedAt.is_null());
    if valid_to != current.valid_to {
        let never: Option<chrono::DateTime<Utc>> = None;
        update = update
            .col_expr(holding::Column::NoticeSentAt, Expr::value(never))
            .col_expr(holding::Column::ExpiryHandledAt, Expr::value(never))
            .col_expr(holding::Column::ExpiryOrderId, Expr::value(Option::<Uuid>::None));
    }
    if update.exec(&txn).await?.rows_affected == 0 {
        txn.rollback().await?;
        return Err(ApiError::conflict(Code::AlreadyEnded, "the holding has ended"));
    }
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let event = AuditEvent::HoldingEndDateChanged {
        holding_id: id,
        provider_id: current.provider_id,
        from: date(current.valid_to),
        to: date(valid_to),
    };
    audit::record(&txn, Some(caller.id()), event).await?;
    let model = holding::Entity::find_by_id(id).one(&txn).await?.ok_or(ApiError::NotFound)?;
    let dto = render(&txn, model).await?;
    txn.commit().await?;
    Ok(dto)
}

/// Revokes everything a person holds at a provider (orderers of it): one revoke order per active
/// holding, each naming all of the holding's units and sent to IT at once, in one transaction.
///
/// Holdings that already have a revoke order on its way to IT (submitted or in progress) are
/// left out; so the answer may be empty, and asking again is harmless. A revoke order still in
/// draft for one of them is 409 `duplicate_open_order` (send or delete it first), and nothing is
/// made. A person who holds nothing active there is 422 `no_active_holdings`. Nobody revokes for
/// themselves: `self_order_forbidden`.
pub async fn revoke_all(
    db: &DatabaseConnection,
    caller: &Caller,
    req: RevokeAll,
    mut errors: FieldErrors,
    it_email: Option<&str>,
) -> Result<RevokeAllAnswer, ApiError> {
    caller.require_orderer()?;
    let provider_id = caller.provider_to_order_for(req.provider_id, "provider_id", &mut errors)?;
    let personal_number = match req.personal_number.take("personal_number", &mut errors) {
        Some(v) => match PersonalNumber::parse(&v) {
            Some(p) => Some(p),
            None => {
                errors.add("personal_number", Code::InvalidPersonalNumber);
                None
            }
        },
        None => None,
    };
    if let Some(p) = &personal_number {
        caller.actor().matches(Some(p.as_str()), None).report("personal_number", "personal_number", &mut errors);
    }
    let comment = match req.comment.as_deref().filter(|c| !c.trim().is_empty()) {
        Some(c) if !errors.has_error_at("comment") => {
            errors.check(parse_text("comment", c, crate::domain::order::COMMENT_MAX, true)).map(|t| t.into_string())
        }
        _ => None,
    };
    let (provider_id, personal_number) = errors.finish_with((provider_id, personal_number))?;

    let txn = db.begin().await?;
    let held = holding::Entity::find()
        .filter(holding::Column::ProviderId.eq(provider_id))
        .filter(holding::Column::PersonalNumber.eq(personal_number.as_str()))
        .filter(holding::Column::EndedAt.is_null())
        .order_by_asc(holding::Column::Id)
        .all(&txn)
        .await?;
    if held.is_empty() {
        return Err(ApiError::Validation(vec![FieldError::new("personal_number", Code::NoActiveHoldings)]));
    }
    if held.iter().any(|h| caller.actor().matches(None, h.email.as_deref()).any()) {
        return Err(ApiError::Validation(vec![FieldError::new("personal_number", Code::SelfOrderForbidden)]));
    }
    let mut items = Vec::new();
    for h in held {
        let revoke = SentRevoke {
            provider_id,
            permission_id: h.permission_id,
            system_id: h.system_id,
            unit_ids: unit_ids_of(&txn, h.id).await?,
            first_name: h.first_name,
            last_name: h.last_name,
            personal_number: personal_number.clone(),
            email: h.email,
            comment: comment.clone(),
        };
        match send_revoke(&txn, Some(caller.id()), revoke, None, effects::Settings { it_email }).await? {
            Revoke::Sent(order) => items.push(*order),
            Revoke::AlreadyOpen(open) if open.status == OrderStatus::Draft.as_str() => {
                return Err(ApiError::conflict(
                    Code::DuplicateOpenOrder,
                    format!(
                        "a revoke order ({}) for one of the permissions is a draft: send or delete it first",
                        open.reference
                    ),
                ));
            }
            // On its way to IT already.
            Revoke::AlreadyOpen(_) => {}
        }
    }
    let event = AuditEvent::HoldingsRevokedAll {
        provider_id,
        masked_personal_number: personal_number.masked(),
        orders: items.iter().map(|o| o.reference.clone()).collect(),
    };
    audit::record(&txn, Some(caller.id()), event).await?;
    txn.commit().await?;
    Ok(RevokeAllAnswer { items })
}
