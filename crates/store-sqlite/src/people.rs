//! People and their parts in cases.

use lantern_domain::case::CaseSummary;
use lantern_domain::text::search_fold;
use lantern_domain::vocab::{CaseRole, Vocabulary};
use lantern_domain::{CaseId, PersonId};
use lantern_storage::{StorageError, StorageResult, StoredPerson};
use lantern_store_common::{classify, decode, CaseSummaryRow, PersonRow};
use sqlx::{SqliteConnection, SqlitePool};

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
    .execute(conn)
    .await
    .map_err(|e| classify(e, "person"))?;
    Ok(())
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
) -> StorageResult<()> {
    let mut tx = pool.begin().await.map_err(|e| classify(e, "person"))?;
    insert_person_row(&mut tx, person).await?;
    insert_participant_row(&mut tx, case, person.id, role).await?;
    tx.commit().await.map_err(|e| classify(e, "person"))
}

pub async fn add_participant(
    pool: &SqlitePool,
    case: CaseId,
    person: PersonId,
    role: CaseRole,
) -> StorageResult<()> {
    let mut conn = pool
        .acquire()
        .await
        .map_err(|e| classify(e, "participant"))?;
    insert_participant_row(&mut conn, case, person, role).await
}

pub async fn update_person(pool: &SqlitePool, person: &StoredPerson) -> StorageResult<()> {
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
    .execute(pool)
    .await
    .map_err(|e| classify(e, "person"))?
    .rows_affected();
    if changed == 0 {
        return Err(StorageError::NotFound("person"));
    }
    Ok(())
}

pub async fn get_person(pool: &SqlitePool, id: PersonId) -> StorageResult<Option<StoredPerson>> {
    sqlx::query_as::<_, PersonRow>(
        "SELECT id, office_id, pseudonym, age_band, gender, identity, created_at, updated_at FROM persons WHERE id = ?",
    )
    .bind(id.as_uuid())
    .fetch_optional(pool)
    .await
    .map_err(|e| classify(e, "person"))?
    .map(PersonRow::into_person)
    .transpose()
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
