//! Whole-data-set import in one transaction.
//!
//! Rows go in as multi-row INSERT statements (`bulk::Insert`), and the
//! blind-index rows in the order of their primary key, so the B-trees grow
//! at their right edge instead of splitting pages all over. The secondary
//! indexes of the tables filled are dropped for the load and built again
//! from their own definitions after it: one sort each instead of millions
//! of inserts in random order.

use chrono::{DateTime, Utc};
use lantern_domain::text::search_fold;
use lantern_domain::vocab::Vocabulary;
use lantern_storage::{Dataset, ImportCounts, StorageResult};
use lantern_store_common::{classify, exploitation_rows, team_rows};
use sqlx::{SqliteConnection, SqlitePool};
use uuid::Uuid;

use crate::bulk::Insert;
use crate::users::insert_user_row;

/// Page cache for a bulk load, in KiB.
const IMPORT_CACHE_KIB: u32 = 128 * 1024;

async fn set_cache_pages(conn: &mut sqlx::SqliteConnection, kib: u32) -> StorageResult<()> {
    // PRAGMA takes no bound parameters; the value is a constant of ours.
    sqlx::query(&format!("PRAGMA cache_size = -{kib}"))
        .execute(conn)
        .await
        .map_err(|e| classify(e, "import"))?;
    Ok(())
}

pub async fn import(pool: &SqlitePool, data: &Dataset) -> StorageResult<ImportCounts> {
    let mut tx = pool.begin().await.map_err(|e| classify(e, "import"))?;
    // The blind-index tables take dozens of rows per person; a cache that
    // holds them keeps the bulk load off the disk. Set back below for the
    // connection's ordinary work.
    set_cache_pages(&mut tx, IMPORT_CACHE_KIB).await?;
    let indexes = drop_secondary_indexes(&mut tx).await?;
    insert_offices_and_users(&mut tx, data).await?;
    insert_cases(&mut tx, data).await?;
    insert_people(&mut tx, data).await?;
    insert_timeline(&mut tx, data).await?;
    insert_entities(&mut tx, data).await?;
    insert_data_keys(&mut tx, data).await?;
    for counter in &data.counters {
        sqlx::query(
            "INSERT INTO case_counters (office_id, year, last_sequence) VALUES (?, ?, ?) \
             ON CONFLICT (office_id, year) DO UPDATE SET last_sequence = MAX(last_sequence, excluded.last_sequence)",
        )
        .bind(counter.office_id.as_uuid())
        .bind(counter.year)
        .bind(i64::from(counter.last_sequence))
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "case reference"))?;
    }
    for (_, definition) in &indexes {
        // Our own schema's statements, read back from sqlite_schema.
        sqlx::query(definition)
            .execute(&mut *tx)
            .await
            .map_err(|e| classify(e, "import"))?;
    }
    set_cache_pages(&mut tx, crate::CACHE_KIB).await?;
    tx.commit().await.map_err(|e| classify(e, "import"))?;
    // Fresh statistics, so the planner knows the tables are no longer small.
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

/// The tables a bulk load fills with many rows.
const BULK_TABLES: [&str; 7] = [
    "cases",
    "persons",
    "person_lookup",
    "case_participants",
    "case_events",
    "case_entities",
    "entity_lookup",
];

/// Drops the explicitly created indexes (not primary keys or UNIQUE
/// constraints) of the bulk-loaded tables, returning each one's name and
/// `CREATE INDEX` statement. Inside the import's transaction: a failed
/// load rolls the drop back too.
async fn drop_secondary_indexes(
    conn: &mut SqliteConnection,
) -> StorageResult<Vec<(String, String)>> {
    let mut query = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ",
    );
    query.push("(");
    let mut tables = query.separated(", ");
    for table in BULK_TABLES {
        tables.push_bind(table);
    }
    tables.push_unseparated(")");
    let indexes: Vec<(String, String)> = query
        .build_query_as()
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| classify(e, "import"))?;
    for (name, _) in &indexes {
        // DDL takes no bound parameters; the name is our schema's own,
        // quoted as an identifier.
        sqlx::query(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))
            .execute(&mut *conn)
            .await
            .map_err(|e| classify(e, "import"))?;
    }
    Ok(indexes)
}

