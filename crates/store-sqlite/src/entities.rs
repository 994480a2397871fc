//! Establishments and vehicles of cases, and records found by blind-index
//! digests.

use chrono::{DateTime, Utc};
use lantern_domain::entity::EntityId;
use lantern_domain::vocab::{CaseStatus, Vocabulary};
use lantern_domain::{CaseId, PersonId};
use lantern_storage::{AuditAppend, StorageError, StorageResult, StoredEntity};
use lantern_store_common::{classify, id, EntityRow, MatchedEntityRow, ENTITY_COLUMNS};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

use crate::by_ids::{fetch_by_ids, uuids};
use crate::people::{insert_owned_digests, replace_lookups, LookupTable};

/// Digests asked for at once: far below SQLite's bound-parameter limit.
const DIGEST_BATCH: usize = 500;

pub(crate) async fn insert_entity_row(
    conn: &mut SqliteConnection,
    entity: &StoredEntity,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO case_entities (id, case_id, kind, establishment_kind, identity, created_by, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(entity.id.as_uuid())
    .bind(entity.case_id.as_uuid())
    .bind(entity.kind.code())
    .bind(entity.establishment_kind.map(|k| k.code()))
    .bind(&entity.identity.0)
    .bind(entity.created_by.map(|u| u.as_uuid()))
    .bind(entity.created_at)
    .execute(&mut *conn)
    .await
    .map_err(|e| classify(e, "case"))?;
    if let Some(key) = &entity.data_key {
        crate::people::insert_data_key(conn, entity.id.as_uuid(), key, entity.created_at).await?;
    }
    insert_entity_lookups(conn, entity).await
}

async fn insert_entity_lookups(
    conn: &mut SqliteConnection,
    entity: &StoredEntity,
) -> StorageResult<()> {
    insert_entity_digests(conn, entity.id, &entity.lookups).await
}

const ENTITY_LOOKUPS: LookupTable = LookupTable {
    lookups: "entity_lookup",
    owner_column: "entity_id",
    owners: "case_entities",
    what: "entity",
};

async fn insert_entity_digests(
    conn: &mut SqliteConnection,
    entity: EntityId,
    digests: &[Vec<u8>],
) -> StorageResult<()> {
    insert_owned_digests(conn, &ENTITY_LOOKUPS, entity.as_uuid(), digests).await
}

pub async fn entities_after(
    pool: &SqlitePool,
    after: Option<EntityId>,
    limit: u32,
) -> StorageResult<Vec<StoredEntity>> {
    sqlx::query_as::<_, EntityRow>(&format!(
        "SELECT {ENTITY_COLUMNS} FROM case_entities e LEFT JOIN data_keys k ON k.owner_id = e.id \
         WHERE e.id > ? ORDER BY e.id LIMIT ?"
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
    pool: &SqlitePool,
    lookups: &[(EntityId, Vec<Vec<u8>>)],
) -> StorageResult<()> {
    let rows: Vec<(uuid::Uuid, &[Vec<u8>])> = lookups
        .iter()
        .map(|(e, digests)| (e.as_uuid(), digests.as_slice()))
        .collect();
    replace_lookups(pool, &ENTITY_LOOKUPS, &rows).await
}

/// Runs each statement with the entity's id bound, in order.
async fn run_for_entity(
    conn: &mut SqliteConnection,
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
    pool: &SqlitePool,
    entity: EntityId,
) -> StorageResult<Option<StoredEntity>> {
    sqlx::query_as::<_, EntityRow>(&format!(
        "SELECT {ENTITY_COLUMNS} FROM case_entities e LEFT JOIN data_keys k ON k.owner_id = e.id \
         WHERE e.id = ?"
    ))
    .bind(entity.as_uuid())
    .fetch_optional(pool)
    .await
    .map_err(|e| classify(e, "entity"))?
    .map(EntityRow::into_entity)
    .transpose()
}

pub async fn update_case_entity(
    pool: &SqlitePool,
    entity: &StoredEntity,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "entity"))?;
    let changed =
        sqlx::query("UPDATE case_entities SET establishment_kind = ?, identity = ? WHERE id = ?")
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
            "DELETE FROM data_keys WHERE owner_id = ?",
            "DELETE FROM entity_lookup WHERE entity_id = ?",
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
    pool: &SqlitePool,
    entity: EntityId,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "entity"))?;
    let deleted = sqlx::query("DELETE FROM case_entities WHERE id = ?")
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
        &["DELETE FROM data_keys WHERE owner_id = ?"],
    )
    .await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "entity"))
}

