//! The per-case document: discussions per meeting and the actions agreed.
//! Maps keyed by id, so concurrent additions on different devices never collide.

use std::collections::BTreeMap;

use autosurgeon::{Hydrate, Reconcile, Text};

mod acts;
mod record;
pub use acts::case_acts;
pub use record::{AgreedAction, CaseRecord};

#[derive(Debug, Clone, PartialEq, Eq, Default, Reconcile, Hydrate)]
pub struct CaseDoc {
    pub case_id: String,
    /// By meeting id.
    pub discussions: BTreeMap<String, Discussion>,
    /// By action id.
    pub actions: BTreeMap<String, ActionDoc>,
    /// The case's register entry (JSON: code, status, partners, follow-up), so that whoever reads
    /// the case — an ad hoc participant too — has it without the whole register.
    #[autosurgeon(missing = "Default::default")]
    pub register: String,
}

/// What the table discussed about the case in one meeting.
#[derive(Debug, Clone, PartialEq, Eq, Default, Reconcile, Hydrate)]
pub struct Discussion {
    /// Participant id of who presented the case.
    pub presenter: Option<String>,
    /// Confidential discussion notes: never in the decision report.
    pub notes: Text,
    pub risk: Option<String>,
    /// The decision taken (gedragen besluit): in the decision report.
    pub decision: Text,
    pub track: Option<String>,
    pub casusregisseur: Option<String>,
    pub next_review: Option<String>,
}

/// An action (afspraak).
#[derive(Debug, Clone, PartialEq, Eq, Default, Reconcile, Hydrate)]
pub struct ActionDoc {
    pub meeting_id: String,
    pub what: String,
    /// Organisation id.
    pub owner: String,
    pub owner_person: String,
    /// ISO date.
    pub due: String,
    pub expected_feedback: String,
    pub status: String,
    /// By note id.
    pub progress: BTreeMap<String, ProgressNote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Reconcile, Hydrate)]
pub struct ProgressNote {
    /// RFC 3339.
    pub at: String,
    pub by: String,
    pub text: String,
}

#[cfg(test)]
mod tests;
