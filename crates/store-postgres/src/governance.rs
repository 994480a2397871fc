//! The role-permission table, consent decisions and retention.

use chrono::{DateTime, Utc};
use lantern_domain::consent::ConsentRecord;
use lantern_domain::vocab::{CaseStatus, Permission, RetainedRecord, UserRole, Vocabulary};
use lantern_domain::{AttachmentId, PersonId};
use lantern_storage::{AuditAppend, StorageError, StorageResult};
use lantern_store_common::{classify, id, informed_codes, ConsentRow, PermissionRow, RetentionRow};
use sqlx::{PgPool, QueryBuilder};

use crate::audit::{append_in, BEGIN_WRITE};

pub async fn role_permissions(pool: &PgPool) -> StorageResult<Vec<(UserRole, Permission)>> {
    sqlx::query_as::<_, PermissionRow>("SELECT role, permission FROM role_permissions")
        .fetch_all(pool)
        .await
        .map_err(|e| classify(e, "role permission"))?
        .into_iter()
        .map(PermissionRow::into_grant)
        .collect()
}

pub async fn replace_role_permissions(
    pool: &PgPool,
    grants: &[(UserRole, Permission)],
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    // An empty VALUES list is not SQL: no rows, no insert.
    let insert = (!grants.is_empty()).then(|| {
        let mut insert = QueryBuilder::new("INSERT INTO role_permissions (role, permission) ");
        insert.push_values(grants, |mut row, (role, permission)| {
            row.push_bind(role.code()).push_bind(permission.code());
        });
        insert
    });
    replace_all(
        pool,
        "role permission",
        "DELETE FROM role_permissions",
        insert,
        audit,
    )
    .await
}

/// Replaces every row of a small settings table with the rows `insert`
/// writes (none when `None`), in one transaction with its audit entry.
async fn replace_all(
    pool: &PgPool,
    what: &'static str,
    delete: &str,
    insert: Option<QueryBuilder<'_, sqlx::Postgres>>,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, what))?;
    sqlx::query(delete)
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, what))?;
    if let Some(mut insert) = insert {
        insert
            .build()
            .execute(&mut *tx)
            .await
            .map_err(|e| classify(e, what))?;
    }
    append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, what))
}

pub async fn insert_consent(
    pool: &PgPool,
    record: &ConsentRecord,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    const WHAT: &str = "person";
    let mut tx = pool
        .begin_with(BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, WHAT))?;
    let details = &record.details;
    sqlx::query(
        "INSERT INTO consents (id, person_id, purpose, decision, given_by, informed, decided_on, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(record.id.as_uuid())
    .bind(record.person_id.as_uuid())
    .bind(details.purpose.code())
    .bind(details.decision.code())
    .bind(details.given_by.code())
    .bind(informed_codes(&details.informed))
    .bind(details.decided_on)
    .bind(record.recorded_by.map(|u| u.as_uuid()))
    .bind(record.recorded_at)
    .execute(&mut *tx)
    .await
    .map_err(|e| classify(e, WHAT))?;
    append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, WHAT))
}

pub async fn consents_of(pool: &PgPool, people: &[PersonId]) -> StorageResult<Vec<ConsentRecord>> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = sqlx::QueryBuilder::<sqlx::Postgres>::new(
        "SELECT id, person_id, purpose, decision, given_by, informed, decided_on, recorded_by, recorded_at \
         FROM consents WHERE person_id IN (",
    );
    let mut list = query.separated(", ");
    for person in people {
        list.push_bind(person.as_uuid());
    }
    query.push(")");
    query
        .build_query_as::<ConsentRow>()
        .fetch_all(pool)
        .await
        .map_err(|e| classify(e, "consent"))?
        .into_iter()
        .map(ConsentRow::into_record)
        .collect()
}

pub async fn retention_rules(pool: &PgPool) -> StorageResult<Vec<(RetainedRecord, u32)>> {
    sqlx::query_as::<_, RetentionRow>("SELECT record_type, keep_days FROM retention_rules")
        .fetch_all(pool)
        .await
        .map_err(|e| classify(e, "retention rule"))?
        .into_iter()
        .map(RetentionRow::into_rule)
        .collect()
}

pub async fn replace_retention_rules(
    pool: &PgPool,
    rules: &[(RetainedRecord, u32)],
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let insert = (!rules.is_empty()).then(|| {
        let mut insert = QueryBuilder::new("INSERT INTO retention_rules (record_type, keep_days) ");
        insert.push_values(rules, |mut row, (record, days)| {
            row.push_bind(record.code()).push_bind(i64::from(*days));
        });
        insert
    });
    replace_all(
        pool,
        "retention rule",
        "DELETE FROM retention_rules",
        insert,
        audit,
    )
    .await
}

pub async fn people_due_for_erasure(
    pool: &PgPool,
    closed_before: DateTime<Utc>,
    limit: u32,
) -> StorageResult<Vec<PersonId>> {
    let rows: Vec<(uuid::Uuid,)> = sqlx::query_as(
        "SELECT p.id FROM persons p \
         WHERE octet_length(p.identity) > 0 \
           AND EXISTS (SELECT 1 FROM case_participants cp WHERE cp.person_id = p.id) \
           AND NOT EXISTS (SELECT 1 FROM case_participants cp JOIN cases c ON c.id = cp.case_id \
                           WHERE cp.person_id = p.id \
                             AND (c.status NOT IN ($1, $2) OR c.updated_at >= $3)) \
         ORDER BY p.id LIMIT $4",
    )
    .bind(CaseStatus::Closed.code())
    .bind(CaseStatus::ClosedReferred.code())
    .bind(closed_before)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "person"))?;
    Ok(rows.into_iter().map(|(uuid,)| id(uuid)).collect())
}

pub async fn attachments_due_for_erasure(
    pool: &PgPool,
    closed_before: DateTime<Utc>,
    limit: u32,
) -> StorageResult<Vec<AttachmentId>> {
    let rows: Vec<(uuid::Uuid,)> = sqlx::query_as(
        "SELECT a.id FROM attachments a \
         JOIN cases c ON c.id = a.case_id \
         JOIN data_keys k ON k.owner_id = a.id \
         WHERE c.status IN ($1, $2) AND c.updated_at < $3 \
         ORDER BY a.id LIMIT $4",
    )
    .bind(CaseStatus::Closed.code())
    .bind(CaseStatus::ClosedReferred.code())
    .bind(closed_before)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "attachment"))?;
    Ok(rows.into_iter().map(|(uuid,)| id(uuid)).collect())
}

pub async fn erase_attachment_key(
    pool: &PgPool,
    attachment: AttachmentId,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    shred(pool, attachment.as_uuid(), "attachment", &[], audit).await
}

/// Crypto-shreds one record, in one transaction with its audit entry:
/// destroys the data key `owner` holds (none: `NotFound(what)`), then runs
/// each of `clear`, bound to the owner's id, so that nothing the key
/// protected is left behind.
pub(crate) async fn shred(
    pool: &PgPool,
    owner: uuid::Uuid,
    what: &'static str,
    clear: &[&str],
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, what))?;
    let deleted = sqlx::query("DELETE FROM data_keys WHERE owner_id = $1")
        .bind(owner)
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, what))?
        .rows_affected();
    if deleted == 0 {
        return Err(StorageError::NotFound(what));
    }
    for statement in clear {
        sqlx::query(statement)
            .bind(owner)
            .execute(&mut *tx)
            .await
            .map_err(|e| classify(e, what))?;
    }
    append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, what))
}
