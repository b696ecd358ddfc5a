//! The demo profile: a fictional Flemish municipality (Zonnedijk, with its neighbour Oudenberge), so
//! that a newcomer sees real screens at once. Its passphrase is public (README), its data invented.
//! Demo data goes through the same validation and storage code as anything a user types.

use casustafel_domain::agenda::AgendaEdit;
use casustafel_domain::case::{CaseFilter, CaseUpdate, RiskLevel, Track};
use casustafel_domain::meeting::{
    ActionDraft, ActionStatus, MeetingAction, MeetingDraft, Presence,
};
use casustafel_domain::organisation::{OrgCategory, OrganisationDraft};
use casustafel_domain::participant::{ParticipantDraft, Role};
use casustafel_domain::referral::{
    CriterionAnswer, ReferralDraft, TriageDraft, TriageOutcome, Urgency,
};
use casustafel_domain::{format_date, OrganisationId, TableDraft};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;

use crate::error::{Result, StoreError};
use crate::profile::Store;

/// The demo profile's passphrase. Public on purpose: it protects invented data only.
pub const DEMO_PASSPHRASE: &str = "demo-zonnedijk-2026";

/// The demo profile's owner: a fictional coordinator of integral security.
pub const DEMO_OWNER: &str = "Ilse Demo (coördinator integrale veiligheid)";

const TABLES_JSON: &str = include_str!("../../../assets/demo/tables.json");

/// A demo table: the form's fields, with phenomena named by their built-in key.
#[derive(Debug, Deserialize)]
struct DemoTable {
    #[serde(flatten)]
    draft: TableDraft,
    phenomenon_keys: Vec<String>,
}

fn demo_error(what: impl std::fmt::Display) -> StoreError {
    StoreError::Damaged(format!("demo data: {what}"))
}

/// The demo tables, as drafts, with phenomena resolved against `store`'s taxonomy.
pub fn table_drafts(store: &Store) -> Result<Vec<TableDraft>> {
    let demo: Vec<DemoTable> = serde_json::from_str(TABLES_JSON).map_err(demo_error)?;
    let phenomena = store.list_phenomena()?;
    demo.into_iter()
        .map(|t| {
            let mut draft = t.draft;
            for key in &t.phenomenon_keys {
                let p = phenomena
                    .iter()
                    .find(|p| p.key.as_deref() == Some(key.as_str()))
                    .ok_or_else(|| demo_error(format!("phenomenon {key}")))?;
                draft.phenomena.push(p.id);
            }
            Ok(draft)
        })
        .collect()
}

/// Fills a freshly created store with the demo data.
pub fn seed(store: &mut Store, now: DateTime<Utc>) -> Result<()> {
    for draft in table_drafts(store)? {
        store.create_table(&draft, now)?;
    }
    seed_register(store, now.date_naive(), now)?;
    seed_past_meeting(store, now.date_naive(), now)
}

