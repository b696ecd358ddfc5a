//! Bytes from a network peer: frames split anywhere, then decoded as messages and put together
//! as files, and as handshake messages. Errors end the connection; nothing panics, and memory
//! stays bounded by the frame and file limits.
#![no_main]

use casustafel_lan::frame::Decoder;
use casustafel_lan::proto::{Assembler, Have, Msg};
use casustafel_lan::Handshake;
use casustafel_sync::DeviceKeys;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.first().copied().unwrap_or(1).max(1) as usize;
    let mut decoder = Decoder::default();
    let mut assembler = Assembler::default();
    // What the peer says it holds, piece after piece: merged as a connection does, never past
    // its bounds.
    let mut known = Have::default();
    for chunk in data.chunks(split) {
        let Ok(frames) = decoder.push(chunk) else { return };
        for f in frames {
            match Msg::decode(&f) {
                Ok(Msg::Have(h)) => {
                    if !known.merge(&h) {
                        return;
                    }
                    let _ = known.len();
                }
                Ok(m) => {
                    if assembler.push(m).is_err() {
                        return;
                    }
                }
                Err(_) => {}
            }
        }
    }
    let keys = DeviceKeys::from_secret_bytes(&[7u8; 64]);
    if let Ok(mut h) = Handshake::respond(&keys, b"tafel") {
        let _ = h.read(data);
    }
});
