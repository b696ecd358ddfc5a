//! The decision report: its content (decisions and actions of the meeting, none of the confidential
//! notes) and the PDF made of it, checked with poppler's pdftotext and rendered with pdftoppm into the
//! screenshot folder so a person can look at it.

use std::process::Command;

use casustafel_report::{render, report_data, Issued, Labels};

use casustafel_domain::meeting::{ActionDraft, MeetingAction, Presence};
use casustafel_domain::participant::{ParticipantDraft, Role};

const CANARY: &str = "KANARIE-nota-9c1f";
/// A decision as people write them: Flemish and French accents, an Arabic word, an emoji.
const DECISION: &str =
    "Spoor 3 met casusregisseur van het OCMW; geïnformeerd, ça va, élève. مرحبا 👍";
/// What of it the PDF shows as text: the emoji (no glyph in the embedded font) is marked.
const DECISION_LATIN: &str = "Spoor 3 met casusregisseur van het OCMW; geïnformeerd, ça va, élève.";

#[test]
fn the_report_content_holds_decisions_and_actions_and_never_the_notes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, meeting, case, org) =
        casustafel_tests::meeting_scenario(dir.path(), "rapport rapport rapport");
    let now = chrono::Utc::now();
    let today = now.date_naive();
    let table = s.list_tables().expect("tables")[0].id;
    let p = s
        .add_participant(
            table,
            &ParticipantDraft {
                name: "An Peeters".into(),
                organisation_id: Some(org),
                role: Some(Role::Member),
                protocol_signed_on: "01/01/2026".into(),
                protocol_version: "1".into(),
                active_from: "01/01/2026".into(),
                ..ParticipantDraft::default()
            },
        )
        .expect("participant");
    s.advance_meeting(meeting, MeetingAction::Open, now)
        .expect("open");
    s.set_attendance(meeting, p.id, Presence::Present, true, now)
        .expect("attendance");
    s.save_discussion(
        meeting,
        case,
        &format!("Gevoelige informatie van de CGG: {CANARY}"),
        DECISION,
        now,
    )
    .expect("notes");
    s.add_action(
        case,
        meeting,
        &ActionDraft {
            what: "Gesprek met de ouders plannen (België, ruziën)".into(),
            owner: Some(org),
            owner_person: "An".into(),
            due: casustafel_domain::format_date(today + chrono::Duration::days(7)),
            expected_feedback: "Kort verslag".into(),
        },
        today,
        now,
    )
    .expect("action");
    let report = s.meeting_report(meeting).expect("report");

    // What the report will print: decisions and actions; the notes have no place in it.
    assert_eq!(report.items.len(), 1);
    assert_eq!(report.items[0].decision, DECISION);
    assert_eq!(
        report.items[0].actions[0].what,
        "Gesprek met de ouders plannen (België, ruziën)"
    );
    assert_eq!(report.items[0].actions[0].owner, "CAW (An)");
    assert_eq!(
        report.attendance,
        vec![(
            "An Peeters".to_string(),
            "CAW".to_string(),
            Presence::Present
        )]
    );
    let json = serde_json::to_string(&report).expect("json");
    assert!(
        !json.contains(CANARY),
        "a confidential note reached the report content"
    );

    // The PDF: real text (checked with pdftotext), accents intact, and never the note.
    let mut labels = Labels {
        title: "Besluitenverslag".into(),
        confidential: "VERTROUWELIJK — gedeeld beroepsgeheim, art. 458ter Sw.".into(),
        draft: "ONTWERP — nog niet goedgekeurd".into(),
        issued_to: "Verstrekt aan".into(),
        issued_by: "door".into(),
        attendance: "Aanwezigheid".into(),
        decisions: "Besluiten en afspraken".into(),
        decision: "Besluit".into(),
        risk: "Risico".into(),
        track: "Spoor".into(),
        regisseur: "Casusregisseur".into(),
        next_review: "Volgende bespreking".into(),
        actions: "Afspraken".into(),
        no_actions: "Geen afspraken.".into(),
        owner: "Wie".into(),
        due: "Tegen".into(),
        feedback: "Terugkoppeling".into(),
        page: "Pagina".into(),
        ..Labels::default()
    };
    labels
        .terms
        .insert("presence-present".into(), "aanwezig".into());
    let mut data = report_data(
        &report,
        &labels,
        true,
        &Issued {
            recipient: "Deelnemers van het overleg".into(),
            on: "28/11/2026".into(),
            by: "Els Janssens".into(),
        },
    );
    data.table_name = format!("{} — coördinatie", report.table_name);
    let pdf = render(&data).expect("render");
    let path = dir.path().join("besluitenverslag.pdf");
    std::fs::write(&path, &pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext is installed (scripts/setup.sh: poppler-utils)");
    assert!(out.status.success(), "pdftotext failed");
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "Besluitenverslag",
        "VERTROUWELIJK — gedeeld beroepsgeheim, art. 458ter Sw.",
        "coördinatie",
        DECISION_LATIN,
        "Gesprek met de ouders plannen (België, ruziën)",
        "An Peeters (CAW)",
        "Pagina 1/1",
        "ONTWERP — nog niet goedgekeurd",
        "Verstrekt aan: Deelnemers van het overleg",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from the PDF text:\n{text}"
        );
    }
    assert!(
        !text.contains(CANARY),
        "a confidential note reached the PDF"
    );
    // The Arabic word is drawn joined (presentation forms) and right to left: read back in
    // logical order and folded to its base letters, it is the word as typed.
    use unicode_normalization::UnicodeNormalization;
    let folded: String = text.nfkc().collect();
    assert!(folded.contains("مرحبا"), "the Arabic word:\n{folded}");
    assert!(
        text.contains('\u{fffd}'),
        "the emoji is marked, not dropped:\n{text}"
    );
    // A picture of the first page, for a person to look at.
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .join("target/e2e-screenshots");
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "70", "-singlefile"])
        .arg(&path)
        .arg(shots.join("20-decision-report"))
        .status()
        .expect("pdftoppm is installed");
    assert!(status.success(), "pdftoppm failed");
}
