//! Multi-device sync through a shared folder, modelled in memory: 3–5 devices edit the same case
//! concurrently, see the folder only now and then (partitions), restart, and in the end all
//! converge to the same document with no acknowledged edit lost. A second case is shared with one
//! partner only: nobody else ever holds its key or its content, and its canary is in no byte of the
//! folder. The folder transport itself is a thin adapter; this tests the sync core end to end.

use std::collections::{BTreeMap, BTreeSet};

use casustafel_docs::{ActionDoc, CaseDoc, Document};
use casustafel_domain::participant::Role;
use casustafel_domain::{CaseId, OrganisationId, ParticipantId};
use casustafel_sync::{Access, DeviceKeys, DocRef, Engine, EngineState, Member, OutFile, Outcome};
use proptest::prelude::*;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use uuid::Uuid;

const CANARY: &str = "KANARIE-alleen-voor-partner-1";

struct Device {
    engine: Engine,
    secret: [u8; 64],
    docs: BTreeMap<DocRef, Document<CaseDoc>>,
    /// Written but not yet copied into the folder (the device is offline).
    outbox: Vec<OutFile>,
    /// Files dealt with for good, by name: a folder adapter reads each file once, not every scan.
    done: BTreeSet<String>,
    /// Action ids this device added and was told were saved.
    acknowledged: BTreeSet<String>,
}

/// The chair's device keeps the register: what it has dealt with of each member, it vouches for
/// in the table document (modelled here by the shared `access`), and only then do the others
/// apply it.
fn vouch(access: &mut Access, keeper: &Device) {
    for (device, m) in access.members.iter_mut() {
        m.settled = m.settled.max(keeper.engine.state().dealt_prefix(device));
    }
}

/// The one table these devices share.
const TABLE: casustafel_domain::TableId =
    casustafel_domain::TableId(uuid::Uuid::from_u128(0x7ab1e));

impl Device {
    fn new(rng: &mut ChaCha20Rng) -> Self {
        let keys = DeviceKeys::generate(rng);
        let secret = *keys.to_secret_bytes();
        Self {
            engine: Engine::new(keys, TABLE, EngineState::default()),
            secret,
            docs: BTreeMap::new(),
            outbox: Vec::new(),
            done: BTreeSet::new(),
            acknowledged: BTreeSet::new(),
        }
    }

    /// Copies its own files into the folder, then reads everything there.
    fn sync(&mut self, folder: &mut Vec<OutFile>, access: &Access) {
        folder.append(&mut self.outbox);
        for f in folder.iter() {
            if self.done.contains(&f.name) {
                continue;
            }
            let outcome = self.engine.receive(Some(&f.name), &f.bytes, access);
            if !matches!(outcome, Outcome::Waiting { .. } | Outcome::Opaque) {
                self.done.insert(f.name.clone());
            }
            match outcome {
                Outcome::Change { doc, bytes, .. } => {
                    let d = self.docs.entry(doc).or_insert_with(Document::empty);
                    d.apply_incremental(&bytes)
                        .expect("a member's change applies");
                }
                Outcome::SetAside(r) => panic!("a legitimate file was set aside: {r}"),
                _ => {}
            }
        }
    }

    fn add_action(&mut self, doc: DocRef, what: String, rng: &mut ChaCha20Rng) {
        let Some(d) = self.docs.get_mut(&doc) else {
            return;
        };
        if d.value().is_err() {
            return; // the document's first change has not arrived yet
        }
        let id = Uuid::from_u128(rand_u128(rng)).to_string();
        let (_, change) = d
            .edit_for_sync(|c| {
                c.actions.insert(
                    id.clone(),
                    ActionDoc {
                        what,
                        ..ActionDoc::default()
                    },
                );
            })
            .expect("edit");
        let file = self
            .engine
            .seal_change(doc, &change, rng)
            .expect("a reader holds the key");
        self.outbox.push(file);
        self.acknowledged.insert(id);
    }

    fn type_notes(&mut self, doc: DocRef, text: &str, rng: &mut ChaCha20Rng) {
        let Some(d) = self.docs.get_mut(&doc) else {
            return;
        };
        if d.value().is_err() {
            return;
        }
        let (_, change) = d
            .edit_for_sync(|c| {
                let disc = c.discussions.entry("m1".into()).or_default();
                let mut t = disc.notes.as_str().to_string();
                t.push_str(text);
                casustafel_docs::set_text(&mut disc.notes, &t);
            })
            .expect("edit");
        if let Some(file) = self.engine.seal_change(doc, &change, rng) {
            self.outbox.push(file);
        }
    }

    /// Closes and reopens: the engine from its saved state, documents from their saved bytes.
    fn restart(&mut self) {
        let state = self.engine.state().clone();
        self.engine = Engine::new(DeviceKeys::from_secret_bytes(&self.secret), TABLE, state);
        for d in self.docs.values_mut() {
            let bytes = d.save();
            *d = if bytes.is_empty() {
                Document::empty()
            } else {
                Document::load(&bytes).unwrap_or_else(|_| {
                    // A document still waiting for its first change saves without a shape.
                    let mut e = Document::empty();
                    e.apply_incremental(&bytes).expect("own bytes");
                    e
                })
            };
        }
    }
}

