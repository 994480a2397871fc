//! Typed errors. Messages name the file, line and column and say what was wrong;
//! they never repeat a field's value, because values here are identifying data.

use std::path::PathBuf;

/// Everything that can go wrong while linking.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{path} is empty: expected a header row and at least one record")]
    EmptyInput { path: PathBuf },

    #[error("{path}, line {line}: malformed CSV row: {reason}")]
    MalformedRow {
        path: PathBuf,
        line: u64,
        reason: String,
    },

    #[error("{path}, line {line}, column `{column}`: not valid UTF-8")]
    InvalidUtf8 {
        path: PathBuf,
        line: u64,
        column: String,
    },

    #[error("{path}, line {line}, column `{column}`: value longer than {limit} bytes")]
    FieldTooLong {
        path: PathBuf,
        line: u64,
        column: String,
        limit: usize,
    },

    #[error("{path}: {what} exceeds the limit of {limit}")]
    TooLarge {
        path: PathBuf,
        what: &'static str,
        limit: u64,
    },

    #[error("{path}, line {line}, column `{column}`: record id is empty")]
    MissingId {
        path: PathBuf,
        line: u64,
        column: String,
    },

    #[error("{path}, line {line}, column `{column}`: record id already used on line {first_line}")]
    DuplicateId {
        path: PathBuf,
        line: u64,
        column: String,
        first_line: u64,
    },

    #[error("{csv}: column `{column}` named in config {config} is not in the header")]
    UnknownColumn {
        config: PathBuf,
        csv: PathBuf,
        column: String,
    },

    #[error("config {path}: {reason}")]
    Config { path: PathBuf, reason: String },

    #[error(
        "config {path}: no comparable columns (names, dates, phones, addresses...) are configured"
    )]
    NothingToCompare { path: PathBuf },

    #[error("threshold must be a probability between 0 and 1")]
    BadThreshold,
}

impl LinkError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn write(path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Write {
            path: path.to_path_buf(),
            source,
        }
    }
}
