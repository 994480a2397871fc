//! The key ring: which keys exist, which master key is current, rotation.

use std::fmt;

use ed25519_dalek::SigningKey;
use rand::rngs::OsRng;
use rand::RngCore;

use crate::error::VaultError;
use crate::secret::Secret32;

/// Names a master key inside wrapped data keys and the key file. Four random
/// bytes shown as eight hex digits. It is not derived from the key, so
/// printing it reveals nothing about the key.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId([u8; 4]);

impl KeyId {
    pub const fn from_bytes(bytes: [u8; 4]) -> Self {
        Self(bytes)
    }

    pub const fn to_bytes(self) -> [u8; 4] {
        self.0
    }

    /// Parses exactly eight hex digits (either case).
    pub fn from_hex(text: &str) -> Option<Self> {
        let mut bytes = [0u8; 4];
        if text.len() != 8 {
            return None;
        }
        hex::decode_to_slice(text, &mut bytes).ok()?;
        Some(Self(bytes))
    }

    fn random() -> Self {
        let mut bytes = [0u8; 4];
        OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({self})")
    }
}

/// A master key: wraps data keys, never touches records directly.
pub(crate) struct MasterKey {
    pub(crate) id: KeyId,
    pub(crate) secret: Secret32,
}

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MasterKey")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// Every key Lantern needs. All secret material is wiped when the ring is
/// dropped, and its `Debug` shows only master key ids.
///
/// Not `Clone`: share one ring behind an `Arc` rather than copying keys.
pub struct KeyRing {
    /// Wraps every new data key.
    pub(crate) current: MasterKey,
    /// Older master keys that still unwrap data keys not yet rewrapped.
    pub(crate) previous: Vec<MasterKey>,
    /// Stable across master rotations: rotating it would orphan every index.
    pub(crate) blind_index: Secret32,
    /// Stable across master rotations: the audit chain spans them.
    pub(crate) audit_mac: Secret32,
    /// Signs audit checkpoints; its public half verifies them elsewhere.
    pub(crate) audit_signing: SigningKey,
}

impl KeyRing {
    /// A ring of fresh random keys with one master key.
    ///
    /// # Panics
    /// If the operating system cannot supply randomness.
    pub fn generate() -> Self {
        Self {
            current: MasterKey {
                id: KeyId::random(),
                secret: Secret32::random(),
            },
            previous: Vec::new(),
            blind_index: Secret32::random(),
            audit_mac: Secret32::random(),
            audit_signing: SigningKey::generate(&mut OsRng),
        }
    }

    /// The id of the master key that wraps new data keys.
    pub fn current_key_id(&self) -> KeyId {
        self.current.id
    }

    /// Every master key id in the ring, the current one first.
    pub fn key_ids(&self) -> Vec<KeyId> {
        self.master_keys().map(|key| key.id).collect()
    }

    /// Makes a fresh master key current. The old ones stay so that data keys
    /// wrapped under them still open; rewrap those ([`KeyRing::rewrap`]),
    /// then [`KeyRing::retire`] the old key. Returns the new key's id.
    ///
    /// # Panics
    /// If the operating system cannot supply randomness.
    pub fn rotate(&mut self) -> KeyId {
        let mut id = KeyId::random();
        // Ids are only 32 bits, so make sure a new id never shadows an old
        // key still in the ring.
        while self.master_key(id).is_some() {
            id = KeyId::random();
        }
        let fresh = MasterKey {
            id,
            secret: Secret32::random(),
        };
        let old = std::mem::replace(&mut self.current, fresh);
        self.previous.push(old);
        id
    }

    /// Drops a previous master key once nothing is wrapped under it any more.
    /// The current key cannot be retired: rotate first.
    pub fn retire(&mut self, id: KeyId) -> Result<(), VaultError> {
        if self.current.id == id {
            return Err(VaultError::RetireCurrent(id));
        }
        let position = self
            .previous
            .iter()
            .position(|key| key.id == id)
            .ok_or(VaultError::UnknownKey(id))?;
        // Dropping the removed key wipes it.
        self.previous.remove(position);
        Ok(())
    }

