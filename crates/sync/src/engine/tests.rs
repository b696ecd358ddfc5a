use super::*;
use crate::access::Member;
use crate::envelope::MAX_FILE_BYTES;
use casustafel_domain::participant::Role;
use casustafel_domain::{CaseId, OrganisationId, ParticipantId, TableId};
use proptest::prelude::*;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use uuid::Uuid;

const TABLE: TableId = TableId(Uuid::from_u128(0x7ab1e));

struct World {
    rng: ChaCha20Rng,
    access: Access,
    chair: Engine,
    partner: Engine,
    other: Engine,
    case: DocRef,
}

fn member(org: u128, role: Role) -> Member {
    Member {
        participant: ParticipantId(Uuid::from_u128(org + 100)),
        organisation: OrganisationId(Uuid::from_u128(org)),
        role,
        cases: vec![],
        removed: false,
        settled: 0,
    }
}

/// A chair, a partner of the case, and a member of another organisation.
fn world() -> World {
    let mut rng = ChaCha20Rng::seed_from_u64(42);
    let chair = Engine::new(
        DeviceKeys::generate(&mut rng),
        TABLE,
        EngineState::default(),
    );
    let partner = Engine::new(
        DeviceKeys::generate(&mut rng),
        TABLE,
        EngineState::default(),
    );
    let other = Engine::new(
        DeviceKeys::generate(&mut rng),
        TABLE,
        EngineState::default(),
    );
    let case_id = CaseId(Uuid::from_u128(7));
    let mut access = Access::default();
    access.members.insert(chair.id(), member(1, Role::Chair));
    access.keeper = Some(chair.id());
    access.members.insert(partner.id(), member(2, Role::Member));
    access.members.insert(other.id(), member(3, Role::Member));
    access
        .case_partners
        .insert(case_id, vec![OrganisationId(Uuid::from_u128(2))]);
    let mut w = World {
        rng,
        access,
        chair,
        partner,
        other,
        case: DocRef::Case(case_id),
    };
    // Every member holds the table document's key: the routing key of every file's box.
    let grants = w.chair.rotate(DocRef::Table(TABLE), &w.access, &mut w.rng);
    deliver(&mut w.partner, &grants, &w.access);
    deliver(&mut w.other, &grants, &w.access);
    w
}

fn deliver(to: &mut Engine, files: &[OutFile], access: &Access) -> Vec<Outcome> {
    files
        .iter()
        .map(|f| to.receive(Some(&f.name), &f.bytes, access))
        .collect()
}

#[test]
fn a_case_change_reaches_its_partner_and_nobody_else() {
    let mut w = world();
    let grants = w.chair.rotate(w.case, &w.access, &mut w.rng);
    assert_eq!(
        grants.len(),
        1,
        "only the partner (the chair has it already)"
    );
    let change = w
        .chair
        .seal_change(w.case, b"automerge change", &mut w.rng)
        .expect("the chair holds the key");
    // The change before its key: the partner waits, and it is not marked as seen.
    assert_eq!(
        deliver(&mut w.partner, std::slice::from_ref(&change), &w.access),
        vec![Outcome::Waiting { doc: Some(w.case) }]
    );
    assert_eq!(
        deliver(&mut w.partner, &grants, &w.access),
        vec![Outcome::Key {
            doc: w.case,
            epoch: 0
        }]
    );
    assert_eq!(
        deliver(&mut w.partner, std::slice::from_ref(&change), &w.access),
        vec![Outcome::Change {
            doc: w.case,
            author: w.chair.id(),
            rights: w.access.rights(&w.chair.id()),
            bytes: b"automerge change".to_vec()
        }]
    );
    // Read again (a folder is scanned again and again): nothing happens twice.
    assert_eq!(
        deliver(&mut w.partner, std::slice::from_ref(&change), &w.access),
        vec![Outcome::Duplicate]
    );
    // The other member gets neither key nor content: it cannot even tell what the file is.
    assert_eq!(
        deliver(&mut w.other, &grants, &w.access),
        vec![Outcome::Opaque]
    );
    assert_eq!(
        deliver(&mut w.other, std::slice::from_ref(&change), &w.access),
        vec![Outcome::Waiting { doc: Some(w.case) }],
        "without the key it stays unreadable, waiting for a key that never comes"
    );
    assert!(!w.other.has_key(w.case));
    // The partner answers; the chair accepts it.
    let answer = w
        .partner
        .seal_change(w.case, b"action done", &mut w.rng)
        .unwrap();
    assert!(matches!(
        deliver(&mut w.chair, &[answer], &w.access)[0],
        Outcome::Change { .. }
    ));
}

