//! Sync as separate processes sharing one folder: the chair's device and two partners' devices run
//! at the same time, each adding progress notes to an action of the same case (CAW's for the chair
//! and CAW, its own for OCMW) and syncing through the folder.
//! Afterwards every device holds every acknowledged note, and the same ones.

use std::collections::BTreeSet;
use std::process::{Command, Stdio};

use casustafel_store::{Profile, Store};

const PASS: &str = "drie processen, een map";

#[test]
fn three_processes_converge_through_one_folder() {
    let casustafel_tests::SharedCase {
        root: _root,
        dirs,
        table,
        case,
        actions,
        ..
    } = casustafel_tests::SharedCase::new(PASS);
    let now = chrono::Utc::now();
    // Three processes at once.
    let children: Vec<_> = dirs
        .iter()
        .zip(["voorzitter", "caw", "ocmw"])
        .zip(actions)
        .map(|((dir, tag), action)| {
            Command::new(env!("CARGO_BIN_EXE_syncer"))
                .arg(dir)
                .arg(PASS)
                .arg(action.to_string())
                .arg("8")
                .arg(tag)
                .stdout(Stdio::piped())
                .spawn()
                .expect("syncer")
        })
        .collect();
    let mut acknowledged = BTreeSet::new();
    for child in children {
        let out = child.wait_with_output().expect("syncer ran");
        assert!(out.status.success(), "a syncer failed");
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            if let Some(note) = line.strip_prefix("ack ") {
                acknowledged.insert(note.to_string());
            }
        }
    }
    assert_eq!(acknowledged.len(), 24);

    // Everyone syncs a few more times; then all hold the same notes, every acknowledged one.
    let mut stores: Vec<Store> = dirs
        .iter()
        .map(|d| Profile::new(d).unlock(PASS).expect("unlock"))
        .collect();
    casustafel_tests::sync_rounds(&mut stores, 3, now);
    let seen: Vec<BTreeSet<String>> = stores
        .iter()
        .map(|s| casustafel_tests::case_notes(s, case))
        .collect();
    for (i, notes) in seen.iter().enumerate() {
        let missing: Vec<_> = acknowledged.difference(notes).collect();
        assert!(missing.is_empty(), "device {i} lost {missing:?}");
    }
    assert_eq!(seen[0], seen[1]);
    assert_eq!(seen[1], seen[2]);
    let _ = table;
}
