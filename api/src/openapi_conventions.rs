//! What generated clients need of the document, applied once to everything the handlers declare
//! (SPEC *API conventions for clients*), so that a new route only needs its annotations:
//!
//! - a body that may be left out (`Option<T>` in `request_body`) is `T` marked not required, never
//!   `oneOf [T, null]` (generators then send JSON `null`, or crash on an unset value);
//! - a header parameter is a plain, optional string, never `["string", "null"]`;
//! - every field of an answer is `required` (nullable where it may be null), because answers always
//!   carry it — except the few members serde leaves out when empty ([`MAY_BE_LEFT_OUT`]);
//! - `code` members are enums of the stable problem codes.
//!
//! The black-box test `tests/tests/api/openapi.rs` walks the served document and fails on any
//! operation that breaks these or the rules annotations must follow themselves (summaries,
//! descriptions, examples, `Location` on `201`, CSV operations of their own).

use crate::error::Code;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// Answer members that serde leaves out (`skip_serializing_if`) rather than sending `null`:
/// `(schema, property)`. Everything else an answer names it always carries.
pub const MAY_BE_LEFT_OUT: &[(&str, &str)] =
    &[("Problem", "errors"), ("Problem", "open_order"), ("BatchItemResult", "order"), ("BatchItemResult", "problem")];

/// Applies every convention to the document.
pub fn apply(doc: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    let mut value = serde_json::to_value(&doc).expect("the document serialises");
    apply_to_value(&mut value);
    serde_json::from_value(value).expect("the document still parses after the conventions")
}

/// [`apply`] on the document as JSON.
pub fn apply_to_value(doc: &mut Value) {
    for op in operations(doc) {
        optional_bodies(op);
        plain_header_parameters(op);
    }
    answers_carry_their_fields(doc);
    problem_codes_as_enums(doc);
}

fn operations(doc: &mut Value) -> Vec<&mut Value> {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else { return Vec::new() };
    paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|item| {
            item.iter_mut()
                .filter(|(method, _)| ["get", "put", "post", "delete", "patch", "head"].contains(&method.as_str()))
                .map(|(_, op)| op)
        })
        .collect()
}

/// `oneOf [T, {"type": "null"}]` as a body's schema becomes `T`, and the body not required.
fn optional_bodies(op: &mut Value) {
    let Some(body) = op.get_mut("requestBody").and_then(Value::as_object_mut) else { return };
    let mut optional = false;
    if let Some(content) = body.get_mut("content").and_then(Value::as_object_mut) {
        for media in content.values_mut() {
            if let Some(schema) = media.get_mut("schema")
                && let Some(inner) = without_null(schema)
            {
                *schema = inner;
                optional = true;
            }
        }
    }
    if optional {
        body.insert("required".into(), Value::Bool(false));
    }
}

/// The one alternative of a `oneOf` that is `T` or `null`.
fn without_null(schema: &Value) -> Option<Value> {
    let alternatives = schema.get("oneOf")?.as_array()?;
    let is_null = |s: &Value| s.get("type").and_then(Value::as_str) == Some("null");
    if alternatives.len() != 2 || !alternatives.iter().any(is_null) {
        return None;
    }
    alternatives.iter().find(|s| !is_null(s)).cloned()
}

/// Header parameters are plain strings; one that may be left out is simply not required.
fn plain_header_parameters(op: &mut Value) {
    let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) else { return };
    for param in params.iter_mut().filter(|p| p.get("in").and_then(Value::as_str) == Some("header")) {
        let Some(schema) = param.get_mut("schema").and_then(Value::as_object_mut) else { continue };
        if let Some(types) = schema.get("type").and_then(Value::as_array) {
            let rest: Vec<Value> = types.iter().filter(|t| t.as_str() != Some("null")).cloned().collect();
            if rest.len() == 1 {
                schema.insert("type".into(), rest[0].clone());
                param["required"] = Value::Bool(false);
            }
        }
    }
}

/// Every property of a schema that only answers use (not a request body or parameter) is required.
fn answers_carry_their_fields(doc: &mut Value) {
    let schemas = doc["components"]["schemas"].clone();
    let mut in_requests = BTreeSet::new();
    let mut in_answers = BTreeSet::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for op in paths.values().filter_map(Value::as_object).flat_map(|item| item.values()) {
            for part in ["requestBody", "parameters"] {
                if let Some(part) = op.get(part) {
                    referenced(part, &schemas, &mut in_requests);
                }
            }
            if let Some(responses) = op.get("responses") {
                referenced(responses, &schemas, &mut in_answers);
            }
        }
    }
    let Some(components) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) else { return };
    for name in in_answers.difference(&in_requests) {
        if let Some(schema) = components.get_mut(name) {
            require_all(name, schema);
        }
    }
}

