//! Removal that converges. The OCMW device writes two notes, the chair removes it, and it writes
//! two more: one before it hears of its removal, one afterwards with a tampered app. Copies of the
//! CAW device receive exactly the same files, one at a time, in different orders — the removal
//! first, last, in between. Every copy ends with the same notes as the chair's device: the two the
//! chair had read when it removed the device, and neither of the others.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use casustafel_live::folder::FolderSync;
use casustafel_store::{Source, Store};
use casustafel_sync::{DocRef, OutFile};
use casustafel_tests::SharedCase;
use rand_chacha::rand_core::SeedableRng;

const PASS: &str = "een lange proefzin voor een verwijdering";

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

fn unlock(dir: &std::path::Path) -> Store {
    casustafel_tests::unlock(dir, PASS)
}

/// Every change file in the folder, with its name there.
fn change_files(folder: &Path) -> Vec<OutFile> {
    casustafel_tests::change_files(folder)
        .into_iter()
        .map(|p| OutFile {
            name: p
                .strip_prefix(folder)
                .expect("in the folder")
                .to_string_lossy()
                .into_owned(),
            bytes: std::fs::read(&p).expect("read"),
        })
        .collect()
}

#[test]
fn every_device_applies_the_same_of_a_removed_device_whatever_the_order() {
    let shared = SharedCase::new(PASS);
    let table = shared.table;
    let ocmw_action = shared.actions[2];
    let mut chair = unlock(&shared.dirs[0]);
    let mut ocmw = unlock(&shared.dirs[2]);
    let notes = [
        "OCMW: budget besproken — één afspraak 🙂",
        "OCMW: tweede gesprek, ça avance",
        "OCMW: geschreven voor het de verwijdering hoorde",
        "OCMW: vervalst na de verwijdering مرحبا",
    ];
    for n in &notes[..2] {
        casustafel_tests::add_progress_note(&mut ocmw, ocmw_action, n, now());
        ocmw.sync_now(table, now()).expect("ocmw");
    }

    // The chair removes the OCMW device; the removal counts from what the chair has read.
    let ocmw_fp = ocmw.device_fingerprint().expect("fingerprint");
    casustafel_live::folder::remove(&RefCell::new(&mut chair), table, &ocmw_fp, now())
        .expect("remove");

    // The OCMW device writes on before it hears of it (its pass then says it was removed) ...
    casustafel_tests::add_progress_note(&mut ocmw, ocmw_action, notes[2], now());
    assert!(ocmw.sync_now(table, now()).is_err(), "told it was removed");
    // ... and a tampered copy of its app writes on afterwards, under the keys it still has.
    ocmw.forge_case_edit(
        shared.case,
        |d| {
            let a = d
                .actions
                .get_mut(&ocmw_action.to_string())
                .expect("OCMW's action");
            a.progress.insert(
                "vervalst".into(),
                casustafel_docs::ProgressNote {
                    at: now().to_rfc3339(),
                    by: "OCMW".into(),
                    text: notes[3].into(),
                },
            );
        },
        now(),
    )
    .expect("forged");
    ocmw.forge_export(table, DocRef::Case(shared.case))
        .expect("forged export");
    let share = casustafel_folder::SharedFolder::open(&shared.folder).expect("folder");
    for f in ocmw.outbox(table).expect("outbox") {
        share.write(&f).expect("write");
    }
    drop(ocmw);
    chair.sync_now(table, now()).expect("chair");

    let expected = casustafel_tests::action_notes(&chair, shared.case, ocmw_action);
    assert!(
        expected.contains(notes[0]) && expected.contains(notes[1]),
        "{expected:?}"
    );
    assert!(!expected.contains(notes[2]) && !expected.contains(notes[3]));

    // Copies of the CAW device, which has read nothing since it joined, each receiving the same
    // files one at a time in its own order.
    let files = change_files(&shared.folder);
    let ocmw_dir = casustafel_sync::envelope::file_name(
        &unlock(&shared.dirs[2]).sync_keys().expect("keys").id(),
        0,
    )
    .split('/')
    .next()
    .expect("dir")
    .to_string();
    let mut orders: Vec<Vec<OutFile>> = Vec::new();
    orders.push(files.clone());
    orders.push(files.iter().rev().cloned().collect());
    let (of_ocmw, others): (Vec<_>, Vec<_>) = files
        .iter()
        .cloned()
        .partition(|f| f.name.starts_with(&ocmw_dir));
    orders.push(of_ocmw.iter().chain(&others).cloned().collect());
    orders.push(others.iter().chain(&of_ocmw).cloned().collect());
    for seed in 0..4u64 {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let mut shuffled = files.clone();
        for i in (1..shuffled.len()).rev() {
            let j = (rand_chacha::rand_core::RngCore::next_u64(&mut rng) % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        orders.push(shuffled);
    }
    let copies: Vec<PathBuf> = (0..orders.len())
        .map(|i| shared.root.path().join(format!("caw-kopie-{i}")))
        .collect();
    for c in &copies {
        casustafel_tests::copy_dir(&shared.dirs[1], c);
    }
    for (i, (order, dir)) in orders.into_iter().zip(&copies).enumerate() {
        let mut copy = unlock(dir);
        for f in order {
            copy.receive(table, vec![f], Source::Peer, now())
                .expect("receive");
        }
        copy.sync_now(table, now()).expect("a pass");
        let got = casustafel_tests::action_notes(&copy, shared.case, ocmw_action);
        assert_eq!(got, expected, "copy {i} differs from the chair's device");
    }
}
