//! Whole-data-set import in one transaction.
//!
//! Rows go in as column arrays, `INSERT … SELECT * FROM UNNEST($1::uuid[],
//! …)`, a few thousand rows per statement: one round trip and one prepared
//! statement per batch instead of per row, which is what makes loading a
//! hundred thousand demo cases a matter of seconds.

use lantern_domain::case::Case;
use lantern_domain::event::CaseEvent;
use lantern_domain::text::search_fold;
use lantern_domain::user::{Office, User};
use lantern_domain::vocab::{CaseRole, Vocabulary};
use lantern_domain::{CaseId, PersonId};
use lantern_storage::{
    Dataset, ImportCounts, ReferenceCounter, StorageResult, StoredCase, StoredEvent, StoredPerson,
};
use lantern_store_common::{classify, exploitation_rows, team_rows};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// Rows per statement: large enough that round trips stop mattering, small
/// enough to keep each bound array a few megabytes at most.
const BATCH: usize = 5_000;

pub async fn import(pool: &PgPool, data: &Dataset) -> StorageResult<ImportCounts> {
    let mut tx = pool.begin().await.map_err(|e| classify(e, "import"))?;
    for chunk in data.offices.chunks(BATCH) {
        insert_offices(&mut tx, chunk).await?;
    }
    for chunk in data.users.chunks(BATCH) {
        insert_users(&mut tx, chunk).await?;
    }
    for chunk in data.cases.chunks(BATCH) {
        insert_cases(&mut tx, chunk).await?;
    }
    let exploitation = exploitation_rows(data.cases.iter().map(|c| &c.case));
    for chunk in exploitation.chunks(BATCH) {
        insert_exploitation(&mut tx, chunk).await?;
    }
    let team = team_rows(data.cases.iter().map(|c| &c.case));
    for chunk in team.chunks(BATCH) {
        insert_team(&mut tx, chunk).await?;
    }
    for chunk in data.persons.chunks(BATCH) {
        insert_persons(&mut tx, chunk).await?;
    }
    for chunk in data.participants.chunks(BATCH) {
        insert_participants(&mut tx, chunk).await?;
    }
    for chunk in data.events.chunks(BATCH) {
        insert_events(&mut tx, chunk).await?;
    }
    for chunk in data.entities.chunks(BATCH) {
        crate::entities::insert_entities(&mut tx, chunk).await?;
    }
    for chunk in data.counters.chunks(BATCH) {
        upsert_counters(&mut tx, chunk).await?;
    }
    tx.commit().await.map_err(|e| classify(e, "import"))?;
    // Fresh statistics: without them the planner takes the bulk-loaded
    // tables for empty and scans them whole.
    sqlx::query("ANALYZE")
        .execute(pool)
        .await
        .map_err(|e| classify(e, "import"))?;
    let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    Ok(ImportCounts {
        offices: count(data.offices.len()),
        users: count(data.users.len()),
        cases: count(data.cases.len()),
        persons: count(data.persons.len()),
        events: count(data.events.len()),
    })
}

async fn insert_offices(conn: &mut PgConnection, rows: &[Office]) -> StorageResult<()> {
    let id: Vec<Uuid> = rows.iter().map(|o| o.id.as_uuid()).collect();
    let code: Vec<&str> = rows.iter().map(|o| o.code.as_str()).collect();
    let name: Vec<&str> = rows.iter().map(|o| o.name.as_str()).collect();
    let country: Vec<&str> = rows.iter().map(|o| o.country.as_str()).collect();
    let region: Vec<&str> = rows.iter().map(|o| o.region.as_str()).collect();
    sqlx::query(
        "INSERT INTO offices (id, code, name, country, region) \
         SELECT * FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])",
    )
    .bind(id)
    .bind(code)
    .bind(name)
    .bind(country)
    .bind(region)
    .execute(conn)
    .await
    .map_err(|e| classify(e, "office"))?;
    Ok(())
}

