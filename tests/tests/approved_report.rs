//! An approved report and a late edit. The chair's store freezes a meeting's record once its report
//! is approved, but a change made on a device that had not seen the approval yet (or by a tampered
//! app of someone who runs the table) still reaches the record on receipt: every device must decide
//! the same, and whether the approval arrived first differs between them. So approving keeps the
//! record the report showed, and the report prints a later change under it as an amendment — the
//! same on every device, in the window's print view and in the PDF.

use casustafel_domain::agenda::AgendaEdit;
use casustafel_domain::meeting::{ActionDraft, MeetingAction};
use casustafel_report::{render, report_data, Issued, Labels};
use casustafel_store::{Profile, Store};
use casustafel_tests::{open_meeting_today, sync_rounds, SharedCase};

const PASS: &str = "een lange proefzin voor het verslag";
const APPROVED: &str = "Huisbezoek door de wijkagent; geïnformeerd, ça va 👍 مرحبا";
const LATE: &str = "Later gewijzigd: twee huisbezoeken, één met het CAW";

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

fn open(shared: &SharedCase, i: usize) -> Store {
    Profile::new(&shared.dirs[i]).unlock(PASS).expect("unlock")
}

/// A meeting today with case 001 on its agenda, its decision and one action written, held and its
/// report approved by the chair; synced to all three devices.
fn approved_meeting(shared: &SharedCase, stores: &mut [Store; 3]) -> casustafel_domain::MeetingId {
    let chair = &mut stores[0];
    let meeting = open_meeting_today(chair, shared.table, now());
    let on_agenda = chair
        .meeting_view(meeting)
        .expect("view")
        .agenda
        .iter()
        .any(|e| e.case_id == Some(shared.case));
    if !on_agenda {
        chair
            .edit_agenda(meeting, &AgendaEdit::AddCase { case: shared.case }, now())
            .expect("on the agenda");
    }
    chair
        .save_discussion(meeting, shared.case, "Vertrouwelijk", APPROVED, now())
        .expect("decision");
    let caw = casustafel_tests::organisation(chair, "CAW");
    let today = now().date_naive();
    chair
        .add_action(
            shared.case,
            meeting,
            &ActionDraft {
                what: "Gesprek met de ouders".into(),
                owner: Some(caw),
                owner_person: String::new(),
                due: casustafel_domain::format_date(today + chrono::Duration::days(14)),
                expected_feedback: String::new(),
            },
            today,
            now(),
        )
        .expect("action");
    chair
        .advance_meeting(meeting, MeetingAction::Close, now())
        .expect("close");
    chair
        .advance_meeting(meeting, MeetingAction::ApproveReport, now())
        .expect("approve");
    sync_rounds(stores, 2, now());
    meeting
}

fn item_of(
    store: &Store,
    meeting: casustafel_domain::MeetingId,
) -> casustafel_domain::meeting::ReportCase {
    let report = store.meeting_report(meeting).expect("report");
    assert_eq!(report.items.len(), 1, "case 001 alone is on the agenda");
    report.items.into_iter().next().expect("item")
}

#[test]
fn a_late_edit_of_an_approved_record_is_reported_as_an_amendment_on_every_device() {
    let shared = SharedCase::new(PASS);
    let mut stores = [open(&shared, 0), open(&shared, 1), open(&shared, 2)];
    let meeting = approved_meeting(&shared, &mut stores);
    for (i, s) in stores.iter().enumerate() {
        let item = item_of(s, meeting);
        assert_eq!(item.decision, APPROVED, "device {i}: the approved decision");
        assert_eq!(item.actions.len(), 1);
        assert!(item.amendment.is_none(), "device {i}: nothing changed yet");
    }

    // The late edit: written as a device that runs the table and had not seen the approval would
    // (a tampered app on the chair's laptop writes the same bytes), then synced.
    stores[0]
        .forge_case_edit(
            shared.case,
            |d| {
                let d = d
                    .discussions
                    .get_mut(&meeting.to_string())
                    .expect("discussed");
                casustafel_docs::set_text(&mut d.decision, LATE);
                d.risk = Some("red".into());
            },
            now(),
        )
        .expect("late edit");
    sync_rounds(&mut stores, 2, now());

    for (i, s) in stores.iter().enumerate() {
        let item = item_of(s, meeting);
        assert_eq!(
            item.decision, APPROVED,
            "device {i}: what was approved stays"
        );
        assert!(item.risk.is_none(), "device {i}: no risk was approved");
        let amended = item
            .amendment
            .as_deref()
            .expect("the later record, as an amendment");
        assert_eq!(amended.decision, LATE, "device {i}");
        assert_eq!(
            amended.risk,
            Some(casustafel_domain::case::RiskLevel::Red),
            "device {i}"
        );
        assert_eq!(amended.actions, item.actions, "the action did not change");
    }

    // The PDF prints both, the amendment under its heading.
    let labels = Labels {
        decision: "Besluit".into(),
        amended: "Gewijzigd na goedkeuring van het verslag".into(),
        ..Labels::default()
    };
    let data = report_data(
        &stores[1].meeting_report(meeting).expect("report"),
        &labels,
        false,
        &Issued::default(),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("verslag.pdf");
    std::fs::write(&path, render(&data).expect("render")).expect("write");
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext is installed (scripts/setup.sh: poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout);
    let approved_at = text
        .find("Huisbezoek door de wijkagent")
        .expect("approved decision");
    let heading_at = text
        .find("Gewijzigd na goedkeuring van het verslag")
        .expect("the amendment's heading");
    let late_at = text.find(LATE).expect("the later decision");
    assert!(
        approved_at < heading_at && heading_at < late_at,
        "approved, then the heading, then the change:\n{text}"
    );
}

/// The record kept at approval is the register's: a partner's tampered app that rewrites it is
/// refused on receipt, so the report keeps saying what the table approved.
#[test]
fn a_partner_cannot_rewrite_what_was_approved() {
    let shared = SharedCase::new(PASS);
    let mut stores = [open(&shared, 0), open(&shared, 1), open(&shared, 2)];
    let meeting = approved_meeting(&shared, &mut stores);
    stores[1]
        .forge_meeting_edit(
            meeting,
            |m| {
                for r in m.approved.values_mut() {
                    r.decision = "Nooit zo beslist".into();
                }
            },
            now(),
        )
        .expect("forged approval");
    // Its honest export keeps a meeting change to itself; a tampered app seals it anyway.
    stores[1]
        .forge_export(shared.table, casustafel_sync::DocRef::Meeting(meeting))
        .expect("sealed");
    sync_rounds(&mut stores, 2, now());
    for i in [0, 2] {
        let item = item_of(&stores[i], meeting);
        assert_eq!(item.decision, APPROVED, "device {i}");
        assert!(item.amendment.is_none(), "device {i}");
        let warnings = stores[i]
            .sync_status(shared.table)
            .expect("status")
            .warnings;
        assert!(
            warnings
                .iter()
                .any(|w| w.reason == casustafel_api::sync::SetAsideReason::NotAllowed),
            "device {i} says it set the change aside: {warnings:?}"
        );
    }
}
