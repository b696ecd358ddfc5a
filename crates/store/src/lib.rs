//! The encrypted local store of one Casustafel profile.
//!
//! A profile is a folder holding `profile.json` (the key-derivation parameters and salt, no secret)
//! and `casustafel.db`, a SQLCipher database whose key is derived from the passphrase with Argon2id.
//! Nothing in the folder is readable without the passphrase, and there is no other way in.

mod audit;
mod cases;
mod db;
pub mod demo;
mod disclosures;
mod docstore;
mod error;
#[cfg(feature = "forge")]
mod forge;
mod fsutil;
mod identity;
pub mod kdf;
mod meetings;
mod migrations;
mod organisations;
mod phenomena;
pub mod profile;
mod referrals;
pub mod settings;
mod sync;
mod tables;
#[cfg(test)]
mod testutil;

pub use audit::AuditEntry;
pub use disclosures::Exported;
pub use error::{StoreError, SyncProblem};
pub use kdf::KdfParams;
pub use profile::{Profile, Store};
pub use sync::limits;
pub use sync::{DeviceRecord, Source, SyncReport, SyncStatus, WaitingJoin};
