//! The phenomenon taxonomy: list, add, retire.

use casustafel_api::contract::{cmd, Args, Out};
use casustafel_api::ApiError;
use tauri::State;

use super::on_store;
use crate::state::AppState;

#[tauri::command]
pub async fn list_phenomena(
    state: State<'_, AppState>,
) -> Result<Out<cmd::ListPhenomena>, ApiError> {
    on_store::<cmd::ListPhenomena, _>(&state, |store| store.list_phenomena()).await
}

#[tauri::command]
pub async fn add_phenomenon(
    state: State<'_, AppState>,
    args: Args<cmd::AddPhenomenon>,
) -> Result<Out<cmd::AddPhenomenon>, ApiError> {
    on_store::<cmd::AddPhenomenon, _>(&state, move |store| store.add_phenomenon(&args.name)).await
}

#[tauri::command]
pub async fn set_phenomenon_retired(
    state: State<'_, AppState>,
    args: Args<cmd::SetPhenomenonRetired>,
) -> Result<Out<cmd::SetPhenomenonRetired>, ApiError> {
    on_store::<cmd::SetPhenomenonRetired, _>(&state, move |store| {
        store.set_phenomenon_retired(args.id, args.retired)
    })
    .await
}
