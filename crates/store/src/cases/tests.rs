use super::*;
use casustafel_domain::identity::PersonRole;
use casustafel_domain::organisation::{OrgCategory, OrganisationDraft};
use casustafel_domain::referral::{
    CriterionAnswer, ReferralDraft, TriageDraft, TriageOutcome, Urgency,
};
use casustafel_domain::{ReferralId, Table};

use crate::tables::tests::draft as table_draft;
use crate::testutil::{new_store, now};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

struct World {
    _dir: tempfile::TempDir,
    s: Store,
    table: Table,
    police: OrganisationId,
    caw: OrganisationId,
}

fn world() -> World {
    let (dir, mut s) = new_store();
    let table = s
        .create_table(&table_draft(&s, "Anker", "ANK"), now())
        .unwrap();
    let org = |s: &mut Store, name: &str, c| {
        s.add_organisation(&OrganisationDraft {
            name: name.into(),
            category: Some(c),
            bound_by_secrecy: true,
        })
        .unwrap()
        .id
    };
    let police = org(&mut s, "PZ Zonnedijk", OrgCategory::Police);
    let caw = org(&mut s, "CAW Oost", OrgCategory::Caw);
    World {
        _dir: dir,
        s,
        table,
        police,
        caw,
    }
}

fn refer(w: &mut World, concern: &str) -> ReferralId {
    w.s.create_referral(
        w.table.id,
        &ReferralDraft {
            anonymous: true,
            referrer: Some(w.caw),
            phenomena: w.table.settings.phenomena.clone(),
            concern: concern.into(),
            question: "Wie kan wat doen?".into(),
            tried: "Huisbezoek".into(),
            urgency: Some(Urgency::Normal),
            person_informed: Some(true),
            not_informed_reason: String::new(),
        },
        true,
        now(),
    )
    .unwrap()
    .id
}

fn admit(w: &mut World, referral: ReferralId) -> CaseId {
    let criteria = w
        .table
        .settings
        .admission_criteria
        .iter()
        .map(|c| CriterionAnswer {
            criterion: c.clone(),
            met: true,
        })
        .collect();
    w.s.triage_referral(
        referral,
        &TriageDraft {
            criteria,
            outcome: Some(TriageOutcome::Admitted),
            reasons: "Voldoet aan alle criteria".into(),
            redirected_to: String::new(),
        },
        today(),
        now(),
    )
    .unwrap()
    .case_id
    .expect("an admitted referral has a case")
}

#[test]
fn admission_opens_a_pseudonymous_case_and_a_second_triage_is_refused() {
    let mut w = world();
    let r = refer(&mut w, "Zorgen over radicalisering");
    let case = admit(&mut w, r);
    let c = w.s.get_case(case).unwrap();
    assert_eq!(c.code, "ANK-2026-001");
    assert_eq!(c.status, CaseStatus::Admitted);
    assert_eq!(c.partners, vec![w.caw]);
    let r2 = refer(&mut w, "Tweede aanmelding");
    let c2 = admit(&mut w, r2);
    assert_eq!(w.s.get_case(c2).unwrap().code, "ANK-2026-002");
    // Triaging the first referral again is an illegal transition, and nothing changes.
    let again = w.s.triage_referral(
        r,
        &TriageDraft {
            criteria: vec![],
            outcome: Some(TriageOutcome::Rejected),
            reasons: "x".into(),
            redirected_to: String::new(),
        },
        today(),
        now(),
    );
    assert!(matches!(
        again,
        Err(StoreError::Illegal(_)) | Err(StoreError::Invalid(_))
    ));
    assert_eq!(w.s.get_referral(r).unwrap().case_id, Some(case));
}

#[test]
fn update_close_and_timeline() {
    let mut w = world();
    let r = refer(&mut w, "Zorgen");
    let case = admit(&mut w, r);
    let before = w.s.get_case(case).unwrap();
    let updated =
        w.s.update_case(
            case,
            &CaseUpdate {
                phenomena: before.phenomena.clone(),
                risk: Some(RiskLevel::Orange),
                track: Some(Track::PartnerFollowUp),
                partners: vec![w.caw, w.police],
                casusregisseur: None,
                next_review: "15/12/2026".into(),
            },
            today(),
            now(),
        )
        .unwrap();
    assert_eq!(updated.status, CaseStatus::InFollowUp);
    assert_eq!(updated.risk, Some(RiskLevel::Orange));
    let closed =
        w.s.close_case(
            case,
            &ClosureDraft {
                reason: Some(casustafel_domain::case::ClosureReason::GoalReached),
                outcome: "Opleiding hervat".into(),
            },
            today(),
            now(),
        )
        .unwrap();
    assert_eq!(closed.status, CaseStatus::Closed);
    // A closed case is not edited any more.
    assert!(matches!(
        w.s.update_case(case, &CaseUpdate::default(), today(), now()),
        Err(StoreError::Illegal(_))
    ));
    let kinds: Vec<_> =
        w.s.case_timeline(case)
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .collect();
    assert!(matches!(kinds[0], CaseEventKind::Admitted));
    assert!(kinds
        .iter()
        .any(|k| matches!(k, CaseEventKind::Closed { .. })));
    assert!(w.s.verify_audit().unwrap() >= 4);
}