#[test]
fn tampered_misnamed_and_foreign_files_are_set_aside() {
    let mut w = world();
    w.chair.rotate(w.case, &w.access, &mut w.rng);
    let f = w.chair.seal_change(w.case, b"x", &mut w.rng).unwrap();
    let mut bad = f.bytes.clone();
    let last = bad.len() - 70;
    bad[last] ^= 1;
    assert!(matches!(
        w.partner.receive(Some(&f.name), &bad, &w.access),
        Outcome::SetAside(Rejection::BadSignature | Rejection::Malformed)
    ));
    assert_eq!(
        w.partner
            .receive(Some("elders/0000000000000000.cst"), &f.bytes, &w.access),
        Outcome::SetAside(Rejection::Misnamed)
    );
    // Another file's spare name, or a spare name of other bytes, is not this file's name.
    let spare_of_other = crate::names::spare_name(&f.name, b"other bytes").unwrap();
    assert_eq!(
        w.partner
            .receive(Some(&spare_of_other), &f.bytes, &w.access),
        Outcome::SetAside(Rejection::Misnamed)
    );
    let next = envelope::file_name(&w.chair.id(), 99);
    assert_eq!(
        w.partner.receive(Some(&next), &f.bytes, &w.access),
        Outcome::SetAside(Rejection::Misnamed),
        "a genuine file copied to its author's next name"
    );
    // Its own spare name is its name too (where its author wrote it when the name was taken).
    let spare = crate::names::spare_name(&f.name, &f.bytes).unwrap();
    assert!(matches!(
        w.partner.receive(Some(&spare), &f.bytes, &w.access),
        Outcome::Change { .. } | Outcome::Waiting { .. }
    ));
    assert_eq!(
        w.partner.receive(None, b"hello", &w.access),
        Outcome::SetAside(Rejection::Malformed)
    );
    let huge = vec![0u8; MAX_FILE_BYTES + 1];
    assert!(matches!(
        w.partner.receive(None, &huge, &w.access),
        Outcome::SetAside(Rejection::TooLarge(_))
    ));
    // A device nobody enrolled: its files wait (it may be a member whose enrolment is on its way).
    let mut stranger = Engine::new(
        DeviceKeys::generate(&mut w.rng),
        TABLE,
        EngineState::default(),
    );
    stranger.state.keys.insert(w.case, [(0, [9u8; 32])].into());
    stranger
        .state
        .keys
        .insert(DocRef::Table(TABLE), [(0, [8u8; 32])].into());
    let s = stranger.seal_change(w.case, b"spam", &mut w.rng).unwrap();
    assert_eq!(
        w.chair.receive(Some(&s.name), &s.bytes, &w.access),
        Outcome::Stranger {
            author: stranger.me.id()
        }
    );
}

