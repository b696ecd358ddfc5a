//! What the screens show of sync between devices, typed: a pass's report, a shared table's state,
//! the devices, live peers and why something was set aside or refused. Filled in by the store and
//! the shell; each code has its sentence in `assets/i18n/*.ftl`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Why a file from another device was set aside (not applied), or a file in the folder not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SetAsideReason {
    /// Larger than the sync core accepts.
    TooLarge,
    /// Not a file of ours, or damaged.
    Malformed,
    /// Written by a newer version of the app.
    NewerFormat,
    /// Its signature does not verify: forged or changed on the way.
    BadSignature,
    /// Its name does not match what it holds (copied under another name).
    Misnamed,
    /// Sealed under a key this device does not have.
    Undecryptable,
    /// Its author may not do what it does (the rulebook).
    NotAllowed,
    /// It names another case table, or a document of one: no table writes into another.
    OtherTable,
    /// The file system refused to read it.
    Unreadable,
    /// Another file lay at the name of one of this device's files: this device's file went into
    /// the folder under its spare name.
    Occupied,
    CodeUnknown,
    CodeExpired,
    CodeUsed,
    CodeMistyped,
    /// The chair's device refused the join request.
    JoinRefused,
    /// Its content would unpack to far more than one file may hold (compressed data, or a few
    /// bytes that stand for millions of changes): refused before anything was unpacked.
    Unpacks,
    /// Its content is not a readable change of its document, or leaves the document damaged.
    BadChange,
    /// It waited for changes it builds on, or for its author to join the table, longer than a
    /// file may wait; or more files waited than this device keeps.
    WaitedTooLong,
    /// Its author is not a member of this table (and was not admitted while it waited).
    Stranger,
}

impl SetAsideReason {
    pub const ALL: [SetAsideReason; 19] = [
        SetAsideReason::TooLarge,
        SetAsideReason::Malformed,
        SetAsideReason::NewerFormat,
        SetAsideReason::BadSignature,
        SetAsideReason::Misnamed,
        SetAsideReason::Undecryptable,
        SetAsideReason::NotAllowed,
        SetAsideReason::OtherTable,
        SetAsideReason::Unreadable,
        SetAsideReason::Occupied,
        SetAsideReason::CodeUnknown,
        SetAsideReason::CodeExpired,
        SetAsideReason::CodeUsed,
        SetAsideReason::CodeMistyped,
        SetAsideReason::JoinRefused,
        SetAsideReason::Unpacks,
        SetAsideReason::BadChange,
        SetAsideReason::WaitedTooLong,
        SetAsideReason::Stranger,
    ];

    /// The code kept with a warning and used in message ids (`sync-reason-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            SetAsideReason::TooLarge => "too_large",
            SetAsideReason::Malformed => "malformed",
            SetAsideReason::NewerFormat => "newer_format",
            SetAsideReason::BadSignature => "bad_signature",
            SetAsideReason::Misnamed => "misnamed",
            SetAsideReason::Undecryptable => "undecryptable",
            SetAsideReason::NotAllowed => "not_allowed",
            SetAsideReason::OtherTable => "other_table",
            SetAsideReason::Unreadable => "unreadable",
            SetAsideReason::Occupied => "occupied",
            SetAsideReason::CodeUnknown => "code_unknown",
            SetAsideReason::CodeExpired => "code_expired",
            SetAsideReason::CodeUsed => "code_used",
            SetAsideReason::CodeMistyped => "code_mistyped",
            SetAsideReason::JoinRefused => "join_refused",
            SetAsideReason::Unpacks => "unpacks",
            SetAsideReason::BadChange => "bad_change",
            SetAsideReason::WaitedTooLong => "waited_too_long",
            SetAsideReason::Stranger => "stranger",
        }
    }

    /// The reason a code names; `None` for a code this version does not know.
    pub fn from_code(code: &str) -> Option<SetAsideReason> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A chair's answer that this device received after asking to join, shown to the person before
/// anything of it is trusted: they compare `chair` with the fingerprint on the chair's screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WelcomeToConfirm {
    /// The join (the code's public id).
    pub id: String,
    /// The table's name, as the answer gives it.
    pub table_name: String,
    /// The fingerprint of the device that answered.
    pub chair: String,
    /// This device's fingerprint (the chair compared it before admitting).
    pub me: String,
}

/// A file set aside, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAside {
    pub file: String,
    pub reason: SetAsideReason,
}

