//! Recomputing every person's blind-index digests (exact search, places,
//! duplicate blocking keys) from their opened identity: needed when the
//! blocking rules change version or after a new blind-index key, since
//! digests are otherwise written only when a person is.
//!
//! People are taken in id order, a batch at a time; each batch's digests
//! are replaced in one transaction. Running it again, or again from where
//! an interrupted run stopped, gives the same digests.

use lantern_domain::PersonId;
use lantern_storage::{AuditAppend, AuditEvent};

use crate::{App, AppError};

/// People opened and rewritten per transaction.
pub const REINDEX_BATCH: u32 = 200;

/// How far a reindex has come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReindexProgress {
    /// People whose digests were rewritten.
    pub people: u64,
    /// Identities opened in memory to compute them (erased ones have none).
    pub opened: u64,
    /// The last person done: a run started after it resumes there.
    pub last: Option<PersonId>,
}

impl App {
    /// Rewrites the digests of every person after `after` (all with
    /// `None`), calling `progress` after each committed batch. Records one
    /// audit entry saying how many identities were opened, naming no one.
    pub async fn reindex_people(
        &self,
        after: Option<PersonId>,
        mut progress: impl FnMut(&ReindexProgress),
    ) -> Result<ReindexProgress, AppError> {
        let mut done = ReindexProgress {
            last: after,
            ..ReindexProgress::default()
        };
        let outcome = self.reindex_batches(&mut done, &mut progress).await;
        if done.people > 0 {
            // Recorded even when a batch failed: what was opened was opened.
            self.storage
                .append_audit(&self.system_audit(
                    "keys.reindex",
                    "person",
                    &["lookups"],
                    format!(
                        "opened {} identities, rewrote the digests of {} people",
                        done.opened, done.people
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
            let batch = self.storage.people_after(done.last, REINDEX_BATCH).await?;
            let Some(last) = batch.last().map(|p| p.id) else {
                return Ok(());
            };
            let mut lookups = Vec::with_capacity(batch.len());
            let mut opened = 0;
            for person in &batch {
                // An erased identity has no digests; replacing them with
                // none removes any left behind.
                let digests = match self.identity.open(
                    person.id,
                    &person.identity,
                    person.data_key.as_deref(),
                )? {
                    Some(identity) => {
                        opened += 1;
                        self.identity.lookups(&identity)
                    }
                    None => Vec::new(),
                };
                lookups.push((person.id, digests));
            }
            self.storage.replace_person_lookups(&lookups).await?;
            done.people += lookups.len() as u64;
            done.opened += opened;
            done.last = Some(last);
            progress(done);
        }
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
