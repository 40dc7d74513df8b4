//! What a new password must be.

use super::problems::{Code, FieldError};

/// The shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest password accepted, in characters (argon2 takes any length; this bounds the work).
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Checks a new password; `field` names it in the error.
pub fn check_new_password(field: &str, password: &str) -> Result<(), FieldError> {
    let n = password.chars().count();
    if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&n) {
        return Err(FieldError::new(field, Code::InvalidLength).with_message(
            format!("Lösenordet ska ha {MIN_PASSWORD_CHARS}–{MAX_PASSWORD_CHARS} tecken."),
            format!("The password must have {MIN_PASSWORD_CHARS}–{MAX_PASSWORD_CHARS} characters."),
        ));
    }
    if password.contains('\0') {
        return Err(FieldError::new(field, Code::InvalidFormat));
    }
    Ok(())
}
