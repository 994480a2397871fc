//! Users, offices, and the rules for their names and passwords.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::iso::CountryCode;
use crate::text::required_line;
use crate::validation::{field_error, FieldError, Problem, ValidationErrors};
use crate::vocab::{UserRole, Vocabulary};
use crate::{OfficeId, UserId};

pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Interface languages with complete catalogues.
pub const SUPPORTED_LANGUAGES: &[&str] = &["en", "es"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    pub id: OfficeId,
    /// Short code used in case references, e.g. `KOL`.
    pub code: String,
    pub name: String,
    pub country: CountryCode,
    pub region: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: UserRole,
    pub office_id: OfficeId,
    pub language: String,
    pub disabled: bool,
    /// Sees every case of their office (but identities only as a team
    /// member or through break-glass).
    pub supervisor: bool,
    pub created_at: DateTime<Utc>,
}

/// A new account, validated. The password is checked here but hashed by the
/// caller: hashing is work for the application layer, not a domain rule.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: UserRole,
    pub office_id: OfficeId,
    pub language: String,
}

pub fn validate_username(raw: &str) -> Result<String, FieldError> {
    let name = raw.trim().to_ascii_lowercase();
    let well_formed = (3..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if well_formed {
        Ok(name)
    } else {
        Err(field_error("username", Problem::InvalidFormat))
    }
}

/// Length bounds in characters; a common-password list is checked by the
/// caller that owns it.
pub fn validate_password(password: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(field_error(
            "password",
            Problem::TooShort {
                min: MIN_PASSWORD_CHARS,
            },
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(field_error(
            "password",
            Problem::TooLong {
                max: MAX_PASSWORD_CHARS,
            },
        ));
    }
    Ok(())
}

pub fn validate_language(raw: &str) -> Result<String, FieldError> {
    let lang = raw.trim().to_ascii_lowercase();
    if SUPPORTED_LANGUAGES.contains(&lang.as_str()) {
        Ok(lang)
    } else {
        Err(field_error("language", Problem::UnknownValue))
    }
}

impl NewUser {
    pub fn validate(
        username: &str,
        display_name: &str,
        role: &str,
        office_id: OfficeId,
        language: &str,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let username = errors.check(validate_username(username));
        let display_name = errors.check(required_line("display_name", display_name, 100));
        let role = errors.check(UserRole::parse_field("role", role));
        let language = errors.check(validate_language(language));
        errors.finish(|| {
            Some(Self {
                username: username?,
                display_name: display_name?,
                role: role?,
                office_id,
                language: language?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn usernames_are_lowercased_and_restricted() {
        assert_eq!(validate_username(" Priya.S ").unwrap(), "priya.s");
        assert!(validate_username("ab").is_err());
        assert!(validate_username("priya s").is_err());
        assert!(validate_username("प्रिया").is_err());
    }

    #[test]
    fn password_length_is_counted_in_characters() {
        assert!(validate_password("short").is_err());
        assert!(validate_password("correct horse battery").is_ok());
        assert!(validate_password("पासवर्डपासवर्ड").is_ok());
        assert!(validate_password(&"x".repeat(129)).is_err());
    }

    proptest! {
        #[test]
        fn accepted_usernames_are_safe_in_urls(raw in any::<String>()) {
            if let Ok(name) = validate_username(&raw) {
                prop_assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)));
            }
        }
    }
}
