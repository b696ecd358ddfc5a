//! What someone who can read the shared folders learns (a OneDrive admin, a lost USB stick, the
//! municipal file server). A realistic scenario: two municipalities' chairs, three tables, ten
//! devices, fifty cases with different partners, notes, a removal; all three folders handed to a
//! reader who knows every identifier (cases, meetings, tables, partners, devices) but no key.
//!
//! The property, checked for every file: the reader's view is its author, its sequence number
//! and the size bucket of its sealed box; everything else is random-looking to anyone without a
//! key. So no file names a case, meeting, table, partner or any device but its author; no
//! random value repeats (which would link files); sealed boxes come only in power-of-two sizes,
//! and the files about different cases, or a key grant and a typed note, fall in the same sizes.
//! Hence the reader can tell neither which case a file is about nor which device works on which
//! case: files about any case by the same author in the same bucket look alike.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use casustafel_domain::case::{CaseFilter, CaseUpdate, RiskLevel, Track};
use casustafel_domain::referral::{CriterionAnswer, ReferralDraft, TriageDraft, TriageOutcome};
use casustafel_domain::{CaseId, OrganisationId, TableId};
use casustafel_live::folder::FolderSync;
use casustafel_store::Store;
use casustafel_sync::envelope;
use casustafel_sync::{DocRef, OutFile};

const PASS: &str = "een lange proefzin voor wie de map leest";

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// A case admitted at `table` with `partners`, from a referral, as a chair does it.
fn add_case(store: &mut Store, table: TableId, i: usize, partners: Vec<OrganisationId>) -> CaseId {
    let t = store
        .list_tables()
        .expect("tables")
        .into_iter()
        .find(|t| t.id == table)
        .expect("table");
    let r = store
        .create_referral(
            table,
            &ReferralDraft {
                anonymous: true,
                referrer: partners.first().copied(),
                phenomena: vec![t.settings.phenomena[0]],
                concern: format!("Zorgmelding {i}: één gezin, ça suffit, 🙂 שלום"),
                question: "Wie neemt wat op?".into(),
                tried: "Gesprekken.".into(),
                urgency: Some(casustafel_domain::referral::Urgency::Normal),
                person_informed: Some(true),
                not_informed_reason: String::new(),
            },
            true,
            now(),
        )
        .expect("referral");
    let criteria = t
        .settings
        .admission_criteria
        .iter()
        .map(|c| CriterionAnswer {
            criterion: c.clone(),
            met: true,
        })
        .collect();
    let today = now().date_naive();
    let case = store
        .triage_referral(
            r.id,
            &TriageDraft {
                criteria,
                outcome: Some(TriageOutcome::Admitted),
                reasons: "Voldoet.".into(),
                redirected_to: String::new(),
            },
            today,
            now(),
        )
        .expect("triage")
        .case_id
        .expect("a case");
    store
        .update_case(
            case,
            &CaseUpdate {
                phenomena: vec![t.settings.phenomena[0]],
                risk: Some(RiskLevel::Green),
                track: Some(Track::PartnerFollowUp),
                partners,
                casusregisseur: None,
                next_review: casustafel_domain::format_date(today + chrono::Duration::days(21)),
            },
            today,
            now(),
        )
        .expect("partners");
    case
}

fn pass(stores: &mut [&mut Store]) {
    for s in stores.iter_mut() {
        for (_, r) in s.sync_all(now()).expect("sync") {
            r.expect("pass");
        }
    }
}

