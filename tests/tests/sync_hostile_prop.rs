//! Arbitrary Automerge bytes from a member's tampered app, through the store: garbage, genuine
//! changes with bytes flipped, chunk types swapped (compressed, whole documents, bundles), several
//! chunks strung together. Whatever arrives, the chair's pass goes through, the case document
//! still reads, memory stays under a bound (peak resident memory measured per case), and an
//! honest note written afterwards arrives. (One test in this binary: the memory figure is the
//! process's.)

use std::cell::RefCell;

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjType, ROOT};
use casustafel_store::Store;
use casustafel_sync::DocRef;
use casustafel_tests::{peak_rss, reset_peak_rss, SharedCase};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const PASS: &str = "een lange proefzin voor willekeurige bytes";
const BOUND: u64 = 160 * 1024 * 1024;

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// A few genuine change chunks, with accents, an emoji and a right-to-left word.
fn genuine() -> Vec<u8> {
    let mut d = AutoCommit::new();
    d.put(ROOT, "naam", "Zoë François 🙂 שלום").expect("put");
    d.commit();
    let t = d.put_object(ROOT, "notes", ObjType::Text).expect("text");
    d.splice_text(&t, 0, 0, "Gesprek met de moeder; ë, ï, é, ç")
        .expect("splice");
    d.commit();
    d.save_after(&[])
}

/// Hostile variations of `genuine`.
fn hostile(genuine: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = genuine.len();
    let g1 = genuine.clone();
    let g2 = genuine.clone();
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..2_000),
        proptest::collection::vec((0..len, any::<u8>()), 1..8).prop_map(move |flips| {
            let mut b = g1.clone();
            for (i, v) in flips {
                b[i] = v;
            }
            b
        }),
        (0u8..8).prop_map(move |kind| {
            let mut b = g2.clone();
            b[8] = kind; // the first chunk's type
            b
        }),
        proptest::collection::vec(any::<u8>(), 0..64).prop_map(move |tail| {
            let mut b = genuine.repeat(3);
            b.extend(tail);
            b
        }),
    ]
}

#[test]
fn whatever_bytes_a_member_sends_the_chairs_device_keeps_syncing() {
    let shared = SharedCase::new(PASS);
    let chair = RefCell::new(casustafel_tests::unlock(&shared.dirs[0], PASS));
    let caw = RefCell::new(casustafel_tests::unlock(&shared.dirs[1], PASS));
    let mut runner = TestRunner::new(Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    });
    let worst = std::cell::Cell::new(0u64);
    runner
        .run(&hostile(genuine()), |bytes| {
            let (mut chair, mut caw) = (chair.borrow_mut(), caw.borrow_mut());
            caw.forge_send_raw(shared.table, DocRef::Case(shared.case), &bytes)
                .expect("forged");
            reset_peak_rss();
            let before = peak_rss();
            casustafel_tests::hand_over(&mut caw, &mut chair, shared.table, now());
            let grew = peak_rss().saturating_sub(before);
            worst.set(worst.get().max(grew));
            prop_assert!(grew < BOUND, "peak memory grew {grew} bytes");
            prop_assert!(chair.case_document(shared.case).is_ok());
            Ok(())
        })
        .expect("every case");
    println!(
        "hostile bytes: worst peak growth {} KiB",
        worst.get() / 1024
    );
    {
        use casustafel_api::sync::SetAsideReason as R;
        let chair = chair.borrow();
        let said = |r| chair.forge_warning_count(shared.table, r).expect("count");
        let (bad, packed) = (said(R::BadChange), said(R::Unpacks));
        println!("set aside: {bad} unreadable, {packed} packed");
        assert!(
            bad > 0 && packed > 0,
            "the bytes reached the document and were judged"
        );
    }
    let note = "Na al die bytes: één nota, ça va ✓";
    let (mut chair, mut caw): (std::cell::RefMut<Store>, std::cell::RefMut<Store>) =
        (chair.borrow_mut(), caw.borrow_mut());
    casustafel_tests::add_progress_note(&mut caw, shared.action, note, now());
    caw.export_changes(shared.table, now()).expect("export");
    casustafel_tests::hand_over(&mut caw, &mut chair, shared.table, now());
    assert!(casustafel_tests::action_notes(&chair, shared.case, shared.action).contains(note));
}
