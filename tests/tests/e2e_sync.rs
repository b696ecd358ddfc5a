//! End-to-end: two app instances with two profiles and one shared folder, in real windows. The
//! chair (demo profile) shares the LIVC-R table and invites the CAW participant; the participant's
//! app joins with the code. Through the folder (live sync off): the participant sees the CAW
//! actions and marks one done; the chair sees that. Live: with the folder unplugged, the
//! participant connects to the address the chair's screen shows; an action the chair types in the
//! meeting, and the meeting notes the chair types, appear on the participant's screen by
//! themselves. Run by `scripts/test.sh` (ignored in a plain run).

mod e2e_support;

use std::path::Path;
use std::time::{Duration, Instant};

use e2e_support::{App, Driver};

const TABLE: &str = "LIVC-R Zonnedijk-Oudenberge";
const ACTION: &str = "Huisbezoek samen met de wijkagent";

/// The chair's app (demo profile) shares the LIVC-R table through `folder` (a folder that is not
/// there is refused first) and invites the CAW participant. Returns its driver, app and the code.
async fn chair_invites(
    root: &Path,
    folder: &Path,
    args: &[&str],
    shots: bool,
) -> (Driver, App, String) {
    let folder_text = folder.display().to_string();
    let chair_dir = root.join("demo");
    let mut chair_args = vec!["--demo"];
    chair_args.extend_from_slice(args);
    let chair_driver = Driver::start(&chair_dir, &chair_args).await;
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
        .type_into("#sync-folder", &root.join("weg").display().to_string())
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
    if shots {
        chair.shot("23-sync-invite").await;
    }
    (chair_driver, chair, code)
}

/// The CAW participant's app (a new profile) joins through `folder` with `code` (a mistyped one is
/// refused first). Returns its driver, app and the device's fingerprint.
async fn member_joins(
    root: &Path,
    folder: &Path,
    args: &[&str],
    code: &str,
    shots: bool,
) -> (Driver, App, String) {
    let member_dir = root.join("caw");
    let member_driver = Driver::start(&member_dir, args).await;
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
    member
        .type_into("#join-folder", &folder.display().to_string())
        .await;
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
    if shots {
        member.shot("24-sync-join-waiting").await;
    }
    (member_driver, member, fingerprint)
}

/// The chair shares and invites (`chair_invites`), the participant's app joins (`member_joins`),
/// the chair admits it after comparing fingerprints, the participant confirms the chair's
/// fingerprint in turn; the table arrives. Returns both drivers and apps and the participant
/// device's fingerprint. `shots`: take this flow's screenshots.
async fn enrolled_pair(
    root: &Path,
    folder: &Path,
    args: &[&str],
    shots: bool,
) -> (Driver, App, Driver, App, String) {
    let (chair_driver, chair, code) = chair_invites(root, folder, args, shots).await;
    let (member_driver, member, fingerprint) = member_joins(root, folder, args, &code, shots).await;

    // The request waits on the chair's screen with the same fingerprint; the chair admits it.
    let pending = format!("#pending-devices tr[data-fingerprint='{fingerprint}']");
    chair.wait(&pending).await;
    chair.click(&format!("{pending} button.admit")).await;
    wait_until(|| async { chair.text("#device-list").await.contains(&fingerprint) }).await;

    // The participant compares the fingerprint of the device that answered with the chair's.
    member.wait("#join-confirm").await;
    let chair_fp = chair.text("#sync-me").await;
    assert_eq!(member.text("#join-chair-fingerprint").await, chair_fp);
    assert!(
        member.text("#join-confirm").await.contains(TABLE),
        "the answer names the table"
    );
    if shots {
        member.scroll_to("#join-confirm").await;
        member.shot("24b-sync-join-confirm").await;
    }
    member.click("#join-confirm-same").await;

    // The table arrives at the participant, with the CAW actions only.
    member.wait_text(".table-card .table-name", TABLE).await;
    (chair_driver, chair, member_driver, member, fingerprint)
}

