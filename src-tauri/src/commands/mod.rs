//! The commands the UI may call. Each is a few lines: it moves the work off the UI thread and maps
//! the result to the API's types. Names and argument types come from `casustafel_api::commands`.

pub mod actions;
pub mod cases;
pub mod live;
pub mod meetings;
pub mod partners;
pub mod phenomena;
pub mod profile;
pub mod referrals;
pub mod reports;
pub mod sync;
pub mod tables;
pub mod window;

use casustafel_api::ApiError;

/// Runs blocking work (key derivation, SQLite) on a worker thread, never on the UI thread.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::Internal {
            detail: format!("worker: {e}"),
        })?
}

/// Today, in the local time zone of this computer (dates in the domain are calendar days).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
