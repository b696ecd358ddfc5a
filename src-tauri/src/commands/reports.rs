//! The decision report: its content for the print view, the PDF saved to the export folder, and
//! the disclosure ledger that records every copy that leaves the app.

use casustafel_api::contract::{cmd, Args, Out};
use casustafel_api::{ApiError, ExportedReport};
use casustafel_domain::disclosure::{report_is_draft, DisclosureDraft};
use casustafel_report::{render, report_data, Issued};
use casustafel_store::{Store, StoreError};
use tauri::State;

use super::{on_shared, on_store, today, IntoApiError};
use crate::state::AppState;

/// The report as the print view shows it: the same words as the PDF.
#[tauri::command]
pub async fn preview_report(
    state: State<'_, AppState>,
    args: Args<cmd::PreviewReport>,
) -> Result<Out<cmd::PreviewReport>, ApiError> {
    on_store::<cmd::PreviewReport, StoreError>(&state, move |store| {
        let report = store.meeting_report(args.meeting)?;
        let draft = report_is_draft(store.meeting_status(args.meeting)?);
        let issued = issued(store, &args.draft)?;
        Ok(report_data(&report, &args.labels, draft, &issued))
    })
    .await
}

fn issued(store: &Store, draft: &DisclosureDraft) -> Result<Issued, StoreError> {
    Ok(Issued {
        recipient: draft.recipient.trim().to_string(),
        on: casustafel_domain::format_date(today()),
        by: store.actor()?,
    })
}

/// Where PDFs are saved, so the screen can say so before and after.
#[tauri::command]
pub async fn export_folder(state: State<'_, AppState>) -> Result<Out<cmd::ExportFolder>, ApiError> {
    on_shared::<cmd::ExportFolder, ApiError>(&state, |s| Ok(s.export_dir.display().to_string()))
        .await
}

#[tauri::command]
pub async fn export_report(
    state: State<'_, AppState>,
    args: Args<cmd::ExportReport>,
) -> Result<Out<cmd::ExportReport>, ApiError> {
    on_shared::<cmd::ExportReport, ApiError>(&state, move |s| {
        let dir = s.export_dir.clone();
        s.with_store(|store| {
            let issued = issued(store, &args.draft).map_err(IntoApiError::into_api)?;
            let exported = store
                .export_report(
                    args.meeting,
                    &args.draft,
                    &dir,
                    |report, draft| render(&report_data(report, &args.labels, draft, &issued)),
                    chrono::Utc::now(),
                )
                .map_err(IntoApiError::into_api)?;
            Ok(ExportedReport {
                path: exported.path.display().to_string(),
                disclosure: exported.disclosure,
            })
        })
    })
    .await
}

/// Records a print of the report (the print view calls it before opening the print dialog).
#[tauri::command]
pub async fn record_print(
    state: State<'_, AppState>,
    args: Args<cmd::RecordPrint>,
) -> Result<Out<cmd::RecordPrint>, ApiError> {
    on_store::<cmd::RecordPrint, _>(&state, move |store| {
        store.record_print(args.meeting, &args.draft, chrono::Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn list_disclosures(
    state: State<'_, AppState>,
    args: Args<cmd::ListDisclosures>,
) -> Result<Out<cmd::ListDisclosures>, ApiError> {
    on_store::<cmd::ListDisclosures, _>(&state, move |store| store.list_disclosures(args.table))
        .await
}