async fn insert_users(conn: &mut PgConnection, rows: &[(User, String)]) -> StorageResult<()> {
    let id: Vec<Uuid> = rows.iter().map(|(u, _)| u.id.as_uuid()).collect();
    let username: Vec<&str> = rows.iter().map(|(u, _)| u.username.as_str()).collect();
    let display_name: Vec<&str> = rows.iter().map(|(u, _)| u.display_name.as_str()).collect();
    let password_hash: Vec<&str> = rows.iter().map(|(_, h)| h.as_str()).collect();
    let role: Vec<&str> = rows.iter().map(|(u, _)| u.role.code()).collect();
    let office_id: Vec<Uuid> = rows.iter().map(|(u, _)| u.office_id.as_uuid()).collect();
    let language: Vec<&str> = rows.iter().map(|(u, _)| u.language.as_str()).collect();
    let disabled: Vec<bool> = rows.iter().map(|(u, _)| u.disabled).collect();
    let created_at: Vec<_> = rows.iter().map(|(u, _)| u.created_at).collect();
    sqlx::query(
        "INSERT INTO users (id, username, display_name, password_hash, role, office_id, language, disabled, created_at) \
         SELECT * FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], \
         $7::text[], $8::bool[], $9::timestamptz[])",
    )
    .bind(id)
    .bind(username)
    .bind(display_name)
    .bind(password_hash)
    .bind(role)
    .bind(office_id)
    .bind(language)
    .bind(disabled)
    .bind(created_at)
    .execute(&mut *conn)
    .await
    .map_err(|e| classify(e, "user"))?;
    let supervisors: Vec<Uuid> = rows
        .iter()
        .filter(|(u, _)| u.supervisor)
        .map(|(u, _)| u.id.as_uuid())
        .collect();
    sqlx::query("INSERT INTO supervisors (user_id) SELECT * FROM UNNEST($1::uuid[])")
        .bind(supervisors)
        .execute(conn)
        .await
        .map_err(|e| classify(e, "user"))?;
    Ok(())
}

async fn insert_cases(conn: &mut PgConnection, stored: &[StoredCase]) -> StorageResult<()> {
    let summary: Vec<Option<&[u8]>> = stored
        .iter()
        .map(|c| c.summary.as_ref().map(|s| s.0.as_slice()))
        .collect();
    let rows: Vec<&Case> = stored.iter().map(|c| &c.case).collect();
    let id: Vec<Uuid> = rows.iter().map(|c| c.id.as_uuid()).collect();
    let reference: Vec<&str> = rows.iter().map(|c| c.reference.as_str()).collect();
    let intake_date: Vec<_> = rows.iter().map(|c| c.details.intake_date).collect();
    let intake_source: Vec<&str> = rows
        .iter()
        .map(|c| c.details.intake_source.code())
        .collect();
    let status: Vec<&str> = rows.iter().map(|c| c.details.status.code()).collect();
    let recruitment: Vec<Option<&str>> = rows
        .iter()
        .map(|c| c.details.place_of_recruitment.as_deref())
        .collect();
    let exploitation: Vec<Option<&str>> = rows
        .iter()
        .map(|c| c.details.place_of_exploitation.as_deref())
        .collect();
    let office_id: Vec<Uuid> = rows
        .iter()
        .map(|c| c.details.owning_office.as_uuid())
        .collect();
    let created_by: Vec<Option<Uuid>> = rows
        .iter()
        .map(|c| c.created_by.map(|u| u.as_uuid()))
        .collect();
    let created_at: Vec<_> = rows.iter().map(|c| c.created_at).collect();
    let updated_at: Vec<_> = rows.iter().map(|c| c.updated_at).collect();
    sqlx::query(
        "INSERT INTO cases (id, reference, intake_date, intake_source, status, place_of_recruitment, \
         place_of_exploitation, summary_sealed, office_id, created_by, created_at, updated_at) \
         SELECT * FROM UNNEST($1::uuid[], $2::text[], $3::date[], $4::text[], $5::text[], $6::text[], \
         $7::text[], $8::bytea[], $9::uuid[], $10::uuid[], $11::timestamptz[], $12::timestamptz[])",
    )
    .bind(id)
    .bind(reference)
    .bind(intake_date)
    .bind(intake_source)
    .bind(status)
    .bind(recruitment)
    .bind(exploitation)
    .bind(summary)
    .bind(office_id)
    .bind(created_by)
    .bind(created_at)
    .bind(updated_at)
    .execute(&mut *conn)
    .await
    .map_err(|e| classify(e, "case"))?;
    let keyed: Vec<&StoredCase> = stored.iter().filter(|c| c.data_key.is_some()).collect();
    let owner: Vec<Uuid> = keyed.iter().map(|c| c.case.id.as_uuid()).collect();
    let wrapped: Vec<&[u8]> = keyed.iter().filter_map(|c| c.data_key.as_deref()).collect();
    let keyed_at: Vec<_> = keyed.iter().map(|c| c.case.created_at).collect();
    insert_data_keys(conn, owner, wrapped, keyed_at).await
}