#[test]
fn a_member_who_may_not_write_is_refused_and_a_removed_one_reads_no_new_changes() {
    let mut w = world();
    let grants = w.chair.rotate(w.case, &w.access, &mut w.rng);
    deliver(&mut w.partner, &grants, &w.access);
    // The other member forges a change with a key it should not have: refused on receipt.
    w.other.state.keys.insert(w.case, [(0, [1u8; 32])].into());
    let forged = w.other.seal_change(w.case, b"forged", &mut w.rng).unwrap();
    assert_eq!(
        deliver(&mut w.chair, &[forged], &w.access),
        vec![Outcome::SetAside(Rejection::NotAllowed)]
    );
    // The partner's device is removed: the chair rotates the key; later changes are unreadable
    // to it, and what it writes from now on is refused.
    w.access.members.get_mut(&w.partner.id()).unwrap().removed = true;
    let new_grants = w.chair.rotate(w.case, &w.access, &mut w.rng);
    assert!(
        new_grants.is_empty(),
        "nobody but the chair reads the case now"
    );
    let later = w.chair.seal_change(w.case, b"after", &mut w.rng).unwrap();
    assert_eq!(
        deliver(&mut w.partner, &[later], &w.access),
        vec![Outcome::Waiting { doc: Some(w.case) }],
        "the new epoch's key never reaches the removed device"
    );
    let old_key_change = w
        .partner
        .seal_change(w.case, b"still here", &mut w.rng)
        .unwrap();
    assert_eq!(
        deliver(&mut w.chair, &[old_key_change], &w.access),
        vec![Outcome::SetAside(Rejection::NotAllowed)]
    );
}

#[test]
fn a_grant_from_someone_who_does_not_run_the_table_is_refused() {
    let mut w = world();
    w.other.state.keys.insert(w.case, [(0, [5u8; 32])].into());
    let grants = w.other.grant_all(w.case, &[w.partner.id()], &mut w.rng);
    assert_eq!(
        deliver(&mut w.partner, &grants, &w.access),
        vec![Outcome::SetAside(Rejection::NotAllowed)]
    );
    assert!(!w.partner.has_key(w.case));
}

#[test]
fn state_survives_a_restart() {
    let mut w = world();
    let grants = w.chair.rotate(w.case, &w.access, &mut w.rng);
    deliver(&mut w.partner, &grants, &w.access);
    let saved = postcard::to_allocvec(w.partner.state()).unwrap();
    let keys = DeviceKeys::from_secret_bytes(&w.partner.me.to_secret_bytes());
    let mut again = Engine::new(keys, TABLE, postcard::from_bytes(&saved).unwrap());
    assert!(again.has_key(w.case));
    assert_eq!(
        deliver(&mut again, &grants, &w.access),
        vec![Outcome::Duplicate]
    );
}

proptest! {
    /// Whatever bytes arrive, reading them never panics and never yields a change.
    #[test]
    fn hostile_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let mut w = world();
        let out = w.partner.receive(None, &bytes, &w.access);
        let accepted = matches!(out, Outcome::Change { .. } | Outcome::Key { .. });
        prop_assert!(!accepted, "accepted: {:?}", out);
    }

    /// A real file with one byte changed anywhere is never accepted as something else.
    #[test]
    fn a_flipped_byte_is_caught(pos in any::<prop::sample::Index>(), bit in 0u8..8) {
        let mut w = world();
        let grants = w.chair.rotate(w.case, &w.access, &mut w.rng);
        let mut bytes = grants[0].bytes.clone();
        let i = pos.index(bytes.len());
        bytes[i] ^= 1 << bit;
        let out = w.partner.receive(Some(&grants[0].name), &bytes, &w.access);
        prop_assert!(matches!(out, Outcome::SetAside(_) | Outcome::Waiting { .. } | Outcome::Opaque), "{:?}", out);
        prop_assert!(!w.partner.has_key(w.case));
    }
}

#[test]
fn share_hands_keys_to_new_readers_and_rotates_when_one_leaves() {
    let mut w = world();
    let first = w.chair.share(w.case, &w.access, &mut w.rng);
    assert_eq!(first.len(), 1, "the partner");
    assert!(
        w.chair.share(w.case, &w.access, &mut w.rng).is_empty(),
        "nothing new"
    );
    // The other member's organisation becomes a partner: it gets the key (every epoch).
    w.access
        .case_partners
        .get_mut(&match w.case {
            DocRef::Case(c) => c,
            _ => unreachable!(),
        })
        .unwrap()
        .push(OrganisationId(Uuid::from_u128(3)));
    let more = w.chair.share(w.case, &w.access, &mut w.rng);
    assert_eq!(more.len(), 1);
    assert!(matches!(
        deliver(&mut w.other, &more, &w.access)[0],
        Outcome::Key { epoch: 0, .. }
    ));
    // The partner leaves: a new epoch, for the remaining reader only.
    w.access.members.get_mut(&w.partner.id()).unwrap().removed = true;
    let rotated = w.chair.share(w.case, &w.access, &mut w.rng);
    assert_eq!(rotated.len(), 1);
    assert!(matches!(
        deliver(&mut w.other, &rotated, &w.access)[0],
        Outcome::Key { epoch: 1, .. }
    ));
    assert!(matches!(
        deliver(&mut w.partner, &rotated, &w.access)[0],
        Outcome::Opaque
    ));
}

