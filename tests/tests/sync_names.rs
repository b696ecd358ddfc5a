//! Names that cannot be poisoned. Anyone who can write into the shared folder — no code, no
//! membership — can put a file at any name, and a sync tool can leave half a file at one. Such a
//! file is set aside and said, but it never keeps the genuine file from being applied (read at its
//! spare name, or at the same name once whole), and never stops its author's device from writing
//! what follows: not when it lies at the chair's next names before the chair writes a removal and
//! the notes after it, not when a peer on the meeting-room network sends it under a genuine name.

use std::path::Path;

use casustafel_api::sync::SetAsideReason;
use casustafel_live::folder::FolderSync;
use casustafel_store::{Source, Store};
use casustafel_sync::envelope::file_name;
use casustafel_sync::OutFile;
use casustafel_tests::SharedCase;

const PASS: &str = "een lange proefzin voor vergiftigde namen";

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

fn unlock(dir: &std::path::Path) -> Store {
    casustafel_tests::unlock(dir, PASS)
}

fn pass(store: &mut Store) {
    for (_, r) in store.sync_all(now()).expect("sync") {
        r.expect("pass");
    }
}

fn warnings(store: &Store, table: casustafel_domain::TableId) -> Vec<SetAsideReason> {
    let status = store.sync_status(table).expect("status");
    status.warnings.into_iter().map(|w| w.reason).collect()
}

/// The highest sequence number among `store`'s files in the folder.
fn last_seq(store: &Store, folder: &Path) -> u64 {
    let me = store.sync_keys().expect("keys").id();
    casustafel_tests::last_seq(folder, &me).expect("files")
}

#[test]
fn files_planted_at_the_chairs_next_names_hold_nothing_up() {
    let shared = SharedCase::new(PASS);
    let mut chair = unlock(&shared.dirs[0]);
    let mut caw = unlock(&shared.dirs[1]);
    let ocmw = unlock(&shared.dirs[2]);
    let me = chair.sync_keys().expect("keys").id();

    // Someone with write access to the folder takes the chair's next forty names: random bytes,
    // a genuine file of the chair copied there, half a genuine file.
    let last = last_seq(&chair, &shared.folder);
    let genuine = std::fs::read(shared.folder.join(file_name(&me, last))).expect("a chair file");
    for (i, seq) in (last + 1..=last + 40).enumerate() {
        let junk = match i % 3 {
            0 => b"niet van de voorzitter".to_vec(),
            1 => genuine.clone(),
            _ => genuine[..genuine.len() / 2].to_vec(),
        };
        std::fs::write(shared.folder.join(file_name(&me, seq)), junk).expect("plant");
    }

    // The chair removes the OCMW device (a key rotation) and writes a note after it.
    let ocmw_fp = ocmw.device_fingerprint().expect("fingerprint");
    drop(ocmw);
    chair
        .remove_device(shared.table, &ocmw_fp, now())
        .expect("remove");
    let note = "Na de verwijdering: ça marche, één gesprek gepland 🙂 مرحبا";
    casustafel_tests::add_progress_note(&mut chair, shared.action, note, now());
    let report = chair
        .sync_now(shared.table, now())
        .expect("the chair's pass is not blocked");
    assert!(report.written > 0, "the chair's files went out: {report:?}");
    assert!(chair.outbox(shared.table).expect("outbox").is_empty());
    assert!(
        warnings(&chair, shared.table).contains(&SetAsideReason::Occupied),
        "the chair is told its names were taken"
    );

    for _ in 0..2 {
        pass(&mut caw);
    }
    assert!(
        casustafel_tests::action_notes(&caw, shared.case, shared.action).contains(note),
        "the genuine files reached the CAW device"
    );
    let access = caw.sync_access(shared.table).expect("access");
    let removed = access.members.values().filter(|m| m.removed).count();
    assert_eq!(removed, 1, "the removal reached the CAW device");
    let seen = warnings(&caw, shared.table);
    assert!(
        seen.contains(&SetAsideReason::Misnamed) && seen.contains(&SetAsideReason::Malformed),
        "the CAW device says what lay in the folder: {seen:?}"
    );

    // Nothing piles up: the next note goes out and arrives as well.
    let later = "Tweede opvolging na de verwijdering";
    casustafel_tests::add_progress_note(&mut chair, shared.action, later, now());
    chair.sync_now(shared.table, now()).expect("chair");
    pass(&mut caw);
    assert!(casustafel_tests::action_notes(&caw, shared.case, shared.action).contains(later));
}

