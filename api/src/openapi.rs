//! The OpenAPI document: info, tags and security here; paths and schemas are collected from the
//! handlers' `#[utoipa::path]` annotations. A modifier adds the problem responses every operation
//! can give (bad bodies, a missing token, an unreachable database), so handlers list only their own.

use crate::error::{FieldProblem, Problem};
use utoipa::{
    Modify, OpenApi,
    openapi::{
        Content, OpenApi as Doc, RefOr, Response,
        path::{Operation, ParameterIn},
        security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
    },
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Sesam",
        description = "Ordering of system permissions (behörigheter) for care providers' staff in the municipality's \
business systems. Errors are RFC 9457 `application/problem+json` with a stable `code`; a 422 lists every problem \
of the request in `errors` with the JSON path of each field. Times are RFC 3339 UTC; ids are UUIDv7.",
        license(name = "EUPL-1.2", url = "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12"),
        contact(name = "Sesam support (the municipality's IT service desk)", email = "support@kommun.example"),
    ),
    servers(
        (url = "http://127.0.0.1:8080", description = "The local demo (`make run`); a deployment serves the same paths on its own host"),
    ),
    components(schemas(Problem, FieldProblem)),
    modifiers(&SecurityAndProblems),
    tags(
        (name = "auth", description = "Logging in and the caller's own account"),
        (name = "catalogue", description = "Behörigheter i Sesam: systems and permissions (public reads)"),
        (name = "providers", description = "Providers (utförare) and units (enheter)"),
        (name = "accounts", description = "Accounts of people who log in"),
        (name = "api-tokens", description = "Long-lived, named, revocable tokens for integration scripts (support issues them)"),
        (name = "ordering-rights", description = "Beställningsrätt: who may order for a provider"),
        (name = "expert-users", description = "Expertanvändare: each provider's go-to persons per system, and direct information to them by email"),
        (name = "orders", description = "Beställningar: orders of one permission for one person, their lifecycle \
(draft → submitted → in_progress → completed; rejected, withdrawn, returned) and history"),
        (name = "holdings", description = "Behörighetsinnehav: who holds which permission today (from completed orders), \
end dates, and revoking everything a person who leaves holds"),
        (name = "reviews", description = "Behörighetsuppföljning: access reviews, where each provider confirms regularly \
who should keep which permission (rules 14 and 15)"),
        (name = "compliance", description = "Providers against rules 9 and 10"),
        (name = "notifications", description = "What the caller has been told (also by email, through the outbox)"),
        (name = "audit", description = "Who did what, when (support)"),
        (name = "webhooks", description = "Signed event deliveries (Standard Webhooks) to IT's tools and integration scripts (support)"),
        (name = "health", description = "Liveness and readiness"),
        (name = "meta", description = "This document"),
    )
)]
pub struct ApiDoc;

struct SecurityAndProblems;

impl Modify for SecurityAndProblems {
    fn modify(&self, doc: &mut Doc) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT, or an API token sesam_pat_…")
                    .description(Some(
                        "A JWT from `POST /api/v1/auth/login`, or an API token (`sesam_pat_…`) issued by support \
for an integration script.",
                    ))
                    .build(),
            ),
        );
    }
}

/// Fills in the problem responses of every operation. Runs after the paths are collected.
pub fn add_problem_responses(doc: &mut Doc) {
    for item in doc.paths.paths.values_mut() {
        let ops = [item.get.as_mut(), item.post.as_mut(), item.put.as_mut(), item.patch.as_mut(), item.delete.as_mut()];
        for op in ops.into_iter().flatten() {
            add_to_operation(op);
        }
    }
}

fn add_to_operation(op: &mut Operation) {
    let requires_token = op.security.as_ref().is_some_and(|reqs| {
        !reqs.is_empty()
            && reqs
                .iter()
                .all(|r| serde_json::to_value(r).map(|v| v.as_object().is_some_and(|o| !o.is_empty())).unwrap_or(false))
    });
    let has_body = op.request_body.is_some();
    let has_query = op
        .parameters
        .as_ref()
        .is_some_and(|ps| ps.iter().any(|p| matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Query)));
    let has_path = op
        .parameters
        .as_ref()
        .is_some_and(|ps| ps.iter().any(|p| matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Path)));

    let mut add = |status: &str, description: &str| {
        op.responses.responses.entry(status.to_owned()).or_insert_with(|| RefOr::T(Response::new(description)));
    };
    if has_body {
        add("400", "The body is not JSON (`malformed_json`)");
        add("413", "The body is too large (`payload_too_large`)");
        add("415", "The body is not `application/json` (`unsupported_media_type`)");
        add("422", "The body breaks the contract; `errors` lists every problem with its field's JSON path");
    }
    if has_query {
        add("400", "A query parameter is malformed (`invalid_query`)");
    }
    if has_path {
        add("404", "Unknown, or not visible to the caller (`not_found`)");
    }
    if requires_token {
        add("401", "No valid token, or the account is deactivated (`unauthorized`); see `WWW-Authenticate`");
    }
    // The server's own limits, before any route: every operation can answer these.
    add("414", "The request's path and query are longer than the server takes (`uri_too_long`)");
    add("431", "The request's headers are larger than the server takes (`request_header_fields_too_large`)");
    add("503", "The database cannot be reached (`service_unavailable`); retry after `Retry-After`");
    add("500", "An unexpected error; the body is opaque and the cause is logged (`internal_error`)");

    for (status, response) in op.responses.responses.iter_mut() {
        let is_problem = status.starts_with('4') || status.starts_with('5');
        if let RefOr::T(response) = response
            && is_problem
            && response.content.is_empty()
        {
            response.content.insert(
                "application/problem+json".into(),
                RefOr::T(Content::new(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name("Problem"))))),
            );
        }
    }
}
