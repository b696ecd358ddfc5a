//! One bad register entry stalls nothing. The chair's device (a bug, a damaged disk, a tampered
//! app) sends a register with one entry that is no entry at all: the CAW device's pass still
//! succeeds, every other case stays as it was, and a note the chair writes afterwards arrives.

use casustafel_domain::case::CaseFilter;
use casustafel_live::folder::FolderSync;
use casustafel_store::Store;
use casustafel_sync::DocRef;
use casustafel_tests::SharedCase;

const PASS: &str = "een lange proefzin voor een kapot register";

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

fn unlock(dir: &std::path::Path) -> Store {
    casustafel_tests::unlock(dir, PASS)
}

fn codes(store: &Store, table: casustafel_domain::TableId) -> Vec<String> {
    let filter = CaseFilter {
        table: Some(table),
        ..CaseFilter::default()
    };
    let mut c: Vec<String> = store
        .list_cases(&filter, now().date_naive())
        .expect("cases")
        .into_iter()
        .map(|c| c.code)
        .collect();
    c.sort();
    c
}

#[test]
fn a_garbage_register_entry_is_skipped_and_everything_else_syncs() {
    let shared = SharedCase::new(PASS);
    let table = shared.table;
    let mut chair = unlock(&shared.dirs[0]);
    let mut caw = unlock(&shared.dirs[1]);
    let before = codes(&caw, table);
    assert!(!before.is_empty());

    chair
        .forge_register_edit(
            table,
            |r| {
                r.cases.insert("kapot".into(), "{niet: json ✗".into());
                r.meetings.insert("ook-kapot".into(), "[]".into());
            },
            now(),
        )
        .expect("forged register");
    chair
        .forge_export(table, DocRef::Register(table))
        .expect("export");
    // Straight into the folder (an honest pass would first put the register back as it is).
    let share = casustafel_folder::SharedFolder::open(&shared.folder).expect("folder");
    for f in chair.outbox(table).expect("outbox") {
        share.write(&f).expect("write");
        chair.sent(table, &f.name).expect("sent");
    }
    for (_, r) in caw.sync_all(now()).expect("sync") {
        r.expect("the pass goes through");
    }
    assert_eq!(codes(&caw, table), before, "every other case as it was");

    let note = "Na het kapotte register: één nota, ça marche 🙂";
    casustafel_tests::add_progress_note(&mut chair, shared.action, note, now());
    chair.sync_now(table, now()).expect("chair");
    for (_, r) in caw.sync_all(now()).expect("sync") {
        r.expect("pass");
    }
    assert!(casustafel_tests::action_notes(&caw, shared.case, shared.action).contains(note));
}
