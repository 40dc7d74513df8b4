//! The extra fields an order may carry, which a system may require on its grant orders.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An extra order field a system can require (rules 4 and 5 of the municipality).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExtraField {
    /// Titel för Lifecare.
    LifecareTitle,
    /// Profession (Cosmic Link).
    Profession,
    /// Motivering: why the person needs the permission (the need the law asks permissions to follow).
    Justification,
}

impl ExtraField {
    /// Every extra field.
    pub const ALL: [ExtraField; 3] = [ExtraField::LifecareTitle, ExtraField::Profession, ExtraField::Justification];

    /// The field's name in order bodies.
    pub fn as_str(self) -> &'static str {
        match self {
            ExtraField::LifecareTitle => "lifecare_title",
            ExtraField::Profession => "profession",
            ExtraField::Justification => "justification",
        }
    }

    /// Reads a field name.
    pub fn parse(name: &str) -> Option<ExtraField> {
        Self::ALL.into_iter().find(|f| f.as_str() == name)
    }
}
