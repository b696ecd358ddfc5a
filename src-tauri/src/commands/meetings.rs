//! Meetings: plan one (with its proposed agenda), list them, open one.

use casustafel_api::commands::{
    AdvanceMeetingArgs, DiscussionArgs, EditAgendaArgs, MeetingArgs, PlanMeetingArgs,
    SaveDiscussionArgs, SaveFollowupArgs, SaveGeneralNotesArgs, SetAttendanceArgs, TableArgs,
};
use casustafel_api::{ApiError, DiscussionText};
use casustafel_domain::case::Case;
use casustafel_domain::meeting::{ChairOverview, Meeting, MeetingView};
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
        crate::faults::autosave()?;
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
            let presenter = store
                .meeting_presenter(args.meeting, args.case)
                .map_err(api_error)?;
            Ok(DiscussionText {
                notes,
                decision,
                presenter,
            })
        })
    })
    .await
}

/// Adds, removes or moves an agenda item.
#[tauri::command]
pub async fn edit_agenda(
    state: State<'_, AppState>,
    args: EditAgendaArgs,
) -> Result<MeetingView, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .edit_agenda(args.meeting, &args.edit, chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}

/// The follow-up of a case decided in the meeting (presenter, risk, track, casusregisseur, review).
#[tauri::command]
pub async fn save_followup(
    state: State<'_, AppState>,
    args: SaveFollowupArgs,
) -> Result<Case, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .save_meeting_followup(
                    args.meeting,
                    args.case,
                    args.presenter,
                    &args.update,
                    today(),
                    chrono::Utc::now(),
                )
                .map_err(api_error)
        })
    })
    .await
}

/// Autosave of the meeting's general notes.
#[tauri::command]
pub async fn save_general_notes(
    state: State<'_, AppState>,
    args: SaveGeneralNotesArgs,
) -> Result<(), ApiError> {
    let s = state.0.clone();
    blocking(move || {
        crate::faults::autosave()?;
        s.with_store(|store| {
            store
                .save_general_notes(args.meeting, &args.text, chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}

/// Overdue actions and cases due for review, for the chair before a meeting.
#[tauri::command]
pub async fn chair_overview(
    state: State<'_, AppState>,
    args: TableArgs,
) -> Result<ChairOverview, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| store.chair_overview(args.table, today()).map_err(api_error))
    })
    .await
}
