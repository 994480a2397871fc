//! Free text at rest: a case's summary, its timeline titles and notes and
//! its attachments' file names are sealed under the case's own data key
//! (wrapped by the master key like a person's), each bound to its table,
//! column and row. Erasure destroys the key and the text with it; key
//! rotation re-wraps it with every other data key.
//!
//! Only what a page shows is opened: lists never read free text.

use std::collections::HashSet;

use lantern_domain::attachment::Attachment;
use lantern_domain::case::Case;
use lantern_domain::event::CaseEvent;
use lantern_domain::CaseId;
use lantern_storage::{
    AuditAppend, AuditEvent, CaseTextSealing, SealedText, StoredAttachment, StoredCase, StoredEvent,
};
use lantern_vault::{open, seal, Binding, DataKey};

use crate::identity::key_binding;
use crate::keys::vault_error;
use crate::{App, AppError};

/// Cases sealed per storage round trip by `seal_clear_text`.
const BATCH: u32 = 100;

/// Where a piece of free text rests: its table and column, bound into the
/// ciphertext with the row id so it cannot be moved.
#[derive(Debug, Clone, Copy)]
pub(crate) enum TextField {
    Summary,
    Title,
    Note,
    FileName,
}

impl TextField {
    fn binding(self, row: &[u8; 16]) -> Binding<'static> {
        let (table, column) = match self {
            TextField::Summary => ("cases", "summary"),
            TextField::Title => ("case_events", "title"),
            TextField::Note => ("case_events", "note"),
            TextField::FileName => ("attachments", "file_name"),
        };
        Binding::new(table, column, *row)
    }
}

/// A case's data key, unwrapped.
pub(crate) struct CaseKey(DataKey);

impl CaseKey {
    pub(crate) fn seal(
        &self,
        field: TextField,
        row: uuid::Uuid,
        text: &str,
    ) -> Result<SealedText, AppError> {
        seal(&self.0, &field.binding(row.as_bytes()), text.as_bytes())
            .map(SealedText)
            .map_err(vault_error)
    }

    pub(crate) fn open(
        &self,
        field: TextField,
        row: uuid::Uuid,
        sealed: &SealedText,
    ) -> Result<String, AppError> {
        let plain =
            open(&self.0, &field.binding(row.as_bytes()), &sealed.0).map_err(vault_error)?;
        String::from_utf8(plain).map_err(|_| AppError::Internal("stored text is unreadable"))
    }

    fn seal_optional(
        &self,
        field: TextField,
        row: uuid::Uuid,
        text: Option<&str>,
    ) -> Result<Option<SealedText>, AppError> {
        text.map(|t| self.seal(field, row, t)).transpose()
    }

    /// Opens sealed text; without it, keeps the clear text stored before
    /// sealing existed (empty once sealed or erased).
    fn open_or(
        &self,
        field: TextField,
        row: uuid::Uuid,
        sealed: Option<&SealedText>,
        clear: Option<String>,
    ) -> Result<Option<String>, AppError> {
        match sealed {
            Some(sealed) => self.open(field, row, sealed).map(Some),
            None => Ok(clear),
        }
    }
}

impl App {
    /// A fresh data key for a case, and its wrapped form for storage.
    pub(crate) fn new_case_key(&self, case: CaseId) -> Result<(CaseKey, Vec<u8>), AppError> {
        let key = DataKey::generate();
        let row = *case.as_uuid().as_bytes();
        let wrapped = self
            .keys()
            .with_ring(|ring| ring.wrap(&key, &key_binding(&row)))?;
        Ok((CaseKey(key), wrapped.into_bytes()))
    }

    pub(crate) fn unwrap_case_key(
        &self,
        case: CaseId,
        wrapped: &[u8],
    ) -> Result<CaseKey, AppError> {
        let row = *case.as_uuid().as_bytes();
        self.keys()
            .with_ring(|ring| ring.unwrap_key(wrapped, &key_binding(&row)))
            .map(CaseKey)
    }

    /// The key to seal new text of a case under: its stored one, or a new
    /// one stored now when it has none (written before sealing existed, or
    /// its text was erased).
    pub(crate) async fn case_key_for_writing(
        &self,
        case: CaseId,
        stored: Option<&[u8]>,
    ) -> Result<CaseKey, AppError> {
        if let Some(wrapped) = stored {
            return self.unwrap_case_key(case, wrapped);
        }
        let (_, wrapped) = self.new_case_key(case)?;
        let kept = self
            .storage
            .ensure_data_key(case.as_uuid(), &wrapped, self.now())
            .await?;
        self.unwrap_case_key(case, &kept)
    }

    /// The key to open a case's text with; `None` when it has none.
    pub(crate) fn case_key_for_reading(
        &self,
        stored: &StoredCase,
    ) -> Result<Option<CaseKey>, AppError> {
        stored
            .data_key
            .as_deref()
            .map(|wrapped| self.unwrap_case_key(stored.case.id, wrapped))
            .transpose()
    }

