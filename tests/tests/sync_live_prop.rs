//! The convergence property for live sync, through the real store: three devices add progress
//! notes, export now and then (as the live loop does) and hand each other what the other lacks
//! (as a connection does), in a random order; in the end every device holds every acknowledged
//! note. It found that applying a peer's change could pass over a local edit not yet exported.
//! A tampered peer now and then hands over junk under the names of genuine files the other lacks
//! (half of each file): it is set aside and the genuine files still arrive.
//! `SYNC_LIVE_CASES` for more cases.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use casustafel_domain::meeting::ActionStatus;
use casustafel_domain::TableId;
use casustafel_store::{Profile, Store};
use casustafel_tests::SharedCase;
use proptest::prelude::*;

const PASS: &str = "eigenschap van de live synchronisatie";

#[derive(Debug, Clone)]
enum Op {
    Note(usize),
    Export(usize),
    Exchange(usize, usize),
    /// What `Exchange(a, b)` would hand over, but each file cut in half: junk under genuine names.
    Junk(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0usize..3).prop_map(Op::Note),
        2 => (0usize..3).prop_map(Op::Export),
        4 => (0usize..3, 0usize..3).prop_filter("two devices", |(a, b)| a != b).prop_map(|(a, b)| Op::Exchange(a, b)),
        1 => (0usize..3, 0usize..3).prop_filter("two devices", |(a, b)| a != b).prop_map(|(a, b)| Op::Junk(a, b)),
    ]
}

/// The three enrolled profiles, made once; each case works on a copy.
fn scenario() -> &'static SharedCase {
    static S: OnceLock<SharedCase> = OnceLock::new();
    S.get_or_init(|| SharedCase::new(PASS))
}

/// What a connection does: `to` gets every file `from` holds that `to` lacks (`junk`: each cut
/// in half, as a tampered peer could send them).
fn exchange(stores: &mut [Store], from: usize, to: usize, table: TableId, junk: bool) {
    let has: BTreeSet<String> = stores[to]
        .live_have(table)
        .expect("have")
        .into_iter()
        .collect();
    let device = stores[to].sync_keys().expect("keys").id();
    let mut files = stores[from]
        .live_files(table, &device, |n| has.contains(n), 10_000)
        .expect("files");
    if junk {
        for f in &mut files {
            f.bytes.truncate(f.bytes.len() / 2);
        }
    }
    stores[to]
        .receive(
            table,
            files,
            casustafel_store::Source::Peer,
            chrono::Utc::now(),
        )
        .expect("receive");
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("SYNC_LIVE_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24),
        ..ProptestConfig::default()
    })]

    #[test]
    fn devices_converge_over_live_exchanges(ops in proptest::collection::vec(op(), 1..40)) {
        let s = scenario();
        let root = tempfile::tempdir().expect("tempdir");
        let dirs: Vec<PathBuf> = (0..3).map(|i| root.path().join(i.to_string())).collect();
        for (from, to) in s.dirs.iter().zip(&dirs) {
            casustafel_tests::copy_dir(from, to);
        }
        let mut stores: Vec<Store> = dirs
            .iter()
            .map(|d| Profile::new(d).unlock(PASS).expect("unlock"))
            .collect();
        let mut acknowledged = BTreeSet::new();
        for (i, op) in ops.iter().enumerate() {
            match *op {
                Op::Note(d) => {
                    let text = format!("notitie {i} van toestel {d}");
                    stores[d]
                        .update_action(s.actions[d], ActionStatus::Open, &text, chrono::Utc::now())
                        .expect("note");
                    acknowledged.insert(text);
                }
                Op::Export(d) => {
                    stores[d].export_changes(s.table, chrono::Utc::now()).expect("export");
                }
                Op::Exchange(a, b) => exchange(&mut stores, a, b, s.table, false),
                Op::Junk(a, b) => exchange(&mut stores, a, b, s.table, true),
            }
        }
        // The network comes back for good: everyone exports and exchanges with everyone.
        for _ in 0..3 {
            for st in stores.iter_mut() {
                st.export_changes(s.table, chrono::Utc::now()).expect("export");
            }
            for a in 0..3 {
                for b in 0..3 {
                    if a != b {
                        exchange(&mut stores, a, b, s.table, false);
                    }
                }
            }
        }
        let sets: Vec<BTreeSet<String>> =
            stores.iter().map(|st| casustafel_tests::case_notes(st, s.case)).collect();
        for (d, set) in sets.iter().enumerate() {
            for note in &acknowledged {
                prop_assert!(set.contains(note), "{} missing on device {}", note, d);
            }
        }
        prop_assert!(sets.windows(2).all(|w| w[0] == w[1]));
    }
}
