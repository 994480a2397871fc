//! Random secrets and their one-way fingerprints.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// 256 bits from the operating system's CSPRNG, URL-safe text.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored in place of a bearer secret: its SHA-256. A stolen
/// database then yields no usable session or API token.
pub fn fingerprint(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// A password readable enough to type, for generated accounts.
pub fn random_password() -> String {
    const WORDS: &[&str] = &[
        "amber", "basil", "cedar", "delta", "ember", "fjord", "grove", "harbor", "indigo",
        "juniper", "kestrel", "lotus", "mango", "nectar", "orchid", "pepper", "quartz", "river",
        "saffron", "tamarind", "umber", "violet", "willow", "yarrow", "zephyr", "monsoon",
        "lantern", "coral", "jasmine", "teak", "lagoon", "papaya",
    ];
    let mut bytes = [0u8; 5];
    OsRng.fill_bytes(&mut bytes);
    let words: Vec<&str> = bytes[..4]
        .iter()
        .map(|b| WORDS[usize::from(*b) % WORDS.len()])
        .collect();
    format!("{}-{:03}", words.join("-"), u16::from(bytes[4]) * 3 % 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_unique_and_url_safe() {
        let a = random_token();
        let b = random_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(fingerprint(&a).len(), 32);
        assert!(constant_time_eq(&a, &a.clone()));
        assert!(!constant_time_eq(&a, &b));
    }

    #[test]
    fn generated_passwords_meet_the_length_rule() {
        for _ in 0..50 {
            assert!(lantern_domain::user::validate_password(&random_password()).is_ok());
        }
    }
}
