//! Duplicate candidates found by blind-index digest, and the review queue of
//! probable same-person pairs with merge and unmerge.

use chrono::{DateTime, Utc};
use lantern_domain::vocab::{CaseRole, Vocabulary};
use lantern_domain::{PersonId, UserId};
use lantern_storage::{
    AuditAppend, CollisionScope, DuplicatePair, DuplicatePairId, PairDecision, PairStatus,
    StorageError, StorageResult,
};
use lantern_store_common::{classify, id, DuplicatePairRow, DUPLICATE_PAIR_COLUMNS};
use sqlx::{PgConnection, PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

pub async fn people_sharing_digests(
    pool: &PgPool,
    digests: &[Vec<u8>],
    user: UserId,
    at: DateTime<Utc>,
    exclude: Option<PersonId>,
    limit: u32,
) -> StorageResult<Vec<PersonId>> {
    if digests.is_empty() {
        return Ok(Vec::new());
    }
    let mut query: QueryBuilder<'_, Postgres> =
        QueryBuilder::new("SELECT l.person_id FROM person_lookup l WHERE l.digest = ANY(");
    query
        .push_bind(digests.to_vec())
        .push(") AND l.person_id <> ")
        .push_bind(exclude.map(|p| p.as_uuid()).unwrap_or_default())
        .push(
            " AND EXISTS (SELECT 1 FROM case_participants cp WHERE cp.person_id = l.person_id AND cp.case_id IN \
             (SELECT case_id FROM case_team WHERE user_id = ",
        )
        .push_bind(user.as_uuid())
        .push(" UNION SELECT case_id FROM break_glass WHERE user_id = ")
        .push_bind(user.as_uuid())
        .push(" AND expires_at > ")
        .push_bind(at)
        .push(" )) GROUP BY l.person_id ORDER BY COUNT(*) DESC, l.person_id LIMIT ")
        .push_bind(i64::from(limit));
    let rows: Vec<(Uuid,)> = query
        .build_query_as()
        .fetch_all(pool)
        .await
        .map_err(|e| classify(e, "person"))?;
    Ok(rows.into_iter().map(|(p,)| id(p)).collect())
}

pub async fn digest_collisions(
    pool: &PgPool,
    max_block: u32,
    scope: CollisionScope,
    after: Option<(PersonId, PersonId)>,
    limit: u32,
) -> StorageResult<Vec<(PersonId, PersonId)>> {
    let (after_a, after_b) = after
        .map(|(a, b)| (a.as_uuid(), b.as_uuid()))
        .unwrap_or_default();
    let rows: Vec<(Uuid, Uuid)> = sqlx::query_as(
        "WITH live AS (SELECT l.digest, l.person_id FROM person_lookup l \
             WHERE NOT EXISTS (SELECT 1 FROM person_merges m WHERE m.merged_id = l.person_id)), \
         blocks AS (SELECT digest FROM live GROUP BY digest HAVING COUNT(*) BETWEEN 2 AND $1) \
         SELECT DISTINCT a.person_id, b.person_id FROM blocks k \
         JOIN live a ON a.digest = k.digest JOIN live b ON b.digest = k.digest AND a.person_id < b.person_id \
         WHERE (a.person_id > $2 OR (a.person_id = $2 AND b.person_id > $3)) \
         AND NOT EXISTS (SELECT 1 FROM duplicate_pairs p WHERE p.person_a = a.person_id AND p.person_b = b.person_id) \
         AND (EXISTS (SELECT 1 FROM case_participants s WHERE s.role = $5 \
                     AND s.person_id IN (a.person_id, b.person_id))) = $6 \
         ORDER BY a.person_id, b.person_id LIMIT $4",
    )
    .bind(i64::from(max_block))
    .bind(after_a)
    .bind(after_b)
    .bind(i64::from(limit))
    .bind(CaseRole::Suspect.code())
    .bind(scope == CollisionScope::SuspectInvolved)
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "person"))?;
    Ok(rows.into_iter().map(|(a, b)| (id(a), id(b))).collect())
}

