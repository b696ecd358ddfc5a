use super::*;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn good_draft() -> TableDraft {
    TableDraft {
        name: "  LIVC-R Zonnedijk  ".into(),
        kind: Some(TableKind::Livcr),
        municipalities: vec![
            Municipality {
                nis_code: "44021".into(),
                name: "Zonnedijk".into(),
            },
            Municipality {
                nis_code: " ".into(),
                name: "".into(),
            },
        ],
        legal_basis_kind: Some(LegalBasisKind::Law),
        legal_basis_reference: "Wet van 30 juli 2018".into(),
        legal_basis_date: "30/07/2018".into(),
        legal_basis_expiry: String::new(),
        finality: "Radicalisering voorkomen".into(),
        case_prefix: " lzo ".into(),
        modalities: "Maandelijks overleg, verslag binnen de week.".into(),
        admission_criteria:
            "Meerdere partners betrokken\n\n  Ernstige zorg \nMeerdere partners betrokken".into(),
        phenomena: vec![PhenomenonId(uuid::Uuid::from_u128(1))],
        retention_months: "24".into(),
        cadence_weeks: "".into(),
    }
}

fn none() -> Taken<'static> {
    Taken::default()
}

fn problems(errs: &[FieldError], field: Field) -> Vec<Problem> {
    errs.iter()
        .filter(|e| e.field == field)
        .map(|e| e.problem.clone())
        .collect()
}

#[test]
fn a_good_draft_becomes_a_trimmed_table_and_blank_rows_are_ignored() {
    let t = good_draft().validate(none()).expect("valid");
    assert_eq!(t.name, "LIVC-R Zonnedijk");
    assert_eq!(t.municipalities.len(), 1);
    assert_eq!(t.legal_basis.reference, "Wet van 30 juli 2018");
    assert_eq!(t.settings.case_prefix, "LZO");
    assert_eq!(
        t.settings.admission_criteria,
        vec!["Meerdere partners betrokken", "Ernstige zorg"]
    );
    assert_eq!(t.settings.retention_months, 24);
    assert_eq!(t.settings.cadence_weeks, None);
}

#[test]
fn settings_rules() {
    let mut draft = good_draft();
    draft.case_prefix = "L-Z".into();
    draft.retention_months = "0".into();
    draft.cadence_weeks = "twee".into();
    draft.phenomena.clear();
    let errs = draft.validate(none()).unwrap_err();
    assert_eq!(
        problems(&errs, Field::CasePrefix),
        vec![Problem::InvalidCode { min: 2, max: 6 }]
    );
    assert_eq!(
        problems(&errs, Field::RetentionMonths),
        vec![Problem::OutOfRange { min: 1, max: 120 }]
    );
    assert_eq!(
        problems(&errs, Field::CadenceWeeks),
        vec![Problem::OutOfRange { min: 1, max: 52 }]
    );
    assert_eq!(problems(&errs, Field::Phenomena), vec![Problem::Required]);
    let prefixes = vec!["lzo".to_string()];
    let errs = good_draft()
        .validate(Taken {
            names: &[],
            prefixes: &prefixes,
        })
        .unwrap_err();
    assert_eq!(
        problems(&errs, Field::CasePrefix),
        vec![Problem::DuplicatePrefix]
    );
}

#[test]
fn a_table_round_trips_through_its_edit_form() {
    let new = good_draft().validate(none()).unwrap();
    let table = Table {
        id: TableId(uuid::Uuid::from_u128(5)),
        name: new.name.clone(),
        kind: new.kind,
        municipalities: new.municipalities.clone(),
        legal_basis: new.legal_basis.clone(),
        finality: new.finality.clone(),
        settings: new.settings.clone(),
        created_at: chrono::DateTime::from_timestamp(0, 0).unwrap(),
    };
    assert_eq!(table.to_draft().validate(none()).unwrap(), new);
}

#[test]
fn an_empty_draft_reports_every_required_field() {
    let errs = TableDraft::default().validate(none()).unwrap_err();
    for f in [
        Field::Name,
        Field::Kind,
        Field::Municipalities,
        Field::LegalBasisKind,
        Field::LegalBasisReference,
        Field::LegalBasisDate,
        Field::Finality,
    ] {
        assert_eq!(problems(&errs, f), vec![Problem::Required], "{f:?}");
    }
}

#[test]
fn duplicate_names_clash_regardless_of_case_and_space() {
    let names = vec!["livc-r zonnedijk".to_string()];
    let errs = good_draft()
        .validate(Taken {
            names: &names,
            prefixes: &[],
        })
        .unwrap_err();
    assert_eq!(problems(&errs, Field::Name), vec![Problem::DuplicateName]);
}

