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
    }
}

fn problems(errs: &[FieldError], field: Field) -> Vec<Problem> {
    errs.iter()
        .filter(|e| e.field == field)
        .map(|e| e.problem.clone())
        .collect()
}

#[test]
fn a_good_draft_becomes_a_trimmed_table_and_blank_rows_are_ignored() {
    let t = good_draft().validate([]).expect("valid");
    assert_eq!(t.name, "LIVC-R Zonnedijk");
    assert_eq!(t.municipalities.len(), 1);
    assert_eq!(t.legal_basis.reference, "Wet van 30 juli 2018");
}

#[test]
fn an_empty_draft_reports_every_required_field() {
    let errs = TableDraft::default().validate([]).unwrap_err();
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
    let errs = good_draft().validate(["livc-r zonnedijk"]).unwrap_err();
    assert_eq!(problems(&errs, Field::Name), vec![Problem::DuplicateName]);
}

#[test]
fn expiry_before_date_is_refused() {
    let mut draft = good_draft();
    draft.legal_basis_expiry = "2018-07-29".into();
    let errs = draft.validate([]).unwrap_err();
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
    let errs = draft.validate([]).unwrap_err();
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
    let errs = draft.validate([]).unwrap_err();
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
    let mut lb = good_draft().validate([]).expect("valid").legal_basis;
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
        };
        if let Ok(t) = draft.validate([]) {
            prop_assert!(!t.name.is_empty() && t.name.chars().count() <= MAX_NAME_CHARS);
            prop_assert!(!t.municipalities.is_empty());
            prop_assert!(t.municipalities.iter().all(|m| m.nis_code.len() == 5));
            prop_assert!(t.legal_basis.expiry.is_none_or(|e| e >= t.legal_basis.date));
        }
    }
}
