//! The key file's text format, version 1:
//!
//! ```text
//! lantern-keys v1
//! # comments and blank lines are ignored
//! master <8 hex digit id> <base64 key> current
//! master <8 hex digit id> <base64 key>
//! blind-index <base64 key>
//! audit-mac <base64 key>
//! audit-signing <base64 Ed25519 seed>
//! ```
//!
//! Exactly one master line carries `current`; any others are previous
//! master keys kept for rotation. Every key is 32 bytes in standard base64.
//! Parse errors name the line and the problem, never the content.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ed25519_dalek::SigningKey;
use zeroize::Zeroizing;

use crate::error::{TextProblem, VaultError};
use crate::ring::{KeyId, KeyRing, MasterKey};
use crate::secret::{Secret32, KEY_LEN};

const HEADER: &str = "lantern-keys v1";
const HEADER_PREFIX: &str = "lantern-keys";
/// Standard base64 of 32 bytes, with padding.
const BASE64_KEY_LEN: usize = 44;

const PREAMBLE: &str = "\
# Lantern key file. Anyone holding it can read every sealed record;
# losing it makes them unreadable forever. Keep it mode 0600, back it up
# offline, and never paste it into a ticket, chat or log.
";

impl KeyRing {
    /// Reads a key ring from text in the key file format, for keys supplied
    /// by the environment (for example `LANTERN_KEYS`).
    pub fn from_text(text: &str) -> Result<KeyRing, VaultError> {
        parse(text).map_err(VaultError::KeyText)
    }

    /// The key ring in the key file format. This is every secret Lantern
    /// has: the returned string is wiped when dropped.
    pub fn to_text(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::with_capacity(
            PREAMBLE.len() + 128 * (self.previous.len() + 5),
        ));
        out.push_str(HEADER);
        out.push('\n');
        out.push_str(PREAMBLE);
        for (index, key) in self.master_keys().enumerate() {
            out.push_str("master ");
            out.push_str(&key.id.to_string());
            out.push(' ');
            push_base64(&mut out, key.secret.expose());
            if index == 0 {
                out.push_str(" current");
            }
            out.push('\n');
        }
        push_entry(&mut out, "blind-index", self.blind_index.expose());
        push_entry(&mut out, "audit-mac", self.audit_mac.expose());
        let seed = Zeroizing::new(self.audit_signing.to_bytes());
        push_entry(&mut out, "audit-signing", &seed);
        out
    }
}

fn push_entry(out: &mut String, name: &str, key: &[u8; KEY_LEN]) {
    out.push_str(name);
    out.push(' ');
    push_base64(out, key);
    out.push('\n');
}

fn push_base64(out: &mut String, key: &[u8; KEY_LEN]) {
    // `encode` writes straight into one allocation, which we then wipe.
    let encoded = Zeroizing::new(STANDARD.encode(key));
    out.push_str(&encoded);
}

/// The entries seen so far, checked for completeness at the end.
#[derive(Default)]
struct Entries {
    current: Option<MasterKey>,
    previous: Vec<MasterKey>,
    blind_index: Option<Secret32>,
    audit_mac: Option<Secret32>,
    audit_signing: Option<Secret32>,
}

fn parse(text: &str) -> Result<KeyRing, TextProblem> {
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'));

    let (header_line, header) = lines.next().ok_or(TextProblem {
        line: None,
        what: "empty: expected the header `lantern-keys v1`",
    })?;
    check_header(header_line, header)?;

    let mut entries = Entries::default();
    for (number, line) in lines {
        parse_entry(&mut entries, number, line)?;
    }
    complete(entries)
}

fn check_header(number: usize, header: &str) -> Result<(), TextProblem> {
    let words: Vec<&str> = header.split_whitespace().collect();
    if words == ["lantern-keys", "v1"] {
        return Ok(());
    }
    let what = if header.starts_with(HEADER_PREFIX) {
        "unsupported key file version; this build reads `lantern-keys v1`"
    } else {
        "expected the header `lantern-keys v1` first"
    };
    Err(at(number, what))
}

