//! Failures on demand, for the end-to-end tests only (debug builds; absent from a release build).
//! While the file named by `CASUSTAFEL_TEST_DISK_FULL` exists, autosaves fail as on a full disk,
//! so a test can check that typed text is kept, retried and saved once the "disk" has room again.

use casustafel_api::ApiError;

#[cfg(debug_assertions)]
pub fn autosave() -> Result<(), ApiError> {
    match std::env::var_os("CASUSTAFEL_TEST_DISK_FULL") {
        Some(path) if std::path::Path::new(&path).exists() => Err(ApiError::DiskFull),
        _ => Ok(()),
    }
}

#[cfg(not(debug_assertions))]
pub fn autosave() -> Result<(), ApiError> {
    Ok(())
}
