//! End-to-end: a whole meeting in the real window, on the demo profile. The chair sees what needs
//! attention, plans and edits the agenda, runs the meeting (attendance, confirmations, notes,
//! decisions, follow-up, two actions on two cases), closes it, saves the decision report as PDF
//! (checked with pdftotext: decisions in, notes out) and finds it in the disclosure ledger; the
//! owner marks an action done in "Mijn afspraken"; the overdue list is what it should be. And
//! typing survives the app being killed. Run by `scripts/test.sh` (ignored in a plain run).

mod e2e_support;

use std::path::Path;
use std::process::Command;

use e2e_support::{App, Driver};

const TABLE: &str = "LIVC-R Zonnedijk-Oudenberge";
/// What people type: Flemish and French accents, an emoji, a right-to-left word.
const PLACE: &str = "Raadzaal, gemeentehuis Zonnedijk — zaal Élise";
const THEME: &str = "Overlast rond het station: ruziën aan het café";
const SECRET: &str =
    "Vader dreigde de leerkracht; CGG kent het gezin sinds 2024. Het kind is geïnformeerd 👋 مرحبا";
const DECISION_ONE: &str =
    "Spoor 3 blijft; de casusregisseur belt de school (ça va, élève geïnformeerd).";
const DECISION_TWO: &str = "Spoor 2: CAW neemt de opvolging op 🙂 شكرا";
const ACTION_ONE: &str = "Gesprek met de ouders plannen (België)";
const ACTION_TWO: &str = "Intake bij het CAW — François";
const RECIPIENT: &str = "De aanwezige deelnemers (Zoë, Noël)";
const PROGRESS: &str = "Gesprek gevoerd op school; de élève is geïnformeerd 👍";

async fn unlock_and_open_meetings(app: &App) {
    app.type_into(
        "#unlock-passphrase",
        casustafel_store::demo::DEMO_PASSPHRASE,
    )
    .await;
    app.click("#unlock-submit").await;
    app.click_text(".table-card .table-name", TABLE).await;
    app.click("#tab-meetings").await;
}

fn year() -> String {
    chrono::Local::now().format("%Y").to_string()
}

