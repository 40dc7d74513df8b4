//! Request extraction that answers problem+json for every kind of bad input.
//!
//! Bodies are read as bytes (bounded: 413), checked for a JSON content type (415), parsed as a
//! JSON value (400), and only then turned into the typed request, gathering **every** problem
//! (unknown fields, wrong types, NUL bytes, shape limits) so that a 422 reports them all at once.

use crate::{
    domain::is_refused_char,
    error::{ApiError, Code, FieldError, FieldErrors},
};
use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, http::header, web};
use futures_util::{StreamExt, future::LocalBoxFuture};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::HashMap;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

/// The largest JSON body accepted by default, in bytes.
pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;

/// A per-route override of the body limit, registered as app data.
#[derive(Clone, Copy, Debug)]
pub struct BodyLimit(pub usize);

/// A JSON request body of type `T`, with the problems found while reading it.
///
/// A body reads even when fields are missing or wrong: a required field is a
/// [`crate::wire::Required`], whose value the service takes out (recording `required` when it is
/// missing) with its own findings, so that one 422 carries everything.
pub struct Body<T> {
    value: T,
    errors: FieldErrors,
    raw: Value,
}

impl<T> Body<T> {
    /// The typed body and the problems already found in it.
    pub fn into_parts(self) -> (T, FieldErrors) {
        (self.value, self.errors)
    }

    /// The SHA-256 of the body as the client sent it, whatever the order of its object keys: what
    /// an `Idempotency-Key` is checked against.
    pub fn fingerprint(&self) -> String {
        crate::idempotency::fingerprint(&self.raw)
    }
}

/// One element of a list in a body that is read on its own, as if it were a body of its own
/// (the items of a batch): its problems stay its own, so the others are unaffected.
#[derive(Debug)]
pub struct Each<T>(pub Result<(T, FieldErrors), ApiError>);

/// `validator` keeps the value of a list that breaks its limits with the error; nobody reads it
/// back, so an element is kept as `null`.
impl<T> serde::Serialize for Each<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

impl<'de, T: DeserializeOwned + Validate> serde::Deserialize<'de> for Each<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Ok(Each(parse_value::<T>(value)))
    }
}

impl<T: DeserializeOwned + Validate + 'static> FromRequest for Body<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req.app_data::<BodyLimit>().map_or(DEFAULT_BODY_LIMIT, |l| l.0);
        let is_json = is_json_content_type(req);
        let declared_length = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            if declared_length.is_some_and(|n| n > limit) {
                return Err(ApiError::PayloadTooLarge);
            }
            let mut bytes = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|e| ApiError::MalformedJson(e.to_string()))?;
                if bytes.len() + chunk.len() > limit {
                    return Err(ApiError::PayloadTooLarge);
                }
                bytes.extend_from_slice(&chunk);
            }
            let raw = if bytes.iter().all(u8::is_ascii_whitespace) {
                // No body at all is an empty object: bodies whose fields are all optional may be left out.
                Value::Object(Default::default())
            } else {
                if !is_json {
                    return Err(ApiError::UnsupportedMediaType);
                }
                let value =
                    serde_json::from_slice::<Value>(&bytes).map_err(|e| ApiError::MalformedJson(e.to_string()))?;
                // A name given twice is ambiguous (which one counts differs between parsers): refused.
                let duplicates = duplicate_keys(&bytes);
                if !duplicates.is_empty() {
                    return Err(ApiError::Validation(
                        duplicates
                            .into_iter()
                            .map(|path| {
                                FieldError::new(path, Code::InvalidFormat).with_message(
                                    "Fältet förekommer mer än en gång.",
                                    "The field is given more than once.",
                                )
                            })
                            .collect(),
                    ));
                }
                // JSON `null` is the same request as no body (SPEC, conventions for clients): a
                // generated client sends it for a body left unset.
                if value.is_null() { Value::Object(Default::default()) } else { value }
            };
            let (value, errors) = parse_value::<T>(raw.clone())?;
            Ok(Body { value, errors, raw })
        })
    }
}

