//! A change file or key grant from a shared folder: reading it must never panic.
#![no_main]

use casustafel_sync::{Access, DeviceKeys, Engine, EngineState};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let keys = DeviceKeys::from_secret_bytes(&[7u8; 64]);
    let mut engine = Engine::new(keys, casustafel_domain::TableId(uuid::Uuid::nil()), EngineState::default());
    let _ = engine.receive(None, data, &Access::default());
    let _ = casustafel_sync::envelope::read(data, Some("0123456789abcdef/0000000000000000.cst"));
});