pub async fn entities_due_for_erasure(
    pool: &SqlitePool,
    closed_before: DateTime<Utc>,
    limit: u32,
) -> StorageResult<Vec<EntityId>> {
    let rows: Vec<(uuid::Uuid,)> = sqlx::query_as(
        "SELECT e.id FROM case_entities e \
         JOIN cases c ON c.id = e.case_id \
         JOIN data_keys k ON k.owner_id = e.id \
         WHERE c.status IN (?, ?) AND c.updated_at < ? \
         ORDER BY e.id LIMIT ?",
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
    pool: &SqlitePool,
    entity: EntityId,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    crate::governance::shred(
        pool,
        entity.as_uuid(),
        "entity",
        &[
            "UPDATE case_entities SET identity = x'' WHERE id = ?",
            "DELETE FROM entity_lookup WHERE entity_id = ?",
        ],
        audit,
    )
    .await
}

pub async fn insert_case_entity(
    pool: &SqlitePool,
    entity: &StoredEntity,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "entity"))?;
    insert_entity_row(&mut tx, entity).await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "entity"))
}

pub async fn case_entities(pool: &SqlitePool, case: CaseId) -> StorageResult<Vec<StoredEntity>> {
    cases_entities(pool, &[case]).await
}

pub async fn cases_entities(
    pool: &SqlitePool,
    cases: &[CaseId],
) -> StorageResult<Vec<StoredEntity>> {
    fetch_by_ids(
        pool,
        &uuids(cases),
        || {
            QueryBuilder::new(format!(
                "SELECT {ENTITY_COLUMNS} FROM case_entities e LEFT JOIN data_keys k ON k.owner_id = e.id \
                 WHERE e.case_id IN "
            ))
        },
        " ORDER BY e.case_id, e.created_at, e.id",
        "entity",
        EntityRow::into_entity,
    )
    .await
}

/// `(?, ?, …)` binding each digest of a batch.
fn push_digests<'a>(query: &mut QueryBuilder<'a, Sqlite>, digests: &'a [Vec<u8>]) {
    query.push("(");
    let mut list = query.separated(", ");
    for digest in digests {
        list.push_bind(digest.as_slice());
    }
    list.push_unseparated(")");
}

pub async fn entities_with_digests(
    pool: &SqlitePool,
    digests: &[Vec<u8>],
) -> StorageResult<Vec<(Vec<u8>, StoredEntity)>> {
    let mut found = Vec::new();
    for batch in digests.chunks(DIGEST_BATCH) {
        let mut query = QueryBuilder::<Sqlite>::new(format!(
            "SELECT l.digest AS matched, {ENTITY_COLUMNS} FROM entity_lookup l \
             JOIN case_entities e ON e.id = l.entity_id \
             LEFT JOIN data_keys k ON k.owner_id = e.id WHERE l.digest IN "
        ));
        push_digests(&mut query, batch);
        let rows = query
            .build_query_as::<MatchedEntityRow>()
            .fetch_all(pool)
            .await
            .map_err(|e| classify(e, "entity"))?;
        for row in rows {
            found.push((row.matched, row.entity.into_entity()?));
        }
    }
    found.sort_by(|(a, x), (b, y)| {
        a.cmp(b)
            .then(x.case_id.as_uuid().cmp(&y.case_id.as_uuid()))
            .then(x.id.as_uuid().cmp(&y.id.as_uuid()))
    });
    Ok(found)
}

pub async fn persons_with_digests(
    pool: &SqlitePool,
    digests: &[Vec<u8>],
) -> StorageResult<Vec<(Vec<u8>, PersonId)>> {
    let mut found = Vec::new();
    for batch in digests.chunks(DIGEST_BATCH) {
        let mut query = QueryBuilder::<Sqlite>::new(
            "SELECT digest, person_id FROM person_lookup WHERE digest IN ",
        );
        push_digests(&mut query, batch);
        let rows: Vec<(Vec<u8>, uuid::Uuid)> = query
            .build_query_as()
            .fetch_all(pool)
            .await
            .map_err(|e| classify(e, "person"))?;
        found.extend(
            rows.into_iter()
                .map(|(digest, person)| (digest, id(person))),
        );
    }
    found.sort_by(|(a, x), (b, y)| a.cmp(b).then(x.as_uuid().cmp(&y.as_uuid())));
    Ok(found)
}
