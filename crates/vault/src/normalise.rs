//! Normalisers that turn what people type into one canonical form before a
//! blind index is taken, so formatting differences do not hide a match.
//!
//! Both are idempotent: normalising a normalised value changes nothing.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds a personal name for matching: compatibility-normalised (NFKC),
/// lowercase, accents on Latin, Greek and Cyrillic letters removed
/// ("José" matches "Jose"), apostrophes and invisible joiners removed
/// ("O'Brien" matches "OBrien"), every other punctuation mark treated as a
/// space ("Ana-María" matches "Ana María"), and whitespace collapsed. Word
/// order is kept.
///
/// Only the generic combining-diacritic blocks are stripped. Scripts such as
/// Devanagari or Bengali write vowels and viramas as combining marks; those
/// are part of the name and are kept.
pub fn normalise_name(raw: &str) -> String {
    let decomposed = raw
        .chars()
        .filter(|c| !is_removed_from_names(*c))
        .nfkd()
        .flat_map(char::to_lowercase)
        // Lowercasing can produce characters that decompose further
        // (e.g. 'İ' → "i\u{307}"), so decompose once more.
        .nfkd();

    let mut folded = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in decomposed {
        if is_generic_diacritic(c) || is_removed_from_names(c) {
            continue;
        }
        if c.is_alphanumeric() || is_combining_mark(c) {
            if pending_space && !folded.is_empty() {
                folded.push(' ');
            }
            pending_space = false;
            folded.push(c);
        } else {
            pending_space = true;
        }
    }
    folded.nfc().collect()
}

/// Marks from the blocks that hold accents shared by many scripts
/// (acute, grave, diaeresis, cedilla, …), as opposed to a script's own
/// vowel signs.
fn is_generic_diacritic(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// Apostrophes join the parts of one name; invisible joiners and soft
/// hyphens change how a name looks, never which name it is.
fn is_removed_from_names(c: char) -> bool {
    matches!(
        c,
        '\'' | '`'
            | '\u{00B4}' // acute accent used as an apostrophe
            | '\u{02B9}'..='\u{02BC}' // modifier-letter primes and apostrophes
            | '\u{2018}'..='\u{201B}' // curly single quotes
            | '\u{FF07}' // fullwidth apostrophe
            | '\u{00AD}' // soft hyphen
            | '\u{200B}'..='\u{200D}' // zero-width space, non-joiner, joiner
            | '\u{2060}' // word joiner
            | '\u{FEFF}' // zero-width no-break space
    )
}

/// Largest number of digits in an international number (ITU-T E.164).
const MAX_PHONE_DIGITS: usize = 15;
/// Fewer digits than this is not a number worth indexing.
const MIN_PHONE_DIGITS: usize = 4;

/// Reduces a phone number to digits in its full international form,
/// `+<country code><number>`, e.g. `+91 98300 12345`, `+91-98300-12345`
/// and `0091 9830012345` all become `+919830012345`.
///
/// - A leading `+` or `00` marks an international number, kept whole (a
///   `(0)` written after the country code is dropped).
/// - Otherwise the number is national: one leading trunk `0` is dropped and
///   `default_country_calling_code` (`"+91"` or `"91"`) is prefixed. With no
///   default the national digits are returned without a `+`, so they never
///   collide with an international number.
/// - Spaces, dots, dashes, slashes and parentheses are ignored; digits of
///   common non-Latin scripts (Devanagari, Bengali, Arabic-Indic, Thai, …)
///   and fullwidth digits are read as digits.
///
/// Returns `None` for anything else — letters, extensions, `+` in the
/// middle, a country code starting with 0, fewer than 4 or more than 15
/// digits, or a default code that is not 1–3 digits.
pub fn normalise_phone(raw: &str, default_country_calling_code: Option<&str>) -> Option<String> {
    let mut compact = compact_phone(raw)?;
    let international = compact.starts_with('+') || compact.starts_with("00");
    if international && raw.contains("(0)") {
        compact = compact_phone(&raw.replace("(0)", ""))?;
    }

    if let Some(rest) = compact
        .strip_prefix('+')
        .or_else(|| compact.strip_prefix("00"))
    {
        return international_form("", rest);
    }
    match default_country_calling_code {
        Some(code) => {
            let code = country_calling_code(code)?;
            let national = compact.strip_prefix('0').unwrap_or(&compact);
            if national.len() < MIN_PHONE_DIGITS {
                return None;
            }
            international_form(code, national)
        }
        None => checked_digits(&compact).map(str::to_owned),
    }
}

/// `+` followed by the country code and number, if they form a plausible
/// international number.
fn international_form(code: &str, number: &str) -> Option<String> {
    let full = format!("{code}{number}");
    if full.starts_with('0') {
        return None;
    }
    checked_digits(&full).map(|digits| format!("+{digits}"))
}

fn checked_digits(digits: &str) -> Option<&str> {
    let plausible = digits.bytes().all(|b| b.is_ascii_digit())
        && (MIN_PHONE_DIGITS..=MAX_PHONE_DIGITS).contains(&digits.len());
    plausible.then_some(digits)
}

fn country_calling_code(code: &str) -> Option<&str> {
    let digits = code.trim().strip_prefix('+').unwrap_or(code.trim());
    let valid = (1..=3).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    valid.then_some(digits)
}

/// The number's `+` (if leading) and ASCII digits, separators dropped;
/// `None` if anything else is present.
fn compact_phone(raw: &str) -> Option<String> {
    let mut compact = String::with_capacity(raw.len());
    for c in raw.trim().chars() {
        if let Some(digit) = decimal_digit(c) {
            compact.push(digit);
        } else if c == '+' && compact.is_empty() {
            compact.push('+');
        } else if !is_phone_separator(c) {
            return None;
        }
    }
    Some(compact)
}

fn is_phone_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '.' | '/' | '(' | ')' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FF0D}'
        )
}

