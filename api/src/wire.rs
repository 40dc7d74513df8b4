//! Shapes that request bodies share, understood by the extractor (`crate::extract`).

use crate::error::{Code, FieldError, FieldErrors};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use std::fmt;
use validator::ValidateLength;

/// A field the request must carry. Its type is not an `Option`, so the OpenAPI document marks it
/// required; and its value comes out only through [`Required::take`], which records `required` at
/// the field's path when it was absent or `null`: one declaration for both. Give the document its
/// schema with `#[schema(value_type = T)]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Required<T>(Option<T>);

impl<T> Default for Required<T> {
    fn default() -> Self {
        Required(None)
    }
}

impl<T> Required<T> {
    /// A present value (for requests built in code: the demo, tests).
    pub fn new(value: T) -> Self {
        Required(Some(value))
    }

    /// The value; when it is missing, `required` is recorded at `field` (unless a problem was
    /// reported there already, say a value of the wrong type).
    pub fn take(self, field: &str, errors: &mut FieldErrors) -> Option<T> {
        errors.require(field, self.0)
    }

    /// The value if there is one, without recording anything (a check that needs it first).
    pub fn as_ref(&self) -> Option<&T> {
        self.0.as_ref()
    }
}

impl<T: Default> Required<T> {
    /// The object, or an empty one when it is missing: for an object whose own required fields
    /// then say what is missing (`subject.first_name`, not `subject`).
    pub fn or_empty(self) -> T {
        self.0.unwrap_or_default()
    }
}

impl Required<String> {
    /// As [`Required::take`], where blank text counts as missing.
    pub fn take_text(self, field: &str, errors: &mut FieldErrors) -> Option<String> {
        errors.require(field, self.0.filter(|v| !v.trim().is_empty()))
    }

    /// As [`Required::take`], where the empty string counts as missing (a password may be spaces).
    pub fn take_nonempty(self, field: &str, errors: &mut FieldErrors) -> Option<String> {
        errors.require(field, self.0.filter(|v| !v.is_empty()))
    }
}

impl<T> From<T> for Required<T> {
    fn from(value: T) -> Self {
        Required(Some(value))
    }
}

/// Absent and `null` both read as missing: serde asks an absent field for an option, and so do we.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Required<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Required)
    }
}

/// As sent (`validator` keeps the value of a field that breaks a limit with its error).
impl<T: Serialize> Serialize for Required<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<T: ValidateLength<u64>> ValidateLength<u64> for Required<T> {
    fn length(&self) -> Option<u64> {
        self.0.as_ref().and_then(T::length)
    }
}

/// The prefix of a deserialization error that carries a stable problem code: the extractor reports
/// `sesam:one_permission_per_order` as that code at the field's path, not as `invalid_format`.
pub const CODED: &str = "sesam:";

/// A deserialization error with a stable problem code (see [`CODED`]).
pub fn coded<E: de::Error>(code: Code) -> E {
    E::custom(format!("{CODED}{}", code.as_str()))
}

/// Rule 2 at the edge: exactly one permission id; a list of them is `one_permission_per_order`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OnePermission(pub uuid::Uuid);

impl<'de> Deserialize<'de> for OnePermission {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> de::Visitor<'de> for Visit {
            type Value = OnePermission;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("one permission id")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OnePermission, E> {
                uuid::Uuid::parse_str(v).map(OnePermission).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<OnePermission, A::Error> {
                Err(coded(Code::OnePermissionPerOrder))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

/// A field no body may carry, with the code that says why: `permission_ids` is
/// `one_permission_per_order` (rule 2), never silently ignored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Refused;

impl<'de> Deserialize<'de> for Refused {
    fn deserialize<D: Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        Err(coded(Code::OnePermissionPerOrder))
    }
}

/// A problem at `field` with a stable code carried by a deserialization error, if it carries one.
pub fn coded_problem(field: String, message: &str) -> Option<FieldError> {
    let code = message.strip_prefix(CODED)?;
    Code::parse(code).map(|code| FieldError::new(field, code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // read by serde: what it refuses is the point
    struct Body {
        name: Required<String>,
        ids: Required<Vec<u32>>,
        #[serde(default)]
        permission_ids: Option<Refused>,
        permission_id: Option<OnePermission>,
    }

    #[test]
    fn absent_and_null_are_missing_and_taking_says_so() {
        let body: Body = serde_json::from_value(json!({"ids": null})).expect("reads");
        let mut errors = FieldErrors::new();
        assert_eq!(body.name.take("name", &mut errors), None);
        assert_eq!(body.ids.take("ids", &mut errors), None);
        let codes: Vec<_> = errors.into_vec().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(codes, vec![("name".into(), Code::Required), ("ids".into(), Code::Required)]);
        let body: Body = serde_json::from_value(json!({"name": " ", "ids": [1]})).expect("reads");
        let mut errors = FieldErrors::new();
        assert_eq!(body.name.take_text("name", &mut errors), None, "blank text is missing");
        assert_eq!(body.ids.take("ids", &mut errors), Some(vec![1]));
        assert_eq!(errors.into_vec().len(), 1);
    }

    #[test]
    fn several_permissions_are_refused_with_their_own_code() {
        let err = serde_json::from_value::<Body>(json!({"permission_id": ["a", "b"]})).expect_err("a list");
        assert!(err.to_string().starts_with("sesam:one_permission_per_order"), "{err}");
        let err = serde_json::from_value::<Body>(json!({"permission_ids": []})).expect_err("the plural");
        assert!(err.to_string().starts_with("sesam:one_permission_per_order"), "{err}");
        assert_eq!(
            coded_problem("permission_id".into(), "sesam:one_permission_per_order").map(|e| e.code),
            Some(Code::OnePermissionPerOrder)
        );
        assert!(coded_problem("x".into(), "invalid type").is_none());
    }
}