    /// The case with its summary opened when `with_summary`, else none.
    pub(crate) fn open_case(
        &self,
        stored: StoredCase,
        key: Option<&CaseKey>,
        with_summary: bool,
    ) -> Result<Case, AppError> {
        let mut case = stored.case;
        let clear = case.details.summary.take();
        if with_summary {
            case.details.summary = match key {
                Some(key) => key.open_or(
                    TextField::Summary,
                    case.id.as_uuid(),
                    stored.summary.as_ref(),
                    clear,
                )?,
                None => clear,
            };
        }
        Ok(case)
    }

    /// A timeline entry with its title opened, and its note when
    /// `with_note`.
    pub(crate) fn open_event(
        &self,
        stored: StoredEvent,
        key: Option<&CaseKey>,
        with_note: bool,
    ) -> Result<CaseEvent, AppError> {
        let mut event = stored.event;
        let row = event.id.as_uuid();
        let clear_note = event.details.note.take();
        if let Some(key) = key {
            let clear_title = std::mem::take(&mut event.details.title);
            event.details.title = key
                .open_or(
                    TextField::Title,
                    row,
                    stored.title.as_ref(),
                    Some(clear_title),
                )?
                .unwrap_or_default();
            if with_note {
                event.details.note =
                    key.open_or(TextField::Note, row, stored.note.as_ref(), clear_note)?;
            }
        } else if with_note {
            event.details.note = clear_note;
        }
        Ok(event)
    }

    /// An attachment with its file name opened.
    pub(crate) fn open_attachment(
        &self,
        stored: StoredAttachment,
        key: Option<&CaseKey>,
    ) -> Result<Attachment, AppError> {
        let mut attachment = stored.attachment;
        if let Some(key) = key {
            let clear = std::mem::take(&mut attachment.file_name);
            attachment.file_name = key
                .open_or(
                    TextField::FileName,
                    attachment.id.as_uuid(),
                    stored.file_name.as_ref(),
                    Some(clear),
                )?
                .unwrap_or_default();
        }
        Ok(attachment)
    }

    /// An entry's title and note sealed for storage.
    pub(crate) fn seal_event(
        &self,
        key: &CaseKey,
        event: &CaseEvent,
    ) -> Result<StoredEvent, AppError> {
        let row = event.id.as_uuid();
        // Storage never writes the clear fields; they do not even reach it.
        let mut without_text = event.clone();
        without_text.details.title.clear();
        without_text.details.note = None;
        Ok(StoredEvent {
            title: Some(key.seal(TextField::Title, row, &event.details.title)?),
            note: key.seal_optional(TextField::Note, row, event.details.note.as_deref())?,
            event: without_text,
        })
    }

    /// Seals the free text that was stored in the clear before sealing
    /// existed, case by case, each case in one transaction with its audit
    /// entry. Idempotent: a second run finds nothing. Run by `lantern
    /// migrate` and when `lantern serve` starts. Returns the cases sealed.
    pub async fn seal_clear_text(&self) -> Result<u64, AppError> {
        let mut sealed = 0;
        let mut seen = HashSet::new();
        loop {
            let batch = self.storage.cases_with_clear_text(BATCH).await?;
            if batch.is_empty() {
                return Ok(sealed);
            }
            for case in batch {
                // A case found again after its sealing means the write did
                // not take: stop rather than loop for ever.
                if !seen.insert(case) {
                    return Err(AppError::Internal("free text remained in the clear"));
                }
                self.seal_case_clear_text(case).await?;
                sealed += 1;
            }
        }
    }

    async fn seal_case_clear_text(&self, case: CaseId) -> Result<(), AppError> {
        let Some(file) = self.storage.case_file(case).await? else {
            return Ok(());
        };
        let key = self
            .case_key_for_writing(case, file.case.data_key.as_deref())
            .await?;
        let summary = match (&file.case.summary, &file.case.case.details.summary) {
            (None, Some(clear)) => Some(key.seal(TextField::Summary, case.as_uuid(), clear)?),
            _ => None,
        };
        let mut events = Vec::new();
        for stored in &file.events {
            if stored.title.is_none() {
                let details = &stored.event.details;
                let row = stored.event.id.as_uuid();
                events.push((
                    stored.event.id,
                    key.seal(TextField::Title, row, &details.title)?,
                    key.seal_optional(TextField::Note, row, details.note.as_deref())?,
                ));
            }
        }
        let mut attachments = Vec::new();
        for stored in &file.attachments {
            if stored.file_name.is_none() {
                let attachment = &stored.attachment;
                attachments.push((
                    attachment.id,
                    key.seal(
                        TextField::FileName,
                        attachment.id.as_uuid(),
                        &attachment.file_name,
                    )?,
                ));
            }
        }
        let entry = AuditAppend {
            event: AuditEvent {
                at: self.now(),
                actor: None,
                action: "case.seal-text".to_owned(),
                record_kind: "case".to_owned(),
                record_id: Some(case.as_uuid()),
                fields: ["summary", "titles", "notes", "file_names"]
                    .map(str::to_owned)
                    .to_vec(),
                reason: Some("free text sealed at rest".to_owned()),
                client: None,
            },
            chain: self.keys(),
        };
        self.storage
            .seal_case_text(
                &CaseTextSealing {
                    case,
                    summary,
                    events,
                    attachments,
                },
                &entry,
            )
            .await?;
        Ok(())
    }
}
