//! Envelope encryption with XChaCha20-Poly1305.
//!
//! A record is sealed under its own random [`DataKey`]; the data key is
//! stored next to it, wrapped under the key ring's current master key.
//! Rotating the master key then means rewrapping 77-byte keys, not
//! re-encrypting every record.
//!
//! Both layers take a [`Binding`] (table, column, row) as associated data,
//! so a ciphertext or wrapped key copied onto another record — a classic
//! way to make the application decrypt something for the wrong person —
//! fails to open.
//!
//! Formats (version 1):
//! - sealed data: `version (1) || nonce (24) || ciphertext || tag (16)`
//! - wrapped key: `version (1) || master key id (4) || nonce (24) ||
//!   encrypted data key (32) || tag (16)`
//!
//! Nonces are 24 random bytes, large enough that random nonces never
//! collide in practice, so no counter state has to be kept.

use std::fmt;

use chacha20poly1305::aead::AeadInPlace;
use chacha20poly1305::{KeyInit, Tag, XChaCha20Poly1305, XNonce};
use rand::rngs::OsRng;
use rand::RngCore;
use zeroize::Zeroizing;

use crate::error::VaultError;
use crate::mac::length_prefix;
use crate::ring::{KeyId, KeyRing};
use crate::secret::{Secret32, KEY_LEN};

const FORMAT_V1: u8 = 1;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const KEY_ID_LEN: usize = 4;

const SEALED_HEADER_LEN: usize = 1 + NONCE_LEN;
const WRAPPED_HEADER_LEN: usize = 1 + KEY_ID_LEN + NONCE_LEN;
const WRAPPED_LEN: usize = WRAPPED_HEADER_LEN + KEY_LEN + TAG_LEN;

/// Distinct labels keep a wrapped key and sealed data from ever being
/// accepted as one another, whatever the keys.
const SEAL_LABEL: &[u8] = b"lantern-vault/seal";
const WRAP_LABEL: &[u8] = b"lantern-vault/wrap";

/// The key that seals one record (or attachment). Random, wiped on drop,
/// never printed.
pub struct DataKey(Secret32);

impl DataKey {
    /// A fresh random data key.
    ///
    /// # Panics
    /// If the operating system cannot supply randomness.
    pub fn generate() -> Self {
        Self(Secret32::random())
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.0.expose().into())
    }
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(..)")
    }
}

/// Where a ciphertext belongs: authenticated alongside it so it cannot be
/// moved to another table, column or row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding<'a> {
    pub table: &'a str,
    pub column: &'a str,
    /// The row's UUID bytes.
    pub row: [u8; 16],
}

impl<'a> Binding<'a> {
    pub const fn new(table: &'a str, column: &'a str, row: [u8; 16]) -> Self {
        Self { table, column, row }
    }

    /// The associated data: every field length-prefixed, so no two distinct
    /// bindings (or labels, or key ids) can encode to the same bytes.
    fn associated_data(&self, label: &[u8], key_id: Option<KeyId>) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.table.len() + self.column.len());
        out.extend_from_slice(&length_prefix(label));
        out.extend_from_slice(label);
        out.push(FORMAT_V1);
        if let Some(id) = key_id {
            out.extend_from_slice(&id.to_bytes());
        }
        for field in [self.table.as_bytes(), self.column.as_bytes()] {
            out.extend_from_slice(&length_prefix(field));
            out.extend_from_slice(field);
        }
        out.extend_from_slice(&self.row);
        out
    }
}

/// A data key wrapped under a master key, ready to store. The bytes carry
/// the format version and the master key's id.
#[derive(Clone, PartialEq, Eq)]
pub struct WrappedKey {
    key_id: KeyId,
    bytes: Vec<u8>,
}

impl WrappedKey {
    /// Checks the length and version of stored bytes. Authenticity is only
    /// established by [`KeyRing::unwrap_key`].
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, VaultError> {
        let key_id = WrappedKey::key_id_of(&bytes)?;
        Ok(Self { key_id, bytes })
    }

