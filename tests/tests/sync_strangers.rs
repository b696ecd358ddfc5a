//! Files from devices that are not members of the table. Anyone who can write to the shared
//! folder can sign files for a table under as many fresh keys as they like: such files must not be
//! archived (the disk would fill), only so many may wait, and they expire. A device whose
//! admission is still on its way must lose nothing by it: once the table document names it, its
//! files are read, even those set aside while the flood filled the quota.

use casustafel_api::sync::SetAsideReason;
use casustafel_domain::TableId;
use casustafel_live::folder::FolderSync;
use casustafel_store::limits::{
    MAX_STRANGER_DAYS, MAX_STRANGER_FILES, MAX_STRANGER_FILES_PER_DEVICE,
};
use casustafel_store::{Source, Store};
use casustafel_sync::{DeviceKeys, DocRef, Engine, EngineState, OutFile};
use casustafel_tests::SharedCase;
use rand_core::OsRng;

const PASS: &str = "een lange proefzin voor vreemde toestellen";

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

fn unlock(dir: &std::path::Path) -> Store {
    casustafel_tests::unlock(dir, PASS)
}

/// `n` files signed by one fresh key for `table`, as changes of `doc` under a key of its own.
fn stranger_files(table: TableId, doc: DocRef, n: usize) -> Vec<OutFile> {
    let mut state = EngineState::default();
    state.keys.insert(doc, [(0, [7u8; 32])].into());
    state
        .keys
        .insert(DocRef::Table(table), [(0, [6u8; 32])].into());
    let mut engine = Engine::new(DeviceKeys::generate(&mut OsRng), table, state);
    (0..n)
        .map(|i| {
            engine
                .seal_change(doc, format!("spam {i}").as_bytes(), &mut OsRng)
                .expect("sealed")
        })
        .collect()
}

fn pass(stores: &mut [&mut Store], at: chrono::DateTime<chrono::Utc>) {
    for s in stores.iter_mut() {
        for (_, r) in s.sync_all(at).expect("sync") {
            r.expect("pass");
        }
    }
}

#[test]
fn a_flood_of_strangers_files_is_bounded_and_buries_no_new_member() {
    let shared = SharedCase::new(PASS);
    let table = shared.table;
    let mut chair = unlock(&shared.dirs[0]);
    let mut caw = unlock(&shared.dirs[1]);
    let meeting = casustafel_tests::open_meeting_today(&mut chair, table, now());
    pass(&mut [&mut chair, &mut caw], now());
    let doc = DocRef::Meeting(meeting);

    // The secretary's device is admitted by the chair's; the CAW device has not heard of it.
    let mut secretary = casustafel_tests::enrol(
        &mut chair,
        table,
        "Dr. Hanne Wuyts",
        &shared.root.path().join("secretaris"),
        &shared.folder,
        PASS,
        now(),
    );
    pass(&mut [&mut secretary, &mut chair], now());
    pass(&mut [&mut secretary], now());
    let notes = "Algemene nota van het secretariaat: één punt, reçu, 🙂 שלום";
    secretary
        .save_general_notes(meeting, notes, now())
        .expect("notes");
    secretary.export_changes(table, now()).expect("export");
    let from_secretary = secretary.outbox(table).expect("outbox");
    assert!(!from_secretary.is_empty());

    // A flood: one device with more files than one may have waiting, then many devices.
    let archived = caw.forge_archived_count(table).expect("archive");
    let per = MAX_STRANGER_FILES_PER_DEVICE as usize;
    let mut flood = stranger_files(table, doc, per + 8);
    for _ in 0..(MAX_STRANGER_FILES as usize / 12) {
        flood.extend(stranger_files(table, doc, 12));
    }
    let total = flood.len();
    let report = caw
        .receive(table, flood, Source::Peer, now())
        .expect("the pass goes through");
    assert!(report.waiting >= MAX_STRANGER_FILES as usize, "{report:?}");
    assert_eq!(
        caw.forge_archived_count(table).expect("archive"),
        archived,
        "nothing of a stranger's is archived"
    );
    let strangers = |s: &Store| {
        s.forge_warning_count(table, SetAsideReason::Stranger)
            .expect("count")
    };
    // Exactly the quota waits: the first device's files over its own quota, then everything once
    // the whole quota is full, are set aside.
    assert_eq!(strangers(&caw), total - MAX_STRANGER_FILES as usize);
    assert_eq!(report.set_aside.len(), total - MAX_STRANGER_FILES as usize);

    // The secretary's files arrive while the quota is full: set aside, for now.
    caw.receive(table, from_secretary, Source::Peer, now())
        .expect("pass");
    assert!(
        caw.meeting_document(meeting)
            .expect("meeting")
            .general_notes
            .as_str()
            != notes
    );

    // The secretary's device writes to the folder; the chair's reads it and vouches; the CAW
    // device hears of the admission and reads the secretary's files.
    pass(&mut [&mut secretary, &mut chair, &mut caw], now());
    pass(&mut [&mut caw], now());
    assert_eq!(
        caw.meeting_document(meeting)
            .expect("meeting")
            .general_notes
            .as_str(),
        notes,
        "the new member's notes arrived, flood or not"
    );

    // Two weeks on, the strangers' files have waited too long: set aside, each with a warning.
    let later = now() + chrono::Duration::days(MAX_STRANGER_DAYS + 1);
    casustafel_tests::add_progress_note(&mut chair, shared.action, "Later: één nota ✓", later);
    pass(&mut [&mut chair, &mut caw], later);
    assert_eq!(
        caw.forge_warning_count(table, SetAsideReason::WaitedTooLong)
            .expect("count"),
        MAX_STRANGER_FILES as usize
    );
    assert!(
        casustafel_tests::action_notes(&caw, shared.case, shared.action)
            .contains("Later: één nota ✓")
    );
}
