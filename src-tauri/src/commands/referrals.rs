//! Referrals and triage.

use casustafel_api::commands::{CreateReferralArgs, TableArgs, TriageReferralArgs};
use casustafel_api::ApiError;
use casustafel_domain::referral::Referral;
use tauri::State;

use super::{blocking, today};
use crate::error::api_error;
use crate::state::AppState;

#[tauri::command]
pub async fn list_referrals(
    state: State<'_, AppState>,
    args: TableArgs,
) -> Result<Vec<Referral>, ApiError> {
    let s = state.0.clone();
    blocking(move || s.with_store(|store| store.list_referrals(args.table).map_err(api_error)))
        .await
}

#[tauri::command]
pub async fn create_referral(
    state: State<'_, AppState>,
    args: CreateReferralArgs,
) -> Result<Referral, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .create_referral(args.table, &args.draft, args.submit, chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}

#[tauri::command]
pub async fn triage_referral(
    state: State<'_, AppState>,
    args: TriageReferralArgs,
) -> Result<Referral, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .triage_referral(args.id, &args.draft, today(), chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}
