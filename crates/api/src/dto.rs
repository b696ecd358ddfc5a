//! Data that crosses the IPC boundary and is not a domain entity itself.

use casustafel_domain::case::{Case, CaseEvent};
use casustafel_domain::referral::Referral;
pub use casustafel_domain::Lang;
use casustafel_domain::{table::LegalBasisStatus, Municipality, TableId, TableKind};
use serde::{Deserialize, Serialize};

/// Where the profile stands when the window opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileState {
    /// First start: choose a passphrase.
    New,
    /// A profile exists and waits for its passphrase.
    Locked,
    Unlocked,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileStatus {
    pub state: ProfileState,
    pub language: Lang,
    /// The app runs on the demo profile (its passphrase is public, in the README).
    pub demo: bool,
    /// A short, non-secret fingerprint of the profile, shown on the unlock screen so a person can
    /// tell two profiles apart.
    pub fingerprint: Option<String>,
}

/// A case with what its page shows beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub case: Case,
    pub referral: Referral,
    pub timeline: Vec<CaseEvent>,
}

/// What was typed about a case in a meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscussionText {
    /// Confidential: never in the decision report.
    pub notes: String,
    pub decision: String,
    /// Who presented the case in this meeting.
    #[serde(default)]
    pub presenter: Option<casustafel_domain::ParticipantId>,
}

/// One line in the list of tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSummary {
    pub id: TableId,
    pub name: String,
    pub kind: TableKind,
    pub municipalities: Vec<Municipality>,
    pub legal_basis_status: LegalBasisStatus,
}

/// The fixed texts of the decision report, translated by the UI (which holds the translations), so
/// the PDF is in the language of the person who makes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLabels {
    pub title: String,
    /// E.g. "VERTROUWELIJK — gedeeld beroepsgeheim, art. 458ter Sw."
    pub confidential: String,
    /// Shown under the title until the table approves the report.
    pub draft: String,
    pub issued_to: String,
    pub issued_by: String,
    pub attendance: String,
    pub decisions: String,
    pub decision: String,
    pub risk: String,
    pub track: String,
    pub regisseur: String,
    pub next_review: String,
    pub actions: String,
    pub no_actions: String,
    pub owner: String,
    pub due: String,
    pub feedback: String,
    pub page: String,
    /// Above a case's record as changed after the approval: "Gewijzigd na goedkeuring".
    pub amended: String,
    /// Words for codes, keyed like the UI's messages: `presence-present`, `risk-red`, `track-…`.
    pub terms: std::collections::BTreeMap<String, String>,
}

/// A decision report saved as PDF: where it is, and its line in the disclosure ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedReport {
    /// The full path of the file, to tell the person where it is.
    pub path: String,
    pub disclosure: casustafel_domain::disclosure::Disclosure,
}