fn in_days(n: i64) -> String {
    (chrono::Local::now() + chrono::Duration::days(n))
        .format("%d/%m/%Y")
        .to_string()
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext is installed (scripts/setup.sh)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
async fn a_whole_meeting_from_plan_to_report_and_follow_up() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("demo");
    let exports = root.path().join("verslagen");
    let export_arg = exports.display().to_string();
    let driver = Driver::start(&dir, &["--demo", "--export-dir", &export_arg]).await;
    let app = App::open(&driver).await;
    unlock_and_open_meetings(&app).await;
    let (one, two) = (format!("LZO-{}-001", year()), format!("LZO-{}-002", year()));

    // Before the meeting: the demo's past meeting left one action overdue; one case is due.
    app.wait("#overview-overdue li").await;
    let overdue = app.text("#overview-overdue").await;
    assert!(
        overdue.contains("Huisbezoek samen met de wijkagent"),
        "{overdue}"
    );
    assert!(app.text("#overview-review").await.contains(&one));
    app.shot("17-chair-overview").await;

    // Plan; the agenda holds the case due for review. Add the second case and a theme, move it.
    app.type_into("#meeting-date", &in_days(0)).await;
    app.type_into("#meeting-place", PLACE).await;
    app.click("#meeting-submit").await;
    app.wait_text("#meeting-agenda li .agenda-title", &one)
        .await;
    app.click_text("#agenda-case option", &two).await;
    app.wait_count("#meeting-agenda li", 2).await;
    // Invited: the five standing members, and the ad hoc youth worker now that her case is on.
    app.wait_count("#invited li", 6).await;
    assert!(app
        .text("#invited")
        .await
        .contains(&format!("Ad hoc, voor {two}")));
    app.click("#agenda-theme-submit").await;
    app.wait_text("#agenda-theme-error", "Dit veld is verplicht.")
        .await;
    app.type_into("#agenda-theme", THEME).await;
    app.click("#agenda-theme-submit").await;
    app.wait_count("#meeting-agenda li", 3).await;
    app.click("#meeting-agenda li:last-child .agenda-up").await;
    app.wait_text("#meeting-agenda li:nth-child(2) .agenda-title", THEME)
        .await;
    app.scroll_to("#meeting-view").await;
    app.shot("18-meeting-agenda").await;

    // Run it: two attendees present with their secrecy confirmation.
    app.click("#meeting-open").await;
    for row in 1..=2 {
        app.click(&format!(
            "#attendance tbody tr:nth-child({row}) input[type=radio]"
        ))
        .await;
        app.click(&format!(
            "#attendance tbody tr:nth-child({row}) input[type=checkbox]"
        ))
        .await;
    }
    let adhoc = "tr[data-name='Lotte Claes (jeugdwerk)']";
    app.click(&format!("{adhoc} input[type=radio]")).await;
    app.click(&format!("{adhoc} input[type=checkbox]")).await;
    app.wait_count("#attendance input[type=checkbox]:checked", 3)
        .await;
    // She is cleared for her case only: the chair is told to let her leave for the other one.
    app.wait(&format!("#not-cleared-{one}")).await;
    app.wait_count(&format!("#not-cleared-{two}"), 0).await;
    let secret = SECRET;
    for (code, decision, what) in [
        (&one, DECISION_ONE, ACTION_ONE),
        (&two, DECISION_TWO, ACTION_TWO),
    ] {
        app.type_into(&format!("#notes-{code}"), secret).await;
        app.type_into(&format!("#decision-{code}"), decision).await;
        app.wait_text(&format!("#save-state-{code}"), "Bewaard")
            .await;
        app.type_into(&format!("#action-what-{code}"), what).await;
        app.type_into(&format!("#action-due-{code}"), &in_days(7))
            .await;
        app.click(&format!("#action-form-{code} input[name=owner]"))
            .await;
        app.click(&format!("#action-submit-{code}")).await;
        app.wait_text(&format!("#actions-{code} .row-main"), what)
            .await;
    }
    // The follow-up of the first case: who presented it, and the next review.
    app.click(&format!("#followup-{one} summary")).await;
    app.click(&format!("#followup-{one} input[name=presenter]"))
        .await;
    app.replace(&format!("#{one}-next-review"), &in_days(42))
        .await;
    app.click(&format!("#{one}-case-submit")).await;
    app.wait_text(&format!("#{one}-case-saved"), "Bewaard")
        .await;
    app.scroll_to(&format!("#agenda-case-{one}")).await;
    app.shot("19-meeting-running").await;

    // The laptop restarts mid-meeting: every text is there as typed.
    app.close().await;
    let app = App::open(&driver).await;
    unlock_and_open_meetings(&app).await;
    app.click(".meeting-open").await;
    for (code, decision) in [(&one, DECISION_ONE), (&two, DECISION_TWO)] {
        app.wait_text(&format!("#save-state-{code}"), "Bewaard")
            .await;
        assert_eq!(app.value(&format!("#notes-{code}")).await, SECRET);
        assert_eq!(app.value(&format!("#decision-{code}")).await, decision);
    }
    let view = app.text("#meeting-view").await;
    for expected in [PLACE, THEME, ACTION_ONE, ACTION_TWO] {
        assert!(
            view.contains(expected),
            "{expected:?} missing after a restart:\n{view}"
        );
    }

    // Close: the decision report. No recipient, no report.
    app.click("#meeting-close").await;
    app.click("#report-export").await;
    app.wait_text("#report-recipient-error", "Dit veld is verplicht.")
        .await;
    assert!(!exports.exists() || std::fs::read_dir(&exports).unwrap().count() == 0);
    app.type_into("#report-recipient", RECIPIENT).await;
    app.click("#report-export").await;
    app.wait("#report-exported").await;
    let pdf = exports.join(format!(
        "besluitenverslag-{}-LZO.pdf",
        chrono::Local::now().format("%Y-%m-%d")
    ));
    assert!(pdf.is_file(), "no report at {}", pdf.display());
    // Words as a reader sees them, whatever the line breaks.
    let text = pdf_text(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "Besluitenverslag",
        "art. 458ter",
        "ONTWERP",
        DECISION_ONE,
        ACTION_ONE,
        ACTION_TWO,
        "Verstrekt aan: De aanwezige deelnemers (Zoë, Noël)",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    assert!(
        !text.contains("CGG kent het gezin"),
        "a note reached the PDF"
    );
    app.click("#report-preview").await;
    app.wait("#print-page").await;
    assert!(!app.text("#print-page").await.contains("CGG kent het gezin"));
    app.scroll_to("#report-panel").await;
    app.shot("20-report-panel").await;

    // The ledger: what, when, by whom, to whom.
    app.click("#tab-disclosures").await;
    app.wait_count("#disclosure-list tbody tr", 1).await;
    let line = app.text("#disclosure-list tbody tr").await;
    assert!(line.contains(RECIPIENT), "{line}");
    assert!(line.contains("Ilse Demo"), "{line}");
    app.shot("21-disclosure-ledger").await;

    // Afterwards: the owner marks one action done; the overdue list keeps the old one only.
    app.click("#nav-actions").await;
    let row = format!("tr[data-what='{ACTION_ONE}']");
    app.click(&format!("{row} .action-status option[value=done]"))
        .await;
    app.type_into(&format!("{row} .action-note"), PROGRESS)
        .await;
    app.click(&format!("{row} .action-save")).await;
    app.wait_count(&format!("{row} .action-save"), 0).await;
    app.click("#actions-overdue").await;
    app.wait_count("#action-list tbody tr", 1).await;
    app.wait_text(
        "#action-list .action-what",
        "Huisbezoek samen met de wijkagent",
    )
    .await;
    // Each row shows its own action's status (a reused row once showed the previous one's).
    assert_eq!(app.value("#action-list .action-status").await, "open");
    app.shot("22-my-actions-overdue").await;

    // After a restart the progress note is there as typed.
    app.close().await;
    let app = App::open(&driver).await;
    unlock_and_open_meetings(&app).await;
    app.click("#nav-actions").await;
    app.click(&format!("{row} .action-history summary")).await;
    // The notes load when the list is opened: wait for them before reading.
    app.wait(&format!("{row} .action-history .history-text"))
        .await;
    let history = app.text(&format!("{row} .action-history")).await;
    assert!(history.contains(PROGRESS), "{history}");
    app.shot("22b-progress-notes").await;
    app.close().await;
    driver.stop();
}

/// The crash test through the real window: type, let the app say "Bewaard", type on, and kill the
/// app (SIGKILL) mid-sentence. Reopened, every acknowledged word is there; nothing is lost.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
async fn typing_survives_killing_the_app() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("demo");
    let driver = Driver::start(&dir, &["--demo"]).await;
    let code = format!("LZO-{}-001", year());
    let notes = format!("#notes-{code}");
    let mut acknowledged = String::new();
    let mut app = App::open(&driver).await;
    unlock_and_open_meetings(&app).await;
    app.type_into("#meeting-date", &in_days(0)).await;
    app.type_into("#meeting-place", "Raadzaal").await;
    app.click("#meeting-submit").await;
    app.click("#meeting-open").await;
    let rounds = 4;
    let mut lost = 0;
    for round in 1..=rounds {
        app.wait_text(&format!("#save-state-{code}"), "Bewaard")
            .await;
        let kept = format!("Ronde {round}: alles tot hier is bevestigd. ");
        app.type_into(&notes, &kept).await;
        app.wait_text(&format!("#save-state-{code}"), "Bewaard")
            .await;
        acknowledged = app.value(&notes).await;
        // More typing, then the plug is pulled before the save can be acknowledged.
        app.type_into(&notes, "en dan valt de stroom uit midden in een z")
            .await;
        app.kill(&dir).await;
        app = App::open(&driver).await;
        unlock_and_open_meetings(&app).await;
        app.click(".meeting-open").await;
        app.wait_text(&format!("#save-state-{code}"), "Bewaard")
            .await;
        let reopened = app.value(&notes).await;
        if !reopened.starts_with(&acknowledged) {
            lost += 1;
        }
    }
    assert_eq!(
        lost, 0,
        "acknowledged text lost in {lost} of {rounds} kills"
    );
    assert!(acknowledged.contains(&format!("Ronde {rounds}:")));
    app.close().await;
    driver.stop();
}

