//! Live sync on the meeting-room network.
//!
//! - `frame`: length-prefixed frames read from a byte stream, bounded in size, hostile-safe.
//! - `channel`: a Noise XX handshake (X25519, ChaCha20-Poly1305, BLAKE2s) between two devices,
//!   authenticated with their enrolled X25519 device keys and bound to one table (the prologue); the
//!   peer is accepted only if the table's access rules know it and it was not removed.
//! - `proto`: what travels on the channel — which files each side holds, and the sync engine's
//!   signed files in parts.
//! - `node`: the socket adapter (TCP listener, typed and mDNS-found peers, reconnects, peers list).
//!
//! Pure but for `node`; the store is reached through the `Library` trait.

pub mod channel;
pub mod frame;
pub mod node;
pub mod proto;

pub use channel::{Channel, Handshake, LanError};
pub use node::{Library, Node, Options, PeerState, PeerView};
