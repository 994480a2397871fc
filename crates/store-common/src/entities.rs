//! Rows of establishments and vehicles.

use chrono::{DateTime, Utc};
use lantern_storage::{SealedIdentity, StorageResult, StoredEntity};
use uuid::Uuid;

use crate::{decode, id};

#[derive(sqlx::FromRow)]
pub struct EntityRow {
    pub id: Uuid,
    pub case_id: Uuid,
    pub kind: String,
    pub establishment_kind: Option<String>,
    pub identity: Vec<u8>,
    pub data_key: Option<Vec<u8>>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// The columns of `EntityRow` for a query over `case_entities e`
/// left-joined with `data_keys k ON k.owner_id = e.id`.
pub const ENTITY_COLUMNS: &str = "e.id, e.case_id, e.kind, e.establishment_kind, e.identity, \
     k.wrapped AS data_key, e.created_by, e.created_at";

impl EntityRow {
    pub fn into_entity(self) -> StorageResult<StoredEntity> {
        Ok(StoredEntity {
            id: id(self.id),
            case_id: id(self.case_id),
            kind: decode(&self.kind, "entity")?,
            establishment_kind: self
                .establishment_kind
                .as_deref()
                .map(|code| decode(code, "entity"))
                .transpose()?,
            identity: SealedIdentity(self.identity),
            data_key: self.data_key,
            lookups: Vec::new(),
            created_by: self.created_by.map(id),
            created_at: self.created_at,
        })
    }
}

/// An entity row with the digest it was found by.
#[derive(sqlx::FromRow)]
pub struct MatchedEntityRow {
    pub matched: Vec<u8>,
    #[sqlx(flatten)]
    pub entity: EntityRow,
}