pub async fn record_duplicate_pairs(pool: &PgPool, pairs: &[DuplicatePair]) -> StorageResult<u64> {
    let mut tx = pool
        .begin()
        .await
        .map_err(|e| classify(e, "duplicate pair"))?;
    let mut added = 0;
    for pair in pairs {
        added += sqlx::query(
            "INSERT INTO duplicate_pairs (id, person_a, person_b, probability, reasons, involves_suspect, \
             status, found_at, decided_at, decided_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (person_a, person_b) DO NOTHING",
        )
        .bind(pair.id.as_uuid())
        .bind(pair.person_a.as_uuid())
        .bind(pair.person_b.as_uuid())
        .bind(pair.probability)
        .bind(&pair.reasons)
        .bind(pair.involves_suspect)
        .bind(pair.status.code())
        .bind(pair.found_at)
        .bind(pair.decided_at)
        .bind(pair.decided_by.map(|u| u.as_uuid()))
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "duplicate pair"))?
        .rows_affected();
    }
    tx.commit()
        .await
        .map_err(|e| classify(e, "duplicate pair"))?;
    Ok(added)
}

pub async fn list_duplicate_pairs(
    pool: &PgPool,
    status: PairStatus,
    limit: u32,
) -> StorageResult<Vec<DuplicatePair>> {
    sqlx::query_as::<_, DuplicatePairRow>(&format!(
        "SELECT {DUPLICATE_PAIR_COLUMNS} FROM duplicate_pairs p WHERE p.status = $1 \
         AND ($1 <> 'pending' OR NOT EXISTS (SELECT 1 FROM person_merges m \
              WHERE m.merged_id = p.person_a OR m.merged_id = p.person_b)) \
         ORDER BY p.involves_suspect DESC, p.probability DESC, p.id LIMIT $2"
    ))
    .bind(status.code())
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "duplicate pair"))?
    .into_iter()
    .map(DuplicatePairRow::into_pair)
    .collect()
}

async fn pair_in(
    conn: &mut PgConnection,
    pair: DuplicatePairId,
) -> StorageResult<Option<DuplicatePair>> {
    sqlx::query_as::<_, DuplicatePairRow>(&format!(
        "SELECT {DUPLICATE_PAIR_COLUMNS} FROM duplicate_pairs WHERE id = $1 FOR UPDATE"
    ))
    .bind(pair.as_uuid())
    .fetch_optional(&mut *conn)
    .await
    .map_err(|e| classify(e, "duplicate pair"))?
    .map(DuplicatePairRow::into_pair)
    .transpose()
}

pub async fn get_duplicate_pair(
    pool: &PgPool,
    pair: DuplicatePairId,
) -> StorageResult<Option<DuplicatePair>> {
    let mut conn = pool
        .acquire()
        .await
        .map_err(|e| classify(e, "duplicate pair"))?;
    pair_in(&mut conn, pair).await
}

/// The pair, which must have the `expected` status.
async fn pair_with_status(
    conn: &mut PgConnection,
    pair: DuplicatePairId,
    expected: PairStatus,
) -> StorageResult<DuplicatePair> {
    let found = pair_in(conn, pair)
        .await?
        .ok_or(StorageError::NotFound("duplicate pair"))?;
    if found.status != expected {
        return Err(StorageError::Conflict("duplicate pair"));
    }
    Ok(found)
}

async fn set_status(
    conn: &mut PgConnection,
    decision: &PairDecision,
    status: PairStatus,
) -> StorageResult<()> {
    let decided = (status != PairStatus::Pending).then_some(decision);
    sqlx::query(
        "UPDATE duplicate_pairs SET status = $1, decided_at = $2, decided_by = $3 WHERE id = $4",
    )
    .bind(status.code())
    .bind(decided.map(|d| d.at))
    .bind(decided.map(|d| d.by.as_uuid()))
    .bind(decision.pair.as_uuid())
    .execute(&mut *conn)
    .await
    .map_err(|e| classify(e, "duplicate pair"))?;
    Ok(())
}

pub async fn dismiss_duplicate_pair(
    pool: &PgPool,
    decision: &PairDecision,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "duplicate pair"))?;
    pair_with_status(&mut tx, decision.pair, PairStatus::Pending).await?;
    set_status(&mut tx, decision, PairStatus::Dismissed).await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "duplicate pair"))
}

