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

/// A peer of a table on the meeting-room network, for the sync panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LivePeer {
    /// The device's fingerprint, once a handshake told it.
    pub fingerprint: Option<String>,
    /// What the device is called and whose it is, if it is enrolled in this table.
    pub label: String,
    pub name: String,
    pub address: String,
    /// `seen`, `connected`, `lost` or `refused`.
    pub state: String,
    /// Why it was lost or refused: `unknown_device`, `removed`, `wrong_table`, `connection_lost`…
    pub reason: Option<String>,
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

/// Reads an address typed by a person: `192.168.1.20:47474`, or `192.168.1.20` for the
/// default port. Names are not looked up (no DNS in a meeting room).
pub fn parse_peer_address(
    text: &str,
    default_port: u16,
) -> Result<std::net::SocketAddr, crate::FieldError> {
    use crate::{Field, FieldError, Problem};
    let t = text.trim();
    if t.is_empty() {
        return Err(FieldError::new(Field::PeerAddress, Problem::Required));
    }
    if let Ok(a) = t.parse::<std::net::SocketAddr>() {
        if a.port() != 0 && !a.ip().is_unspecified() {
            return Ok(a);
        }
    } else if let Ok(ip) = t.parse::<std::net::IpAddr>() {
        if !ip.is_unspecified() {
            return Ok(std::net::SocketAddr::new(ip, default_port));
        }
    }
    Err(FieldError::new(
        Field::PeerAddress,
        Problem::InvalidAddress {
            value: t.chars().take(60).collect(),
        },
    ))
}

#[cfg(test)]
mod address_tests {
    use super::*;
    use crate::{Field, Problem};

    #[test]
    fn typed_addresses() {
        assert_eq!(
            parse_peer_address(" 192.168.1.20:5000 ", 47474)
                .unwrap()
                .to_string(),
            "192.168.1.20:5000"
        );
        assert_eq!(
            parse_peer_address("10.0.0.7", 47474).unwrap().to_string(),
            "10.0.0.7:47474"
        );
        assert_eq!(
            parse_peer_address("[fe80::1]:47474", 1).unwrap().port(),
            47474
        );
        let e = parse_peer_address("", 1).unwrap_err();
        assert_eq!(
            (e.field, e.problem),
            (Field::PeerAddress, Problem::Required)
        );
        for bad in [
            "laptop-voorzitter",
            "192.168.1.300",
            "1.2.3.4:99999",
            "0.0.0.0",
            "1.2.3.4:0",
        ] {
            let e = parse_peer_address(bad, 47474).unwrap_err();
            assert!(matches!(e.problem, Problem::InvalidAddress { .. }), "{bad}");
        }
    }
}
