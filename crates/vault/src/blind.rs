//! Blind indexes: keyed digests of normalised values, so the database can
//! find "the same phone number" without storing it. Keyed, so someone with
//! the database but not the key file cannot test guesses against them.

use zeroize::Zeroizing;

use crate::mac::{hmac_sha256, length_prefix};
use crate::ring::KeyRing;

const PURPOSE_LABEL: &[u8] = b"lantern-vault/blind-index/v1";

impl KeyRing {
    /// HMAC-SHA256 of `normalised` under a key derived for `purpose`
    /// (for example `"person.name"` or `"person.phone"`), so the same text
    /// indexed for two purposes gives unrelated digests and one column's
    /// index cannot be joined against another's.
    ///
    /// Normalise first ([`crate::normalise_name`], [`crate::normalise_phone`]):
    /// the digest matches only byte-identical input.
    pub fn blind_index(&self, purpose: &str, normalised: &str) -> [u8; 32] {
        let purpose_key = Zeroizing::new(hmac_sha256(
            self.blind_index.expose(),
            &[
                &length_prefix(PURPOSE_LABEL),
                PURPOSE_LABEL,
                &length_prefix(purpose.as_bytes()),
                purpose.as_bytes(),
            ],
        ));
        hmac_sha256(&purpose_key, &[normalised.as_bytes()])
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::normalise::{normalise_name, normalise_phone};

    #[test]
    fn stable_for_one_key_and_purpose() {
        let ring = KeyRing::generate();
        assert_eq!(
            ring.blind_index("person.name", "asha devi"),
            ring.blind_index("person.name", "asha devi")
        );
        let reloaded = KeyRing::from_text(&ring.to_text()).unwrap();
        assert_eq!(
            reloaded.blind_index("person.name", "asha devi"),
            ring.blind_index("person.name", "asha devi")
        );
    }

    #[test]
    fn separated_by_purpose_value_and_key() {
        let ring = KeyRing::generate();
        let name = ring.blind_index("person.name", "9830012345");
        assert_ne!(name, ring.blind_index("person.phone", "9830012345"));
        assert_ne!(name, ring.blind_index("person.name", "9830012346"));
        assert_ne!(
            name,
            KeyRing::generate().blind_index("person.name", "9830012345")
        );
    }

    #[test]
    fn survives_master_key_rotation() {
        let mut ring = KeyRing::generate();
        let before = ring.blind_index("person.phone", "+919830012345");
        ring.rotate();
        assert_eq!(ring.blind_index("person.phone", "+919830012345"), before);
    }

    #[test]
    fn formatting_variants_of_a_phone_number_share_an_index() {
        let ring = KeyRing::generate();
        let index = |raw: &str| {
            let normalised = normalise_phone(raw, Some("+91")).unwrap();
            ring.blind_index("person.phone", &normalised)
        };
        let expected = index("+91 98300 12345");
        for variant in [
            "+91-98300-12345",
            "0091 9830012345",
            "+91 (983) 001-2345",
            "098300 12345",
            "98300 12345",
        ] {
            assert_eq!(index(variant), expected, "{variant}");
        }
        assert_ne!(index("+44 98300 12345"), expected);
    }

    #[test]
    fn variants_of_a_name_share_an_index() {
        let ring = KeyRing::generate();
        let index = |raw: &str| ring.blind_index("person.name", &normalise_name(raw));
        assert_eq!(index("  José   O'Brien "), index("jose obrien"));
        assert_eq!(index("ANA-MARÍA"), index("ana maría"));
    }

    fn separator() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["", " ", "-", ".", "  ", " - ", "\u{a0}"])
    }

    proptest! {
        #[test]
        fn any_formatting_of_an_international_number_gives_one_index(
            subscriber in proptest::collection::vec(0u8..10, 10),
            separators in proptest::collection::vec(separator(), 10),
            double_zero in any::<bool>(),
        ) {
            let ring = KeyRing::generate();
            let digits: String = subscriber.iter().map(|d| char::from(b'0' + d)).collect();
            let canonical = format!("+91{digits}");

            let mut formatted = String::from(if double_zero { "0091" } else { "+91" });
            for (digit, separator) in digits.chars().zip(&separators) {
                formatted.push_str(separator);
                formatted.push(digit);
            }
            let normalised = normalise_phone(&formatted, None);
            prop_assert_eq!(normalised.as_deref(), Some(canonical.as_str()));
            prop_assert_eq!(
                ring.blind_index("person.phone", &normalised.unwrap_or_default()),
                ring.blind_index("person.phone", &canonical)
            );
        }
    }
}