/// Someone who heard the code read aloud answers the joining device first. The participant sees
/// a fingerprint that is not the one on the chair's screen, refuses it, and the device stays
/// unjoined, saying to ask for a new code.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
async fn a_welcome_from_someone_who_heard_the_code_is_refused() {
    use casustafel_sync::enrol::{self, Code, Invitation};
    let root = tempfile::tempdir().expect("tempdir");
    let folder = root.path().join("gedeelde map");
    std::fs::create_dir_all(folder.join("enrol")).expect("folder");
    let (_chair_driver, chair, code) = chair_invites(
        root.path(),
        &folder,
        &["--sync-seconds", "2", "--no-lan"],
        false,
    )
    .await;

    let eavesdropper = casustafel_sync::DeviceKeys::generate(&mut rand_core::OsRng);
    let fake = Invitation::new(
        &Code::parse(&code).expect("code"),
        casustafel_domain::TableId(uuid::Uuid::new_v4()),
        casustafel_domain::ParticipantId(uuid::Uuid::new_v4()),
        chrono::Utc::now().timestamp() + 3_600,
    );
    let welcome = enrol::welcome(&eavesdropper, &fake, TABLE, &mut rand_core::OsRng);
    std::fs::write(folder.join(&welcome.name), &welcome.bytes).expect("planted welcome");

    let (_member_driver, member, _) = member_joins(
        root.path(),
        &folder,
        &["--sync-seconds", "2", "--no-lan"],
        &code,
        false,
    )
    .await;
    member.wait("#join-confirm").await;
    let shown = member.text("#join-chair-fingerprint").await;
    assert_eq!(shown, eavesdropper.id().fingerprint());
    assert_ne!(shown, chair.text("#sync-me").await);
    member.click("#join-confirm-different").await;
    member.wait("#join-refused").await;
    assert!(member.text("#join-refused").await.contains("nieuwe code"));
    member.scroll_to("#join-refused").await;
    member.shot("24c-sync-join-refused").await;
    // The device stays unjoined: no table, now or at the next passes.
    tokio::time::sleep(Duration::from_secs(5)).await;
    member.wait_count(".table-card", 0).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
async fn two_devices_share_a_table_through_a_folder() {
    let root = tempfile::tempdir().expect("tempdir");
    let folder = root.path().join("gedeelde map");
    std::fs::create_dir_all(&folder).expect("folder");
    let (chair_driver, chair, member_driver, member, fingerprint) = enrolled_pair(
        root.path(),
        &folder,
        &["--sync-seconds", "2", "--no-lan"],
        true,
    )
    .await;
    member.shot("25-sync-member-tables").await;
    // On the participant's device the table is the chair's: said, and not editable.
    member.click_text(".table-card .table-name", TABLE).await;
    member.wait("#shared-notice").await;
    member.wait_count("#edit-table", 0).await;
    // Nor are its participants, referrals or meetings: the forms are not offered here.
    for (tab, shown, form) in [
        (
            "#tab-participants",
            "#participants-tab",
            "#participant-form",
        ),
        ("#tab-referrals", "#referrals-tab", "#referral-form"),
        ("#tab-meetings", "#meetings-tab", "#meeting-form"),
    ] {
        member.click(tab).await;
        member.wait(shown).await;
        member.wait_count(form, 0).await;
    }
    member.click("#tab-participants").await;
    member.wait("#participants-tab").await;
    member.wait_count("#organisation-form", 0).await;
    member.shot("25c-sync-member-participants").await;
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
            "Huisbezoek gedaan met de wijkagent: geïnformeerd, ça va 👍 شكرا.",
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

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
async fn an_action_typed_on_one_device_appears_on_the_other_live() {
    let root = tempfile::tempdir().expect("tempdir");
    let folder = root.path().join("gedeelde map");
    std::fs::create_dir_all(&folder).expect("folder");
    // Any free port, and no mDNS: the participant types the address the chair's screen shows.
    let (chair_driver, chair, member_driver, member, fingerprint) = enrolled_pair(
        root.path(),
        &folder,
        &[
            "--sync-seconds",
            "2",
            "--lan-port",
            "0",
            "--lan-discovery",
            "false",
        ],
        false,
    )
    .await;
    // Unplug the folder: from here on only the network can carry a change.
    std::fs::rename(&folder, root.path().join("weg met de map")).expect("unplug");

    chair.click("#nav-tables").await;
    chair.click_text(".table-card .table-name", TABLE).await;
    chair.click("#tab-sync").await;
    chair.wait("#live-addresses code").await;
    let address = chair.text("#live-addresses code").await;
    assert!(address.contains(':'), "{address}");

    member.click_text(".table-card .table-name", TABLE).await;
    member.click("#tab-sync").await;
    member.wait("#live-panel").await;
    member
        .type_into("#live-address", "laptop van de voorzitter")
        .await;
    member.click("#live-connect-submit").await;
    member
        .wait_text(
            "#live-address-error",
            "„laptop van de voorzitter” is geen netwerkadres. Typ bijvoorbeeld 192.168.1.20:47474.",
        )
        .await;
    member.scroll_to("#live-connect").await;
    member.shot("26b-live-address-mistyped").await;
    // The address is typed as shown, on loopback: the tests send nothing beyond this machine.
    let port = address.rsplit(':').next().expect("a port");
    member
        .replace("#live-address", &format!("127.0.0.1:{port}"))
        .await;
    member.click("#live-connect-submit").await;
    member.wait("#live-peers tr[data-state='connected']").await;
    chair
        .wait(&format!(
            "#live-peers tr[data-fingerprint='{fingerprint}'][data-state='connected']"
        ))
        .await;
    chair.scroll_to("#live-panel").await;
    chair.shot("27-live-peers").await;

    // The participant looks at its actions; the chair plans today's meeting and runs it.
    member.click("#nav-actions").await;
    chair.click("#tab-meetings").await;
    chair.type_into("#meeting-date", &today()).await;
    chair
        .type_into("#meeting-place", "Raadzaal, gemeentehuis Zonnedijk")
        .await;
    chair.click("#meeting-submit").await;
    let one = format!("LZO-{}-001", chrono::Local::now().format("%Y"));
    chair
        .wait_text("#meeting-agenda li .agenda-title", &one)
        .await;
    chair.click("#meeting-open").await;
    for row in 1..=2 {
        chair
            .click(&format!(
                "#attendance tbody tr:nth-child({row}) input[type=radio]"
            ))
            .await;
        chair
            .click(&format!(
                "#attendance tbody tr:nth-child({row}) input[type=checkbox]"
            ))
            .await;
    }
    let what = "Schoolbezoek met het CLB inplannen (élève, België)";
    chair.type_into(&format!("#action-what-{one}"), what).await;
    chair
        .type_into(&format!("#action-due-{one}"), &today())
        .await;
    chair
        .click(&format!("#action-form-{one} input[name=owner]"))
        .await;
    let typed = Instant::now();
    chair.click(&format!("#action-submit-{one}")).await;
    // It appears on the participant's screen without a click there.
    member.wait(&format!("tr[data-what='{what}']")).await;
    println!(
        "live e2e: the action showed on the other screen {} ms after the click",
        typed.elapsed().as_millis()
    );
    member.shot("28-live-action-arrived").await;

    // The participant opens the running meeting; what the chair types in the notes shows there
    // while the chair types, without a click.
    member.click("#nav-tables").await;
    member.click_text(".table-card .table-name", TABLE).await;
    member.click("#tab-meetings").await;
    member.click("#meeting-list .meeting-open").await;
    member.wait(&format!("#notes-{one}")).await;
    // The meeting is the chair's to run: no close, no follow-up, attendance not editable here.
    member.wait_count("#meeting-close", 0).await;
    member.wait_count(&format!("#followup-{one}"), 0).await;
    member
        .wait_count("#attendance input[type=radio]:not([disabled])", 0)
        .await;
    // Notes and decisions are written by those who run the meeting: shown here, not editable.
    member.wait(&format!("#notes-{one}[disabled]")).await;
    member.wait(&format!("#decision-{one}[disabled]")).await;
    member.wait(&format!("#read-only-{one}")).await;
    // Agreeing actions is for those who run the meeting: the form is not offered here (the
    // store and every other device refuse it too: tests/rulebook.rs).
    member.wait_count(&format!("#action-form-{one}"), 0).await;
    let said = "De school meldt dat het beter gaat; volgende week huisbezoek. Ça va 👋 مرحبا";
    chair.type_into(&format!("#notes-{one}"), said).await;
    chair
        .wait_text(&format!("#save-state-{one}"), "Bewaard")
        .await;
    wait_until(|| async { member.value(&format!("#notes-{one}")).await == said }).await;
    member.scroll_to(&format!("#discussion-{one}")).await;
    member.shot("29-live-notes-arrived").await;
    member.close().await;
    chair.close().await;
    member_driver.stop();
    chair_driver.stop();
}

fn today() -> String {
    chrono::Local::now().format("%d/%m/%Y").to_string()
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
