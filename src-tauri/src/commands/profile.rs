//! Profile commands: first-start creation, unlock, lock, language.

use casustafel_api::contract::{cmd, Args, Out};
use casustafel_api::ApiError;
use casustafel_store::{settings::Settings, KdfParams};
use tauri::State;

use super::on_shared;
use crate::error::api_error;
use crate::state::AppState;

#[tauri::command]
pub async fn profile_status(
    state: State<'_, AppState>,
) -> Result<Out<cmd::ProfileStatus>, ApiError> {
    on_shared::<cmd::ProfileStatus, _>(&state, |s| s.status()).await
}

#[tauri::command]
pub async fn create_profile(
    state: State<'_, AppState>,
    args: Args<cmd::CreateProfile>,
) -> Result<Out<cmd::CreateProfile>, ApiError> {
    on_shared::<cmd::CreateProfile, _>(&state, move |s| {
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
        let now = chrono::Utc::now();
        let mut store = (s.profile)
            .create(&args.passphrase, &args.confirmation, params, now)
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
    args: Args<cmd::UnlockProfile>,
) -> Result<Out<cmd::UnlockProfile>, ApiError> {
    on_shared::<cmd::UnlockProfile, _>(&state, move |s| {
        let store = s.profile.unlock(&args.passphrase).map_err(api_error)?;
        *s.lock_store() = Some(store);
        s.status()
    })
    .await
}

#[tauri::command]
pub async fn lock_profile(state: State<'_, AppState>) -> Result<Out<cmd::LockProfile>, ApiError> {
    on_shared::<cmd::LockProfile, _>(&state, |s| {
        // Dropping the store closes the database; the key leaves memory with it.
        *s.lock_store() = None;
        s.status()
    })
    .await
}

#[tauri::command]
pub async fn set_language(
    state: State<'_, AppState>,
    args: Args<cmd::SetLanguage>,
) -> Result<Out<cmd::SetLanguage>, ApiError> {
    on_shared::<cmd::SetLanguage, _>(&state, move |s| {
        let settings = Settings {
            language: args.language,
        };
        settings.save(s.profile.dir()).map_err(api_error)?;
        s.status()
    })
    .await
}
