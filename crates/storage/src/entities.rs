//! Establishments and vehicles of cases as storage keeps them.

use chrono::{DateTime, Utc};
use lantern_domain::entity::EntityId;
use lantern_domain::vocab::{EntityKind, EstablishmentKind};
use lantern_domain::{CaseId, UserId};

use crate::SealedIdentity;

/// An establishment or vehicle of one case, its identifying text sealed by
/// the application (the same opaque form as a person's identity).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntity {
    pub id: EntityId,
    pub case_id: CaseId,
    pub kind: EntityKind,
    pub establishment_kind: Option<EstablishmentKind>,
    pub identity: SealedIdentity,
    /// Its data key, wrapped by a master key; `None` once destroyed.
    pub data_key: Option<Vec<u8>>,
    /// Blind-index digests of its normalised name or plate and place.
    /// Written with the entity; not read back.
    pub lookups: Vec<Vec<u8>>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
}
