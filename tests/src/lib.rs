//! Shared helpers for Casustafel's cross-crate and end-to-end tests (in `tests/`).

use std::path::{Path, PathBuf};

use casustafel_domain::meeting::MeetingDraft;
use casustafel_domain::organisation::{OrgCategory, OrganisationDraft};
use casustafel_domain::referral::{
    CriterionAnswer, ReferralDraft, TriageDraft, TriageOutcome, Urgency,
};
use casustafel_domain::{CaseId, MeetingId, OrganisationId};
use casustafel_live::folder::FolderSync;
use casustafel_store::{KdfParams, Profile, Store};

/// A fresh profile in `dir` (test-only KDF costs) with one table, one partner, one admitted case and
/// a meeting planned for today with that case on its agenda.
pub fn meeting_scenario(
    dir: &Path,
    passphrase: &str,
) -> (Store, MeetingId, CaseId, OrganisationId) {
    let profile = Profile::new(dir);
    let now = chrono::Utc::now();
    let today = now.date_naive();
    let mut s = profile
        .create(
            passphrase,
            passphrase,
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
    (s, meeting, case, org)
}

/// Files under `dir` whose bytes contain `needle`.
pub fn files_containing(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut hits = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                if bytes.windows(needle.len()).any(|w| w == needle) {
                    hits.push(path);
                }
            }
        }
    }
    hits
}

/// A new profile in `dir` with test-only KDF costs.
pub fn new_profile(dir: &Path, passphrase: &str) -> Store {
    Profile::new(dir)
        .create(
            passphrase,
            passphrase,
            KdfParams::insecure_for_tests().expect("kdf"),
            chrono::Utc::now(),
        )
        .expect("profile")
}