#[test]
fn identity_is_encrypted_apart_and_every_reveal_is_recorded() {
    let mut w = world();
    let r = refer(&mut w, "Zorgen");
    let case = admit(&mut w, r);
    assert!(matches!(
        w.s.reveal_identity(case, now()),
        Err(StoreError::NotFound)
    ));
    w.s.record_identity(
        case,
        &[PersonDraft {
            role: Some(PersonRole::Subject),
            name: "Samira Vermeulen".into(),
            birth_date: "03/04/2009".into(),
            address: "Dijkstraat 4, Zonnedijk".into(),
        }],
        today(),
        now(),
    )
    .unwrap();
    assert!(w.s.get_case(case).unwrap().has_identity);
    // The name is in no search entry and no plain column.
    let found: i64 =
        w.s.conn
            .query_row(
                "SELECT count(*) FROM case_search WHERE case_search MATCH 'Samira'",
                [],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(found, 0);
    let id = w.s.reveal_identity(case, now()).unwrap();
    assert_eq!(id.persons[0].name, "Samira Vermeulen");
    let reveals =
        w.s.audit_for(&case.to_string())
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "identity.reveal")
            .count();
    assert_eq!(reveals, 1);
    // Destroying the key destroys the identity (crypto-shredding).
    w.s.conn
        .execute(
            "DELETE FROM case_key WHERE case_id = ?1",
            [case.to_string()],
        )
        .unwrap();
    assert!(w.s.reveal_identity(case, now()).is_err());
}

#[test]
fn filters_and_free_text_search() {
    let mut w = world();
    let a = refer(&mut w, "Jongere dreigt met geweld op school");
    let a = admit(&mut w, a);
    let b = refer(&mut w, "Buren melden drugsoverlast");
    let b = admit(&mut w, b);
    let all = w.s.list_cases(&CaseFilter::default(), today()).unwrap();
    assert_eq!(all.len(), 2);
    let text = |w: &World, t: &str| {
        w.s.list_cases(
            &CaseFilter {
                text: t.into(),
                ..CaseFilter::default()
            },
            today(),
        )
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect::<Vec<_>>()
    };
    assert_eq!(text(&w, "geweld"), vec![a]);
    assert_eq!(text(&w, "drugs"), vec![b], "prefix match");
    assert_eq!(text(&w, "ANK-2026-002"), vec![b]);
    assert_eq!(
        text(&w, "\" OR *"),
        Vec::<CaseId>::new(),
        "query syntax is inert"
    );
    w.s.update_case(
        b,
        &CaseUpdate {
            phenomena: w.table.settings.phenomena.clone(),
            risk: Some(RiskLevel::Red),
            track: Some(Track::PartnerFollowUp),
            partners: vec![w.police],
            next_review: "28/11/2026".into(),
            ..CaseUpdate::default()
        },
        today(),
        now(),
    )
    .unwrap();
    let f = |filter: CaseFilter| w.s.list_cases(&filter, today()).unwrap().len();
    assert_eq!(
        f(CaseFilter {
            risk: Some(RiskLevel::Red),
            ..CaseFilter::default()
        }),
        1
    );
    assert_eq!(
        f(CaseFilter {
            partner: Some(w.police),
            ..CaseFilter::default()
        }),
        1
    );
    assert_eq!(
        f(CaseFilter {
            partner: Some(w.caw),
            ..CaseFilter::default()
        }),
        1
    );
    assert_eq!(
        f(CaseFilter {
            review_due: true,
            ..CaseFilter::default()
        }),
        1
    );
    assert_eq!(
        f(CaseFilter {
            status: Some(CaseStatus::Admitted),
            ..CaseFilter::default()
        }),
        1
    );
    assert_eq!(
        f(CaseFilter {
            municipality: Some("11002".into()),
            ..CaseFilter::default()
        }),
        2
    );
    assert_eq!(
        f(CaseFilter {
            municipality: Some("44021".into()),
            ..CaseFilter::default()
        }),
        0
    );
}
