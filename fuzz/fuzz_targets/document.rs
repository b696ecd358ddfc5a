//! Automerge bytes from a peer applied to a case document the way the store applies them
//! (`apply_checked`, behind the `peer_bytes` bound): an error or nothing, never a panic, never more
//! operations than the bound lets through, and the document stays readable.
#![no_main]

use casustafel_docs::peer_bytes::{self, MAX_PEER_OPS};
use casustafel_docs::{CaseDoc, Document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(n) = peer_bytes::check(data) {
        assert!(n <= MAX_PEER_OPS);
    }
    let mut doc = Document::new(&CaseDoc::default()).expect("new");
    let _ = doc.apply_checked(data, |_, _| Ok::<(), ()>(()));
    assert!(doc.value().is_ok());
    let _ = Document::<CaseDoc>::load(data);
});
