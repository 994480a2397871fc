//! Establishments and vehicles recorded in cases: adding, listing, editing
//! and removing them.
//! Their identifying text is sealed like a person's identity; blind-index
//! digests of their normalised names, plates and places find the same
//! establishment or vehicle in other cases.

use lantern_domain::entity::{CaseEntity, EntityId, EntityInput};
use lantern_domain::vocab::{EntityKind, Vocabulary};
use lantern_domain::CaseId;
use lantern_storage::{StorageError, StoredEntity};

use crate::policy::Sight;
use crate::{Actor, App, AppError};

/// The fields an entity form writes, as the audit log names them.
pub(crate) const ENTITY_FIELDS: [&str; 5] =
    ["kind", "establishment_kind", "name", "place", "description"];

/// A case's establishments and vehicles as the actor may see them.
#[derive(Debug, Clone)]
pub struct CaseEntities {
    /// The actor sees the case in full: names, plates and places are open.
    /// Below full sight every `identity` is `None` and only kinds remain.
    pub full: bool,
    pub entities: Vec<CaseEntity>,
}

impl CaseEntities {
    /// How many of each kind, for those who may not see more.
    pub fn count(&self, kind: EntityKind) -> usize {
        self.entities.iter().filter(|e| e.kind == kind).count()
    }
}

fn entity_row(id: EntityId) -> [u8; 16] {
    *id.as_uuid().as_bytes()
}

impl App {
    /// A stored entity with its identifying text opened.
    pub(crate) fn open_entity(&self, stored: StoredEntity) -> Result<CaseEntity, AppError> {
        let identity = self
            .identity
            .open_record(
                "case_entities",
                entity_row(stored.id),
                &stored.identity,
                stored.data_key.as_deref(),
            )?
            .map(lantern_domain::Sensitive::new);
        Ok(CaseEntity {
            id: stored.id,
            case_id: stored.case_id,
            kind: stored.kind,
            establishment_kind: stored.establishment_kind,
            identity,
            created_by: stored.created_by,
            created_at: stored.created_at,
        })
    }