    /// The id of the master key that wrapped these stored bytes, without
    /// unwrapping them (to find what still needs rewrapping after a rotate).
    pub fn key_id_of(wrapped: &[u8]) -> Result<KeyId, VaultError> {
        const WHAT: &str = "wrapped key";
        if wrapped.len() != WRAPPED_LEN {
            return Err(VaultError::Malformed { what: WHAT });
        }
        let [version, id @ ..] = &wrapped[..1 + KEY_ID_LEN] else {
            return Err(VaultError::Malformed { what: WHAT });
        };
        if *version != FORMAT_V1 {
            return Err(VaultError::Malformed {
                what: "wrapped key (unknown format version)",
            });
        }
        let id: [u8; KEY_ID_LEN] = id
            .try_into()
            .map_err(|_| VaultError::Malformed { what: WHAT })?;
        Ok(KeyId::from_bytes(id))
    }

    /// The id of the master key this data key is wrapped under.
    pub fn key_id(&self) -> KeyId {
        self.key_id
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

impl AsRef<[u8]> for WrappedKey {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for WrappedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WrappedKey")
            .field("key_id", &self.key_id)
            .finish_non_exhaustive()
    }
}

impl KeyRing {
    /// Wraps `key` under the current master key, bound to `binding`.
    ///
    /// The `Result` is for the type system only: a 32-byte key is always
    /// within the cipher's limits.
    pub fn wrap(&self, key: &DataKey, binding: &Binding<'_>) -> Result<WrappedKey, VaultError> {
        let master = &self.current;
        let nonce = random_nonce();
        let mut bytes = Vec::with_capacity(WRAPPED_LEN);
        bytes.push(FORMAT_V1);
        bytes.extend_from_slice(&master.id.to_bytes());
        bytes.extend_from_slice(&nonce);
        // The data key is copied into the output buffer and encrypted in
        // place there, so no other plaintext copy is made.
        bytes.extend_from_slice(key.0.expose());
        let aad = binding.associated_data(WRAP_LABEL, Some(master.id));
        let tag = cipher_for(&master.secret)
            .encrypt_in_place_detached(
                XNonce::from_slice(&nonce),
                &aad,
                &mut bytes[WRAPPED_HEADER_LEN..],
            )
            .map_err(|_| VaultError::TooLarge)?;
        bytes.extend_from_slice(&tag);
        Ok(WrappedKey {
            key_id: master.id,
            bytes,
        })
    }

    /// Unwraps a stored data key with whichever master key wrapped it.
    ///
    /// Fails with [`VaultError::UnknownKey`] if that master key is not in
    /// the ring (retired too early, or the wrong key file), and with
    /// [`VaultError::Integrity`] if the bytes were altered or belong to
    /// another binding.
    pub fn unwrap_key(&self, wrapped: &[u8], binding: &Binding<'_>) -> Result<DataKey, VaultError> {
        let key_id = WrappedKey::key_id_of(wrapped)?;
        let master = self
            .master_key(key_id)
            .ok_or(VaultError::UnknownKey(key_id))?;
        let (header, rest) = wrapped.split_at(WRAPPED_HEADER_LEN);
        let (encrypted, tag) = rest.split_at(KEY_LEN);
        let nonce = &header[1 + KEY_ID_LEN..];

        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        key.copy_from_slice(encrypted);
        let aad = binding.associated_data(WRAP_LABEL, Some(key_id));
        cipher_for(&master.secret)
            .decrypt_in_place_detached(
                XNonce::from_slice(nonce),
                &aad,
                &mut key[..],
                Tag::from_slice(tag),
            )
            .map_err(|_| VaultError::Integrity)?;
        Ok(DataKey(Secret32::from_bytes(&key)))
    }