#[test]
fn a_file_of_another_table_changes_nothing() {
    let mut w = world();
    // The chair of another table, whose device also sits at this one (same keys).
    let other_table = TableId(Uuid::from_u128(0x07e4));
    let chair_keys = DeviceKeys::from_secret_bytes(&w.chair.me.to_secret_bytes());
    let mut elsewhere = Engine::new(chair_keys, other_table, EngineState::default());
    elsewhere.rotate(DocRef::Table(other_table), &w.access, &mut w.rng);
    let grants = elsewhere.rotate(w.case, &w.access, &mut w.rng);
    let change = elsewhere
        .seal_change(w.case, b"automerge change", &mut w.rng)
        .expect("key");
    for f in &grants {
        assert_eq!(
            w.partner.receive(Some(&f.name), &f.bytes, &w.access),
            Outcome::SetAside(Rejection::OtherTable),
            "sealed for another table"
        );
    }
    // A change under the other table's routing key does not even open here.
    assert_eq!(
        w.partner
            .receive(Some(&change.name), &change.bytes, &w.access),
        Outcome::Opaque
    );
    assert!(!w.partner.has_key(w.case));

    // This table's chair naming another table's documents: its table document and register.
    for doc in [DocRef::Table(other_table), DocRef::Register(other_table)] {
        let grants = w.chair.rotate(doc, &w.access, &mut w.rng);
        let change = w
            .chair
            .seal_change(doc, b"members", &mut w.rng)
            .expect("key");
        let outcomes: Vec<Outcome> = grants
            .iter()
            .chain([&change])
            .map(|f| w.partner.receive(Some(&f.name), &f.bytes, &w.access))
            .collect();
        // The grant to the partner and the change open here and are set aside; the grant to
        // the other member does not open here at all.
        assert!(
            outcomes.iter().all(|o| matches!(
                o,
                Outcome::SetAside(Rejection::OtherTable) | Outcome::Opaque
            )),
            "{doc:?}: {outcomes:?}"
        );
        assert_eq!(
            outcomes
                .iter()
                .filter(|o| **o == Outcome::SetAside(Rejection::OtherTable))
                .count(),
            2,
            "{doc:?}"
        );
        assert!(!w.partner.has_key(doc));
    }
    // Its own table's documents still arrive.
    let doc = DocRef::Table(TABLE);
    let grants = w.chair.rotate(doc, &w.access, &mut w.rng);
    assert!(deliver(&mut w.partner, &grants, &w.access)
        .iter()
        .any(|o| matches!(o, Outcome::Key { .. })));
}

