//! Live sync on the meeting-room network: what the sync panel shows (this device's addresses,
//! the table's peers), connecting by a typed address, and the revision the screen polls to reload
//! when other devices' changes were applied.

use std::sync::atomic::Ordering;

use casustafel_api::contract::{cmd, Args, Out};
use casustafel_api::sync::{LivePeer, LiveStatus, PeerReason, PeerState};
use casustafel_api::ApiError;
use casustafel_domain::sync::parse_peer_address;
use casustafel_lan::PeerState as Lan;
use tauri::State;

use super::on_shared;
use crate::error::api_error;
use crate::state::AppState;

#[tauri::command]
pub async fn live_status(
    state: State<'_, AppState>,
    args: Args<cmd::LiveStatus>,
) -> Result<Out<cmd::LiveStatus>, ApiError> {
    on_shared::<cmd::LiveStatus, ApiError>(&state, move |s| {
        let Some(live) = s.live.get() else {
            return Ok(LiveStatus::default());
        };
        let devices = s.with_store(|store| {
            Ok(store
                .sync_status(args.table)
                .map(|st| st.devices)
                .unwrap_or_default())
        })?;
        let peers = live
            .peers(args.table)
            .into_iter()
            .map(|p| {
                let fingerprint = p.device.map(|d| d.fingerprint());
                let (label, name) = devices
                    .iter()
                    .find(|d| Some(&d.fingerprint) == fingerprint.as_ref())
                    .map(|d| (d.label.clone(), d.participant.clone()))
                    .unwrap_or_default();
                LivePeer {
                    fingerprint,
                    label,
                    name,
                    address: if p.address.port() == 0 {
                        p.address.ip().to_string()
                    } else {
                        p.address.to_string()
                    },
                    state: match p.state {
                        Lan::Seen => PeerState::Seen,
                        Lan::Connected => PeerState::Connected,
                        Lan::Lost => PeerState::Lost,
                        Lan::Refused => PeerState::Refused,
                    },
                    // A reason this version cannot name reads as "not a valid connection".
                    reason: p
                        .reason
                        .map(|r| PeerReason::from_code(r).unwrap_or(PeerReason::Handshake)),
                    last_exchange: p.last_exchange.map(chrono::DateTime::from),
                }
            })
            .collect();
        Ok(LiveStatus {
            running: true,
            addresses: live.addresses().iter().map(|a| a.to_string()).collect(),
            peers,
        })
    })
    .await
}

#[tauri::command]
pub async fn live_connect(
    state: State<'_, AppState>,
    args: Args<cmd::LiveConnect>,
) -> Result<Out<cmd::LiveConnect>, ApiError> {
    on_shared::<cmd::LiveConnect, ApiError>(&state, move |s| {
        let address = parse_peer_address(&args.address, casustafel_lan::node::DEFAULT_PORT)
            .map_err(|e| ApiError::Invalid { errors: vec![e] })?;
        // Only a table this device shares.
        s.with_store(|store| store.sync_access(args.table).map(|_| ()).map_err(api_error))?;
        match s.live.get() {
            Some(live) => {
                live.connect(args.table, address);
                Ok(())
            }
            None => Err(ApiError::Sync {
                problem: casustafel_api::SyncProblem::LiveOff,
                folder: String::new(),
            }),
        }
    })
    .await
}

#[tauri::command]
pub fn data_revision(state: State<'_, AppState>) -> Result<Out<cmd::DataRevision>, ApiError> {
    Ok(state.0.revision.load(Ordering::SeqCst))
}

#[cfg(test)]
mod tests {
    use casustafel_api::sync::PeerReason;
    use casustafel_lan::LanError;

    #[test]
    fn every_reason_the_network_gives_has_a_name_on_screen() {
        for e in [
            LanError::FrameTooLarge(70_000),
            LanError::Handshake,
            LanError::UnknownDevice,
            LanError::Removed,
            LanError::Rejected,
            LanError::Malformed,
            LanError::WrongTable,
            LanError::Io("gone".into()),
        ] {
            assert!(PeerReason::from_code(e.code()).is_some(), "{e:?}");
        }
    }
}
