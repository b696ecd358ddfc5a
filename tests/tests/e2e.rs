//! End-to-end tests of the real Casustafel window, driven over WebDriver (tauri-driver +
//! WebKitWebDriver) under a display (Xvfb in CI). They are `#[ignore]`d so that a plain
//! `cargo test` does not need a display; `scripts/test.sh` runs them with `--ignored`.
//!
//! Environment: `CASUSTAFEL_APP` (the built app binary), `DISPLAY`, and optionally
//! `CASUSTAFEL_SCREENSHOT_DIR` (default: `target/e2e-screenshots` in the workspace).

mod e2e_support;

use e2e_support::{App, Driver};

const PASS: &str = "de kat krabt de krollen van de trap";

/// What people type: Flemish and French accents, an emoji, a right-to-left word.
const CONCERN: &str =
    "Jongere deelt extremistische filmpjes in de klas; de élève is geïnformeerd 👀 (قلق).";
const NAME: &str = "Samira Benaïssa-Çelik 🌷 سميرة";
const PHENOMENON: &str = "Vereenzaming bij ouderen: één café, naïef, élève, ça 🌷 وحدة";
const OUTCOME: &str = "Opleiding hervat, geen signalen meer: ça va 👍 شكرا.";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
async fn create_profile_and_table_restart_unlock_and_find_it() {
    let profile = tempfile::tempdir().expect("tempdir");
    let driver = Driver::start(profile.path(), &[]).await;

    // First start: choose a passphrase. A short one is refused next to the field.
    let app = App::open(&driver).await;
    app.wait("#setup-form").await;
    app.shot("01-setup").await;
    app.type_into("#setup-owner", "Tine Test").await;
    app.type_into("#setup-passphrase", "te kort").await;
    app.type_into("#setup-confirmation", "te kort").await;
    app.click("#setup-submit").await;
    app.wait_text("#setup-passphrase-error", "Minstens 12 tekens.")
        .await;
    app.replace("#setup-passphrase", PASS).await;
    app.replace("#setup-confirmation", PASS).await;
    app.click("#setup-submit").await;
    app.wait("#tables-empty").await;
    app.shot("02-tables-empty").await;

    // A new table: submitting it empty marks the required fields and keeps the form.
    app.click("#new-table").await;
    app.wait("#table-form").await;
    app.click("#table-submit").await;
    app.wait_text("#table-name-error", "Dit veld is verplicht.")
        .await;
    app.shot("03-table-form-errors").await;

    app.type_into("#table-name", "LIVC-R Teststad").await;
    app.click("#kind-livcr").await;
    app.type_into("#muni-code-0", "44021").await;
    app.type_into("#muni-name-0", "Gent").await;
    app.click("#add-municipality").await;
    app.type_into("#muni-code-1", "44084").await;
    app.type_into("#muni-name-1", "Merelbeke-Melle").await;
    app.click("#lbkind-law").await;
    app.type_into("#lb-reference", "Wet van 30 juli 2018").await;
    app.type_into("#lb-date", "30/07/2018").await;
    app.type_into("#lb-expiry", "29/07/2018").await;
    app.type_into(
        "#finality",
        "Radicalisering vroeg opmerken en samen een persoonsgerichte aanpak afspreken.",
    )
    .await;
    app.click("#phen-radicalisation").await;
    app.click("#phen-youth_crime").await;
    app.type_into("#case-prefix", "lts").await;
    app.type_into(
        "#admission-criteria",
        "Signalen van radicalisering\u{e007}Meerdere partners betrokken",
    )
    .await;
    // An expiry before the date is refused; what was typed stays.
    app.click("#table-submit").await;
    app.wait_text(
        "#lb-expiry-error",
        "De vervaldatum ligt vóór de datum van de rechtsgrond.",
    )
    .await;
    assert_eq!(app.value("#table-name").await, "LIVC-R Teststad");
    assert_eq!(app.value("#muni-name-1").await, "Merelbeke-Melle");
    app.replace("#lb-expiry", "31/12/2030").await;
    app.shot("04-table-form-filled").await;
    app.click("#table-submit").await;
    app.wait_text("#table-detail-name", "LIVC-R Teststad").await;
    app.wait_text("#detail-case-prefix", "LTS-…").await;
    let criteria = app.text("#detail-criteria").await;
    assert!(
        criteria.contains("Meerdere partners betrokken"),
        "{criteria}"
    );
    app.shot("05-table-detail").await;

    // Configure it further: a meeting cadence; a wrong number is refused next to the field.
    app.click("#edit-table").await;
    app.wait("#table-form").await;
    assert_eq!(app.value("#case-prefix").await, "LTS");
    app.type_into("#cadence-weeks", "99").await;
    app.click("#table-submit").await;
    app.wait_text("#cadence-weeks-error", "Geef een getal van 1 tot 52.")
        .await;
    app.replace("#cadence-weeks", "8").await;
    app.click("#table-submit").await;
    app.wait_text("#detail-cadence", "om de 8 weken").await;

    // A new phenomenon is a setting: add one, and it is offered at once.
    app.click("#nav-phenomena").await;
    app.wait("#phenomenon-list").await;
    app.click("#phenomenon-add").await;
    app.wait_text("#phenomenon-name-error", "Dit veld is verplicht.")
        .await;
    app.type_into("#phenomenon-name", PHENOMENON).await;
    app.click("#phenomenon-add").await;
    app.wait_text("#phenomenon-list li:last-child .row-main", PHENOMENON)
        .await;
    app.shot("05b-phenomena").await;
    app.click("#nav-tables").await;
    app.click(".table-card").await;
    app.wait_text("#table-detail-name", "LIVC-R Teststad").await;

    // Partners and participants: a participant without a signed protocol is marked as seeing nothing.
    app.click("#tab-participants").await;
    app.type_into("#organisation-name", "CAW Teststad").await;
    app.click("#cat-caw").await;
    app.click("#organisation-submit").await;
    app.wait("#participant-form input[name=organisation]").await;
    app.type_into("#participant-name", "Lien Maes").await;
    app.click("#participant-form input[name=organisation]")
        .await;
    app.click("#role-member").await;
    app.type_into("#active-from", "01/01/2026").await;
    app.click("#participant-submit").await;
    app.wait_text(
        "#participant-list tbody tr td:last-child",
        "niet ondertekend: ziet niets",
    )
    .await;
    app.shot("05c-participants").await;

    // A referral, refused while incomplete, then triaged and admitted as a pseudonymous case.
    app.click("#tab-referrals").await;
    app.click("#referral-submit").await;
    app.wait_text("#referral-concern-error", "Dit veld is verplicht.")
        .await;
    app.click("#referral-form input[name=referrer]").await;
    app.click("#rphen-radicalisation").await;
    app.type_into("#referral-concern", CONCERN).await;
    app.type_into("#referral-question", "Samen een aanpak afspreken.")
        .await;
    app.type_into("#referral-tried", "Gesprek met leerlingbegeleiding.")
        .await;
    app.click("#urgency-high").await;
    app.click("#informed-yes").await;
    app.click("#referral-submit").await;
    app.wait_text("#referral-list .badge", "Ingediend").await;
    app.click(".triage-start").await;
    app.wait("#triage-form").await;
    app.click("#criterion-0").await;
    app.click("#criterion-1").await;
    app.click("#outcome-admitted").await;
    app.type_into(
        "#triage-reasons",
        "Voldoet aan de criteria; meerdere partners nodig.",
    )
    .await;
    app.shot("05d-triage").await;
    app.click("#triage-submit").await;
    app.wait_text("#referral-list .badge", "Opgenomen").await;
    app.click("#tab-cases").await;
    let year = chrono::Local::now().format("%Y").to_string();
    app.wait_text("#case-list .case-code", &format!("LTS-{year}-001"))
        .await;
    app.type_into("#case-search", "extremistische").await;
    app.wait_text("#case-list .case-code", &format!("LTS-{year}-001"))
        .await;
    app.shot("05e-cases").await;

    // The case page: track 3 needs a casusregisseur, a review date may not lie in the past.
    app.click("#case-list .case-open").await;
    app.wait_text("#case-code", &format!("LTS-{year}-001"))
        .await;
    app.click("#risk-orange").await;
    app.click("#track-chain_approach").await;
    app.type_into("#next-review", "01/01/2020").await;
    app.click("#case-submit").await;
    app.wait_text("#case-regisseur-error", "Dit veld is verplicht.")
        .await;
    app.wait_text("#next-review-error", "Deze datum ligt in het verleden.")
        .await;
    app.click("#case-form input[name=regisseur]").await;
    let review = (chrono::Local::now() + chrono::Duration::days(14))
        .format("%d/%m/%Y")
        .to_string();
    app.replace("#next-review", &review).await;
    app.click("#case-submit").await;
    app.wait_text("#case-status", "In opvolging").await;

    // The identity is recorded apart, shown only on request, and the look is recorded.
    app.type_into("#person-name-0", NAME).await;
    app.type_into("#person-birth-0", "03/04/2009").await;
    app.type_into("#person-address-0", "Rue de l'Église 4, Teststad")
        .await;
    app.click("#identity-submit").await;
    app.click("#reveal-identity").await;
    app.wait_text("#identity-shown .identity-name", NAME).await;
    app.wait_text(
        "#case-timeline li:first-child .what",
        "Identiteit ingekeken",
    )
    .await;
    app.wait_text("#case-timeline li:first-child .who", "Tine Test")
        .await;
    app.shot("05f-case-identity").await;
    app.click("#hide-identity").await;

    // Closure: reason and outcome required; then the case is closed.
    app.click("#closure-submit").await;
    app.wait_text("#closure-reason-error", "Dit veld is verplicht.")
        .await;
    app.click("#closure-goal_reached").await;
    app.type_into("#closure-outcome", OUTCOME).await;
    app.click("#closure-submit").await;
    app.wait_text("#case-status", "Afgesloten").await;
    app.shot("05g-case-closed").await;
    app.click("#case-back").await;
    app.wait("#case-search").await;
    app.click("#tab-overview").await;

    // The language switch changes the whole window, and is remembered.
    app.click("#lang-fr").await;
    app.wait_text(
        "#detail-kind",
        "CSIL-R (radicalisme, extrémisme, polarisation)",
    )
    .await;
    app.shot("06-table-detail-fr").await;
    app.click("#lang-nl").await;
    app.wait_text(
        "#detail-kind",
        "LIVC-R (radicalisme, extremisme, polarisatie)",
    )
    .await;
    app.close().await;

    // Restart: the profile is locked. A wrong passphrase is refused and changes nothing.
    let app = App::open(&driver).await;
    app.wait("#unlock-form").await;
    app.type_into("#unlock-passphrase", "de kat krabt de krullen van de trap")
        .await;
    app.click("#unlock-submit").await;
    app.wait_text(
        "#unlock-error",
        "Verkeerde wachtwoordzin. Er is niets gewijzigd; probeer het opnieuw.",
    )
    .await;
    app.click("#forgot").await;
    app.wait("#forgot-text").await;
    app.shot("07-unlock-wrong-passphrase").await;
    app.type_into("#unlock-passphrase", PASS).await;
    app.click("#unlock-submit").await;
    app.wait_text(".table-card .table-name", "LIVC-R Teststad")
        .await;
    app.shot("08-tables-after-restart").await;
    app.click(".table-card").await;
    app.wait_text("#table-detail-name", "LIVC-R Teststad").await;
    let munis = app.text("#detail-municipalities").await;
    assert!(munis.contains("Gent (44021)"), "{munis}");
    assert!(munis.contains("Merelbeke-Melle (44084)"), "{munis}");
    // The case's texts and identity, accents, emoji and Arabic, read back after the restart.
    app.click("#tab-cases").await;
    app.click("#case-list .case-open").await;
    let page = app.text("#case-view").await;
    for expected in [CONCERN, OUTCOME] {
        assert!(page.contains(expected), "{expected:?} missing:\n{page}");
    }
    app.click("#reveal-identity").await;
    app.wait_text("#identity-shown .identity-name", NAME).await;
    app.close().await;
    driver.stop();

    // Nothing the app wrote holds the table's name in plain text.
    for canary in [&b"Teststad"[..], b"Samira", b"extremistische"] {
        let hits = casustafel_tests::files_containing(profile.path(), canary);
        assert!(hits.is_empty(), "plaintext found in {hits:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display, tauri-driver and the built app: run by scripts/test.sh"]
async fn the_demo_profile_opens_with_its_public_passphrase() {
    let profile = tempfile::tempdir().expect("tempdir");
    let dir = profile.path().join("demo");
    let driver = Driver::start(&dir, &["--demo"]).await;
    let app = App::open(&driver).await;
    app.wait("#unlock-form").await;
    app.wait("#demo-badge").await;
    app.shot("10-demo-unlock").await;
    app.type_into(
        "#unlock-passphrase",
        casustafel_store::demo::DEMO_PASSPHRASE,
    )
    .await;
    app.click("#unlock-submit").await;
    app.wait_text(
        ".table-card .table-name",
        "Casusoverleg Intrafamiliaal Geweld Zonnedijk",
    )
    .await;
    let list = app.text("#table-list").await;
    assert!(list.contains("LIVC-R Zonnedijk-Oudenberge"), "{list}");
    app.shot("11-demo-tables").await;
    // Intermunicipal: filter the tables on one municipality.
    app.click("#muni-filter-45992").await;
    app.wait_count(".table-card", 1).await;
    let only = app.text("#table-list").await;
    assert!(only.contains("LIVC-R Zonnedijk-Oudenberge"), "{only}");
    app.click("#muni-filter-all").await;
    app.wait_count(".table-card", 2).await;

    // The demo register: partners, participants, referrals and cases, one of them due for review.
    app.click_text(".table-card .table-name", "LIVC-R Zonnedijk-Oudenberge")
        .await;
    app.click("#tab-cases").await;
    let year = chrono::Local::now().format("%Y").to_string();
    app.wait_text(
        "#case-list tbody tr:first-child .case-code",
        &format!("LZO-{year}-001"),
    )
    .await;
    app.click("#filter-review-due").await;
    app.wait_text(
        "#case-list tbody tr:last-child .case-code",
        &format!("LZO-{year}-001"),
    )
    .await;
    app.shot("12-demo-cases").await;
    // Filters combine: review due off, risk orange on.
    app.click("#filter-review-due").await;
    app.wait_count("#case-list tbody tr", 2).await;
    app.click("#filter-risk option[value=orange]").await;
    app.wait_count("#case-list tbody tr", 1).await;
    app.wait_text("#case-list .case-code", &format!("LZO-{year}-001"))
        .await;
    app.click("#tab-participants").await;
    app.wait("#participant-list").await;
    // An ad hoc participant must be invited for at least one case, and sees only those.
    app.type_into("#participant-name", "Tom Jeugdwerker").await;
    app.click("#participant-form input[name=organisation]")
        .await;
    app.click("#role-ad_hoc").await;
    app.type_into("#protocol-signed-on", "02/01/2026").await;
    app.type_into("#protocol-version", "2026-1").await;
    app.type_into("#active-from", "01/01/2026").await;
    app.click("#participant-submit").await;
    app.wait_text("#participant-cases-error", "Dit veld is verplicht.")
        .await;
    app.click(&format!("#pcase-LZO-{year}-001")).await;
    app.shot("13-demo-participants").await;
    app.click("#participant-submit").await;
    app.wait_count("#participant-list tbody tr", 7).await;
    app.close().await;
    driver.stop();
}