fn parse_entry(entries: &mut Entries, number: usize, line: &str) -> Result<(), TextProblem> {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        ["master", rest @ ..] => parse_master(entries, number, rest),
        ["blind-index", rest @ ..] => set_once(
            &mut entries.blind_index,
            number,
            rest,
            "blind-index appears more than once",
        ),
        ["audit-mac", rest @ ..] => set_once(
            &mut entries.audit_mac,
            number,
            rest,
            "audit-mac appears more than once",
        ),
        ["audit-signing", rest @ ..] => set_once(
            &mut entries.audit_signing,
            number,
            rest,
            "audit-signing appears more than once",
        ),
        _ => Err(at(
            number,
            "unknown entry; expected master, blind-index, audit-mac or audit-signing",
        )),
    }
}

fn parse_master(entries: &mut Entries, number: usize, words: &[&str]) -> Result<(), TextProblem> {
    let (id, key, is_current) =
        match words {
            [id, key] => (id, key, false),
            [id, key, "current"] => (id, key, true),
            [_, _, _] => {
                return Err(at(
                    number,
                    "unknown marker after master key; expected `current`",
                ))
            }
            _ => return Err(at(
                number,
                "expected `master <8 hex digit id> <base64 key>` optionally followed by `current`",
            )),
        };
    let id = KeyId::from_hex(id).ok_or(at(number, "master key id must be 8 hex digits"))?;
    let secret = decode_key(number, key)?;
    let already_seen = entries
        .current
        .iter()
        .chain(entries.previous.iter())
        .any(|existing| existing.id == id);
    if already_seen {
        return Err(at(number, "master key id appears more than once"));
    }
    let master = MasterKey { id, secret };
    if !is_current {
        entries.previous.push(master);
    } else if entries.current.is_some() {
        return Err(at(number, "more than one master key is marked `current`"));
    } else {
        entries.current = Some(master);
    }
    Ok(())
}

fn set_once(
    slot: &mut Option<Secret32>,
    number: usize,
    words: &[&str],
    duplicate: &'static str,
) -> Result<(), TextProblem> {
    let [key] = words else {
        return Err(at(
            number,
            "expected the entry name followed by one base64 key",
        ));
    };
    if slot.is_some() {
        return Err(at(number, duplicate));
    }
    *slot = Some(decode_key(number, key)?);
    Ok(())
}

fn decode_key(number: usize, text: &str) -> Result<Secret32, TextProblem> {
    const BAD_KEY: &str = "key is not standard base64 of exactly 32 bytes";
    if text.len() != BASE64_KEY_LEN {
        return Err(at(number, BAD_KEY));
    }
    // Decode onto the stack, into a buffer that is wiped, so no stray heap
    // copy of a key survives a failed parse.
    let mut buffer = Zeroizing::new([0u8; 48]);
    let written = STANDARD
        .decode_slice(text, &mut buffer[..])
        .map_err(|_| at(number, BAD_KEY))?;
    let key: &[u8; KEY_LEN] = buffer[..written]
        .try_into()
        .map_err(|_| at(number, BAD_KEY))?;
    Ok(Secret32::from_bytes(key))
}

fn complete(entries: Entries) -> Result<KeyRing, TextProblem> {
    let missing = |what| TextProblem { line: None, what };
    let current = entries.current.ok_or(missing(
        "no master key is marked `current` (or there is no master key)",
    ))?;
    let blind_index = entries
        .blind_index
        .ok_or(missing("the blind-index entry is missing"))?;
    let audit_mac = entries
        .audit_mac
        .ok_or(missing("the audit-mac entry is missing"))?;
    let seed = entries
        .audit_signing
        .ok_or(missing("the audit-signing entry is missing"))?;
    Ok(KeyRing {
        current,
        previous: entries.previous,
        blind_index,
        audit_mac,
        audit_signing: SigningKey::from_bytes(seed.expose()),
    })
}

