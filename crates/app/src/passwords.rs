//! Passwords too common to allow, whatever their length (OWASP ASVS 5.0,
//! 6.2.4): the bundled list in `data/common-passwords.txt`, whose header
//! names its source and licence.

use std::collections::HashSet;
use std::sync::LazyLock;

const LIST: &str = include_str!("../data/common-passwords.txt");

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    // The header ends at the first blank line; every later line is one
    // password, already lower-case.
    let body = LIST.split_once("\n\n").map_or("", |(_, body)| body);
    body.lines().filter(|l| !l.is_empty()).collect()
});

/// Whether the password is on the list, compared case-insensitively and
/// ignoring white space around it.
pub fn is_common(password: &str) -> bool {
    let folded = password.trim().to_lowercase();
    COMMON.contains(folded.as_str())
}

/// How many passwords the list holds.
pub fn list_len() -> usize {
    COMMON.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_large_and_matches_ignoring_case() {
        assert!(list_len() > 19_000, "{}", list_len());
        assert!(is_common("password"));
        assert!(is_common("PassWord"));
        assert!(is_common(" qwerty "));
        // Entries that start with the header's comment sign are kept.
        assert!(is_common("#1pimp"));
        // Long enough for the length rule, yet on the list.
        assert!(is_common("q1w2e3r4t5y6"));
        assert!(is_common("1QAZ2WSX3EDC"));
        assert!(!is_common("correct horse battery staple"));
        assert!(!is_common(""));
    }
}
