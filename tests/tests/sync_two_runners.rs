//! A chair's device and a secretary's device both run the table. One keeper per table: the chair's
//! device alone keeps the register, says who sits at the table and hands out keys; the secretary's
//! device writes in the meeting (general notes, progress) and reads the register as the chair's
//! device keeps it. So after a removal only one device rotates the keys, nothing written under
//! either device's keys is lost, and a secretary's device never writes the register from its own
//! (incomplete) rows.

use casustafel_domain::case::CaseFilter;
use casustafel_domain::TableId;
use casustafel_live::folder::FolderSync;
use casustafel_store::{Store, StoreError, SyncProblem};
use casustafel_tests::SharedCase;

const PASS: &str = "een lange proefzin voor twee leiders";

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

fn unlock(dir: &std::path::Path) -> Store {
    casustafel_tests::unlock(dir, PASS)
}

fn cases(store: &Store, table: TableId) -> Vec<String> {
    let filter = CaseFilter {
        table: Some(table),
        ..CaseFilter::default()
    };
    let mut codes: Vec<String> = store
        .list_cases(&filter, now().date_naive())
        .expect("cases")
        .into_iter()
        .map(|c| format!("{} {:?}", c.code, c.status))
        .collect();
    codes.sort();
    codes
}

fn pass(stores: &mut [&mut Store]) {
    for s in stores.iter_mut() {
        for (_, r) in s.sync_all(now()).expect("sync") {
            r.expect("pass");
        }
    }
}

#[test]
fn a_chair_and_a_secretary_run_the_table_and_nothing_is_lost() {
    let shared = SharedCase::new(PASS);
    let table = shared.table;
    let mut chair = unlock(&shared.dirs[0]);
    let mut caw = unlock(&shared.dirs[1]);
    let ocmw = unlock(&shared.dirs[2]);

    // The secretary's device joins like any other.
    let mut secretary = casustafel_tests::enrol(
        &mut chair,
        table,
        "Dr. Hanne Wuyts",
        &shared.root.path().join("secretaris"),
        &shared.folder,
        PASS,
        now(),
    );
    let hanne = chair
        .list_participants(table)
        .expect("people")
        .into_iter()
        .find(|p| p.name == "Dr. Hanne Wuyts")
        .expect("the secretary");
    pass(&mut [&mut secretary, &mut chair, &mut caw]);
    pass(&mut [&mut secretary]);

    let rights = secretary.rights(table).expect("rights");
    assert!(rights.runs_table && !rights.keeps_register, "{rights:?}");
    assert_eq!(
        cases(&secretary, table),
        cases(&chair, table),
        "the secretary's device reads the register as the chair's device keeps it"
    );
    assert!(matches!(
        secretary.invite(table, hanne.id, now()),
        Err(StoreError::Sync(SyncProblem::NotKeeper))
    ));

    // The chair opens a meeting; the OCMW device is removed; both devices that run the table pass.
    let meeting = casustafel_tests::open_meeting_today(&mut chair, table, now());
    let ocmw_fp = ocmw.device_fingerprint().expect("fingerprint");
    drop(ocmw);
    chair.remove_device(table, &ocmw_fp, now()).expect("remove");
    pass(&mut [&mut chair, &mut secretary, &mut caw]);
    pass(&mut [&mut chair, &mut secretary]);

    // Each writes after the removal: the secretary the meeting's notes and a note on CAW's action,
    // the chair a note of its own.
    let general = "Thema: samenwerking met de school — één afspraak, ça avance 🙂 مرحبا";
    secretary
        .save_general_notes(meeting, general, now())
        .expect("general notes");
    let by_secretary = "Opgevolgd door het secretariaat — été 🙂";
    casustafel_tests::add_progress_note(&mut secretary, shared.action, by_secretary, now());
    let by_chair = "Opgevolgd door de voorzitter — naïef 🙂";
    casustafel_tests::add_progress_note(&mut chair, shared.action, by_chair, now());
    for _ in 0..3 {
        pass(&mut [&mut secretary, &mut chair, &mut caw]);
    }

    let notes = casustafel_tests::action_notes(&chair, shared.case, shared.action);
    assert!(
        notes.contains(by_secretary) && notes.contains(by_chair),
        "{notes:?}"
    );
    for (who, store) in [("secretary", &secretary), ("CAW", &caw)] {
        assert_eq!(
            casustafel_tests::action_notes(store, shared.case, shared.action),
            notes,
            "{who} has every note"
        );
    }
    for store in [&chair, &caw] {
        let view = store.meeting_view(meeting);
        if let Ok(view) = view {
            assert_eq!(view.general_notes, general);
        }
    }
    assert_eq!(
        chair.meeting_view(meeting).expect("meeting").general_notes,
        general
    );
    assert_eq!(cases(&caw, table), cases(&chair, table), "one register");
    assert_eq!(cases(&secretary, table), cases(&chair, table));
    for store in [&chair, &secretary, &caw] {
        assert!(
            store
                .sync_status(table)
                .expect("status")
                .warnings
                .is_empty(),
            "nothing set aside"
        );
    }
}
