//! Actions (afspraken): agree one in a meeting, update its status, list them.

use casustafel_api::contract::{cmd, Args, Out};
use casustafel_api::ApiError;
use tauri::State;

use super::{on_store, today};
use crate::state::AppState;

#[tauri::command]
pub async fn add_action(
    state: State<'_, AppState>,
    args: Args<cmd::AddAction>,
) -> Result<Out<cmd::AddAction>, ApiError> {
    on_store::<cmd::AddAction, _>(&state, move |store| {
        let now = chrono::Utc::now();
        store.add_action(args.case, args.meeting, &args.draft, today(), now)
    })
    .await
}

#[tauri::command]
pub async fn update_action(
    state: State<'_, AppState>,
    args: Args<cmd::UpdateAction>,
) -> Result<Out<cmd::UpdateAction>, ApiError> {
    on_store::<cmd::UpdateAction, _>(&state, move |store| {
        store.update_action(args.id, args.status, &args.note, chrono::Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn list_actions(
    state: State<'_, AppState>,
    args: Args<cmd::ListActions>,
) -> Result<Out<cmd::ListActions>, ApiError> {
    on_store::<cmd::ListActions, _>(&state, move |store| store.list_actions(args.owner)).await
}

#[tauri::command]
pub async fn action_progress(
    state: State<'_, AppState>,
    args: Args<cmd::ActionProgress>,
) -> Result<Out<cmd::ActionProgress>, ApiError> {
    on_store::<cmd::ActionProgress, _>(&state, move |store| store.action_progress(args.id)).await
}
