//! Sync of a table between devices: this device's keys, sharing a table, invitations and
//! joining with a code, and the transport-neutral port every transport goes through — export
//! what changed here (`export_changes`, `outbox`, `sent`), tell what is held (`held`), and take
//! in what another device wrote through the sync engine's checks (`receive`). The transports
//! themselves (the shared folder, the meeting-room network) live outside the store, in
//! `casustafel-live`: no file or socket is touched here, so no transport's IO ever happens while
//! the store is held.
//!
//! The rules live in `casustafel-sync` (pure); this module keeps their state in the encrypted
//! database and applies changes to the documents and their indexes in one transaction per call.
//!
//! - `state`: a shared table's saved state, this device's keys and membership.
//! - `export`: the register snapshot, key grants and sealed changes, into the outbox and archive.
//! - `ingest`: files from another device, through the engine, in one transaction.
//! - `membership`: sharing, invitations, joining, admitting, refusing and removing devices.
//! - `status`: what the sync panel shows.
//! - `live`: what a live peer may be handed (need to know).

mod apply;
mod export;
mod guard;
mod held;
mod ingest;
mod live;
mod membership;
mod register;
mod state;
mod status;
mod strangers;

use casustafel_domain::participant::Role;
use casustafel_domain::ParticipantId;
use casustafel_sync::enrol::EnrolError;
use casustafel_sync::{DeviceId, DocRef, Member};

use crate::error::{Result, StoreError, SyncProblem};
pub use casustafel_api::sync::{SyncReport, SyncStatus};

pub(crate) use guard::{approved_meetings, refused};
pub use ingest::Source;

/// How much this device keeps waiting of what it cannot use yet (see `held` and `strangers`).
pub mod limits {
    pub use super::held::{MAX_HELD_DAYS, MAX_HELD_PER_DOC};
    pub use super::strangers::{
        MAX_STRANGER_DAYS, MAX_STRANGER_FILES, MAX_STRANGER_FILES_PER_DEVICE,
    };
}
pub use membership::WaitingJoin;
pub use register::DeviceRecord;

/// How long an invitation code stays valid.
pub const INVITATION_DAYS: i64 = 7;

pub(super) fn code_error(e: EnrolError) -> StoreError {
    StoreError::Sync(match e {
        EnrolError::Mistyped => SyncProblem::CodeMistyped,
        EnrolError::Expired => SyncProblem::CodeExpired,
        EnrolError::Used => SyncProblem::CodeUsed,
        _ => SyncProblem::CodeUnknown,
    })
}

pub(super) fn device_bytes(d: &DeviceId) -> Vec<u8> {
    let mut b = d.signing.to_vec();
    b.extend_from_slice(&d.agreement);
    b
}

pub(super) fn device_from(bytes: &[u8]) -> Result<DeviceId> {
    if bytes.len() != 64 {
        return Err(StoreError::Damaged("device id".into()));
    }
    let mut signing = [0u8; 32];
    let mut agreement = [0u8; 32];
    signing.copy_from_slice(&bytes[..32]);
    agreement.copy_from_slice(&bytes[32..]);
    Ok(DeviceId { signing, agreement })
}

pub(super) fn chair_member() -> Member {
    Member {
        participant: ParticipantId(uuid::Uuid::nil()),
        organisation: casustafel_domain::OrganisationId(uuid::Uuid::nil()),
        role: Role::Chair,
        cases: vec![],
        removed: false,
        settled: 0,
    }
}

/// The document store's id of a shared document.
pub(crate) fn doc_id(doc: DocRef) -> String {
    match doc {
        DocRef::Table(t) => format!("table:{t}"),
        DocRef::Register(t) => format!("register:{t}"),
        DocRef::Meeting(m) => m.to_string(),
        DocRef::Case(c) => c.to_string(),
    }
}
