//! The case register: list and search, the case page, updates, closure and identity.

use casustafel_api::contract::{cmd, Args, Out};
use casustafel_api::{ApiError, CaseDetail};
use tauri::State;

use super::{on_store, today};
use crate::state::AppState;

#[tauri::command]
pub async fn list_cases(
    state: State<'_, AppState>,
    args: Args<cmd::ListCases>,
) -> Result<Out<cmd::ListCases>, ApiError> {
    on_store::<cmd::ListCases, _>(&state, move |store| store.list_cases(&args.filter, today()))
        .await
}

#[tauri::command]
pub async fn get_case(
    state: State<'_, AppState>,
    args: Args<cmd::GetCase>,
) -> Result<Out<cmd::GetCase>, ApiError> {
    on_store::<cmd::GetCase, casustafel_store::StoreError>(&state, move |store| {
        let case = store.get_case(args.id)?;
        Ok(CaseDetail {
            referral: store.get_referral(case.referral_id)?,
            timeline: store.case_timeline(args.id)?,
            case,
        })
    })
    .await
}

#[tauri::command]
pub async fn update_case(
    state: State<'_, AppState>,
    args: Args<cmd::UpdateCase>,
) -> Result<Out<cmd::UpdateCase>, ApiError> {
    on_store::<cmd::UpdateCase, _>(&state, move |store| {
        store.update_case(args.id, &args.update, today(), chrono::Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn close_case(
    state: State<'_, AppState>,
    args: Args<cmd::CloseCase>,
) -> Result<Out<cmd::CloseCase>, ApiError> {
    on_store::<cmd::CloseCase, _>(&state, move |store| {
        store.close_case(args.id, &args.draft, today(), chrono::Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn record_identity(
    state: State<'_, AppState>,
    args: Args<cmd::RecordIdentity>,
) -> Result<Out<cmd::RecordIdentity>, ApiError> {
    on_store::<cmd::RecordIdentity, _>(&state, move |store| {
        store.record_identity(args.id, &args.persons, today(), chrono::Utc::now())
    })
    .await
}

/// Shows the identity behind a case; the store records who looked, and when, before it answers.
#[tauri::command]
pub async fn reveal_identity(
    state: State<'_, AppState>,
    args: Args<cmd::RevealIdentity>,
) -> Result<Out<cmd::RevealIdentity>, ApiError> {
    on_store::<cmd::RevealIdentity, _>(&state, move |store| {
        store.reveal_identity(args.id, chrono::Utc::now())
    })
    .await
}
