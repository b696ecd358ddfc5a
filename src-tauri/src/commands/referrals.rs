//! Referrals and triage.

use casustafel_api::contract::{cmd, Args, Out};
use casustafel_api::ApiError;
use tauri::State;

use super::{on_store, today};
use crate::state::AppState;

#[tauri::command]
pub async fn list_referrals(
    state: State<'_, AppState>,
    args: Args<cmd::ListReferrals>,
) -> Result<Out<cmd::ListReferrals>, ApiError> {
    on_store::<cmd::ListReferrals, _>(&state, move |store| store.list_referrals(args.table)).await
}

#[tauri::command]
pub async fn create_referral(
    state: State<'_, AppState>,
    args: Args<cmd::CreateReferral>,
) -> Result<Out<cmd::CreateReferral>, ApiError> {
    on_store::<cmd::CreateReferral, _>(&state, move |store| {
        store.create_referral(args.table, &args.draft, args.submit, chrono::Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn triage_referral(
    state: State<'_, AppState>,
    args: Args<cmd::TriageReferral>,
) -> Result<Out<cmd::TriageReferral>, ApiError> {
    on_store::<cmd::TriageReferral, _>(&state, move |store| {
        store.triage_referral(args.id, &args.draft, today(), chrono::Utc::now())
    })
    .await
}