#[test]
fn expiry_before_date_is_refused() {
    let mut draft = good_draft();
    draft.legal_basis_expiry = "2018-07-29".into();
    let errs = draft.validate(none()).unwrap_err();
    assert_eq!(
        problems(&errs, Field::LegalBasisExpiry),
        vec![Problem::ExpiryBeforeDate]
    );
}

#[test]
fn bad_and_duplicate_nis_codes_are_refused() {
    let mut draft = good_draft();
    draft.municipalities = vec![
        Municipality {
            nis_code: "4402".into(),
            name: "Kort".into(),
        },
        Municipality {
            nis_code: "44021".into(),
            name: "Zonnedijk".into(),
        },
        Municipality {
            nis_code: "44021".into(),
            name: "Zonnedijk bis".into(),
        },
    ];
    let errs = draft.validate(none()).unwrap_err();
    assert_eq!(
        problems(&errs, Field::Municipalities),
        vec![
            Problem::InvalidNisCode {
                value: "4402".into()
            },
            Problem::DuplicateMunicipality {
                nis_code: "44021".into()
            }
        ]
    );
}

#[test]
fn unreadable_dates_are_named_in_the_error() {
    let mut draft = good_draft();
    draft.legal_basis_date = "31/02/2020".into();
    draft.legal_basis_expiry = "morgen".into();
    let errs = draft.validate(none()).unwrap_err();
    assert_eq!(
        problems(&errs, Field::LegalBasisDate),
        vec![Problem::InvalidDate {
            value: "31/02/2020".into()
        }]
    );
    assert_eq!(
        problems(&errs, Field::LegalBasisExpiry),
        vec![Problem::InvalidDate {
            value: "morgen".into()
        }]
    );
}

#[test]
fn legal_basis_status_follows_the_calendar() {
    let mut lb = good_draft().validate(none()).expect("valid").legal_basis;
    assert_eq!(lb.status(d(2030, 1, 1)), LegalBasisStatus::Valid);
    lb.expiry = Some(d(2026, 12, 31));
    assert_eq!(lb.status(d(2026, 1, 1)), LegalBasisStatus::Valid);
    assert_eq!(
        lb.status(d(2026, 12, 1)),
        LegalBasisStatus::ExpiresSoon { days_left: 30 }
    );
    assert_eq!(
        lb.status(d(2026, 12, 31)),
        LegalBasisStatus::ExpiresSoon { days_left: 0 }
    );
    assert_eq!(lb.status(d(2027, 1, 1)), LegalBasisStatus::Expired);
}

#[test]
fn kind_codes_round_trip() {
    for k in TableKind::ALL {
        assert_eq!(TableKind::from_code(k.code()), Some(k));
    }
    for k in LegalBasisKind::ALL {
        assert_eq!(LegalBasisKind::from_code(k.code()), Some(k));
    }
    assert_eq!(TableKind::from_code("nope"), None);
}

proptest! {
    /// Validation never panics, and whatever it accepts obeys the limits it promises.
    #[test]
    fn validation_is_total_and_its_output_obeys_the_rules(
        name in ".{0,130}",
        reference in ".{0,20}",
        finality in ".{0,20}",
        codes in proptest::collection::vec("[0-9 a]{0,6}", 0..4),
        y1 in 2000i32..2030, y2 in 2000i32..2030,
    ) {
        let draft = TableDraft {
            name,
            kind: Some(TableKind::Other),
            municipalities: codes.iter().map(|c| Municipality { nis_code: c.clone(), name: "X".into() }).collect(),
            legal_basis_kind: Some(LegalBasisKind::Decree),
            legal_basis_reference: reference,
            legal_basis_date: format!("1/1/{y1}"),
            legal_basis_expiry: format!("{y2}-01-01"),
            finality,
            case_prefix: "AB".into(),
            phenomena: vec![PhenomenonId(uuid::Uuid::from_u128(1))],
            retention_months: "12".into(),
            ..TableDraft::default()
        };
        if let Ok(t) = draft.validate(none()) {
            prop_assert!(!t.name.is_empty() && t.name.chars().count() <= MAX_NAME_CHARS);
            prop_assert!(!t.municipalities.is_empty());
            prop_assert!(t.municipalities.iter().all(|m| m.nis_code.len() == 5));
            prop_assert!(t.legal_basis.expiry.is_none_or(|e| e >= t.legal_basis.date));
        }
    }
}
