//! Retention: administrators set how long identities and files are kept
//! after their cases close; a daily job (and `lantern retention apply`)
//! erases what is due by destroying its data key, audited entry by entry.

use lantern_domain::retention::RetentionPolicy;
use lantern_domain::vocab::{RetainedRecord, Vocabulary};
use lantern_storage::{AuditAppend, AuditEvent, StorageError};

use crate::auth::require_recent_auth;
use crate::policy::{require, Action};
use crate::{Actor, App, AppError};

/// Records erased per storage round trip.
const BATCH: u32 = 200;

/// What one pass did (or, in a dry run, would do), per kind of record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetentionReport {
    pub dry_run: bool,
    pub identities: u64,
    pub attachments: u64,
    /// Cases whose free text (summary, timeline titles and notes, file
    /// names) was erased with their files.
    pub case_texts: u64,
    /// Establishments and vehicles of closed cases whose identifying text
    /// was erased (under whichever of the two rules erases sooner).
    pub entities: u64,
}

/// The kinds of record a retention pass erases, in the order reports list
/// them: the console and the administrators' page show the same counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Erased {
    Identities,
    Attachments,
    CaseTexts,
    Entities,
}

impl Erased {
    pub const ALL: [Erased; 4] = [
        Erased::Identities,
        Erased::Attachments,
        Erased::CaseTexts,
        Erased::Entities,
    ];

    /// A stable code, for message and element ids.
    pub fn code(self) -> &'static str {
        match self {
            Erased::Identities => "identities",
            Erased::Attachments => "attachments",
            Erased::CaseTexts => "case-texts",
            Erased::Entities => "entities",
        }
    }
}

impl RetentionReport {
    pub fn count(&self, kind: Erased) -> u64 {
        match kind {
            Erased::Identities => self.identities,
            Erased::Attachments => self.attachments,
            Erased::CaseTexts => self.case_texts,
            Erased::Entities => self.entities,
        }
    }

    /// Every kind with its count, in the order of [`Erased::ALL`].
    pub fn counts(&self) -> [(Erased, u64); 4] {
        Erased::ALL.map(|kind| (kind, self.count(kind)))
    }
}

impl App {
    pub async fn retention_policy(&self, actor: &Actor) -> Result<RetentionPolicy, AppError> {
        require(actor, Action::ManageUsers)?;
        self.current_retention_policy().await
    }

    async fn current_retention_policy(&self) -> Result<RetentionPolicy, AppError> {
        Ok(RetentionPolicy::from_rules(
            self.storage.retention_rules().await?,
        ))
    }

    /// Replaces the policy with what an administrator typed, one field per
    /// kind of record, after a recent password: a shorter period destroys
    /// data for good.
    pub async fn set_retention_policy<'a>(
        &self,
        actor: &Actor,
        fields: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<RetentionPolicy, AppError> {
        require(actor, Action::ManageUsers)?;
        require_recent_auth(actor, self.now())?;
        let policy = RetentionPolicy::parse(fields)?;
        let rules: Vec<_> = policy.rules().collect();
        let described: Vec<String> = rules
            .iter()
            .map(|(record, days)| format!("{}:{days}", record.code()))
            .collect();
        let described: Vec<&str> = described.iter().map(String::as_str).collect();
        self.storage
            .replace_retention_rules(
                &rules,
                &self.audit(
                    actor,
                    "retention.replace",
                    "retention_rules",
                    None,
                    &described,
                ),
            )
            .await?;
        Ok(policy)
    }

    /// What a pass would erase now, for the administrators' page.
    pub async fn retention_preview(&self, actor: &Actor) -> Result<RetentionReport, AppError> {
        require(actor, Action::ManageUsers)?;
        self.apply_retention(true).await
    }