    /// Seals a checked entity for a case, with its digests.
    pub(crate) fn seal_entity(
        &self,
        id: EntityId,
        case_id: CaseId,
        draft: &lantern_domain::entity::EntityDraft,
        created_by: Option<lantern_domain::UserId>,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<StoredEntity, AppError> {
        let sealed =
            self.identity
                .seal_record("case_entities", entity_row(id), draft.identity.expose())?;
        Ok(StoredEntity {
            id,
            case_id,
            kind: draft.kind,
            establishment_kind: draft.establishment_kind,
            identity: sealed.identity,
            data_key: Some(sealed.data_key),
            lookups: self.identity.entity_lookups(draft.kind, &draft.identity),
            created_by,
            created_at: at,
        })
    }

    /// Records an establishment or vehicle in a case (full sight only).
    pub async fn add_case_entity(
        &self,
        actor: &Actor,
        case_id: CaseId,
        input: &EntityInput,
    ) -> Result<EntityId, AppError> {
        self.require_full_sight(actor, case_id).await?;
        let draft = input.validate()?;
        let stored = self.seal_entity(
            EntityId::random(),
            case_id,
            &draft,
            Some(actor.id()),
            self.now(),
        )?;
        let id = stored.id;
        self.storage
            .insert_case_entity(
                &stored,
                &self.audit(
                    actor,
                    "entity.create",
                    draft.kind.code(),
                    Some(id.as_uuid()),
                    &ENTITY_FIELDS,
                ),
            )
            .await
            .map_err(|e| match e {
                StorageError::MissingReference(_) => AppError::NotFound("case"),
                other => other.into(),
            })?;
        tracing::info!(entity = %id, case = %case_id, actor = %actor.id(), "entity added to case");
        Ok(id)
    }

    /// A case's establishments and vehicles: in full for full sight (the
    /// read is audited), by kind only below it.
    pub async fn case_entities(
        &self,
        actor: &Actor,
        case_id: CaseId,
    ) -> Result<CaseEntities, AppError> {
        let full = self.case_sight(actor, case_id).await? == Sight::Full;
        let stored = self.storage.case_entities(case_id).await?;
        let entities = if full {
            if !stored.is_empty() {
                self.audit_read(
                    actor,
                    "entity.view",
                    "case",
                    case_id.as_uuid(),
                    &ENTITY_FIELDS,
                )
                .await?;
            }
            stored
                .into_iter()
                .map(|s| self.open_entity(s))
                .collect::<Result<Vec<_>, _>>()?
        } else {
            stored
                .into_iter()
                .map(|s| CaseEntity {
                    id: s.id,
                    case_id: s.case_id,
                    kind: s.kind,
                    establishment_kind: s.establishment_kind,
                    identity: None,
                    created_by: None,
                    created_at: s.created_at,
                })
                .collect()
        };
        Ok(CaseEntities { full, entities })
    }

    /// An entity of the case, if the actor may edit the case in full; an
    /// entity of another case is missing.
    async fn editable_entity(
        &self,
        actor: &Actor,
        case_id: CaseId,
        id: EntityId,
    ) -> Result<StoredEntity, AppError> {
        self.require_full_sight(actor, case_id).await?;
        self.storage
            .get_case_entity(id)
            .await?
            .filter(|stored| stored.case_id == case_id)
            .ok_or(AppError::NotFound("entity"))
    }

    /// One entity opened for its edit form; the read is audited.
    pub async fn case_entity_for_edit(
        &self,
        actor: &Actor,
        case_id: CaseId,
        id: EntityId,
    ) -> Result<CaseEntity, AppError> {
        let stored = self.editable_entity(actor, case_id, id).await?;
        self.audit_read(
            actor,
            "entity.view",
            stored.kind.code(),
            id.as_uuid(),
            &ENTITY_FIELDS,
        )
        .await?;
        self.open_entity(stored)
    }

    /// Replaces what identifies an establishment or vehicle, sealed under a
    /// fresh data key, and its digests. Its kind cannot change: a vehicle
    /// recorded as an establishment is removed and added again.
    pub async fn update_case_entity(
        &self,
        actor: &Actor,
        case_id: CaseId,
        id: EntityId,
        input: &EntityInput,
    ) -> Result<(), AppError> {
        let stored = self.editable_entity(actor, case_id, id).await?;
        let draft = input.validate()?;
        if draft.kind != stored.kind {
            return Err(AppError::Invalid(lantern_domain::ValidationErrors::single(
                "kind",
                lantern_domain::validation::Problem::UnknownValue,
            )));
        }
        let updated =
            self.seal_entity(id, case_id, &draft, stored.created_by, stored.created_at)?;
        self.storage
            .update_case_entity(
                &updated,
                &self.audit(
                    actor,
                    "entity.update",
                    draft.kind.code(),
                    Some(id.as_uuid()),
                    &ENTITY_FIELDS,
                ),
            )
            .await?;
        tracing::info!(entity = %id, case = %case_id, actor = %actor.id(), "entity updated");
        Ok(())
    }

    /// Removes an establishment or vehicle from its case, with its key and
    /// digests: it no longer links the case to others.
    pub async fn remove_case_entity(
        &self,
        actor: &Actor,
        case_id: CaseId,
        id: EntityId,
    ) -> Result<(), AppError> {
        let stored = self.editable_entity(actor, case_id, id).await?;
        self.storage
            .delete_case_entity(
                id,
                &self.audit(
                    actor,
                    "entity.delete",
                    stored.kind.code(),
                    Some(id.as_uuid()),
                    &ENTITY_FIELDS,
                ),
            )
            .await?;
        tracing::info!(entity = %id, case = %case_id, actor = %actor.id(), "entity removed");
        Ok(())
    }
}
