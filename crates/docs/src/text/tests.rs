use proptest::prelude::*;
use similar::{Algorithm, DiffOp, TextDiff};

use super::set_text;
use crate::strategies::{edit, edited_text, text, Edit};
use crate::{CaseDoc, Document, MeetingDoc};

fn case_doc() -> Document<CaseDoc> {
    Document::new(&CaseDoc {
        case_id: "case-1".into(),
        ..CaseDoc::default()
    })
    .unwrap()
}

fn notes(doc: &Document<CaseDoc>) -> String {
    doc.value().unwrap().discussions["m1"]
        .notes
        .as_str()
        .to_string()
}

fn set_notes(doc: &mut Document<CaseDoc>, value: &str) {
    doc.edit(|c| {
        set_text(
            &mut c.discussions.entry("m1".into()).or_default().notes,
            value,
        )
    })
    .unwrap();
}

/// The failing scenario of the issue, typed key by key as the screen sends it (the whole text
/// after each key), with a save and a reload now and then.
#[test]
fn accented_text_typed_key_by_key_saves() {
    let typed =
        "Gewone tekst. Het kind is geïnformeerd, café élève. مرحبا 👋🏽 ruziën, garçon, œuvre.";
    let mut doc = case_doc();
    let mut so_far = String::new();
    for (i, c) in typed.chars().enumerate() {
        so_far.push(c);
        set_notes(&mut doc, &so_far);
        if i % 7 == 0 {
            doc = Document::load(&doc.save()).unwrap();
        }
        assert_eq!(notes(&doc), so_far);
    }
    // Deleting back over the accents, one character at a time (backspace).
    while so_far.pop().is_some() {
        set_notes(&mut doc, &so_far);
        assert_eq!(notes(&doc), so_far);
    }
}

#[test]
fn decision_and_general_notes_take_any_text_too() {
    let mut doc = case_doc();
    doc.edit(|c| {
        let d = c.discussions.entry("m1".into()).or_default();
        set_text(&mut d.decision, "Café: élève geïnformeerd.");
        set_text(&mut d.decision, "Café: de élève is geïnformeerd 🇧🇪 (שלום).");
    })
    .unwrap();
    let doc = Document::<CaseDoc>::load(&doc.save()).unwrap();
    assert_eq!(
        doc.value().unwrap().discussions["m1"].decision.as_str(),
        "Café: de élève is geïnformeerd 🇧🇪 (שלום)."
    );
    let mut meeting = Document::new(&MeetingDoc::default()).unwrap();
    meeting
        .edit(|m| set_text(&mut m.general_notes, "Thema: ruziën in de wijk"))
        .unwrap();
    meeting
        .edit(|m| {
            set_text(
                &mut m.general_notes,
                "Thema: ruziën in de wijk — 中文, مرحبا\r\nOK",
            )
        })
        .unwrap();
    let meeting = Document::<MeetingDoc>::load(&meeting.save()).unwrap();
    assert_eq!(
        meeting.value().unwrap().general_notes.as_str(),
        "Thema: ruziën in de wijk — 中文, مرحبا\r\nOK"
    );
}

/// Two devices accent the same letter at once: with a per-character diff each adds its accent,
/// and the letter is not duplicated (a per-grapheme diff replaced the letter on both sides).
#[test]
fn concurrent_combining_marks_do_not_duplicate_the_letter() {
    let mut a = case_doc();
    set_notes(&mut a, "cafe");
    let mut b = a.fork();
    set_notes(&mut a, "cafe\u{301}");
    set_notes(&mut b, "cafe\u{308}");
    a.merge(&mut b).unwrap();
    let merged = notes(&a);
    assert_eq!(
        merged.chars().filter(|c| *c == 'e').count(),
        1,
        "{merged:?}"
    );
    assert_eq!(merged.chars().count(), 6);
}

/// What `set_text` will record for `old` → `new`: the characters of `old` it keeps and the
/// characters it inserts (the same diff, recomputed).
fn kept_and_inserted(old: &str, new: &str) -> (Vec<bool>, Vec<char>) {
    let old_chars: Vec<char> = old.chars().collect();
    let new_chars: Vec<char> = new.chars().collect();
    let mut kept = vec![false; old_chars.len()];
    let mut inserted = Vec::new();
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_chars(old, new);
    for op in diff.ops() {
        match *op {
            DiffOp::Equal { old_index, len, .. } => kept[old_index..old_index + len].fill(true),
            DiffOp::Delete { .. } => {}
            DiffOp::Insert { .. } | DiffOp::Replace { .. } => {
                inserted.extend(&new_chars[op.new_range()])
            }
        }
    }
    (kept, inserted)
}