/// A meeting of the LIVC-R four weeks ago, held and approved, with actions: one done, one overdue,
/// one still to come — so "Mijn afspraken" and the chair's overview have something to show.
fn seed_past_meeting(store: &mut Store, today: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    let Some(table) = store
        .list_tables()?
        .into_iter()
        .find(|t| t.settings.case_prefix == "LZO")
    else {
        return Ok(());
    };
    let cases = store.list_cases(
        &CaseFilter {
            table: Some(table.id),
            ..CaseFilter::default()
        },
        today,
    )?;
    // A youth worker invited for the second case only (ad hoc, need to know).
    if let (Some(case), Some(org)) = (
        cases.get(1),
        store
            .list_organisations()?
            .into_iter()
            .find(|o| o.name.starts_with("Preventiedienst")),
    ) {
        store.add_participant(
            table.id,
            &ParticipantDraft {
                name: "Lotte Claes (jeugdwerk)".into(),
                organisation_id: Some(org.id),
                role: Some(Role::AdHoc),
                protocol_signed_on: format_date(today - Duration::days(60)),
                protocol_version: "2026-1".into(),
                active_from: format_date(today - Duration::days(60)),
                cases: vec![case.id],
                ..ParticipantDraft::default()
            },
        )?;
    }
    let then = today - Duration::days(28);
    let meeting = store.plan_meeting(
        table.id,
        &MeetingDraft {
            date: format_date(then),
            place: "Raadzaal, gemeentehuis Zonnedijk".into(),
        },
        then,
        now,
    )?;
    // The two cases it discussed are on its agenda, so its report holds their decisions.
    let proposed = store.meeting_view(meeting.id)?.agenda;
    for case in cases.iter().take(2) {
        if !proposed.iter().any(|e| e.case_id == Some(case.id)) {
            store.edit_agenda(meeting.id, &AgendaEdit::AddCase { case: case.id }, now)?;
        }
    }
    store.advance_meeting(meeting.id, MeetingAction::Open, now)?;
    for p in store.list_participants(table.id)? {
        store.set_attendance(meeting.id, p.id, Presence::Present, true, now)?;
    }
    let orgs = store.list_organisations()?;
    let org = |name: &str| {
        orgs.iter()
            .find(|o| o.name.starts_with(name))
            .map(|o| o.id)
            .ok_or_else(|| demo_error(format!("no partner {name}")))
    };
    let plans: [(&str, &str, i64, bool); 3] = [
        ("Huisbezoek samen met de wijkagent", "CAW", -7, false),
        (
            "Aanmelding bij het CGG bespreken met de ouders",
            "CGG",
            -14,
            true,
        ),
        ("Terugkoppeling over het schooltraject", "CLB", 10, false),
    ];
    for (i, case) in cases.iter().enumerate().take(2) {
        store.save_discussion(
            meeting.id,
            case.id,
            "Vertrouwelijke demonotitie: wat de partners vertelden.",
            "Opvolging in spoor 3; de casusregisseur houdt de partners op de hoogte.",
            now,
        )?;
        for (what, owner, days, done) in plans.iter().skip(i).step_by(2) {
            let a = store.add_action(
                case.id,
                meeting.id,
                &ActionDraft {
                    what: (*what).into(),
                    owner: Some(org(owner)?),
                    owner_person: String::new(),
                    due: format_date(today + Duration::days(*days)),
                    expected_feedback: "Kort verslag op het volgende overleg.".into(),
                },
                then,
                now,
            )?;
            if *done {
                store.update_action(a.id, ActionStatus::Done, "Gesprek gevoerd.", now)?;
            }
        }
    }
    store.advance_meeting(meeting.id, MeetingAction::Close, now)?;
    store.advance_meeting(meeting.id, MeetingAction::ApproveReport, now)?;
    Ok(())
}