fn at(line: usize, what: &'static str) -> TextProblem {
    TextProblem {
        line: Some(line),
        what,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY_A: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    const KEY_B: &str = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    fn valid_text() -> String {
        format!(
            "lantern-keys v1\n\
             # a comment\n\
             \n\
             master 0a1b2c3d {KEY_A} current\n\
             master 11223344 {KEY_B}\n\
             blind-index {KEY_A}\n\
             audit-mac {KEY_B}\n\
             audit-signing {KEY_A}\n"
        )
    }

    fn problem_in(text: &str) -> TextProblem {
        match KeyRing::from_text(text) {
            Err(VaultError::KeyText(problem)) => problem,
            other => panic!("expected a key text problem, got {other:?}"),
        }
    }

    #[test]
    fn reads_a_valid_text() {
        let ring = KeyRing::from_text(&valid_text()).unwrap();
        assert_eq!(ring.current_key_id().to_string(), "0a1b2c3d");
        let ids: Vec<String> = ring.key_ids().iter().map(ToString::to_string).collect();
        assert_eq!(ids, ["0a1b2c3d", "11223344"]);
        assert_eq!(ring.current.secret.expose()[..3], [0, 1, 2]);
        assert_eq!(ring.audit_mac.expose()[0], 0x20);
    }

    #[test]
    fn accepts_windows_line_endings() {
        let text = valid_text().replace('\n', "\r\n");
        assert!(KeyRing::from_text(&text).is_ok());
    }

    #[test]
    fn round_trips_through_text() {
        let mut ring = KeyRing::generate();
        ring.rotate();
        let text = ring.to_text();
        let again = KeyRing::from_text(&text).unwrap();
        assert_eq!(again.key_ids(), ring.key_ids());
        assert_eq!(again.to_text(), text);
        assert_eq!(again.audit_verifying_key(), ring.audit_verifying_key());
    }

    #[test]
    fn reports_line_numbers_and_never_the_content() {
        let cases: Vec<(String, Option<usize>, &str)> = vec![
            (String::new(), None, "empty"),
            ("lantern-keys v2\n".into(), Some(1), "unsupported"),
            ("\n# c\nhello\n".into(), Some(3), "expected the header"),
            (
                valid_text().replace("master 11223344", "master 1122334"),
                Some(5),
                "8 hex digits",
            ),
            (
                valid_text().replace(&format!("blind-index {KEY_A}"), "blind-index c2VjcmV0"),
                Some(6),
                "base64",
            ),
            (
                valid_text().replace(
                    &format!("master 11223344 {KEY_B}"),
                    &format!("master 11223344 {KEY_B} current"),
                ),
                Some(5),
                "more than one master",
            ),
            (
                valid_text().replace("11223344", "0a1b2c3d"),
                Some(5),
                "more than once",
            ),
            (
                valid_text().replace(&format!("{KEY_A} current"), &format!("{KEY_A} old")),
                Some(4),
                "unknown marker",
            ),
            (
                format!("{}bogus {KEY_B}\n", valid_text()),
                Some(9),
                "unknown entry",
            ),
            (
                format!("{}audit-mac {KEY_B}\n", valid_text()),
                Some(9),
                "audit-mac appears",
            ),
            (
                valid_text().replace(&format!("audit-mac {KEY_B}\n"), ""),
                None,
                "audit-mac entry is missing",
            ),
            (
                valid_text().replace(" current", ""),
                None,
                "no master key is marked",
            ),
            (
                valid_text().replace(&format!("audit-signing {KEY_A}"), "audit-signing"),
                Some(8),
                "one base64 key",
            ),
        ];
        for (text, line, fragment) in cases {
            let problem = problem_in(&text);
            assert_eq!(problem.line, line, "{text:?} -> {problem}");
            assert!(problem.what.contains(fragment), "{text:?} -> {problem}");
            let message = VaultError::KeyText(problem).to_string();
            assert!(!message.contains(KEY_A) && !message.contains(KEY_B));
            assert!(!message.contains("c2VjcmV0"));
        }
    }

    #[test]
    fn rejects_a_key_of_the_wrong_length_even_if_valid_base64() {
        let short = STANDARD.encode([7u8; 31]);
        let long = STANDARD.encode([7u8; 33]);
        for key in [short, long] {
            let text = valid_text().replace(
                &format!("blind-index {KEY_A}"),
                &format!("blind-index {key}"),
            );
            assert_eq!(problem_in(&text).line, Some(6));
        }
    }
}
