//! The sync convergence property, through the real store and the real folder: three devices add
//! progress notes to the actions of one case (each to one it may report on) and sync in a random order (each sync is a partition ending), some
//! close and reopen their profile; in the end every device holds every acknowledged note. Slower
//! than the in-memory model (`sync_converge.rs`), so fewer cases by default
//! (`SYNC_STORE_CASES` for more); it sees what the model cannot: documents saved and reloaded between
//! files, files of several devices read in folder order. Someone with write access to the folder
//! plants files at the devices' next names meanwhile (junk, half a file, another file copied there):
//! no pass fails, no outbox is held up, and still every note arrives everywhere.

use std::collections::BTreeSet;
use std::path::Path;

use casustafel_domain::meeting::ActionStatus;
use casustafel_live::folder::FolderSync;
use casustafel_store::{Profile, Store};
use casustafel_sync::envelope::file_name;
use proptest::prelude::*;

const PASS: &str = "eigenschap door de echte opslag";

#[derive(Debug, Clone)]
enum Op {
    Note(usize),
    Sync(usize),
    Reopen(usize),
    /// A file planted at device `.0`'s name `.2` places after its last one: `.1` picks junk, half
    /// of a genuine file, or a genuine file copied there.
    Plant(usize, u8, u64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0usize..3).prop_map(Op::Note),
        3 => (0usize..3).prop_map(Op::Sync),
        1 => (0usize..3).prop_map(Op::Reopen),
        1 => (0usize..3, 0u8..3, 1u64..4).prop_map(|(d, k, a)| Op::Plant(d, k, a)),
    ]
}

/// Plants a file at `device`'s name `ahead` places after the highest sequence number it has in
/// the folder.
fn plant(folder: &Path, device: &casustafel_sync::DeviceId, kind: u8, ahead: u64) {
    let last = casustafel_tests::last_seq(folder, device).unwrap_or(0);
    let genuine = casustafel_tests::change_files(folder)
        .first()
        .map(|p| std::fs::read(p).expect("read"))
        .unwrap_or_else(|| b"niets".to_vec());
    let bytes = match kind {
        0 => b"geen bestand van dit toestel".to_vec(),
        1 => genuine[..genuine.len() / 2].to_vec(),
        _ => genuine,
    };
    let name = folder.join(file_name(device, last + ahead));
    std::fs::create_dir_all(name.parent().expect("parent")).expect("dir");
    if !name.exists() {
        std::fs::write(name, bytes).expect("plant");
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("SYNC_STORE_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(16),
        ..ProptestConfig::default()
    })]

    #[test]
    fn devices_converge_through_the_store(ops in proptest::collection::vec(op(), 1..30)) {
        let casustafel_tests::SharedCase {
            root: _root,
            folder,
            dirs,
            case,
            actions,
            ..
        } = casustafel_tests::SharedCase::new(PASS);
        let open = |i: usize| Profile::new(&dirs[i]).unlock(PASS).expect("unlock");
        let mut stores: Vec<Store> = (0..3).map(open).collect();
        let mut acknowledged = BTreeSet::new();
        let now = chrono::Utc::now();
        for (step, op) in ops.into_iter().enumerate() {
            match op {
                Op::Note(d) => {
                    let note = format!("toestel {d} stap {step}");
                    stores[d]
                        .update_action(actions[d], ActionStatus::Open, &note, now)
                        .expect("note");
                    acknowledged.insert(note);
                }
                Op::Sync(d) => {
                    for (_, r) in stores[d].sync_all(now).expect("sync") {
                        r.expect("pass");
                    }
                }
                Op::Reopen(d) => {
                    stores[d] = open(d);
                }
                Op::Plant(d, kind, ahead) => {
                    let me = stores[d].sync_keys().expect("keys").id();
                    plant(&folder, &me, kind, ahead);
                }
            }
        }
        casustafel_tests::sync_rounds(&mut stores, 3, now);
        let seen: Vec<BTreeSet<String>> = stores
            .iter()
            .map(|s| casustafel_tests::case_notes(s, case))
            .collect();
        for (i, n) in seen.iter().enumerate() {
            let missing: Vec<_> = acknowledged.difference(n).collect();
            prop_assert!(missing.is_empty(), "device {} lost {:?}", i, missing);
        }
        for (i, s) in stores.iter().enumerate() {
            let table = s.sync_tables().expect("tables")[0];
            prop_assert!(s.outbox(table).expect("outbox").is_empty(), "device {} held up", i);
        }
        prop_assert_eq!(&seen[0], &seen[1]);
        prop_assert_eq!(&seen[1], &seen[2]);
    }
}