/// The JSON paths of object members whose name appears more than once in their object
/// (`serde_json` would silently keep the last). The body is known to be valid JSON.
pub fn duplicate_keys(bytes: &[u8]) -> Vec<String> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::{cell::RefCell, collections::HashSet, fmt};

    struct Seed<'a> {
        path: String,
        found: &'a RefCell<Vec<String>>,
    }

    impl<'de> DeserializeSeed<'de> for Seed<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
            deserializer.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Seed<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("JSON")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut seen = HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                let path = join(&self.path, &key);
                if !seen.insert(key) && !self.found.borrow().contains(&path) {
                    self.found.borrow_mut().push(path.clone());
                }
                map.next_value_seed(Seed { path, found: self.found })?;
            }
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut i = 0;
            while seq.next_element_seed(Seed { path: format!("{}[{i}]", self.path), found: self.found })?.is_some() {
                i += 1;
            }
            Ok(())
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
    }

    let found = RefCell::new(Vec::new());
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let _ = Seed { path: String::new(), found: &found }.deserialize(&mut deserializer);
    found.into_inner()
}

fn is_json_content_type(req: &HttpRequest) -> bool {
    match req.mime_type() {
        Ok(Some(mime)) => {
            mime.type_() == "application" && (mime.subtype() == "json" || mime.suffix().is_some_and(|s| s == "json"))
        }
        _ => false,
    }
}

/// Turns a JSON value into `T`, gathering every problem instead of stopping at the first.
///
/// Fields with problems are reported and left out (so they read as absent); the rest is typed.
/// Only a value that cannot become `T` at all (say, an array where an object belongs) fails outright.
pub fn parse_value<T: DeserializeOwned + Validate>(mut raw: Value) -> Result<(T, FieldErrors), ApiError> {
    if !raw.is_object() {
        return Err(ApiError::Validation(vec![
            FieldError::new("", Code::InvalidFormat)
                .with_message("Begäran ska vara ett JSON-objekt.", "The body must be a JSON object."),
        ]));
    }
    let mut errors = FieldErrors::new();
    strip_refused_strings(&mut raw, "", &mut errors);
    let mut removed: HashMap<String, Vec<usize>> = HashMap::new();
    // Each round removes one offending value, so the number of rounds is bounded by the body's size.
    for _ in 0..10_000 {
        match serde_path_to_error::deserialize::<_, T>(&raw) {
            Ok(value) => {
                if let Err(validation) = value.validate() {
                    collect_validation_errors(&validation, "", &mut errors);
                }
                return Ok((value, errors));
            }
            Err(err) => {
                let segments: Vec<Segment> = err.path().iter().map(Segment::from).collect();
                let message = err.inner().to_string();
                if let Some(name) = unknown_field_name(&message) {
                    // serde reports the containing object's path; the field is inside it.
                    let mut path = segments.clone();
                    if path.last() != Some(&Segment::Key(name.clone())) {
                        path.push(Segment::Key(name.clone()));
                    }
                    errors.push(FieldError::new(display_path(&path, &removed), Code::UnknownField));
                    if !remove_at(&mut raw, &path, &mut removed) {
                        break;
                    }
                } else {
                    // A type of the body may say which stable code its refusal is (`crate::wire::coded`).
                    let path = display_path(&segments, &removed);
                    errors.push(
                        crate::wire::coded_problem(path.clone(), &message)
                            .unwrap_or_else(|| FieldError::new(path, Code::InvalidFormat)),
                    );
                    if !remove_at(&mut raw, &segments, &mut removed) {
                        break;
                    }
                }
            }
        }
    }
    if errors.is_empty() {
        errors.add("", Code::InvalidFormat);
    }
    Err(ApiError::Validation(errors.into_vec()))
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

impl From<&serde_path_to_error::Segment> for Segment {
    fn from(s: &serde_path_to_error::Segment) -> Self {
        match s {
            serde_path_to_error::Segment::Seq { index } => Segment::Index(*index),
            serde_path_to_error::Segment::Map { key } => Segment::Key(key.clone()),
            serde_path_to_error::Segment::Enum { variant } => Segment::Key(variant.clone()),
            serde_path_to_error::Segment::Unknown => Segment::Key("?".into()),
        }
    }
}

fn unknown_field_name(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let end = rest.find('`')?;
    Some(rest[..end].chars().filter(|c| !c.is_control()).take(100).collect())
}

/// The JSON path as clients see it (`subject.email`, `unit_ids[2]`), with array indexes
/// translated back to those of the original body.
fn display_path(path: &[Segment], removed: &HashMap<String, Vec<usize>>) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Index(index) => {
                let original = original_index(removed.get(&out), *index);
                out.push_str(&format!("[{original}]"));
            }
        }
    }
    out
}

