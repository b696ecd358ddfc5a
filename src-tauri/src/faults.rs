//! Failures on demand, for the end-to-end tests only (debug builds; absent from a release build).
//! While the file named by `CASUSTAFEL_TEST_DISK_FULL` exists, autosaves fail as on a full disk,
//! so a test can check that typed text is kept, retried and saved once the "disk" has room again.
//! While the file named by `CASUSTAFEL_TEST_FAULTS` exists, every command named on one of its
//! lines fails as when another program holds the profile, so a test can check that a screen whose
//! data could not be read says so (and loads again on retry) instead of showing an empty list.

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

#[cfg(debug_assertions)]
pub fn command(name: &str) -> Result<(), ApiError> {
    let Some(path) = std::env::var_os("CASUSTAFEL_TEST_FAULTS") else {
        return Ok(());
    };
    match std::fs::read_to_string(path) {
        Ok(list) if list.lines().any(|l| l.trim() == name) => Err(ApiError::Busy),
        _ => Ok(()),
    }
}

#[cfg(not(debug_assertions))]
pub fn command(_name: &str) -> Result<(), ApiError> {
    Ok(())
}