async fn insert_offices_and_users(
    conn: &mut SqliteConnection,
    data: &Dataset,
) -> StorageResult<()> {
    Insert {
        head: "INSERT INTO offices (id, code, name, country, region) ",
        columns: 5,
        tail: "",
        what: "office",
    }
    .rows(conn, &data.offices, |row, office| {
        row.push_bind(office.id.as_uuid())
            .push_bind(office.code.as_str())
            .push_bind(office.name.as_str())
            .push_bind(office.country.as_str())
            .push_bind(office.region.as_str());
    })
    .await?;
    // A few dozen accounts: one statement each costs nothing.
    for (user, hash) in &data.users {
        insert_user_row(conn, user, hash).await?;
    }
    Ok(())
}

async fn insert_cases(conn: &mut SqliteConnection, data: &Dataset) -> StorageResult<()> {
    Insert {
        head: "INSERT INTO cases (id, reference, intake_date, intake_source, status, place_of_recruitment, \
               place_of_exploitation, summary_sealed, office_id, created_by, created_at, updated_at) ",
        columns: 12,
        tail: "",
        what: "case",
    }
    .rows(conn, &data.cases, |row, stored| {
        let case = &stored.case;
        let d = &case.details;
        row.push_bind(case.id.as_uuid())
            .push_bind(case.reference.as_str())
            .push_bind(d.intake_date)
            .push_bind(d.intake_source.code())
            .push_bind(d.status.code())
            .push_bind(d.place_of_recruitment.as_deref())
            .push_bind(d.place_of_exploitation.as_deref())
            .push_bind(stored.summary.as_ref().map(|s| s.0.as_slice()))
            .push_bind(d.owning_office.as_uuid())
            .push_bind(case.created_by.map(|u| u.as_uuid()))
            .push_bind(case.created_at)
            .push_bind(case.updated_at);
    })
    .await?;
    let exploitation = exploitation_rows(data.cases.iter().map(|c| &c.case));
    Insert {
        head: "INSERT INTO case_exploitation (case_id, exploitation_type) ",
        columns: 2,
        tail: "",
        what: "case",
    }
    .rows(conn, &exploitation, |row, (case, kind)| {
        row.push_bind(*case).push_bind(*kind);
    })
    .await?;
    let team = team_rows(data.cases.iter().map(|c| &c.case));
    Insert {
        head: "INSERT INTO case_team (case_id, user_id) ",
        columns: 2,
        tail: "",
        what: "team member",
    }
    .rows(conn, &team, |row, (case, user)| {
        row.push_bind(*case).push_bind(*user);
    })
    .await
}

async fn insert_people(conn: &mut SqliteConnection, data: &Dataset) -> StorageResult<()> {
    Insert {
        head: "INSERT INTO persons (id, office_id, pseudonym, pseudonym_folded, age_band, gender, identity, \
               created_at, updated_at) ",
        columns: 9,
        tail: "",
        what: "person",
    }
    .rows(conn, &data.persons, |row, person| {
        row.push_bind(person.id.as_uuid())
            .push_bind(person.office_id.as_uuid())
            .push_bind(person.profile.pseudonym.as_str())
            .push_bind(search_fold(&person.profile.pseudonym))
            .push_bind(person.profile.age_band.code())
            .push_bind(person.profile.gender.code())
            .push_bind(person.identity.0.as_slice())
            .push_bind(person.created_at)
            .push_bind(person.updated_at);
    })
    .await?;
    let mut lookups: Vec<(&[u8], Uuid)> = data
        .persons
        .iter()
        .flat_map(|p| p.lookups.iter().map(|d| (d.as_slice(), p.id.as_uuid())))
        .collect();
    lookups.sort_unstable();
    insert_lookups(
        conn,
        "INSERT INTO person_lookup (digest, person_id) ",
        &lookups,
    )
    .await?;
    Insert {
        head: "INSERT INTO case_participants (case_id, person_id, role) ",
        columns: 3,
        tail: "",
        what: "participant",
    }
    .rows(conn, &data.participants, |row, (case, person, role)| {
        row.push_bind(case.as_uuid())
            .push_bind(person.as_uuid())
            .push_bind(role.code());
    })
    .await
}

