//! Any text people type — Flemish and French accents, combining marks, emoji, right-to-left
//! words, CJK, every line ending — is saved by the store exactly as typed, in every free-text
//! field kept in a document, survives closing and reopening the profile, and reaches other
//! devices unchanged. The generator is the documents' own (`casustafel_docs::strategies`).

use casustafel_docs::strategies::{edited_text, text};
use casustafel_domain::meeting::{ActionDraft, ActionStatus};
use casustafel_store::{Profile, Store};
use casustafel_tests::{
    action_notes, add_progress_note, meeting_scenario, sync_rounds, SharedCase,
};
use proptest::prelude::*;

const PASS: &str = "tekst-test-passphrase";

fn cases() -> u32 {
    std::env::var("TEXT_STORE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

/// The scenario through the store: plain text, then accented text, then more.
#[test]
fn accented_notes_save_one_after_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, meeting, case, _) = meeting_scenario(dir.path(), PASS);
    let now = chrono::Utc::now();
    let mut typed = String::new();
    for part in [
        "Gewone tekst. ",
        "Het kind is geïnformeerd, café élève. ",
        "مرحبا 👋 ",
        "ruziën, garçon, œuvre.",
    ] {
        for c in part.chars() {
            typed.push(c);
            s.save_discussion(meeting, case, &typed, "Besluit: café", now)
                .expect("saved");
        }
        assert_eq!(s.discussion(meeting, case).unwrap().0, typed);
    }
    drop(s);
    let s = Profile::new(dir.path()).unlock(PASS).unwrap();
    assert_eq!(
        s.discussion(meeting, case).unwrap(),
        (typed, "Besluit: café".to_string())
    );
}

fn reopen(s: Store, dir: &std::path::Path) -> Store {
    drop(s);
    Profile::new(dir).unlock(PASS).expect("unlock")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Random edits of random text in the notes, the decision and the general notes, each saved
    /// as the screen saves it (the whole new text), read back exactly after every save and after
    /// reopening the profile; progress notes and an action's text with any characters too.
    #[test]
    fn every_text_field_reads_back_exactly(
        (start, edits) in edited_text(),
        (general, general_edits) in edited_text(),
        note in text(6),
        what in text(6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, meeting, case, org) = meeting_scenario(dir.path(), PASS);
        let now = chrono::Utc::now();
        let (mut notes, mut decision, mut gen) = (start.clone(), start, general);
        for (i, e) in edits.iter().enumerate() {
            notes = e.apply(&notes);
            decision = edits[edits.len() - 1 - i].apply(&decision);
            s.save_discussion(meeting, case, &notes, &decision, now).expect("discussion");
            if let Some(g) = general_edits.get(i) {
                gen = g.apply(&gen);
            }
            s.save_general_notes(meeting, &gen, now).expect("general notes");
            prop_assert_eq!(s.discussion(meeting, case).unwrap(), (notes.clone(), decision.clone()));
            prop_assert_eq!(&s.meeting_document(meeting).unwrap().general_notes.as_str().to_string(), &gen);
            if i % 3 == 2 {
                s = reopen(s, dir.path());
            }
        }
        // An action and a progress note: trimmed, as every single-line field is, otherwise exact.
        let what = format!("Huisbezoek {what}");
        let action = s.add_action(case, meeting, &ActionDraft {
            what: what.clone(),
            owner: Some(org),
            owner_person: "Élodie Açar".into(),
            due: casustafel_domain::format_date(now.date_naive()),
            expected_feedback: "Terugkoppeling: ça va 👍".into(),
        }, now.date_naive(), now).expect("action").id;
        let note = format!("Gesprek gehad: {note}");
        s.update_action(action, ActionStatus::InProgress, &note, now).expect("progress");
        s = reopen(s, dir.path());
        prop_assert_eq!(s.discussion(meeting, case).unwrap(), (notes, decision));
        prop_assert_eq!(&s.meeting_document(meeting).unwrap().general_notes.as_str().to_string(), &gen);
        let doc = s.case_document(case).unwrap().expect("case document");
        let a = &doc.actions[&action.to_string()];
        prop_assert_eq!(&a.what, what.trim());
        prop_assert_eq!(&a.owner_person, "Élodie Açar");
        prop_assert_eq!(&a.expected_feedback, "Terugkoppeling: ça va 👍");
        prop_assert_eq!(action_notes(&s, case, action), [note.trim().to_string()].into());
        // As the screen lists them under the action.
        let shown: Vec<String> = s.action_progress(action).unwrap().into_iter().map(|n| n.text).collect();
        prop_assert_eq!(shown, vec![note.trim().to_string()]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases().div_ceil(6)))]

    /// The chair types notes while the CAW partner adds progress notes on its device; after they
    /// sync, both hold every character of both, in both directions, unchanged.
    #[test]
    fn text_from_two_devices_arrives_unchanged((start, edits) in edited_text(), caw_note in text(6), chair_note in text(6)) {
        let shared = SharedCase::new(PASS);
        let now = chrono::Utc::now();
        let open = |i: usize| Profile::new(&shared.dirs[i]).unlock(PASS).expect("unlock");
        let mut chair = open(0);
        let meeting = casustafel_tests::open_meeting_today(&mut chair, shared.table, now);
        let mut notes = start;
        for e in &edits {
            notes = e.apply(&notes);
            chair.save_discussion(meeting, shared.case, &notes, "Café-besluit", now).expect("save");
        }
        let chair_note = format!("Voorzitter: {chair_note}");
        add_progress_note(&mut chair, shared.action, &chair_note, now);
        let mut caw = open(1);
        let caw_note = format!("CAW: {caw_note} — geïnformeerd");
        add_progress_note(&mut caw, shared.action, &caw_note, now);
        let mut stores = [chair, caw];
        sync_rounds(&mut stores, 3, now);
        let expected: std::collections::BTreeSet<String> =
            [chair_note.trim().to_string(), caw_note.trim().to_string()].into();
        for s in &stores {
            prop_assert_eq!(action_notes(s, shared.case, shared.action), expected.clone());
            let doc = s.case_document(shared.case).unwrap().expect("doc");
            let d = &doc.discussions[&meeting.to_string()];
            prop_assert_eq!(d.notes.as_str(), notes.as_str());
            prop_assert_eq!(d.decision.as_str(), "Café-besluit");
        }
    }
}
