//! The content of the decision report: the decisions and actions of the meeting, and none of the
//! confidential discussion notes. (Rendering it to PDF is the next step.)

use casustafel_domain::meeting::{ActionDraft, MeetingAction, Presence};
use casustafel_domain::participant::{ParticipantDraft, Role};

const CANARY: &str = "KANARIE-nota-9c1f";

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
        "Spoor 3 met casusregisseur van het OCMW.",
        now,
    )
    .expect("notes");
    s.add_action(
        case,
        meeting,
        &ActionDraft {
            what: "Gesprek met de ouders plannen".into(),
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
    assert_eq!(
        report.items[0].decision,
        "Spoor 3 met casusregisseur van het OCMW."
    );
    assert_eq!(
        report.items[0].actions[0].what,
        "Gesprek met de ouders plannen"
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
}
