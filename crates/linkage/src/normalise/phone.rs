//! Phone numbers reduced to a comparable form.
//!
//! Intake records write the same mobile as "+91 98765 43210", "098765-43210"
//! or "9876543210". Country codes and trunk prefixes sit at the front, so the
//! last nine digits (the subscriber part of every mobile plan in the countries
//! served) identify the line; shorter numbers are kept whole with their length.

/// Separators between several numbers written in one cell.
const LIST_SEPARATORS: &[char] = &[';', ',', '/', '|', '\n'];
const TAIL_DIGITS: usize = 9;
const MIN_DIGITS: usize = 7;
/// More digits than any phone number has: a pasted id or junk.
const MAX_DIGITS: usize = 16;

/// A normalised number: `length_marker * 10^9 + last digits`.
pub type PhoneKey = u64;

/// All numbers found in one cell, deduplicated, in order of appearance.
pub fn parse_phones(raw: &str, out: &mut Vec<PhoneKey>) {
    for part in raw.split(LIST_SEPARATORS) {
        if let Some(key) = parse_one(part) {
            if !out.contains(&key) {
                out.push(key);
            }
        }
    }
}

fn parse_one(part: &str) -> Option<PhoneKey> {
    let digits: Vec<u8> = part
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    if digits.len() < MIN_DIGITS || digits.len() > MAX_DIGITS {
        return None;
    }
    let kept = digits.len().min(TAIL_DIGITS);
    let tail = &digits[digits.len() - kept..];
    let value = tail.iter().fold(0u64, |acc, d| acc * 10 + u64::from(*d));
    Some(kept as u64 * 1_000_000_000 + value)
}

/// Digits of a key, most significant first, and how many there are.
fn digits_of(key: PhoneKey) -> ([u8; TAIL_DIGITS], usize) {
    let len = (key / 1_000_000_000) as usize;
    let mut value = key % 1_000_000_000;
    let mut out = [0u8; TAIL_DIGITS];
    for slot in out.iter_mut().take(len).rev() {
        *slot = (value % 10) as u8;
        value /= 10;
    }
    (out, len)
}

/// Same number but for one mistyped or two swapped adjacent digits.
pub fn one_typo_apart(a: PhoneKey, b: PhoneKey) -> bool {
    let (da, la) = digits_of(a);
    let (db, lb) = digits_of(b);
    if la != lb || a == b {
        return false;
    }
    let mut first = None;
    let mut second = None;
    for i in 0..la {
        if da[i] != db[i] {
            if first.is_none() {
                first = Some(i);
            } else if second.is_none() {
                second = Some(i);
            } else {
                return false;
            }
        }
    }
    match (first, second) {
        (Some(_), None) => true,
        (Some(i), Some(j)) => j == i + 1 && da[i] == db[j] && da[j] == db[i],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(raw: &str) -> Vec<PhoneKey> {
        let mut out = Vec::new();
        parse_phones(raw, &mut out);
        out
    }

    #[test]
    fn country_codes_and_trunk_prefixes_agree() {
        assert_eq!(one("+91 98765 43210"), one("098765-43210"));
        assert_eq!(one("+63 917 123 4567"), one("0917-123-4567"));
        assert_eq!(one("+66 81 234 5678"), one("081-234-5678"));
        assert_eq!(one("12 34").len(), 0);
        assert_eq!(one("0917 123 4567; 0918 765 4321").len(), 2);
    }

    #[test]
    fn detects_single_typos() {
        let a = one("0917 123 4567")[0];
        let b = one("0917 123 4568")[0];
        let c = one("0917 123 4576")[0];
        let d = one("0917 123 9999")[0];
        assert!(one_typo_apart(a, b));
        assert!(one_typo_apart(a, c));
        assert!(!one_typo_apart(a, d));
    }
}
