//! Access facts (teams, supervisors, break-glass grants) and data-key
//! rotation.

use chrono::{DateTime, Utc};
use lantern_domain::{CaseId, PersonId, UserId};
use lantern_storage::{BreakGlassGrant, CaseAccess, StorageResult, StoredDataKey};
use lantern_store_common::{classify, id, BreakGlassRow, CaseAccessRow, DataKeyRow};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use crate::by_ids::{fetch_by_ids, uuids};

/// The user and the time binds once each, ahead of everything else, so
/// that a list of ids can follow as plain `?` binds (SQLite numbers a plain
/// `?` after the highest bound so far, which sqlx does not follow).
fn access_query(user: UserId, at: DateTime<Utc>) -> QueryBuilder<'static, Sqlite> {
    let mut query = QueryBuilder::new("WITH me (user_id, at) AS (SELECT ");
    query
        .push_bind(user.as_uuid())
        .push(", ")
        .push_bind(at)
        .push(
            ") SELECT c.id AS case_id, c.office_id, \
             EXISTS (SELECT 1 FROM case_team t WHERE t.case_id = c.id AND t.user_id = me.user_id) AS on_team, \
             (SELECT MAX(g.expires_at) FROM break_glass g \
              WHERE g.case_id = c.id AND g.user_id = me.user_id AND g.expires_at > me.at) AS grant_until",
        );
    query
}

pub async fn case_access(
    pool: &SqlitePool,
    case: CaseId,
    user: UserId,
    at: DateTime<Utc>,
) -> StorageResult<Option<CaseAccess>> {
    Ok(cases_access(pool, &[case], user, at).await?.pop())
}

pub async fn cases_access(
    pool: &SqlitePool,
    cases: &[CaseId],
    user: UserId,
    at: DateTime<Utc>,
) -> StorageResult<Vec<CaseAccess>> {
    fetch_by_ids(
        pool,
        &uuids(cases),
        || {
            let mut query = access_query(user, at);
            query.push(" FROM me, cases c WHERE c.id IN ");
            query
        },
        "",
        "case",
        |row: CaseAccessRow| Ok(row.into_access()),
    )
    .await
}

pub async fn person_access(
    pool: &SqlitePool,
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
    pool: &SqlitePool,
    people: &[PersonId],
    user: UserId,
    at: DateTime<Utc>,
) -> StorageResult<Vec<(PersonId, CaseAccess)>> {
    fetch_by_ids(
        pool,
        &uuids(people),
        || {
            let mut query = access_query(user, at);
            // One row per person and case, whatever their roles in it.
            query.push(
                ", cp.person_id FROM me, cases c JOIN (SELECT DISTINCT case_id, person_id \
                 FROM case_participants WHERE person_id IN ",
            );
            query
        },
        ") cp ON cp.case_id = c.id",
        "person",
        |row: PersonAccessRow| Ok((id(row.person_id), row.access.into_access())),
    )
    .await
}

pub async fn insert_break_glass(
    pool: &SqlitePool,
    grant: &BreakGlassGrant,
    audit: &lantern_storage::AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "case"))?;
    sqlx::query(
        "INSERT INTO break_glass (id, user_id, case_id, reason, granted_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
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

pub async fn list_break_glass(
    pool: &SqlitePool,
    limit: u32,
) -> StorageResult<Vec<BreakGlassGrant>> {
    Ok(sqlx::query_as::<_, BreakGlassRow>(
        "SELECT id, user_id, case_id, reason, granted_at, expires_at FROM break_glass ORDER BY granted_at DESC LIMIT ?",
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
    pool: &SqlitePool,
    after: Option<uuid::Uuid>,
    limit: u32,
) -> StorageResult<Vec<StoredDataKey>> {
    let mut query =
        sqlx::QueryBuilder::<sqlx::Sqlite>::new("SELECT owner_id, wrapped FROM data_keys");
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
    pool: &SqlitePool,
    owner: uuid::Uuid,
    expected: &[u8],
    wrapped: &[u8],
) -> StorageResult<bool> {
    let changed =
        sqlx::query("UPDATE data_keys SET wrapped = ? WHERE owner_id = ? AND wrapped = ?")
            .bind(wrapped)
            .bind(owner)
            .bind(expected)
            .execute(pool)
            .await
            .map_err(|e| classify(e, "data key"))?
            .rows_affected();
    Ok(changed == 1)
}
