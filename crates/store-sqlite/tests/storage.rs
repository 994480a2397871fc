//! The SQLite backend against the shared storage contract, its migrations
//! applied and reverted, and a bulk import read back.

// Test code: helpers outside `#[test]` functions fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use lantern_store_sqlite::SqliteStorage;

async fn count(store: &SqliteStorage, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(store.pool())
        .await
        .unwrap()
}

/// Imports more rows than one multi-row statement holds (SQLite's limit of
/// bound parameters) and reads them back.
#[tokio::test]
async fn bulk_import_reads_back() {
    use lantern_storage::conformance::bulk;
    let cases = bulk::import_size(3_000);
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStorage::open(&dir.path().join("lantern.db"))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    bulk::bulk_import_reads_back(&store, cases).await;
    for (table, rows) in bulk::expected_rows(cases) {
        assert_eq!(count(&store, table).await, rows, "{table}");
    }
    assert_eq!(store.integrity_check().await.unwrap(), "ok");
}

#[tokio::test]
async fn sqlite_meets_the_storage_contract() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStorage::open(&dir.path().join("lantern.db"))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    lantern_storage::conformance::run(&store).await;
}

/// Each migration's down script undoes exactly its up script: reverting the
/// newest migrations one at a time and re-applying them gives back the same
/// schema, and reverting everything leaves nothing.
#[tokio::test]
async fn every_migration_reverts_cleanly() {
    let store = SqliteStorage::in_memory().await.unwrap();
    store.migrate().await.unwrap();
    let migrated = store.schema_dump().await.unwrap();
    assert!(migrated.iter().any(|t| t.contains("cases")));
    // Reversible migrations appear twice (up and down): count each once.
    let mut versions: Vec<i64> = lantern_store_sqlite::MIGRATOR
        .iter()
        .map(|m| m.version)
        .collect();
    versions.dedup();
    for (index, _) in versions.iter().enumerate().rev() {
        let previous = if index == 0 { 0 } else { versions[index - 1] };
        store.revert_to(previous).await.unwrap();
        assert_ne!(
            store.schema_dump().await.unwrap(),
            migrated,
            "reverting to {previous} changed the schema"
        );
        store.migrate().await.unwrap();
        assert_eq!(
            store.schema_dump().await.unwrap(),
            migrated,
            "re-applying after {previous}"
        );
        store.revert_to(previous).await.unwrap();
    }
    assert_eq!(store.schema_dump().await.unwrap(), Vec::<String>::new());
    store.migrate().await.unwrap();
    assert_eq!(store.schema_dump().await.unwrap(), migrated);
}
