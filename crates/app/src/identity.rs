//! How a person's identifying half rests on disk: encrypted under a data
//! key of its own, which is wrapped by the master key; plus keyed blind
//! indexes of names and phone numbers for exact search, and of blocking
//! keys for finding possible duplicates.
//!
//! This is the one place that reads or writes `PersonIdentity` bytes.

use lantern_domain::person::PersonIdentity;
use lantern_domain::{PersonId, Sensitive};
use lantern_storage::SealedIdentity;
use lantern_vault::{normalise_name, normalise_phone, open, seal, Binding, DataKey};

use crate::keys::{vault_error, Keys};
use crate::AppError;

const NAME_PURPOSE: &str = "person-name";
const PHONE_PURPOSE: &str = "person-phone";

fn identity_binding(person: PersonId) -> [u8; 16] {
    *person.as_uuid().as_bytes()
}

/// The binding of a wrapped data key to the row it protects.
pub fn key_binding(owner: &[u8; 16]) -> Binding<'_> {
    Binding::new("data_keys", "wrapped", *owner)
}

#[derive(Clone)]
pub struct IdentityCodec {
    keys: Keys,
}

/// A sealed identity with the new person's wrapped data key.
pub struct SealedNew {
    pub identity: SealedIdentity,
    pub data_key: Vec<u8>,
}

impl IdentityCodec {
    pub fn new(keys: Keys) -> Self {
        Self { keys }
    }

    fn encode(identity: &Sensitive<PersonIdentity>) -> Result<Vec<u8>, AppError> {
        serde_json::to_vec(identity.expose()).map_err(|_| AppError::Internal("identity encoding"))
    }

    /// Seals a new person's identity under a fresh data key.
    pub fn seal_new(
        &self,
        person: PersonId,
        identity: &Sensitive<PersonIdentity>,
    ) -> Result<SealedNew, AppError> {
        let row = identity_binding(person);
        let key = DataKey::generate();
        let wrapped = self
            .keys
            .with_ring(|ring| ring.wrap(&key, &key_binding(&row)))?;
        let plain = Self::encode(identity)?;
        let sealed =
            seal(&key, &Binding::new("persons", "identity", row), &plain).map_err(vault_error)?;
        Ok(SealedNew {
            identity: SealedIdentity(sealed),
            data_key: wrapped.into_bytes(),
        })
    }

    /// Seals an edited identity under the person's existing data key.
    pub fn reseal(
        &self,
        person: PersonId,
        identity: &Sensitive<PersonIdentity>,
        data_key: &[u8],
    ) -> Result<SealedIdentity, AppError> {
        let row = identity_binding(person);
        let key = self
            .keys
            .with_ring(|ring| ring.unwrap_key(data_key, &key_binding(&row)))?;
        let plain = Self::encode(identity)?;
        seal(&key, &Binding::new("persons", "identity", row), &plain)
            .map(SealedIdentity)
            .map_err(vault_error)
    }

    /// Opens an identity; `None` when its data key was destroyed (erasure).
    pub fn open(
        &self,
        person: PersonId,
        sealed: &SealedIdentity,
        data_key: Option<&[u8]>,
    ) -> Result<Option<Sensitive<PersonIdentity>>, AppError> {
        let Some(data_key) = data_key else {
            return Ok(None);
        };
        let row = identity_binding(person);
        let key = self
            .keys
            .with_ring(|ring| ring.unwrap_key(data_key, &key_binding(&row)))?;
        let plain = open(&key, &Binding::new("persons", "identity", row), &sealed.0)
            .map_err(vault_error)?;
        serde_json::from_slice(&plain)
            .map(|identity| Some(Sensitive::new(identity)))
            .map_err(|_| AppError::Internal("stored identity is unreadable"))
    }

    /// Blind-index digests of a person's names and phone numbers, and of
    /// their blocking keys for finding possible duplicates.
    pub fn lookups(&self, identity: &Sensitive<PersonIdentity>) -> Vec<Vec<u8>> {
        let ring = self.keys.current();
        let identity = identity.expose();
        let names = identity.legal_name.iter().chain(identity.aliases.iter());
        let mut digests: Vec<Vec<u8>> = names
            .map(|name| normalise_name(name))
            .filter(|n| !n.is_empty())
            .map(|n| ring.blind_index(NAME_PURPOSE, &n).to_vec())
            .chain(
                identity
                    .phones
                    .iter()
                    .filter_map(|phone| normalise_phone(phone, None))
                    .map(|p| ring.blind_index(PHONE_PURPOSE, &p).to_vec()),
            )
            .chain(
                crate::duplicates::blocking_keys(identity)
                    .iter()
                    .map(|key| {
                        ring.blind_index(crate::duplicates::block_purpose(), key)
                            .to_vec()
                    }),
            )
            .collect();
        digests.sort_unstable();
        digests.dedup();
        digests
    }

    /// Digests to look the search text up by, as a name and as a phone.
    pub fn search_digests(&self, text: &str) -> Vec<Vec<u8>> {
        let ring = self.keys.current();
        let mut digests = Vec::new();
        let name = normalise_name(text);
        if !name.is_empty() {
            digests.push(ring.blind_index(NAME_PURPOSE, &name).to_vec());
        }
        if let Some(phone) = normalise_phone(text, None) {
            digests.push(ring.blind_index(PHONE_PURPOSE, &phone).to_vec());
        }
        digests
    }

    pub fn keys(&self) -> &Keys {
        &self.keys
    }
}
