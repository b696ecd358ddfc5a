use super::*;
use crate::{DocError, Document};
use proptest::prelude::*;

fn action(meeting: &str, what: &str) -> ActionDoc {
    ActionDoc {
        meeting_id: meeting.into(),
        what: what.into(),
        owner: "org-1".into(),
        due: "2026-12-15".into(),
        status: "open".into(),
        ..ActionDoc::default()
    }
}

fn new_doc() -> Document<CaseDoc> {
    Document::new(&CaseDoc {
        case_id: "case-1".into(),
        ..CaseDoc::default()
    })
    .unwrap()
}

#[test]
fn save_load_and_incremental_round_trip() {
    let mut doc = new_doc();
    let base = doc.save();
    doc.edit(|c| {
        c.actions.insert("a1".into(), action("m1", "Huisbezoek"));
        c.discussions.entry("m1".into()).or_default().notes = Text::with_value("Vertrouwelijk");
    })
    .unwrap();
    let delta = doc.save_incremental();
    let mut other = Document::<CaseDoc>::load(&base).unwrap();
    other.apply_incremental(&delta).unwrap();
    assert_eq!(other.value().unwrap(), doc.value().unwrap());
    let full = doc.save();
    assert_eq!(
        Document::<CaseDoc>::load(&full).unwrap().value().unwrap(),
        doc.value().unwrap()
    );
}

#[test]
fn concurrent_notes_merge_character_by_character() {
    let mut a = new_doc();
    a.edit(|c| {
        c.discussions.entry("m1".into()).or_default().notes = Text::with_value("Eerste zin.");
    })
    .unwrap();
    let mut b = a.fork();
    a.edit(|c| {
        let n = &mut c.discussions.get_mut("m1").unwrap().notes;
        n.splice(0, 0, "A: ");
    })
    .unwrap();
    b.edit(|c| {
        let n = &mut c.discussions.get_mut("m1").unwrap().notes;
        let len = n.as_str().len();
        n.splice(len, 0, " B erbij.");
    })
    .unwrap();
    a.merge(&mut b).unwrap();
    let notes = a.value().unwrap().discussions["m1"]
        .notes
        .as_str()
        .to_string();
    assert_eq!(notes, "A: Eerste zin. B erbij.");
}

#[test]
fn hostile_bytes_are_refused_and_change_nothing() {
    let mut doc = new_doc();
    let before = doc.value().unwrap();
    for bad in [
        &b""[..],
        b"garbage",
        &[0x85, 0x6f, 0x4a, 0x83, 0xff, 0xff, 0xff][..],
    ] {
        assert!(Document::<CaseDoc>::load(bad).is_err());
        let _ = doc.apply_incremental(bad);
        assert_eq!(doc.value().unwrap(), before);
    }
    assert!(matches!(
        Document::<CaseDoc>::load(&vec![0u8; crate::document::MAX_DOC_BYTES + 1]),
        Err(DocError::TooLarge)
    ));
}

#[derive(Debug, Clone)]
enum Op {
    AddAction {
        device: usize,
        n: u16,
    },
    SetStatus {
        device: usize,
        pick: usize,
        status: usize,
    },
    AddNote {
        device: usize,
        pick: usize,
        n: u16,
    },
    Notes {
        device: usize,
        text: String,
    },
    Sync {
        from: usize,
        to: usize,
    },
}

fn op(devices: usize) -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..devices, any::<u16>()).prop_map(|(device, n)| Op::AddAction { device, n }),
        (0..devices, any::<usize>(), 0usize..4).prop_map(|(device, pick, status)| Op::SetStatus {
            device,
            pick,
            status
        }),
        (0..devices, any::<usize>(), any::<u16>()).prop_map(|(device, pick, n)| Op::AddNote {
            device,
            pick,
            n
        }),
        (0..devices, "[a-z ]{0,12}").prop_map(|(device, text)| Op::Notes { device, text }),
        (0..devices, 0..devices).prop_map(|(from, to)| Op::Sync { from, to }),
    ]
}

