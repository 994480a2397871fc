//! The one container for raw key bytes inside the crate.

use std::fmt;

use rand::rngs::OsRng;
use rand::RngCore;
use zeroize::{Zeroize, ZeroizeOnDrop};

pub(crate) const KEY_LEN: usize = 32;

/// 32 secret bytes, wiped when dropped. Deliberately neither `Clone` nor
/// `Copy`, so every copy of a key in memory is one somebody wrote on purpose.
pub(crate) struct Secret32([u8; KEY_LEN]);

impl Secret32 {
    /// Fresh bytes from the operating system's CSPRNG.
    ///
    /// # Panics
    /// If the operating system cannot supply randomness. There is no safe
    /// way to carry on without it, so this is not turned into an error.
    pub(crate) fn random() -> Self {
        let mut bytes = [0u8; KEY_LEN];
        OsRng.fill_bytes(&mut bytes);
        let secret = Self(bytes);
        bytes.zeroize();
        secret
    }

    /// Copies `bytes` in; the caller remains responsible for wiping its copy.
    pub(crate) fn from_bytes(bytes: &[u8; KEY_LEN]) -> Self {
        Self(*bytes)
    }

    pub(crate) fn expose(&self) -> &[u8; KEY_LEN] {
        &self.0
    }
}

impl Drop for Secret32 {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl ZeroizeOnDrop for Secret32 {}

impl fmt::Debug for Secret32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret32(..)")
    }
}
