//! Store errors → the API's typed error. Technical details never hold personal data.

use casustafel_api::ApiError;
use casustafel_store::StoreError;

pub fn api_error(e: StoreError) -> ApiError {
    match e {
        StoreError::NoProfile => ApiError::NoProfile,
        StoreError::ProfileExists => ApiError::ProfileExists,
        StoreError::WrongPassphrase => ApiError::WrongPassphrase,
        StoreError::Invalid(errors) => ApiError::Invalid { errors },
        StoreError::NotFound => ApiError::NotFound,
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
        StoreError::Io(e) => ApiError::Io {
            detail: e.to_string(),
        },
        other => ApiError::Internal {
            detail: other.to_string(),
        },
    }
}
