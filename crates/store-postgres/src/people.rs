//! People and their parts in cases.

use lantern_domain::case::CaseSummary;
use lantern_domain::text::search_fold;
use lantern_domain::vocab::{CaseRole, Vocabulary};
use lantern_domain::{CaseId, PersonId};
use lantern_storage::{StorageError, StorageResult, StoredPerson};
use lantern_store_common::{classify, decode, CaseSummaryRow, PersonRow, PERSON_COLUMNS};
use sqlx::{PgConnection, PgPool};

use crate::access::uuids;
use crate::cases::SUMMARY_COLUMNS;
use crate::BEGIN_SNAPSHOT;

async fn insert_person_row(conn: &mut PgConnection, person: &StoredPerson) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO persons (id, office_id, pseudonym, pseudonym_folded, age_band, gender, identity, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(person.id.as_uuid())
    .bind(person.office_id.as_uuid())
    .bind(&person.profile.pseudonym)
    .bind(search_fold(&person.profile.pseudonym))
    .bind(person.profile.age_band.code())
    .bind(person.profile.gender.code())
    .bind(&person.identity.0)
    .bind(person.created_at)
    .bind(person.updated_at)
    .execute(&mut *conn)
    .await
    .map_err(|e| classify(e, "person"))?;
    if let Some(key) = &person.data_key {
        insert_data_key(conn, person.id.as_uuid(), key, person.created_at).await?;
    }
    insert_lookups(conn, person).await
}

pub(crate) async fn insert_data_key(
    conn: &mut PgConnection,
    owner: uuid::Uuid,
    wrapped: &[u8],
    at: chrono::DateTime<chrono::Utc>,
) -> StorageResult<()> {
    sqlx::query("INSERT INTO data_keys (owner_id, wrapped, created_at) VALUES ($1, $2, $3)")
        .bind(owner)
        .bind(wrapped)
        .bind(at)
        .execute(conn)
        .await
        .map_err(|e| classify(e, "data key"))?;
    Ok(())
}

/// Replaces the person's blind-index digests with the given ones.
async fn write_lookups(conn: &mut PgConnection, person: &StoredPerson) -> StorageResult<()> {
    sqlx::query("DELETE FROM person_lookup WHERE person_id = $1")
        .bind(person.id.as_uuid())
        .execute(&mut *conn)
        .await
        .map_err(|e| classify(e, "person"))?;
    insert_lookups(conn, person).await
}

/// Adds the person's digests (a new person has none to replace).
async fn insert_lookups(conn: &mut PgConnection, person: &StoredPerson) -> StorageResult<()> {
    if !person.lookups.is_empty() {
        sqlx::query(
            "INSERT INTO person_lookup (digest, person_id) SELECT DISTINCT d, $2 FROM UNNEST($1::bytea[]) AS d \
             ON CONFLICT DO NOTHING",
        )
        .bind(&person.lookups)
        .bind(person.id.as_uuid())
        .execute(&mut *conn)
        .await
        .map_err(|e| classify(e, "person"))?;
    }
    Ok(())
}

async fn insert_participant_row<'e, E>(
    executor: E,
    case: CaseId,
    person: PersonId,
    role: CaseRole,
) -> StorageResult<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Postgres>,
{
    sqlx::query("INSERT INTO case_participants (case_id, person_id, role) VALUES ($1, $2, $3)")
        .bind(case.as_uuid())
        .bind(person.as_uuid())
        .bind(role.code())
        .execute(executor)
        .await
        .map_err(|e| classify(e, "participant"))?;
    Ok(())
}

pub async fn insert_person_in_case(
    pool: &PgPool,
    person: &StoredPerson,
    case: CaseId,
    role: CaseRole,
    audit: &lantern_storage::AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "person"))?;
    insert_person_row(&mut tx, person).await?;
    insert_participant_row(&mut *tx, case, person.id, role).await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "person"))
}

pub async fn add_participant(
    pool: &PgPool,
    case: CaseId,
    person: PersonId,
    role: CaseRole,
    audit: &lantern_storage::AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "participant"))?;
    insert_participant_row(&mut *tx, case, person, role).await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "participant"))
}

pub async fn people_after(
    pool: &PgPool,
    after: Option<PersonId>,
    limit: u32,
) -> StorageResult<Vec<StoredPerson>> {
    sqlx::query_as::<_, PersonRow>(&format!(
        "SELECT {PERSON_COLUMNS} FROM persons p LEFT JOIN data_keys k ON k.owner_id = p.id \
         WHERE p.id > $1 ORDER BY p.id LIMIT $2"
    ))
    .bind(after.map(|p| p.as_uuid()).unwrap_or_default())
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "person"))?
    .into_iter()
    .map(PersonRow::into_person)
    .collect()
}

pub async fn replace_person_lookups(
    pool: &PgPool,
    lookups: &[(PersonId, Vec<Vec<u8>>)],
) -> StorageResult<()> {
    let rows: Vec<(uuid::Uuid, &[Vec<u8>])> = lookups
        .iter()
        .map(|(p, digests)| (p.as_uuid(), digests.as_slice()))
        .collect();
    replace_lookups(pool, &PERSON_LOOKUPS, &rows).await
}

/// A table of blind-index digests and the table of the records they index.
pub(crate) struct LookupTable {
    pub lookups: &'static str,
    pub owner_column: &'static str,
    pub owners: &'static str,
    pub what: &'static str,
}