/// The chair's profile in `dir`: the demo, with its LIVC-R table.
pub fn demo_chair(
    dir: &Path,
    passphrase: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> (Store, casustafel_domain::Table) {
    let mut chair = new_profile(dir, passphrase);
    chair
        .set_owner_name(casustafel_store::demo::DEMO_OWNER)
        .expect("owner");
    casustafel_store::demo::seed(&mut chair, now).expect("demo");
    let table = chair
        .list_tables()
        .expect("tables")
        .into_iter()
        .find(|t| t.settings.case_prefix == "LZO")
        .expect("LIVC-R");
    (chair, table)
}

/// Adds a progress note to `action`, keeping its status, as a partner does in *Mijn afspraken*.
pub fn add_progress_note(
    store: &mut Store,
    action: casustafel_domain::ActionId,
    note: &str,
    now: chrono::DateTime<chrono::Utc>,
) {
    let status = store
        .list_actions(None)
        .expect("actions")
        .into_iter()
        .find(|a| a.id == action)
        .map(|a| a.status)
        .unwrap_or(casustafel_domain::meeting::ActionStatus::Open);
    store
        .update_action(action, status, note, now)
        .expect("note");
}

/// `rounds` folder passes on every store, each pass expected to succeed.
pub fn sync_rounds(stores: &mut [Store], rounds: usize, now: chrono::DateTime<chrono::Utc>) {
    for _ in 0..rounds {
        for s in stores.iter_mut() {
            for (_, r) in s.sync_all(now).expect("sync") {
                r.expect("pass");
            }
        }
    }
}

/// Three profiles sharing the demo's LIVC-R table through `folder`: the chair (`dirs[0]`, the demo
/// profile), and the CAW and OCMW participants' devices (`dirs[1]`, `dirs[2]`), enrolled and admitted,
/// each holding case 001. All with `passphrase` and test-only KDF costs; the stores are closed on
/// return. Returns the table, the case, its CAW action ("Huisbezoek samen met de wijkagent") and an
/// OCMW action agreed in a meeting today (each partner reports on its own organisation's actions).
pub fn shared_case_scenario(
    dirs: &[PathBuf; 3],
    folder: &Path,
    passphrase: &str,
) -> (
    casustafel_domain::TableId,
    CaseId,
    casustafel_domain::ActionId,
    casustafel_domain::ActionId,
) {
    use casustafel_domain::case::CaseFilter;
    let now = chrono::Utc::now();
    let (mut chair, table) = demo_chair(&dirs[0], passphrase, now);
    let case = chair
        .list_cases(
            &CaseFilter {
                table: Some(table.id),
                ..CaseFilter::default()
            },
            now.date_naive(),
        )
        .expect("cases")[0]
        .id;
    let action = chair
        .list_actions(None)
        .expect("actions")
        .into_iter()
        .find(|a| a.case_id == case && a.what == "Huisbezoek samen met de wijkagent")
        .expect("the action")
        .id;
    let ocmw = organisation(&chair, "OCMW");
    let meeting = open_meeting_today(&mut chair, table.id, now);
    let ocmw_action = chair
        .add_action(
            case,
            meeting,
            &casustafel_domain::meeting::ActionDraft {
                what: "Budgetbegeleiding bespreken".into(),
                owner: Some(ocmw),
                owner_person: String::new(),
                due: casustafel_domain::format_date(now.date_naive() + chrono::Duration::days(14)),
                expected_feedback: String::new(),
            },
            now.date_naive(),
            now,
        )
        .expect("OCMW action")
        .id;
    chair.share_table(table.id, folder, now).expect("share");
    for (dir, name) in [
        (&dirs[1], "Youssef El Amrani"),
        (&dirs[2], "Sofie Lambrecht"),
    ] {
        enrol(&mut chair, table.id, name, dir, folder, passphrase, now);
    }
    for dir in &dirs[1..] {
        let mut member = unlock(dir, passphrase);
        for _ in 0..2 {
            for (_, r) in member.sync_all(now).expect("sync") {
                r.expect("pass");
            }
        }
        assert!(
            member.case_document(case).expect("doc").is_some(),
            "a partner has the case"
        );
    }
    (table.id, case, action, ocmw_action)
}

/// On a device that asked to join: a pass reads the chair's answer, the person compares the
/// fingerprint it shows with the chair's screen (`chair_fingerprint`) and confirms it.
pub fn accept_welcome(
    member: &mut Store,
    chair_fingerprint: &str,
    now: chrono::DateTime<chrono::Utc>,
) {
    for (_, r) in member.sync_all(now).expect("sync") {
        r.expect("pass");
    }
    let welcome = member
        .welcomes_to_confirm()
        .expect("welcomes")
        .into_iter()
        .next()
        .expect("the chair's answer");
    assert_eq!(
        welcome.chair, chair_fingerprint,
        "the chair's device answered"
    );
    member
        .confirm_welcome(&welcome.id, true, now)
        .expect("confirm");
}

/// Three enrolled devices (see `shared_case_scenario`) in a fresh temporary folder: the chair's
/// (`dirs[0]`), CAW's (`dirs[1]`) and OCMW's (`dirs[2]`) profiles and the shared `folder`.
#[derive(Debug)]
pub struct SharedCase {
    pub root: tempfile::TempDir,
    pub folder: PathBuf,
    pub dirs: [PathBuf; 3],
    pub table: casustafel_domain::TableId,
    pub case: CaseId,
    /// CAW's action on the case.
    pub action: casustafel_domain::ActionId,
    /// The action each device reports on: CAW's for the chair and CAW, OCMW's for OCMW.
    pub actions: [casustafel_domain::ActionId; 3],
}

impl SharedCase {
    pub fn new(passphrase: &str) -> SharedCase {
        let root = tempfile::tempdir().expect("tempdir");
        let folder = root.path().join("map");
        std::fs::create_dir_all(&folder).expect("folder");
        let dirs = [
            root.path().join("voorzitter"),
            root.path().join("caw"),
            root.path().join("ocmw"),
        ];
        let (table, case, action, ocmw_action) = shared_case_scenario(&dirs, &folder, passphrase);
        SharedCase {
            root,
            folder,
            dirs,
            table,
            case,
            action,
            actions: [action, action, ocmw_action],
        }
    }
}

/// Every progress note on every action of `case`, as `store` holds them.
pub fn case_notes(store: &Store, case: CaseId) -> std::collections::BTreeSet<String> {
    store
        .case_document(case)
        .expect("doc")
        .map(|d| {
            d.actions
                .values()
                .flat_map(|a| a.progress.values().map(|p| p.text.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// The progress notes of `action` in `case`'s document, as `store` holds them.
pub fn action_notes(
    store: &Store,
    case: CaseId,
    action: casustafel_domain::ActionId,
) -> std::collections::BTreeSet<String> {
    store
        .case_document(case)
        .expect("doc")
        .and_then(|d| d.actions.get(&action.to_string()).cloned())
        .map(|a| a.progress.values().map(|p| p.text.clone()).collect())
        .unwrap_or_default()
}

/// A meeting of `table` today, opened: one whose record may still be written (the demo's meeting has
/// an approved report, which freezes what was decided in it).
pub fn open_meeting_today(
    store: &mut Store,
    table: casustafel_domain::TableId,
    now: chrono::DateTime<chrono::Utc>,
) -> casustafel_domain::MeetingId {
    use casustafel_domain::meeting::{MeetingAction, MeetingDraft};
    let today = now.date_naive();
    let meeting = store
        .plan_meeting(
            table,
            &MeetingDraft {
                date: casustafel_domain::format_date(today),
                place: "Vergaderzaal".into(),
            },
            today,
            now,
        )
        .expect("plan");
    store
        .advance_meeting(meeting.id, MeetingAction::Open, now)
        .expect("open");
    meeting.id
}

/// The partner of `store` whose name contains `name` (the demo's "CAW", "OCMW", …).
pub fn organisation(store: &Store, name: &str) -> casustafel_domain::OrganisationId {
    store
        .list_organisations()
        .expect("organisations")
        .into_iter()
        .find(|o| o.name.contains(name))
        .unwrap_or_else(|| panic!("no partner {name}"))
        .id
}

/// The profile in `dir`, unlocked with `passphrase`.
pub fn unlock(dir: &Path, passphrase: &str) -> Store {
    Profile::new(dir).unlock(passphrase).expect("unlock")
}

/// A copy of the folder `from` (a closed profile, say) at `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for e in std::fs::read_dir(from).expect("read").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

/// Every change file in the shared `folder` (not the enrolment files), in name order.
pub fn change_files(folder: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name() != "enrol" && e.path().is_dir())
        .flat_map(|d| std::fs::read_dir(d.path()).into_iter().flatten().flatten())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "cst"))
        .collect();
    out.sort();
    out
}

/// The highest sequence number among `device`'s files in the shared `folder` (plain or spare
/// names), if it wrote any.
pub fn last_seq(folder: &Path, device: &casustafel_sync::DeviceId) -> Option<u64> {
    let own = casustafel_sync::envelope::file_name(device, 0);
    let dir = own.split('/').next().expect("dir");
    change_files(folder)
        .iter()
        .filter(|p| {
            p.parent()
                .and_then(|d| d.file_name())
                .is_some_and(|d| d == dir)
        })
        .filter_map(|p| {
            let stem = p.file_stem()?.to_str()?;
            u64::from_str_radix(stem.split('-').next()?, 16).ok()
        })
        .max()
}

/// A new device for the participant `name` of `table`, in `dir`: invited by the chair's device,
/// joined through `folder`, admitted, and the chair's fingerprint confirmed on it.
pub fn enrol(
    chair: &mut Store,
    table: casustafel_domain::TableId,
    name: &str,
    dir: &Path,
    folder: &Path,
    passphrase: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Store {
    let who = chair
        .list_participants(table)
        .expect("people")
        .into_iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no participant {name}"))
        .id;
    let code = chair.invite(table, who, now).expect("invite").code;
    let mut member = new_profile(dir, passphrase);
    let fp = member.join_table(&code, folder, name, now).expect("join");
    chair.sync_now(table, now).expect("request");
    chair.admit_device(table, &fp, now).expect("admit");
    let chair_fp = chair.device_fingerprint().expect("fingerprint");
    accept_welcome(&mut member, &chair_fp, now);
    member
}

/// This process's peak resident memory so far (VmHWM), in bytes.
pub fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .expect("VmHWM")
}

/// Resets the peak to what is resident now, so `peak_rss` measures what follows. (Linux; the
/// tests that use it run alone in their binary, one at a time.)
pub fn reset_peak_rss() {
    std::fs::write("/proc/self/clear_refs", "5").expect("clear_refs");
}

/// Hands everything in `from`'s outbox for `table` straight to `to`, as a live peer would (no
/// folder); returns what `to`'s pass reported.
pub fn hand_over(
    from: &mut Store,
    to: &mut Store,
    table: casustafel_domain::TableId,
    now: chrono::DateTime<chrono::Utc>,
) -> casustafel_store::SyncReport {
    let files = from.outbox(table).expect("outbox");
    for f in &files {
        from.sent(table, &f.name).expect("sent");
    }
    to.receive(table, files, casustafel_store::Source::Peer, now)
        .expect("the pass goes through")
}

/// The reasons `store`'s sync tab gives for what it set aside, one per file.
pub fn set_aside_reasons(
    store: &Store,
    table: casustafel_domain::TableId,
) -> Vec<casustafel_api::sync::SetAsideReason> {
    store
        .sync_status(table)
        .expect("status")
        .warnings
        .into_iter()
        .map(|w| w.reason)
        .collect()
}