#[test]
fn half_a_file_left_by_a_sync_tool_is_read_again_when_whole() {
    let shared = SharedCase::new(PASS);
    let mut chair = unlock(&shared.dirs[0]);
    let mut caw = unlock(&shared.dirs[1]);
    let before = last_seq(&chair, &shared.folder);
    let note = "Verslag van het huisbezoek — één afspraak, ça avance 🙂";
    casustafel_tests::add_progress_note(&mut chair, shared.action, note, now());
    chair.sync_now(shared.table, now()).expect("chair");
    let me = chair.sync_keys().expect("keys").id();
    let names: Vec<_> = (before + 1..=last_seq(&chair, &shared.folder))
        .map(|s| shared.folder.join(file_name(&me, s)))
        .collect();
    let whole: Vec<Vec<u8>> = names
        .iter()
        .map(|p| std::fs::read(p).expect("file"))
        .collect();
    for (p, bytes) in names.iter().zip(&whole) {
        std::fs::write(p, &bytes[..bytes.len() / 3]).expect("half");
    }
    pass(&mut caw);
    assert!(
        !casustafel_tests::action_notes(&caw, shared.case, shared.action).contains(note),
        "half a file applies nothing"
    );
    assert!(warnings(&caw, shared.table).contains(&SetAsideReason::Malformed));

    // The sync tool finishes its copy.
    for (p, bytes) in names.iter().zip(&whole) {
        std::fs::write(p, bytes).expect("whole");
    }
    pass(&mut caw);
    assert!(
        casustafel_tests::action_notes(&caw, shared.case, shared.action).contains(note),
        "the whole file is read at the same name"
    );
}

#[test]
fn a_peer_sending_junk_under_a_genuine_name_does_not_take_it() {
    let shared = SharedCase::new(PASS);
    let mut chair = unlock(&shared.dirs[0]);
    let mut caw = unlock(&shared.dirs[1]);
    let note = "Live in de vergaderzaal: één nieuw gegeven, ça compte 🙂 שלום";
    casustafel_tests::add_progress_note(&mut chair, shared.action, note, now());
    chair.export_changes(shared.table, now()).expect("export");
    let genuine = chair.outbox(shared.table).expect("outbox");
    assert!(!genuine.is_empty());

    // A peer on the room's network (or a tampered one) sends junk under each genuine name first.
    let junk: Vec<OutFile> = genuine
        .iter()
        .map(|f| OutFile {
            name: f.name.clone(),
            bytes: f.bytes[..f.bytes.len() - 1].to_vec(),
        })
        .collect();
    let first = caw
        .receive(shared.table, junk.clone(), Source::Peer, now())
        .expect("junk");
    assert_eq!(first.applied, 0);
    assert_eq!(first.set_aside.len(), junk.len(), "{first:?}");
    let have = caw.live_have(shared.table).expect("have");
    assert!(
        genuine.iter().all(|f| !have.contains(&f.name)),
        "the CAW device still asks its peers for the genuine names"
    );
    let again = caw
        .receive(shared.table, junk, Source::Peer, now())
        .expect("junk again");
    assert_eq!(again.read, 0, "the same junk is not checked twice");

    caw.receive(shared.table, genuine, Source::Peer, now())
        .expect("genuine");
    assert!(
        casustafel_tests::action_notes(&caw, shared.case, shared.action).contains(note),
        "the genuine files are applied"
    );
}
