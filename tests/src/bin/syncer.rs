//! Test helper for `tests/sync_processes.rs`: one device as its own process. It adds a progress
//! note to an action, prints `ack <note>` once the store has saved it, syncs through the shared
//! folder, and does that `rounds` times with small pauses, while other processes do the same.
//!
//! Usage: `syncer <profile-dir> <passphrase> <action-id> <rounds> <tag>`

use std::io::Write;
use std::path::Path;

use casustafel_domain::ActionId;
use casustafel_live::folder::FolderSync;
use casustafel_store::Profile;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, pass, action, rounds, tag] = args.as_slice() else {
        eprintln!("usage: syncer <profile-dir> <passphrase> <action-id> <rounds> <tag>");
        std::process::exit(2);
    };
    let mut store = Profile::new(Path::new(dir)).unlock(pass).expect("unlock");
    let action: ActionId = action.parse().expect("action id");
    let rounds: u32 = rounds.parse().expect("rounds");
    let mut out = std::io::stdout();
    for round in 0..rounds {
        let note = format!("{tag}-{round}");
        let now = chrono::Utc::now();
        casustafel_tests::add_progress_note(&mut store, action, &note, now);
        writeln!(out, "ack {note}").expect("stdout");
        out.flush().expect("flush");
        for (_, r) in store.sync_all(now).expect("sync") {
            r.expect("pass");
        }
        std::thread::sleep(std::time::Duration::from_millis(
            20 + u64::from(round % 3) * 15,
        ));
    }
}
