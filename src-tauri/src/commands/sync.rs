//! Sync through a shared folder: this device's fingerprint, sharing a table, invitations, joining
//! with a code, a sync pass on demand and the state shown on screen. A background loop in
//! `main.rs` syncs every shared table while the app runs and the profile is unlocked.

use std::path::PathBuf;

use casustafel_api::commands::{
    InviteDeviceArgs, JoinTableArgs, RemoveDeviceArgs, ShareTableArgs, TableArgs,
};
use casustafel_api::ApiError;
use casustafel_domain::sync::{InviteCode, SyncReport, SyncStatus};
use casustafel_store::{StoreError, SyncProblem};
use tauri::State;

use super::blocking;
use crate::error::api_error;
use crate::state::AppState;

#[tauri::command]
pub async fn device_fingerprint(state: State<'_, AppState>) -> Result<String, ApiError> {
    let s = state.0.clone();
    blocking(move || s.with_store(|store| store.device_fingerprint().map_err(api_error))).await
}

#[tauri::command]
pub async fn share_table(
    state: State<'_, AppState>,
    args: ShareTableArgs,
) -> Result<SyncReport, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .share_table(
                    args.table,
                    &PathBuf::from(args.folder.trim()),
                    chrono::Utc::now(),
                )
                .map_err(api_error)
        })
    })
    .await
}

#[tauri::command]
pub async fn sync_table(
    state: State<'_, AppState>,
    args: TableArgs,
) -> Result<SyncReport, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .sync_now(args.table, chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}

/// The sync state of a table, or `None` when it is not shared from this device.
#[tauri::command]
pub async fn sync_status(
    state: State<'_, AppState>,
    args: TableArgs,
) -> Result<Option<SyncStatus>, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| match store.sync_status(args.table) {
            Ok(st) => Ok(Some(st)),
            Err(StoreError::Sync(SyncProblem::NotShared)) => Ok(None),
            Err(e) => Err(api_error(e)),
        })
    })
    .await
}

#[tauri::command]
pub async fn invite_device(
    state: State<'_, AppState>,
    args: InviteDeviceArgs,
) -> Result<InviteCode, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .invite(args.table, args.participant, chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}

/// Asks to join; returns this device's fingerprint to compare with the chair's screen.
#[tauri::command]
pub async fn join_table(
    state: State<'_, AppState>,
    args: JoinTableArgs,
) -> Result<String, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            let fp = store
                .join_table(
                    &args.code,
                    &PathBuf::from(args.folder.trim()),
                    &args.label,
                    chrono::Utc::now(),
                )
                .map_err(api_error)?;
            // The welcome may be there already (the chair synced first).
            let _ = store.sync_all(chrono::Utc::now());
            Ok(fp)
        })
    })
    .await
}

/// Removes a device from the table; the next pass rotates the keys of what it could read.
#[tauri::command]
pub async fn remove_device(
    state: State<'_, AppState>,
    args: RemoveDeviceArgs,
) -> Result<(), ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .remove_device(args.table, &args.fingerprint, chrono::Utc::now())
                .map_err(api_error)?;
            store
                .sync_now(args.table, chrono::Utc::now())
                .map(|_| ())
                .map_err(api_error)
        })
    })
    .await
}

/// Joins the chair's device refused, as reason codes (`code_expired`, `code_used`).
#[tauri::command]
pub async fn refused_joins(state: State<'_, AppState>) -> Result<Vec<String>, ApiError> {
    let s = state.0.clone();
    blocking(move || s.with_store(|store| store.refused_joins().map_err(api_error))).await
}

/// Admits a device that asked to join, after the chair compared its fingerprint.
#[tauri::command]
pub async fn admit_device(
    state: State<'_, AppState>,
    args: RemoveDeviceArgs,
) -> Result<SyncReport, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .admit_device(args.table, &args.fingerprint, chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}

/// Turns away a device that asked to join; it is told.
#[tauri::command]
pub async fn refuse_device(
    state: State<'_, AppState>,
    args: RemoveDeviceArgs,
) -> Result<(), ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .refuse_device(args.table, &args.fingerprint, chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}