/// The names of the component schemas a part of the document reaches, transitively.
fn referenced(part: &Value, schemas: &Value, found: &mut BTreeSet<String>) {
    match part {
        Value::Object(map) => {
            for (key, value) in map {
                if key == "$ref"
                    && let Some(name) = value.as_str().and_then(|r| r.strip_prefix("#/components/schemas/"))
                {
                    if found.insert(name.to_owned())
                        && let Some(schema) = schemas.get(name)
                    {
                        referenced(schema, schemas, found);
                    }
                } else {
                    referenced(value, schemas, found);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| referenced(item, schemas, found)),
        _ => {}
    }
}

/// Marks every property of an object schema (and of its `oneOf`/`allOf` parts) required.
fn require_all(name: &str, schema: &mut Value) {
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        let mut required: Vec<String> =
            props.keys().filter(|prop| !MAY_BE_LEFT_OUT.contains(&(name, prop.as_str()))).cloned().collect();
        required.sort();
        let mut existing: Vec<String> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        existing.extend(required);
        existing.sort();
        existing.dedup();
        if !existing.is_empty() {
            schema["required"] = json!(existing);
        }
    }
    for combinator in ["oneOf", "allOf", "anyOf"] {
        if let Some(parts) = schema.get_mut(combinator).and_then(Value::as_array_mut) {
            parts.iter_mut().for_each(|part| require_all(name, part));
        }
    }
}

/// `Problem.code` and `FieldProblem.code` list the stable codes.
fn problem_codes_as_enums(doc: &mut Value) {
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    for schema in ["Problem", "FieldProblem"] {
        if let Some(code) = doc.pointer_mut(&format!("/components/schemas/{schema}/properties/code")) {
            code["enum"] = json!(codes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_bodies_lose_their_null_and_their_requirement() {
        let mut doc = json!({"paths": {"/x": {"post": {"requestBody": {"required": true, "content": {"application/json":
            {"schema": {"oneOf": [{"$ref": "#/components/schemas/Note"}, {"type": "null"}]}}}}, "responses": {}}}},
            "components": {"schemas": {}}});
        apply_to_value(&mut doc);
        let body = &doc["paths"]["/x"]["post"]["requestBody"];
        assert_eq!(body["required"], json!(false));
        assert_eq!(body["content"]["application/json"]["schema"], json!({"$ref": "#/components/schemas/Note"}));
    }

    #[test]
    fn header_parameters_become_plain_optional_strings() {
        let mut doc = json!({"paths": {"/x": {"post": {"parameters": [{"name": "If-Match", "in": "header",
            "required": false, "schema": {"type": ["string", "null"], "maxLength": 3}}], "responses": {}}}},
            "components": {"schemas": {}}});
        apply_to_value(&mut doc);
        let param = &doc["paths"]["/x"]["post"]["parameters"][0];
        assert_eq!(param["schema"], json!({"type": "string", "maxLength": 3}));
        assert_eq!(param["required"], json!(false));
    }

    #[test]
    fn answer_fields_are_required_but_request_fields_are_left_alone() {
        let mut doc = json!({"paths": {"/x": {"post": {
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/In"}}}},
            "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Out"}}}}}}}},
            "components": {"schemas": {
                "In": {"type": "object", "properties": {"a": {"type": ["string", "null"]}}},
                "Out": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"},
                    "note": {"type": ["string", "null"]}, "inner": {"$ref": "#/components/schemas/Inner"}}},
                "Inner": {"type": "object", "properties": {"b": {"type": ["integer", "null"]}}},
                "Problem": {"type": "object", "properties": {"code": {"type": "string"}, "errors": {"type": ["array", "null"]}}}}}});
        doc["paths"]["/x"]["post"]["responses"]["422"] =
            json!({"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}});
        apply_to_value(&mut doc);
        let s = &doc["components"]["schemas"];
        assert_eq!(s["Out"]["required"], json!(["id", "inner", "note"]));
        assert_eq!(s["Inner"]["required"], json!(["b"]));
        assert!(s["In"].get("required").is_none());
        assert_eq!(s["Problem"]["required"], json!(["code"]));
        assert!(s["Problem"]["properties"]["code"]["enum"].as_array().is_some_and(|e| e.contains(&json!("not_found"))));
    }
}
