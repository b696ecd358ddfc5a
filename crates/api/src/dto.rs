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
