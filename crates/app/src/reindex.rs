//! Recomputing every blind-index digest from the opened records: people's
//! (exact search, places, duplicate blocking keys), then establishments'
//! and vehicles' (names, plates, places, which link cases in the network
//! view). Needed when the blocking rules change version or after a new
//! blind-index key, since digests are otherwise written only when a record
//! is.
//!
//! People, then entities, are taken in id order, a batch at a time; each
//! batch's digests are replaced in one transaction. Running it again, or
//! again from where an interrupted run stopped, gives the same digests.

use lantern_domain::entity::EntityId;
use lantern_domain::PersonId;
use lantern_storage::{AuditAppend, AuditEvent};

use crate::{App, AppError};

/// Records opened and rewritten per transaction.
pub const REINDEX_BATCH: u32 = 200;

/// The last record a reindex finished: people come first, then entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReindexCursor {
    Person(PersonId),
    Entity(EntityId),
}

/// How far a reindex has come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReindexProgress {
    /// People whose digests were rewritten.
    pub people: u64,
    /// Identities opened in memory to compute them (erased ones have none).
    pub opened: u64,
    /// Establishments and vehicles whose digests were rewritten.
    pub entities: u64,
    /// Of those, how many were opened (erased ones cannot be).
    pub entities_opened: u64,
    /// The last record done: a run started after it resumes there.
    pub last: Option<ReindexCursor>,
}

/// What one batch did.
struct Batch {
    rewritten: u64,
    opened: u64,
    last: ReindexCursor,
}

impl App {
    /// Rewrites the digests of every person after `after` (all with
    /// `None`), then of every establishment and vehicle (after `after` when
    /// it names one, skipping people), calling `progress` after each
    /// committed batch. Records one audit entry with the counts, naming no
    /// one.
    pub async fn reindex(
        &self,
        after: Option<ReindexCursor>,
        mut progress: impl FnMut(&ReindexProgress),
    ) -> Result<ReindexProgress, AppError> {
        let mut done = ReindexProgress {
            last: after,
            ..ReindexProgress::default()
        };
        let outcome = self.reindex_batches(&mut done, &mut progress).await;
        if done.people + done.entities > 0 {
            // Recorded even when a batch failed: what was opened was opened.
            self.storage
                .append_audit(&self.system_audit(
                    "keys.reindex",
                    "lookups",
                    &["person_lookup", "entity_lookup"],
                    format!(
                        "opened {} identities, rewrote the digests of {} people; \
                         opened {} establishments or vehicles, rewrote the digests of {}",
                        done.opened, done.people, done.entities_opened, done.entities
                    ),
                ))
                .await?;
        }
        outcome.map(|()| done)
    }

    async fn reindex_batches(
        &self,
        done: &mut ReindexProgress,
        progress: &mut impl FnMut(&ReindexProgress),
    ) -> Result<(), AppError> {
        loop {
            let batch = match done.last {
                None => self.reindex_people_batch(None).await?,
                Some(ReindexCursor::Person(after)) => {
                    self.reindex_people_batch(Some(after)).await?
                }
                Some(ReindexCursor::Entity(after)) => {
                    self.reindex_entity_batch(Some(after)).await?
                }
            };
            // People done: entities from the first.
            let batch = match (batch, done.last) {
                (None, None | Some(ReindexCursor::Person(_))) => {
                    self.reindex_entity_batch(None).await?
                }
                (batch, _) => batch,
            };
            let Some(batch) = batch else {
                return Ok(());
            };
            match batch.last {
                ReindexCursor::Person(_) => {
                    done.people += batch.rewritten;
                    done.opened += batch.opened;
                }
                ReindexCursor::Entity(_) => {
                    done.entities += batch.rewritten;
                    done.entities_opened += batch.opened;
                }
            }
            done.last = Some(batch.last);
            progress(done);
        }
    }

    /// The next batch of people after `after`; `None` when none is left.
    async fn reindex_people_batch(
        &self,
        after: Option<PersonId>,
    ) -> Result<Option<Batch>, AppError> {
        let batch = self.storage.people_after(after, REINDEX_BATCH).await?;
        let Some(last) = batch.last().map(|p| p.id) else {
            return Ok(None);
        };
        let mut lookups = Vec::with_capacity(batch.len());
        let mut opened = 0;
        for person in &batch {
            // An erased identity has no digests; replacing them with
            // none removes any left behind.
            let digests =
                match self
                    .identity
                    .open(person.id, &person.identity, person.data_key.as_deref())?
                {
                    Some(identity) => {
                        opened += 1;
                        self.identity.lookups(&identity)
                    }
                    None => Vec::new(),
                };
            lookups.push((person.id, digests));
        }
        self.storage.replace_person_lookups(&lookups).await?;
        Ok(Some(Batch {
            rewritten: lookups.len() as u64,
            opened,
            last: ReindexCursor::Person(last),
        }))
    }

    /// The next batch of establishments and vehicles after `after`.
    async fn reindex_entity_batch(
        &self,
        after: Option<EntityId>,
    ) -> Result<Option<Batch>, AppError> {
        let batch = self.storage.entities_after(after, REINDEX_BATCH).await?;
        let Some(last) = batch.last().map(|e| e.id) else {
            return Ok(None);
        };
        let mut lookups = Vec::with_capacity(batch.len());
        let mut opened = 0;
        for stored in batch {
            let entity = self.open_entity(stored)?;
            // As for people: an erased entity keeps no digest.
            let digests = match &entity.identity {
                Some(identity) => {
                    opened += 1;
                    self.identity.entity_lookups(entity.kind, identity)
                }
                None => Vec::new(),
            };
            lookups.push((entity.id, digests));
        }
        self.storage.replace_entity_lookups(&lookups).await?;
        Ok(Some(Batch {
            rewritten: lookups.len() as u64,
            opened,
            last: ReindexCursor::Entity(last),
        }))
    }

    /// An entry for work done by the system itself (a scan, a reindex),
    /// not by a user.
    pub(crate) fn system_audit(
        &self,
        action: &str,
        record_kind: &str,
        fields: &[&str],
        reason: String,
    ) -> AuditAppend<'_> {
        AuditAppend {
            event: AuditEvent {
                at: self.now(),
                actor: None,
                action: action.to_owned(),
                record_kind: record_kind.to_owned(),
                record_id: None,
                fields: fields.iter().map(|f| (*f).to_owned()).collect(),
                reason: Some(reason),
                client: None,
            },
            chain: self.keys(),
        }
    }
}
