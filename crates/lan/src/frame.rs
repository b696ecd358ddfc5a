//! Frames on a stream: a 4-byte big-endian length, then that many bytes. A length above
//! `MAX_FRAME` ends the connection before anything is buffered; memory stays bounded.

use crate::channel::LanError;

/// Noise's own limit for one message.
pub const MAX_FRAME: usize = 65_535;

pub fn encode(payload: &[u8]) -> Result<Vec<u8>, LanError> {
    if payload.len() > MAX_FRAME {
        return Err(LanError::FrameTooLarge(payload.len()));
    }
    let mut out = Vec::with_capacity(4 + payload.len());
    out.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    out.extend_from_slice(payload);
    Ok(out)
}

/// Collects bytes as they arrive and hands out whole frames.
#[derive(Debug, Default)]
pub struct Decoder {
    buf: Vec<u8>,
}

impl Decoder {
    /// Adds bytes read from the stream; returns the frames now complete.
    pub fn push(&mut self, bytes: &[u8]) -> Result<Vec<Vec<u8>>, LanError> {
        self.buf.extend_from_slice(bytes);
        let mut frames = Vec::new();
        loop {
            if self.buf.len() < 4 {
                return Ok(frames);
            }
            let len =
                u32::from_be_bytes([self.buf[0], self.buf[1], self.buf[2], self.buf[3]]) as usize;
            if len > MAX_FRAME {
                self.buf.clear();
                return Err(LanError::FrameTooLarge(len));
            }
            if self.buf.len() < 4 + len {
                return Ok(frames);
            }
            frames.push(self.buf[4..4 + len].to_vec());
            self.buf.drain(..4 + len);
        }
    }
}
