//! Sync as separate processes sharing one folder: the chair's device and two partners' devices run
//! at the same time, each adding progress notes to the same action and syncing through the folder.
//! Afterwards every device holds every acknowledged note, and the same ones.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};

use casustafel_domain::case::CaseFilter;
use casustafel_store::{demo, KdfParams, Profile, Store};

const PASS: &str = "drie processen, een map";

fn profile(dir: &Path) -> Store {
    Profile::new(dir)
        .create(
            PASS,
            PASS,
            KdfParams::insecure_for_tests().expect("kdf"),
            chrono::Utc::now(),
        )
        .expect("profile")
}

fn notes(store: &Store, case: casustafel_domain::CaseId, action: &str) -> BTreeSet<String> {
    store
        .case_document(case)
        .expect("doc")
        .and_then(|d| d.actions.get(action).cloned())
        .map(|a| a.progress.values().map(|p| p.text.clone()).collect())
        .unwrap_or_default()
}

#[test]
fn three_processes_converge_through_one_folder() {
    let root = tempfile::tempdir().expect("tempdir");
    let folder = root.path().join("map");
    std::fs::create_dir_all(&folder).expect("folder");
    let now = chrono::Utc::now();
    let dirs = [
        root.path().join("voorzitter"),
        root.path().join("caw"),
        root.path().join("ocmw"),
    ];

    // Set up in this process: share, invite, join, admit.
    let (table, case, action) = {
        let mut chair = profile(&dirs[0]);
        chair.set_owner_name(demo::DEMO_OWNER).expect("owner");
        demo::seed(&mut chair, now).expect("demo");
        let table = chair
            .list_tables()
            .expect("tables")
            .into_iter()
            .find(|t| t.settings.case_prefix == "LZO")
            .expect("LIVC-R");
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
        chair.share_table(table.id, &folder, now).expect("share");
        let people = chair.list_participants(table.id).expect("people");
        for (dir, name) in [
            (&dirs[1], "Youssef El Amrani"),
            (&dirs[2], "Sofie Lambrecht"),
        ] {
            let who = people
                .iter()
                .find(|p| p.name == name)
                .expect("participant")
                .id;
            let code = chair.invite(table.id, who, now).expect("invite").code;
            let mut member = profile(dir);
            let fp = member.join_table(&code, &folder, name, now).expect("join");
            chair.sync_now(table.id, now).expect("request");
            chair.admit_device(table.id, &fp, now).expect("admit");
        }
        for dir in &dirs[1..] {
            let mut member = Profile::new(dir).unlock(PASS).expect("unlock");
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
        (table.id, case, action)
    };

    // Three processes at once.
    let children: Vec<_> = dirs
        .iter()
        .zip(["voorzitter", "caw", "ocmw"])
        .map(|(dir, tag)| {
            Command::new(env!("CARGO_BIN_EXE_syncer"))
                .arg(dir)
                .arg(PASS)
                .arg(action.to_string())
                .arg("8")
                .arg(tag)
                .stdout(Stdio::piped())
                .spawn()
                .expect("syncer")
        })
        .collect();
    let mut acknowledged = BTreeSet::new();
    for child in children {
        let out = child.wait_with_output().expect("syncer ran");
        assert!(out.status.success(), "a syncer failed");
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            if let Some(note) = line.strip_prefix("ack ") {
                acknowledged.insert(note.to_string());
            }
        }
    }
    assert_eq!(acknowledged.len(), 24);

    // Everyone syncs a few more times; then all hold the same notes, every acknowledged one.
    let mut stores: Vec<Store> = dirs
        .iter()
        .map(|d| Profile::new(d).unlock(PASS).expect("unlock"))
        .collect();
    for _ in 0..3 {
        for s in stores.iter_mut() {
            for (_, r) in s.sync_all(now).expect("sync") {
                r.expect("pass");
            }
        }
    }
    let action = action.to_string();
    let seen: Vec<BTreeSet<String>> = stores.iter().map(|s| notes(s, case, &action)).collect();
    for (i, notes) in seen.iter().enumerate() {
        let missing: Vec<_> = acknowledged.difference(notes).collect();
        assert!(missing.is_empty(), "device {i} lost {missing:?}");
    }
    assert_eq!(seen[0], seen[1]);
    assert_eq!(seen[1], seen[2]);
    let _ = table;
}
