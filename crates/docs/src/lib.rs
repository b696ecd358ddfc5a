//! Casustafel's Automerge documents. A **table document** holds what every member shares (the
//! register, membership); a **meeting document** holds the agenda, attendance and general
//! notes; a **case document** holds, per case, the discussions per meeting and the actions agreed, so
//! that a case can later be shared only with its partners and erased by destroying its key.
//!
//! Everything here is pure: bytes in, bytes out. Storage and transport live elsewhere. Every byte
//! from a peer or a folder is treated as hostile: loading or merging bad bytes is an error, never a
//! panic, and leaves the document as it was.

mod case_doc;
mod document;
mod meeting_doc;
pub mod peer_bytes;
mod table_doc;
mod text;

#[cfg(any(test, feature = "strategies"))]
pub mod strategies;

pub use case_doc::{
    case_acts, ActionDoc, AgreedAction, CaseDoc, CaseRecord, Discussion, ProgressNote,
};
pub use document::{Applied, DocError, Document};
pub use meeting_doc::{AgendaItem, Attendance, MeetingDoc};
pub use table_doc::{RegisterDoc, TableDoc};
pub use text::set_text;

/// Re-exported so callers can use `Text` in their edits.
pub use autosurgeon::Text;