/// A save that fails (here: a full disk, on demand in a debug build) loses nothing: the screen
/// says what is wrong, keeps what was typed, keeps trying, and saves the latest text once the
/// disk has room again. Locking or closing the window meanwhile asks first; waiting keeps the text.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
async fn a_failing_save_keeps_the_text_and_leaving_asks_first() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("demo");
    let full = root.path().join("disk-full");
    let driver =
        Driver::start_with_env(&dir, &["--demo"], &[("CASUSTAFEL_TEST_DISK_FULL", &full)]).await;
    let code = format!("LZO-{}-001", year());
    let (notes, state) = (format!("#notes-{code}"), format!("#save-state-{code}"));
    let app = App::open(&driver).await;
    unlock_and_open_meetings(&app).await;
    app.type_into("#meeting-date", &in_days(0)).await;
    app.type_into("#meeting-place", PLACE).await;
    app.click("#meeting-submit").await;
    app.click("#meeting-open").await;
    app.type_into(&notes, "Gewone tekst. ").await;
    app.wait_text(&state, "Bewaard").await;

    // The disk fills up while she types.
    std::fs::write(&full, b"").expect("fault file");
    app.type_into(&notes, "Het kind is geïnformeerd, café élève. ")
        .await;
    app.wait_text(&state, "Niet bewaard").await;
    app.wait_text(
        &format!("#save-problem-{code}"),
        "De schijf is vol. Maak ruimte vrij (verwijder of verplaats bestanden); daarna wordt weer \
         bewaard. Wat u typte blijft hier staan en wordt vanzelf bewaard zodra het weer lukt.",
    )
    .await;
    app.type_into(&notes, "مرحبا 👋 en verder.").await;
    let typed =
        "Gewone tekst. Het kind is geïnformeerd, café élève. مرحبا 👋 en verder.".to_string();
    assert_eq!(app.value(&notes).await, typed);
    app.scroll_to(&format!("#agenda-case-{code}")).await;
    app.shot("19b-save-failed-retrying").await;

    // Locking asks; waiting keeps everything as it is.
    app.click("#lock").await;
    let text = app.text("#leave-text").await;
    assert!(text.contains("De schijf is vol."), "{text}");
    assert!(text.contains("vergrendelt"), "{text}");
    app.shot("19c-lock-asks-first").await;
    app.click("#leave-wait").await;
    app.wait_count("#leave-dialog", 0).await;
    assert_eq!(app.value(&notes).await, typed);

    // Closing the window (as its close button does) asks too, and the window stays.
    assert_eq!(e2e_support::ask_windows_to_close("Casustafel"), 1);
    let text = app.text("#leave-text").await;
    assert!(text.contains("sluit"), "{text}");
    app.click("#leave-wait").await;
    app.wait_count("#leave-dialog", 0).await;

    // Room again on the disk: the latest text is saved by itself, without another key.
    std::fs::remove_file(&full).expect("free the disk");
    app.wait_text(&state, "Bewaard").await;
    app.wait_count(&format!("#save-problem-{code}"), 0).await;
    // Now closing does not ask: nothing waits. The window goes.
    assert_eq!(e2e_support::ask_windows_to_close("Casustafel"), 1);
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(
        e2e_support::ask_windows_to_close("Casustafel"),
        0,
        "the window closed"
    );
    drop(app);

    // Reopened: every word, accents, emoji and Arabic included.
    let app = App::open(&driver).await;
    unlock_and_open_meetings(&app).await;
    app.click(".meeting-open").await;
    app.wait_text(&state, "Bewaard").await;
    assert_eq!(app.value(&notes).await, typed);
    app.close().await;
    driver.stop();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