/// The ASCII digit for `c`, if it is a decimal digit of a script Lantern's
/// users are likely to type phone numbers in.
fn decimal_digit(c: char) -> Option<char> {
    const ZEROS: [u32; 17] = [
        0x0030, // ASCII
        0x0660, // Arabic-Indic
        0x06F0, // Extended Arabic-Indic (Persian, Urdu)
        0x0966, // Devanagari
        0x09E6, // Bengali
        0x0A66, // Gurmukhi
        0x0AE6, // Gujarati
        0x0B66, // Oriya
        0x0BE6, // Tamil
        0x0C66, // Telugu
        0x0CE6, // Kannada
        0x0D66, // Malayalam
        0x0E50, // Thai
        0x0ED0, // Lao
        0x1040, // Myanmar
        0x17E0, // Khmer
        0xFF10, // Fullwidth
    ];
    let code = u32::from(c);
    ZEROS
        .iter()
        .find_map(|zero| code.checked_sub(*zero).filter(|value| *value < 10))
        .and_then(|value| char::from_digit(value, 10))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn names_fold_case_accents_punctuation_and_spacing() {
        assert_eq!(normalise_name("  José   O'Brien "), "jose obrien");
        assert_eq!(normalise_name("ANA-MARÍA"), "ana maria");
        assert_eq!(normalise_name("Zoë\tBrontë"), "zoe bronte");
        assert_eq!(normalise_name("Ｍａｒｙ"), "mary", "fullwidth folds");
        assert_eq!(normalise_name("D’Souza"), "dsouza");
        assert_eq!(normalise_name("İpek"), "ipek");
        assert_eq!(
            normalise_name("Łukasz"),
            "łukasz",
            "a letter, not an accent"
        );
        assert_eq!(normalise_name("..."), "");
        assert_eq!(normalise_name(""), "");
    }

    #[test]
    fn names_keep_word_order() {
        assert_ne!(normalise_name("Devi Asha"), normalise_name("Asha Devi"));
    }

    #[test]
    fn names_keep_indic_vowel_signs_and_viramas() {
        // राम (Rām) and रम (Ram) are different names.
        assert_ne!(normalise_name("राम"), normalise_name("रम"));
        assert_eq!(normalise_name("लक्ष्मी"), "लक्ष्मी");
        // A zero-width joiner changes rendering only.
        assert_eq!(
            normalise_name("क\u{94d}\u{200d}ष"),
            normalise_name("क\u{94d}ष")
        );
        assert_eq!(normalise_name("আশা  দেবী"), "আশা দেবী");
    }

    #[test]
    fn phone_formats_reach_one_international_form() {
        let expected = Some(String::from("+919830012345"));
        for raw in [
            "+91 98300 12345",
            "+91-98300-12345",
            "0091 9830012345",
            " +91 (98300) 12345 ",
            "+91.98300.12345",
            "+९१ ९८३०० १२३४५",
            "+৯১ ৯৮৩০০ ১২৩৪৫",
        ] {
            assert_eq!(normalise_phone(raw, None), expected, "{raw}");
            assert_eq!(normalise_phone(raw, Some("+44")), expected, "{raw}");
        }
        for raw in ["98300 12345", "098300 12345", "(0)98300-12345"] {
            assert_eq!(normalise_phone(raw, Some("+91")), expected, "{raw}");
            assert_eq!(normalise_phone(raw, Some("91")), expected, "{raw}");
        }
    }

    #[test]
    fn phone_keeps_the_whole_number_not_a_suffix() {
        // Same last ten digits, different countries: must not match.
        assert_ne!(
            normalise_phone("+91 98300 12345", None),
            normalise_phone("+44 98300 12345", None)
        );
        assert_eq!(
            normalise_phone("+44 (0)20 7946 0000", None).as_deref(),
            Some("+442079460000")
        );
    }

    #[test]
    fn national_numbers_without_a_default_code_stay_national() {
        assert_eq!(
            normalise_phone("098300 12345", None).as_deref(),
            Some("09830012345")
        );
        assert_ne!(
            normalise_phone("98300 12345", None),
            normalise_phone("+91 98300 12345", None)
        );
    }

    #[test]
    fn phone_rejects_what_is_not_a_number() {
        for raw in [
            "",
            "   ",
            "call me",
            "98300 12345 ext 4",
            "98300+12345",
            "+0 98300 12345",
            "0000 98300 12345",
            "123",
            "+91 98300 12345 67890",
            "++91 98300 12345",
        ] {
            assert_eq!(normalise_phone(raw, Some("+91")), None, "{raw}");
        }
        assert_eq!(normalise_phone("98300 12345", Some("+0")), None);
        assert_eq!(normalise_phone("98300 12345", Some("+1234")), None);
        assert_eq!(normalise_phone("98300 12345", Some("india")), None);
    }

    fn phone_like() -> impl Strategy<Value = String> {
        "[+0-9 ()./-]{0,24}"
    }

    proptest! {
        #[test]
        fn name_normalisation_is_idempotent(raw in any::<String>()) {
            let once = normalise_name(&raw);
            prop_assert_eq!(normalise_name(&once), once);
        }

        #[test]
        fn name_normalisation_is_idempotent_on_accented_text(raw in "[a-zA-Z '\\-.\u{300}-\u{36f}\u{900}-\u{97f}\u{980}-\u{9ff}ÀÉÎÕÜçÇßİıŁ]{0,24}") {
            let once = normalise_name(&raw);
            prop_assert_eq!(normalise_name(&once), once);
        }

        #[test]
        fn phone_normalisation_is_idempotent(
            raw in prop_oneof![phone_like(), any::<String>()],
            default in prop::option::of(prop::sample::select(vec!["+91", "44", "1"])),
        ) {
            if let Some(once) = normalise_phone(&raw, default) {
                prop_assert_eq!(normalise_phone(&once, default), Some(once.clone()));
                prop_assert!(once.trim_start_matches('+').bytes().all(|b| b.is_ascii_digit()));
            }
        }
    }
}
