//! Validation outcomes that name the field and the problem, never the value:
//! a rejected value may itself be identifying.

use std::fmt;

use serde::Serialize;

/// What was wrong with one field. The code is stable: clients and the
/// translation catalogues key on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    TooShort {
        min: usize,
    },
    TooMany {
        max: usize,
    },
    InvalidDate,
    DateInFuture,
    DateTooEarly {
        earliest: String,
    },
    DateRangeReversed,
    UnknownValue,
    InvalidFormat,
    ControlCharacters,
    OutOfRange {
        min: i64,
        max: i64,
    },
    /// A password found in the list of commonly used passwords.
    CommonPassword,
    /// A one-time code that is wrong, expired or already used.
    WrongCode,
    /// The account's current password was not entered correctly.
    WrongPassword,
    /// A setting that is fixed for safety and cannot be changed.
    Fixed,
}

impl Problem {
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Required => "required",
            Problem::TooLong { .. } => "too-long",
            Problem::TooShort { .. } => "too-short",
            Problem::TooMany { .. } => "too-many",
            Problem::InvalidDate => "invalid-date",
            Problem::DateInFuture => "date-in-future",
            Problem::DateTooEarly { .. } => "date-too-early",
            Problem::DateRangeReversed => "date-range-reversed",
            Problem::UnknownValue => "unknown-value",
            Problem::InvalidFormat => "invalid-format",
            Problem::ControlCharacters => "control-characters",
            Problem::OutOfRange { .. } => "out-of-range",
            Problem::CommonPassword => "common-password",
            Problem::WrongCode => "wrong-code",
            Problem::WrongPassword => "wrong-password",
            Problem::Fixed => "fixed",
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Required => f.write_str("is required"),
            Problem::TooLong { max } => write!(f, "is longer than {max} characters"),
            Problem::TooShort { min } => write!(f, "is shorter than {min} characters"),
            Problem::TooMany { max } => write!(f, "has more than {max} entries"),
            Problem::InvalidDate => f.write_str("is not a date in the form YYYY-MM-DD"),
            Problem::DateInFuture => f.write_str("is in the future"),
            Problem::DateTooEarly { earliest } => write!(f, "is before {earliest}"),
            Problem::DateRangeReversed => f.write_str("ends before it starts"),
            Problem::UnknownValue => f.write_str("is not one of the allowed values"),
            Problem::InvalidFormat => f.write_str("is not in the expected format"),
            Problem::ControlCharacters => f.write_str("contains control characters"),
            Problem::OutOfRange { min, max } => write!(f, "must be between {min} and {max}"),
            Problem::CommonPassword => f.write_str("is too common to be safe"),
            Problem::WrongCode => f.write_str("is not a valid code"),
            Problem::WrongPassword => f.write_str("is not the current password"),
            Problem::Fixed => f.write_str("cannot be changed"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    #[serde(flatten)]
    pub problem: Problem,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.field, self.problem)
    }
}

/// Every problem found in one input, so a form can show them all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(transparent)]
pub struct ValidationErrors(Vec<FieldError>);

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join("; "))
    }
}

impl ValidationErrors {
    pub fn single(field: impl Into<String>, problem: Problem) -> Self {
        Self(vec![FieldError {
            field: field.into(),
            problem,
        }])
    }

    pub fn push(&mut self, field: impl Into<String>, problem: Problem) {
        self.0.push(FieldError {
            field: field.into(),
            problem,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn errors(&self) -> &[FieldError] {
        &self.0
    }

    pub fn for_field(&self, field: &str) -> Option<&Problem> {
        self.0.iter().find(|e| e.field == field).map(|e| &e.problem)
    }

    /// Records the error of a fallible field check and returns its value, so
    /// a validator can check every field and report all problems together.
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.push(error);
                None
            }
        }
    }

    /// `Ok(value)` when nothing was recorded.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, ValidationErrors> {
        if self.0.is_empty() {
            value().ok_or(self)
        } else {
            Err(self)
        }
    }
}

pub fn field_error(field: &str, problem: Problem) -> FieldError {
    FieldError {
        field: field.to_owned(),
        problem,
    }
}
