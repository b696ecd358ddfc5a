//! End-to-end: two app instances with two profiles and one shared folder, in real windows. The
//! chair (demo profile) shares the LIVC-R table and invites the CAW participant; the participant's
//! app joins with the code; the participant sees the CAW actions and marks one done; the chair sees
//! that. Run by `scripts/test.sh` (ignored in a plain run).

mod e2e_support;

use std::time::Duration;

use e2e_support::{App, Driver};

const TABLE: &str = "LIVC-R Zonnedijk-Oudenberge";
const ACTION: &str = "Huisbezoek samen met de wijkagent";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
async fn two_devices_share_a_table_through_a_folder() {
    let root = tempfile::tempdir().expect("tempdir");
    let folder = root.path().join("gedeelde map");
    std::fs::create_dir_all(&folder).expect("folder");
    let folder_text = folder.display().to_string();

    // The chair's app, on the demo profile.
    let chair_dir = root.path().join("demo");
    let chair_driver = Driver::start(&chair_dir, &["--demo", "--sync-seconds", "2"]).await;
    let chair = App::open(&chair_driver).await;
    chair
        .type_into(
            "#unlock-passphrase",
            casustafel_store::demo::DEMO_PASSPHRASE,
        )
        .await;
    chair.click("#unlock-submit").await;
    chair.click_text(".table-card .table-name", TABLE).await;
    chair.click("#tab-sync").await;
    // A folder that is not there is told, and nothing changes.
    chair
        .type_into(
            "#sync-folder",
            &root.path().join("weg").display().to_string(),
        )
        .await;
    chair.click("#share-submit").await;
    chair.wait(".form-error").await;
    assert!(chair.text(".form-error").await.contains("niet bereikbaar"));
    chair.replace("#sync-folder", &folder_text).await;
    chair.click("#share-submit").await;
    chair.wait("#sync-status").await;
    chair
        .click_text("#invite-participant option", "Youssef El Amrani")
        .await;
    chair.click("#invite-submit").await;
    chair.wait("#invite-qr").await;
    let code = chair.text("#invite-code").await;
    assert_eq!(code.len(), 19, "{code}");
    chair.scroll_to("#invite-form").await;
    chair.shot("23-sync-invite").await;

    // The participant's app: a new profile of its own.
    let member_dir = root.path().join("caw");
    let member_driver = Driver::start(&member_dir, &["--sync-seconds", "2"]).await;
    let member = App::open(&member_driver).await;
    member.type_into("#setup-owner", "Youssef El Amrani").await;
    member
        .type_into("#setup-passphrase", "de deur van het CAW staat open")
        .await;
    member
        .type_into("#setup-confirmation", "de deur van het CAW staat open")
        .await;
    member.click("#setup-submit").await;
    member.wait("#tables-page").await;
    member.click("#join-card summary").await;
    member.type_into("#join-code", "ABCD").await;
    member.type_into("#join-folder", &folder_text).await;
    member
        .type_into("#join-label", "Laptop CAW – Youssef")
        .await;
    member.click("#join-submit").await;
    member.wait(".form-error").await;
    assert!(member
        .text(".form-error")
        .await
        .contains("niet juist getypt"));
    member.replace("#join-code", &code.to_lowercase()).await;
    member.click("#join-submit").await;
    let fingerprint = member.text("#join-fingerprint").await;
    member.shot("24-sync-join-waiting").await;

    // The request waits on the chair's screen with the same fingerprint; the chair admits it.
    let pending = format!("#pending-devices tr[data-fingerprint='{fingerprint}']");
    chair.wait(&pending).await;
    chair.click(&format!("{pending} button.admit")).await;
    wait_until(|| async { chair.text("#device-list").await.contains(&fingerprint) }).await;

    // The table arrives at the participant, with the CAW actions only.
    member.wait_text(".table-card .table-name", TABLE).await;
    member.shot("25-sync-member-tables").await;
    // On the participant's device the table is the chair's: said, and not editable.
    member.click_text(".table-card .table-name", TABLE).await;
    member.wait("#shared-notice").await;
    member.wait_count("#edit-table", 0).await;
    member.shot("25b-sync-shared-notice").await;
    member.click("#nav-tables").await;
    member.click("#nav-actions").await;
    let row = format!("tr[data-what='{ACTION}']");
    member.wait(&row).await;
    member
        .click(&format!("{row} .action-status option[value=done]"))
        .await;
    member
        .type_into(
            &format!("{row} .action-note"),
            "Huisbezoek gedaan met de wijkagent.",
        )
        .await;
    member.click(&format!("{row} .action-save")).await;
    member.wait_count(&format!("{row} .action-save"), 0).await;
    member.shot("26-sync-member-done").await;

    // The chair sees it done after the next syncs.
    wait_until(|| async {
        chair.click("#nav-actions").await;
        chair.wait(&row).await;
        let done = chair.value(&format!("{row} .action-status")).await == "done";
        if !done {
            chair.click("#nav-tables").await;
        }
        done
    })
    .await;
    // The chair removes the device: two clicks, and it is gone from the list.
    chair.click("#nav-tables").await;
    chair.click_text(".table-card .table-name", TABLE).await;
    chair.click("#tab-sync").await;
    let device_row = format!("#device-list tr[data-fingerprint='{fingerprint}']");
    chair.click(&format!("{device_row} button")).await;
    chair
        .wait_text(&format!("{device_row} button"), "Zeker verwijderen?")
        .await;
    chair.click(&format!("{device_row} button")).await;
    chair.wait_count(&device_row, 0).await;
    member.close().await;
    chair.close().await;
    member_driver.stop();
    chair_driver.stop();
}

/// Polls `check` for up to a minute (sync runs every two seconds in both apps).
async fn wait_until<F, Fut>(check: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..60 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    panic!("the other device's change never arrived");
}