pub async fn merge_people(
    pool: &PgPool,
    decision: &PairDecision,
    survivor: PersonId,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "duplicate pair"))?;
    let pair = pair_with_status(&mut tx, decision.pair, PairStatus::Pending).await?;
    let merged = if survivor == pair.person_a {
        pair.person_b
    } else if survivor == pair.person_b {
        pair.person_a
    } else {
        return Err(StorageError::Conflict("duplicate pair"));
    };
    let (merged, survivor) = (merged.as_uuid(), survivor.as_uuid());
    sqlx::query(
        "INSERT INTO person_merges (merged_id, survivor_id, pair_id, merged_at, merged_by) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(merged)
    .bind(survivor)
    .bind(decision.pair.as_uuid())
    .bind(decision.at)
    .bind(decision.by.as_uuid())
    .execute(&mut *tx)
    .await
    .map_err(|e| classify(e, "person"))?;
    run_on_pair(
        &mut tx,
        merged,
        survivor,
        &[
            "INSERT INTO person_merge_participations (merged_id, case_id, role, added_to_survivor) \
             SELECT $1::uuid, cp.case_id, cp.role, NOT EXISTS (SELECT 1 FROM case_participants s \
                 WHERE s.case_id = cp.case_id AND s.person_id = $2 AND s.role = cp.role) \
             FROM case_participants cp WHERE cp.person_id = $1",
            "INSERT INTO case_participants (case_id, person_id, role) \
             SELECT case_id, $2::uuid, role FROM person_merge_participations WHERE merged_id = $1 AND added_to_survivor",
            "DELETE FROM case_participants WHERE person_id = $1 AND person_id <> $2",
        ],
    )
    .await?;
    set_status(&mut tx, decision, PairStatus::Merged).await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "duplicate pair"))
}

/// Runs statements whose parameters are `$1` = the merged person and `$2` =
/// the survivor (PostgreSQL refuses unused parameters, so each statement uses both).
async fn run_on_pair(
    conn: &mut PgConnection,
    merged: Uuid,
    survivor: Uuid,
    statements: &[&str],
) -> StorageResult<()> {
    for sql in statements {
        sqlx::query(sql)
            .bind(merged)
            .bind(survivor)
            .execute(&mut *conn)
            .await
            .map_err(|e| classify(e, "person"))?;
    }
    Ok(())
}

pub async fn unmerge_people(
    pool: &PgPool,
    decision: &PairDecision,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "duplicate pair"))?;
    pair_with_status(&mut tx, decision.pair, PairStatus::Merged).await?;
    let (merged, survivor): (Uuid, Uuid) =
        sqlx::query_as("SELECT merged_id, survivor_id FROM person_merges WHERE pair_id = $1")
            .bind(decision.pair.as_uuid())
            .fetch_optional(&mut *tx)
            .await
            .map_err(|e| classify(e, "duplicate pair"))?
            .ok_or(StorageError::Corrupt("person merge"))?;
    run_on_pair(
        &mut tx,
        merged,
        survivor,
        &[
            "DELETE FROM case_participants WHERE person_id = $2 AND EXISTS (SELECT 1 FROM person_merge_participations m \
             WHERE m.merged_id = $1 AND m.added_to_survivor AND m.case_id = case_participants.case_id \
             AND m.role = case_participants.role)",
            "INSERT INTO case_participants (case_id, person_id, role) \
             SELECT m.case_id, $1::uuid, m.role FROM person_merge_participations m \
             JOIN person_merges pm ON pm.merged_id = m.merged_id WHERE m.merged_id = $1 AND pm.survivor_id = $2",
            "DELETE FROM person_merges WHERE merged_id = $1 AND survivor_id = $2",
        ],
    )
    .await?;
    set_status(&mut tx, decision, PairStatus::Pending).await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "duplicate pair"))
}

pub async fn merged_into(pool: &PgPool, person: PersonId) -> StorageResult<Option<PersonId>> {
    let row: Option<(Uuid,)> =
        sqlx::query_as("SELECT survivor_id FROM person_merges WHERE merged_id = $1")
            .bind(person.as_uuid())
            .fetch_optional(pool)
            .await
            .map_err(|e| classify(e, "person"))?;
    Ok(row.map(|(s,)| id(s)))
}

pub async fn merged_into_any(
    pool: &PgPool,
    survivors: &[PersonId],
) -> StorageResult<Vec<(PersonId, PersonId)>> {
    let survivors: Vec<Uuid> = survivors.iter().map(|p| p.as_uuid()).collect();
    let rows: Vec<(Uuid, Uuid)> = sqlx::query_as(
        "SELECT merged_id, survivor_id FROM person_merges WHERE survivor_id = ANY($1) ORDER BY merged_id",
    )
    .bind(survivors)
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "person"))?;
    Ok(rows.into_iter().map(|(m, s)| (id(m), id(s))).collect())
}
