//! The case register: list and search, the case page, updates, closure and identity.

use casustafel_api::commands::{
    CaseArgs, CloseCaseArgs, ListCasesArgs, RecordIdentityArgs, UpdateCaseArgs,
};
use casustafel_api::{ApiError, CaseDetail};
use casustafel_domain::case::Case;
use casustafel_domain::identity::Identity;
use tauri::State;

use super::{blocking, today};
use crate::error::api_error;
use crate::state::AppState;

#[tauri::command]
pub async fn list_cases(
    state: State<'_, AppState>,
    args: ListCasesArgs,
) -> Result<Vec<Case>, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| store.list_cases(&args.filter, today()).map_err(api_error))
    })
    .await
}

#[tauri::command]
pub async fn get_case(state: State<'_, AppState>, args: CaseArgs) -> Result<CaseDetail, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            let case = store.get_case(args.id).map_err(api_error)?;
            Ok(CaseDetail {
                referral: store.get_referral(case.referral_id).map_err(api_error)?,
                timeline: store.case_timeline(args.id).map_err(api_error)?,
                case,
            })
        })
    })
    .await
}

#[tauri::command]
pub async fn update_case(
    state: State<'_, AppState>,
    args: UpdateCaseArgs,
) -> Result<Case, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .update_case(args.id, &args.update, today(), chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}

#[tauri::command]
pub async fn close_case(state: State<'_, AppState>, args: CloseCaseArgs) -> Result<Case, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .close_case(args.id, &args.draft, today(), chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}

#[tauri::command]
pub async fn record_identity(
    state: State<'_, AppState>,
    args: RecordIdentityArgs,
) -> Result<(), ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .record_identity(args.id, &args.persons, today(), chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}

/// Shows the identity behind a case; the store records who looked, and when, before it answers.
#[tauri::command]
pub async fn reveal_identity(
    state: State<'_, AppState>,
    args: CaseArgs,
) -> Result<Identity, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .reveal_identity(args.id, chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}
