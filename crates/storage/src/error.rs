use std::error::Error as StdError;

/// What can go wrong below the storage interface. Messages never carry
/// stored values: a constraint name or a record kind at most.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0} already exists")]
    Conflict(&'static str),
    #[error("a referenced {0} does not exist")]
    MissingReference(&'static str),
    #[error("stored {0} could not be read back")]
    Corrupt(&'static str),
    #[error("database migration failed")]
    Migration(#[source] Box<dyn StdError + Send + Sync>),
    #[error("database error")]
    Database(#[source] Box<dyn StdError + Send + Sync>),
}
