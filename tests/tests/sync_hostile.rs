//! Hostile bytes from a member device are contained. The CAW device runs a tampered app: it seals
//! whatever it likes as changes of the shared case document and hands them to the chair's device.
//! Each must be set aside with a reason on the sync tab, memory must stay under a stated bound
//! (peak resident memory is measured around the pass), and a note written afterwards must still
//! arrive. The tests share one process's memory figures, so they run one at a time.

use std::io::Write;
use std::sync::Mutex;

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjType, ScalarValue, ROOT};
use casustafel_api::sync::SetAsideReason;
use casustafel_store::Store;
use casustafel_sync::DocRef;
use casustafel_tests::{peak_rss, reset_peak_rss, SharedCase};

const PASS: &str = "een lange proefzin voor vijandige bytes";

/// What one pass over hostile bytes may add to peak memory. An honest pass over a small change
/// stays far under it; before the bounds, each attack below went well over.
const BOUND: u64 = 160 * 1024 * 1024;

static ALONE: Mutex<()> = Mutex::new(());

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

fn unlock(dir: &std::path::Path) -> Store {
    casustafel_tests::unlock(dir, PASS)
}

/// Hands CAW's outbox straight to the chair's device, as a live peer would; returns the peak
/// memory the chair's pass added.
fn hand_over(caw: &mut Store, chair: &mut Store, table: casustafel_domain::TableId) -> u64 {
    reset_peak_rss();
    let before = peak_rss();
    casustafel_tests::hand_over(caw, chair, table, now());
    peak_rss().saturating_sub(before)
}

fn reasons(store: &Store, table: casustafel_domain::TableId) -> Vec<SetAsideReason> {
    casustafel_tests::set_aside_reasons(store, table)
}

/// After an attack: the CAW device's honest note still reaches the chair's device.
fn still_syncs(shared: &SharedCase, caw: &mut Store, chair: &mut Store, note: &str) {
    still_syncs_at(shared, caw, chair, note, now());
}

fn still_syncs_at(
    shared: &SharedCase,
    caw: &mut Store,
    chair: &mut Store,
    note: &str,
    at: chrono::DateTime<chrono::Utc>,
) {
    casustafel_tests::add_progress_note(caw, shared.action, note, at);
    caw.export_changes(shared.table, at).expect("export");
    casustafel_tests::hand_over(caw, chair, shared.table, at);
    assert!(
        casustafel_tests::action_notes(chair, shared.case, shared.action).contains(note),
        "the honest note arrived"
    );
}

/// One hundred bytes standing for a million operations (run-length encoded columns).
fn run_length_bomb() -> Vec<u8> {
    let mut d = AutoCommit::new();
    let list = d.put_object(ROOT, "l", ObjType::List).expect("test data");
    d.splice(
        &list,
        0,
        0,
        std::iter::repeat_n(ScalarValue::Null, 1_000_000),
    )
    .expect("test data");
    d.commit();
    d.save_after(&[])
}

/// A compressed change chunk (type 2) whose deflated body inflates to 256 MiB of zeros.
fn deflate_bomb() -> Vec<u8> {
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..256 {
        z.write_all(&zeros).expect("test data");
    }
    let body = z.finish().expect("test data");
    let mut chunk = vec![0x85, 0x6f, 0x4a, 0x83, 0, 0, 0, 0, 2];
    leb128::write::unsigned(&mut chunk, body.len() as u64).expect("test data");
    chunk.extend(body);
    chunk
}

#[test]
fn a_few_bytes_that_stand_for_a_million_operations_are_refused_unread() {
    let _alone = ALONE.lock().unwrap_or_else(|e| e.into_inner());
    let shared = SharedCase::new(PASS);
    let mut chair = unlock(&shared.dirs[0]);
    let mut caw = unlock(&shared.dirs[1]);
    let bomb = run_length_bomb();
    assert!(bomb.len() < 200, "{} bytes", bomb.len());
    caw.forge_send_raw(shared.table, DocRef::Case(shared.case), &bomb)
        .expect("forged");
    let grew = hand_over(&mut caw, &mut chair, shared.table);
    println!(
        "run-length bomb: {} bytes, peak grew {} KiB",
        bomb.len(),
        grew / 1024
    );
    assert!(grew < BOUND, "peak memory grew {grew} bytes");
    assert!(reasons(&chair, shared.table).contains(&SetAsideReason::Unpacks));
    still_syncs(
        &shared,
        &mut caw,
        &mut chair,
        "Na de bom: één nota, ça va 🙂 שלום",
    );
}

