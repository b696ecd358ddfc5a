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
    /// The profile is locked: there is no store to work with (said by a transport that holds
    /// the store only for each step).
    #[error("the profile is locked")]
    Locked,
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
    /// The rulebook does not let this device do this (an approved report's record, another
    /// organisation's action, a progress note already written).
    #[error("not allowed: {0:?}")]
    NotAllowed(casustafel_domain::rights::Act),
    /// Sync through a shared folder could not go on; says what to do.
    #[error("sync: {0}")]
    Sync(SyncProblem),
    /// The report could not be made; nothing was written.
    #[error("report: {0}")]
    Render(String),
    #[error("file system: {0}")]
    Io(#[from] std::io::Error),
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    /// The disk is full (SQLite's `SQLITE_FULL`, or `ENOSPC` from the file system).
    pub fn is_disk_full(&self) -> bool {
        match self {
            StoreError::Sqlite(e) => e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull),
            StoreError::Io(e) => e.kind() == std::io::ErrorKind::StorageFull,
            _ => false,
        }
    }

    /// Another connection holds the database past the busy timeout.
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Sqlite(e) if matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        ))
    }
}

impl SyncProblem {
    /// The code the screens translate (as `casustafel_api::SyncProblem` in snake case).
    pub fn code(&self) -> &'static str {
        match self {
            SyncProblem::FolderUnreachable { .. } => "folder_unreachable",
            SyncProblem::FolderNotWritable { .. } => "folder_not_writable",
            SyncProblem::NotShared => "not_shared",
            SyncProblem::NotChair => "not_chair",
            SyncProblem::NotKeeper => "not_keeper",
            SyncProblem::Removed => "removed",
            SyncProblem::CodeMistyped => "code_mistyped",
            SyncProblem::CodeUnknown => "code_unknown",
            SyncProblem::CodeExpired => "code_expired",
            SyncProblem::CodeUsed => "code_used",
        }
    }
}

/// Why sync could not go on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncProblem {
    /// The folder is not there: unplugged stick, share not mounted, moved.
    #[error("folder not reachable: {folder}")]
    FolderUnreachable { folder: String },
    /// The folder cannot be written: read-only, full.
    #[error("folder not writable: {folder}")]
    FolderNotWritable { folder: String },
    /// The table is not shared from this device.
    #[error("table not shared")]
    NotShared,
    /// Only the chair or the secretary shares a table and invites.
    #[error("only those who run the table may do this")]
    NotChair,
    /// Only the chair's device, which keeps the table's register, does this (a secretary's device
    /// writes in meetings, not in the register).
    #[error("only the device that keeps the table's register may do this")]
    NotKeeper,
    /// This device was removed from the table.
    #[error("this device was removed from the table")]
    Removed,
    #[error("the code is mistyped")]
    CodeMistyped,
    #[error("the code is not known")]
    CodeUnknown,
    #[error("the code has expired")]
    CodeExpired,
    #[error("the code was used already")]
    CodeUsed,
}