    /// Unwraps with whichever master key wrapped it and wraps again under
    /// the current one (used by `lantern keys rotate`). Always produces a
    /// fresh nonce, even when the key is already under the current master.
    pub fn rewrap(&self, wrapped: &[u8], binding: &Binding<'_>) -> Result<WrappedKey, VaultError> {
        let key = self.unwrap_key(wrapped, binding)?;
        self.wrap(&key, binding)
    }
}

/// Seals `plaintext` under `key`, bound to `binding`. Suitable for records
/// and for whole attachments held in memory (tens of MiB).
///
/// Fails only with [`VaultError::TooLarge`], for input beyond the cipher's
/// limit (about 256 GiB).
pub fn seal(key: &DataKey, binding: &Binding<'_>, plaintext: &[u8]) -> Result<Vec<u8>, VaultError> {
    let nonce = random_nonce();
    let mut sealed = Vec::with_capacity(SEALED_HEADER_LEN + plaintext.len() + TAG_LEN);
    sealed.push(FORMAT_V1);
    sealed.extend_from_slice(&nonce);
    // Encrypt in place in the output buffer, which is sized up front so it
    // never reallocates and leaves a plaintext copy behind.
    sealed.extend_from_slice(plaintext);
    let aad = binding.associated_data(SEAL_LABEL, None);
    let tag = key
        .cipher()
        .encrypt_in_place_detached(
            XNonce::from_slice(&nonce),
            &aad,
            &mut sealed[SEALED_HEADER_LEN..],
        )
        .map_err(|_| VaultError::TooLarge)?;
    sealed.extend_from_slice(&tag);
    Ok(sealed)
}

/// Opens what [`seal`] produced with the same key and binding. Any change
/// to the bytes, or a different binding or key, gives
/// [`VaultError::Integrity`].
pub fn open(key: &DataKey, binding: &Binding<'_>, sealed: &[u8]) -> Result<Vec<u8>, VaultError> {
    if sealed.len() < SEALED_HEADER_LEN + TAG_LEN {
        return Err(VaultError::Malformed {
            what: "sealed data",
        });
    }
    let (header, rest) = sealed.split_at(SEALED_HEADER_LEN);
    let (ciphertext, tag) = rest.split_at(rest.len() - TAG_LEN);
    let (version, nonce) = header.split_at(1);
    if version != [FORMAT_V1] {
        return Err(VaultError::Malformed {
            what: "sealed data (unknown format version)",
        });
    }
    let mut plaintext = ciphertext.to_vec();
    let aad = binding.associated_data(SEAL_LABEL, None);
    // The tag is checked before anything is decrypted, so on failure the
    // buffer still holds only ciphertext.
    key.cipher()
        .decrypt_in_place_detached(
            XNonce::from_slice(nonce),
            &aad,
            &mut plaintext,
            Tag::from_slice(tag),
        )
        .map_err(|_| VaultError::Integrity)?;
    Ok(plaintext)
}

fn cipher_for(master: &Secret32) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(master.expose().into())
}

