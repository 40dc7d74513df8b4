//! Email addresses.

use std::fmt;

/// A plausible email address: one `@`, a non-empty local part, a dotted domain, no spaces;
/// at most 254 characters. Compared case-insensitively.
#[derive(Clone, Debug)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Option<Email> {
        let s = input.trim();
        if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        let (local, domain) = s.split_once('@')?;
        let domain_ok = !domain.contains('@')
            && domain.contains('.')
            && domain.split('.').all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
            && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if local.is_empty() || local.len() > 64 || !domain_ok {
            return None;
        }
        Some(Email(s.to_owned()))
    }

    /// As written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Lower-cased, for storage of account emails and for comparison.
    pub fn normalized(&self) -> String {
        self.0.to_lowercase()
    }
}

impl PartialEq for Email {
    fn eq(&self, other: &Self) -> bool {
        self.normalized() == other.normalized()
    }
}

impl Eq for Email {}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_compares_case_insensitively() {
        let a = Email::parse(" Karin.Berg@Omsorgnord.example ").expect("valid");
        let b = Email::parse("karin.berg@omsorgnord.example").expect("valid");
        assert_eq!(a, b);
        assert_eq!(a.normalized(), "karin.berg@omsorgnord.example");
    }

    #[test]
    fn refuses_nonsense() {
        for s in ["", "a", "a@", "@b.se", "a@b", "a b@c.se", "a@@b.se", "a@b..se", "a@-b.se"] {
            assert!(Email::parse(s).is_none(), "{s}");
        }
    }
}
