//! Case search on a table of thousands of cases, beside the unfiltered list of the same store in the
//! same run (the cost of loading every case, which a search must stay well below).
//! `cargo bench -p casustafel-tests --bench case_search` (N via CASES=…, default 5000).
//! Prints figures; asserts nothing about speed.

use std::time::Instant;

use casustafel_domain::case::CaseFilter;
use casustafel_domain::organisation::{OrgCategory, OrganisationDraft};
use casustafel_domain::referral::{
    CriterionAnswer, ReferralDraft, TriageDraft, TriageOutcome, Urgency,
};
use casustafel_domain::{LegalBasisKind, Municipality, TableDraft, TableKind};
use casustafel_store::{KdfParams, Profile};

const WORDS: [&str; 12] = [
    "school",
    "geweld",
    "drugs",
    "buren",
    "extremisme",
    "familie",
    "jongere",
    "werk",
    "overlast",
    "online",
    "vrienden",
    "wijk",
];

fn main() {
    let n: usize = std::env::var("CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    let dir = tempfile::tempdir().expect("tempdir");
    let now = chrono::Utc::now();
    let today = now.date_naive();
    let mut s = Profile::new(dir.path())
        .create(
            "bench bench bench",
            "bench bench bench",
            KdfParams::insecure_for_tests().expect("kdf"),
            now,
        )
        .expect("profile");
    let phen = s.list_phenomena().expect("phenomena")[0].id;
    let table = s
        .create_table(
            &TableDraft {
                name: "Bench".into(),
                kind: Some(TableKind::Other),
                municipalities: vec![Municipality {
                    nis_code: "45991".into(),
                    name: "Zonnedijk".into(),
                }],
                legal_basis_kind: Some(LegalBasisKind::Law),
                legal_basis_reference: "Wet".into(),
                legal_basis_date: "01/01/2020".into(),
                finality: "Bench".into(),
                case_prefix: "BEN".into(),
                admission_criteria: "Ernstig".into(),
                phenomena: vec![phen],
                retention_months: "24".into(),
                ..TableDraft::default()
            },
            now,
        )
        .expect("table");
    let org = s
        .add_organisation(&OrganisationDraft {
            name: "CAW".into(),
            category: Some(OrgCategory::Caw),
            bound_by_secrecy: true,
        })
        .expect("org")
        .id;
    let t0 = Instant::now();
    for i in 0..n {
        let concern = format!(
            "{} {} {} melding {i}",
            WORDS[i % 12],
            WORDS[(i / 12) % 12],
            WORDS[(i / 144) % 12]
        );
        let r = s
            .create_referral(
                table.id,
                &ReferralDraft {
                    anonymous: true,
                    referrer: Some(org),
                    phenomena: vec![phen],
                    concern,
                    question: "Aanpak".into(),
                    tried: "Gesprek".into(),
                    urgency: Some(Urgency::Normal),
                    person_informed: Some(true),
                    not_informed_reason: String::new(),
                },
                true,
                now,
            )
            .expect("referral");
        s.triage_referral(
            r.id,
            &TriageDraft {
                criteria: vec![CriterionAnswer {
                    criterion: "Ernstig".into(),
                    met: true,
                }],
                outcome: Some(TriageOutcome::Admitted),
                reasons: "ok".into(),
                redirected_to: String::new(),
            },
            today,
            now,
        )
        .expect("triage");
    }
    println!("generated {n} cases in {:.1} s", t0.elapsed().as_secs_f64());

    let runs = 50;
    let time = |label: &str, f: &mut dyn FnMut() -> usize| {
        let t = Instant::now();
        let mut hits = 0;
        for _ in 0..runs {
            hits = f();
        }
        let per = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        println!("{label:<48} {per:>9.3} ms   ({hits} cases)");
    };
    let one = s.list_cases(&CaseFilter::default(), today).expect("list")[n / 2].id;
    time("baseline: get_case, one row by primary key", &mut || {
        usize::from(s.get_case(one).is_ok())
    });
    let all = CaseFilter::default();
    time("reference: list_cases, no filter (every case)", &mut || {
        s.list_cases(&all, today).expect("list").len()
    });
    for q in ["extremisme", "extremisme school", "melding 4242", "ben-20"] {
        let filter = CaseFilter {
            text: q.into(),
            ..CaseFilter::default()
        };
        time(&format!("list_cases text {q:?}"), &mut || {
            s.list_cases(&filter, today).expect("search").len()
        });
    }
    let filter = CaseFilter {
        review_due: true,
        ..CaseFilter::default()
    };
    time("list_cases review due (none)", &mut || {
        s.list_cases(&filter, today).expect("list").len()
    });
}
