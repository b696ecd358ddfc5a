//! What the node knows of its peers, for the sync panel: seen (found or typed, not connected),
//! connected, lost (with why), refused (with why), and when files last went either way.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::SystemTime;

use casustafel_domain::TableId;
use casustafel_sync::DeviceId;

use crate::LanError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum PeerState {
    /// Found on the network or typed, no channel yet.
    Seen,
    Connected,
    /// Was connected; the connection ended (`reason` says why).
    Lost,
    /// The handshake was refused, by this device or by the other (`reason`).
    Refused,
}

/// One row of the peers list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerView {
    /// The peer's device, once a handshake told it.
    pub device: Option<DeviceId>,
    pub address: SocketAddr,
    pub state: PeerState,
    /// A `LanError::code`.
    pub reason: Option<&'static str>,
    pub last_exchange: Option<SystemTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Device(DeviceId),
    Address(SocketAddr),
    /// A caller turned away, by its address and the reason (it calls from a passing port).
    Refusal(std::net::IpAddr, &'static str),
}

#[derive(Debug, Default)]
pub(crate) struct Peers {
    rows: Mutex<BTreeMap<(TableId, Key), PeerView>>,
}

/// Rows kept per table at most (refused strangers must not grow the list without end).
const MAX_ROWS: usize = 64;

impl Peers {
    fn with<T>(&self, f: impl FnOnce(&mut BTreeMap<(TableId, Key), PeerView>) -> T) -> T {
        let mut rows = self.rows.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut rows)
    }

    pub fn seen(&self, table: TableId, address: SocketAddr) {
        self.with(|rows| {
            let known = rows
                .iter()
                .any(|((t, _), v)| *t == table && v.address == address);
            if !known && rows.len() < MAX_ROWS {
                rows.insert(
                    (table, Key::Address(address)),
                    PeerView {
                        device: None,
                        address,
                        state: PeerState::Seen,
                        reason: None,
                        last_exchange: None,
                    },
                );
            }
        });
    }

    /// The device last reached at a dialed address, if any.
    pub fn device_at(&self, table: TableId, address: SocketAddr) -> Option<DeviceId> {
        self.with(|rows| {
            rows.iter()
                .find(|((t, _), v)| *t == table && v.address == address)
                .and_then(|(_, v)| v.device)
        })
    }

    pub fn connected(&self, table: TableId, device: DeviceId, address: SocketAddr, dialed: bool) {
        self.with(|rows| {
            if dialed {
                rows.remove(&(table, Key::Address(address)));
            }
            let row = rows
                .entry((table, Key::Device(device)))
                .or_insert(PeerView {
                    device: Some(device),
                    address,
                    state: PeerState::Connected,
                    reason: None,
                    last_exchange: None,
                });
            row.state = PeerState::Connected;
            row.reason = None;
            // Keep the address one can dial (an incoming connection comes from a passing port).
            if dialed {
                row.address = address;
            }
        });
    }

    pub fn exchanged(&self, table: TableId, device: DeviceId, at: SystemTime) {
        self.with(|rows| {
            if let Some(row) = rows.get_mut(&(table, Key::Device(device))) {
                row.last_exchange = Some(at);
            }
        });
    }

    pub fn lost(&self, table: TableId, device: DeviceId, why: &LanError) {
        self.with(|rows| {
            if let Some(row) = rows.get_mut(&(table, Key::Device(device))) {
                // The end of a connection this side turned away keeps the reason it was turned away.
                if row.state == PeerState::Refused && matches!(why, LanError::Io(_)) {
                    return;
                }
                row.state = match why {
                    LanError::UnknownDevice | LanError::Removed | LanError::WrongTable => {
                        PeerState::Refused
                    }
                    _ => PeerState::Lost,
                };
                row.reason = Some(why.code());
            }
        });
    }

    /// A connection that did not get through the handshake, or could not be made.
    pub fn failed(
        &self,
        table: TableId,
        address: SocketAddr,
        device: Option<DeviceId>,
        why: &LanError,
    ) {
        let state = match why {
            LanError::Io(_) => PeerState::Seen,
            _ => PeerState::Refused,
        };
        self.with(|rows| {
            // A known device that dropped during a reconnect stays one row.
            if let Some(row) = rows
                .iter_mut()
                .find(|((t, k), v)| {
                    *t == table && v.address == address && matches!(k, Key::Device(_))
                })
                .map(|(_, v)| v)
            {
                if row.state != PeerState::Connected {
                    row.state = if state == PeerState::Seen {
                        PeerState::Lost
                    } else {
                        state
                    };
                    row.reason = Some(why.code());
                }
                return;
            }
            let key = match device {
                Some(d) => Key::Device(d),
                None if address.port() == 0 => Key::Refusal(address.ip(), why.code()),
                None => Key::Address(address),
            };
            if rows.len() >= MAX_ROWS && !rows.contains_key(&(table, key.clone())) {
                return;
            }
            let row = rows.entry((table, key)).or_insert(PeerView {
                device,
                address,
                state,
                reason: None,
                last_exchange: None,
            });
            row.state = state;
            row.reason = Some(why.code());
        });
    }

    /// The rows of `table`; `connected` lists the devices with a live channel now.
    pub fn view(&self, table: TableId, connected: &[DeviceId]) -> Vec<PeerView> {
        self.with(|rows| {
            rows.iter()
                .filter(|((t, _), _)| *t == table)
                .map(|(_, v)| {
                    let mut v = v.clone();
                    if v.device.is_some_and(|d| connected.contains(&d)) {
                        v.state = PeerState::Connected;
                        v.reason = None;
                    }
                    v
                })
                .collect()
        })
    }
}
