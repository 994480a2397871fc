//! HMAC-SHA256 with a 32-byte key, as a function that cannot fail.

use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::secret::KEY_LEN;

/// SHA-256's block size: HMAC pads any shorter key with zeros up to it.
const BLOCK_LEN: usize = 64;

/// HMAC-SHA256 over the concatenation of `parts`.
///
/// RFC 2104 pads a key shorter than the hash's block size with zeros, so
/// passing the zero-padded 64-byte block gives exactly HMAC(key, ..). Doing
/// the padding here lets us use the infallible fixed-size constructor
/// instead of `new_from_slice`, whose `Result` would need an `expect`.
pub(crate) fn hmac_sha256(key: &[u8; KEY_LEN], parts: &[&[u8]]) -> [u8; 32] {
    let mut block = Zeroizing::new([0u8; BLOCK_LEN]);
    block[..KEY_LEN].copy_from_slice(key);
    let mut mac = <Hmac<Sha256> as KeyInit>::new((&*block).into());
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// A length prefix (u64, big-endian) so that concatenated fields can never
/// be re-split differently: ("ab", "c") and ("a", "bc") encode differently.
pub(crate) fn length_prefix(bytes: &[u8]) -> [u8; 8] {
    (bytes.len() as u64).to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_key_gives_the_same_mac_as_the_slice_constructor() {
        let key = [0x5au8; KEY_LEN];
        let mut reference = <Hmac<Sha256> as Mac>::new_from_slice(&key).unwrap();
        reference.update(b"hello ");
        reference.update(b"world");
        let expected: [u8; 32] = reference.finalize().into_bytes().into();
        assert_eq!(hmac_sha256(&key, &[b"hello ", b"world"]), expected);
    }

    #[test]
    fn matches_rfc_4231_test_case_2_shape() {
        // RFC 4231 case 2 uses the 4-byte key "Jefe"; zero-padding it to 32
        // bytes is the same key to HMAC, so the published value must match.
        let mut key = [0u8; KEY_LEN];
        key[..4].copy_from_slice(b"Jefe");
        let mac = hmac_sha256(&key, &[b"what do ya want ", b"for nothing?"]);
        assert_eq!(
            hex::encode(mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
