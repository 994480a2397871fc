//! Whole-data-set import in one transaction.

use lantern_storage::{Dataset, ImportCounts, StorageResult};
use lantern_store_common::classify;
use sqlx::SqlitePool;

use crate::cases::{insert_case_row, insert_event_row};
use crate::people::{insert_participant_row, insert_person_row};
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
    // The blind-index table takes dozens of rows per person in random key
    // order; a cache that holds it keeps the bulk load off the disk. Set back
    // below for the connection's ordinary work.
    set_cache_pages(&mut tx, IMPORT_CACHE_KIB).await?;
    for office in &data.offices {
        sqlx::query("INSERT INTO offices (id, code, name, country, region) VALUES (?, ?, ?, ?, ?)")
            .bind(office.id.as_uuid())
            .bind(&office.code)
            .bind(&office.name)
            .bind(office.country.as_str())
            .bind(&office.region)
            .execute(&mut *tx)
            .await
            .map_err(|e| classify(e, "office"))?;
    }
    for (user, hash) in &data.users {
        insert_user_row(&mut tx, user, hash).await?;
    }
    for case in &data.cases {
        insert_case_row(&mut tx, case).await?;
    }
    for person in &data.persons {
        insert_person_row(&mut tx, person).await?;
    }
    for (case, person, role) in &data.participants {
        insert_participant_row(&mut tx, *case, *person, *role).await?;
    }
    for event in &data.events {
        insert_event_row(&mut tx, event).await?;
    }
    for entity in &data.entities {
        crate::entities::insert_entity_row(&mut tx, entity).await?;
    }
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