fn original_index(removed: Option<&Vec<usize>>, current: usize) -> usize {
    let mut original = current;
    if let Some(removed) = removed {
        let mut sorted = removed.clone();
        sorted.sort_unstable();
        for r in sorted {
            if r <= original {
                original += 1;
            }
        }
    }
    original
}

/// Removes the value at `path`; false when there is nothing left to remove (the root itself).
fn remove_at(root: &mut Value, path: &[Segment], removed: &mut HashMap<String, Vec<usize>>) -> bool {
    let Some((last, parents)) = path.split_last() else { return false };
    let mut node = &mut *root;
    for segment in parents {
        let next = match (segment, node) {
            (Segment::Key(k), Value::Object(map)) => map.get_mut(k),
            (Segment::Index(i), Value::Array(items)) => items.get_mut(*i),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => return false,
        }
    }
    match (last, node) {
        (Segment::Key(k), Value::Object(map)) => map.remove(k).is_some(),
        (Segment::Index(i), Value::Array(items)) if *i < items.len() => {
            let parent_path = display_path(parents, removed);
            let original = original_index(removed.get(&parent_path), *i);
            items.remove(*i);
            removed.entry(parent_path).or_default().push(original);
            true
        }
        _ => false,
    }
}

/// Text with a NUL byte or a bidirectional control is refused (`invalid_format`) before anything
/// else looks at it (see `domain::is_refused_char`), whatever field it is in.
fn strip_refused_strings(value: &mut Value, path: &str, errors: &mut FieldErrors) {
    match value {
        Value::Object(map) => {
            let bad: Vec<String> = map
                .iter()
                .filter(|(_, v)| matches!(v, Value::String(s) if s.contains(is_refused_char)))
                .map(|(k, _)| k.clone())
                .collect();
            for key in bad {
                map.remove(&key);
                errors.add(join(path, &key), Code::InvalidFormat);
            }
            for (key, child) in map.iter_mut() {
                strip_refused_strings(child, &join(path, key), errors);
            }
        }
        Value::Array(items) => {
            // Keep positions stable: replace with null, which typed fields refuse or ignore.
            for (i, child) in items.iter_mut().enumerate() {
                let child_path = format!("{path}[{i}]");
                if matches!(child, Value::String(s) if s.contains(is_refused_char)) {
                    *child = Value::Null;
                    errors.add(child_path, Code::InvalidFormat);
                } else {
                    strip_refused_strings(child, &child_path, errors);
                }
            }
        }
        _ => {}
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") }
}

fn collect_validation_errors(errors: &ValidationErrors, path: &str, out: &mut FieldErrors) {
    let mut fields: Vec<_> = errors.errors().iter().collect();
    fields.sort_by(|a, b| a.0.cmp(b.0));
    for (field, kind) in fields {
        let field_path = join(path, field);
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    let code = match e.code.as_ref() {
                        "length" => Code::InvalidLength,
                        "email" => Code::InvalidEmail,
                        "required" => Code::Required,
                        _ => Code::InvalidFormat,
                    };
                    let mut fe = FieldError::new(field_path.clone(), code);
                    if code == Code::InvalidLength
                        && let Some(max) = e.params.get("max").and_then(Value::as_u64)
                    {
                        let min = e.params.get("min").and_then(Value::as_u64).unwrap_or(0);
                        fe = fe.with_message(
                            format!("Mellan {min} och {max} tecken eller element."),
                            format!("Between {min} and {max} characters or items."),
                        );
                    }
                    out.push(fe);
                }
            }
            ValidationErrorsKind::Struct(inner) => collect_validation_errors(inner, &field_path, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    collect_validation_errors(inner, &format!("{field_path}[{i}]"), out);
                }
            }
        }
    }
}

