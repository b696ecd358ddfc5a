//! The phenomenon taxonomy: list, add, retire.

use casustafel_api::commands::{AddPhenomenonArgs, SetPhenomenonRetiredArgs};
use casustafel_api::ApiError;
use casustafel_domain::phenomenon::Phenomenon;
use tauri::State;

use super::blocking;
use crate::error::api_error;
use crate::state::AppState;

#[tauri::command]
pub async fn list_phenomena(state: State<'_, AppState>) -> Result<Vec<Phenomenon>, ApiError> {
    let s = state.0.clone();
    blocking(move || s.with_store(|store| store.list_phenomena().map_err(api_error))).await
}

#[tauri::command]
pub async fn add_phenomenon(
    state: State<'_, AppState>,
    args: AddPhenomenonArgs,
) -> Result<Phenomenon, ApiError> {
    let s = state.0.clone();
    blocking(move || s.with_store(|store| store.add_phenomenon(&args.name).map_err(api_error)))
        .await
}

#[tauri::command]
pub async fn set_phenomenon_retired(
    state: State<'_, AppState>,
    args: SetPhenomenonRetiredArgs,
) -> Result<(), ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .set_phenomenon_retired(args.id, args.retired)
                .map_err(api_error)
        })
    })
    .await
}
