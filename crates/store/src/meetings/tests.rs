use super::*;
use casustafel_domain::meeting::MeetingDraft;
use casustafel_domain::organisation::{OrgCategory, OrganisationDraft};
use casustafel_domain::referral::{
    CriterionAnswer, ReferralDraft, TriageDraft, TriageOutcome, Urgency,
};
use casustafel_domain::Table;

use crate::tables::tests::draft as table_draft;
use crate::testutil::{new_store, now};

pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

pub(crate) fn setup() -> (tempfile::TempDir, Store, Table, OrganisationId, CaseId) {
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

/// A meeting in the Raadzaal on `date` (dd/mm/yyyy).
fn plan(
    s: &mut Store,
    table: casustafel_domain::TableId,
    date: &str,
) -> casustafel_domain::meeting::Meeting {
    s.plan_meeting(
        table,
        &MeetingDraft {
            date: date.into(),
            place: "Raadzaal".into(),
        },
        today(),
        now(),
    )
    .unwrap()
}

#[test]
fn planning_proposes_the_new_case_and_survives_a_reopen() {
    let (dir, mut s, table, _org, case) = setup();
    let m = plan(&mut s, table.id, "10/12/2026");
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
    let m = plan(&mut s, table.id, "28/11/2026");
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
    let m = plan(&mut s, table.id, "28/11/2026");
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

#[test]
fn the_followup_decided_in_a_meeting_updates_the_case_and_reaches_the_report() {
    use casustafel_domain::case::{CaseUpdate, RiskLevel, Track};
    use casustafel_domain::participant::{ParticipantDraft, Role};
    let (_dir, mut s, table, org, case) = setup();
    let m = plan(&mut s, table.id, "28/11/2026");
    let p = s
        .add_participant(
            table.id,
            &ParticipantDraft {
                name: "Bart Claes".into(),
                organisation_id: Some(org),
                role: Some(Role::Member),
                protocol_signed_on: "01/01/2026".into(),
                protocol_version: "1".into(),
                active_from: "01/01/2026".into(),
                ..ParticipantDraft::default()
            },
        )
        .unwrap();
    let mut update = CaseUpdate {
        phenomena: table.settings.phenomena.clone(),
        risk: Some(RiskLevel::Red),
        track: Some(Track::ChainApproach),
        partners: vec![org],
        casusregisseur: None,
        next_review: "09/01/2027".into(),
    };
    // Track 3 needs a casusregisseur: refused, and nothing is written to the document either.
    assert!(matches!(
        s.save_meeting_followup(m.id, case, Some(p.id), &update, today(), now()),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(s.meeting_presenter(m.id, case).unwrap(), None);
    update.casusregisseur = Some(p.id);
    let after = s
        .save_meeting_followup(m.id, case, Some(p.id), &update, today(), now())
        .unwrap();
    assert_eq!(after.track, Some(Track::ChainApproach));
    assert_eq!(s.get_case(case).unwrap().risk, Some(RiskLevel::Red));
    assert_eq!(s.meeting_presenter(m.id, case).unwrap(), Some(p.id));
    let report = s.meeting_report(m.id).unwrap();
    let item = &report.items[0];
    assert_eq!(item.risk, Some(RiskLevel::Red));
    assert_eq!(item.track, Some(Track::ChainApproach));
    assert_eq!(item.casusregisseur.as_deref(), Some("Bart Claes"));
    assert_eq!(item.next_review, NaiveDate::from_ymd_opt(2027, 1, 9));
}

#[test]
fn the_chair_adds_moves_and_removes_agenda_items_until_the_meeting_is_held() {
    use casustafel_domain::agenda::AgendaEdit;
    use casustafel_domain::meeting::{AgendaKind, MeetingAction};
    let (_dir, mut s, table, _org, case) = setup();
    let m = plan(&mut s, table.id, "28/11/2026");
    // The proposal holds the new case already: adding it again is refused.
    assert!(matches!(
        s.edit_agenda(m.id, &AgendaEdit::AddCase { case }, now()),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        s.edit_agenda(m.id, &AgendaEdit::AddTheme { title: " ".into() }, now()),
        Err(StoreError::Invalid(_))
    ));
    let v = s
        .edit_agenda(
            m.id,
            &AgendaEdit::AddTheme {
                title: "Overlast rond het station".into(),
            },
            now(),
        )
        .unwrap();
    assert_eq!(v.agenda.len(), 2);
    assert_eq!(v.agenda[1].kind, AgendaKind::Thematic);
    let theme = v.agenda[1].id.clone();
    let v = s
        .edit_agenda(
            m.id,
            &AgendaEdit::Move {
                item: theme.clone(),
                up: true,
            },
            now(),
        )
        .unwrap();
    assert_eq!(v.agenda[0].title, "Overlast rond het station");
    let case_item = v.agenda[1].id.clone();
    let v = s
        .edit_agenda(m.id, &AgendaEdit::Remove { item: case_item }, now())
        .unwrap();
    assert_eq!(v.agenda.len(), 1);
    let v = s
        .edit_agenda(m.id, &AgendaEdit::AddCase { case }, now())
        .unwrap();
    assert_eq!(v.agenda[1].case_id, Some(case));
    s.advance_meeting(m.id, MeetingAction::Open, now()).unwrap();
    s.advance_meeting(m.id, MeetingAction::Close, now())
        .unwrap();
    assert!(matches!(
        s.edit_agenda(m.id, &AgendaEdit::Remove { item: theme }, now()),
        Err(StoreError::Illegal(_))
    ));
}

#[test]
fn the_chair_sees_overdue_actions_and_cases_due_for_review() {
    use casustafel_domain::case::CaseUpdate;
    let (_dir, mut s, table, org, case) = setup();
    let m = plan(&mut s, table.id, "28/11/2026");
    for (what, due) in [("Bellen", "30/11/2026"), ("Huisbezoek", "05/12/2026")] {
        s.add_action(
            case,
            m.id,
            &ActionDraft {
                what: what.into(),
                owner: Some(org),
                owner_person: String::new(),
                due: due.into(),
                expected_feedback: String::new(),
            },
            today(),
            now(),
        )
        .unwrap();
    }
    s.update_case(
        case,
        &CaseUpdate {
            phenomena: table.settings.phenomena.clone(),
            partners: vec![org],
            next_review: "01/12/2026".into(),
            ..CaseUpdate::default()
        },
        today(),
        now(),
    )
    .unwrap();
    let later = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let o = s.chair_overview(table.id, later).unwrap();
    assert_eq!(
        o.overdue_actions
            .iter()
            .map(|a| a.what.as_str())
            .collect::<Vec<_>>(),
        vec!["Bellen"]
    );
    assert_eq!(o.review_due.len(), 1);
    let done = o.overdue_actions[0].id;
    s.update_action(done, ActionStatus::Done, "", now())
        .unwrap();
    let o = s.chair_overview(table.id, later).unwrap();
    assert!(o.overdue_actions.is_empty(), "a done action is not overdue");
    assert!(s
        .chair_overview(table.id, today())
        .unwrap()
        .review_due
        .is_empty());
}