/// Every file in `folder`, as (name, bytes).
fn files(folder: &Path) -> Vec<OutFile> {
    let mut out = Vec::new();
    for dev in std::fs::read_dir(folder).expect("folder").flatten() {
        for f in std::fs::read_dir(dev.path()).expect("device").flatten() {
            out.push(OutFile {
                name: format!(
                    "{}/{}",
                    dev.file_name().to_string_lossy(),
                    f.file_name().to_string_lossy()
                ),
                bytes: std::fs::read(f.path()).expect("file"),
            });
        }
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

struct Table {
    id: TableId,
    folder: PathBuf,
    cases: Vec<CaseId>,
}

#[test]
fn a_folder_reader_cannot_tell_who_works_on_which_case() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = |n: &str| root.path().join(n);
    // Two municipalities' chairs: the demo's two tables, and a neighbour's LIVC-R.
    let (mut chair_a, lzo) = casustafel_tests::demo_chair(&dir("voorzitter-a"), PASS, now());
    let (mut chair_b, lzo_b) = casustafel_tests::demo_chair(&dir("voorzitter-b"), PASS, now());
    let ifg = chair_a
        .list_tables()
        .expect("tables")
        .into_iter()
        .find(|t| t.settings.case_prefix == "IFG")
        .expect("IFG");
    let mut tables = Vec::new();
    let mut members: Vec<(usize, Store)> = Vec::new();
    // (chair index, table, participants to enrol, cases to add)
    let plan: [(usize, TableId, &[&str], usize); 3] = [
        (
            0,
            lzo.id,
            &["Youssef El Amrani", "Sofie Lambrecht", "Koen Verhaege"],
            18,
        ),
        (0, ifg.id, &["Greet De Smet", "Sofie Lambrecht"], 14),
        (
            1,
            lzo_b.id,
            &["Youssef El Amrani", "Sofie Lambrecht", "Koen Verhaege"],
            13,
        ),
    ];
    for (t, (c, table, people, extra)) in plan.into_iter().enumerate() {
        let chair = if c == 0 { &mut chair_a } else { &mut chair_b };
        let orgs: Vec<OrganisationId> = chair
            .list_organisations()
            .expect("orgs")
            .into_iter()
            .map(|o| o.id)
            .collect();
        for i in 0..extra {
            // Each case its own mix of partners.
            let partners: Vec<OrganisationId> = orgs
                .iter()
                .enumerate()
                .filter(|(k, _)| (i + k + t) % 3 != 0)
                .map(|(_, o)| *o)
                .collect();
            add_case(chair, table, t * 100 + i, partners);
        }
        let folder = dir(&format!("map-{t}"));
        std::fs::create_dir_all(&folder).expect("folder");
        chair.share_table(table, &folder, now()).expect("share");
        for (k, name) in people.iter().enumerate() {
            let m = casustafel_tests::enrol(
                chair,
                table,
                name,
                &dir(&format!("toestel-{t}-{k}")),
                &folder,
                PASS,
                now(),
            );
            members.push((t, m));
        }
        let cases = chair
            .list_cases(
                &CaseFilter {
                    table: Some(table),
                    ..CaseFilter::default()
                },
                now().date_naive(),
            )
            .expect("cases")
            .into_iter()
            .map(|c| c.id)
            .collect();
        tables.push(Table {
            id: table,
            folder,
            cases,
        });
    }
    assert_eq!(members.len() + 2, 10, "ten devices");
    assert_eq!(tables.iter().map(|t| t.cases.len()).sum::<usize>(), 50);
    for _ in 0..2 {
        pass(&mut [&mut chair_a, &mut chair_b]);
        for (_, m) in members.iter_mut() {
            pass(&mut [m]);
        }
    }
    // Partners write notes on their actions; the chair of the first table removes a device.
    for (t, m) in members.iter_mut() {
        if let Some(a) = m
            .list_actions(None)
            .expect("actions")
            .into_iter()
            .find(|a| a.may_update)
        {
            let note = format!("Opgevolgd aan tafel {t}: één gesprek, reçu ✓");
            casustafel_tests::add_progress_note(m, a.id, &note, now());
        }
    }
    let removed = members[2].1.device_fingerprint().expect("fingerprint");
    chair_a
        .remove_device(tables[0].id, &removed, now())
        .expect("remove");
    for _ in 0..2 {
        // The removed device is told so at its next pass; the others go on.
        for (_, m) in members
            .iter_mut()
            .enumerate()
            .filter(|(i, _)| *i != 2)
            .map(|(_, m)| m)
        {
            pass(&mut [m]);
        }
        pass(&mut [&mut chair_a, &mut chair_b]);
    }

    // Everything the reader knows.
    let mut secrets: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut known_devices = Vec::new();
    for s in [&chair_a, &chair_b]
        .into_iter()
        .chain(members.iter().map(|(_, m)| m))
    {
        known_devices.push(s.sync_keys().expect("keys").id());
        for t in s.list_tables().expect("tables") {
            secrets.insert(format!("table {}", t.id), t.id.0.as_bytes().to_vec());
            secrets.insert(
                format!("table text {}", t.id),
                t.id.to_string().into_bytes(),
            );
        }
        for o in s.list_organisations().expect("orgs") {
            secrets.insert(format!("org {}", o.id), o.id.0.as_bytes().to_vec());
        }
    }
    for t in &tables {
        for c in &t.cases {
            secrets.insert(format!("case {c}"), c.0.as_bytes().to_vec());
            secrets.insert(format!("case text {c}"), c.to_string().into_bytes());
            secrets.insert(
                format!("case hex {c}"),
                c.0.simple().to_string().into_bytes(),
            );
        }
        for m in chair_a
            .list_meetings(t.id)
            .into_iter()
            .chain(chair_b.list_meetings(t.id))
            .flatten()
        {
            secrets.insert(format!("meeting {}", m.id), m.id.0.as_bytes().to_vec());
        }
    }

    let mut boxes = BTreeMap::new(); // sealed size -> count
    let mut randoms = BTreeSet::new();
    let mut about_cases: BTreeMap<CaseId, BTreeSet<usize>> = BTreeMap::new();
    let mut checked = 0;
    for t in &tables {
        for f in files(&t.folder) {
            for (what, needle) in &secrets {
                assert!(!contains(&f.bytes, needle), "{} names {what}", f.name);
            }
            if f.name.starts_with("enrol/") {
                continue;
            }
            let v = envelope::read(&f.bytes, Some(&f.name)).expect("a verified file");
            for d in &known_devices {
                if *d != v.author {
                    assert!(!contains(&f.bytes, &d.signing), "{} names a device", f.name);
                    assert!(
                        !contains(&f.bytes, &d.agreement),
                        "{} names a device",
                        f.name
                    );
                }
            }
            let size = v.payload.sealed.len() - 16;
            assert!(size.is_power_of_two() && size >= 1024, "{}: {size}", f.name);
            *boxes.entry(size).or_insert(0) += 1;
            assert!(
                randoms.insert(v.payload.ephemeral.to_vec()),
                "a repeated key"
            );
            assert!(randoms.insert(v.payload.nonce.to_vec()), "a repeated nonce");
            // What an insider (the chair's device) knows the file is about, to compare sizes.
            let insider = if tables[2].id == t.id {
                &chair_b
            } else {
                &chair_a
            };
            if let Some((DocRef::Case(c), _)) = insider.forge_about(t.id, &f).expect("about") {
                about_cases.entry(c).or_default().insert(size);
            }
            checked += 1;
        }
    }
    println!("{checked} files; sealed sizes: {boxes:?}");
    assert!(checked > 200, "{checked} files");
    assert!(boxes.len() <= 6, "few sizes: {boxes:?}");
    // Files about different cases come in the same few sizes, shared with files about nothing
    // case-related (key grants, the register): a size points at no case.
    assert!(about_cases.len() >= 40, "{} cases seen", about_cases.len());
    let mut per_size: BTreeMap<usize, usize> = BTreeMap::new();
    for sizes in about_cases.values() {
        for s in sizes {
            *per_size.entry(*s).or_insert(0) += 1;
        }
    }
    println!("cases per size: {per_size:?}");
    for (size, cases) in &per_size {
        assert!(
            *cases >= 2 || boxes[size] > *cases,
            "the size {size} would point at one case"
        );
    }
}