/// Digest rows, sorted by their primary key `(digest, owner)`.
async fn insert_lookups(
    conn: &mut SqliteConnection,
    head: &'static str,
    sorted: &[(&[u8], Uuid)],
) -> StorageResult<()> {
    Insert {
        head,
        columns: 2,
        tail: " ON CONFLICT DO NOTHING",
        what: "lookup",
    }
    .rows(conn, sorted, |row, (digest, owner)| {
        row.push_bind(*digest).push_bind(*owner);
    })
    .await
}

/// Titles and notes are stored sealed only; the clear title column,
/// required by the schema, stays empty.
async fn insert_timeline(conn: &mut SqliteConnection, data: &Dataset) -> StorageResult<()> {
    Insert {
        head: "INSERT INTO case_events (id, case_id, occurred_on, kind, title, title_sealed, note_sealed, \
               recorded_by, recorded_at) ",
        columns: 9,
        tail: "",
        what: "case",
    }
    .rows(conn, &data.events, |row, stored| {
        let event = &stored.event;
        row.push_bind(event.id.as_uuid())
            .push_bind(event.case_id.as_uuid())
            .push_bind(event.details.occurred_on)
            .push_bind(event.details.kind.code())
            .push_bind("")
            .push_bind(stored.title.as_ref().map(|t| t.0.as_slice()))
            .push_bind(stored.note.as_ref().map(|t| t.0.as_slice()))
            .push_bind(event.recorded_by.map(|u| u.as_uuid()))
            .push_bind(event.recorded_at);
    })
    .await
}

async fn insert_entities(conn: &mut SqliteConnection, data: &Dataset) -> StorageResult<()> {
    Insert {
        head: "INSERT INTO case_entities (id, case_id, kind, establishment_kind, identity, created_by, created_at) ",
        columns: 7,
        tail: "",
        what: "entity",
    }
    .rows(conn, &data.entities, |row, entity| {
        row.push_bind(entity.id.as_uuid())
            .push_bind(entity.case_id.as_uuid())
            .push_bind(entity.kind.code())
            .push_bind(entity.establishment_kind.map(|k| k.code()))
            .push_bind(entity.identity.0.as_slice())
            .push_bind(entity.created_by.map(|u| u.as_uuid()))
            .push_bind(entity.created_at);
    })
    .await?;
    let mut lookups: Vec<(&[u8], Uuid)> = data
        .entities
        .iter()
        .flat_map(|e| e.lookups.iter().map(|d| (d.as_slice(), e.id.as_uuid())))
        .collect();
    lookups.sort_unstable();
    insert_lookups(
        conn,
        "INSERT INTO entity_lookup (digest, entity_id) ",
        &lookups,
    )
    .await
}

/// The wrapped data keys of every case, person and entity, in key order.
async fn insert_data_keys(conn: &mut SqliteConnection, data: &Dataset) -> StorageResult<()> {
    let cases = data.cases.iter().filter_map(|c| {
        Some((
            c.case.id.as_uuid(),
            c.data_key.as_deref()?,
            c.case.created_at,
        ))
    });
    let people = data
        .persons
        .iter()
        .filter_map(|p| Some((p.id.as_uuid(), p.data_key.as_deref()?, p.created_at)));
    let entities = data
        .entities
        .iter()
        .filter_map(|e| Some((e.id.as_uuid(), e.data_key.as_deref()?, e.created_at)));
    let mut keys: Vec<(Uuid, &[u8], DateTime<Utc>)> = cases.chain(people).chain(entities).collect();
    keys.sort_unstable_by_key(|(owner, _, _)| *owner);
    Insert {
        head: "INSERT INTO data_keys (owner_id, wrapped, created_at) ",
        columns: 3,
        tail: "",
        what: "data key",
    }
    .rows(conn, &keys, |row, (owner, wrapped, at)| {
        row.push_bind(*owner).push_bind(*wrapped).push_bind(*at);
    })
    .await
}
