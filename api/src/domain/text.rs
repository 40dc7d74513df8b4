//! Free text from users: trimmed, bounded, without control characters.

use super::problems::{Code, FieldError};

/// Text that is trimmed, non-empty, at most `max` characters, and free of control characters
/// (line breaks and tabs allowed only where `multiline`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text(String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Characters no text may hold: NUL (PostgreSQL refuses it in text), and the bidirectional controls
/// U+202A–U+202E and U+2066–U+2069, which make a name or a note read differently than it is
/// (to IT in an email, in a spreadsheet of an export).
pub fn is_refused_char(c: char) -> bool {
    matches!(c, '\0' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Parses user text for `field`.
pub fn parse_text(field: &str, input: &str, max: usize, multiline: bool) -> Result<Text, FieldError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(FieldError::new(field, Code::Required));
    }
    if s.chars().count() > max {
        return Err(FieldError::new(field, Code::InvalidLength)
            .with_message(format!("Högst {max} tecken."), format!("At most {max} characters.")));
    }
    let bad = |c: char| is_refused_char(c) || (c.is_control() && !(multiline && (c == '\n' || c == '\r' || c == '\t')));
    if s.chars().any(bad) {
        return Err(FieldError::new(field, Code::InvalidFormat));
    }
    Ok(Text(s.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_bounds() {
        assert_eq!(parse_text("name", "  Omsorg Nord AB ", 10, false).map(|t| t.0).ok(), None);
        assert_eq!(parse_text("name", "  Linden ", 10, false).map(|t| t.0).ok(), Some("Linden".into()));
        assert_eq!(parse_text("name", "  ", 10, false).map_err(|e| e.code), Err(Code::Required));
        assert_eq!(parse_text("name", "a\u{7}b", 10, false).map_err(|e| e.code), Err(Code::InvalidFormat));
        assert!(parse_text("comment", "a\nb", 10, true).is_ok());
        assert!(parse_text("name", "a\nb", 10, false).is_err());
        for spoof in ["Karin\u{202e}", "\u{2066}Berg", "a\u{202a}b", "x\u{2069}"] {
            assert_eq!(
                parse_text("comment", spoof, 100, true).map_err(|e| e.code),
                Err(Code::InvalidFormat),
                "{spoof:?}"
            );
        }
        assert!(parse_text("name", "Åsa-Märta ʻOla", 100, false).is_ok());
    }
}
