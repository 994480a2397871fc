//! The PostgreSQL backend against the shared storage contract, its
//! migrations applied and reverted, and a bulk import read back.
//!
//! These tests need a PostgreSQL server: `LANTERN_TEST_POSTGRES_URL`, by
//! default `postgres://postgres@127.0.0.1:5432/postgres`, with the right to
//! create databases. Each test works in a database of its own, created
//! fresh and dropped at the end. A server that cannot be reached fails the
//! tests: they never pass by skipping.

// Test code: helpers outside `#[test]` functions fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::future::Future;

use lantern_storage::{Storage, StorageError};
use lantern_store_postgres::PgStorage;

const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

fn admin_url() -> String {
    std::env::var("LANTERN_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_URL.to_owned())
}

/// The server part of a URL, without any credentials, for messages.
fn server_of(url: &str) -> &str {
    url.rsplit_once('@').map_or(url, |(_, server)| server)
}

fn error_chain(error: &StorageError) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Runs `body` against a fresh database, then drops the database whether
/// the body passed or not, and passes the body's failure on.
async fn in_fresh_database<F, Fut>(body: F)
where
    F: FnOnce(PgStorage) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let url = admin_url();
    let (store, name) = match PgStorage::create_database_for_tests(&url).await {
        Ok(created) => created,
        Err(e) => panic!(
            "cannot reach the PostgreSQL server at {} or create a test database there \
             (set LANTERN_TEST_POSTGRES_URL to a server where this user may create databases): {}",
            server_of(&url),
            error_chain(&e)
        ),
    };
    let outcome = tokio::spawn(body(store.clone())).await;
    store.close().await;
    let dropped = PgStorage::drop_database(&url, &name).await;
    if let Err(failure) = outcome {
        match failure.try_into_panic() {
            Ok(payload) => std::panic::resume_unwind(payload),
            Err(failure) => panic!("test body did not finish: {failure}"),
        }
    }
    if let Err(e) = dropped {
        panic!("cannot drop test database {name}: {}", error_chain(&e));
    }
}

#[tokio::test]
async fn postgres_meets_the_storage_contract() {
    in_fresh_database(|store| async move {
        store.migrate().await.unwrap();
        assert_eq!(store.backend_name(), "postgres");
        lantern_storage::conformance::run(&store).await;
    })
    .await;
}

#[tokio::test]
async fn every_migration_reverts_cleanly() {
    in_fresh_database(|store| async move {
        assert_eq!(store.schema_dump().await.unwrap(), Vec::<String>::new());
        store.migrate().await.unwrap();
        let migrated = store.schema_dump().await.unwrap();
        for expected in [
            "relation cases kind r",
            "column cases.0002 reference text COLLATE \"C\" NOT NULL",
            "column users.0008 disabled boolean NOT NULL DEFAULT false",
            "index persons.persons_by_pseudonym: CREATE INDEX persons_by_pseudonym ON public.persons USING btree (pseudonym_folded)",
            "constraint case_counters.case_counters_pkey: PRIMARY KEY (office_id, year)",
        ] {
            assert!(
                migrated.iter().any(|line| line == expected),
                "missing from the schema dump: {expected}\n{migrated:#?}"
            );
        }
        assert!(migrated.iter().all(|line| !line.contains("_sqlx_migrations")));
        // Each down script undoes its up script: revert the newest ones one
        // at a time, re-apply, and the schema must come back the same.
        // Reversible migrations appear twice (up and down): count each once.
        let mut versions: Vec<i64> = lantern_store_postgres::MIGRATOR.iter().map(|m| m.version).collect();
        versions.dedup();
        for index in (0..versions.len()).rev() {
            let previous = if index == 0 { 0 } else { versions[index - 1] };
            store.revert_to(previous).await.unwrap();
            assert_ne!(store.schema_dump().await.unwrap(), migrated);
            store.migrate().await.unwrap();
            assert_eq!(store.schema_dump().await.unwrap(), migrated, "re-applying after {previous}");
            store.revert_to(previous).await.unwrap();
        }
        store.migrate().await.unwrap();
        store.revert_to(0).await.unwrap();
        assert_eq!(store.schema_dump().await.unwrap(), Vec::<String>::new());
        store.migrate().await.unwrap();
        assert_eq!(store.schema_dump().await.unwrap(), migrated);
    })
    .await;
}

async fn count(store: &PgStorage, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(store.pool())
        .await
        .unwrap()
}

/// Imports more rows than one batch holds and reads them back.
#[tokio::test]
async fn bulk_import_reads_back() {
    use lantern_storage::conformance::bulk;
    let cases = bulk::import_size(6_000);
    in_fresh_database(move |store| async move {
        store.migrate().await.unwrap();
        bulk::bulk_import_reads_back(&store, cases).await;
        for (table, rows) in bulk::expected_rows(cases) {
            assert_eq!(count(&store, table).await, rows, "{table}");
        }
    })
    .await;
}
