//! Meetings: plan one (with its proposed agenda), list them, open one, run it.

use casustafel_api::contract::{cmd, Args, Out};
use casustafel_api::{ApiError, DiscussionText};
use tauri::State;

use super::{on_store, today, IntoApiError};
use crate::state::AppState;

#[tauri::command]
pub async fn plan_meeting(
    state: State<'_, AppState>,
    args: Args<cmd::PlanMeeting>,
) -> Result<Out<cmd::PlanMeeting>, ApiError> {
    on_store::<cmd::PlanMeeting, _>(&state, move |store| {
        store.plan_meeting(args.table, &args.draft, today(), chrono::Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn list_meetings(
    state: State<'_, AppState>,
    args: Args<cmd::ListMeetings>,
) -> Result<Out<cmd::ListMeetings>, ApiError> {
    on_store::<cmd::ListMeetings, _>(&state, move |store| store.list_meetings(args.table)).await
}

#[tauri::command]
pub async fn get_meeting(
    state: State<'_, AppState>,
    args: Args<cmd::GetMeeting>,
) -> Result<Out<cmd::GetMeeting>, ApiError> {
    on_store::<cmd::GetMeeting, _>(&state, move |store| store.meeting_view(args.id)).await
}

#[tauri::command]
pub async fn advance_meeting(
    state: State<'_, AppState>,
    args: Args<cmd::AdvanceMeeting>,
) -> Result<Out<cmd::AdvanceMeeting>, ApiError> {
    on_store::<cmd::AdvanceMeeting, _>(&state, move |store| {
        store.advance_meeting(args.id, args.action, chrono::Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn set_attendance(
    state: State<'_, AppState>,
    args: Args<cmd::SetAttendance>,
) -> Result<Out<cmd::SetAttendance>, ApiError> {
    on_store::<cmd::SetAttendance, _>(&state, move |store| {
        let now = chrono::Utc::now();
        let a = args;
        store.set_attendance(
            a.meeting,
            a.participant,
            a.presence,
            a.secrecy_confirmed,
            now,
        )
    })
    .await
}

/// Autosave of the notes and decision typed about a case; the UI calls it while typing.
#[tauri::command]
pub async fn save_discussion(
    state: State<'_, AppState>,
    args: Args<cmd::SaveDiscussion>,
) -> Result<Out<cmd::SaveDiscussion>, ApiError> {
    on_store::<cmd::SaveDiscussion, _>(&state, move |store| {
        crate::faults::autosave()?;
        let now = chrono::Utc::now();
        store
            .save_discussion(args.meeting, args.case, &args.notes, &args.decision, now)
            .map_err(IntoApiError::into_api)
    })
    .await
}

#[tauri::command]
pub async fn get_discussion(
    state: State<'_, AppState>,
    args: Args<cmd::GetDiscussion>,
) -> Result<Out<cmd::GetDiscussion>, ApiError> {
    on_store::<cmd::GetDiscussion, casustafel_store::StoreError>(&state, move |store| {
        let (notes, decision) = store.discussion(args.meeting, args.case)?;
        let presenter = store.meeting_presenter(args.meeting, args.case)?;
        Ok(DiscussionText {
            notes,
            decision,
            presenter,
        })
    })
    .await
}

/// Adds, removes or moves an agenda item.
#[tauri::command]
pub async fn edit_agenda(
    state: State<'_, AppState>,
    args: Args<cmd::EditAgenda>,
) -> Result<Out<cmd::EditAgenda>, ApiError> {
    on_store::<cmd::EditAgenda, _>(&state, move |store| {
        store.edit_agenda(args.meeting, &args.edit, chrono::Utc::now())
    })
    .await
}

/// The follow-up of a case decided in the meeting (presenter, risk, track, casusregisseur, review).
#[tauri::command]
pub async fn save_followup(
    state: State<'_, AppState>,
    args: Args<cmd::SaveFollowup>,
) -> Result<Out<cmd::SaveFollowup>, ApiError> {
    on_store::<cmd::SaveFollowup, _>(&state, move |store| {
        let (today, now) = (today(), chrono::Utc::now());
        let a = args;
        store.save_meeting_followup(a.meeting, a.case, a.presenter, &a.update, today, now)
    })
    .await
}

/// Autosave of the meeting's general notes.
#[tauri::command]
pub async fn save_general_notes(
    state: State<'_, AppState>,
    args: Args<cmd::SaveGeneralNotes>,
) -> Result<Out<cmd::SaveGeneralNotes>, ApiError> {
    on_store::<cmd::SaveGeneralNotes, _>(&state, move |store| {
        crate::faults::autosave()?;
        store
            .save_general_notes(args.meeting, &args.text, chrono::Utc::now())
            .map_err(IntoApiError::into_api)
    })
    .await
}

/// Overdue actions and cases due for review, for the chair before a meeting.
#[tauri::command]
pub async fn chair_overview(
    state: State<'_, AppState>,
    args: Args<cmd::ChairOverview>,
) -> Result<Out<cmd::ChairOverview>, ApiError> {
    on_store::<cmd::ChairOverview, _>(&state, move |store| {
        store.chair_overview(args.table, today())
    })
    .await
}