#[test]
fn only_the_keeper_hands_out_keys_and_a_known_key_is_never_replaced() {
    let mut w = world();
    // The `other` device becomes the secretary: it runs meetings, but does not keep the register.
    w.access
        .members
        .insert(w.other.id(), member(3, Role::Secretary));
    let from_secretary = w.other.rotate(w.case, &w.access, &mut w.rng);
    let to_partner: Vec<OutFile> = deliver(&mut w.partner, &from_secretary, &w.access)
        .into_iter()
        .zip(from_secretary)
        .filter(|(o, _)| !matches!(o, Outcome::Opaque))
        .map(|(o, f)| {
            assert_eq!(o, Outcome::SetAside(Rejection::NotAllowed));
            f
        })
        .collect();
    assert_eq!(to_partner.len(), 1, "the secretary's grant was refused");
    assert!(!w.partner.has_key(w.case));

    // The keeper's key of epoch 0 arrives; a second grant of epoch 0 with another key (the keeper
    // restored from an old backup, say) does not replace it.
    let keys = DeviceKeys::generate(&mut w.rng);
    let secret = keys.to_secret_bytes();
    let mut keeper = Engine::new(keys, TABLE, w.chair.state.clone());
    w.access.members.insert(keeper.id(), member(1, Role::Chair));
    w.access.keeper = Some(keeper.id());
    let first = keeper.rotate(w.case, &w.access, &mut w.rng);
    deliver(&mut w.partner, &first, &w.access);
    let change = keeper
        .seal_change(w.case, b"under the first key", &mut w.rng)
        .unwrap();
    let mut restored = Engine::new(
        DeviceKeys::from_secret_bytes(&secret),
        TABLE,
        EngineState {
            next_seq: 1_000,
            ..EngineState::default()
        },
    );
    let second = restored.rotate(w.case, &w.access, &mut w.rng);
    assert!(deliver(&mut w.partner, &second, &w.access)
        .iter()
        .any(|o| matches!(o, Outcome::Key { epoch: 0, .. })));
    assert!(
        matches!(
            deliver(&mut w.partner, &[change], &w.access)[0],
            Outcome::Change { .. }
        ),
        "what was sealed under the first key stays readable"
    );
}

#[test]
fn a_members_file_counts_once_the_keeper_vouched_and_a_removal_freezes_that() {
    let mut w = world();
    // `other` reads the case too; the partner writes two changes.
    w.access
        .case_partners
        .get_mut(&match w.case {
            DocRef::Case(c) => c,
            _ => unreachable!(),
        })
        .unwrap()
        .push(OrganisationId(Uuid::from_u128(3)));
    let grants = w.chair.rotate(w.case, &w.access, &mut w.rng);
    deliver(&mut w.partner, &grants, &w.access);
    deliver(&mut w.other, &grants, &w.access);
    let first = w.partner.seal_change(w.case, b"first", &mut w.rng).unwrap();
    let second = w
        .partner
        .seal_change(w.case, b"second", &mut w.rng)
        .unwrap();
    assert_eq!(
        deliver(&mut w.other, std::slice::from_ref(&first), &w.access),
        vec![Outcome::Waiting { doc: Some(w.case) }],
        "not before the keeper vouched for it"
    );
    // The keeper reads the first and vouches for it, then removes the partner.
    assert!(matches!(
        deliver(&mut w.chair, std::slice::from_ref(&first), &w.access)[0],
        Outcome::Change { .. }
    ));
    let partner = w.partner.id();
    let m = w.access.members.get_mut(&partner).unwrap();
    m.settled = w.chair.state().dealt_prefix(&partner);
    m.removed = true;
    // The keeper refuses what it had not read; every other device decides the same, in any order.
    assert_eq!(
        deliver(&mut w.chair, std::slice::from_ref(&second), &w.access),
        vec![Outcome::SetAside(Rejection::NotAllowed)]
    );
    assert_eq!(
        deliver(&mut w.other, &[second, first], &w.access)
            .into_iter()
            .map(|o| matches!(o, Outcome::Change { .. }))
            .collect::<Vec<_>>(),
        vec![false, true],
        "the vouched file counts after the removal too, the other never"
    );
}

#[test]
fn the_state_shows_no_key_when_debugged() {
    let mut w = world();
    w.chair.rotate(w.case, &w.access, &mut w.rng);
    let key = w.chair.state().keys[&w.case][&0];
    let shown = format!("{:?}", w.chair.state());
    for bytes in [&key[..4], &key[28..]] {
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let dec = format!("{}, {}", bytes[0], bytes[1]);
        assert!(!shown.contains(&hex) && !shown.contains(&dec), "{shown}");
    }
    assert!(shown.contains("key_epochs"), "{shown}");
}
