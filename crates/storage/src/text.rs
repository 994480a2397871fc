//! Free text as it rests: case summaries, timeline titles and notes, and
//! attachment file names are sealed by the application under their case's
//! data key; storage keeps the bytes and returns them unchanged.
//!
//! The domain values beside them (`Case`, `CaseEvent`, `Attachment`) carry
//! in their free-text fields only what was stored in the clear before
//! sealing existed and is not sealed yet (`lantern migrate` seals it);
//! storage never writes those fields.

use lantern_domain::attachment::Attachment;
use lantern_domain::case::Case;
use lantern_domain::event::CaseEvent;
use lantern_domain::{AttachmentId, CaseId, EventId};

/// Free text sealed by the application layer.
#[derive(Clone, PartialEq, Eq)]
pub struct SealedText(pub Vec<u8>);

impl std::fmt::Debug for SealedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SealedText({} bytes)", self.0.len())
    }
}

/// A case with its sealed summary and its wrapped data key (`None` once
/// destroyed by erasure, or for a case whose text was never sealed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCase {
    pub case: Case,
    pub summary: Option<SealedText>,
    pub data_key: Option<Vec<u8>>,
}

/// A timeline entry with its sealed title and note. `title` is `None` only
/// for an entry stored before sealing existed, or erased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    pub event: CaseEvent,
    pub title: Option<SealedText>,
    pub note: Option<SealedText>,
}

/// An attachment's metadata with its sealed file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAttachment {
    pub attachment: Attachment,
    pub file_name: Option<SealedText>,
}

/// The wrapped keys an attachment is read with: its own (the content) and
/// its case's (the file name); `None` where destroyed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentKeys {
    pub content: Option<Vec<u8>>,
    pub case: Option<Vec<u8>>,
}

/// The free text of one case that rested in the clear, now sealed, to be
/// written in place of the clear text (`Storage::seal_case_text`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseTextSealing {
    pub case: CaseId,
    pub summary: Option<SealedText>,
    /// Title and note of each entry.
    pub events: Vec<(EventId, SealedText, Option<SealedText>)>,
    pub attachments: Vec<(AttachmentId, SealedText)>,
}
