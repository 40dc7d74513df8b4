//! Email addresses.

use std::fmt;

/// One mailbox address that mail can be delivered to: a dot-atom local part (letters, digits and
/// ``!#$%&'*+-/=?^_`{|}~``, dots between), one `@`, a dotted domain of letters, digits and hyphens; at
/// most 254 characters; and one the SMTP library takes as it is. No display names, no quoted local
/// parts, no lists, no address literals: what a person types into "e-post". Compared
/// case-insensitively.
#[derive(Clone, Debug)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Option<Email> {
        let s = input.trim();
        if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        let (local, domain) = s.split_once('@')?;
        let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && local.split('.').all(|atom| !atom.is_empty() && atom.chars().all(atext));
        let domain_ok = !domain.contains('@')
            && domain.contains('.')
            && domain.split('.').all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
            && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if !local_ok || !domain_ok || lettre::Address::new(local, domain).is_err() {
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
    fn takes_what_people_type() {
        for s in ["karin.o'berg+lifecare@omsorgnord.example", "a_b-c@sub.kommun.example", "x@åre.se"] {
            assert!(Email::parse(s).is_some(), "{s}");
        }
    }

    #[test]
    fn refuses_nonsense() {
        for s in [
            "",
            "a",
            "a@",
            "@b.se",
            "a@b",
            "a b@c.se",
            "a@@b.se",
            "a@b..se",
            "a@-b.se",
            // Found by the security review: a list, a display name, a quoted local part.
            "a,b@x.example",
            "\"x\"<y@x.example>",
            "\"x\"@x.example",
            "x@y.example,z@y.example",
            "x@[127.0.0.1]",
            ".a@b.se",
            "a.@b.se",
            "a..b@c.se",
            "a<b@c.se",
        ] {
            assert!(Email::parse(s).is_none(), "{s}");
        }
    }
}
