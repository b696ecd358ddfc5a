use super::*;
use casustafel_domain::meeting::MeetingDraft;
use casustafel_domain::organisation::{OrgCategory, OrganisationDraft};
use casustafel_domain::referral::{
    CriterionAnswer, ReferralDraft, TriageDraft, TriageOutcome, Urgency,
};
use casustafel_domain::Table;

use crate::tables::tests::draft as table_draft;
use crate::testutil::{new_store, now};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn setup() -> (tempfile::TempDir, Store, Table, OrganisationId, CaseId) {
    let (dir, mut s) = new_store();
    let table = s
        .create_table(&table_draft(&s, "Anker", "ANK"), now())
        .unwrap();
    let org = s
        .add_organisation(&OrganisationDraft {
            name: "CAW".into(),
            category: Some(OrgCategory::Caw),
            bound_by_secrecy: true,
        })
        .unwrap()
        .id;
    let r = s
        .create_referral(
            table.id,
            &ReferralDraft {
                anonymous: true,
                referrer: Some(org),
                phenomena: table.settings.phenomena.clone(),
                concern: "Zorg".into(),
                question: "Vraag".into(),
                tried: "Gesprek".into(),
                urgency: Some(Urgency::Normal),
                person_informed: Some(true),
                not_informed_reason: String::new(),
            },
            true,
            now(),
        )
        .unwrap();
    let criteria = table
        .settings
        .admission_criteria
        .iter()
        .map(|c| CriterionAnswer {
            criterion: c.clone(),
            met: true,
        })
        .collect();
    let case = s
        .triage_referral(
            r.id,
            &TriageDraft {
                criteria,
                outcome: Some(TriageOutcome::Admitted),
                reasons: "ok".into(),
                redirected_to: String::new(),
            },
            today(),
            now(),
        )
        .unwrap()
        .case_id
        .unwrap();
    (dir, s, table, org, case)
}

#[test]
fn planning_proposes_the_new_case_and_survives_a_reopen() {
    let (dir, mut s, table, _org, case) = setup();
    let m = s
        .plan_meeting(
            table.id,
            &MeetingDraft {
                date: "10/12/2026".into(),
                place: "Raadzaal".into(),
            },
            today(),
            now(),
        )
        .unwrap();
    let doc = s.meeting_document(m.id).unwrap();
    let agenda = doc.agenda_in_order();
    assert_eq!(agenda.len(), 1);
    assert_eq!(
        agenda[0].1.case_id.as_deref(),
        Some(case.to_string().as_str())
    );
    assert_eq!(agenda[0].1.kind, "new_case");
    drop(s);
    let s = crate::Profile::new(dir.path())
        .unlock(crate::testutil::PASS)
        .unwrap();
    assert_eq!(s.list_meetings(table.id).unwrap(), vec![m.clone()]);
    assert_eq!(s.meeting_document(m.id).unwrap().place, "Raadzaal");
}

#[test]
fn actions_are_indexed_updated_and_listed_per_owner() {
    let (_dir, mut s, table, org, case) = setup();
    let m = s
        .plan_meeting(
            table.id,
            &MeetingDraft {
                date: "28/11/2026".into(),
                place: "Raadzaal".into(),
            },
            today(),
            now(),
        )
        .unwrap();
    assert!(matches!(
        s.add_action(case, m.id, &ActionDraft::default(), today(), now()),
        Err(StoreError::Invalid(_))
    ));
    let a = s
        .add_action(
            case,
            m.id,
            &ActionDraft {
                what: "Huisbezoek".into(),
                owner: Some(org),
                owner_person: "Youssef".into(),
                due: "05/12/2026".into(),
                expected_feedback: "Kort verslag".into(),
            },
            today(),
            now(),
        )
        .unwrap();
    assert_eq!(s.list_actions(Some(org)).unwrap(), vec![a.clone()]);
    assert!(!a.is_overdue(today()));
    assert!(a.is_overdue(NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()));
    let done = s
        .update_action(a.id, ActionStatus::Done, "Bezoek gebracht", now())
        .unwrap();
    assert_eq!(done.status, ActionStatus::Done);
    assert!(!done.is_overdue(NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()));
    // A finished action stays finished.
    assert!(matches!(
        s.update_action(a.id, ActionStatus::Open, "", now()),
        Err(StoreError::Illegal(_))
    ));
    // The note is in the case document, and the index agrees with it.
    let doc = docstore::load::<CaseDoc>(&s.conn, &case.to_string())
        .unwrap()
        .unwrap()
        .value()
        .unwrap();
    let action = &doc.actions[&a.id.to_string()];
    assert_eq!(action.status, "done");
    assert_eq!(
        action.progress.values().next().unwrap().text,
        "Bezoek gebracht"
    );
    assert!(s
        .list_actions(Some(OrganisationId(Uuid::new_v4())))
        .unwrap()
        .is_empty());
}

#[test]
fn running_a_meeting_attendance_and_notes_survive_a_reopen() {
    use casustafel_domain::meeting::{MeetingAction, Presence};
    use casustafel_domain::participant::{ParticipantDraft, Role};
    let (dir, mut s, table, org, case) = setup();
    let m = s
        .plan_meeting(
            table.id,
            &MeetingDraft {
                date: "28/11/2026".into(),
                place: "Raadzaal".into(),
            },
            today(),
            now(),
        )
        .unwrap();
    let p = s
        .add_participant(
            table.id,
            &ParticipantDraft {
                name: "An".into(),
                organisation_id: Some(org),
                role: Some(Role::Member),
                protocol_signed_on: "01/01/2026".into(),
                protocol_version: "1".into(),
                active_from: "01/01/2026".into(),
                ..ParticipantDraft::default()
            },
        )
        .unwrap();
    assert!(matches!(
        s.advance_meeting(m.id, MeetingAction::Close, now()),
        Err(StoreError::Illegal(_))
    ));
    s.advance_meeting(m.id, MeetingAction::Open, now()).unwrap();
    s.set_attendance(m.id, p.id, Presence::Present, true, now())
        .unwrap();
    let unsigned = s
        .add_participant(
            table.id,
            &ParticipantDraft {
                name: "Ad hoc zonder protocol".into(),
                organisation_id: Some(org),
                role: Some(Role::AdHoc),
                active_from: "01/01/2026".into(),
                cases: vec![case],
                ..ParticipantDraft::default()
            },
        )
        .unwrap();
    assert!(matches!(
        s.set_attendance(m.id, unsigned.id, Presence::Present, true, now()),
        Err(StoreError::Invalid(_))
    ));
    s.set_attendance(m.id, unsigned.id, Presence::Present, false, now())
        .unwrap();
    for i in 1..=20 {
        let typed = "Vertrouwelijke notitie ".repeat(i);
        s.save_discussion(m.id, case, &typed, "Spoor 2, opvolging door CAW", now())
            .unwrap();
    }
    drop(s);
    let mut s = crate::Profile::new(dir.path())
        .unlock(crate::testutil::PASS)
        .unwrap();
    let (notes, decision) = s.discussion(m.id, case).unwrap();
    assert_eq!(notes, "Vertrouwelijke notitie ".repeat(20));
    assert_eq!(decision, "Spoor 2, opvolging door CAW");
    let doc = s.meeting_document(m.id).unwrap();
    assert!(doc.attendance[&p.id.to_string()].secrecy_confirmed);
    let held = s
        .advance_meeting(m.id, MeetingAction::Close, now())
        .unwrap();
    assert_eq!(held.status, MeetingStatus::Held);
}
