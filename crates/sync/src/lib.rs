//! Casustafel's sync core. Pure: no files, no sockets, no clock; randomness is passed in.
//!
//! - `keys`: a device's signing and key-agreement keys, and its fingerprint.
//! - `access`: need to know — who may read and write which shared document.
//! - `envelope`: the signed, encrypted files devices exchange, read as hostile until verified.
//! - `enrol`: one-time codes, join requests and welcomes: how a device joins a table.
//! - `names`: the names of the files devices exchange, checked by every transport.
//! - `engine`: one device's state machine: seal local changes, hand out keys, accept or set aside
//!   what others wrote.
//!
//! Transports (a shared folder, later the meeting-room network) are thin adapters around `Engine`.

pub mod access;
pub mod engine;
pub mod enrol;
pub mod envelope;
pub mod keys;
pub mod names;
mod seal;

pub use access::{Access, DocRef, Member};
pub use engine::{About, Engine, EngineState, OutFile, Outcome};
pub use envelope::{Rejection, MAX_FILE_BYTES};
pub use keys::{DeviceId, DeviceKeys};
