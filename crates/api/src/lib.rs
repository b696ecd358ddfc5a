//! The contract between the Tauri shell and the Yew UI. Both sides depend on this crate, so a command's
//! name, its arguments, its result and its error cannot drift apart. Everything here is plain data.

pub mod commands;
pub mod contract;
pub mod dto;
pub mod error;
pub mod report;
pub mod sync;

pub use casustafel_domain as domain;
pub use dto::{
    CaseDetail, DiscussionText, ExportedReport, Lang, ProfileState, ProfileStatus, ReportLabels,
    TableSummary,
};
pub use error::{ApiError, SyncProblem};
