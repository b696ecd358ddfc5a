//! Partner organisations and the participants of a table.

use casustafel_api::contract::{cmd, Args, Out};
use casustafel_api::ApiError;
use tauri::State;

use super::on_store;
use crate::state::AppState;

#[tauri::command]
pub async fn list_organisations(
    state: State<'_, AppState>,
) -> Result<Out<cmd::ListOrganisations>, ApiError> {
    on_store::<cmd::ListOrganisations, _>(&state, |store| store.list_organisations()).await
}

#[tauri::command]
pub async fn add_organisation(
    state: State<'_, AppState>,
    args: Args<cmd::AddOrganisation>,
) -> Result<Out<cmd::AddOrganisation>, ApiError> {
    on_store::<cmd::AddOrganisation, _>(&state, move |store| store.add_organisation(&args.draft))
        .await
}

#[tauri::command]
pub async fn list_participants(
    state: State<'_, AppState>,
    args: Args<cmd::ListParticipants>,
) -> Result<Out<cmd::ListParticipants>, ApiError> {
    on_store::<cmd::ListParticipants, _>(&state, move |store| store.list_participants(args.table))
        .await
}

#[tauri::command]
pub async fn add_participant(
    state: State<'_, AppState>,
    args: Args<cmd::AddParticipant>,
) -> Result<Out<cmd::AddParticipant>, ApiError> {
    on_store::<cmd::AddParticipant, _>(&state, move |store| {
        store.add_participant(args.table, &args.draft)
    })
    .await
}
