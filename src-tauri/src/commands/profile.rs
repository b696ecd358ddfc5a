//! Profile commands: first-start creation, unlock, lock, language.

use casustafel_api::commands::{CreateProfileArgs, SetLanguageArgs, UnlockProfileArgs};
use casustafel_api::{ApiError, ProfileStatus};
use casustafel_store::{settings::Settings, KdfParams};
use tauri::State;

use super::blocking;
use crate::error::api_error;
use crate::state::AppState;

#[tauri::command]
pub async fn profile_status(state: State<'_, AppState>) -> Result<ProfileStatus, ApiError> {
    let s = state.0.clone();
    blocking(move || s.status()).await
}

#[tauri::command]
pub async fn create_profile(
    state: State<'_, AppState>,
    args: CreateProfileArgs,
) -> Result<ProfileStatus, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        // Checked before anything is written, together with the passphrase rules.
        let mut errors =
            casustafel_domain::check_new_passphrase(&args.passphrase, &args.confirmation)
                .err()
                .unwrap_or_default();
        if let Err(e) = casustafel_domain::participant::check_owner_name(&args.owner_name) {
            errors.extend(e);
        }
        if !errors.is_empty() {
            return Err(ApiError::Invalid { errors });
        }
        let params = KdfParams::recommended().map_err(api_error)?;
        let mut store = s
            .profile
            .create(
                &args.passphrase,
                &args.confirmation,
                params,
                chrono::Utc::now(),
            )
            .map_err(api_error)?;
        store.set_owner_name(&args.owner_name).map_err(api_error)?;
        *s.lock_store() = Some(store);
        s.status()
    })
    .await
}

#[tauri::command]
pub async fn unlock_profile(
    state: State<'_, AppState>,
    args: UnlockProfileArgs,
) -> Result<ProfileStatus, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        let store = s.profile.unlock(&args.passphrase).map_err(api_error)?;
        *s.lock_store() = Some(store);
        s.status()
    })
    .await
}

#[tauri::command]
pub async fn lock_profile(state: State<'_, AppState>) -> Result<ProfileStatus, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        // Dropping the store closes the database; the key leaves memory with it.
        *s.lock_store() = None;
        s.status()
    })
    .await
}

#[tauri::command]
pub async fn set_language(
    state: State<'_, AppState>,
    args: SetLanguageArgs,
) -> Result<ProfileStatus, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        Settings {
            language: args.language,
        }
        .save(s.profile.dir())
        .map_err(api_error)?;
        s.status()
    })
    .await
}
