//! Test helper for `tests/crash.rs`: types into a meeting's discussion notes through the store, one
//! word per save, and prints `ack N` after each save returned. The test kills it with SIGKILL at
//! random moments and checks that every acknowledged word survived.
//!
//! Usage: `typist <profile-dir>` (the profile is created on first use with test-only KDF costs).

use std::io::Write;
use std::path::Path;

use casustafel_domain::{CaseId, MeetingId};
use casustafel_store::{Profile, Store};

pub const PASS: &str = "typist typist typist";

fn setup(dir: &Path) -> (Store, MeetingId, CaseId) {
    let profile = Profile::new(dir);
    let ids_file = dir.join("typist-ids.json");
    if profile.exists() && ids_file.exists() {
        let store = profile.unlock(PASS).expect("unlock");
        let ids: (MeetingId, CaseId) =
            serde_json::from_slice(&std::fs::read(&ids_file).expect("ids")).expect("ids json");
        return (store, ids.0, ids.1);
    }
    let (s, meeting, case, _) = casustafel_tests::meeting_scenario(dir, PASS);
    std::fs::write(
        &ids_file,
        serde_json::to_vec(&(meeting, case)).expect("json"),
    )
    .expect("write ids");
    (s, meeting, case)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: typist <profile-dir>");
    let (mut store, meeting, case) = setup(Path::new(&dir));
    let (mut notes, _) = store.discussion(meeting, case).expect("discussion");
    let mut n = notes.split_whitespace().count();
    let stdout = std::io::stdout();
    loop {
        n += 1;
        notes.push_str(&format!("w{n} "));
        store
            .save_discussion(meeting, case, &notes, "", chrono::Utc::now())
            .expect("save");
        let mut out = stdout.lock();
        writeln!(out, "ack {n}").expect("stdout");
        out.flush().expect("flush");
        if n > 5000 {
            return;
        }
    }
}
