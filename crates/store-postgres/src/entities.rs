//! Establishments and vehicles of cases, and records found by blind-index
//! digests.

use lantern_domain::vocab::Vocabulary;
use lantern_domain::{CaseId, PersonId};
use lantern_storage::{AuditAppend, StorageResult, StoredEntity};
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

pub async fn case_entities(pool: &PgPool, case: CaseId) -> StorageResult<Vec<StoredEntity>> {
    sqlx::query_as::<_, EntityRow>(&format!(
        "SELECT {ENTITY_COLUMNS} FROM case_entities e LEFT JOIN data_keys k ON k.owner_id = e.id \
         WHERE e.case_id = $1 ORDER BY e.created_at, e.id"
    ))
    .bind(case.as_uuid())
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
