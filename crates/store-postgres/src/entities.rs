//! Establishments and vehicles of cases, and records found by blind-index
//! digests.

use chrono::{DateTime, Utc};
use lantern_domain::entity::EntityId;
use lantern_domain::vocab::{CaseStatus, Vocabulary};
use lantern_domain::{CaseId, PersonId};
use lantern_storage::{AuditAppend, StorageError, StorageResult, StoredEntity};
use lantern_store_common::{classify, id, EntityRow, MatchedEntityRow, ENTITY_COLUMNS};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// Entities with their data keys and digests, as column arrays: one
/// statement per table whether one entity is written or thousands imported.
pub(crate) async fn insert_entities(
    conn: &mut PgConnection,
    rows: &[StoredEntity],
) -> StorageResult<()> {
    let id: Vec<Uuid> = rows.iter().map(|e| e.id.as_uuid()).collect();
    let case_id: Vec<Uuid> = rows.iter().map(|e| e.case_id.as_uuid()).collect();
    let kind: Vec<&str> = rows.iter().map(|e| e.kind.code()).collect();
    let establishment_kind: Vec<Option<&str>> = rows
        .iter()
        .map(|e| e.establishment_kind.map(|k| k.code()))
        .collect();
    let identity: Vec<&[u8]> = rows.iter().map(|e| e.identity.0.as_slice()).collect();
    let created_by: Vec<Option<Uuid>> = rows
        .iter()
        .map(|e| e.created_by.map(|u| u.as_uuid()))
        .collect();
    let created_at: Vec<_> = rows.iter().map(|e| e.created_at).collect();
    sqlx::query(
        "INSERT INTO case_entities (id, case_id, kind, establishment_kind, identity, created_by, created_at) \
         SELECT * FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bytea[], $6::uuid[], \
         $7::timestamptz[])",
    )
    .bind(id)
    .bind(case_id)
    .bind(kind)
    .bind(establishment_kind)
    .bind(identity)
    .bind(created_by)
    .bind(created_at)
    .execute(&mut *conn)
    .await
    .map_err(|e| classify(e, "case"))?;
    let keyed: Vec<&StoredEntity> = rows.iter().filter(|e| e.data_key.is_some()).collect();
    crate::import::insert_data_keys(
        conn,
        keyed.iter().map(|e| e.id.as_uuid()).collect(),
        keyed.iter().filter_map(|e| e.data_key.as_deref()).collect(),
        keyed.iter().map(|e| e.created_at).collect(),
    )
    .await?;
    let mut lookups: Vec<(&[u8], Uuid)> = rows
        .iter()
        .flat_map(|e| {
            e.lookups
                .iter()
                .map(move |d| (d.as_slice(), e.id.as_uuid()))
        })
        .collect();
    lookups.sort_unstable();
    lookups.dedup();
    let digest: Vec<&[u8]> = lookups.iter().map(|(d, _)| *d).collect();
    let entity: Vec<Uuid> = lookups.iter().map(|(_, e)| *e).collect();
    sqlx::query(
        "INSERT INTO entity_lookup (digest, entity_id) SELECT * FROM UNNEST($1::bytea[], $2::uuid[])",
    )
    .bind(digest)
    .bind(entity)
    .execute(conn)
    .await
    .map_err(|e| classify(e, "entity"))?;
    Ok(())
}

pub async fn insert_case_entity(
    pool: &PgPool,
    entity: &StoredEntity,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "entity"))?;
    insert_entities(&mut tx, std::slice::from_ref(entity)).await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "entity"))
}

/// Adds an entity's digests (after its old ones were deleted).
async fn insert_entity_lookups(
    conn: &mut PgConnection,
    entity: &StoredEntity,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO entity_lookup (digest, entity_id) SELECT DISTINCT d, $2 FROM UNNEST($1::bytea[]) AS d \
         ON CONFLICT DO NOTHING",
    )
    .bind(&entity.lookups)
    .bind(entity.id.as_uuid())
    .execute(conn)
    .await
    .map_err(|e| classify(e, "entity"))?;
    Ok(())
}

/// Runs each statement with the entity's id bound, in order.
async fn run_for_entity(
    conn: &mut PgConnection,
    entity: EntityId,
    statements: &[&str],
) -> StorageResult<()> {
    for sql in statements {
        sqlx::query(sql)
            .bind(entity.as_uuid())
            .execute(&mut *conn)
            .await
            .map_err(|e| classify(e, "entity"))?;
    }
    Ok(())
}

pub async fn get_case_entity(
    pool: &PgPool,
    entity: EntityId,
) -> StorageResult<Option<StoredEntity>> {
    sqlx::query_as::<_, EntityRow>(&format!(
        "SELECT {ENTITY_COLUMNS} FROM case_entities e LEFT JOIN data_keys k ON k.owner_id = e.id \
         WHERE e.id = $1"
    ))
    .bind(entity.as_uuid())
    .fetch_optional(pool)
    .await
    .map_err(|e| classify(e, "entity"))?
    .map(EntityRow::into_entity)
    .transpose()
}

