//! Free text sealed under its case's data key: stored as given, never in
//! the clear, rotated with every other data key, and erased with the key.

use lantern_domain::attachment::{Attachment, AttachmentType};
use lantern_domain::event::{CaseEvent, EventDetails};
use lantern_domain::vocab::{CaseStatus, EventKind};
use lantern_domain::{AttachmentId, EventId};

use super::{at, audited, date, details, new_case, office, sealed, CASE_KEY};
use crate::*;

async fn all_data_key_owners(store: &dyn Storage) -> Vec<uuid::Uuid> {
    let mut owners = Vec::new();
    let mut after = None;
    loop {
        let batch = store.data_keys_after(after, 50).await.expect("keys");
        let Some(last) = batch.last() else {
            return owners;
        };
        after = Some(last.owner);
        owners.extend(batch.iter().map(|k| k.owner));
    }
}

pub(super) async fn sealed_free_text(store: &dyn Storage) {
    let o = office("TXT");
    store.insert_office(&o).await.expect("office");
    let case = new_case(
        store,
        details(o.id, date(2026, 3, 1), CaseStatus::Active, &[]),
    )
    .await;
    let event = StoredEvent {
        event: CaseEvent {
            id: EventId::random(),
            case_id: case.id,
            details: EventDetails {
                occurred_on: date(2026, 3, 2),
                kind: EventKind::Note,
                title: String::new(),
                note: None,
            },
            recorded_by: None,
            recorded_at: at(2),
        },
        title: Some(sealed("Call from the shelter")),
        note: Some(sealed("She gave her sister's number")),
    };
    store.insert_event(&event, &audited()).await.expect("event");
    let file = StoredAttachment {
        attachment: Attachment {
            id: AttachmentId::random(),
            case_id: case.id,
            file_name: String::new(),
            content_type: AttachmentType::Pdf,
            size_bytes: 10,
            sha256: "1".repeat(64),
            uploaded_by: None,
            uploaded_at: at(3),
        },
        file_name: Some(sealed("statement of A.pdf")),
    };
    store
        .insert_attachment(&file, &[6; 77], &audited())
        .await
        .expect("attachment");

    // Read back exactly as sealed; nothing waits to be sealed.
    let read = store
        .case_file(case.id)
        .await
        .expect("file")
        .expect("present");
    assert_eq!(read.case.summary, Some(sealed("Referred by a shelter")));
    assert_eq!(read.case.case.details.summary, None);
    assert_eq!(read.events, vec![event.clone()]);
    assert_eq!(read.attachments, vec![file.clone()]);
    assert!(!store
        .cases_with_clear_text(100_000)
        .await
        .expect("clear")
        .contains(&case.id));
    // Sealing where nothing is clear changes nothing.
    store
        .seal_case_text(
            &CaseTextSealing {
                case: case.id,
                summary: Some(sealed("replaced")),
                events: vec![(event.event.id, sealed("replaced"), None)],
                attachments: vec![(file.attachment.id, sealed("replaced"))],
            },
            &audited(),
        )
        .await
        .expect("seal");
    assert_eq!(
        store.case_file(case.id).await.expect("file"),
        Some(read.clone())
    );

    // The case's key is one of the data keys rotation walks, and a second
    // writer's key never replaces it.
    assert!(all_data_key_owners(store)
        .await
        .contains(&case.id.as_uuid()));
    assert_eq!(
        store
            .ensure_data_key(case.id.as_uuid(), &[9; 77], at(4))
            .await
            .expect("ensure"),
        CASE_KEY.to_vec()
    );

    // Due once closed before the cut-off; erasure takes key and text.
    let mut closed = read.case.case.details.clone();
    closed.status = CaseStatus::Closed;
    store
        .update_case(
            case.id,
            &closed,
            read.case.summary.as_ref(),
            at(10),
            &audited(),
        )
        .await
        .expect("close");
    assert!(!store
        .cases_due_for_text_erasure(at(9), 100_000)
        .await
        .expect("due")
        .contains(&case.id));
    assert!(store
        .cases_due_for_text_erasure(at(20), 100_000)
        .await
        .expect("due")
        .contains(&case.id));
    store
        .erase_case_text(case.id, &audited())
        .await
        .expect("erase");
    let erased = store
        .case_file(case.id)
        .await
        .expect("file")
        .expect("present");
    assert_eq!(erased.case.data_key, None);
    assert_eq!(erased.case.summary, None);
    assert!(erased
        .events
        .iter()
        .all(|e| e.title.is_none() && e.note.is_none() && e.event.details.title.is_empty()));
    assert!(erased.attachments.iter().all(|a| a.file_name.is_none()));
    assert!(!store
        .cases_due_for_text_erasure(at(20), 100_000)
        .await
        .expect("due")
        .contains(&case.id));
    assert!(!store
        .cases_with_clear_text(100_000)
        .await
        .expect("clear")
        .contains(&case.id));
    assert!(matches!(
        store.erase_case_text(case.id, &audited()).await,
        Err(StorageError::NotFound(_))
    ));
    // The file's own key is not the case's: it stays for its own rule.
    assert_eq!(
        store
            .get_attachment(file.attachment.id)
            .await
            .expect("get")
            .map(|(_, keys)| keys),
        Some(AttachmentKeys {
            content: Some(vec![6; 77]),
            case: None,
        })
    );
    // New text after erasure gets a new key.
    assert_eq!(
        store
            .ensure_data_key(case.id.as_uuid(), &[9; 77], at(21))
            .await
            .expect("ensure"),
        vec![9; 77]
    );
}