async fn insert_exploitation(conn: &mut PgConnection, rows: &[(Uuid, &str)]) -> StorageResult<()> {
    let case_id: Vec<Uuid> = rows.iter().map(|(c, _)| *c).collect();
    let kind: Vec<&str> = rows.iter().map(|(_, k)| *k).collect();
    sqlx::query(
        "INSERT INTO case_exploitation (case_id, exploitation_type) \
         SELECT * FROM UNNEST($1::uuid[], $2::text[])",
    )
    .bind(case_id)
    .bind(kind)
    .execute(conn)
    .await
    .map_err(|e| classify(e, "case"))?;
    Ok(())
}

async fn insert_team(conn: &mut PgConnection, rows: &[(Uuid, Uuid)]) -> StorageResult<()> {
    let case_id: Vec<Uuid> = rows.iter().map(|(c, _)| *c).collect();
    let user_id: Vec<Uuid> = rows.iter().map(|(_, u)| *u).collect();
    sqlx::query(
        "INSERT INTO case_team (case_id, user_id) SELECT * FROM UNNEST($1::uuid[], $2::uuid[])",
    )
    .bind(case_id)
    .bind(user_id)
    .execute(conn)
    .await
    .map_err(|e| classify(e, "team member"))?;
    Ok(())
}

async fn insert_persons(conn: &mut PgConnection, rows: &[StoredPerson]) -> StorageResult<()> {
    let id: Vec<Uuid> = rows.iter().map(|p| p.id.as_uuid()).collect();
    let office_id: Vec<Uuid> = rows.iter().map(|p| p.office_id.as_uuid()).collect();
    let pseudonym: Vec<&str> = rows.iter().map(|p| p.profile.pseudonym.as_str()).collect();
    let folded: Vec<String> = rows
        .iter()
        .map(|p| search_fold(&p.profile.pseudonym))
        .collect();
    let age_band: Vec<&str> = rows.iter().map(|p| p.profile.age_band.code()).collect();
    let gender: Vec<&str> = rows.iter().map(|p| p.profile.gender.code()).collect();
    let identity: Vec<&[u8]> = rows.iter().map(|p| p.identity.0.as_slice()).collect();
    let created_at: Vec<_> = rows.iter().map(|p| p.created_at).collect();
    let updated_at: Vec<_> = rows.iter().map(|p| p.updated_at).collect();
    sqlx::query(
        "INSERT INTO persons (id, office_id, pseudonym, pseudonym_folded, age_band, gender, identity, created_at, updated_at) \
         SELECT * FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], \
         $7::bytea[], $8::timestamptz[], $9::timestamptz[])",
    )
    .bind(id)
    .bind(office_id)
    .bind(pseudonym)
    .bind(folded)
    .bind(age_band)
    .bind(gender)
    .bind(identity)
    .bind(created_at)
    .bind(updated_at)
    .execute(&mut *conn)
    .await
    .map_err(|e| classify(e, "person"))?;
    let keyed: Vec<&StoredPerson> = rows.iter().filter(|p| p.data_key.is_some()).collect();
    let owner: Vec<Uuid> = keyed.iter().map(|p| p.id.as_uuid()).collect();
    let wrapped: Vec<&[u8]> = keyed.iter().filter_map(|p| p.data_key.as_deref()).collect();
    let keyed_at: Vec<_> = keyed.iter().map(|p| p.created_at).collect();
    insert_data_keys(conn, owner, wrapped, keyed_at).await?;
    let mut lookups: Vec<(&[u8], Uuid)> = rows
        .iter()
        .flat_map(|p| {
            p.lookups
                .iter()
                .map(move |d| (d.as_slice(), p.id.as_uuid()))
        })
        .collect();
    lookups.sort_unstable();
    lookups.dedup();
    let digest: Vec<&[u8]> = lookups.iter().map(|(d, _)| *d).collect();
    let person: Vec<Uuid> = lookups.iter().map(|(_, p)| *p).collect();
    sqlx::query("INSERT INTO person_lookup (digest, person_id) SELECT * FROM UNNEST($1::bytea[], $2::uuid[])")
        .bind(digest)
        .bind(person)
        .execute(conn)
        .await
        .map_err(|e| classify(e, "person"))?;
    Ok(())
}

/// Wrapped data keys, one per owner, as column arrays.
pub(crate) async fn insert_data_keys(
    conn: &mut PgConnection,
    owner: Vec<Uuid>,
    wrapped: Vec<&[u8]>,
    at: Vec<chrono::DateTime<chrono::Utc>>,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO data_keys (owner_id, wrapped, created_at) \
         SELECT * FROM UNNEST($1::uuid[], $2::bytea[], $3::timestamptz[])",
    )
    .bind(owner)
    .bind(wrapped)
    .bind(at)
    .execute(&mut *conn)
    .await
    .map_err(|e| classify(e, "data key"))?;
    Ok(())
}

