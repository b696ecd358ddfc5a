//! A join request or welcome from a shared folder, and a typed code: never a panic.
#![no_main]

use casustafel_sync::enrol::{accept_join, read_welcome, Code, Invitation};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Code::parse(text);
    }
    let code = Code::parse("AAAA-AAAA-AAAA-AAAA").ok();
    if let Some(code) = code {
        let _ = read_welcome(&code, data);
        let mut invitations = vec![Invitation {
            id: [0; 3],
            key: [1; 32],
            table: casustafel_domain::TableId(uuid::Uuid::nil()),
            participant: casustafel_domain::ParticipantId(uuid::Uuid::nil()),
            expires_at: i64::MAX,
            used_by: None,
        }];
        let _ = accept_join(&mut invitations, data, 0);
    }
});
