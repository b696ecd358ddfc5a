//! Meetings: plan one (with its proposed agenda), list them, open one.

use casustafel_api::commands::{
    AdvanceMeetingArgs, DiscussionArgs, MeetingArgs, PlanMeetingArgs, SaveDiscussionArgs,
    SetAttendanceArgs, TableArgs,
};
use casustafel_api::{ApiError, DiscussionText};
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

#[tauri::command]
pub async fn advance_meeting(
    state: State<'_, AppState>,
    args: AdvanceMeetingArgs,
) -> Result<Meeting, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .advance_meeting(args.id, args.action, chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}

#[tauri::command]
pub async fn set_attendance(
    state: State<'_, AppState>,
    args: SetAttendanceArgs,
) -> Result<(), ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .set_attendance(
                    args.meeting,
                    args.participant,
                    args.presence,
                    args.secrecy_confirmed,
                    chrono::Utc::now(),
                )
                .map_err(api_error)
        })
    })
    .await
}

/// Autosave of the notes and decision typed about a case; the UI calls it while typing.
#[tauri::command]
pub async fn save_discussion(
    state: State<'_, AppState>,
    args: SaveDiscussionArgs,
) -> Result<(), ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .save_discussion(
                    args.meeting,
                    args.case,
                    &args.notes,
                    &args.decision,
                    chrono::Utc::now(),
                )
                .map_err(api_error)
        })
    })
    .await
}

#[tauri::command]
pub async fn get_discussion(
    state: State<'_, AppState>,
    args: DiscussionArgs,
) -> Result<DiscussionText, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            let (notes, decision) = store
                .discussion(args.meeting, args.case)
                .map_err(api_error)?;
            Ok(DiscussionText { notes, decision })
        })
    })
    .await
}
