//! Lantern's key vault: every cryptographic operation Lantern performs on
//! survivors' records, and the file that holds the keys.
//!
//! - [`KeyRing`] holds the master keys (current and still-needed previous
//!   ones), the blind-index key, the audit MAC key and the audit signing key.
//!   It is loaded from a mode-0600 key file ([`KeyRing::load_or_create`]) or
//!   from text supplied by the environment ([`KeyRing::from_text`]).
//! - Envelope encryption: each record is sealed under its own [`DataKey`]
//!   ([`seal`], [`open`]); the data key is stored wrapped under the current
//!   master key ([`KeyRing::wrap`]). Both are bound to the table, column and
//!   row they belong to ([`Binding`]), so ciphertext cannot be moved.
//! - Blind indexes ([`KeyRing::blind_index`]) let the database find equal
//!   names or phone numbers without holding them in the clear.
//! - The audit chain ([`KeyRing::chain_link`]) and its signed checkpoints
//!   ([`KeyRing::sign_checkpoint`], [`verify_checkpoint`]).
//!
//! This crate depends on no other Lantern crate. Nothing it prints — `Debug`
//! output, error messages — ever contains key material or plaintext.

mod audit;
mod blind;
mod envelope;
mod error;
mod keyfile;
mod keytext;
mod mac;
mod normalise;
mod ring;
mod secret;

pub use audit::{verify_checkpoint, GENESIS};
pub use envelope::{open, seal, Binding, DataKey, WrappedKey};
pub use error::{KeyFileProblem, TextProblem, VaultError};
pub use keyfile::Created;
pub use normalise::{normalise_name, normalise_phone};
pub use ring::{KeyId, KeyRing};
pub use zeroize::Zeroizing;