async fn a_list_that_cannot_be_read_says_so_and_loads_on_retry() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("demo");
    let faults = root.path().join("faults");
    // The profile is held by another program while the meetings and the cases are read.
    std::fs::write(&faults, "list_meetings\nlist_cases\n").expect("fault file");
    let driver =
        Driver::start_with_env(&dir, &["--demo"], &[("CASUSTAFEL_TEST_FAULTS", &faults)]).await;
    let app = App::open(&driver).await;
    unlock_and_open_meetings(&app).await;

    // Not "no meetings yet": the list could not be read, and the screen says why.
    app.wait_text(
        "#meeting-list-failed .load-failed-title",
        "Dit kon niet geladen worden.",
    )
    .await;
    let why = app.text("#meeting-list-failed .load-failed-why").await;
    assert!(
        why.contains("Een ander programma gebruikt dit profiel"),
        "{why}"
    );
    app.wait_count("#meetings-tab .empty", 0).await;

    // Planning still works and loses nothing; the list still says it cannot be read.
    app.type_into("#meeting-date", &in_days(3)).await;
    app.type_into("#meeting-place", PLACE).await;
    app.click("#meeting-submit").await;
    app.wait("#meeting-view").await;
    app.wait("#meeting-list-failed").await;
    app.scroll_to("#chair-overview").await;
    app.shot("19d-load-failed").await;

    // The cases cannot be read either: said the same way.
    app.click("#tab-cases").await;
    app.wait("#case-list-failed .load-retry").await;
    app.wait_count("#cases-tab .empty", 0).await;

    // The other program is gone: retrying shows the cases; the meetings, opened again, show the
    // meeting just planned.
    std::fs::remove_file(&faults).expect("remove the fault");
    app.click("#case-list-failed .load-retry").await;
    app.wait("#case-list").await;
    app.wait_count("#case-list-failed", 0).await;
    app.click("#tab-meetings").await;
    app.wait_text("#meeting-list tbody tr td:nth-child(2)", PLACE)
        .await;
    app.wait_count("#meeting-list-failed", 0).await;
    app.close().await;
    driver.stop();
}

