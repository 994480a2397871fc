//! Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA-1,
//! 30-second steps, 6 digits — what every authenticator app understands.
//! Pure functions; time is passed in.

use hmac::{Hmac, Mac};
use sha1::Sha1;
use subtle::ConstantTimeEq;

pub const STEP_SECONDS: i64 = 30;
pub const DIGITS: u32 = 6;
/// Codes of one step before or after now are accepted, for clock drift.
pub const SKEW_STEPS: i64 = 1;
/// 160 bits, the size RFC 4226 recommends.
pub const SECRET_BYTES: usize = 20;

/// The HOTP value of a counter, truncated to `digits` digits.
pub fn hotp(secret: &[u8], counter: u64, digits: u32) -> u32 {
    // HMAC accepts keys of any length, so this cannot fail.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else {
        return 0;
    };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let binary = (u32::from(digest[offset] & 0x7f) << 24)
        | (u32::from(digest[offset + 1]) << 16)
        | (u32::from(digest[offset + 2]) << 8)
        | u32::from(digest[offset + 3]);
    binary % 10u32.pow(digits)
}

/// The time step containing a Unix time.
pub fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The 6-digit code of a time step, zero-padded.
pub fn code_for_step(secret: &[u8], step: i64) -> String {
    let counter = u64::try_from(step).unwrap_or(0);
    format!("{:06}", hotp(secret, counter, DIGITS))
}

/// The step whose code matches, among now and `SKEW_STEPS` either side.
/// Every candidate is compared, in constant time, whatever matches.
pub fn matching_step(secret: &[u8], code: &str, now_step: i64) -> Option<i64> {
    let code = code.trim();
    if code.len() != DIGITS as usize || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut found = None;
    for step in (now_step - SKEW_STEPS)..=(now_step + SKEW_STEPS) {
        let expected = code_for_step(secret, step);
        if bool::from(expected.as_bytes().ct_eq(code.as_bytes())) {
            found = Some(step);
        }
    }
    found
}

/// RFC 4648 base32 without padding: how authenticator apps take secrets.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// The `otpauth://` URI an authenticator app imports (Key Uri Format).
pub fn otpauth_uri(issuer: &str, account: &str, secret: &[u8]) -> String {
    let issuer_enc = percent_encode(issuer);
    format!(
        "otpauth://totp/{issuer_enc}:{}?secret={}&issuer={issuer_enc}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        percent_encode(account),
        base32(secret)
    )
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    /// RFC 6238 appendix B, SHA-1 rows (8 digits).
    #[test]
    fn rfc6238_sha1_test_vectors() {
        let vectors: [(i64, u32); 6] = [
            (59, 94_287_082),
            (1_111_111_109, 7_081_804),
            (1_111_111_111, 14_050_471),
            (1_234_567_890, 89_005_924),
            (2_000_000_000, 69_279_037),
            (20_000_000_000, 65_353_130),
        ];
        for (time, expected) in vectors {
            let step = u64::try_from(step_at(time)).unwrap();
            assert_eq!(hotp(RFC_SECRET, step, 8), expected, "T = {time}");
            // The 6-digit code is the same value's last six digits.
            assert_eq!(
                code_for_step(RFC_SECRET, step_at(time)),
                format!("{:06}", expected % 1_000_000)
            );
        }
    }

    /// RFC 4226 appendix D.
    #[test]
    fn rfc4226_hotp_test_vectors() {
        let expected = [
            755_224, 287_082, 359_152, 969_429, 338_314, 254_676, 287_922, 162_583, 399_871,
            520_489,
        ];
        for (counter, value) in expected.iter().enumerate() {
            assert_eq!(hotp(RFC_SECRET, counter as u64, 6), *value);
        }
    }

    #[test]
    fn codes_match_within_one_step_only() {
        let now = step_at(1_234_567_890);
        for offset in -1..=1 {
            let code = code_for_step(RFC_SECRET, now + offset);
            assert_eq!(matching_step(RFC_SECRET, &code, now), Some(now + offset));
        }
        for offset in [-3, -2, 2, 3] {
            let code = code_for_step(RFC_SECRET, now + offset);
            assert_eq!(matching_step(RFC_SECRET, &code, now), None);
        }
        assert_eq!(matching_step(RFC_SECRET, "12345", now), None);
        assert_eq!(matching_step(RFC_SECRET, "12345a", now), None);
        assert_eq!(matching_step(RFC_SECRET, "", now), None);
    }

    #[test]
    fn base32_follows_rfc4648() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(b"f"), "MY");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32(RFC_SECRET), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    #[test]
    fn otpauth_uri_names_issuer_account_and_parameters() {
        let uri = otpauth_uri("Lantern", "asha roy", RFC_SECRET);
        assert_eq!(
            uri,
            "otpauth://totp/Lantern:asha%20roy?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Lantern&algorithm=SHA1&digits=6&period=30"
        );
    }

    proptest! {
        #[test]
        fn any_input_is_refused_or_matched_without_panic(code in any::<String>(), step in 0i64..i64::from(u32::MAX)) {
            let _ = matching_step(RFC_SECRET, &code, step);
        }

        #[test]
        fn the_current_code_always_matches(secret in proptest::collection::vec(any::<u8>(), 1..64), step in 1i64..100_000_000) {
            let code = code_for_step(&secret, step);
            prop_assert_eq!(code.len(), 6);
            prop_assert!(matching_step(&secret, &code, step).is_some());
        }
    }
}
