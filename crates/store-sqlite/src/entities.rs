//! Establishments and vehicles of cases, and records found by blind-index
//! digests.

use lantern_domain::vocab::Vocabulary;
use lantern_domain::{CaseId, PersonId};
use lantern_storage::{AuditAppend, StorageResult, StoredEntity};
use lantern_store_common::{classify, id, EntityRow, MatchedEntityRow, ENTITY_COLUMNS};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

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
    for digest in &entity.lookups {
        sqlx::query(
            "INSERT INTO entity_lookup (digest, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(digest)
        .bind(entity.id.as_uuid())
        .execute(&mut *conn)
        .await
        .map_err(|e| classify(e, "entity"))?;
    }
    Ok(())
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
    sqlx::query_as::<_, EntityRow>(&format!(
        "SELECT {ENTITY_COLUMNS} FROM case_entities e LEFT JOIN data_keys k ON k.owner_id = e.id \
         WHERE e.case_id = ? ORDER BY e.created_at, e.id"
    ))
    .bind(case.as_uuid())
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "entity"))?
    .into_iter()
    .map(EntityRow::into_entity)
    .collect()
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
