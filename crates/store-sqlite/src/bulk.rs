//! Multi-row INSERT statements for bulk writes.
//!
//! sqlx hands every SQLite statement to a worker thread; a statement per row
//! makes a bulk load a matter of round trips. One statement carries as many
//! rows as SQLite's limit of bound parameters allows.

use lantern_storage::StorageResult;
use lantern_store_common::classify;
use sqlx::query_builder::Separated;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

/// SQLite's limit of bound parameters in one statement (the default since
/// SQLite 3.32; the bundled library is newer).
const MAX_BOUND_PARAMETERS: usize = 32_766;

/// The shape of a multi-row insert: `head` names the table and columns
/// (`INSERT INTO t (a, b) `), `tail` follows the VALUES list (e.g.
/// ` ON CONFLICT DO NOTHING`), `columns` is how many values each row binds.
pub(crate) struct Insert {
    pub head: &'static str,
    pub columns: usize,
    pub tail: &'static str,
    /// The record named in an error.
    pub what: &'static str,
}

impl Insert {
    /// Rows per statement under SQLite's limit of bound parameters.
    fn rows_per_statement(&self) -> usize {
        (MAX_BOUND_PARAMETERS / self.columns.max(1)).max(1)
    }

    /// Inserts every row, `bind_row` binding exactly `columns` values of one.
    pub async fn rows<'r, T>(
        &self,
        conn: &mut SqliteConnection,
        rows: &'r [T],
        mut bind_row: impl FnMut(&mut Separated<'_, 'r, Sqlite, &'static str>, &'r T),
    ) -> StorageResult<()> {
        for chunk in rows.chunks(self.rows_per_statement()) {
            let mut query = QueryBuilder::<Sqlite>::new(self.head);
            query.push_values(chunk, |mut row, item| bind_row(&mut row, item));
            query.push(self.tail);
            query
                .build()
                .execute(&mut *conn)
                .await
                .map_err(|e| classify(e, self.what))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_stay_under_the_bound_parameter_limit() {
        for columns in [1, 2, 7, 12, 40_000] {
            let insert = Insert {
                head: "",
                columns,
                tail: "",
                what: "row",
            };
            let rows = insert.rows_per_statement();
            assert!(rows >= 1);
            assert!(rows * columns <= MAX_BOUND_PARAMETERS || rows == 1);
        }
    }
}
