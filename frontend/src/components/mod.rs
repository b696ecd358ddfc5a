//! One component per file, each with its own `Props`.

pub mod actions;
pub mod agenda;
pub mod case_view;
pub mod cases;
pub mod chair_overview;
pub mod disclosures;
pub mod field;
pub mod followup_form;
pub mod form;
pub mod header;
pub mod join;
pub mod leave_dialog;
pub mod live_panel;
pub mod meeting_run;
pub mod meetings;
pub mod participants;
pub mod phenomena;
pub mod referrals;
pub mod report_panel;
pub mod setup;
pub mod sync_panel;
pub mod table_detail;
pub mod table_form;
pub mod tables;
pub mod unlock;
