use proptest::prelude::*;

use super::*;

fn name(author: u8, seq: u64) -> String {
    format!(
        "{:016x}/{seq:016x}.cst",
        author as u64 + 0xabc0_0000_0000_0000
    )
}

#[test]
fn have_keeps_ranges_merged() {
    let mut h = Have::default();
    for s in [3, 1, 2, 7, 5, 6] {
        assert!(h.insert(&name(1, s)));
    }
    assert!(!h.insert(&name(1, 2)), "already there");
    assert_eq!(h.authors.values().next().unwrap(), &vec![(1, 3), (5, 7)]);
    assert!(h.contains(&name(1, 6)));
    assert!(!h.contains(&name(1, 4)));
    assert!(!h.contains(&name(2, 1)));
    assert!(h.insert(&name(1, 4)));
    assert_eq!(h.authors.values().next().unwrap(), &vec![(1, 7)]);
    assert_eq!(h.len(), 7);
    assert!(!h.insert("enrol/abcdef.welcome"));
    assert!(!h.insert("../0000000000000000/0000000000000001.cst"));
    // A file under its spare name is that author's file of that sequence number.
    let spare = name(1, 8).replace(".cst", "-0123456789abcdef.cst");
    assert!(h.insert(&spare));
    assert!(h.contains(&name(1, 8)) && h.contains(&spare));
    assert!(!h.insert(&name(1, 9).replace(".cst", "-0123.cst")));
}

#[test]
fn a_file_goes_through_in_parts() {
    let file = OutFile {
        name: name(1, 9),
        bytes: (0..150_000u32).map(|i| i as u8).collect(),
    };
    let parts = parts(&file);
    assert_eq!(parts.len(), 3);
    let mut a = Assembler::default();
    let mut out = None;
    for p in parts {
        let bytes = p.encode();
        out = a.push(Msg::decode(&bytes).unwrap()).unwrap();
    }
    assert_eq!(out, Some(file));
}

#[test]
fn out_of_order_or_mixed_parts_end_the_connection() {
    let file = OutFile {
        name: name(1, 9),
        bytes: vec![7; 130_000],
    };
    let p = parts(&file);
    let mut a = Assembler::default();
    assert!(a.push(p[1].clone()).is_err(), "starts mid-file");
    let mut a = Assembler::default();
    a.push(p[0].clone()).unwrap();
    let other = parts(&OutFile {
        name: name(2, 1),
        bytes: vec![1; 10],
    });
    assert!(
        a.push(other[0].clone()).is_err(),
        "another file before this one ends"
    );
    let mut a = Assembler::default();
    assert!(a.push(Msg::Have(Have::default())).is_err());
}

#[test]
fn oversized_or_lying_parts_are_refused_when_decoded() {
    let lie = Msg::Part {
        name: name(1, 1),
        total: 10,
        offset: 5,
        data: vec![0; 20],
    };
    assert!(Msg::decode(&lie.encode()).is_err());
    let huge = Msg::Part {
        name: name(1, 1),
        total: (MAX_FILE_BYTES + 1) as u32,
        offset: 0,
        data: vec![0; 10],
    };
    assert!(Msg::decode(&huge.encode()).is_err());
    let bad_name = Msg::Part {
        name: "enrol/x.join".into(),
        total: 1,
        offset: 0,
        data: vec![0],
    };
    assert!(Msg::decode(&bad_name.encode()).is_err());
    let mut h = Have::default();
    h.authors.insert("zz".into(), vec![(1, 2)]);
    assert!(Msg::decode(&Msg::Have(h).encode()).is_err());
    let mut h = Have::default();
    h.authors.insert("abc0000000000001".into(), vec![(5, 2)]);
    assert!(Msg::decode(&Msg::Have(h).encode()).is_err());
}

