use super::*;
use crate::frame::{encode, Decoder};
use casustafel_domain::participant::Role;
use casustafel_domain::{OrganisationId, ParticipantId};
use casustafel_sync::Member;
use proptest::prelude::*;
use rand_chacha::rand_core::SeedableRng;

/// A standing member of no particular partner (the node tests use it too).
pub(crate) fn member(removed: bool) -> Member {
    Member {
        participant: ParticipantId(uuid::Uuid::nil()),
        organisation: OrganisationId(uuid::Uuid::nil()),
        role: Role::Member,
        cases: vec![],
        removed,
        settled: 0,
    }
}

fn keys(seed: u64) -> DeviceKeys {
    DeviceKeys::generate(&mut rand_chacha::ChaCha20Rng::seed_from_u64(seed))
}

/// Runs the three handshake messages between `a` (initiator) and `b`.
fn connect(
    a: &DeviceKeys,
    b: &DeviceKeys,
    table_a: &[u8],
    table_b: &[u8],
    access: &Access,
) -> Result<(Channel, Channel), LanError> {
    let (mut ha, m1) = Handshake::initiate(a, table_a)?;
    let mut hb = Handshake::respond(b, table_b)?;
    let m2 = hb.read(&m1)?.ok_or(LanError::Handshake)?;
    let m3 = ha.read(&m2)?.ok_or(LanError::Handshake)?;
    assert!(hb.read(&m3)?.is_none());
    assert!(ha.is_finished() && hb.is_finished());
    Ok((ha.finish(access)?, hb.finish(access)?))
}

fn access_with(devices: &[(&DeviceKeys, bool)]) -> Access {
    let mut access = Access::default();
    for (k, removed) in devices {
        access.members.insert(k.id(), member(*removed));
    }
    access
}

#[test]
fn two_members_talk_and_nobody_else_reads_along() {
    let (a, b) = (keys(1), keys(2));
    let access = access_with(&[(&a, false), (&b, false)]);
    let (mut ca, mut cb) = connect(&a, &b, b"tafel-1", b"tafel-1", &access).unwrap();
    assert_eq!(ca.peer, b.id());
    assert_eq!(cb.peer, a.id());
    let sealed = ca.seal(b"KANARIE actie toegevoegd").unwrap();
    assert!(
        !sealed.windows(7).any(|w| w == b"KANARIE"),
        "no plaintext on the wire"
    );
    assert_eq!(cb.open(&sealed).unwrap(), b"KANARIE actie toegevoegd");
    // Replayed or tampered: rejected.
    assert_eq!(cb.open(&sealed), Err(LanError::Rejected));
    let mut bad = ca.seal(b"x").unwrap();
    bad[0] ^= 1;
    assert_eq!(cb.open(&bad), Err(LanError::Rejected));
}

#[test]
fn strangers_removed_devices_and_other_tables_are_refused() {
    let (a, b, stranger) = (keys(1), keys(2), keys(3));
    let access = access_with(&[(&a, false), (&b, false)]);
    assert_eq!(
        connect(&stranger, &b, b"t", b"t", &access).err(),
        Some(LanError::UnknownDevice)
    );
    let removed = access_with(&[(&a, true), (&b, false)]);
    assert_eq!(
        connect(&a, &b, b"t", b"t", &removed).err(),
        Some(LanError::Removed)
    );
    assert_eq!(
        connect(&a, &b, b"tafel-1", b"tafel-2", &access).err(),
        Some(LanError::Handshake)
    );
}

#[test]
fn frames_are_bounded_and_split_anywhere() {
    let mut d = Decoder::default();
    let f = [encode(b"een").unwrap(), encode(b"twee").unwrap()].concat();
    let (x, y) = f.split_at(5);
    assert!(d.push(x).unwrap().is_empty());
    assert_eq!(d.push(y).unwrap(), vec![b"een".to_vec(), b"twee".to_vec()]);
    let huge = (crate::frame::MAX_FRAME as u32 + 1).to_be_bytes();
    assert!(matches!(d.push(&huge), Err(LanError::FrameTooLarge(_))));
    assert!(encode(&vec![0; crate::frame::MAX_FRAME + 1]).is_err());
}

proptest! {
    /// Whatever arrives as a first handshake message, it never panics and never completes a
    /// handshake on its own.
    #[test]
    fn hostile_handshake_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let b = keys(2);
        let mut hb = Handshake::respond(&b, b"t").unwrap();
        if let Ok(Some(_)) = hb.read(&bytes) {
            prop_assert!(!hb.is_finished(), "one message never completes the handshake");
        }
    }

    #[test]
    fn hostile_stream_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let mut d = Decoder::default();
        let _ = d.push(&bytes);
    }
}
