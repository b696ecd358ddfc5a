//! What the screens show of sync between devices: plain data, filled in by the store.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What one pass did, for the screen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncReport {
    /// Files this device wrote into the folder.
    pub written: usize,
    /// Changes of others applied here.
    pub applied: usize,
    /// Files that wait for a key or for their author's enrolment.
    pub waiting: usize,
    /// Files read in this pass.
    #[serde(default)]
    pub read: usize,
    /// Files left for the next pass (a long first sync).
    pub pending: usize,
    /// Files set aside in this pass: (file, reason).
    pub set_aside: Vec<(String, String)>,
    /// Devices that asked to join in this pass (their fingerprints); they wait for the chair.
    pub joined: Vec<String>,
}

/// The sync state of a table, for the screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncStatus {
    pub folder: String,
    pub last_sync: Option<DateTime<Utc>>,
    /// Files written here but not yet in the folder.
    pub outbox: usize,
    pub warnings: Vec<(String, String)>,
    /// This device's fingerprint.
    pub me: String,
    /// Whether this device runs the table (chair or secretary).
    pub runs_table: bool,
    /// Enrolled devices: fingerprint, label, participant name.
    pub devices: Vec<(String, String, String)>,
    /// Why the last automatic sync failed (a `SyncProblem` code, e.g. `folder_unreachable`), if it did.
    #[serde(default)]
    pub last_error: Option<String>,
    /// Devices that asked to join and wait for the chair: fingerprint, label, participant name.
    #[serde(default)]
    pub pending: Vec<(String, String, String)>,
}

/// A one-time code for a participant's device, as the chair hands it over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteCode {
    /// E.g. `KQ7M-2XRA-9DFT-C4HW`.
    pub code: String,
    pub expires: DateTime<Utc>,
}

/// Why a file in a shared folder was set aside: the codes the screens translate
/// (`sync-reason-<code>`).
pub const SET_ASIDE_REASONS: [&str; 13] = [
    "too_large",
    "malformed",
    "newer_format",
    "bad_signature",
    "misnamed",
    "undecryptable",
    "not_allowed",
    "unreadable",
    "code_unknown",
    "code_expired",
    "code_used",
    "code_mistyped",
    "join_refused",
];
