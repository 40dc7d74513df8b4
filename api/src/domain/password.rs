//! What a new password must be (rule 16): at least 12 characters, not the account's email, and not
//! one of the passwords people pick most often (the `passwords` crate's list of common passwords).

use super::problems::{Code, FieldError};

/// The shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// The longest password accepted, in characters (argon2 takes any length; this bounds the work).
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Checks a new password of the account with `email` (when known); `field` names it in the error.
/// Too short, the email itself (or its name part) or a common password: `weak_password`.
pub fn check_new_password(field: &str, password: &str, email: Option<&str>) -> Result<(), FieldError> {
    let n = password.chars().count();
    if n > MAX_PASSWORD_CHARS {
        return Err(FieldError::new(field, Code::InvalidLength).with_message(
            format!("Lösenordet får ha högst {MAX_PASSWORD_CHARS} tecken."),
            format!("The password may have at most {MAX_PASSWORD_CHARS} characters."),
        ));
    }
    if password.contains('\0') {
        return Err(FieldError::new(field, Code::InvalidFormat));
    }
    if n < MIN_PASSWORD_CHARS {
        return Err(weak(
            field,
            format!("Lösenordet ska ha minst {MIN_PASSWORD_CHARS} tecken."),
            format!("The password must have at least {MIN_PASSWORD_CHARS} characters."),
        ));
    }
    let folded = password.trim().to_lowercase();
    if let Some(email) = email.map(|e| e.trim().to_lowercase()) {
        let local = email.split('@').next().unwrap_or_default();
        if folded == email || (!local.is_empty() && folded == local) {
            return Err(weak(
                field,
                "Lösenordet får inte vara din e-postadress.".into(),
                "The password must not be your email address.".into(),
            ));
        }
    }
    if is_common(password) || is_common(&folded) {
        return Err(weak(
            field,
            "Lösenordet är ett av de vanligaste lösenorden. Välj ett annat, gärna några ord i följd.".into(),
            "The password is one of the most common ones. Choose another, a few words in a row for instance.".into(),
        ));
    }
    Ok(())
}

/// Whether the password is on the list of common passwords.
fn is_common(password: &str) -> bool {
    passwords::analyzer::is_common_password(password)
}

fn weak(field: &str, sv: String, en: String) -> FieldError {
    FieldError::new(field, Code::WeakPassword).with_message(sv, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(password: &str, email: Option<&str>) -> Option<Code> {
        check_new_password("password", password, email).err().map(|e| e.code)
    }

    #[test]
    fn short_own_email_and_common_passwords_are_weak() {
        assert_eq!(code("kort-ord-1", None), Some(Code::WeakPassword));
        assert_eq!(
            code("Anna.Lind@omsorgnord.example", Some("anna.lind@omsorgnord.example")),
            Some(Code::WeakPassword)
        );
        assert_eq!(code("anna.lind.2026", Some("anna.lind.2026@omsorgnord.example")), Some(Code::WeakPassword));
        for common in ["password1234", "qwertyuiop123", "123456789012", "Password1234"] {
            assert_eq!(code(common, None), Some(Code::WeakPassword), "{common}");
        }
        assert_eq!(code(&"x".repeat(129), None), Some(Code::InvalidLength));
        assert_eq!(code("ett-långt-lösenord\0", None), Some(Code::InvalidFormat));
        assert_eq!(code("korp-lingon-vattenfall", Some("anna.lind@omsorgnord.example")), None);
    }
}
