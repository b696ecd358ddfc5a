use super::*;
use proptest::prelude::*;
use uuid::Uuid;

fn pid(n: u128) -> PhenomenonId {
    PhenomenonId(Uuid::from_u128(n))
}

fn good() -> ReferralDraft {
    ReferralDraft {
        anonymous: true,
        referrer: Some(OrganisationId(Uuid::from_u128(7))),
        phenomena: vec![pid(2), pid(1), pid(2)],
        concern: " Jongere spreekt over geweld ".into(),
        question: "Samen bekijken wie wat kan doen".into(),
        tried: "Gesprekken op school".into(),
        urgency: Some(Urgency::High),
        person_informed: Some(true),
        not_informed_reason: "wordt genegeerd".into(),
    }
}

#[test]
fn a_good_referral_is_trimmed_and_deduplicated() {
    let r = good().validate(&[pid(1), pid(2)]).unwrap();
    assert_eq!(r.phenomena, vec![pid(1), pid(2)]);
    assert_eq!(r.concern, "Jongere spreekt over geweld");
    assert_eq!(r.not_informed_reason, "", "only kept when not informed");
}

#[test]
fn missing_answers_and_out_of_scope_phenomena_are_refused() {
    let errs = ReferralDraft::default().validate(&[]).unwrap_err();
    let fields: Vec<Field> = errs.iter().map(|e| e.field).collect();
    for f in [
        Field::Referrer,
        Field::Phenomena,
        Field::Concern,
        Field::Question,
        Field::Tried,
        Field::Urgency,
        Field::PersonInformed,
    ] {
        assert!(fields.contains(&f), "{f:?}");
    }
    let errs = good().validate(&[pid(1)]).unwrap_err();
    assert_eq!(
        errs,
        vec![FieldError::new(Field::Phenomena, Problem::OutOfScope)]
    );
    let mut not_informed = good();
    not_informed.person_informed = Some(false);
    not_informed.not_informed_reason = " ".into();
    let errs = not_informed.validate(&[pid(1), pid(2)]).unwrap_err();
    assert_eq!(
        errs,
        vec![FieldError::new(Field::NotInformedReason, Problem::Required)]
    );
}

#[test]
fn triage_needs_every_criterion_an_outcome_and_reasons() {
    let criteria = vec![
        "Meerdere partners betrokken".to_string(),
        "Ernstige zorg".to_string(),
    ];
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let errs = TriageDraft::default()
        .validate(&criteria, today)
        .unwrap_err();
    let fields: Vec<Field> = errs.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        vec![Field::Criteria, Field::Outcome, Field::Reasons]
    );
    let mut draft = TriageDraft {
        criteria: criteria
            .iter()
            .map(|c| CriterionAnswer {
                criterion: c.clone(),
                met: true,
            })
            .collect(),
        outcome: Some(TriageOutcome::Redirected),
        reasons: "Past beter bij het CAW".into(),
        redirected_to: String::new(),
    };
    let errs = draft.validate(&criteria, today).unwrap_err();
    assert_eq!(
        errs,
        vec![FieldError::new(Field::RedirectedTo, Problem::Required)]
    );
    draft.redirected_to = "CAW Oost-Vlaanderen".into();
    let t = draft.validate(&criteria, today).unwrap();
    assert_eq!(t.outcome, TriageOutcome::Redirected);
    assert_eq!(t.decided_on, today);
}

fn action() -> impl Strategy<Value = ReferralAction> {
    prop_oneof![
        Just(ReferralAction::Submit),
        Just(ReferralAction::StartTriage),
        proptest::sample::select(TriageOutcome::ALL.to_vec()).prop_map(ReferralAction::Decide),
    ]
}

proptest! {
    /// Whatever happens to a referral: a final state never changes, submitting happens at most
    /// once, and a decision leads exactly to its outcome's state.
    #[test]
    fn the_referral_state_machine_holds(actions in proptest::collection::vec(action(), 0..12)) {
        let mut state = ReferralStatus::Draft;
        for a in actions {
            match state.apply(a) {
                Ok(next) => {
                    prop_assert!(!state.is_final(), "{state:?} is final but {a:?} moved it");
                    if let ReferralAction::Decide(o) = a {
                        prop_assert_eq!(next, o.status());
                        prop_assert!(next.is_final());
                    }
                    if a == ReferralAction::Submit {
                        prop_assert_eq!(state, ReferralStatus::Draft);
                    }
                    state = next;
                }
                Err(e) => {
                    prop_assert_eq!(e.from, state.code());
                    prop_assert_eq!(e.action, a.code());
                }
            }
        }
    }

    #[test]
    fn codes_round_trip(i in 0usize..8) {
        let s = ReferralStatus::ALL[i];
        prop_assert_eq!(ReferralStatus::from_code(s.code()), Some(s));
    }
}
