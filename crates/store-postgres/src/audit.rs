//! The audit log: appended inside the transaction of the change it records.

use lantern_storage::{
    AuditAppend, AuditCheckpoint, AuditEntry, AuditEvent, AuditFilter, StorageError, StorageResult,
};
use lantern_store_common::{classify, id, link_after, AUDIT_ROWS_PER_INSERT};
use sqlx::{PgConnection, PgPool, Postgres, QueryBuilder};

/// Write transactions are ordinary ones; appends serialise on an advisory
/// lock instead (see `append_in`), across every server of the installation.
pub(crate) const BEGIN_WRITE: &str = "BEGIN";

/// The advisory-lock key that serialises audit appends.
const AUDIT_LOCK: i64 = 0x4c41_4e54_4155_4449;

/// Appends the entry of a write that records one only sometimes (a
/// session ended by its user but not one that expired); the caller owns
/// the (write) transaction.
pub(crate) async fn append_if_any(
    conn: &mut PgConnection,
    audit: Option<&AuditAppend<'_>>,
) -> StorageResult<()> {
    if let Some(audit) = audit {
        append_in(conn, audit).await?;
    }
    Ok(())
}

/// Appends one entry linked to the current head; the caller owns the
/// (write) transaction.
pub(crate) async fn append_in(
    conn: &mut PgConnection,
    audit: &AuditAppend<'_>,
) -> StorageResult<i64> {
    let seqs = append_all_in(conn, std::slice::from_ref(audit)).await?;
    seqs.first()
        .copied()
        .ok_or(StorageError::Corrupt("audit entry"))
}

/// Appends entries in order, each linked to the one before, the first to
/// the current head; the caller owns the (write) transaction.
pub(crate) async fn append_all_in(
    conn: &mut PgConnection,
    entries: &[AuditAppend<'_>],
) -> StorageResult<Vec<i64>> {
    // Held until the transaction ends: no two appends read the same head.
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(AUDIT_LOCK)
        .execute(&mut *conn)
        .await
        .map_err(|e| classify(e, "audit entry"))?;
    let head: Option<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT seq, link FROM audit_log ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await
            .map_err(|e| classify(e, "audit entry"))?;
    let linked = link_after(head, entries)?;
    for rows in linked.chunks(AUDIT_ROWS_PER_INSERT) {
        let mut insert = QueryBuilder::<Postgres>::new(
            "INSERT INTO audit_log (seq, at, actor_id, action, record_kind, record_id, fields, reason, client, link) ",
        );
        insert.push_values(rows, |mut row, entry| {
            let event = &entry.append.event;
            row.push_bind(entry.seq)
                .push_bind(event.at)
                .push_bind(event.actor.map(|a| a.as_uuid()))
                .push_bind(&event.action)
                .push_bind(&event.record_kind)
                .push_bind(event.record_id)
                .push_bind(serde_json::to_string(&event.fields).unwrap_or_default())
                .push_bind(&event.reason)
                .push_bind(&event.client)
                .push_bind(entry.link.to_vec());
        });
        insert
            .build()
            .execute(&mut *conn)
            .await
            .map_err(|e| classify(e, "audit entry"))?;
    }
    for entry in &linked {
        if let Some(signature) = entry.checkpoint {
            sqlx::query(
                "INSERT INTO audit_checkpoints (seq, head, signature, at) VALUES ($1, $2, $3, $4)",
            )
            .bind(entry.seq)
            .bind(entry.link.as_slice())
            .bind(signature.as_slice())
            .bind(entry.append.event.at)
            .execute(&mut *conn)
            .await
            .map_err(|e| classify(e, "audit checkpoint"))?;
        }
    }
    Ok(linked.iter().map(|entry| entry.seq).collect())
}

/// Appends entries in one write transaction: all of them or none.
pub async fn append_all(pool: &PgPool, entries: &[AuditAppend<'_>]) -> StorageResult<Vec<i64>> {
    let mut tx = pool
        .begin_with(BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "audit entry"))?;
    let seqs = append_all_in(&mut tx, entries).await?;
    tx.commit().await.map_err(|e| classify(e, "audit entry"))?;
    Ok(seqs)
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    seq: i64,
    at: chrono::DateTime<chrono::Utc>,
    actor_id: Option<uuid::Uuid>,
    action: String,
    record_kind: String,
    record_id: Option<uuid::Uuid>,
    fields: String,
    reason: Option<String>,
    client: Option<String>,
    link: Vec<u8>,
}

impl AuditRow {
    fn into_entry(self) -> StorageResult<AuditEntry> {
        Ok(AuditEntry {
            seq: self.seq,
            event: AuditEvent {
                at: self.at,
                actor: self.actor_id.map(id),
                action: self.action,
                record_kind: self.record_kind,
                record_id: self.record_id,
                fields: serde_json::from_str(&self.fields)
                    .map_err(|_| StorageError::Corrupt("audit entry"))?,
                reason: self.reason,
                client: self.client,
            },
            link: self.link,
        })
    }
}

const COLUMNS: &str =
    "seq, at, actor_id, action, record_kind, record_id, fields, reason, client, link";

pub async fn entries(pool: &PgPool, after: i64, limit: u32) -> StorageResult<Vec<AuditEntry>> {
    sqlx::query_as::<_, AuditRow>(&format!(
        "SELECT {COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2"
    ))
    .bind(after)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "audit entry"))?
    .into_iter()
    .map(AuditRow::into_entry)
    .collect()
}

#[derive(sqlx::FromRow)]
struct CheckpointRow {
    seq: i64,
    head: Vec<u8>,
    signature: Vec<u8>,
    at: chrono::DateTime<chrono::Utc>,
}

pub async fn checkpoints(pool: &PgPool) -> StorageResult<Vec<AuditCheckpoint>> {
    Ok(sqlx::query_as::<_, CheckpointRow>(
        "SELECT seq, head, signature, at FROM audit_checkpoints ORDER BY seq",
    )
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "audit checkpoint"))?
    .into_iter()
    .map(|r| AuditCheckpoint {
        seq: r.seq,
        head: r.head,
        signature: r.signature,
        at: r.at,
    })
    .collect())
}

pub async fn search(
    pool: &PgPool,
    filter: &AuditFilter,
    limit: u32,
) -> StorageResult<Vec<AuditEntry>> {
    let mut query = sqlx::QueryBuilder::<sqlx::Postgres>::new(format!(
        "SELECT {COLUMNS} FROM audit_log WHERE 1 = 1"
    ));
    if let Some(actor) = filter.actor {
        query.push(" AND actor_id = ").push_bind(actor.as_uuid());
    }
    if let Some(record) = filter.record_id {
        query.push(" AND record_id = ").push_bind(record);
    }
    if let Some(prefix) = &filter.action_prefix {
        let (lo, hi) = lantern_store_common::prefix_range(prefix);
        query
            .push(" AND action COLLATE \"C\" >= ")
            .push_bind(lo)
            .push(" AND action COLLATE \"C\" < ")
            .push_bind(hi);
    }
    if let Some(from) = filter.from {
        query.push(" AND at >= ").push_bind(from);
    }
    if let Some(to) = filter.to {
        query.push(" AND at <= ").push_bind(to);
    }
    query
        .push(" ORDER BY seq DESC LIMIT ")
        .push_bind(i64::from(limit));
    query
        .build_query_as::<AuditRow>()
        .fetch_all(pool)
        .await
        .map_err(|e| classify(e, "audit entry"))?
        .into_iter()
        .map(AuditRow::into_entry)
        .collect()
}
