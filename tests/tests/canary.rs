//! Encryption at rest: a canary written through the store's own code appears in no file of the
//! profile folder — not the database, not its WAL, not a temp file — while the store is open and
//! after it is closed.

use casustafel_domain::{LegalBasisKind, Municipality, PhenomenonId, TableDraft, TableKind};
use casustafel_store::{KdfParams, Profile};

const CANARY: &str = "KANARIE-7f3a9c-Zonnedijk";
const PASS: &str = "een lange zin als wachtwoord";

fn draft(i: usize, phenomenon: PhenomenonId) -> TableDraft {
    TableDraft {
        name: format!("{CANARY} tafel {i}"),
        kind: Some(TableKind::Other),
        municipalities: vec![Municipality {
            nis_code: "45991".into(),
            name: format!("{CANARY} gemeente"),
        }],
        legal_basis_kind: Some(LegalBasisKind::Decree),
        legal_basis_reference: format!("{CANARY} referentie"),
        legal_basis_date: "01/01/2026".into(),
        legal_basis_expiry: String::new(),
        finality: CANARY.repeat(50),
        case_prefix: format!("C{i}"),
        modalities: format!("{CANARY} werkafspraken"),
        admission_criteria: format!("{CANARY} criterium"),
        phenomena: vec![phenomenon],
        retention_months: "12".into(),
        cadence_weeks: String::new(),
    }
}

#[test]
fn no_plaintext_in_any_file_of_the_profile() {
    let dir = tempfile::tempdir().expect("tempdir");
    let profile = Profile::new(dir.path());
    let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).expect("timestamp");
    let mut store = profile
        .create(
            PASS,
            PASS,
            KdfParams::insecure_for_tests().expect("params"),
            now,
        )
        .expect("create");
    // Enough rows that pages spill into the WAL before any checkpoint.
    let phenomenon = store
        .add_phenomenon(&format!("{CANARY} fenomeen"))
        .expect("phenomenon")
        .id;
    for i in 0..200 {
        store
            .create_table(&draft(i, phenomenon), now)
            .expect("table");
    }
    let names = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect::<Vec<_>>();
    assert!(
        names.iter().any(|n| n.ends_with("-wal")),
        "WAL in use: {names:?}"
    );
    let open_hits = casustafel_tests::files_containing(dir.path(), CANARY.as_bytes());
    assert!(open_hits.is_empty(), "plaintext while open: {open_hits:?}");

    drop(store);
    let closed_hits = casustafel_tests::files_containing(dir.path(), CANARY.as_bytes());
    assert!(
        closed_hits.is_empty(),
        "plaintext after close: {closed_hits:?}"
    );

    // And the data is really there, for the right passphrase.
    let store = profile.unlock(PASS).expect("unlock");
    assert_eq!(store.list_tables().expect("list").len(), 200);
}
