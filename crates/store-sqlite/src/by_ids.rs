//! Reads of many records by id: one statement per chunk of ids, since
//! sqlx hands each statement to a worker thread and a statement per record
//! makes a walk over many records a matter of round trips.

use lantern_storage::StorageResult;
use lantern_store_common::classify;
use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, QueryBuilder, Sqlite, SqlitePool};

/// Ids bound in one statement: far below SQLite's bound-parameter limit.
const IDS_PER_STATEMENT: usize = 500;

/// Runs `start`, then `(?, ?, …)` binding a chunk of `ids`, then `tail`,
/// for each chunk, and maps every row. `start` ends with `… IN `.
pub(crate) async fn fetch_by_ids<R, T>(
    pool: &SqlitePool,
    ids: &[uuid::Uuid],
    start: impl Fn() -> QueryBuilder<'static, Sqlite>,
    tail: &str,
    what: &'static str,
    map: impl Fn(R) -> StorageResult<T>,
) -> StorageResult<Vec<T>>
where
    R: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
{
    let mut found = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(IDS_PER_STATEMENT) {
        let mut query = start();
        query.push("(");
        let mut list = query.separated(", ");
        for id in chunk {
            list.push_bind(*id);
        }
        list.push_unseparated(")");
        query.push(tail);
        for row in query
            .build_query_as::<R>()
            .fetch_all(pool)
            .await
            .map_err(|e| classify(e, what))?
        {
            found.push(map(row)?);
        }
    }
    Ok(found)
}

/// The uuids of typed ids, for [`fetch_by_ids`].
pub(crate) fn uuids<T>(ids: &[lantern_domain::Id<T>]) -> Vec<uuid::Uuid> {
    ids.iter().map(|id| id.as_uuid()).collect()
}
