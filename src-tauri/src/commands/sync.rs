//! Sync through a shared folder: this device's fingerprint, sharing a table, invitations, joining
//! with a code, a sync pass on demand and the state shown on screen. A background loop in
//! `state.rs` syncs every shared table while the app runs and the profile is unlocked. What
//! touches the folder goes through the sync driver (`casustafel_live::folder`), which holds the
//! store only between folder reads and writes, so no other command waits on a slow share.

use std::path::PathBuf;

use casustafel_api::contract::{cmd, Args, Out};
use casustafel_api::ApiError;
use casustafel_live::folder::{self, Hold};
use casustafel_store::{StoreError, SyncProblem};
use tauri::State;

use super::{on_shared, on_store};
use crate::state::AppState;

#[tauri::command]
pub async fn device_fingerprint(
    state: State<'_, AppState>,
) -> Result<Out<cmd::DeviceFingerprint>, ApiError> {
    on_store::<cmd::DeviceFingerprint, _>(&state, |store| store.device_fingerprint()).await
}

#[tauri::command]
pub async fn share_table(
    state: State<'_, AppState>,
    args: Args<cmd::ShareTable>,
) -> Result<Out<cmd::ShareTable>, ApiError> {
    on_shared::<cmd::ShareTable, _>(&state, move |shared| {
        let path = PathBuf::from(args.folder.trim());
        folder::share(shared.store(), args.table, &path, chrono::Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn sync_table(
    state: State<'_, AppState>,
    args: Args<cmd::SyncTable>,
) -> Result<Out<cmd::SyncTable>, ApiError> {
    on_shared::<cmd::SyncTable, _>(&state, move |shared| {
        folder::pass(shared.store(), args.table, chrono::Utc::now())
    })
    .await
}

/// The sync state of a table, or `None` when it is not shared from this device.
#[tauri::command]
pub async fn sync_status(
    state: State<'_, AppState>,
    args: Args<cmd::SyncStatus>,
) -> Result<Out<cmd::SyncStatus>, ApiError> {
    on_store::<cmd::SyncStatus, _>(&state, move |store| match store.sync_status(args.table) {
        Ok(st) => Ok(Some(st)),
        Err(StoreError::Sync(SyncProblem::NotShared)) => Ok(None),
        Err(e) => Err(e),
    })
    .await
}

#[tauri::command]
pub async fn invite_device(
    state: State<'_, AppState>,
    args: Args<cmd::InviteDevice>,
) -> Result<Out<cmd::InviteDevice>, ApiError> {
    on_store::<cmd::InviteDevice, _>(&state, move |store| {
        store.invite(args.table, args.participant, chrono::Utc::now())
    })
    .await
}

/// Asks to join; returns this device's fingerprint to compare with the chair's screen.
#[tauri::command]
pub async fn join_table(
    state: State<'_, AppState>,
    args: Args<cmd::JoinTable>,
) -> Result<Out<cmd::JoinTable>, ApiError> {
    on_shared::<cmd::JoinTable, _>(&state, move |shared| {
        let path = PathBuf::from(args.folder.trim());
        let now = chrono::Utc::now();
        let fp = folder::join(shared.store(), &args.code, &path, &args.label, now)?;
        // The welcome may be there already (the chair synced first).
        let _ = folder::pass_all(shared.store(), now);
        Ok::<_, StoreError>(fp)
    })
    .await
}

/// Removes a device from the table; the next pass rotates the keys of what it could read.
#[tauri::command]
pub async fn remove_device(
    state: State<'_, AppState>,
    args: Args<cmd::RemoveDevice>,
) -> Result<Out<cmd::RemoveDevice>, ApiError> {
    on_shared::<cmd::RemoveDevice, _>(&state, move |shared| {
        folder::remove(
            shared.store(),
            args.table,
            &args.fingerprint,
            chrono::Utc::now(),
        )
        .map(|_| ())
    })
    .await
}

/// Joins the chair's device refused, as reason codes (`code_expired`, `code_used`).
#[tauri::command]
pub async fn refused_joins(state: State<'_, AppState>) -> Result<Out<cmd::RefusedJoins>, ApiError> {
    on_store::<cmd::RefusedJoins, _>(&state, |store| store.refused_joins()).await
}

/// Answers to joins that wait for the person to compare the chair's fingerprint.
#[tauri::command]
pub async fn welcomes_to_confirm(
    state: State<'_, AppState>,
) -> Result<Out<cmd::WelcomesToConfirm>, ApiError> {
    on_store::<cmd::WelcomesToConfirm, _>(&state, |store| store.welcomes_to_confirm()).await
}

/// The person compared the chair's fingerprint: joined (then a pass brings the table in) or not.
#[tauri::command]
pub async fn confirm_welcome(
    state: State<'_, AppState>,
    args: Args<cmd::ConfirmWelcome>,
) -> Result<Out<cmd::ConfirmWelcome>, ApiError> {
    on_shared::<cmd::ConfirmWelcome, _>(&state, move |shared| {
        let now = chrono::Utc::now();
        shared
            .store()
            .hold(|s| s.confirm_welcome(&args.id, args.same, now))?;
        if args.same {
            // The table's content, if the folder is there; otherwise the next pass.
            let _ = folder::pass_all(shared.store(), now);
        }
        Ok::<_, StoreError>(())
    })
    .await
}

/// Admits a device that asked to join, after the chair compared its fingerprint.
#[tauri::command]
pub async fn admit_device(
    state: State<'_, AppState>,
    args: Args<cmd::AdmitDevice>,
) -> Result<Out<cmd::AdmitDevice>, ApiError> {
    on_shared::<cmd::AdmitDevice, _>(&state, move |shared| {
        folder::admit(
            shared.store(),
            args.table,
            &args.fingerprint,
            chrono::Utc::now(),
        )
    })
    .await
}

/// Turns away a device that asked to join; it is told.
#[tauri::command]
pub async fn refuse_device(
    state: State<'_, AppState>,
    args: Args<cmd::RefuseDevice>,
) -> Result<Out<cmd::RefuseDevice>, ApiError> {
    on_shared::<cmd::RefuseDevice, _>(&state, move |shared| {
        folder::refuse(
            shared.store(),
            args.table,
            &args.fingerprint,
            chrono::Utc::now(),
        )
    })
    .await
}