#[test]
fn a_compressed_change_is_refused_before_it_inflates() {
    let _alone = ALONE.lock().unwrap_or_else(|e| e.into_inner());
    let shared = SharedCase::new(PASS);
    let mut chair = unlock(&shared.dirs[0]);
    let mut caw = unlock(&shared.dirs[1]);
    let bomb = deflate_bomb();
    caw.forge_send_raw(shared.table, DocRef::Case(shared.case), &bomb)
        .expect("forged");
    let grew = hand_over(&mut caw, &mut chair, shared.table);
    println!(
        "deflate bomb: {} bytes, peak grew {} KiB",
        bomb.len(),
        grew / 1024
    );
    assert!(grew < BOUND, "peak memory grew {grew} bytes");
    assert!(reasons(&chair, shared.table).contains(&SetAsideReason::Unpacks));
    still_syncs(
        &shared,
        &mut caw,
        &mut chair,
        "Na het pakket: geïnformeerd, reçu 📦",
    );
}

#[test]
fn damaged_change_bytes_are_set_aside_with_a_reason() {
    let _alone = ALONE.lock().unwrap_or_else(|e| e.into_inner());
    let shared = SharedCase::new(PASS);
    let mut chair = unlock(&shared.dirs[0]);
    let mut caw = unlock(&shared.dirs[1]);
    caw.forge_send_raw(shared.table, DocRef::Case(shared.case), b"geen automerge")
        .expect("forged");
    hand_over(&mut caw, &mut chair, shared.table);
    assert!(reasons(&chair, shared.table).contains(&SetAsideReason::BadChange));
    still_syncs(&shared, &mut caw, &mut chair, "Daarna gewoon: één nota ✓");
}

/// A chain of changes of a document nobody has, without its first: each waits for the one before.
fn orphans(n: usize) -> Vec<Vec<u8>> {
    let mut d = AutoCommit::new();
    let mut heads = d.get_heads();
    let mut out = Vec::new();
    for i in 0..=n {
        d.put(ROOT, "x", i as i64).expect("test data");
        d.commit();
        if i > 0 {
            out.push(d.save_after(&heads));
        }
        heads = d.get_heads();
    }
    out
}

#[test]
fn changes_waiting_for_one_that_never_comes_are_bounded_and_expire() {
    let _alone = ALONE.lock().unwrap_or_else(|e| e.into_inner());
    let shared = SharedCase::new(PASS);
    let mut chair = unlock(&shared.dirs[0]);
    let mut caw = unlock(&shared.dirs[1]);
    let limit = casustafel_store::limits::MAX_HELD_PER_DOC as usize;
    let chain = orphans(limit + 6);
    for c in &chain {
        caw.forge_send_raw(shared.table, DocRef::Case(shared.case), c)
            .expect("forged");
    }
    let grew = hand_over(&mut caw, &mut chair, shared.table);
    println!(
        "{} orphan changes: peak grew {} KiB",
        chain.len(),
        grew / 1024
    );
    assert_eq!(
        chair.forge_held_count().expect("held"),
        limit,
        "at most the limit waits"
    );
    let over = |s: &Store| {
        s.forge_warning_count(shared.table, SetAsideReason::WaitedTooLong)
            .expect("count")
    };
    assert_eq!(over(&chair), 6, "the rest is set aside, with a reason");
    // Every other change still applies, and none of the waiting ones is looked at again.
    still_syncs(
        &shared,
        &mut caw,
        &mut chair,
        "Gewoon verder: één nota, déjà vu 🙂",
    );
    assert_eq!(chair.forge_held_count().expect("held"), limit);
    // A month later they have waited too long: gone, each with a warning; notes still arrive.
    let later = now() + chrono::Duration::days(31);
    still_syncs_at(
        &shared,
        &mut caw,
        &mut chair,
        "Een maand later: geïnformeerd ✓",
        later,
    );
    assert_eq!(chair.forge_held_count().expect("held"), 0);
    assert_eq!(over(&chair), chain.len());
}
