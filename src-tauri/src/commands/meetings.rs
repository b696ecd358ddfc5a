//! Meetings: plan one (with its proposed agenda), list them, open one.

use casustafel_api::commands::{MeetingArgs, PlanMeetingArgs, TableArgs};
use casustafel_api::ApiError;
use casustafel_domain::meeting::{Meeting, MeetingView};
use tauri::State;

use super::{blocking, today};
use crate::error::api_error;
use crate::state::AppState;

#[tauri::command]
pub async fn plan_meeting(
    state: State<'_, AppState>,
    args: PlanMeetingArgs,
) -> Result<Meeting, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .plan_meeting(args.table, &args.draft, today(), chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}

#[tauri::command]
pub async fn list_meetings(
    state: State<'_, AppState>,
    args: TableArgs,
) -> Result<Vec<Meeting>, ApiError> {
    let s = state.0.clone();
    blocking(move || s.with_store(|store| store.list_meetings(args.table).map_err(api_error))).await
}

#[tauri::command]
pub async fn get_meeting(
    state: State<'_, AppState>,
    args: MeetingArgs,
) -> Result<MeetingView, ApiError> {
    let s = state.0.clone();
    blocking(move || s.with_store(|store| store.meeting_view(args.id).map_err(api_error))).await
}
