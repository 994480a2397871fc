//! Access facts (teams, supervisors, break-glass grants) and data-key
//! rotation.

use chrono::{DateTime, Utc};
use lantern_domain::{CaseId, PersonId, UserId};
use lantern_storage::{BreakGlassGrant, CaseAccess, StorageResult, StoredDataKey};
use lantern_store_common::{classify, id, BreakGlassRow, CaseAccessRow, DataKeyRow};
use sqlx::PgPool;

/// `c` is the case; binds: user, at (for the grant).
const ACCESS_COLUMNS: &str = "c.id AS case_id, c.office_id, \
     EXISTS (SELECT 1 FROM case_team t WHERE t.case_id = c.id AND t.user_id = $1) AS on_team, \
     (SELECT MAX(g.expires_at) FROM break_glass g WHERE g.case_id = c.id AND g.user_id = $1 AND g.expires_at > $2) \
     AS grant_until";

pub async fn case_access(
    pool: &PgPool,
    case: CaseId,
    user: UserId,
    at: DateTime<Utc>,
) -> StorageResult<Option<CaseAccess>> {
    Ok(cases_access(pool, &[case], user, at).await?.pop())
}

pub async fn cases_access(
    pool: &PgPool,
    cases: &[CaseId],
    user: UserId,
    at: DateTime<Utc>,
) -> StorageResult<Vec<CaseAccess>> {
    Ok(sqlx::query_as::<_, CaseAccessRow>(&format!(
        "SELECT {ACCESS_COLUMNS} FROM cases c WHERE c.id = ANY($3)"
    ))
    .bind(user.as_uuid())
    .bind(at)
    .bind(uuids(cases))
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "case"))?
    .into_iter()
    .map(CaseAccessRow::into_access)
    .collect())
}

pub async fn person_access(
    pool: &PgPool,
    person: PersonId,
    user: UserId,
    at: DateTime<Utc>,
) -> StorageResult<Vec<CaseAccess>> {
    Ok(people_access(pool, &[person], user, at)
        .await?
        .into_iter()
        .map(|(_, access)| access)
        .collect())
}

#[derive(sqlx::FromRow)]
struct PersonAccessRow {
    person_id: uuid::Uuid,
    #[sqlx(flatten)]
    access: CaseAccessRow,
}

pub async fn people_access(
    pool: &PgPool,
    people: &[PersonId],
    user: UserId,
    at: DateTime<Utc>,
) -> StorageResult<Vec<(PersonId, CaseAccess)>> {
    // One row per person and case, whatever their roles in it.
    Ok(sqlx::query_as::<_, PersonAccessRow>(&format!(
        "SELECT DISTINCT cp.person_id, {ACCESS_COLUMNS} FROM case_participants cp \
         JOIN cases c ON c.id = cp.case_id WHERE cp.person_id = ANY($3)"
    ))
    .bind(user.as_uuid())
    .bind(at)
    .bind(uuids(people))
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "person"))?
    .into_iter()
    .map(|row| (id(row.person_id), row.access.into_access()))
    .collect())
}

/// The uuids of typed ids, bound as one array.
pub(crate) fn uuids<T>(ids: &[lantern_domain::Id<T>]) -> Vec<uuid::Uuid> {
    ids.iter().map(|id| id.as_uuid()).collect()
}

pub async fn insert_break_glass(
    pool: &PgPool,
    grant: &BreakGlassGrant,
    audit: &lantern_storage::AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "case"))?;
    sqlx::query(
        "INSERT INTO break_glass (id, user_id, case_id, reason, granted_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(grant.id.as_uuid())
    .bind(grant.user_id.as_uuid())
    .bind(grant.case_id.as_uuid())
    .bind(&grant.reason)
    .bind(grant.granted_at)
    .bind(grant.expires_at)
    .execute(&mut *tx)
    .await
    .map_err(|e| classify(e, "case"))?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "case"))
}

pub async fn list_break_glass(pool: &PgPool, limit: u32) -> StorageResult<Vec<BreakGlassGrant>> {
    Ok(sqlx::query_as::<_, BreakGlassRow>(
        "SELECT id, user_id, case_id, reason, granted_at, expires_at FROM break_glass ORDER BY granted_at DESC LIMIT $1",
    )
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "break-glass grant"))?
    .into_iter()
    .map(BreakGlassRow::into_grant)
    .collect())
}

pub async fn data_keys_after(
    pool: &PgPool,
    after: Option<uuid::Uuid>,
    limit: u32,
) -> StorageResult<Vec<StoredDataKey>> {
    let mut query =
        sqlx::QueryBuilder::<sqlx::Postgres>::new("SELECT owner_id, wrapped FROM data_keys");
    if let Some(after) = after {
        query.push(" WHERE owner_id > ").push_bind(after);
    }
    query
        .push(" ORDER BY owner_id LIMIT ")
        .push_bind(i64::from(limit));
    Ok(query
        .build_query_as::<DataKeyRow>()
        .fetch_all(pool)
        .await
        .map_err(|e| classify(e, "data key"))?
        .into_iter()
        .map(DataKeyRow::into_key)
        .collect())
}

pub async fn replace_data_key(
    pool: &PgPool,
    owner: uuid::Uuid,
    expected: &[u8],
    wrapped: &[u8],
) -> StorageResult<bool> {
    let changed =
        sqlx::query("UPDATE data_keys SET wrapped = $1 WHERE owner_id = $2 AND wrapped = $3")
            .bind(wrapped)
            .bind(owner)
            .bind(expected)
            .execute(pool)
            .await
            .map_err(|e| classify(e, "data key"))?
            .rows_affected();
    Ok(changed == 1)
}