    /// The Ed25519 public key that verifies audit checkpoints; safe to
    /// export and publish.
    pub fn audit_verifying_key(&self) -> [u8; 32] {
        self.audit_signing.verifying_key().to_bytes()
    }

    pub(crate) fn master_keys(&self) -> impl Iterator<Item = &MasterKey> {
        std::iter::once(&self.current).chain(self.previous.iter())
    }

    pub(crate) fn master_key(&self, id: KeyId) -> Option<&MasterKey> {
        self.master_keys().find(|key| key.id == id)
    }
}

impl fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let previous: Vec<KeyId> = self.previous.iter().map(|key| key.id).collect();
        f.debug_struct("KeyRing")
            .field("current", &self.current.id)
            .field("previous", &previous)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_id_round_trips_through_hex() {
        let id = KeyId::from_bytes([0x0a, 0x1b, 0x2c, 0xff]);
        assert_eq!(id.to_string(), "0a1b2cff");
        assert_eq!(KeyId::from_hex("0a1b2cff"), Some(id));
        assert_eq!(KeyId::from_hex("0A1B2CFF"), Some(id));
        assert_eq!(KeyId::from_hex("0a1b2c"), None);
        assert_eq!(KeyId::from_hex("0a1b2cfg"), None);
        assert_eq!(KeyId::from_hex("0a1b2cff00"), None);
    }

    #[test]
    fn rotate_keeps_old_keys_and_retire_drops_them() {
        let mut ring = KeyRing::generate();
        let first = ring.current_key_id();
        let second = ring.rotate();
        assert_ne!(first, second);
        assert_eq!(ring.current_key_id(), second);
        assert_eq!(ring.key_ids(), vec![second, first]);

        assert!(matches!(ring.retire(second), Err(VaultError::RetireCurrent(id)) if id == second));
        ring.retire(first).unwrap();
        assert_eq!(ring.key_ids(), vec![second]);
        assert!(matches!(ring.retire(first), Err(VaultError::UnknownKey(id)) if id == first));
    }

    /// Every key in the ring as its text-format base64, raw-bytes `Debug`
    /// and hex forms: none of them may appear in any `Debug` output.
    fn key_renderings(ring: &KeyRing) -> Vec<String> {
        use base64::engine::general_purpose::STANDARD;
        use base64::Engine;
        let text = ring.to_text();
        let mut renderings = Vec::new();
        for line in text.lines().filter(|line| !line.starts_with('#')) {
            for word in line.split_whitespace().filter(|word| word.len() == 44) {
                let bytes = STANDARD.decode(word).unwrap();
                renderings.push(word.to_owned());
                renderings.push(hex::encode(&bytes));
                renderings.push(format!("{bytes:?}"));
                renderings.push(format!("{:?}", &bytes[..8]));
            }
        }
        assert_eq!(renderings.len(), 4 * 5, "two master keys and three others");
        renderings
    }

    #[test]
    fn debug_never_shows_key_material() {
        let mut ring = KeyRing::generate();
        ring.rotate();
        let renderings = key_renderings(&ring);
        let shown = [
            format!("{ring:?}"),
            format!("{ring:#?}"),
            format!("{:?}", ring.current),
            format!("{:?}", ring.previous),
            format!("{:?}", ring.blind_index),
            format!("{:?}", ring.audit_mac),
        ];
        for output in &shown {
            for secret in &renderings {
                assert!(!output.contains(secret.as_str()), "{output} shows a key");
            }
        }
        assert!(shown[0].contains(&ring.current_key_id().to_string()));
    }

    #[test]
    fn generated_rings_differ() {
        let a = KeyRing::generate();
        let b = KeyRing::generate();
        assert_ne!(a.blind_index.expose(), b.blind_index.expose());
        assert_ne!(a.audit_mac.expose(), b.audit_mac.expose());
        assert_ne!(a.audit_verifying_key(), b.audit_verifying_key());
        assert_ne!(a.blind_index.expose(), a.audit_mac.expose());
    }
}
