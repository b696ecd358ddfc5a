use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjType, ScalarValue, ROOT};
use proptest::prelude::*;

use super::*;

/// A document with `n` list insertions made in one commit, and the change bytes of that commit.
fn inserts(n: usize) -> (AutoCommit, Vec<u8>) {
    let mut d = AutoCommit::new();
    let list = d.put_object(ROOT, "l", ObjType::List).unwrap();
    d.splice(&list, 0, 0, std::iter::repeat_n(ScalarValue::Null, n))
        .unwrap();
    d.commit();
    let bytes = d.save_after(&[]);
    (d, bytes)
}

#[test]
fn an_honest_export_is_counted_exactly() {
    let mut d = AutoCommit::new();
    d.put(ROOT, "naam", "Zoë Fran\u{e7}ois 🙂 שלום").unwrap();
    d.commit();
    let t = d.put_object(ROOT, "notes", ObjType::Text).unwrap();
    d.splice_text(&t, 0, 0, "Gesprek met de moeder; ë, ï, é, ç")
        .unwrap();
    d.commit();
    let bytes = d.save_after(&[]);
    let expected: u64 = d.get_changes(&[]).iter().map(|c| c.len() as u64).sum();
    assert_eq!(check(&bytes), Ok(expected));
    assert!(expected > 30, "{expected}");
    assert_eq!(check(&[]), Ok(0));
}

#[test]
fn a_hundred_bytes_that_stand_for_a_million_operations_are_refused() {
    // The list itself is one operation more.
    let (_, most) = inserts(MAX_PEER_OPS as usize - 1);
    assert_eq!(check(&most), Ok(MAX_PEER_OPS));
    let (_, one_more) = inserts(MAX_PEER_OPS as usize);
    assert_eq!(check(&one_more), Err(PeerBytesError::TooManyOps));
    let (_, bomb) = inserts(1_000_000);
    assert!(bomb.len() < 200, "{} bytes", bomb.len());
    assert_eq!(check(&bomb), Err(PeerBytesError::TooManyOps));
    // Many small chunks that add up are refused too.
    let (_, part) = inserts(60_000);
    let many: Vec<u8> = part.iter().copied().cycle().take(part.len() * 4).collect();
    assert_eq!(check(&many), Err(PeerBytesError::TooManyOps));
}

#[test]
fn compressed_changes_and_whole_documents_are_refused() {
    let mut d = AutoCommit::new();
    let t = d.put_object(ROOT, "t", ObjType::Text).unwrap();
    d.splice_text(&t, 0, 0, &"ëïéç".repeat(200)).unwrap();
    d.commit();
    let mut change = d.get_changes(&[]).into_iter().next().unwrap().clone();
    let packed = change.bytes().into_owned();
    assert_ne!(packed, change.raw_bytes(), "big enough to be compressed");
    assert_eq!(check(&packed), Err(PeerBytesError::Packed(2)));
    assert_eq!(check(&d.save()), Err(PeerBytesError::Packed(0)));
    // After a genuine chunk too.
    let mut both = change.raw_bytes().to_vec();
    both.extend(&packed);
    assert_eq!(check(&both), Err(PeerBytesError::Packed(2)));
}

#[test]
fn damaged_bytes_are_malformed() {
    let (_, bytes) = inserts(10);
    for cut in 1..bytes.len() {
        assert!(check(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    assert_eq!(check(b"not automerge"), Err(PeerBytesError::Malformed));
}

proptest! {
    /// Whatever the bytes, the check ends, does not panic, and passes only what stays in bounds.
    #[test]
    fn arbitrary_bytes_are_bounded(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(n) = check(&bytes) {
            prop_assert!(n <= MAX_PEER_OPS);
        }
    }

    /// Flipping bytes of a genuine change never lets more through than the bound.
    #[test]
    fn damaged_changes_are_bounded(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)) {
        let (_, mut bytes) = inserts(50);
        for (i, b) in flips {
            let i = i.index(bytes.len());
            bytes[i] = b;
        }
        if let Ok(n) = check(&bytes) {
            prop_assert!(n <= MAX_PEER_OPS);
        }
    }
}