fn is_subsequence(needle: &[char], hay: &[char]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|c| it.any(|h| h == c))
}

fn sorted(mut v: Vec<char>) -> Vec<char> {
    v.sort_unstable();
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
    ))]

    /// Random edits of random text, each saved (a full save or an incremental one, then loaded
    /// again), always read back exactly — in every prose field.
    #[test]
    fn edits_of_any_text_read_back_exactly((start, edits) in edited_text(), field in 0..3usize) {
        let mut doc = case_doc();
        let mut expected = start;
        let set = |doc: &mut Document<CaseDoc>, v: &str| {
            doc.edit(|c| {
                let d = c.discussions.entry("m1".into()).or_default();
                match field {
                    0 => set_text(&mut d.notes, v),
                    1 => set_text(&mut d.decision, v),
                    _ => set_text(&mut d.notes, v), // through the meeting document below
                }
            }).unwrap();
        };
        let mut meeting = Document::new(&MeetingDoc::default()).unwrap();
        let mut saved = doc.save();
        let mut saved_meeting = meeting.save();
        let read = |doc: &Document<CaseDoc>, meeting: &Document<MeetingDoc>| match field {
            0 => doc.value().unwrap().discussions.get("m1").map(|d| d.notes.as_str().to_string()),
            1 => doc.value().unwrap().discussions.get("m1").map(|d| d.decision.as_str().to_string()),
            _ => Some(meeting.value().unwrap().general_notes.as_str().to_string()),
        };
        for (i, e) in std::iter::once(Edit { at: 0.0, delete: 0, insert: String::new() })
            .chain(edits)
            .enumerate()
        {
            expected = e.apply(&expected);
            if field == 2 {
                meeting.edit(|m| set_text(&mut m.general_notes, &expected)).unwrap();
            } else {
                set(&mut doc, &expected);
            }
            if i % 2 == 0 {
                doc = Document::load(&doc.save()).unwrap();
                meeting = Document::load(&meeting.save()).unwrap();
            } else {
                saved.extend(doc.save_incremental());
                saved_meeting.extend(meeting.save_incremental());
                let mut d = Document::<CaseDoc>::load(&saved).unwrap();
                d.apply_incremental(&[]).unwrap();
                doc = d;
                meeting = Document::load(&saved_meeting).unwrap();
            }
            prop_assert_eq!(read(&doc, &meeting), Some(expected.clone()));
        }
    }

    /// Two devices edit the same text at once and merge (both ways): they agree, every character
    /// either inserted is there in its order, every character both kept is there in its order,
    /// and nothing else.
    #[test]
    fn concurrent_edits_of_any_text_lose_nothing(
        start in text(8), a_edits in proptest::collection::vec(edit(), 1..4),
        b_edits in proptest::collection::vec(edit(), 1..4),
    ) {
        let mut a = case_doc();
        set_notes(&mut a, &start);
        let mut b = Document::<CaseDoc>::load(&a.save()).unwrap();
        let mut b = b.fork();
        let a_text = a_edits.iter().fold(start.clone(), |s, e| e.apply(&s));
        let b_text = b_edits.iter().fold(start.clone(), |s, e| e.apply(&s));
        set_notes(&mut a, &a_text);
        set_notes(&mut b, &b_text);
        let mut a2 = a.fork();
        a.merge(&mut b).unwrap();
        b.merge(&mut a2).unwrap();
        let merged = notes(&a);
        prop_assert_eq!(&notes(&b), &merged);

        let (a_kept, a_ins) = kept_and_inserted(&start, &a_text);
        let (b_kept, b_ins) = kept_and_inserted(&start, &b_text);
        let both_kept: Vec<char> = start
            .chars()
            .enumerate()
            .filter(|(i, _)| a_kept[*i] && b_kept[*i])
            .map(|(_, c)| c)
            .collect();
        let m: Vec<char> = merged.chars().collect();
        prop_assert!(is_subsequence(&a_ins, &m), "A's insertions lost in {:?}", merged);
        prop_assert!(is_subsequence(&b_ins, &m), "B's insertions lost in {:?}", merged);
        prop_assert!(is_subsequence(&both_kept, &m), "kept text lost in {:?}", merged);
        let mut expected = both_kept.clone();
        expected.extend(&a_ins);
        expected.extend(&b_ins);
        prop_assert_eq!(sorted(m), sorted(expected), "merged {:?}", merged);
    }
}
