//! Live sync on the meeting-room network, first steps (pure: bytes in, bytes out).
//!
//! - `frame`: length-prefixed frames read from a byte stream, bounded in size, hostile-safe.
//! - `channel`: a Noise XX handshake (X25519, ChaCha20-Poly1305, BLAKE2s) between two devices,
//!   authenticated with their enrolled X25519 device keys and bound to one table (the prologue); the
//!   peer is accepted only if the table's access rules know it and it was not removed.
//!
//! The socket adapter (mDNS discovery, TCP, reconnects) and the exchange of the sync engine's files
//! over the channel come next, beside the shared-folder transport, on the same sync core.

pub mod channel;
pub mod frame;
pub mod node;
pub mod proto;

pub use channel::{Channel, Handshake, LanError};
pub use node::{Library, Node, Options, PeerState, PeerView};