    /// The audit entry of one erasure made by the policy, not by a person.
    fn retention_audit(&self, record: &str, days: u32, id: uuid::Uuid) -> AuditAppend<'_> {
        AuditAppend {
            event: AuditEvent {
                at: self.now(),
                actor: None,
                action: format!("{record}.retention-erase"),
                record_kind: record.to_owned(),
                record_id: Some(id),
                fields: vec!["data_key".to_owned()],
                reason: Some(format!("retention policy: {days} days after closure")),
                client: None,
            },
            chain: self.keys(),
        }
    }

    /// Erases every identity and file the policy says is due. With
    /// `dry_run`, counts them (up to one batch per kind) and changes nothing.
    /// Run by the server's daily job and by the console.
    pub async fn apply_retention(&self, dry_run: bool) -> Result<RetentionReport, AppError> {
        let policy = self.current_retention_policy().await?;
        let now = self.now();
        let mut report = RetentionReport {
            dry_run,
            ..RetentionReport::default()
        };
        if let (Some(cutoff), Some(days)) = (
            policy.cutoff(RetainedRecord::PersonIdentity, now),
            policy.days(RetainedRecord::PersonIdentity),
        ) {
            loop {
                let due = self.storage.people_due_for_erasure(cutoff, BATCH).await?;
                if dry_run || due.is_empty() {
                    report.identities += due.len() as u64;
                    break;
                }
                for person in due {
                    let entry = self.retention_audit(
                        RetainedRecord::PersonIdentity.code(),
                        days,
                        person.as_uuid(),
                    );
                    self.storage.erase_person_identity(person, &entry).await?;
                    report.identities += 1;
                }
            }
        }
        if let (Some(cutoff), Some(days)) = (
            policy.cutoff(RetainedRecord::Attachment, now),
            policy.days(RetainedRecord::Attachment),
        ) {
            loop {
                let due = self
                    .storage
                    .attachments_due_for_erasure(cutoff, BATCH)
                    .await?;
                if dry_run || due.is_empty() {
                    report.attachments += due.len() as u64;
                    break;
                }
                for attachment in due {
                    let entry = self.retention_audit(
                        RetainedRecord::Attachment.code(),
                        days,
                        attachment.as_uuid(),
                    );
                    match self.storage.erase_attachment_key(attachment, &entry).await {
                        // Another server's job got there first.
                        Ok(()) | Err(StorageError::NotFound(_)) => {}
                        Err(other) => return Err(other.into()),
                    }
                    // The sealed file is unreadable without its key; removing
                    // it frees the space. A file already gone is no error.
                    let _ = tokio::fs::remove_file(self.attachment_path(attachment)).await;
                    report.attachments += 1;
                }
            }
            // The case's free text goes with its files: it may name the
            // same people.
            loop {
                let due = self
                    .storage
                    .cases_due_for_text_erasure(cutoff, BATCH)
                    .await?;
                if dry_run || due.is_empty() {
                    report.case_texts += due.len() as u64;
                    break;
                }
                for case in due {
                    let mut entry = self.retention_audit("case", days, case.as_uuid());
                    entry.event.action = "case.retention-erase-text".to_owned();
                    match self.storage.erase_case_text(case, &entry).await {
                        Ok(()) | Err(StorageError::NotFound(_)) => {}
                        Err(other) => return Err(other.into()),
                    }
                    report.case_texts += 1;
                }
            }
        }
        // An establishment's name and place or a vehicle's plate identify as
        // much as a person's identity or a file: they go with whichever of
        // the two goes first.
        let entity_rule = [RetainedRecord::PersonIdentity, RetainedRecord::Attachment]
            .into_iter()
            .filter_map(|record| policy.cutoff(record, now).zip(policy.days(record)))
            .max_by_key(|(cutoff, _)| *cutoff);
        if let Some((cutoff, days)) = entity_rule {
            loop {
                let due = self.storage.entities_due_for_erasure(cutoff, BATCH).await?;
                if dry_run || due.is_empty() {
                    report.entities += due.len() as u64;
                    break;
                }
                for entity in due {
                    let entry = self.retention_audit("entity", days, entity.as_uuid());
                    match self.storage.erase_entity_identity(entity, &entry).await {
                        Ok(()) | Err(StorageError::NotFound(_)) => report.entities += 1,
                        Err(other) => return Err(other.into()),
                    }
                }
            }
        }
        if !dry_run {
            tracing::info!(
                entities = report.entities,
                identities = report.identities,
                attachments = report.attachments,
                case_texts = report.case_texts,
                "retention policy applied"
            );
        }
        Ok(report)
    }
}
