//! How a person's identifying half rests on disk: encrypted under a data
//! key of its own, which is wrapped by the master key; plus keyed blind
//! indexes of names and phone numbers for exact search, and of blocking
//! keys for finding possible duplicates.
//!
//! This is the one place that reads or writes `PersonIdentity` bytes.

use lantern_domain::entity::{plate_key, EntityIdentity};
use lantern_domain::person::PersonIdentity;
use lantern_domain::vocab::EntityKind;
use lantern_domain::{PersonId, Sensitive};
use lantern_storage::SealedIdentity;
use lantern_vault::{normalise_name, normalise_phone, open, seal, Binding, DataKey};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::keys::{vault_error, Keys};
use crate::AppError;

const NAME_PURPOSE: &str = "person-name";
const PHONE_PURPOSE: &str = "person-phone";
/// One purpose for every address, a person's or an establishment's, so the
/// same place links them.
const PLACE_PURPOSE: &str = "place";
const ESTABLISHMENT_PURPOSE: &str = "establishment-name";
const PLATE_PURPOSE: &str = "vehicle-plate";
/// The column sealed identifying text rests in, in `persons` and
/// `case_entities` alike.
const SEALED_COLUMN: &str = "identity";

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

    /// Seals a new record's identifying text under a fresh data key bound
    /// to the row.
    pub(crate) fn seal_record<T: Serialize>(
        &self,
        table: &str,
        row: [u8; 16],
        value: &T,
    ) -> Result<SealedNew, AppError> {
        let key = DataKey::generate();
        let wrapped = self
            .keys
            .with_ring(|ring| ring.wrap(&key, &key_binding(&row)))?;
        let plain =
            serde_json::to_vec(value).map_err(|_| AppError::Internal("identity encoding"))?;
        let sealed =
            seal(&key, &Binding::new(table, SEALED_COLUMN, row), &plain).map_err(vault_error)?;
        Ok(SealedNew {
            identity: SealedIdentity(sealed),
            data_key: wrapped.into_bytes(),
        })
    }

    /// Opens a record's identifying text; `None` when its data key was
    /// destroyed.
    pub(crate) fn open_record<T: DeserializeOwned>(
        &self,
        table: &str,
        row: [u8; 16],
        sealed: &SealedIdentity,
        data_key: Option<&[u8]>,
    ) -> Result<Option<T>, AppError> {
        let Some(data_key) = data_key else {
            return Ok(None);
        };
        let key = self
            .keys
            .with_ring(|ring| ring.unwrap_key(data_key, &key_binding(&row)))?;
        let plain =
            open(&key, &Binding::new(table, SEALED_COLUMN, row), &sealed.0).map_err(vault_error)?;
        serde_json::from_slice(&plain)
            .map(Some)
            .map_err(|_| AppError::Internal("stored identity is unreadable"))
    }

    /// Seals a new person's identity under a fresh data key.
    pub fn seal_new(
        &self,
        person: PersonId,
        identity: &Sensitive<PersonIdentity>,
    ) -> Result<SealedNew, AppError> {
        self.seal_record("persons", identity_binding(person), identity.expose())
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
        let plain = serde_json::to_vec(identity.expose())
            .map_err(|_| AppError::Internal("identity encoding"))?;
        seal(&key, &Binding::new("persons", SEALED_COLUMN, row), &plain)
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
        Ok(self
            .open_record("persons", identity_binding(person), sealed, data_key)?
            .map(Sensitive::new))
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
                identity
                    .addresses
                    .iter()
                    .filter_map(|address| self.place_digest(address)),
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

    /// The digest a phone number is indexed by; `None` when it is not a
    /// phone number.
    pub fn phone_digest(&self, phone: &str) -> Option<Vec<u8>> {
        normalise_phone(phone, None)
            .map(|p| self.keys.current().blind_index(PHONE_PURPOSE, &p).to_vec())
    }

    /// The digest an address or place is indexed by, for people and
    /// establishments alike.
    pub fn place_digest(&self, place: &str) -> Option<Vec<u8>> {
        let place = normalise_name(place);
        (!place.is_empty()).then(|| {
            self.keys
                .current()
                .blind_index(PLACE_PURPOSE, &place)
                .to_vec()
        })
    }

    /// The digest that tells an establishment (by name) or a vehicle (by
    /// plate) apart from others of its kind.
    pub fn entity_digest(&self, kind: EntityKind, identity: &EntityIdentity) -> Option<Vec<u8>> {
        let (purpose, key) = match kind {
            EntityKind::Establishment => (ESTABLISHMENT_PURPOSE, normalise_name(&identity.name)),
            EntityKind::Vehicle => (PLATE_PURPOSE, plate_key(&identity.name)),
        };
        (!key.is_empty()).then(|| self.keys.current().blind_index(purpose, &key).to_vec())
    }

    /// Every digest an entity is indexed by: its name or plate, and its
    /// place.
    pub fn entity_lookups(
        &self,
        kind: EntityKind,
        identity: &Sensitive<EntityIdentity>,
    ) -> Vec<Vec<u8>> {
        let identity = identity.expose();
        let mut digests: Vec<Vec<u8>> = self
            .entity_digest(kind, identity)
            .into_iter()
            .chain(identity.place.as_deref().and_then(|p| self.place_digest(p)))
            .collect();
        digests.sort_unstable();
        digests.dedup();
        digests
    }

    pub fn keys(&self) -> &Keys {
        &self.keys
    }
}