const PERSON_LOOKUPS: LookupTable = LookupTable {
    lookups: "person_lookup",
    owner_column: "person_id",
    owners: "persons",
    what: "person",
};

/// Replaces the digests of each owner with the given ones, in one
/// transaction; owners that no longer exist are skipped.
pub(crate) async fn replace_lookups(
    pool: &PgPool,
    table: &LookupTable,
    rows: &[(uuid::Uuid, &[Vec<u8>])],
) -> StorageResult<()> {
    let LookupTable {
        lookups,
        owner_column,
        owners,
        what,
    } = *table;
    let ids: Vec<uuid::Uuid> = rows.iter().map(|(id, _)| *id).collect();
    let (digest, owner): (Vec<&[u8]>, Vec<uuid::Uuid>) = rows
        .iter()
        .flat_map(|(id, digests)| digests.iter().map(move |d| (d.as_slice(), *id)))
        .unzip();
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, what))?;
    sqlx::query(&format!(
        "DELETE FROM {lookups} WHERE {owner_column} = ANY($1)"
    ))
    .bind(&ids)
    .execute(&mut *tx)
    .await
    .map_err(|e| classify(e, what))?;
    // Joining the owners skips any deleted since the batch was read.
    sqlx::query(&format!(
        "INSERT INTO {lookups} (digest, {owner_column}) \
         SELECT DISTINCT l.digest, l.owner FROM UNNEST($1::bytea[], $2::uuid[]) AS l (digest, owner) \
         JOIN {owners} o ON o.id = l.owner ON CONFLICT DO NOTHING"
    ))
    .bind(digest)
    .bind(owner)
    .execute(&mut *tx)
    .await
    .map_err(|e| classify(e, what))?;
    tx.commit().await.map_err(|e| classify(e, what))
}

pub async fn update_person(
    pool: &PgPool,
    person: &StoredPerson,
    audit: &lantern_storage::AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "person"))?;
    let changed = sqlx::query(
        "UPDATE persons SET pseudonym = $1, pseudonym_folded = $2, age_band = $3, gender = $4, identity = $5, \
         updated_at = $6 WHERE id = $7",
    )
    .bind(&person.profile.pseudonym)
    .bind(search_fold(&person.profile.pseudonym))
    .bind(person.profile.age_band.code())
    .bind(person.profile.gender.code())
    .bind(&person.identity.0)
    .bind(person.updated_at)
    .bind(person.id.as_uuid())
    .execute(&mut *tx)
    .await
    .map_err(|e| classify(e, "person"))?
    .rows_affected();
    if changed == 0 {
        return Err(StorageError::NotFound("person"));
    }
    write_lookups(&mut tx, person).await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "person"))
}

pub async fn get_person(pool: &PgPool, id: PersonId) -> StorageResult<Option<StoredPerson>> {
    Ok(get_people(pool, &[id]).await?.pop())
}

pub async fn get_people(pool: &PgPool, people: &[PersonId]) -> StorageResult<Vec<StoredPerson>> {
    sqlx::query_as::<_, PersonRow>(&format!(
        "SELECT {PERSON_COLUMNS} FROM persons p LEFT JOIN data_keys k ON k.owner_id = p.id \
         WHERE p.id = ANY($1)"
    ))
    .bind(uuids(people))
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "person"))?
    .into_iter()
    .map(PersonRow::into_person)
    .collect()
}

#[derive(sqlx::FromRow)]
struct PersonCaseRow {
    role: String,
    #[sqlx(flatten)]
    case: CaseSummaryRow,
}

pub async fn person_cases(
    pool: &PgPool,
    id: PersonId,
) -> StorageResult<Vec<(CaseSummary, CaseRole)>> {
    let mut tx = pool
        .begin_with(BEGIN_SNAPSHOT)
        .await
        .map_err(|e| classify(e, "person"))?;
    let rows: Vec<PersonCaseRow> = sqlx::query_as(&format!(
        "SELECT cpp.role AS role, {SUMMARY_COLUMNS} FROM case_participants cpp JOIN cases c ON c.id = cpp.case_id \
         WHERE cpp.person_id = $1 ORDER BY c.intake_date DESC"
    ))
    .bind(id.as_uuid())
    .fetch_all(&mut *tx)
    .await
    .map_err(|e| classify(e, "person"))?;
    tx.commit().await.map_err(|e| classify(e, "person"))?;
    rows.into_iter()
        .map(|row| Ok((row.case.into_summary()?, decode(&row.role, "participant")?)))
        .collect()
}

pub async fn erase_person_identity(
    pool: &PgPool,
    person: PersonId,
    audit: &lantern_storage::AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "person"))?;
    let changed = sqlx::query("UPDATE persons SET identity = ''::bytea WHERE id = $1")
        .bind(person.as_uuid())
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "person"))?
        .rows_affected();
    if changed == 0 {
        return Err(StorageError::NotFound("person"));
    }
    for sql in [
        "DELETE FROM data_keys WHERE owner_id = $1",
        "DELETE FROM person_lookup WHERE person_id = $1",
    ] {
        sqlx::query(sql)
            .bind(person.as_uuid())
            .execute(&mut *tx)
            .await
            .map_err(|e| classify(e, "person"))?;
    }
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "person"))
}
