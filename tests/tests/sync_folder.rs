//! Two profiles, one shared folder, through the store as the app uses it: the chair shares the
//! demo's LIVC-R table and invites a CAW participant; the participant's device joins with the code,
//! receives the table and the cases CAW is a partner of — and nothing else — sees its two actions,
//! marks one done; the chair sees that. Codes that are mistyped, unknown or used are told apart.

use std::path::Path;

use casustafel_api::sync::SetAsideReason;
use casustafel_domain::case::{CaseFilter, CaseUpdate};
use casustafel_domain::meeting::{ActionDraft, ActionStatus, MeetingAction, MeetingDraft};
use casustafel_live::folder::FolderSync;
use casustafel_store::{Store, StoreError, SyncProblem};

const CANARY: &str = "KANARIE-enkel-voor-de-partners-van-001";

const PASS: &str = "een lange proefzin voor sync";

fn profile(dir: &Path) -> Store {
    casustafel_tests::new_profile(dir, PASS)
}

/// The chair's profile: the demo, with its LIVC-R table.
fn demo_chair(
    root: &Path,
    now: chrono::DateTime<chrono::Utc>,
) -> (Store, casustafel_domain::Table) {
    casustafel_tests::demo_chair(&root.join("voorzitter"), PASS, now)
}

fn folder_has(folder: &Path, needle: &[u8]) -> bool {
    walk(folder).iter().any(|f| {
        std::fs::read(f)
            .map(|b| b.windows(needle.len()).any(|w| w == needle))
            .unwrap_or(false)
    })
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_participant_joins_sees_its_actions_marks_one_done_and_the_chair_sees_it() {
    let root = tempfile::tempdir().expect("tempdir");
    let folder = root.path().join("gedeelde-map");
    std::fs::create_dir_all(&folder).expect("folder");
    let now = chrono::Utc::now();
    let today = now.date_naive();

    // The chair: the demo profile.
    let (mut chair, table) = demo_chair(root.path(), now);
    let orgs = chair.list_organisations().expect("orgs");
    let caw = orgs
        .iter()
        .find(|o| o.name == "CAW Zonnedijk")
        .expect("CAW")
        .id;
    let youssef = chair
        .list_participants(table.id)
        .expect("people")
        .into_iter()
        .find(|p| p.name == "Youssef El Amrani")
        .expect("CAW participant");
    let cases = chair
        .list_cases(
            &CaseFilter {
                table: Some(table.id),
                ..CaseFilter::default()
            },
            today,
        )
        .expect("cases");
    let (shared_case, private_case) = (&cases[0], &cases[1]);
    assert!(!private_case.partners.contains(&caw));
    // CAW is a partner of the first case (and stays one); two actions for CAW in a new meeting.
    chair
        .update_case(
            shared_case.id,
            &CaseUpdate {
                phenomena: shared_case.phenomena.clone(),
                risk: shared_case.risk,
                track: shared_case.track,
                partners: shared_case.partners.clone(),
                casusregisseur: shared_case.casusregisseur,
                next_review: casustafel_domain::format_date(today + chrono::Duration::days(21)),
            },
            today,
            now,
        )
        .expect("partners");
    let meeting = chair
        .plan_meeting(
            table.id,
            &MeetingDraft {
                date: casustafel_domain::format_date(today),
                place: "Raadzaal".into(),
            },
            today,
            now,
        )
        .expect("meeting");
    chair
        .advance_meeting(meeting.id, MeetingAction::Open, now)
        .expect("open");
    for what in ["Intake bij het CAW", "Terugkoppeling aan de school"] {
        chair
            .add_action(
                shared_case.id,
                meeting.id,
                &ActionDraft {
                    what: what.into(),
                    owner: Some(caw),
                    owner_person: "Youssef".into(),
                    due: casustafel_domain::format_date(today + chrono::Duration::days(14)),
                    expected_feedback: String::new(),
                },
                today,
                now,
            )
            .expect("action");
    }
    chair
        .save_discussion(meeting.id, private_case.id, CANARY, "Besluit", now)
        .expect("notes");

    // Sharing needs a reachable folder.
    assert!(matches!(
        chair.share_table(table.id, &root.path().join("usb-stick-weg"), now),
        Err(StoreError::Sync(SyncProblem::FolderUnreachable { .. }))
    ));
    chair.share_table(table.id, &folder, now).expect("share");
    let code = chair
        .invite(table.id, youssef.id, now)
        .expect("invite")
        .code;

    // The participant's device: an empty profile of its own.
    let mut member = profile(&root.path().join("caw"));
    assert!(matches!(
        member.join_table("ABCD-EFGH", &folder, "Laptop CAW", now),
        Err(StoreError::Sync(SyncProblem::CodeMistyped))
    ));
    let fingerprint = member
        .join_table(&code.to_lowercase(), &folder, "Laptop CAW", now)
        .expect("join");
    assert_eq!(fingerprint, member.device_fingerprint().expect("fp"));

    // The chair's next sync welcomes it; the participant's sync brings the table in.
    let report = chair.sync_now(table.id, now).expect("chair sync");
    assert_eq!(report.joined, vec![fingerprint.clone()]);
    // The request waits for the chair, who compares the fingerprint and admits the device.
    let status = chair.sync_status(table.id).expect("status");
    assert_eq!(status.pending.len(), 1);
    assert_eq!(status.pending[0].fingerprint, fingerprint);
    assert_eq!(status.pending[0].participant, "Youssef El Amrani");
    for (_, r) in member.sync_all(now).expect("member sync") {
        r.expect("member pass");
    }
    assert!(
        member.list_tables().expect("tables").is_empty(),
        "not before the chair admits it"
    );
    chair
        .admit_device(table.id, &fingerprint, now)
        .expect("admit");
    let chair_fp = chair.device_fingerprint().expect("fingerprint");
    casustafel_tests::accept_welcome(&mut member, &chair_fp, now);
    for _ in 0..2 {
        for (_, r) in member.sync_all(now).expect("member sync") {
            r.expect("member pass");
        }
    }
    let tables = member.list_tables().expect("member tables");
    assert_eq!(tables.len(), 1, "the shared table, nothing else");
    assert_eq!(tables[0].name, table.name);
    let status = member.sync_status(table.id).expect("status");
    assert!(status.devices.iter().any(|d| d.fingerprint == fingerprint));
    assert!(!member.rights(table.id).expect("rights").runs_table);

    // Its actions, under its own partner.
    let mine = member.list_actions(None).expect("actions");
    let whats: Vec<&str> = mine.iter().map(|a| a.what.as_str()).collect();
    assert!(whats.contains(&"Intake bij het CAW"), "{whats:?}");
    assert!(whats.contains(&"Terugkoppeling aan de school"), "{whats:?}");
    assert!(
        mine.iter().all(|a| a.case_id == shared_case.id),
        "only the case CAW is a partner of: {whats:?}"
    );
    assert!(
        member
            .discussion(meeting.id, private_case.id)
            .expect("none")
            .0
            .is_empty(),
        "the other case's notes never reach this device"
    );
    assert!(
        !folder_has(&folder, CANARY.as_bytes()),
        "the folder holds no plaintext"
    );

    // The register is the chair's: this device may not plan a meeting or change the case.
    assert!(matches!(
        member.plan_meeting(
            table.id,
            &MeetingDraft {
                date: casustafel_domain::format_date(today),
                place: "Elders".into(),
            },
            today,
            now,
        ),
        Err(StoreError::Sync(SyncProblem::NotKeeper))
    ));
    // Marked done here; the chair sees it after both sync.
    let intake = mine
        .iter()
        .find(|a| a.what == "Intake bij het CAW")
        .expect("intake");
    member
        .update_action(intake.id, ActionStatus::Done, "Intake gedaan.", now)
        .expect("done");
    for (_, r) in member.sync_all(now).expect("member sync") {
        r.expect("member pass");
    }
    chair.sync_now(table.id, now).expect("chair sync");
    let seen = chair
        .list_actions(Some(caw))
        .expect("chair actions")
        .into_iter()
        .find(|a| a.id == intake.id)
        .expect("the action");
    assert_eq!(seen.status, ActionStatus::Done);

    // The folder goes away (a stick pulled out): the automatic sync says so, and nothing is lost.
    let moved = root.path().join("weggelegd");
    std::fs::rename(&folder, &moved).expect("unplug");
    let results = member.sync_all(now).expect("sync");
    assert!(matches!(
        results[0].1,
        Err(StoreError::Sync(SyncProblem::FolderUnreachable { .. }))
    ));
    assert_eq!(
        member.sync_status(table.id).expect("status").last_error,
        Some(casustafel_api::SyncProblem::FolderUnreachable)
    );
    std::fs::rename(&moved, &folder).expect("plug back in");
    for (_, r) in member.sync_all(now).expect("sync") {
        r.expect("pass");
    }
    assert_eq!(
        member.sync_status(table.id).expect("status").last_error,
        None
    );

    // The code was used: a second device cannot use it again.
    let mut third = profile(&root.path().join("derde"));
    third
        .join_table(&code, &folder, "Nog een toestel", now)
        .expect("request written");
    let report = chair.sync_now(table.id, now).expect("chair sync");
    assert!(report.joined.is_empty());
    assert!(
        report
            .set_aside
            .iter()
            .any(|s| s.reason == SetAsideReason::CodeUsed),
        "{:?}",
        report.set_aside
    );
    // The third device is told why, instead of waiting.
    third.sync_all(now).expect("sync");
    assert_eq!(
        third.refused_joins().expect("refused"),
        vec!["code_used".to_string()]
    );
    assert!(third.list_tables().expect("tables").is_empty());
}

#[test]
fn a_removed_device_is_told_and_reads_nothing_written_after() {
    let root = tempfile::tempdir().expect("tempdir");
    let folder = root.path().join("map");
    std::fs::create_dir_all(&folder).expect("folder");
    let now = chrono::Utc::now();
    let today = now.date_naive();
    let (mut chair, table) = demo_chair(root.path(), now);
    let youssef = chair
        .list_participants(table.id)
        .expect("people")
        .into_iter()
        .find(|p| p.name == "Youssef El Amrani")
        .expect("CAW participant");
    chair.share_table(table.id, &folder, now).expect("share");
    let code = chair
        .invite(table.id, youssef.id, now)
        .expect("invite")
        .code;
    let mut member = profile(&root.path().join("caw"));
    let fp = member
        .join_table(&code, &folder, "Laptop CAW", now)
        .expect("join");
    chair.sync_now(table.id, now).expect("request");
    chair.admit_device(table.id, &fp, now).expect("admit");
    let chair_fp = chair.device_fingerprint().expect("fingerprint");
    casustafel_tests::accept_welcome(&mut member, &chair_fp, now);
    for _ in 0..2 {
        for (_, r) in member.sync_all(now).expect("sync") {
            r.expect("pass");
        }
    }
    let before = member.list_actions(None).expect("actions").len();
    assert!(before > 0);

    chair.remove_device(table.id, &fp, now).expect("remove");
    // A new action for CAW after the removal.
    let case = chair
        .list_cases(
            &CaseFilter {
                table: Some(table.id),
                ..CaseFilter::default()
            },
            today,
        )
        .expect("cases")[0]
        .clone();
    let caw = chair
        .list_organisations()
        .expect("orgs")
        .into_iter()
        .find(|o| o.name == "CAW Zonnedijk")
        .expect("CAW")
        .id;
    let meeting = casustafel_tests::open_meeting_today(&mut chair, table.id, now);
    chair
        .add_action(
            case.id,
            meeting,
            &ActionDraft {
                what: "Na de verwijdering".into(),
                owner: Some(caw),
                owner_person: String::new(),
                due: casustafel_domain::format_date(today + chrono::Duration::days(3)),
                expected_feedback: String::new(),
            },
            today,
            now,
        )
        .expect("action");
    chair.sync_now(table.id, now).expect("rotate and write");
    assert!(!chair
        .sync_status(table.id)
        .expect("status")
        .devices
        .iter()
        .any(|d| d.fingerprint == fp));
    let results = member.sync_all(now).expect("sync");
    assert!(
        results
            .iter()
            .any(|(_, r)| matches!(r, Err(StoreError::Sync(SyncProblem::Removed)))),
        "the removed device is told"
    );
    assert!(
        member
            .list_actions(None)
            .expect("actions")
            .iter()
            .all(|a| a.what != "Na de verwijdering"),
        "nothing written after the removal is readable to it"
    );
}

#[test]
fn an_ad_hoc_participant_receives_only_their_case() {
    let root = tempfile::tempdir().expect("tempdir");
    let folder = root.path().join("map");
    std::fs::create_dir_all(&folder).expect("folder");
    let now = chrono::Utc::now();
    let today = now.date_naive();
    let (mut chair, table) = demo_chair(root.path(), now);
    let lotte = chair
        .list_participants(table.id)
        .expect("people")
        .into_iter()
        .find(|p| p.name.starts_with("Lotte"))
        .expect("the ad hoc youth worker");
    assert_eq!(lotte.cases.len(), 1);
    let her_case = lotte.cases[0];
    chair.share_table(table.id, &folder, now).expect("share");
    let code = chair.invite(table.id, lotte.id, now).expect("invite").code;
    let mut device = profile(&root.path().join("jeugdwerk"));
    let fp = device
        .join_table(&code, &folder, "Tablet jeugdwerk", now)
        .expect("join");
    chair.sync_now(table.id, now).expect("request");
    chair.admit_device(table.id, &fp, now).expect("admit");
    let chair_fp = chair.device_fingerprint().expect("fingerprint");
    casustafel_tests::accept_welcome(&mut device, &chair_fp, now);
    for _ in 0..2 {
        for (_, r) in device.sync_all(now).expect("sync") {
            r.expect("pass");
        }
    }
    let cases = device
        .list_cases(&CaseFilter::default(), today)
        .expect("cases");
    assert_eq!(
        cases.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![her_case],
        "her case, and no other case of the register"
    );
    assert!(
        device.list_meetings(table.id).expect("meetings").is_empty(),
        "no meeting documents or meeting list for an ad hoc participant"
    );
    let actions = device.list_actions(None).expect("actions");
    assert!(!actions.is_empty());
    assert!(actions.iter().all(|a| a.case_id == her_case));
}

#[test]
fn the_chair_can_turn_a_device_away_and_it_is_told() {
    let root = tempfile::tempdir().expect("tempdir");
    let folder = root.path().join("map");
    std::fs::create_dir_all(&folder).expect("folder");
    let now = chrono::Utc::now();
    let (mut chair, table) = demo_chair(root.path(), now);
    let someone = chair.list_participants(table.id).expect("people")[1].id;
    chair.share_table(table.id, &folder, now).expect("share");
    let code = chair.invite(table.id, someone, now).expect("invite").code;
    let mut device = profile(&root.path().join("onbekend"));
    let fp = device
        .join_table(&code, &folder, "Onbekend toestel", now)
        .expect("join");
    chair.sync_now(table.id, now).expect("request");
    chair.refuse_device(table.id, &fp, now).expect("refuse");
    assert!(chair
        .sync_status(table.id)
        .expect("status")
        .pending
        .is_empty());
    device.sync_all(now).expect("sync");
    assert_eq!(
        device.refused_joins().expect("refused"),
        vec!["join_refused".to_string()]
    );
    assert!(device.list_tables().expect("tables").is_empty());
}

/// Those who run the meeting write a case's notes and decision. On a partner's device the store
/// refuses them (the screen shows them read-only), and nothing of the chair's text changes there
/// or on the chair's device.
#[test]
fn a_partner_device_may_not_write_the_notes_or_decision() {
    let shared = casustafel_tests::SharedCase::new(PASS);
    let now = chrono::Utc::now();
    let open = |i: usize| {
        casustafel_store::Profile::new(&shared.dirs[i])
            .unlock(PASS)
            .unwrap()
    };
    let mut chair = open(0);
    let meeting = casustafel_tests::open_meeting_today(&mut chair, shared.table, now);
    let said = "Besproken: de élève is geïnformeerd 👋 مرحبا";
    chair
        .save_discussion(meeting, shared.case, said, "Spoor 2", now)
        .unwrap();
    let mut caw = open(1);
    let mut stores = [chair, caw];
    casustafel_tests::sync_rounds(&mut stores, 2, now);
    [chair, caw] = stores;
    assert!(matches!(
        caw.save_discussion(meeting, shared.case, "Iets anders", "Ander besluit", now),
        Err(StoreError::Sync(SyncProblem::NotChair))
    ));
    let mut stores = [chair, caw];
    casustafel_tests::sync_rounds(&mut stores, 2, now);
    for s in &stores {
        assert_eq!(
            s.discussion(meeting, shared.case).unwrap(),
            (said.to_string(), "Spoor 2".to_string())
        );
    }
}