/// The demo's approved meeting, with a change to its record that arrived after the approval (the
/// bytes a device that had not seen the approval would send, written here directly): the print
/// view shows the decision as approved, then the change under "Gewijzigd na goedkeuring".
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
async fn an_approved_report_shows_a_later_change_as_an_amendment() {
    const LATE: &str = "Later gewijzigd: één huisbezoek per week, met François 👋 مرحبا";
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("demo");
    let now = chrono::Utc::now();
    let date = {
        let (mut chair, table) =
            casustafel_tests::demo_chair(&dir, casustafel_store::demo::DEMO_PASSPHRASE, now);
        let approved = chair
            .list_meetings(table.id)
            .expect("meetings")
            .into_iter()
            .find(|m| m.status == casustafel_domain::meeting::MeetingStatus::ReportApproved)
            .expect("the demo's approved meeting");
        let case = chair
            .meeting_view(approved.id)
            .expect("view")
            .agenda
            .iter()
            .find_map(|e| e.case_id)
            .expect("a case on its agenda");
        chair
            .forge_case_edit(
                case,
                |d| {
                    let d = d.discussions.entry(approved.id.to_string()).or_default();
                    casustafel_docs::set_text(&mut d.decision, LATE);
                },
                now,
            )
            .expect("late edit");
        casustafel_domain::format_date(approved.date)
    };
    let driver = Driver::start(&dir, &["--demo"]).await;
    let app = App::open(&driver).await;
    unlock_and_open_meetings(&app).await;
    app.click_text("#meeting-list .meeting-open", &date).await;
    app.wait("#report-approved").await;
    app.click("#report-preview").await;
    app.wait("#print-page .amendment").await;
    let amendment = app.text("#print-page .amendment").await;
    assert!(
        amendment.contains("Gewijzigd na goedkeuring van het verslag") && amendment.contains(LATE),
        "{amendment}"
    );
    assert!(
        !amendment.contains("Afspraken"),
        "the actions did not change, so they are not repeated: {amendment}"
    );
    let page = app.text("#print-page").await;
    let (approved_at, late_at) = (
        page.find("Besluit:").expect("the approved decision"),
        page.find(LATE).expect("the change"),
    );
    assert!(approved_at < late_at, "approved first:\n{page}");
    app.scroll_to("#print-page .amendment").await;
    app.shot("20b-report-amendment").await;
    app.close().await;
    driver.stop();
}
