//! People and their parts in cases.

use lantern_domain::case::CaseSummary;
use lantern_domain::text::search_fold;
use lantern_domain::vocab::{CaseRole, Vocabulary};
use lantern_domain::{CaseId, PersonId};
use lantern_storage::{StorageError, StorageResult, StoredPerson};
use lantern_store_common::{classify, decode, CaseSummaryRow, PersonRow, PERSON_COLUMNS};
use sqlx::{QueryBuilder, SqliteConnection, SqlitePool};

use crate::by_ids::{fetch_by_ids, uuids};

use crate::cases::SUMMARY_COLUMNS;

pub(crate) async fn insert_person_row(
    conn: &mut SqliteConnection,
    person: &StoredPerson,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO persons (id, office_id, pseudonym, pseudonym_folded, age_band, gender, identity, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    conn: &mut SqliteConnection,
    owner: uuid::Uuid,
    wrapped: &[u8],
    at: chrono::DateTime<chrono::Utc>,
) -> StorageResult<()> {
    sqlx::query("INSERT INTO data_keys (owner_id, wrapped, created_at) VALUES (?, ?, ?)")
        .bind(owner)
        .bind(wrapped)
        .bind(at)
        .execute(conn)
        .await
        .map_err(|e| classify(e, "data key"))?;
    Ok(())
}

/// Replaces the person's blind-index digests with the given ones.
async fn write_lookups(conn: &mut SqliteConnection, person: &StoredPerson) -> StorageResult<()> {
    sqlx::query("DELETE FROM person_lookup WHERE person_id = ?")
        .bind(person.id.as_uuid())
        .execute(&mut *conn)
        .await
        .map_err(|e| classify(e, "person"))?;
    insert_lookups(conn, person).await
}

/// Adds the person's digests (a new person has none to replace).
async fn insert_lookups(conn: &mut SqliteConnection, person: &StoredPerson) -> StorageResult<()> {
    insert_digests(conn, person.id, &person.lookups).await
}

async fn insert_digests(
    conn: &mut SqliteConnection,
    person: PersonId,
    lookups: &[Vec<u8>],
) -> StorageResult<()> {
    insert_owned_digests(conn, &PERSON_LOOKUPS, person.as_uuid(), lookups).await
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

pub(crate) async fn insert_owned_digests(
    conn: &mut SqliteConnection,
    table: &LookupTable,
    owner: uuid::Uuid,
    digests: &[Vec<u8>],
) -> StorageResult<()> {
    // One statement per record rather than per digest: a person has dozens
    // of digests, and each statement is a round trip to SQLite's thread.
    // 400 rows keep well under SQLite's limit of bound variables.
    for chunk in digests.chunks(400) {
        let mut query = sqlx::QueryBuilder::<sqlx::Sqlite>::new(format!(
            "INSERT INTO {} (digest, {}) ",
            table.lookups, table.owner_column
        ));
        query.push_values(chunk, |mut row, digest| {
            row.push_bind(digest).push_bind(owner);
        });
        query.push(" ON CONFLICT DO NOTHING");
        query
            .build()
            .execute(&mut *conn)
            .await
            .map_err(|e| classify(e, table.what))?;
    }
    Ok(())
}

/// Replaces the digests of each owner with the given ones, in one
/// transaction; owners that no longer exist are skipped.
pub(crate) async fn replace_lookups(
    pool: &SqlitePool,
    table: &LookupTable,
    rows: &[(uuid::Uuid, &[Vec<u8>])],
) -> StorageResult<()> {
    let what = table.what;
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, what))?;
    let delete = format!(
        "DELETE FROM {} WHERE {} = ?",
        table.lookups, table.owner_column
    );
    let exists = format!("SELECT 1 FROM {} WHERE id = ?", table.owners);
    for (owner, digests) in rows {
        sqlx::query(&delete)
            .bind(owner)
            .execute(&mut *tx)
            .await
            .map_err(|e| classify(e, what))?;
        let present: Option<(i64,)> = sqlx::query_as(&exists)
            .bind(owner)
            .fetch_optional(&mut *tx)
            .await
            .map_err(|e| classify(e, what))?;
        if present.is_some() {
            insert_owned_digests(&mut tx, table, *owner, digests).await?;
        }
    }
    tx.commit().await.map_err(|e| classify(e, what))
}

