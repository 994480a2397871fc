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

#[tokio::test]
async fn every_migration_reverts_cleanly() {
    let store = SqliteStorage::in_memory().await.unwrap();
    store.migrate().await.unwrap();
    let migrated = store.schema_dump().await.unwrap();
    assert!(migrated.iter().any(|t| t.contains("cases")));
    store.revert_to(0).await.unwrap();
    assert_eq!(store.schema_dump().await.unwrap(), Vec::<String>::new());
    store.migrate().await.unwrap();
    assert_eq!(store.schema_dump().await.unwrap(), migrated);
}
