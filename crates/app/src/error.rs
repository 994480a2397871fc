use lantern_domain::ValidationErrors;
use lantern_storage::StorageError;

/// What an operation can end in besides success. The web layer maps each
/// variant to one status code and one message; none carries record values.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("the input is not valid: {0}")]
    Invalid(#[from] ValidationErrors),
    /// Also returned when the actor may not see the record, so a denial
    /// never reveals that the record exists.
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("not permitted")]
    Forbidden,
    #[error("sign-in required")]
    Unauthenticated,
    /// The session has passed the password but still waits for a code.
    #[error("a second-factor code is required")]
    SecondFactorRequired,
    /// The role requires a second factor and the user has none yet.
    #[error("second-factor enrolment is required")]
    EnrolmentRequired,
    /// The action needs the password entered again, recently.
    #[error("the password must be entered again")]
    ReauthenticationRequired,
    /// Too many failed sign-ins under this username: wait before trying
    /// again. Given alike for existing and unknown usernames.
    #[error("too many failed attempts; try again in {retry_after_seconds} s")]
    TooManyAttempts { retry_after_seconds: u64 },
    /// The person may already be recorded: the candidates the actor may see
    /// in full. Saving needs the user's acknowledgement.
    #[error("possible duplicates found")]
    PossibleDuplicates(Vec<crate::duplicates::DuplicateCandidate>),
    #[error("{0} already exists")]
    Conflict(&'static str),
    #[error("storage failed")]
    Storage(#[source] StorageError),
    #[error("internal error: {0}")]
    Internal(&'static str),
}

impl From<StorageError> for AppError {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::NotFound(what) => AppError::NotFound(what),
            StorageError::Conflict(what) => AppError::Conflict(what),
            other => AppError::Storage(other),
        }
    }
}
