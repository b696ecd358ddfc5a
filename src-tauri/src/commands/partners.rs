//! Partner organisations and the participants of a table.

use casustafel_api::commands::{AddOrganisationArgs, AddParticipantArgs, TableArgs};
use casustafel_api::ApiError;
use casustafel_domain::organisation::Organisation;
use casustafel_domain::participant::Participant;
use tauri::State;

use super::blocking;
use crate::error::api_error;
use crate::state::AppState;

#[tauri::command]
pub async fn list_organisations(state: State<'_, AppState>) -> Result<Vec<Organisation>, ApiError> {
    let s = state.0.clone();
    blocking(move || s.with_store(|store| store.list_organisations().map_err(api_error))).await
}

#[tauri::command]
pub async fn add_organisation(
    state: State<'_, AppState>,
    args: AddOrganisationArgs,
) -> Result<Organisation, ApiError> {
    let s = state.0.clone();
    blocking(move || s.with_store(|store| store.add_organisation(&args.draft).map_err(api_error)))
        .await
}

#[tauri::command]
pub async fn list_participants(
    state: State<'_, AppState>,
    args: TableArgs,
) -> Result<Vec<Participant>, ApiError> {
    let s = state.0.clone();
    blocking(move || s.with_store(|store| store.list_participants(args.table).map_err(api_error)))
        .await
}

#[tauri::command]
pub async fn add_participant(
    state: State<'_, AppState>,
    args: AddParticipantArgs,
) -> Result<Participant, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .add_participant(args.table, &args.draft)
                .map_err(api_error)
        })
    })
    .await
}
