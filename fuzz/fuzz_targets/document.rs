//! Automerge bytes from a peer applied to a case document: an error or nothing, never a panic, and
//! the document stays readable.
#![no_main]

use casustafel_docs::{CaseDoc, Document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut doc = Document::new(&CaseDoc::default()).expect("new");
    let _ = doc.apply_incremental(data);
    assert!(doc.value().is_ok());
    let _ = Document::<CaseDoc>::load(data);
});
