//! The encrypted, mutually authenticated channel between two devices of one table.

use casustafel_sync::{Access, DeviceId, DeviceKeys};
use snow::{Builder, HandshakeState, TransportState};

use crate::frame::MAX_FRAME;

const PATTERN: &str = "Noise_XX_25519_ChaChaPoly_BLAKE2s";

/// Why a connection was dropped; logged and shown per peer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LanError {
    #[error("frame too large ({0} bytes)")]
    FrameTooLarge(usize),
    /// Bad handshake: another table (different prologue), damaged, or not Noise at all.
    #[error("handshake failed")]
    Handshake,
    /// The peer's key belongs to no device of this table.
    #[error("unknown device")]
    UnknownDevice,
    #[error("device removed from the table")]
    Removed,
    /// A message that does not decrypt in this session (tampered, replayed, from another session).
    #[error("message rejected")]
    Rejected,
    /// A message that opened but is not one this protocol sends, or breaks its bounds.
    #[error("malformed message")]
    Malformed,
    /// The peer asked for a table this device does not share.
    #[error("wrong table")]
    WrongTable,
    /// The connection ended or could not be made (network down, peer gone, timeout).
    #[error("connection lost: {0}")]
    Io(String),
}

impl LanError {
    /// A stable code for the screen, which translates it.
    pub fn code(&self) -> &'static str {
        match self {
            LanError::FrameTooLarge(_) => "frame_too_large",
            LanError::Handshake => "handshake",
            LanError::UnknownDevice => "unknown_device",
            LanError::Removed => "removed",
            LanError::Rejected => "rejected",
            LanError::Malformed => "malformed",
            LanError::WrongTable => "wrong_table",
            LanError::Io(_) => "connection_lost",
        }
    }
}

/// A handshake in progress.
pub struct Handshake {
    state: HandshakeState,
}

impl std::fmt::Debug for Handshake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handshake").finish()
    }
}

fn builder<'a>(secret: &'a [u8], prologue: &'a [u8]) -> Result<Builder<'a>, LanError> {
    let params = PATTERN.parse().map_err(|_| LanError::Handshake)?;
    Builder::new(params)
        .local_private_key(secret)
        .and_then(|b| b.prologue(prologue))
        .map_err(|_| LanError::Handshake)
}

impl Handshake {
    /// Starts as the device that connects; returns the first message to send. `table` binds the
    /// channel to one table: a peer of another table fails the handshake.
    pub fn initiate(me: &DeviceKeys, table: &[u8]) -> Result<(Self, Vec<u8>), LanError> {
        let secret = me.agreement_secret();
        let mut state = builder(secret.as_ref(), table)?
            .build_initiator()
            .map_err(|_| LanError::Handshake)?;
        let mut msg = vec![0u8; MAX_FRAME];
        let n = state
            .write_message(&[], &mut msg)
            .map_err(|_| LanError::Handshake)?;
        msg.truncate(n);
        Ok((Self { state }, msg))
    }

    /// Starts as the device that listens.
    pub fn respond(me: &DeviceKeys, table: &[u8]) -> Result<Self, LanError> {
        let secret = me.agreement_secret();
        let state = builder(secret.as_ref(), table)?
            .build_responder()
            .map_err(|_| LanError::Handshake)?;
        Ok(Self { state })
    }

    /// Reads the peer's handshake message; returns the answer to send, if any.
    pub fn read(&mut self, message: &[u8]) -> Result<Option<Vec<u8>>, LanError> {
        let mut payload = vec![0u8; MAX_FRAME];
        self.state
            .read_message(message, &mut payload)
            .map_err(|_| LanError::Handshake)?;
        if self.state.is_handshake_finished() || !self.state.is_my_turn() {
            return Ok(None);
        }
        let mut msg = vec![0u8; MAX_FRAME];
        let n = self
            .state
            .write_message(&[], &mut msg)
            .map_err(|_| LanError::Handshake)?;
        msg.truncate(n);
        Ok(Some(msg))
    }

    pub fn is_finished(&self) -> bool {
        self.state.is_handshake_finished()
    }

    /// The channel, if the peer is a device of this table that was not removed.
    pub fn finish(self, access: &Access) -> Result<Channel, LanError> {
        let remote: [u8; 32] = self
            .state
            .get_remote_static()
            .and_then(|k| k.try_into().ok())
            .ok_or(LanError::Handshake)?;
        let (peer, member) = access
            .members
            .iter()
            .find(|(d, _)| d.agreement == remote)
            .ok_or(LanError::UnknownDevice)?;
        if member.removed {
            return Err(LanError::Removed);
        }
        let peer = *peer;
        let transport = self
            .state
            .into_transport_mode()
            .map_err(|_| LanError::Handshake)?;
        Ok(Channel { transport, peer })
    }
}

/// An open channel: what one side seals, only the other can open, once, in order.
pub struct Channel {
    transport: TransportState,
    pub peer: DeviceId,
}

impl std::fmt::Debug for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Channel")
            .field("peer", &self.peer.fingerprint())
            .finish()
    }
}

impl Channel {
    pub fn seal(&mut self, payload: &[u8]) -> Result<Vec<u8>, LanError> {
        if payload.len() + 16 > MAX_FRAME {
            return Err(LanError::FrameTooLarge(payload.len()));
        }
        let mut out = vec![0u8; payload.len() + 16];
        let n = self
            .transport
            .write_message(payload, &mut out)
            .map_err(|_| LanError::Rejected)?;
        out.truncate(n);
        Ok(out)
    }

    pub fn open(&mut self, message: &[u8]) -> Result<Vec<u8>, LanError> {
        if message.len() > MAX_FRAME {
            return Err(LanError::FrameTooLarge(message.len()));
        }
        let mut out = vec![0u8; message.len()];
        let n = self
            .transport
            .read_message(message, &mut out)
            .map_err(|_| LanError::Rejected)?;
        out.truncate(n);
        Ok(out)
    }
}

#[cfg(test)]
pub(crate) mod tests;
