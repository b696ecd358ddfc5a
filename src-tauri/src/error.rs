//! Store errors → the API's typed error. Technical details never hold personal data.

use casustafel_api::ApiError;
use casustafel_api::SyncProblem as P;
use casustafel_store::{StoreError, SyncProblem};

fn sync_error(p: SyncProblem) -> ApiError {
    let (problem, folder) = match p {
        SyncProblem::FolderUnreachable { folder } => (P::FolderUnreachable, folder),
        SyncProblem::FolderNotWritable { folder } => (P::FolderNotWritable, folder),
        SyncProblem::NotShared => (P::NotShared, String::new()),
        SyncProblem::NotChair => (P::NotChair, String::new()),
        SyncProblem::NotKeeper => (P::NotKeeper, String::new()),
        SyncProblem::Removed => (P::Removed, String::new()),
        SyncProblem::CodeMistyped => (P::CodeMistyped, String::new()),
        SyncProblem::CodeUnknown => (P::CodeUnknown, String::new()),
        SyncProblem::CodeExpired => (P::CodeExpired, String::new()),
        SyncProblem::CodeUsed => (P::CodeUsed, String::new()),
    };
    ApiError::Sync { problem, folder }
}

pub fn api_error(e: StoreError) -> ApiError {
    if e.is_disk_full() {
        return ApiError::DiskFull;
    }
    if e.is_busy() {
        return ApiError::Busy;
    }
    match e {
        StoreError::NoProfile => ApiError::NoProfile,
        StoreError::ProfileExists => ApiError::ProfileExists,
        StoreError::WrongPassphrase => ApiError::WrongPassphrase,
        StoreError::Invalid(errors) => ApiError::Invalid { errors },
        StoreError::NotFound => ApiError::NotFound,
        StoreError::Locked => ApiError::Locked,
        StoreError::Illegal(t) => ApiError::IllegalTransition {
            entity: t.entity,
            from: t.from,
            action: t.action,
        },
        StoreError::Damaged(detail) => ApiError::ProfileDamaged { detail },
        StoreError::Export { folder, source } => ApiError::ExportFailed {
            folder,
            detail: source.to_string(),
        },
        StoreError::Sync(p) => sync_error(p),
        StoreError::NotAllowed(act) => ApiError::NotAllowed { act },
        StoreError::Io(e) => ApiError::Io {
            detail: e.to_string(),
        },
        other => ApiError::Internal {
            detail: other.to_string(),
        },
    }
}
