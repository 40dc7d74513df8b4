//! Rule 7: nobody orders, revokes or otherwise changes a permission of their own. The person acting
//! is compared with the person whose permission it is by the stored twelve digits of a valid
//! personal identity number, and by email (case-insensitive).

use super::problems::{Code, FieldErrors};

/// The person acting on someone's permissions.
#[derive(Clone, Copy, Debug)]
pub struct Actor<'a> {
    /// Twelve digits, when the account has a personal identity number.
    pub personal_number: Option<&'a str>,
    /// The account's email.
    pub email: &'a str,
}

/// Which of a person's identifiers are the actor's own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct SelfMatch {
    pub by_number: bool,
    pub by_email: bool,
}

impl Actor<'_> {
    /// Whether the person with this personal number (twelve digits, as stored) or this email is
    /// the actor.
    pub fn matches(&self, personal_number: Option<&str>, email: Option<&str>) -> SelfMatch {
        let by_number = matches!((self.personal_number, personal_number), (Some(a), Some(b)) if a == b);
        let by_email = email.is_some_and(|e| e.trim().to_lowercase() == self.email.trim().to_lowercase());
        SelfMatch { by_number, by_email }
    }
}

impl SelfMatch {
    /// Whether the person is the actor at all.
    pub fn any(self) -> bool {
        self.by_number || self.by_email
    }

    /// Records `self_order_forbidden` at the field of each identifier that matched.
    pub fn report(self, number_field: &str, email_field: &str, errors: &mut FieldErrors) {
        if self.by_number {
            errors.add(number_field, Code::SelfOrderForbidden);
        }
        if self.by_email {
            errors.add(email_field, Code::SelfOrderForbidden);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_person_by_number_or_by_email_whatever_its_case() {
        let anna = Actor { personal_number: Some("198004122381"), email: "anna.lind@omsorgnord.example" };
        assert!(anna.matches(Some("198004122381"), None).by_number);
        assert!(anna.matches(None, Some(" Anna.Lind@Omsorgnord.example")).by_email);
        assert!(!anna.matches(Some("191212121212"), Some("karin.berg@omsorgnord.example")).any());
        let without_number = Actor { personal_number: None, email: "x@y.example" };
        assert!(!without_number.matches(Some("198004122381"), None).any());
    }
}