const STATUSES: [&str; 4] = ["open", "in_progress", "done", "cancelled"];

fn pair(
    devices: &mut [Document<CaseDoc>],
    to: usize,
    from: usize,
) -> (&mut Document<CaseDoc>, &mut Document<CaseDoc>) {
    if from < to {
        let (l, r) = devices.split_at_mut(to);
        (&mut r[0], &mut l[from])
    } else {
        let (l, r) = devices.split_at_mut(from);
        (&mut l[to], &mut r[0])
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
    ))]

    /// Three devices edit one case document concurrently, syncing now and then. After everyone has
    /// everyone's changes they hold the same document, and no action or progress note any device
    /// added is missing.
    #[test]
    fn devices_converge_and_lose_no_addition(ops in proptest::collection::vec(op(3), 1..40)) {
        let mut origin = new_doc();
        let mut devices: Vec<Document<CaseDoc>> = (0..3).map(|_| origin.fork()).collect();
        let mut added_actions = std::collections::BTreeSet::new();
        let mut added_notes = std::collections::BTreeSet::new();
        for (i, op) in ops.into_iter().enumerate() {
            match op {
                Op::AddAction { device, n } => {
                    let id = format!("a{device}-{i}-{n}");
                    added_actions.insert(id.clone());
                    devices[device].edit(|c| { c.actions.insert(id, action("m1", "iets")); }).unwrap();
                }
                Op::SetStatus { device, pick, status } => {
                    devices[device].edit(|c| {
                        let ids: Vec<String> = c.actions.keys().cloned().collect();
                        if !ids.is_empty() {
                            let id = &ids[pick % ids.len()];
                            c.actions.get_mut(id).unwrap().status = STATUSES[status].into();
                        }
                    }).unwrap();
                }
                Op::AddNote { device, pick, n } => {
                    let note = format!("n{device}-{i}-{n}");
                    let added = devices[device].edit(|c| {
                        let ids: Vec<String> = c.actions.keys().cloned().collect();
                        if ids.is_empty() { return None; }
                        let id = ids[pick % ids.len()].clone();
                        c.actions.get_mut(&id).unwrap().progress.insert(note.clone(), ProgressNote {
                            at: "2026-11-28T10:00:00Z".into(), by: format!("d{device}"), text: "ok".into(),
                        });
                        Some((id, note))
                    }).unwrap();
                    if let Some(x) = added { added_notes.insert(x); }
                }
                Op::Notes { device, text } => {
                    devices[device].edit(|c| {
                        let d = c.discussions.entry("m1".into()).or_default();
                        let len = d.notes.as_str().len();
                        d.notes.splice(len, 0, &text);
                    }).unwrap();
                }
                Op::Sync { from, to } if from != to => {
                    let (a, b) = pair(&mut devices, to, from);
                    a.merge(b).unwrap();
                }
                Op::Sync { .. } => {}
            }
        }
        // Everyone meets everyone.
        for _ in 0..2 {
            for i in 0..3 {
                for j in 0..3 {
                    if i != j {
                        let (a, b) = pair(&mut devices, i, j);
                        a.merge(b).unwrap();
                    }
                }
            }
        }
        let first = devices[0].value().unwrap();
        let heads = devices[0].heads();
        for d in devices.iter_mut().skip(1) {
            prop_assert_eq!(d.heads(), heads.clone());
            prop_assert_eq!(d.value().unwrap(), first.clone());
        }
        for id in &added_actions {
            prop_assert!(first.actions.contains_key(id), "action {} lost", id);
        }
        for (action, note) in &added_notes {
            prop_assert!(first.actions[action].progress.contains_key(note), "note {} lost", note);
        }
    }

    /// Whatever the bytes, loading never panics and a refused change alters nothing.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = Document::<CaseDoc>::load(&bytes);
        let mut doc = new_doc();
        let before = doc.value().unwrap();
        if doc.apply_incremental(&bytes).is_err() {
            prop_assert_eq!(doc.value().unwrap(), before);
        }
    }
}
