//! Actions (afspraken): agree one in a meeting, update its status, list them.

use casustafel_api::commands::{ActionArgs, AddActionArgs, ListActionsArgs, UpdateActionArgs};
use casustafel_api::ApiError;
use casustafel_domain::meeting::{ActionSummary, ProgressNoteView};
use tauri::State;

use super::{blocking, today};
use crate::error::api_error;
use crate::state::AppState;

#[tauri::command]
pub async fn add_action(
    state: State<'_, AppState>,
    args: AddActionArgs,
) -> Result<ActionSummary, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .add_action(
                    args.case,
                    args.meeting,
                    &args.draft,
                    today(),
                    chrono::Utc::now(),
                )
                .map_err(api_error)
        })
    })
    .await
}

#[tauri::command]
pub async fn update_action(
    state: State<'_, AppState>,
    args: UpdateActionArgs,
) -> Result<ActionSummary, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .update_action(args.id, args.status, &args.note, chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}

#[tauri::command]
pub async fn list_actions(
    state: State<'_, AppState>,
    args: ListActionsArgs,
) -> Result<Vec<ActionSummary>, ApiError> {
    let s = state.0.clone();
    blocking(move || s.with_store(|store| store.list_actions(args.owner).map_err(api_error))).await
}

#[tauri::command]
pub async fn action_progress(
    state: State<'_, AppState>,
    args: ActionArgs,
) -> Result<Vec<ProgressNoteView>, ApiError> {
    let s = state.0.clone();
    blocking(move || s.with_store(|store| store.action_progress(args.id).map_err(api_error))).await
}