/// A device enrolled in a table, or asking to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceView {
    pub fingerprint: String,
    /// What its owner called it when joining ("laptop CAW").
    pub label: String,
    /// The participant it was invited for (empty if unknown here).
    pub participant: String,
}

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
    /// Files set aside in this pass.
    pub set_aside: Vec<SetAside>,
    /// Devices that asked to join in this pass (their fingerprints); they wait for the chair.
    pub joined: Vec<String>,
}

/// The sync state of a table, for the screen. What this device may do there (invite, admit,
/// remove) is the table's `Rights`, asked separately (`table_rights`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncStatus {
    pub folder: String,
    pub last_sync: Option<DateTime<Utc>>,
    /// Files written here but not yet in the folder.
    pub outbox: usize,
    /// Files set aside lately, newest first.
    pub warnings: Vec<SetAside>,
    /// This device's fingerprint.
    pub me: String,
    /// Enrolled devices.
    pub devices: Vec<DeviceView>,
    /// Why the last pass failed, if it did.
    #[serde(default)]
    pub last_error: Option<crate::SyncProblem>,
    /// Devices that asked to join and wait for the chair.
    #[serde(default)]
    pub pending: Vec<DeviceView>,
}

/// A one-time code for a participant's device, as the chair hands it over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteCode {
    /// E.g. `KQ7M-2XRA-9DFT-C4HW`.
    pub code: String,
    pub expires: DateTime<Utc>,
}

/// Where a peer on the meeting-room network stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeerState {
    /// Found (announced or typed), not connected.
    Seen,
    Connected,
    /// Was connected; the connection ended (`reason` says why).
    Lost,
    /// The handshake was refused, by this device or by the other (`reason`).
    Refused,
}

impl PeerState {
    pub fn code(self) -> &'static str {
        match self {
            PeerState::Seen => "seen",
            PeerState::Connected => "connected",
            PeerState::Lost => "lost",
            PeerState::Refused => "refused",
        }
    }
}

/// Why a peer was lost or refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeerReason {
    /// Not a device enrolled in this table.
    UnknownDevice,
    /// Removed from the table.
    Removed,
    /// Belongs to another case table.
    WrongTable,
    /// The network went away (sleep, another network); tried again by itself.
    ConnectionLost,
    /// Not a valid Casustafel connection.
    Handshake,
    /// A message refused (damaged or replayed).
    Rejected,
    Malformed,
    FrameTooLarge,
}

impl PeerReason {
    pub const ALL: [PeerReason; 8] = [
        PeerReason::UnknownDevice,
        PeerReason::Removed,
        PeerReason::WrongTable,
        PeerReason::ConnectionLost,
        PeerReason::Handshake,
        PeerReason::Rejected,
        PeerReason::Malformed,
        PeerReason::FrameTooLarge,
    ];

    /// The code used in message ids (`live-reason-<code with dashes>`).
    pub fn code(self) -> &'static str {
        match self {
            PeerReason::UnknownDevice => "unknown_device",
            PeerReason::Removed => "removed",
            PeerReason::WrongTable => "wrong_table",
            PeerReason::ConnectionLost => "connection_lost",
            PeerReason::Handshake => "handshake",
            PeerReason::Rejected => "rejected",
            PeerReason::Malformed => "malformed",
            PeerReason::FrameTooLarge => "frame_too_large",
        }
    }

    pub fn from_code(code: &str) -> Option<PeerReason> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A peer of a table on the meeting-room network, for the sync panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LivePeer {
    /// The device's fingerprint, once a handshake told it.
    pub fingerprint: Option<String>,
    /// What the device is called and whose it is, if it is enrolled in this table.
    pub label: String,
    pub name: String,
    pub address: String,
    pub state: PeerState,
    /// Why it was lost or refused.
    pub reason: Option<PeerReason>,
    pub last_exchange: Option<DateTime<Utc>>,
}

/// Live sync of a table on the meeting-room network.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveStatus {
    /// Whether live sync runs in this app (it can be switched off at start).
    pub running: bool,
    /// The addresses another device can type to reach this one.
    pub addresses: Vec<String>,
    pub peers: Vec<LivePeer>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_match_the_wire_names() {
        for r in SetAsideReason::ALL {
            assert_eq!(SetAsideReason::from_code(r.code()), Some(r));
            assert_eq!(
                serde_json::to_value(r).expect("json"),
                serde_json::Value::String(r.code().into())
            );
        }
        for r in PeerReason::ALL {
            assert_eq!(PeerReason::from_code(r.code()), Some(r));
            assert_eq!(
                serde_json::to_value(r).expect("json"),
                serde_json::Value::String(r.code().into())
            );
        }
        assert_eq!(SetAsideReason::from_code("from_a_future_version"), None);
    }
}
