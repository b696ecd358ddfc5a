//! The welcome is checked by a person. The chair reads the one-time code aloud; someone who heard
//! it answers the joining device first, with a welcome of its own. The joining device trusts
//! nothing of an answer until the person compared the fingerprint of the device that answered with
//! the chair's screen: refused, the device stays unjoined and says to ask for a new code; the
//! chair's own pass is not held up by the file lying at its welcome's name.

use std::path::Path;

use casustafel_api::sync::SetAsideReason;
use casustafel_domain::{ParticipantId, TableId};
use casustafel_live::folder::FolderSync;
use casustafel_store::{Store, StoreError};
use casustafel_sync::enrol::{self, Code, Invitation};
use casustafel_sync::DeviceKeys;

const PASS: &str = "een lange proefzin voor het welkom";

fn profile(dir: &Path) -> Store {
    casustafel_tests::new_profile(dir, PASS)
}

#[test]
fn a_welcome_from_someone_who_heard_the_code_is_refused_and_trusts_nothing() {
    let root = tempfile::tempdir().expect("tempdir");
    let folder = root.path().join("map");
    std::fs::create_dir_all(&folder).expect("folder");
    let now = chrono::Utc::now();
    let (mut chair, table) =
        casustafel_tests::demo_chair(&root.path().join("voorzitter"), PASS, now);
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

    // Whoever heard the code answers first, as a chair of a table of its own.
    let eavesdropper = DeviceKeys::generate(&mut rand_core::OsRng);
    let parsed = Code::parse(&code).expect("code");
    let fake = Invitation::new(
        &parsed,
        TableId(uuid::Uuid::new_v4()),
        ParticipantId(uuid::Uuid::new_v4()),
        now.timestamp() + 3_600,
    );
    let welcome = enrol::welcome(
        &eavesdropper,
        &fake,
        "LIVC-R Zonnedijk",
        &mut rand_core::OsRng,
    );
    std::fs::create_dir_all(folder.join("enrol")).expect("enrol");
    std::fs::write(folder.join(&welcome.name), &welcome.bytes).expect("planted welcome");

    let mut member = profile(&root.path().join("caw"));
    let fp = member
        .join_table(&code, &folder, "Laptop CAW", now)
        .expect("join");
    for (_, r) in member.sync_all(now).expect("sync") {
        r.expect("pass");
    }
    assert!(
        member.sync_tables().expect("tables").is_empty(),
        "nothing of an answer is trusted before the person confirms it"
    );
    let shown = member.welcomes_to_confirm().expect("to confirm");
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].me, fp);
    let chair_fp = chair.device_fingerprint().expect("fingerprint");
    assert_ne!(
        shown[0].chair, chair_fp,
        "the screen shows who really answered"
    );
    assert_eq!(shown[0].chair, eavesdropper.id().fingerprint());

    // Not what the chair's screen shows: the person says so.
    assert!(matches!(
        member.confirm_welcome("000000", false, now),
        Err(StoreError::NotFound)
    ));
    member
        .confirm_welcome(&shown[0].id, false, now)
        .expect("refuse");
    assert!(member.sync_tables().expect("tables").is_empty());
    assert!(member.list_tables().expect("tables").is_empty());
    assert!(member.welcomes_to_confirm().expect("none").is_empty());
    assert_eq!(
        member.refused_joins().expect("refused"),
        vec!["welcome_refused".to_string()]
    );

    // The chair, meanwhile, admits the device: its welcome's name is taken, which holds nothing up.
    chair.sync_now(table.id, now).expect("request");
    chair.admit_device(table.id, &fp, now).expect("admit");
    chair.sync_now(table.id, now).expect("not held up");
    assert!(chair.outbox(table.id).expect("outbox").is_empty());
    let warned: Vec<_> = chair
        .sync_status(table.id)
        .expect("status")
        .warnings
        .into_iter()
        .map(|w| w.reason)
        .collect();
    assert!(warned.contains(&SetAsideReason::Occupied), "{warned:?}");

    // A refused answer stays refused: the joining device reads nothing more under that code.
    for (_, r) in member.sync_all(now).expect("sync") {
        r.expect("pass");
    }
    assert!(member.sync_tables().expect("tables").is_empty());
}
