//! The decision report: its content for the print view, the PDF saved to the export folder, and
//! the disclosure ledger that records every copy that leaves the app.

use casustafel_api::commands::{ExportReportArgs, PreviewReportArgs, RecordPrintArgs, TableArgs};
use casustafel_api::{ApiError, ExportedReport};
use casustafel_domain::disclosure::{report_is_draft, Disclosure, DisclosureDraft};
use casustafel_report::{render, report_data, Issued, ReportData};
use tauri::State;

use super::{blocking, today};
use crate::error::api_error;
use crate::state::AppState;

/// The report as the print view shows it: the same words as the PDF.
#[tauri::command]
pub async fn preview_report(
    state: State<'_, AppState>,
    args: PreviewReportArgs,
) -> Result<ReportData, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            let report = store.meeting_report(args.meeting).map_err(api_error)?;
            let status = store.meeting_status(args.meeting).map_err(api_error)?;
            let issued = issued(store, &args.draft)?;
            Ok(report_data(
                &report,
                &args.labels,
                report_is_draft(status),
                &issued,
            ))
        })
    })
    .await
}

fn issued(store: &casustafel_store::Store, draft: &DisclosureDraft) -> Result<Issued, ApiError> {
    Ok(Issued {
        recipient: draft.recipient.trim().to_string(),
        on: casustafel_domain::format_date(today()),
        by: store.actor().map_err(api_error)?,
    })
}

/// Where PDFs are saved, so the screen can say so before and after.
#[tauri::command]
pub async fn export_folder(state: State<'_, AppState>) -> Result<String, ApiError> {
    Ok(state.0.export_dir.display().to_string())
}

#[tauri::command]
pub async fn export_report(
    state: State<'_, AppState>,
    args: ExportReportArgs,
) -> Result<ExportedReport, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        let dir = s.export_dir.clone();
        s.with_store(|store| {
            let issued = issued(store, &args.draft)?;
            let exported = store
                .export_report(
                    args.meeting,
                    &args.draft,
                    &dir,
                    |report, draft| render(&report_data(report, &args.labels, draft, &issued)),
                    chrono::Utc::now(),
                )
                .map_err(api_error)?;
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
    args: RecordPrintArgs,
) -> Result<Disclosure, ApiError> {
    let s = state.0.clone();
    blocking(move || {
        s.with_store(|store| {
            store
                .record_print(args.meeting, &args.draft, chrono::Utc::now())
                .map_err(api_error)
        })
    })
    .await
}

#[tauri::command]
pub async fn list_disclosures(
    state: State<'_, AppState>,
    args: TableArgs,
) -> Result<Vec<Disclosure>, ApiError> {
    let s = state.0.clone();
    blocking(move || s.with_store(|store| store.list_disclosures(args.table).map_err(api_error)))
        .await
}
