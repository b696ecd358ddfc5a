use casustafel_domain::FieldError;

/// What can go wrong in the store. The shell maps each variant to an `ApiError`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("no profile exists in this folder")]
    NoProfile,
    #[error("a profile already exists in this folder")]
    ProfileExists,
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Illegal(#[from] casustafel_domain::IllegalTransition),
    /// The passphrase was right but the data cannot be read.
    #[error("profile damaged: {0}")]
    Damaged(String),
    /// The export folder could not be written; nothing was recorded as disclosed.
    #[error("export to {folder} failed: {source}")]
    Export {
        folder: String,
        source: std::io::Error,
    },
    /// The report could not be made; nothing was written.
    #[error("report: {0}")]
    Render(String),
    #[error("file system: {0}")]
    Io(#[from] std::io::Error),
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