pub(crate) async fn insert_participant_row(
    conn: &mut SqliteConnection,
    case: CaseId,
    person: PersonId,
    role: CaseRole,
) -> StorageResult<()> {
    sqlx::query("INSERT INTO case_participants (case_id, person_id, role) VALUES (?, ?, ?)")
        .bind(case.as_uuid())
        .bind(person.as_uuid())
        .bind(role.code())
        .execute(conn)
        .await
        .map_err(|e| classify(e, "participant"))?;
    Ok(())
}

pub async fn insert_person_in_case(
    pool: &SqlitePool,
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
    insert_participant_row(&mut tx, case, person.id, role).await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "person"))
}

pub async fn add_participant(
    pool: &SqlitePool,
    case: CaseId,
    person: PersonId,
    role: CaseRole,
    audit: &lantern_storage::AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "participant"))?;
    insert_participant_row(&mut tx, case, person, role).await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "participant"))
}

pub async fn update_person(
    pool: &SqlitePool,
    person: &StoredPerson,
    audit: &lantern_storage::AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "person"))?;
    let changed = sqlx::query(
        "UPDATE persons SET pseudonym = ?, pseudonym_folded = ?, age_band = ?, gender = ?, identity = ?, updated_at = ? \
         WHERE id = ?",
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

pub async fn people_after(
    pool: &SqlitePool,
    after: Option<PersonId>,
    limit: u32,
) -> StorageResult<Vec<StoredPerson>> {
    sqlx::query_as::<_, PersonRow>(&format!(
        "SELECT {PERSON_COLUMNS} FROM persons p LEFT JOIN data_keys k ON k.owner_id = p.id \
         WHERE p.id > ? ORDER BY p.id LIMIT ?"
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
    pool: &SqlitePool,
    lookups: &[(PersonId, Vec<Vec<u8>>)],
) -> StorageResult<()> {
    let rows: Vec<(uuid::Uuid, &[Vec<u8>])> = lookups
        .iter()
        .map(|(p, digests)| (p.as_uuid(), digests.as_slice()))
        .collect();
    replace_lookups(pool, &PERSON_LOOKUPS, &rows).await
}

pub async fn get_person(pool: &SqlitePool, id: PersonId) -> StorageResult<Option<StoredPerson>> {
    Ok(get_people(pool, &[id]).await?.pop())
}

pub async fn get_people(
    pool: &SqlitePool,
    people: &[PersonId],
) -> StorageResult<Vec<StoredPerson>> {
    fetch_by_ids(
        pool,
        &uuids(people),
        || {
            QueryBuilder::new(format!(
                "SELECT {PERSON_COLUMNS} FROM persons p LEFT JOIN data_keys k ON k.owner_id = p.id \
                 WHERE p.id IN "
            ))
        },
        "",
        "person",
        PersonRow::into_person,
    )
    .await
}

#[derive(sqlx::FromRow)]
struct PersonCaseRow {
    role: String,
    #[sqlx(flatten)]
    case: CaseSummaryRow,
}

pub async fn person_cases(
    pool: &SqlitePool,
    id: PersonId,
) -> StorageResult<Vec<(CaseSummary, CaseRole)>> {
    let rows: Vec<PersonCaseRow> = sqlx::query_as(&format!(
        "SELECT cpp.role AS role, {SUMMARY_COLUMNS} FROM case_participants cpp JOIN cases c ON c.id = cpp.case_id \
         WHERE cpp.person_id = ? ORDER BY c.intake_date DESC"
    ))
    .bind(id.as_uuid())
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "person"))?;
    rows.into_iter()
        .map(|row| Ok((row.case.into_summary()?, decode(&row.role, "participant")?)))
        .collect()
}

pub async fn erase_person_identity(
    pool: &SqlitePool,
    person: PersonId,
    audit: &lantern_storage::AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "person"))?;
    let changed = sqlx::query("UPDATE persons SET identity = x'' WHERE id = ?")
        .bind(person.as_uuid())
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "person"))?
        .rows_affected();
    if changed == 0 {
        return Err(StorageError::NotFound("person"));
    }
    for sql in [
        "DELETE FROM data_keys WHERE owner_id = ?",
        "DELETE FROM person_lookup WHERE person_id = ?",
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