async fn insert_participants(
    conn: &mut PgConnection,
    rows: &[(CaseId, PersonId, CaseRole)],
) -> StorageResult<()> {
    let case_id: Vec<Uuid> = rows.iter().map(|(c, _, _)| c.as_uuid()).collect();
    let person_id: Vec<Uuid> = rows.iter().map(|(_, p, _)| p.as_uuid()).collect();
    let role: Vec<&str> = rows.iter().map(|(_, _, r)| r.code()).collect();
    sqlx::query(
        "INSERT INTO case_participants (case_id, person_id, role) \
         SELECT * FROM UNNEST($1::uuid[], $2::uuid[], $3::text[])",
    )
    .bind(case_id)
    .bind(person_id)
    .bind(role)
    .execute(conn)
    .await
    .map_err(|e| classify(e, "participant"))?;
    Ok(())
}

/// Titles and notes are stored sealed only.
async fn insert_events(conn: &mut PgConnection, stored: &[StoredEvent]) -> StorageResult<()> {
    let title: Vec<Option<&[u8]>> = stored
        .iter()
        .map(|e| e.title.as_ref().map(|t| t.0.as_slice()))
        .collect();
    let note: Vec<Option<&[u8]>> = stored
        .iter()
        .map(|e| e.note.as_ref().map(|t| t.0.as_slice()))
        .collect();
    let rows: Vec<&CaseEvent> = stored.iter().map(|e| &e.event).collect();
    let id: Vec<Uuid> = rows.iter().map(|e| e.id.as_uuid()).collect();
    let case_id: Vec<Uuid> = rows.iter().map(|e| e.case_id.as_uuid()).collect();
    let occurred_on: Vec<_> = rows.iter().map(|e| e.details.occurred_on).collect();
    let kind: Vec<&str> = rows.iter().map(|e| e.details.kind.code()).collect();
    let recorded_by: Vec<Option<Uuid>> = rows
        .iter()
        .map(|e| e.recorded_by.map(|u| u.as_uuid()))
        .collect();
    let recorded_at: Vec<_> = rows.iter().map(|e| e.recorded_at).collect();
    sqlx::query(
        "INSERT INTO case_events (id, case_id, occurred_on, kind, title, title_sealed, note_sealed, recorded_by, recorded_at) \
         SELECT id, case_id, occurred_on, kind, '', title_sealed, note_sealed, recorded_by, recorded_at \
         FROM UNNEST($1::uuid[], $2::uuid[], $3::date[], $4::text[], $5::bytea[], $6::bytea[], \
         $7::uuid[], $8::timestamptz[]) \
         AS t(id, case_id, occurred_on, kind, title_sealed, note_sealed, recorded_by, recorded_at)",
    )
    .bind(id)
    .bind(case_id)
    .bind(occurred_on)
    .bind(kind)
    .bind(title)
    .bind(note)
    .bind(recorded_by)
    .bind(recorded_at)
    .execute(conn)
    .await
    .map_err(|e| classify(e, "case"))?;
    Ok(())
}

/// Raises each office's counter to at least the imported value, never
/// lowering one already ahead. Rows for the same office and year within a
/// batch are folded first: one statement may not update a row twice.
async fn upsert_counters(conn: &mut PgConnection, rows: &[ReferenceCounter]) -> StorageResult<()> {
    let office_id: Vec<Uuid> = rows.iter().map(|c| c.office_id.as_uuid()).collect();
    let year: Vec<i32> = rows.iter().map(|c| c.year).collect();
    let last_sequence: Vec<i64> = rows.iter().map(|c| i64::from(c.last_sequence)).collect();
    sqlx::query(
        "INSERT INTO case_counters (office_id, year, last_sequence) \
         SELECT office_id, year, MAX(last_sequence) \
         FROM UNNEST($1::uuid[], $2::int4[], $3::int8[]) AS t(office_id, year, last_sequence) \
         GROUP BY office_id, year \
         ON CONFLICT (office_id, year) \
         DO UPDATE SET last_sequence = GREATEST(case_counters.last_sequence, EXCLUDED.last_sequence)",
    )
    .bind(office_id)
    .bind(year)
    .bind(last_sequence)
    .execute(conn)
    .await
    .map_err(|e| classify(e, "case reference"))?;
    Ok(())
}
