//! The audit chain: each entry's link is a keyed MAC over the previous link,
//! its sequence number and the entry, so an entry cannot be altered, removed
//! or reordered without breaking every later link — and, because the MAC is
//! keyed, someone with write access to the database alone cannot recompute
//! the chain after tampering.
//!
//! Checkpoints sign (sequence, head) with Ed25519, so the head can be
//! verified elsewhere with only the public key, and a later rewrite of the
//! whole chain by someone holding the MAC key is caught against them.

use ed25519_dalek::{Signature, Signer, VerifyingKey};
use subtle::ConstantTimeEq;

use crate::mac::{hmac_sha256, length_prefix};
use crate::ring::KeyRing;

/// The "previous link" of the first entry.
pub const GENESIS: [u8; 32] = [0u8; 32];

/// Domain-separates checkpoint signatures from anything else this key could
/// ever be asked to sign.
const CHECKPOINT_LABEL: &[u8] = b"lantern-vault/audit-checkpoint/v1";

impl KeyRing {
    /// The link for entry `seq`:
    /// HMAC-SHA256(audit key, previous || seq (big-endian) || len || entry).
    pub fn chain_link(&self, previous: &[u8; 32], seq: i64, canonical_entry: &[u8]) -> [u8; 32] {
        hmac_sha256(
            self.audit_mac.expose(),
            &[
                previous,
                &seq.to_be_bytes(),
                &length_prefix(canonical_entry),
                canonical_entry,
            ],
        )
    }

    /// Whether `link` is the correct link for this entry, compared in
    /// constant time so a verifier leaks nothing about the expected MAC.
    pub fn verify_link(
        &self,
        previous: &[u8; 32],
        seq: i64,
        canonical_entry: &[u8],
        link: &[u8; 32],
    ) -> bool {
        self.chain_link(previous, seq, canonical_entry)
            .ct_eq(link)
            .into()
    }

    /// Signs the chain head at `seq` with the audit signing key.
    pub fn sign_checkpoint(&self, seq: i64, head: &[u8; 32]) -> [u8; 64] {
        self.audit_signing
            .sign(&checkpoint_message(seq, head))
            .to_bytes()
    }
}

/// Checks a checkpoint signature with the exported public key
/// ([`KeyRing::audit_verifying_key`]). Uses strict verification, which
/// rejects malleable signatures and weak public keys.
pub fn verify_checkpoint(
    public_key: &[u8; 32],
    seq: i64,
    head: &[u8; 32],
    signature: &[u8; 64],
) -> bool {
    let Ok(key) = VerifyingKey::from_bytes(public_key) else {
        return false;
    };
    let signature = Signature::from_bytes(signature);
    key.verify_strict(&checkpoint_message(seq, head), &signature)
        .is_ok()
}

fn checkpoint_message(seq: i64, head: &[u8; 32]) -> Vec<u8> {
    let mut message = Vec::with_capacity(CHECKPOINT_LABEL.len() + 8 + 32);
    message.extend_from_slice(CHECKPOINT_LABEL);
    message.extend_from_slice(&seq.to_be_bytes());
    message.extend_from_slice(head);
    message
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn links_form_a_chain_that_verifies() {
        let ring = KeyRing::generate();
        let entries: [&[u8]; 3] = [b"login admin", b"view case 7", b"logout"];
        let mut previous = GENESIS;
        let mut links = Vec::new();
        for (seq, entry) in (1..).zip(entries) {
            let link = ring.chain_link(&previous, seq, entry);
            assert!(ring.verify_link(&previous, seq, entry, &link));
            links.push(link);
            previous = link;
        }
        assert!(!ring.verify_link(&links[0], 2, b"view case 8", &links[1]));
    }

    #[test]
    fn links_depend_on_the_key() {
        let a = KeyRing::generate();
        let b = KeyRing::generate();
        assert_ne!(
            a.chain_link(&GENESIS, 1, b"x"),
            b.chain_link(&GENESIS, 1, b"x")
        );
    }

    #[test]
    fn links_are_stable_across_master_rotation() {
        let mut ring = KeyRing::generate();
        let before = ring.chain_link(&GENESIS, 1, b"entry");
        ring.rotate();
        assert_eq!(ring.chain_link(&GENESIS, 1, b"entry"), before);
    }

    proptest! {
        #[test]
        fn a_link_changes_when_any_input_changes(
            previous in any::<[u8; 32]>(),
            seq in any::<i64>(),
            entry in proptest::collection::vec(any::<u8>(), 0..64),
            flip_byte in any::<usize>(),
            flip_bit in 0u8..8,
        ) {
            let ring = KeyRing::generate();
            let link = ring.chain_link(&previous, seq, &entry);

            let mut other_previous = previous;
            other_previous[flip_byte % 32] ^= 1 << flip_bit;
            prop_assert_ne!(ring.chain_link(&other_previous, seq, &entry), link);

            prop_assert_ne!(ring.chain_link(&previous, seq.wrapping_add(1), &entry), link);
            prop_assert_ne!(ring.chain_link(&previous, seq ^ (1 << flip_bit), &entry), link);

            if !entry.is_empty() {
                let mut other_entry = entry.clone();
                other_entry[flip_byte % entry.len()] ^= 1 << flip_bit;
                prop_assert_ne!(ring.chain_link(&previous, seq, &other_entry), link);
            }
            let mut longer = entry.clone();
            longer.push(0);
            prop_assert_ne!(ring.chain_link(&previous, seq, &longer), link);
        }
    }

    #[test]
    fn checkpoint_signature_verifies_and_binds_seq_and_head() {
        let ring = KeyRing::generate();
        let public = ring.audit_verifying_key();
        let head = ring.chain_link(&GENESIS, 1, b"entry");
        let signature = ring.sign_checkpoint(1, &head);

        assert!(verify_checkpoint(&public, 1, &head, &signature));
        assert!(!verify_checkpoint(&public, 2, &head, &signature));
        assert!(!verify_checkpoint(&public, -1, &head, &signature));
        let mut other_head = head;
        other_head[31] ^= 1;
        assert!(!verify_checkpoint(&public, 1, &other_head, &signature));
        let mut bad_signature = signature;
        bad_signature[0] ^= 1;
        assert!(!verify_checkpoint(&public, 1, &head, &bad_signature));
        let stranger = KeyRing::generate().audit_verifying_key();
        assert!(!verify_checkpoint(&stranger, 1, &head, &signature));
        assert!(!verify_checkpoint(&[0xff; 32], 1, &head, &signature));
    }

    #[test]
    fn checkpoint_key_survives_the_key_file() {
        let ring = KeyRing::generate();
        let head = [7u8; 32];
        let signature = ring.sign_checkpoint(9, &head);
        let reloaded = KeyRing::from_text(&ring.to_text()).unwrap();
        assert!(verify_checkpoint(
            &reloaded.audit_verifying_key(),
            9,
            &head,
            &signature
        ));
        assert_eq!(
            reloaded.sign_checkpoint(9, &head),
            signature,
            "Ed25519 is deterministic"
        );
    }
}
