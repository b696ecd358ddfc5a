//! Case-table commands.

use casustafel_api::commands::{CreateTableArgs, GetTableArgs, UpdateTableArgs};
use casustafel_api::{ApiError, TableSummary};
use casustafel_domain::Table;
use tauri::State;

use super::blocking;
use crate::error::api_error;
use crate::state::AppState;

#[tauri::command]
pub async fn list_tables(state: State<'_, AppState>) -> Result<Vec<TableSummary>, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        let today = super::today();
        s.with_store(|store| {
            Ok(store
                .list_tables()
                .map_err(api_error)?
                .into_iter()
                .map(|t| TableSummary {
                    legal_basis_status: t.legal_basis.status(today),
                    id: t.id,
                    name: t.name,
                    kind: t.kind,
                    municipalities: t.municipalities,
                })
                .collect())
        })
    })
    .await
}

#[tauri::command]
pub async fn get_table(state: State<'_, AppState>, args: GetTableArgs) -> Result<Table, ApiError> {
    let s = state.0.clone();
    blocking(move || s.with_store(|store| store.get_table(args.id).map_err(api_error))).await
}

/// What this device may do on the table: the screens show only what the rulebook allows.
#[tauri::command]
pub async fn table_rights(
    state: State<'_, AppState>,
    args: casustafel_api::commands::TableArgs,
) -> Result<casustafel_domain::rights::Rights, ApiError> {
    let s = state.0.clone();
    blocking(move || s.with_store(|store| store.rights(args.table).map_err(api_error))).await
}

#[tauri::command]
pub async fn create_table(
    state: State<'_, AppState>,
    args: CreateTableArgs,
) -> Result<Table, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .create_table(&args.draft, chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}

#[tauri::command]
pub async fn update_table(
    state: State<'_, AppState>,
    args: UpdateTableArgs,
) -> Result<Table, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| store.update_table(args.id, &args.draft).map_err(api_error))
    })
    .await
}