#[test]
fn a_have_full_of_gaps_goes_in_pieces_that_fit_a_frame() {
    // Every other file of three authors: 3 × 5,000 ranges, far more than one message holds.
    let mut h = Have::default();
    for a in 0..3 {
        for s in (0..10_000).step_by(2) {
            h.insert(&name(a, s));
        }
    }
    let pieces = h.pieces();
    assert!(pieces.len() > 1);
    let mut back = Have::default();
    for p in &pieces {
        let bytes = Msg::Have(p.clone()).encode();
        assert!(
            bytes.len() + 16 < crate::frame::MAX_FRAME,
            "{} bytes",
            bytes.len()
        );
        let Msg::Have(p) = Msg::decode(&bytes).unwrap() else {
            panic!("a Have");
        };
        assert!(back.merge(&p));
    }
    assert_eq!(back, h);
}

#[test]
fn the_last_sequence_number_and_endless_pieces_are_no_trouble() {
    let mut h = Have::default();
    assert!(h.insert(&name(0, u64::MAX)));
    assert!(h.insert(&name(0, u64::MAX - 1)));
    assert!(h.insert(&name(0, 0)));
    assert!(h.contains(&name(0, u64::MAX)));
    assert_eq!(h.len(), 3);
    let mut all = Have::default();
    all.authors
        .insert(format!("{:016x}", 0), vec![(0, u64::MAX)]);
    assert_eq!(all.len(), u64::MAX, "saturates, no overflow");
    // A peer sending piece after piece of invented authors is cut off, not let grow.
    let mut known = Have::default();
    let mut refused = false;
    for round in 0..200u64 {
        let mut piece = Have::default();
        for a in 0..2_000u64 {
            piece
                .authors
                .insert(format!("{:016x}", round * 10_000 + a), vec![(0, 0)]);
        }
        if !known.merge(&piece) {
            refused = true;
            break;
        }
    }
    assert!(refused, "the known set stopped growing");
    assert!(known.authors.len() <= MAX_AUTHORS);
}

proptest! {
    #[test]
    fn have_matches_a_plain_set(seqs in proptest::collection::vec((0u8..3, 0u64..40), 0..80)) {
        let mut h = Have::default();
        let mut set = std::collections::BTreeSet::new();
        for (a, s) in &seqs {
            prop_assert_eq!(h.insert(&name(*a, *s)), set.insert((*a, *s)));
        }
        for a in 0..3 {
            for s in 0..40 {
                prop_assert_eq!(h.contains(&name(a, s)), set.contains(&(a, s)));
            }
        }
        prop_assert_eq!(h.len(), set.len() as u64);
        // Merging two halves gives the whole.
        let (mut left, mut right) = (Have::default(), Have::default());
        for (i, (a, s)) in seqs.iter().enumerate() {
            if i % 2 == 0 { left.insert(&name(*a, *s)); } else { right.insert(&name(*a, *s)); }
        }
        prop_assert!(left.merge(&right));
        prop_assert_eq!(&left, &h);
        prop_assert!(h.well_formed());
        let back = Msg::decode(&Msg::Have(h.clone()).encode()).unwrap();
        prop_assert_eq!(back, Msg::Have(h));
    }

    #[test]
    fn hostile_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(m) = Msg::decode(&bytes) {
            let _ = Assembler::default().push(m);
        }
    }
}

#[test]
fn a_tables_tag_changes_every_hour_and_is_known_an_hour_either_way() {
    let (t1, t2) = ([1u8; 16], [2u8; 16]);
    let w = tag_window(1_800_000_000);
    assert_ne!(
        table_tag(&t1, w),
        table_tag(&t1, w + 1),
        "a new tag each hour"
    );
    assert_ne!(table_tag(&t1, w), table_tag(&t2, w), "a tag per table");
    for near in [w - 1, w, w + 1] {
        assert!(is_table_tag(&table_tag(&t1, near), &t1, w));
    }
    for far in [w - 2, w + 2, w + 1000] {
        assert!(!is_table_tag(&table_tag(&t1, far), &t1, w));
    }
    assert!(!is_table_tag(&table_tag(&t2, w), &t1, w));
    assert!(!is_table_tag(b"short", &t1, w));
    assert!(
        !is_table_tag(&table_tag(&t1, 0), &t1, u64::MAX),
        "no overflow"
    );
}
