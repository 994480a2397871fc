//! Rules for free text typed by people: Unicode-normalised (NFC, so the same
//! name in Devanagari or Thai typed on two keyboards compares equal), trimmed,
//! bounded, and free of control characters.

use unicode_normalization::UnicodeNormalization;

use crate::validation::{field_error, FieldError, Problem};

/// Normalises free text and checks its length in characters (not bytes, so
/// non-Latin scripts get the same allowance). Empty input yields `None`.
pub fn optional_text(
    field: &str,
    raw: &str,
    max_chars: usize,
) -> Result<Option<String>, FieldError> {
    let normalised: String = raw.trim().nfc().collect();
    if normalised.is_empty() {
        return Ok(None);
    }
    if normalised
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(field_error(field, Problem::ControlCharacters));
    }
    if normalised.chars().count() > max_chars {
        return Err(field_error(field, Problem::TooLong { max: max_chars }));
    }
    Ok(Some(normalised))
}

pub fn required_text(field: &str, raw: &str, max_chars: usize) -> Result<String, FieldError> {
    optional_text(field, raw, max_chars)?.ok_or_else(|| field_error(field, Problem::Required))
}

/// A single-line value: as `optional_text`, but line breaks are refused too.
pub fn optional_line(
    field: &str,
    raw: &str,
    max_chars: usize,
) -> Result<Option<String>, FieldError> {
    let value = optional_text(field, raw, max_chars)?;
    if value
        .as_deref()
        .is_some_and(|v| v.contains(['\n', '\r', '\t']))
    {
        return Err(field_error(field, Problem::ControlCharacters));
    }
    Ok(value)
}

pub fn required_line(field: &str, raw: &str, max_chars: usize) -> Result<String, FieldError> {
    optional_line(field, raw, max_chars)?.ok_or_else(|| field_error(field, Problem::Required))
}

/// Folds text for case-insensitive search across scripts: NFKC then Unicode
/// lower-case, so `ÁNA`, `ána` and full-width forms meet.
pub fn search_fold(text: &str) -> String {
    text.nfkc().flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn trims_and_rejects_empty_required() {
        assert_eq!(required_line("name", "  Rani ", 10).unwrap(), "Rani");
        assert_eq!(
            required_line("name", "   ", 10).unwrap_err().problem,
            Problem::Required
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        // Five Devanagari code points, fifteen bytes.
        assert!(required_line("name", "अनिताज", 6).is_ok());
        assert_eq!(
            required_line("name", "अनिताजी", 6).unwrap_err().problem,
            Problem::TooLong { max: 6 }
        );
    }

    #[test]
    fn refuses_control_characters_and_line_breaks_in_lines() {
        assert_eq!(
            optional_text("note", "a\u{0}b", 10).unwrap_err().problem,
            Problem::ControlCharacters
        );
        assert!(optional_text("note", "a\nb", 10).is_ok());
        assert!(optional_line("name", "a\nb", 10).is_err());
    }

    #[test]
    fn search_fold_meets_case_and_compatibility_forms() {
        assert_eq!(search_fold("ÁNA"), search_fold("ána"));
        assert_eq!(search_fold("ＡＢＣ"), "abc");
    }

    proptest! {
        #[test]
        fn accepted_text_is_trimmed_bounded_and_clean(raw in "\\PC{0,80}", max in 1usize..60) {
            if let Ok(Some(v)) = optional_line("f", &raw, max) {
                prop_assert!(v.chars().count() <= max);
                prop_assert_eq!(v.trim(), v.as_str());
                prop_assert!(!v.chars().any(char::is_control));
            }
        }

        #[test]
        fn validation_never_panics_on_any_string(raw in any::<String>()) {
            let _ = optional_text("f", &raw, 50);
            let _ = search_fold(&raw);
        }
    }
}
