//! Sealed free text: the cases' data keys, sealing text stored in the clear
//! before sealing existed, and erasing a case's text.

use chrono::{DateTime, Utc};
use lantern_domain::vocab::{CaseStatus, Vocabulary};
use lantern_domain::CaseId;
use lantern_storage::{AuditAppend, CaseTextSealing, StorageResult};
use lantern_store_common::{classify, id};
use sqlx::SqlitePool;

use crate::audit::{append_in, BEGIN_WRITE};

pub async fn ensure_data_key(
    pool: &SqlitePool,
    owner: uuid::Uuid,
    wrapped: &[u8],
    at: DateTime<Utc>,
) -> StorageResult<Vec<u8>> {
    sqlx::query_scalar(
        "INSERT INTO data_keys (owner_id, wrapped, created_at) VALUES (?, ?, ?) \
         ON CONFLICT (owner_id) DO UPDATE SET wrapped = data_keys.wrapped RETURNING wrapped",
    )
    .bind(owner)
    .bind(wrapped)
    .bind(at)
    .fetch_one(pool)
    .await
    .map_err(|e| classify(e, "data key"))
}

/// Clear text is what sealing leaves empty: no summary, no note, an empty
/// title or file name.
pub async fn cases_with_clear_text(pool: &SqlitePool, limit: u32) -> StorageResult<Vec<CaseId>> {
    let rows: Vec<(uuid::Uuid,)> = sqlx::query_as(
        "SELECT c.id FROM cases c WHERE c.summary IS NOT NULL \
            OR EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND (e.title <> '' OR e.note IS NOT NULL)) \
            OR EXISTS (SELECT 1 FROM attachments a WHERE a.case_id = c.id AND a.file_name <> '') \
         ORDER BY c.id LIMIT ?",
    )
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "case"))?;
    Ok(rows.into_iter().map(|(uuid,)| id(uuid)).collect())
}

pub async fn seal_case_text(
    pool: &SqlitePool,
    sealing: &CaseTextSealing,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    const WHAT: &str = "case";
    let mut tx = pool
        .begin_with(BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, WHAT))?;
    if let Some(summary) = &sealing.summary {
        sqlx::query(
            "UPDATE cases SET summary_sealed = ?, summary = NULL \
             WHERE id = ? AND summary IS NOT NULL AND summary_sealed IS NULL",
        )
        .bind(summary.0.as_slice())
        .bind(sealing.case.as_uuid())
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, WHAT))?;
    }
    for (event, title, note) in &sealing.events {
        sqlx::query(
            "UPDATE case_events SET title_sealed = ?, note_sealed = ?, title = '', note = NULL \
             WHERE id = ? AND case_id = ? AND title_sealed IS NULL",
        )
        .bind(title.0.as_slice())
        .bind(note.as_ref().map(|n| n.0.as_slice()))
        .bind(event.as_uuid())
        .bind(sealing.case.as_uuid())
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, WHAT))?;
    }
    for (attachment, name) in &sealing.attachments {
        sqlx::query(
            "UPDATE attachments SET file_name_sealed = ?, file_name = '' \
             WHERE id = ? AND case_id = ? AND file_name_sealed IS NULL",
        )
        .bind(name.0.as_slice())
        .bind(attachment.as_uuid())
        .bind(sealing.case.as_uuid())
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, WHAT))?;
    }
    append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, WHAT))
}

pub async fn cases_due_for_text_erasure(
    pool: &SqlitePool,
    closed_before: DateTime<Utc>,
    limit: u32,
) -> StorageResult<Vec<CaseId>> {
    let rows: Vec<(uuid::Uuid,)> = sqlx::query_as(
        "SELECT c.id FROM cases c JOIN data_keys k ON k.owner_id = c.id \
         WHERE c.status IN (?, ?) AND c.updated_at < ? \
         ORDER BY c.id LIMIT ?",
    )
    .bind(CaseStatus::Closed.code())
    .bind(CaseStatus::ClosedReferred.code())
    .bind(closed_before)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "case"))?;
    Ok(rows.into_iter().map(|(uuid,)| id(uuid)).collect())
}

/// Destroys the key and, so that a key made later for new entries never
/// meets text it cannot open, the sealed bytes and any clear text too.
pub async fn erase_case_text(
    pool: &SqlitePool,
    case: CaseId,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    crate::governance::shred(
        pool,
        case.as_uuid(),
        "case",
        &[
            "UPDATE cases SET summary = NULL, summary_sealed = NULL WHERE id = ?",
            "UPDATE case_events SET title = '', note = NULL, title_sealed = NULL, note_sealed = NULL WHERE case_id = ?",
            "UPDATE attachments SET file_name = '', file_name_sealed = NULL WHERE case_id = ?",
        ],
        audit,
    )
    .await
}
