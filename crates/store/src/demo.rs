//! The demo profile: a fictional Flemish municipality (Zonnedijk, with its neighbour Oudenberge), so
//! that a newcomer sees real screens at once. Its passphrase is public (README), its data invented.
//! Demo data goes through the same validation and storage code as anything a user types.

use casustafel_domain::case::{CaseUpdate, RiskLevel, Track};
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
    seed_register(store, now.date_naive(), now)
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
                    partners: vec![*referrer, ocmw],
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
    }
}