/// Query-string configuration: a bad query is a 400 problem, never actix's plain text.
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, _req| ApiError::InvalidQuery(err.to_string()).into())
}

/// Path configuration: an id that does not parse names nothing that exists, so it is a 404.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_err, _req| ApiError::NotFound.into())
}

/// actix's own JSON extractor, should any route use it, answers problem+json too.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default().limit(DEFAULT_BODY_LIMIT).error_handler(|err, _req| {
        use actix_web::error::JsonPayloadError as E;
        match err {
            E::OverflowKnownLength { .. } | E::Overflow { .. } => ApiError::PayloadTooLarge.into(),
            E::ContentType => ApiError::UnsupportedMediaType.into(),
            other => ApiError::MalformedJson(other.to_string()).into(),
        }
    })
}

/// For PATCH fields where `null` means "remove": absent → `None`, `null` → `Some(None)`.
pub fn double_option<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    use serde::Deserialize;
    Option::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize, Validate)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        email: Option<String>,
    }

    #[derive(Debug, Deserialize, Validate)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        #[validate(length(max = 5))]
        name: Option<String>,
        count: Option<u32>,
        ids: Option<Vec<uuid::Uuid>>,
        #[validate(nested)]
        inner: Option<Inner>,
    }

    fn fields(errors: FieldErrors) -> Vec<(String, &'static str)> {
        let mut v: Vec<_> = errors.into_vec().into_iter().map(|e| (e.field, e.code.as_str())).collect();
        v.sort();
        v
    }

    #[test]
    fn gathers_every_problem_at_once() {
        let body = json!({
            "name": "far too long",
            "count": "three",
            "ids": ["0190c2a4-6f5e-7000-8000-000000000001", "nope", 3],
            "inner": {"email": "a\u{0}b", "extra": 1},
            "bogus": true
        });
        let (value, errors) = parse_value::<Outer>(body).expect("typed");
        assert_eq!(value.count, None);
        assert_eq!(value.inner.as_ref().and_then(|i| i.email.as_deref()), None);
        assert_eq!(value.ids.as_ref().map(Vec::len), Some(1));
        assert_eq!(
            fields(errors),
            vec![
                ("bogus".into(), "unknown_field"),
                ("count".into(), "invalid_format"),
                ("ids[1]".into(), "invalid_format"),
                ("ids[2]".into(), "invalid_format"),
                ("inner.email".into(), "invalid_format"),
                ("inner.extra".into(), "unknown_field"),
                ("name".into(), "invalid_length"),
            ]
        );
    }

    #[test]
    fn names_given_twice_are_found_at_any_depth() {
        assert_eq!(duplicate_keys(br#"{"name": "a", "name": "b"}"#), vec!["name"]);
        assert_eq!(
            duplicate_keys(br#"{"subject": {"email": 1, "email": 2}, "ids": [{"a": 1, "a": 1, "a": 1}], "roles": []}"#),
            vec!["subject.email", "ids[0].a"]
        );
        assert!(duplicate_keys(br#"{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}"#).is_empty());
    }

    #[test]
    fn a_body_of_the_wrong_shape_fails_outright() {
        let err = parse_value::<Outer>(json!([1, 2])).expect_err("not an object");
        assert!(matches!(err, ApiError::Validation(ref e) if e.len() == 1));
    }

    #[test]
    fn a_clean_body_has_no_problems() {
        let (value, errors) = parse_value::<Outer>(json!({"name": "ok", "count": 3})).expect("typed");
        assert!(errors.is_empty());
        assert_eq!(value.count, Some(3));
    }
}