pub async fn update_case_entity(
    pool: &PgPool,
    entity: &StoredEntity,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "entity"))?;
    let changed = sqlx::query(
        "UPDATE case_entities SET establishment_kind = $1, identity = $2 WHERE id = $3",
    )
    .bind(entity.establishment_kind.map(|k| k.code()))
    .bind(&entity.identity.0)
    .bind(entity.id.as_uuid())
    .execute(&mut *tx)
    .await
    .map_err(|e| classify(e, "entity"))?
    .rows_affected();
    if changed == 0 {
        return Err(StorageError::NotFound("entity"));
    }
    run_for_entity(
        &mut tx,
        entity.id,
        &[
            "DELETE FROM data_keys WHERE owner_id = $1",
            "DELETE FROM entity_lookup WHERE entity_id = $1",
        ],
    )
    .await?;
    if let Some(key) = &entity.data_key {
        crate::people::insert_data_key(&mut tx, entity.id.as_uuid(), key, audit.event.at).await?;
    }
    insert_entity_lookups(&mut tx, entity).await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "entity"))
}

pub async fn delete_case_entity(
    pool: &PgPool,
    entity: EntityId,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "entity"))?;
    let deleted = sqlx::query("DELETE FROM case_entities WHERE id = $1")
        .bind(entity.as_uuid())
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "entity"))?
        .rows_affected();
    if deleted == 0 {
        return Err(StorageError::NotFound("entity"));
    }
    // Digests go with the row (cascade); the key has no foreign key.
    run_for_entity(
        &mut tx,
        entity,
        &["DELETE FROM data_keys WHERE owner_id = $1"],
    )
    .await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "entity"))
}

pub async fn entities_due_for_erasure(
    pool: &PgPool,
    closed_before: DateTime<Utc>,
    limit: u32,
) -> StorageResult<Vec<EntityId>> {
    let rows: Vec<(Uuid,)> = sqlx::query_as(
        "SELECT e.id FROM case_entities e \
         JOIN cases c ON c.id = e.case_id \
         JOIN data_keys k ON k.owner_id = e.id \
         WHERE c.status IN ($1, $2) AND c.updated_at < $3 \
         ORDER BY e.id LIMIT $4",
    )
    .bind(CaseStatus::Closed.code())
    .bind(CaseStatus::ClosedReferred.code())
    .bind(closed_before)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "entity"))?;
    Ok(rows.into_iter().map(|(uuid,)| id(uuid)).collect())
}

pub async fn erase_entity_identity(
    pool: &PgPool,
    entity: EntityId,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    crate::governance::shred(
        pool,
        entity.as_uuid(),
        "entity",
        &[
            "UPDATE case_entities SET identity = ''::bytea WHERE id = $1",
            "DELETE FROM entity_lookup WHERE entity_id = $1",
        ],
        audit,
    )
    .await
}

pub async fn entities_after(
    pool: &PgPool,
    after: Option<EntityId>,
    limit: u32,
) -> StorageResult<Vec<StoredEntity>> {
    sqlx::query_as::<_, EntityRow>(&format!(
        "SELECT {ENTITY_COLUMNS} FROM case_entities e LEFT JOIN data_keys k ON k.owner_id = e.id \
         WHERE e.id > $1 ORDER BY e.id LIMIT $2"
    ))
    .bind(after.map(|e| e.as_uuid()).unwrap_or_default())
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "entity"))?
    .into_iter()
    .map(EntityRow::into_entity)
    .collect()
}

pub async fn replace_entity_lookups(
    pool: &PgPool,
    lookups: &[(EntityId, Vec<Vec<u8>>)],
) -> StorageResult<()> {
    let rows: Vec<(Uuid, &[Vec<u8>])> = lookups
        .iter()
        .map(|(e, digests)| (e.as_uuid(), digests.as_slice()))
        .collect();
    crate::people::replace_lookups(
        pool,
        &crate::people::LookupTable {
            lookups: "entity_lookup",
            owner_column: "entity_id",
            owners: "case_entities",
            what: "entity",
        },
        &rows,
    )
    .await
}

pub async fn case_entities(pool: &PgPool, case: CaseId) -> StorageResult<Vec<StoredEntity>> {
    cases_entities(pool, &[case]).await
}

pub async fn cases_entities(pool: &PgPool, cases: &[CaseId]) -> StorageResult<Vec<StoredEntity>> {
    sqlx::query_as::<_, EntityRow>(&format!(
        "SELECT {ENTITY_COLUMNS} FROM case_entities e LEFT JOIN data_keys k ON k.owner_id = e.id \
         WHERE e.case_id = ANY($1) ORDER BY e.case_id, e.created_at, e.id"
    ))
    .bind(crate::access::uuids(cases))
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "entity"))?
    .into_iter()
    .map(EntityRow::into_entity)
    .collect()
}

pub async fn entities_with_digests(
    pool: &PgPool,
    digests: &[Vec<u8>],
) -> StorageResult<Vec<(Vec<u8>, StoredEntity)>> {
    sqlx::query_as::<_, MatchedEntityRow>(&format!(
        "SELECT l.digest AS matched, {ENTITY_COLUMNS} FROM entity_lookup l \
         JOIN case_entities e ON e.id = l.entity_id \
         LEFT JOIN data_keys k ON k.owner_id = e.id WHERE l.digest = ANY($1) \
         ORDER BY l.digest, e.case_id, e.id"
    ))
    .bind(digests)
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "entity"))?
    .into_iter()
    .map(|row| Ok((row.matched, row.entity.into_entity()?)))
    .collect()
}

pub async fn persons_with_digests(
    pool: &PgPool,
    digests: &[Vec<u8>],
) -> StorageResult<Vec<(Vec<u8>, PersonId)>> {
    let rows: Vec<(Vec<u8>, Uuid)> = sqlx::query_as(
        "SELECT digest, person_id FROM person_lookup WHERE digest = ANY($1) ORDER BY digest, person_id",
    )
    .bind(digests)
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "person"))?;
    Ok(rows
        .into_iter()
        .map(|(digest, person)| (digest, id(person)))
        .collect())
}
