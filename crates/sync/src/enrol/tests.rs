use super::*;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use uuid::Uuid;

const NOW: i64 = 1_800_000_000;
const DAY: i64 = 86_400;

fn setup() -> (ChaCha20Rng, DeviceKeys, DeviceKeys, Code, Vec<Invitation>) {
    let mut rng = ChaCha20Rng::seed_from_u64(3);
    let chair = DeviceKeys::generate(&mut rng);
    let joiner = DeviceKeys::generate(&mut rng);
    let code = Code::generate(&mut rng);
    let inv = Invitation::new(
        &code,
        TableId(Uuid::from_u128(1)),
        ParticipantId(Uuid::from_u128(2)),
        NOW + 3 * DAY,
    );
    (rng, chair, joiner, code, vec![inv])
}

#[test]
fn codes_survive_how_people_type_them_and_typos_are_caught() {
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    for _ in 0..50 {
        let code = Code::generate(&mut rng);
        let text = code.to_text();
        assert_eq!(text.len(), 19, "{text}");
        assert_eq!(Code::parse(&text).unwrap(), code);
        let sloppy = text.to_lowercase().replace('-', " ");
        assert_eq!(Code::parse(&sloppy).unwrap(), code);
        // Any one character changed, anywhere, to anything: caught.
        for i in (0..text.len()).filter(|i| *i % 5 != 4) {
            for c in ALPHABET.iter().map(|c| *c as char) {
                let mut chars: Vec<char> = text.chars().collect();
                if chars[i] == c {
                    continue;
                }
                chars[i] = c;
                let typo: String = chars.into_iter().collect();
                assert_eq!(Code::parse(&typo), Err(EnrolError::Mistyped), "{typo}");
            }
        }
    }
    assert_eq!(Code::parse("ABCD"), Err(EnrolError::Mistyped));
    assert_eq!(
        Code::parse("ABCD-EFGH-IJKL-MNÖP"),
        Err(EnrolError::Mistyped)
    );
    assert_eq!(Code::parse(""), Err(EnrolError::Mistyped));
}

#[test]
fn a_device_joins_with_the_code_and_both_sides_know_each_other() {
    let (mut rng, chair, joiner, code, mut invs) = setup();
    let typed = Code::parse(&code.to_text()).unwrap();
    let request = join_request(&joiner, &typed, "Laptop CAW – An", &mut rng);
    assert!(request.name.starts_with("enrol/"));
    let (i, req) = accept_join(&mut invs, &request.bytes, NOW).unwrap();
    assert_eq!(req.device, joiner.id());
    assert_eq!(req.label, "Laptop CAW – An");
    assert_eq!(invs[i].used_by, Some(joiner.id()));
    let w = welcome(&chair, &invs[i], "LIVC-R Zonnedijk", &mut rng);
    let got = read_welcome(&typed, &w.bytes).unwrap();
    assert_eq!(got.chair, chair.id());
    assert_eq!(got.table_name, "LIVC-R Zonnedijk");
    assert_eq!(got.participant, invs[0].participant);
    // Read again (the folder is scanned again): still fine for the same device.
    assert!(accept_join(&mut invs, &request.bytes, NOW + 10).is_ok());
}

#[test]
fn expired_used_and_wrong_codes_are_told_apart() {
    let (mut rng, _chair, joiner, code, mut invs) = setup();
    let request = join_request(&joiner, &code, "x", &mut rng);
    assert_eq!(
        accept_join(&mut invs, &request.bytes, NOW + 4 * DAY),
        Err(EnrolError::Expired)
    );
    assert!(accept_join(&mut invs, &request.bytes, NOW).is_ok());
    let other = DeviceKeys::generate(&mut rng);
    let second = join_request(&other, &code, "y", &mut rng);
    assert_eq!(
        accept_join(&mut invs, &second.bytes, NOW),
        Err(EnrolError::Used)
    );
    // A code this table never issued.
    let stranger = Code::generate(&mut rng);
    let foreign = join_request(&other, &stranger, "z", &mut rng);
    assert_eq!(
        accept_join(&mut invs, &foreign.bytes, NOW),
        Err(EnrolError::Unknown)
    );
}

#[test]
fn a_welcome_needs_the_code_and_forged_files_are_refused() {
    let (mut rng, chair, joiner, code, mut invs) = setup();
    let request = join_request(&joiner, &code, "x", &mut rng);
    accept_join(&mut invs, &request.bytes, NOW).unwrap();
    let w = welcome(&chair, &invs[0], "Tafel", &mut rng);
    // Someone with the folder but not the code cannot read it, nor write one the joiner accepts.
    let guess = Code::generate(&mut rng);
    assert_eq!(read_welcome(&guess, &w.bytes), Err(EnrolError::Unknown));
    let mut forged = w.bytes.clone();
    let n = forged.len();
    forged[n / 2] ^= 0x40;
    assert_eq!(read_welcome(&code, &forged), Err(EnrolError::Malformed));
    assert_eq!(read_welcome(&code, b"garbage"), Err(EnrolError::Malformed));
    assert_eq!(
        accept_join(&mut invs, &vec![0u8; MAX_ENROL_BYTES + 1], NOW),
        Err(EnrolError::Malformed)
    );
    // A join request is not a welcome.
    assert_eq!(
        read_welcome(&code, &request.bytes),
        Err(EnrolError::Malformed)
    );
}

#[test]
fn a_refused_device_is_told_why() {
    let (mut rng, chair, joiner, code, mut invs) = setup();
    let first = join_request(&joiner, &code, "x", &mut rng);
    accept_join(&mut invs, &first.bytes, NOW).unwrap();
    let late = DeviceKeys::generate(&mut rng);
    let request = join_request(&late, &code, "y", &mut rng);
    let err = accept_join(&mut invs, &request.bytes, NOW).unwrap_err();
    let answer = refusal(&chair, &invs, &request.bytes, &err, &mut rng).expect("answer");
    assert!(answer.name.ends_with(".refused"));
    assert_eq!(
        read_refusal(&code, &late.id(), &answer.bytes),
        Ok(EnrolError::Used)
    );
    // Not about the first device, and not readable without the code.
    assert_eq!(
        read_refusal(&code, &joiner.id(), &answer.bytes),
        Err(EnrolError::Malformed)
    );
    let guess = Code::generate(&mut rng);
    assert!(read_refusal(&guess, &late.id(), &answer.bytes).is_err());
}
