//! The SQLite backend against the shared storage contract, plus its
//! migrations applied and reverted.

use lantern_store_sqlite::SqliteStorage;

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