fn random_nonce() -> [u8; NONCE_LEN] {
    let mut nonce = [0u8; NONCE_LEN];
    OsRng.fill_bytes(&mut nonce);
    nonce
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const ROW: [u8; 16] = [7; 16];

    fn binding() -> Binding<'static> {
        Binding::new("people", "identity", ROW)
    }

    #[test]
    fn seal_and_open_round_trip() {
        let key = DataKey::generate();
        let sealed = seal(&key, &binding(), b"Asha Devi").unwrap();
        assert_eq!(sealed.len(), 1 + NONCE_LEN + 9 + TAG_LEN);
        assert_eq!(open(&key, &binding(), &sealed).unwrap(), b"Asha Devi");
    }

    #[test]
    fn sealing_twice_gives_different_ciphertexts() {
        let key = DataKey::generate();
        let a = seal(&key, &binding(), b"same").unwrap();
        let b = seal(&key, &binding(), b"same").unwrap();
        assert_ne!(a, b, "fresh random nonce each time");
    }

    #[test]
    fn opening_with_another_binding_or_key_fails() {
        let key = DataKey::generate();
        let sealed = seal(&key, &binding(), b"secret").unwrap();
        let mut other_row = ROW;
        other_row[15] ^= 1;
        for wrong in [
            Binding::new("cases", "identity", ROW),
            Binding::new("people", "notes", ROW),
            Binding::new("people", "identity", other_row),
            // Same bytes, split differently: the length prefixes tell apart.
            Binding::new("peopleidentity", "", ROW),
            Binding::new("people", "identit", ROW),
        ] {
            assert!(
                matches!(open(&key, &wrong, &sealed), Err(VaultError::Integrity)),
                "{wrong:?}"
            );
        }
        assert!(matches!(
            open(&DataKey::generate(), &binding(), &sealed),
            Err(VaultError::Integrity)
        ));
    }

    #[test]
    fn truncated_or_unknown_version_is_malformed() {
        let key = DataKey::generate();
        let sealed = seal(&key, &binding(), b"").unwrap();
        assert!(open(&key, &binding(), &sealed).unwrap().is_empty());
        assert!(matches!(
            open(&key, &binding(), &sealed[..sealed.len() - 1]),
            Err(VaultError::Malformed { .. })
        ));
        let mut future = sealed.clone();
        future[0] = 2;
        assert!(matches!(
            open(&key, &binding(), &future),
            Err(VaultError::Malformed { .. })
        ));
    }

    #[test]
    fn seals_an_attachment_sized_payload() {
        let key = DataKey::generate();
        let attachment: Vec<u8> = (0..10 * 1024 * 1024).map(|i| (i % 251) as u8).collect();
        let sealed = seal(&key, &binding(), &attachment).unwrap();
        assert_eq!(open(&key, &binding(), &sealed).unwrap(), attachment);
    }

    #[test]
    fn wrap_and_unwrap_round_trip() {
        let ring = KeyRing::generate();
        let key = DataKey::generate();
        let sealed = seal(&key, &binding(), b"record").unwrap();
        let wrapped = ring.wrap(&key, &binding()).unwrap();
        assert_eq!(wrapped.as_bytes().len(), WRAPPED_LEN);
        assert_eq!(wrapped.key_id(), ring.current_key_id());
        assert_eq!(
            WrappedKey::key_id_of(wrapped.as_bytes()).unwrap(),
            ring.current_key_id()
        );

        let unwrapped = ring.unwrap_key(wrapped.as_bytes(), &binding()).unwrap();
        assert_eq!(open(&unwrapped, &binding(), &sealed).unwrap(), b"record");
    }

    #[test]
    fn a_wrapped_key_is_bound_to_its_record() {
        let ring = KeyRing::generate();
        let wrapped = ring.wrap(&DataKey::generate(), &binding()).unwrap();
        let elsewhere = Binding::new("people", "identity", [8; 16]);
        assert!(matches!(
            ring.unwrap_key(wrapped.as_bytes(), &elsewhere),
            Err(VaultError::Integrity)
        ));
        // Sealed data is never accepted as a wrapped key, nor the reverse.
        let key = DataKey::generate();
        let sealed = seal(&key, &binding(), &[0u8; KEY_LEN]).unwrap();
        assert!(ring.unwrap_key(&sealed, &binding()).is_err());
    }

    #[test]
    fn rotation_keeps_old_wrapped_keys_open_and_rewrap_moves_them() {
        let mut ring = KeyRing::generate();
        let old_id = ring.current_key_id();
        let key = DataKey::generate();
        let sealed = seal(&key, &binding(), b"before rotation").unwrap();
        let old_wrapped = ring.wrap(&key, &binding()).unwrap();

        let new_id = ring.rotate();
        let still_opens = ring.unwrap_key(old_wrapped.as_bytes(), &binding()).unwrap();
        assert_eq!(
            open(&still_opens, &binding(), &sealed).unwrap(),
            b"before rotation"
        );

        let rewrapped = ring.rewrap(old_wrapped.as_bytes(), &binding()).unwrap();
        assert_eq!(old_wrapped.key_id(), old_id);
        assert_eq!(rewrapped.key_id(), new_id);
        assert!(ring.wrap(&key, &binding()).unwrap().key_id() == new_id);

        ring.retire(old_id).unwrap();
        let reopened = ring.unwrap_key(rewrapped.as_bytes(), &binding()).unwrap();
        assert_eq!(
            open(&reopened, &binding(), &sealed).unwrap(),
            b"before rotation"
        );
        assert!(matches!(
            ring.unwrap_key(old_wrapped.as_bytes(), &binding()),
            Err(VaultError::UnknownKey(id)) if id == old_id
        ));
    }

    #[test]
    fn unknown_master_key_is_named() {
        let ring = KeyRing::generate();
        let stranger = KeyRing::generate();
        let wrapped = stranger.wrap(&DataKey::generate(), &binding()).unwrap();
        let error = ring.unwrap_key(wrapped.as_bytes(), &binding()).unwrap_err();
        assert!(matches!(error, VaultError::UnknownKey(id) if id == stranger.current_key_id()));
        assert!(error
            .to_string()
            .contains(&stranger.current_key_id().to_string()));
    }

    #[test]
    fn wrapped_key_bytes_are_validated() {
        assert!(WrappedKey::from_bytes(vec![1; WRAPPED_LEN - 1]).is_err());
        let mut bytes = vec![0; WRAPPED_LEN];
        assert!(WrappedKey::from_bytes(bytes.clone()).is_err(), "version 0");
        bytes[0] = FORMAT_V1;
        bytes[1..5].copy_from_slice(&[1, 2, 3, 4]);
        let parsed = WrappedKey::from_bytes(bytes.clone()).unwrap();
        assert_eq!(parsed.key_id().to_string(), "01020304");
        assert_eq!(parsed.into_bytes(), bytes);
    }

    #[test]
    fn debug_shows_no_key_bytes() {
        let key = DataKey::generate();
        assert_eq!(format!("{key:?}"), "DataKey(..)");
        let ring = KeyRing::generate();
        let wrapped = ring.wrap(&key, &binding()).unwrap();
        let shown = format!("{wrapped:?}");
        assert!(shown.contains(&ring.current_key_id().to_string()));
        assert!(!shown.contains(&format!("{:?}", &wrapped.as_bytes()[5..])));
    }

    proptest! {
        #[test]
        fn any_plaintext_round_trips(plaintext in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let key = DataKey::generate();
            let sealed = seal(&key, &binding(), &plaintext).unwrap();
            prop_assert_eq!(open(&key, &binding(), &sealed).unwrap(), plaintext);
        }

        #[test]
        fn any_binding_round_trips_and_differs_from_another(
            table in "[a-z_]{0,12}",
            column in "[a-z_]{0,12}",
            row in any::<[u8; 16]>(),
            other in any::<[u8; 16]>(),
        ) {
            let key = DataKey::generate();
            let here = Binding::new(&table, &column, row);
            let sealed = seal(&key, &here, b"x").unwrap();
            prop_assert_eq!(open(&key, &here, &sealed).unwrap(), b"x".to_vec());
            if other != row {
                let there = Binding::new(&table, &column, other);
                prop_assert!(open(&key, &there, &sealed).is_err());
            }
        }

        #[test]
        fn flipping_any_ciphertext_byte_fails(
            plaintext in proptest::collection::vec(any::<u8>(), 0..256),
            position in any::<usize>(),
            bit in 0u8..8,
        ) {
            let key = DataKey::generate();
            let mut sealed = seal(&key, &binding(), &plaintext).unwrap();
            let index = position % sealed.len();
            sealed[index] ^= 1 << bit;
            prop_assert!(open(&key, &binding(), &sealed).is_err());
        }

        #[test]
        fn flipping_any_wrapped_key_byte_fails(position in 0..WRAPPED_LEN, bit in 0u8..8) {
            let ring = KeyRing::generate();
            let mut wrapped = ring.wrap(&DataKey::generate(), &binding()).unwrap().into_bytes();
            wrapped[position] ^= 1 << bit;
            prop_assert!(ring.unwrap_key(&wrapped, &binding()).is_err());
        }
    }

    #[test]
    fn flipping_each_byte_of_a_sealed_record_and_wrapped_key_fails() {
        // Exhaustive over positions for one sample, complementing the
        // randomised test above.
        let ring = KeyRing::generate();
        let key = DataKey::generate();
        let sealed = seal(&key, &binding(), b"exhaustive").unwrap();
        let wrapped = ring.wrap(&key, &binding()).unwrap().into_bytes();
        for index in 0..sealed.len() {
            let mut tampered = sealed.clone();
            tampered[index] ^= 0x80;
            assert!(open(&key, &binding(), &tampered).is_err(), "byte {index}");
        }
        for index in 0..wrapped.len() {
            let mut tampered = wrapped.clone();
            tampered[index] ^= 0x01;
            assert!(
                ring.unwrap_key(&tampered, &binding()).is_err(),
                "byte {index}"
            );
        }
    }
}
