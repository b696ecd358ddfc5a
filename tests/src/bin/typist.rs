//! Test helper for `tests/crash.rs`: types into a meeting's discussion notes through the store, one
//! word per save, and prints `ack N` after each save returned. The test kills it with SIGKILL at
//! random moments and checks that every acknowledged word survived.
//!
//! Usage: `typist <profile-dir>` (the profile is created on first use with test-only KDF costs).

use std::io::Write;
use std::path::Path;

use casustafel_domain::meeting::MeetingDraft;
use casustafel_domain::organisation::{OrgCategory, OrganisationDraft};
use casustafel_domain::referral::{
    CriterionAnswer, ReferralDraft, TriageDraft, TriageOutcome, Urgency,
};
use casustafel_domain::{CaseId, MeetingId};
use casustafel_store::{KdfParams, Profile, Store};

pub const PASS: &str = "typist typist typist";

fn setup(dir: &Path) -> (Store, MeetingId, CaseId) {
    let profile = Profile::new(dir);
    let ids_file = dir.join("typist-ids.json");
    if profile.exists() && ids_file.exists() {
        let store = profile.unlock(PASS).expect("unlock");
        let ids: (MeetingId, CaseId) =
            serde_json::from_slice(&std::fs::read(&ids_file).expect("ids")).expect("ids json");
        return (store, ids.0, ids.1);
    }
    let now = chrono::Utc::now();
    let today = now.date_naive();
    let mut s = profile
        .create(
            PASS,
            PASS,
            KdfParams::insecure_for_tests().expect("kdf"),
            now,
        )
        .expect("create");
    let phen = s.list_phenomena().expect("phenomena")[0].id;
    let table = s
        .create_table(
            &casustafel_domain::TableDraft {
                name: "Crash".into(),
                kind: Some(casustafel_domain::TableKind::Other),
                municipalities: vec![casustafel_domain::Municipality {
                    nis_code: "45991".into(),
                    name: "Zonnedijk".into(),
                }],
                legal_basis_kind: Some(casustafel_domain::LegalBasisKind::Law),
                legal_basis_reference: "Wet".into(),
                legal_basis_date: "01/01/2020".into(),
                finality: "Test".into(),
                case_prefix: "CR".into(),
                admission_criteria: "Ernstig".into(),
                phenomena: vec![phen],
                retention_months: "12".into(),
                ..Default::default()
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
    let r = s
        .create_referral(
            table.id,
            &ReferralDraft {
                anonymous: true,
                referrer: Some(org),
                phenomena: vec![phen],
                concern: "Zorg".into(),
                question: "Vraag".into(),
                tried: "Gesprek".into(),
                urgency: Some(Urgency::Normal),
                person_informed: Some(true),
                not_informed_reason: String::new(),
            },
            true,
            now,
        )
        .expect("referral");
    let case = s
        .triage_referral(
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
        .expect("triage")
        .case_id
        .expect("case");
    let meeting = s
        .plan_meeting(
            table.id,
            &MeetingDraft {
                date: casustafel_domain::format_date(today),
                place: "Zaal".into(),
            },
            today,
            now,
        )
        .expect("meeting")
        .id;
    std::fs::write(
        &ids_file,
        serde_json::to_vec(&(meeting, case)).expect("json"),
    )
    .expect("write ids");
    (s, meeting, case)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: typist <profile-dir>");
    let (mut store, meeting, case) = setup(Path::new(&dir));
    let (mut notes, _) = store.discussion(meeting, case).expect("discussion");
    let mut n = notes.split_whitespace().count();
    let stdout = std::io::stdout();
    loop {
        n += 1;
        notes.push_str(&format!("w{n} "));
        store
            .save_discussion(meeting, case, &notes, "", chrono::Utc::now())
            .expect("save");
        let mut out = stdout.lock();
        writeln!(out, "ack {n}").expect("stdout");
        out.flush().expect("flush");
        if n > 5000 {
            return;
        }
    }
}
