//! Case-table commands.

use casustafel_api::contract::{cmd, Args, Out};
use casustafel_api::{ApiError, TableSummary};
use tauri::State;

use super::on_store;
use crate::state::AppState;

#[tauri::command]
pub async fn list_tables(state: State<'_, AppState>) -> Result<Out<cmd::ListTables>, ApiError> {
    on_store::<cmd::ListTables, _>(&state, |store| {
        let today = super::today();
        let tables = store.list_tables()?.into_iter().map(|t| TableSummary {
            legal_basis_status: t.legal_basis.status(today),
            id: t.id,
            name: t.name,
            kind: t.kind,
            municipalities: t.municipalities,
        });
        Ok::<_, casustafel_store::StoreError>(tables.collect())
    })
    .await
}

#[tauri::command]
pub async fn get_table(
    state: State<'_, AppState>,
    args: Args<cmd::GetTable>,
) -> Result<Out<cmd::GetTable>, ApiError> {
    on_store::<cmd::GetTable, _>(&state, move |store| store.get_table(args.id)).await
}

/// What this device may do on the table: the screens show only what the rulebook allows.
#[tauri::command]
pub async fn table_rights(
    state: State<'_, AppState>,
    args: Args<cmd::TableRights>,
) -> Result<Out<cmd::TableRights>, ApiError> {
    on_store::<cmd::TableRights, _>(&state, move |store| store.rights(args.table)).await
}

#[tauri::command]
pub async fn create_table(
    state: State<'_, AppState>,
    args: Args<cmd::CreateTable>,
) -> Result<Out<cmd::CreateTable>, ApiError> {
    on_store::<cmd::CreateTable, _>(&state, move |store| {
        store.create_table(&args.draft, chrono::Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn update_table(
    state: State<'_, AppState>,
    args: Args<cmd::UpdateTable>,
) -> Result<Out<cmd::UpdateTable>, ApiError> {
    on_store::<cmd::UpdateTable, _>(&state, move |store| {
        store.update_table(args.id, &args.draft)
    })
    .await
}