/// Partners, participants, referrals and cases of the demo tables, entered through the same store
/// calls as anything a user does. Dates are relative to `today`, so the demo always shows a case due
/// for review and one coming up.
fn seed_register(store: &mut Store, today: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    let org = |store: &mut Store, name: &str, category| {
        store
            .add_organisation(&OrganisationDraft {
                name: name.into(),
                category: Some(category),
                bound_by_secrecy: category.usually_bound_by_secrecy(),
            })
            .map(|o| o.id)
    };
    let police = org(
        store,
        "Politiezone Zonnedijk-Oudenberge",
        OrgCategory::Police,
    )?;
    let ocmw = org(store, "OCMW Zonnedijk", OrgCategory::SocialServices)?;
    let caw = org(store, "CAW Zonnedijk", OrgCategory::Caw)?;
    let cgg = org(store, "CGG De Brug", OrgCategory::Cgg)?;
    let clb = org(store, "CLB Zonnedijk", OrgCategory::ClbSchool)?;
    let prev = org(
        store,
        "Preventiedienst Zonnedijk",
        OrgCategory::Municipality,
    )?;
    let tables = store.list_tables()?;
    let date = |d: NaiveDate| format_date(d);
    for table in &tables {
        let livcr = table.settings.case_prefix == "LZO";
        let people: [(&str, OrganisationId, Role); 5] = [
            ("Ilse Demo", prev, Role::Chair),
            ("Koen Verhaege", police, Role::Member),
            ("Sofie Lambrecht", ocmw, Role::Member),
            (
                if livcr {
                    "Youssef El Amrani"
                } else {
                    "Greet De Smet"
                },
                caw,
                Role::Member,
            ),
            ("Dr. Hanne Wuyts", cgg, Role::Secretary),
        ];
        let mut regisseur = None;
        for (name, organisation, role) in people {
            let p = store.add_participant(
                table.id,
                &ParticipantDraft {
                    name: name.into(),
                    organisation_id: Some(organisation),
                    role: Some(role),
                    protocol_signed_on: date(today - Duration::days(200)),
                    protocol_version: "2026-1".into(),
                    active_from: date(today - Duration::days(365)),
                    ..ParticipantDraft::default()
                },
            )?;
            if organisation == ocmw {
                regisseur = Some(p.id);
            }
        }
        let referrals: &[(&str, OrganisationId, bool)] = if livcr {
            &[
                ("Leerling (16) deelt extremistische filmpjes en zoekt contact met een online groep.", clb, true),
                ("Jongvolwassene trekt zich terug, uit zich vijandig tegenover buurtbewoners.", police, true),
                ("Zorgen over een gezin na berichten op sociale media.", caw, false),
            ]
        } else {
            &[(
                "Herhaalde politie-interventies in hetzelfde gezin; kinderen van 4 en 9.",
                police,
                true,
            )]
        };
        for (i, (concern, referrer, admit)) in referrals.iter().enumerate() {
            let r = store.create_referral(
                table.id,
                &ReferralDraft {
                    anonymous: true,
                    referrer: Some(*referrer),
                    phenomena: vec![table.settings.phenomena[0]],
                    concern: (*concern).into(),
                    question: "Samen bekijken welke partner wat opneemt.".into(),
                    tried: "Gesprekken binnen de eigen dienst.".into(),
                    urgency: Some(if i == 0 {
                        Urgency::High
                    } else {
                        Urgency::Normal
                    }),
                    person_informed: Some(true),
                    not_informed_reason: String::new(),
                },
                true,
                now,
            )?;
            if !admit {
                continue;
            }
            let criteria = table
                .settings
                .admission_criteria
                .iter()
                .map(|c| CriterionAnswer {
                    criterion: c.clone(),
                    met: true,
                })
                .collect();
            let r = store.triage_referral(
                r.id,
                &TriageDraft {
                    criteria,
                    outcome: Some(TriageOutcome::Admitted),
                    reasons: "Voldoet aan de criteria; meerdere partners nodig.".into(),
                    redirected_to: String::new(),
                },
                today,
                now,
            )?;
            let Some(case) = r.case_id else { continue };
            let due = if i == 0 {
                today
            } else {
                today + Duration::days(21)
            };
            store.update_case(
                case,
                &CaseUpdate {
                    phenomena: vec![table.settings.phenomena[0]],
                    risk: Some(if i == 0 {
                        RiskLevel::Orange
                    } else {
                        RiskLevel::Green
                    }),
                    track: Some(if i == 0 {
                        Track::ChainApproach
                    } else {
                        Track::PartnerFollowUp
                    }),
                    // The first case also involves the CAW (its youth worker visits the family).
                    partners: if i == 0 {
                        vec![*referrer, ocmw, caw]
                    } else {
                        vec![*referrer, ocmw]
                    },
                    casusregisseur: regisseur,
                    next_review: date(due),
                },
                today,
                now,
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{new_store, now};

    #[test]
    fn the_demo_data_is_valid_and_seeds() {
        let (_dir, mut s) = new_store();
        seed(&mut s, now()).expect("seed");
        let n = table_drafts(&s).expect("drafts").len();
        assert_eq!(s.list_tables().expect("list").len(), n);
        assert!(s
            .list_tables()
            .expect("list")
            .iter()
            .all(|t| !t.settings.phenomena.is_empty()));
        let cases = s
            .list_cases(
                &casustafel_domain::case::CaseFilter::default(),
                now().date_naive(),
            )
            .expect("cases");
        assert_eq!(cases.len(), 3);
        let due = casustafel_domain::case::CaseFilter {
            review_due: true,
            ..Default::default()
        };
        assert_eq!(
            s.list_cases(&due, now().date_naive()).expect("due").len(),
            2
        );
        // The past meeting: one action overdue for the chair's overview.
        let lzo = s
            .list_tables()
            .expect("list")
            .into_iter()
            .find(|t| t.settings.case_prefix == "LZO")
            .expect("LIVC-R");
        let overview = s
            .chair_overview(lzo.id, now().date_naive())
            .expect("overview");
        assert_eq!(overview.overdue_actions.len(), 1);
        assert_eq!(s.list_actions(None).expect("actions").len(), 3);
    }
}