fn rand_u128(rng: &mut ChaCha20Rng) -> u128 {
    use rand_chacha::rand_core::RngCore;
    (u128::from(rng.next_u64()) << 64) | u128::from(rng.next_u64())
}

#[derive(Debug, Clone)]
enum Op {
    Add(usize),
    Type(usize, String),
    Sync(usize),
    Restart(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0usize..5).prop_map(Op::Add),
        2 => (0usize..5, "[a-z ]{1,6}").prop_map(|(d, t)| Op::Type(d, t)),
        3 => (0usize..5).prop_map(Op::Sync),
        1 => (0usize..5).prop_map(Op::Restart),
    ]
}

fn member(org: u128, role: Role) -> Member {
    Member {
        participant: ParticipantId(Uuid::from_u128(1000 + org)),
        organisation: OrganisationId(Uuid::from_u128(org)),
        role,
        cases: vec![],
        removed: false,
        settled: 0,
    }
}

fn run(n: usize, ops: Vec<Op>, seed: u64) -> Result<(), TestCaseError> {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let mut devices: Vec<Device> = (0..n).map(|_| Device::new(&mut rng)).collect();
    let shared = CaseId(Uuid::from_u128(1));
    let secret = CaseId(Uuid::from_u128(2));
    let (a, b) = (DocRef::Case(shared), DocRef::Case(secret));
    let mut access = Access {
        keeper: Some(devices[0].engine.id()),
        ..Access::default()
    };
    for (i, d) in devices.iter().enumerate() {
        let role = if i == 0 { Role::Chair } else { Role::Member };
        access
            .members
            .insert(d.engine.id(), member(i as u128, role));
    }
    access.case_partners.insert(
        shared,
        (0..n as u128)
            .map(|o| OrganisationId(Uuid::from_u128(o)))
            .collect(),
    );
    access
        .case_partners
        .insert(secret, vec![OrganisationId(Uuid::from_u128(1))]);

    // The chair opens both cases: keys for their readers, and the first change of each document.
    let mut folder: Vec<OutFile> = Vec::new();
    {
        let chair = &mut devices[0];
        // The table document's key first: the routing key of every file's box.
        let grants = chair.engine.rotate(DocRef::Table(TABLE), &access, &mut rng);
        chair.outbox.extend(grants);
        for (doc, case) in [(a, shared), (b, secret)] {
            let grants = chair.engine.rotate(doc, &access, &mut rng);
            chair.outbox.extend(grants);
            let mut d = Document::new(&CaseDoc {
                case_id: case.to_string(),
                ..CaseDoc::default()
            })
            .expect("new");
            let first = d.save_incremental();
            let f = chair
                .engine
                .seal_change(doc, &first, &mut rng)
                .expect("key");
            chair.outbox.push(f);
            chair.docs.insert(doc, d);
        }
        let canary = CANARY.to_string();
        chair.type_notes(b, &canary, &mut rng);
    }

    for (step, op) in ops.into_iter().enumerate() {
        match op {
            Op::Add(d) => {
                let d = d % n;
                devices[d].add_action(a, format!("afspraak {step} van toestel {d}"), &mut rng)
            }
            Op::Type(d, t) => devices[d % n].type_notes(a, &t, &mut rng),
            Op::Sync(d) => {
                devices[d % n].sync(&mut folder, &access);
                if d % n == 0 {
                    vouch(&mut access, &devices[0]);
                }
            }
            Op::Restart(d) => devices[d % n].restart(),
        }
    }
    // Everyone comes online, twice round so that every answer is seen.
    for _ in 0..2 {
        for i in 0..n {
            devices[i].sync(&mut folder, &access);
            if i == 0 {
                vouch(&mut access, &devices[0]);
            }
        }
    }

    let all_acknowledged: BTreeSet<String> = devices
        .iter()
        .flat_map(|d| d.acknowledged.iter().cloned())
        .collect();
    let reference = devices[0]
        .docs
        .get_mut(&a)
        .expect("chair has the case")
        .heads();
    for (i, d) in devices.iter_mut().enumerate() {
        let doc = d.docs.get_mut(&a).expect("every partner has the case");
        prop_assert_eq!(doc.heads(), reference.clone(), "device {} differs", i);
        let value = doc.value().expect("readable");
        let missing: Vec<_> = all_acknowledged
            .iter()
            .filter(|id| !value.actions.contains_key(*id))
            .collect();
        prop_assert!(missing.is_empty(), "device {} lost {:?}", i, missing);
        // Need to know: the second case is the chair's and partner 1's only.
        let has_secret = d.docs.contains_key(&b);
        prop_assert_eq!(has_secret, i <= 1, "device {} and the secret case", i);
        prop_assert_eq!(d.engine.has_key(b), i <= 1);
    }
    let notes = devices[1]
        .docs
        .get(&b)
        .expect("partner 1")
        .value()
        .expect("value");
    prop_assert!(notes.discussions["m1"].notes.as_str().contains(CANARY));
    for f in &folder {
        prop_assert!(
            !f.bytes
                .windows(CANARY.len())
                .any(|w| w == CANARY.as_bytes()),
            "the canary is readable in the folder file {}",
            f.name
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("SYNC_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    #[test]
    fn devices_converge_with_no_acknowledged_edit_lost(
        n in 3usize..=5,
        ops in proptest::collection::vec(op(), 1..40),
        seed in any::<u64>(),
    ) {
        run(n, ops, seed)?;
    }
}
