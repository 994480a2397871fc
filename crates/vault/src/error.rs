//! The crate's one error type.
//!
//! Every message is built from fixed text, key ids and paths only. Problems
//! are `&'static str` on purpose: there is no way to format a piece of the
//! offending input — which might be key material or plaintext — into them.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::ring::KeyId;

#[derive(Debug, Error)]
pub enum VaultError {
    /// The wrapped key names a master key this ring does not hold.
    #[error("master key {0} is not in the key ring")]
    UnknownKey(KeyId),

    /// Authentication failed: the bytes were altered, belong to another
    /// table/column/row, or were sealed under another key. Deliberately one
    /// variant, so a caller cannot learn which.
    #[error("integrity check failed: the data was altered, belongs to another record, or was sealed under another key")]
    Integrity,

    /// The bytes are not in any format this crate writes (wrong length or
    /// unknown version).
    #[error("malformed {what}")]
    Malformed { what: &'static str },

    /// The plaintext exceeds what XChaCha20-Poly1305 can seal in one piece.
    #[error("plaintext is too large to seal in one piece")]
    TooLarge,

    /// Key text supplied directly (for example from `LANTERN_KEYS`) is bad.
    #[error("key text: {0}")]
    KeyText(TextProblem),

    /// The key file at `path` cannot be used.
    #[error("key file {}: {}", .path.display(), .problem.explain(.path))]
    KeyFile {
        path: PathBuf,
        problem: KeyFileProblem,
    },

    /// Reading or writing the key file failed.
    #[error("key file {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("master key {0} is the current key and cannot be retired; rotate first")]
    RetireCurrent(KeyId),
}

/// What is wrong with key text, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextProblem {
    /// 1-based line number; `None` when the problem is the text as a whole
    /// (for example a missing entry).
    pub line: Option<usize>,
    pub what: &'static str,
}

impl fmt::Display for TextProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.what),
            None => f.write_str(self.what),
        }
    }
}

/// Why a key file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyFileProblem {
    /// Group or others have some access to the file (`mode` is the
    /// permission bits). Keys readable by other accounts are as good as
    /// leaked, and keys writable by them can be swapped.
    Exposed { mode: u32 },
    /// It is a directory or other non-regular file.
    NotAFile,
    /// Far larger than any real key file: refuse rather than read it all.
    TooLarge,
    /// The contents are not a valid key file.
    Text(TextProblem),
}

impl KeyFileProblem {
    /// The human explanation; takes the path so the fix can be spelled out.
    fn explain(&self, path: &Path) -> String {
        match self {
            Self::Exposed { mode } => format!(
                "group or others can access it (mode {mode:04o}); \
                 restrict it with `chmod 600 {}`",
                path.display()
            ),
            Self::NotAFile => String::from("is not a regular file"),
            Self::TooLarge => String::from("is too large to be a key file"),
            Self::Text(problem) => problem.to_string(),
        }
    }
}
