//! The desktop app through its real window: WebKitGTK under Xvfb, driven over WebDriver.
//! Run with `scripts/test` (which builds the app first), or `cargo test -p ardesk-e2e`.

#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use ardesk_e2e::{App, Driver, open_db};

fn children_in(driver: &Driver) -> i64 {
    open_db(&driver.db_path()).query_row("SELECT count(*) FROM child", [], |r| r.get(0)).unwrap_or(-1)
}

async fn add_child(app: &App, forenames: &str, surname: &str) {
    app.click("#add-child").await;
    app.type_into("#f-legal_forenames", forenames).await;
    app.type_into("#f-legal_surname", surname).await;
    app.type_into("#f-dob", "14/05/2015").await;
    app.type_into("#f-plan_issue_date", "01/09/2025").await;
    app.click("#save").await;
}

/// Opens the first child on the caseload whose review is at the stage labelled `stage`.
async fn open_child_at_stage(app: &App, stage: &str) -> String {
    app.find("#caseload tbody tr").await;
    let rows = app.client().find_all(ardesk_e2e::Locator::Css("#caseload tbody tr")).await.unwrap();
    for row in rows {
        if row.text().await.unwrap_or_default().contains(stage) {
            row.find(ardesk_e2e::Locator::Css("button")).await.unwrap().click().await.unwrap();
            return app.text("#child-name").await;
        }
    }
    panic!("no demo child at the stage {stage:?}");
}

/// Opens the first child at `stage` below Year 11 (a child, not a young person: their own
/// invitation is the child's).
async fn open_child_under_year_11_at_stage(app: &App, stage: &str) -> String {
    app.find("#caseload tbody tr").await;
    let rows = app.client().find_all(ardesk_e2e::Locator::Css("#caseload tbody tr")).await.unwrap();
    for row in rows {
        let text = row.text().await.unwrap_or_default();
        let year_cell = row.find(ardesk_e2e::Locator::Css("td:nth-child(3)")).await.unwrap();
        let year = year_cell.text().await.unwrap_or_default();
        let year: u32 = year.trim().strip_prefix('Y').and_then(|n| n.parse().ok()).unwrap_or(0);
        if text.contains(stage) && year < 11 {
            row.find(ardesk_e2e::Locator::Css("button")).await.unwrap().click().await.unwrap();
            return app.text("#child-name").await;
        }
    }
    panic!("no demo child below Year 11 at the stage {stage:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn loading_the_demo_lists_the_whole_caseload() {
    let driver = Driver::start("loading_the_demo_lists_the_whole_caseload");
    let app = driver.launch().await;

    assert_eq!(app.client().title().await.unwrap_or_default(), "Annual Review Desk");
    app.wait_for_text("#welcome", "Welcome").await;
    app.click("#load-demo").await;
    app.wait_for_text("#status", "Demo caseload loaded").await;
    app.find("#caseload tbody tr").await;
    let rows = app.count("#caseload tbody tr").await;
    assert!(rows >= 30, "only {rows} children listed");
    app.wait_for_text("#caseload-count", &format!("{rows} children")).await;
    // Regression: refreshing the header info after the load used to remount the caseload, which
    // flashed "Loading the caseload…" and threw away what was on screen.
    let first_row = app.find("#caseload tbody tr").await;
    app.wait_for_text("#status", "Demo caseload loaded").await;
    assert_eq!(app.count(".loading").await, 0, "the caseload was reloaded");
    assert!(first_row.text().await.is_ok(), "the caseload was re-rendered after it was shown");
    app.screenshot("caseload.png").await;

    // Search narrows the list by name.
    let first = app.text("#caseload tbody tr td button").await;
    app.type_into("#search", &first).await;
    app.wait_for_text("#caseload-count", &format!("1 of {rows} children")).await;

    // The content security policy is in force: an injected inline script does not run.
    let blocked = app
        .eval(
            "const s = document.createElement('script'); s.textContent = 'window.__probe = 1;';
             document.body.appendChild(s); return window.__probe === undefined;",
        )
        .await;
    assert_eq!(blocked, serde_json::Value::Bool(true), "an inline script ran: the CSP is not applied");

    // A script from another origin is refused by the CSP itself (not merely unreachable).
    app.eval(
        "document.addEventListener('securitypolicyviolation', e => { window.__violation = e.blockedURI; });
         const r = document.createElement('script'); r.src = 'https://example.org/probe.js';
         document.body.appendChild(r); return true;",
    )
    .await;
    let start = std::time::Instant::now();
    loop {
        let v = app.eval("return window.__violation || '';").await;
        if v.as_str().is_some_and(|u| u.contains("example.org")) {
            break;
        }
        assert!(start.elapsed() < ardesk_e2e::PATIENCE, "no CSP violation reported for a remote script");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    // The window cannot be navigated away from the app.
    app.eval("window.location.href = 'https://example.org/'; return true;").await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let here = app.eval("return window.location.protocol + '//' + window.location.host;").await;
    assert_eq!(here.as_str(), Some("tauri://localhost"), "the window navigated away");
    app.find("#caseload").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_child_added_through_the_form_survives_a_restart() {
    let driver = Driver::start("a_child_added_through_the_form_survives_a_restart");
    let app = driver.launch().await;
    add_child(&app, "Robin", "Testcase").await;
    app.wait_for_text("#status", "Saved Robin Testcase").await;
    app.wait_for_text("#child-name", "Robin Testcase").await;
    app.quit().await;

    let app = driver.launch().await;
    app.find("#caseload tbody tr").await;
    assert_eq!(app.count("#caseload tbody tr").await, 1);
    app.wait_for_text("#caseload tbody tr", "Robin Testcase").await;
    // Open the child and check what was saved.
    app.click("#caseload tbody tr td button").await;
    app.wait_for_text("#child-name", "Robin Testcase").await;
    let details = app.text(".details").await;
    assert!(details.contains("14 May 2015"), "{details}");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_required_field_is_shown_beside_it_and_nothing_is_saved() {
    let driver = Driver::start("a_missing_required_field_is_shown_beside_it_and_nothing_is_saved");
    let app = driver.launch().await;
    app.click("#add-child").await;
    app.type_into("#f-legal_forenames", "Robin").await;
    // Surname left empty; date of birth impossible.
    app.type_into("#f-dob", "31/02/2015").await;
    app.type_into("#f-plan_issue_date", "01/09/2025").await;
    app.click("#save").await;

    app.wait_for_text("#err-legal_surname", "Legal surname is required.").await;
    app.wait_for_text("#err-dob", "is not a date").await;
    let invalid = app.find("#f-legal_surname").await.attr("aria-invalid").await.ok().flatten();
    assert_eq!(invalid.as_deref(), Some("true"));
    assert_eq!(app.text("#err-legal_forenames").await, "", "a valid field must show no error");
    app.wait_for_text("#form-banner", "2 highlighted fields").await;
    app.screenshot("validation.png").await;
    assert_eq!(children_in(&driver), 0, "nothing may be saved");

    // Fixing the fields saves the child.
    app.type_into("#f-legal_surname", "Testcase").await;
    app.type_into("#f-dob", "14/05/2015").await;
    app.click("#save").await;
    app.wait_for_text("#status", "Saved Robin Testcase").await;
    assert_eq!(children_in(&driver), 1);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn killing_the_app_right_after_a_save_loses_nothing() {
    let driver = Driver::start("killing_the_app_right_after_a_save_loses_nothing");
    let app = driver.launch().await;
    add_child(&app, "Kit", "Crashworthy").await;
    app.wait_for_text("#status", "Saved Kit Crashworthy").await;
    driver.kill_app();
    app.abandon().await;

    let db = open_db(&driver.db_path());
    let integrity: String =
        db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check runs");
    assert_eq!(integrity, "ok");
    let saved: i64 = db
        .query_row("SELECT count(*) FROM child WHERE legal_surname = 'Crashworthy'", [], |r| r.get(0))
        .expect("query runs");
    assert_eq!(saved, 1, "the acknowledged save was lost");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_caseload_from_before_encryption_is_encrypted_from_the_window() {
    let driver = Driver::start("a_caseload_from_before_encryption_is_encrypted_from_the_window");
    // As a version before encryption left it: a plaintext database.
    let db = driver.db_path();
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    rusqlite::Connection::open(&db).unwrap().execute_batch("VACUUM").unwrap();
    let app = driver.launch().await;
    add_child(&app, "Avery", "Plaintext").await;
    app.wait_for_text("#child-name", "Avery Plaintext").await;
    app.wait_for_text("#not-encrypted", "This caseload is not encrypted").await;
    assert!(std::fs::read(&db).unwrap().starts_with(b"SQLite format 3"));
    app.click("#encrypt-now").await;
    app.wait_for_text("#status", "The caseload is encrypted").await;
    app.wait_for_count("#not-encrypted", 0).await;
    let head = std::fs::read(&db).unwrap();
    assert!(!head.starts_with(b"SQLite format 3"), "the file is encrypted");
    assert!(!head.windows(9).any(|w| w == b"Plaintext"), "no name is readable in it");
    // The window goes on working on the encrypted caseload, and it opens again.
    app.click("#back").await;
    add_child(&app, "Sam", "Aftercrypt").await;
    app.wait_for_text("#child-name", "Sam Aftercrypt").await;
    app.quit().await;
    let app = driver.launch().await;
    app.wait_for_text("#caseload-count", "2 children").await;
    assert_eq!(app.count("#not-encrypted").await, 0);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_encrypted_caseload_this_computer_has_no_key_for_opens_with_its_recovery_passphrase() {
    let driver = Driver::start_without_passphrase(
        "an_encrypted_caseload_this_computer_has_no_key_for_opens_with_its_recovery_passphrase",
    );
    // Made on another computer (the command line, with its passphrase), then opened here.
    let db = driver.db_path();
    let made = ardesk_e2e::ardesk_command().args(["demo", "--size", "3", "--db"]).arg(&db).output().unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let app = driver.launch().await;
    let why = app.wait_for_text("#unlock-why", "made on another computer").await;
    assert!(
        !why.contains("ARDESK_PASSPHRASE"),
        "the window speaks of the window, not the command line: {why}"
    );
    app.type_into("#unlock-passphrase", "not the passphrase").await;
    app.click("#unlock-open").await;
    app.wait_for_text("#unlock-problem", "does not open").await;
    app.screenshot("unlock").await;
    app.type_into("#unlock-passphrase", ardesk_e2e::PASSPHRASE).await;
    app.click("#unlock-open").await;
    app.wait_for_text("#caseload-count", "3 children").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_a_computer_with_no_credential_store_the_first_start_asks_for_a_passphrase_to_choose() {
    // As on a fresh machine whose desktop keeps no passwords (found by scripts/check-install):
    // no caseload yet, no credential store, no passphrase given.
    let driver = Driver::start_without_passphrase(
        "on_a_computer_with_no_credential_store_the_first_start_asks_for_a_passphrase_to_choose",
    );
    let app = driver.launch().await;
    app.wait_for_text("#choose-h", "Choose a passphrase").await;
    assert!(!driver.db_path().exists(), "nothing is made before the passphrase is chosen");
    app.type_into("#choose-passphrase", "too short").await;
    app.type_into("#choose-again", "too short").await;
    app.click("#choose-create").await;
    app.wait_for_text("#choose-problem", "at least 12 characters").await;
    app.type_into("#choose-passphrase", "rainy tuesday kettle").await;
    app.type_into("#choose-again", "rainy tuesday kettel").await;
    app.click("#choose-create").await;
    app.wait_for_text("#choose-problem", "differ").await;
    app.screenshot("choose").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "the passphrase screen has accessibility problems: {problems:#?}");
    app.type_into("#choose-again", "rainy tuesday kettle").await;
    app.click("#choose-create").await;
    app.find("#welcome").await;
    app.screenshot("chosen").await;
    add_child(&app, "Kit", "Nokeystore").await;
    app.wait_for_text("#child-name", "Kit Nokeystore").await;
    app.quit().await;

    // The next start asks for it, and it opens the caseload made with it.
    let app = driver.launch().await;
    app.wait_for_text("#unlock-h", "Open the encrypted caseload").await;
    app.type_into("#unlock-passphrase", "rainy tuesday kettle").await;
    app.click("#unlock-open").await;
    app.wait_for_text("#caseload-count", "1 child").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_window_is_told_the_caseload_is_open_and_the_command_line_writes_beside_the_first() {
    let driver = Driver::start(
        "a_second_window_is_told_the_caseload_is_open_and_the_command_line_writes_beside_the_first",
    );
    let first = driver.launch().await;
    add_child(&first, "Robin", "Testcase").await;
    first.wait_for_text("#child-name", "Robin Testcase").await;

    // A second app on the same caseload: its window says where it is open, and changes nothing.
    let beside = Driver::start_beside(&driver, "a_second_window_beside");
    let second = beside.launch().await;
    second.wait_for_text(".error-panel", "already open in another Annual Review Desk window").await;
    assert_eq!(second.count("#add-child").await, 0);
    second.quit().await;

    // The command line writes while the window is open: it waits its turn, and the window reads it.
    let db = driver.db_path();
    let added = ardesk_e2e::ardesk_command()
        .args([
            "people",
            "add-parent",
            "--child",
            "1",
            "--name",
            "Ada Testperson",
            "--relationship",
            "Mother",
            "--pr",
            "--contact",
            "email",
            "--email",
            "ada@example.org",
            "--db",
        ])
        .arg(&db)
        .output()
        .unwrap();
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    first.click("#edit-child").await;
    first.type_into("#f-preferred_name", "Rob").await;
    first.click("#save").await;
    first.wait_for_text("#status", "Saved Rob Testcase").await;
    first.wait_for_text("#parents", "Ada Testperson").await;
    first.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_caseload_s_recovery_passphrase_is_shown_once_and_its_key_kept_by_the_computer() {
    let driver = Driver::start_with_credential_store(
        "a_new_caseload_s_recovery_passphrase_is_shown_once_and_its_key_kept_by_the_computer",
    );
    let app = driver.launch().await;
    let shown = app.wait_for_text("#recovery-passphrase", "-").await;
    let groups: Vec<&str> = shown.trim().split('-').collect();
    assert!(groups.len() == 6 && groups.iter().all(|g| g.len() == 4), "{shown}");
    app.screenshot("recovery").await;
    // The computer's credential store keeps it, under the database's path.
    let db = driver.db_path();
    let kept = driver
        .keyring()
        .and_then(|k| k.lookup(&["service", "Annual Review Desk", "username", &db.to_string_lossy()]));
    assert_eq!(kept.as_deref().map(str::trim), Some(shown.trim()));
    app.click("#recovery-noted").await;
    app.wait_for_count("#recovery", 0).await;
    add_child(&app, "Robin", "Testcase").await;
    app.wait_for_text("#child-name", "Robin Testcase").await;
    assert!(!std::fs::read(&db).unwrap().starts_with(b"SQLite format 3"), "encrypted");
    app.quit().await;

    // Started again: it opens without asking, and the passphrase is not shown again.
    let app = driver.launch().await;
    app.wait_for_text("#caseload-count", "1 child").await;
    assert_eq!(app.count("#recovery").await + app.count("#unlock").await, 0);
    app.quit().await;
    // On another computer, the recovery passphrase written down opens it.
    let other = std::process::Command::new(ardesk_e2e::ardesk_binary())
        .env("ARDESK_PASSPHRASE", shown.trim())
        .args(["pupils", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&other.stdout).contains("Robin Testcase"),
        "{}",
        String::from_utf8_lossy(&other.stderr)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_child_can_be_edited_and_deleted() {
    let driver = Driver::start("a_child_can_be_edited_and_deleted");
    let app = driver.launch().await;
    add_child(&app, "Robin", "Testcase").await;
    app.wait_for_text("#child-name", "Robin Testcase").await;
    app.click("#edit-child").await;
    app.type_into("#f-preferred_name", "Rob").await;
    app.click("#save").await;
    app.wait_for_text("#status", "Saved Rob Testcase").await;
    app.wait_for_text("#child-name", "Rob Testcase").await;

    app.click("#delete-child").await;
    app.click("#confirm-delete").await;
    app.wait_for_text("#status", "Deleted Rob Testcase. Their record is erased from the database.").await;
    app.wait_for_text("#welcome", "Welcome").await;
    assert_eq!(children_in(&driver), 0);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_leaver_is_kept_read_only_then_erased_from_the_list_the_senco_confirms() {
    let driver = Driver::start("a_leaver_is_kept_read_only_then_erased_from_the_list_the_senco_confirms");
    let app = driver.launch().await;
    for (forenames, surname, on, to) in [
        ("Avery", "Leaverton", "01/09/2020", "Moved abroad"),
        ("Robin", "Testcase", "17/07/2026", "Kirkleatham Academy"),
    ] {
        add_child(&app, forenames, surname).await;
        app.wait_for_text("#child-name", &format!("{forenames} {surname}")).await;
        app.click("#mark-left").await;
        app.wait_for_focus("#l-on").await;
        app.type_into("#l-on", on).await;
        app.type_into("#l-destination", to).await;
        app.click("#save-left").await;
        app.wait_for_text("#left-text", &format!("to {to}. Their record is kept for reference")).await;
        app.wait_for_text("#left-text", "has not set how long leavers' records are kept").await;
        // Read-only: no editing, no review screens; back on roll is offered.
        assert_eq!(app.count("#edit-child").await + app.count("#open-prep").await, 0);
        app.find("#back-on-roll").await;
        assert_eq!(app.count("section.clock").await, 0, "a leaver's statutory clock is not shown");
        if forenames == "Avery" {
            // A leaver's record is exported whole (initials only in the file's name), and
            // opening their page was audited.
            app.click("#export-record").await;
            app.wait_for_text("#export-record-ack", "Saved AL-record-").await;
            let zip =
                std::fs::read_dir(driver.save_dir()).unwrap().flatten().map(|e| e.path()).next().unwrap();
            let listing = std::process::Command::new("python3")
                .args(["-m", "zipfile", "-l"])
                .arg(&zip)
                .output()
                .unwrap();
            let listing = String::from_utf8_lossy(&listing.stdout);
            assert!(listing.contains("index.html") && listing.contains("record.json"), "{listing}");
            let audited: i64 = open_db(&driver.db_path())
                .query_row(
                    "SELECT count(*) FROM audit WHERE action IN ('child.view', 'child.export_record')",
                    [],
                    |r| r.get(0),
                )
                .unwrap_or_default();
            assert!(audited >= 2, "opening and exporting are audited: {audited}");
        }
        app.screenshot(&format!("left-{forenames}")).await;
        app.click("#back").await;
    }
    app.wait_for_text("#leavers summary", "Leavers (2)").await;
    app.wait_for_text("#caseload-count", "0 children").await;
    app.wait_for_text("#retention-rule", "No retention rule is set").await;
    assert_eq!(app.count("#erase-due").await, 0);

    app.click("#nav-settings").await;
    app.select("#r-basis", "after_leaving").await;
    app.type_into("#r-years", "6").await;
    app.click("#save-retention").await;
    app.wait_for_text("#save-retention-ack", "Retention saved").await;

    app.click("#nav-caseload").await;
    app.wait_for_text("#leavers summary", "1 due for erasure").await;
    app.wait_for_text("#retention-rule", "kept for 6 years after the child leaves").await;
    app.wait_for_text(
        "#leavers li[data-due='true']",
        "Avery Leaverton · left 1 Sep 2020 to Moved abroad · due for erasure since 1 Sep 2026",
    )
    .await;
    app.wait_for_text("#leavers li[data-due='false']", "kept until 17 Jul 2032").await;
    app.screenshot("leavers-due").await;
    app.click("#erase-due").await;
    app.wait_for_text("#confirm-erase-text", "Erase 1 record ticked").await;
    assert_eq!(app.text("#erase-due").await, "Erase 1 record…");
    app.click("#confirm-erase").await;
    app.wait_for_text(
        "#erase-leavers-ack",
        "1 leaver's record erased. Their record is erased from the database.",
    )
    .await;
    assert_eq!(children_in(&driver), 1);
    app.wait_for_text("#leavers summary", "Leavers (1)").await;

    // Back on roll: on the caseload again, and editable.
    app.click("#leavers summary").await;
    app.click("#leavers li button").await;
    app.wait_for_text("#left-text", "due to be erased on 17 Jul 2032").await;
    app.click("#back-on-roll").await;
    app.find("#edit-child").await;
    app.click("#back").await;
    app.wait_for_text("#caseload-count", "1 child").await;
    assert_eq!(app.count("#leavers").await, 0);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dashboard_puts_overdue_first_and_explains_each_date() {
    let driver = Driver::start("the_dashboard_puts_overdue_first_and_explains_each_date");
    let app = driver.launch().await;
    app.click("#load-demo").await;
    app.find("#caseload tbody tr").await;

    // Most urgent first: every overdue row, then every meeting booked too late, then due soon,
    // then on track.
    let statuses = app.attrs("#caseload tbody tr", "data-status").await;
    let rank = |s: &str| {
        ["overdue", "meeting_too_late", "needs_dates", "due_soon", "on_track"]
            .iter()
            .position(|x| *x == s)
            .unwrap_or(9)
    };
    assert_eq!(statuses.first().map(String::as_str), Some("overdue"), "{statuses:?}");
    assert!(statuses.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])), "{statuses:?}");
    let badge = app.text("#caseload tbody tr .badge").await;
    assert!(badge.contains("Overdue"), "status must be shown in words, not colour alone: {badge:?}");

    // Filters narrow the list.
    app.select("#filter-status", "on_track").await;
    let filtered = app.attrs("#caseload tbody tr", "data-status").await;
    assert!(!filtered.is_empty() && filtered.iter().all(|s| s == "on_track"), "{filtered:?}");
    // Issue 15 item 13: a meeting booked after T03 is never "On track" beside its warning.
    let warned = app
        .eval(
            "return [...document.querySelectorAll('#caseload tbody tr')]\
             .filter(r => r.textContent.includes('Bring the meeting forward')).length;",
        )
        .await;
    assert_eq!(warned, serde_json::json!(0), "on track yet warned to bring the meeting forward");
    app.select("#filter-status", "meeting_too_late").await;
    app.wait_for_text("#caseload tbody tr .badge", "Meeting too late").await;
    app.wait_for_text("#caseload tbody tr .warning-line", "Bring the meeting forward").await;
    app.screenshot("meeting-too-late.png").await;
    app.select("#filter-status", "").await;
    app.click("#filter-lac").await;
    let lac = app.count("#caseload tbody tr").await;
    assert!(lac > 0 && lac < statuses.len(), "looked-after filter left {lac} of {}", statuses.len());
    app.click("#filter-lac").await;

    // Open a child whose meeting is booked: the timeline shows T07 and why.
    let rows = app.client().find_all(ardesk_e2e::Locator::Css("#caseload tbody tr")).await.unwrap();
    let mut opened = false;
    for row in rows {
        if row.text().await.unwrap_or_default().contains("Reports due") {
            row.find(ardesk_e2e::Locator::Css("button")).await.unwrap().click().await.unwrap();
            opened = true;
            break;
        }
    }
    assert!(opened, "no demo child at the reports-due stage");
    app.find("#timeline tr[data-milestone='T07']").await;
    app.click("#timeline tr[data-milestone='T07'] summary").await;
    let why = app.wait_for_text("#timeline tr[data-milestone='T07'] .source", "reg 20(3)").await;
    assert!(why.contains("SEND Regulations 2014"), "{why}");
    let t07 = app.text("#timeline tr[data-milestone='T07'] .why").await;
    assert!(t07.contains("2 weeks") && t07.contains("notice"), "{t07}");
    assert!(!app.text("#next-action").await.is_empty());
    app.screenshot("timeline.png").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn milestones_export_to_an_ics_file_that_parses() {
    let driver = Driver::start("milestones_export_to_an_ics_file_that_parses");
    let app = driver.launch().await;
    app.click("#load-demo").await;
    app.click("#caseload tbody tr td button").await;
    app.find("#timeline").await;
    let milestones = app.count("#timeline tbody tr").await;
    app.click("#export-ics").await;
    let status = app.wait_for_text("#export-ics-ack", ".ics").await;
    assert!(status.contains(&format!("({milestones} dates)")), "{status}");

    let files: Vec<_> = std::fs::read_dir(driver.save_dir()).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert_eq!(ardesk_documents::ics::count_events(&text), Ok(milestones));
    assert!(text.contains("DTSTART;VALUE=DATE:"), "events must be all-day");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_two_thousand_child_caseload_renders_and_filters() {
    let driver = Driver::start("a_two_thousand_child_caseload_renders_and_filters");
    // The CLI and the app share the database: prepare the large demo with `ardesk`.
    let ardesk = ardesk_e2e::app_binary().with_file_name("ardesk");
    let db = driver.db_path();
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let out = std::process::Command::new(&ardesk)
        .env("ARDESK_PASSPHRASE", ardesk_e2e::PASSPHRASE)
        .args(["demo", "--size", "2000", "--db", db.to_str().unwrap()])
        .output()
        .unwrap_or_else(|e| panic!("could not run {}: {e}", ardesk.display()));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let start = std::time::Instant::now();
    let app = driver.launch().await;
    app.wait_for_text("#caseload-count", "2000 children").await;
    let loaded = start.elapsed();
    // The 200 most urgent are drawn at once: nothing further down is more overdue.
    assert_eq!(app.count("#caseload tbody tr").await, 200);
    assert_eq!(app.text("#show-all").await, "Show all 2000");
    let rank = |s: &String| {
        ["overdue", "meeting_too_late", "needs_dates", "due_soon", "on_track"].iter().position(|r| r == s)
    };
    let ranks: Vec<_> = app.attrs("#caseload tbody tr", "data-status").await.iter().map(rank).collect();
    assert!(ranks.iter().all(Option::is_some) && ranks.is_sorted(), "{ranks:?}");
    assert_eq!(ranks.first(), Some(&Some(0)), "the demo has overdue reviews");

    let start = std::time::Instant::now();
    app.type_into("#search", "Zara").await;
    let shown = app.wait_for_text("#caseload-count", " of 2000 children").await;
    let filtered = start.elapsed();
    let n: usize = shown.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(n > 0 && n < 2000, "{shown}");
    assert_eq!(app.count("#caseload tbody tr").await, n.min(200));

    // The rest on request.
    app.type_into("#search", "").await;
    app.click("#show-all").await;
    let start_all = std::time::Instant::now();
    while app.count("#caseload tbody tr").await != 2000 {
        assert!(start_all.elapsed() < ardesk_e2e::PATIENCE, "the rest never appeared");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(app.count("#show-all").await, 0);
    // Figures for the issue note; speed targets live in benchmarks, not in tests.
    eprintln!("2000 children: launch to full table {loaded:?}; search filter {filtered:?}");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_refuse_a_bad_profile_and_import_terms_and_holidays() {
    let driver = Driver::start("settings_refuse_a_bad_profile_and_import_terms_and_holidays");
    driver.offer_file("terms.ics");
    driver.offer_file("bank-holidays.json");
    let app = driver.launch().await;
    app.click("#load-demo").await;
    app.find("#caseload tbody tr").await;
    app.click("#nav-settings").await;
    // The demo was loaded after the start, so today's backup is still to come, and it says so.
    app.wait_for_text("#backup-status", "the caseload was empty when Annual Review Desk started").await;

    // The school's details: a missing SENCO name is refused beside the form, then saved.
    app.find("#s-senco").await;
    app.wait_for_text("#school-h", "School").await;
    app.type_into("#s-senco", "").await;
    app.click("#save-school").await;
    app.wait_for_text("#err-s-senco", "The SENCO's name is required.").await;
    app.type_into("#s-senco", "Jo Senco").await;
    app.click("#save-school").await;
    app.wait_for_text("#save-school-ack", "School details saved.").await;

    // A profile that breaks a statutory floor is refused, naming the field; nothing changes.
    app.click("#profiles tr[data-profile='redcar'] .edit-json").await;
    app.find("#profile-json").await;
    let edit = |from: &str, to: &str| {
        format!(
            "const t = document.getElementById('profile-json'); t.value = t.value.replace('{from}', '{to}');
             t.dispatchEvent(new Event('input', {{ bubbles: true }})); return t.value.includes('{to}');"
        )
    };
    assert_eq!(app.eval(&edit("\"statutory_notice_days\": 14", "\"statutory_notice_days\": 10")).await, true);
    app.click("#save-profile").await;
    app.wait_for_text("#profile-errors", "statutory_notice_days").await;
    assert!(!app.text("#profiles tr[data-profile='redcar']").await.contains("edited"));
    // A valid change is saved as the school's version.
    assert_eq!(app.eval(&edit("\"statutory_notice_days\": 10", "\"statutory_notice_days\": 14")).await, true);
    assert_eq!(app.eval(&edit("\"invite_lead_days\": 42", "\"invite_lead_days\": 35")).await, true);
    app.click("#save-profile").await;
    app.wait_for_text("#profile-redcar-ack", "Saved the school's version of the redcar profile").await;
    app.wait_for_text("#profiles tr[data-profile='redcar']", "edited by the school").await;

    // Term dates from the school's calendar file.
    app.click("#import-terms").await;
    app.wait_for_text("#import-terms-ack", "Term dates imported: 3 terms, 1 closure days").await;
    let terms: String =
        app.eval("return document.getElementById('terms').value;").await.as_str().unwrap_or("").to_owned();
    assert!(
        terms.contains("term, 03/09/2026, 23/10/2026") && terms.contains("closure, 02/11/2026"),
        "{terms}"
    );

    // Bank holidays from gov.uk's file extend the table.
    app.click("#import-holidays").await;
    // Christmas 2030 is already in the shipped table: only New Year's Day 2031 is new.
    app.wait_for_text("#import-holidays-ack", "Bank holidays imported: 1 new date.").await;
    app.wait_for_text("#holiday-years", "2018 to 2031").await;
    app.screenshot("settings.png").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn before_the_meeting_invitees_letters_reports_and_circulation() {
    let driver = Driver::start("before_the_meeting_invitees_letters_reports_and_circulation");
    driver.offer_file("school-report.pdf");
    let app = driver.launch().await;
    app.click("#load-demo").await;
    app.find("#caseload tbody tr").await;

    // A child (below Year 11) whose review is still being planned.
    open_child_under_year_11_at_stage(&app, "Planning").await;
    app.click("#open-prep").await;
    app.find("#prep-child").await;

    // Book the meeting eight weeks ahead.
    let date = (chrono::Local::now().date_naive() + chrono::Days::new(56)).format("%d/%m/%Y").to_string();
    app.type_into("#m-date", &date).await;
    app.type_into("#m-time", "10:00").await;
    app.type_into("#m-venue", "SENCO office, main site").await;
    app.click("#save-meeting").await;
    app.wait_for_text("#save-meeting-ack", "Meeting saved.").await;
    app.wait_for_text("#notice", "T07 To do").await;

    // Accept the suggested invitees: the statutory ones are all there.
    app.click("#accept-invitees").await;
    app.find("#invitees tbody tr").await;
    let invitees = app.text("#invitees").await;
    for who in ["Head teacher", "SEN Officer", "LA social care officer"] {
        assert!(invitees.contains(who), "{who} missing: {invitees}");
    }
    assert!(app.count("#checklist tbody tr").await >= 4);

    // Every letter, as DOCX and PDF, into the folder chosen.
    app.click("#generate-letters").await;
    let status = app.wait_for_text("#generate-letters-ack", "Wrote").await;
    let files: Vec<String> = std::fs::read_dir(driver.save_dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let pdfs = files.iter().filter(|f| f.ends_with(".pdf")).count();
    // Every letter as DOCX and PDF, plus the two printable views forms (PDF).
    assert!(pdfs >= 5 && (pdfs - 2) * 2 + 2 == files.len(), "{status}: {files:?}");
    assert!(files.iter().any(|f| f.ends_with("_child_views_form.pdf")), "{files:?}");
    assert!(files.iter().any(|f| f.contains("child_invitation")), "{files:?}");
    app.wait_for_text("#letters summary", &format!("Letters written so far: {}", files.len())).await;

    // Invitations sent today: notice is in time (T07).
    app.click("#mark-invited").await;
    app.wait_for_text("#notice", "T07 Met").await;

    // The school report arrives: attach it from the fixtures.
    app.click("#checklist tbody tr:first-child .attach").await;
    app.wait_for_text("#checklist tbody tr:first-child", "school-report.pdf").await;
    let status = app.attrs("#checklist tbody tr:first-child", "data-status").await;
    assert_eq!(status, ["received"]);

    // The cover letters that go with the papers, one per invitee.
    app.click("#circulation-letters").await;
    app.wait_for_text("#circulation-letters-ack", "cover letters").await;

    // Issue 15 item 13: the other reports have not arrived, so circulating today is recorded
    // only once the SENCO confirms everyone was told which (the cover letters name them).
    app.click("#mark-circulated").await;
    app.wait_for_text("#err-told-missing", "have not arrived").await;
    assert!(!app.text("#circulation").await.contains("T09 Met"), "refused, nothing recorded");
    app.click("#told-missing").await;
    app.click("#mark-circulated").await;
    let t09 = app.wait_for_text("#circulation", "T09 Met").await;
    assert!(t09.contains("Everyone was told that") && t09.contains("had not arrived"), "{t09}");
    app.screenshot("prep.png").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_ar1_record_saves_as_you_type_and_survives_a_crash() {
    let driver = Driver::start("the_ar1_record_saves_as_you_type_and_survives_a_crash");
    let app = driver.launch().await;
    app.click("#load-demo").await;
    app.click("#caseload tbody tr td button").await;
    let child = app.text("#child-name").await;
    app.click("#open-ar1").await;
    app.find("#ar1-title").await;
    app.wait_for_text("#ar1-problems", "record of discussion is empty").await;
    // Issue 15 item 11: each Section E outcome without a progress rating is named (reg 20(5)).
    app.wait_for_text("#ar1-problems", "Progress towards outcome 1 is not rated").await;

    app.type_into("#ar1-discussion", "Progress against each outcome was reviewed.").await;
    app.type_into("#ar1-actions-0-action", "Update the visual timetable").await;
    app.type_into("#ar1-actions-0-owner", "Class teacher").await;
    app.type_into("#ar1-actions-0-deadline", "01/02/2027").await;
    app.type_into("#ar1-actions-1-action", "Arrange an EP visit").await;
    app.type_into("#ar1-actions-1-owner", "SENCO").await;
    app.type_into("#ar1-actions-1-deadline", "15/03/2027").await;
    app.wait_for_text("#ar1-saved", "Saved").await;
    // Once saved, the discussion is no longer listed as missing.
    let start = std::time::Instant::now();
    while app.text("#ar1-problems").await.contains("record of discussion is empty") {
        assert!(start.elapsed() < ardesk_e2e::PATIENCE, "the discussion never counted as saved");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // A bad date is refused beside its field, and the saved one stays.
    app.type_into("#ar1-actions-1-deadline", "31/02/2027").await;
    app.wait_for_text("#err-ar1-actions-1-deadline", "not a date").await;
    app.type_into("#ar1-actions-1-deadline", "15/03/2027").await;
    app.wait_for_text("#ar1-saved", "Saved").await;
    let before_kill = std::time::Instant::now();
    while !app.text("#err-ar1-actions-1-deadline").await.is_empty() {
        assert!(before_kill.elapsed() < ardesk_e2e::PATIENCE, "the corrected date was never saved");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    // Typing, then the machine dies: at most the last half second is lost.
    let field = app.find("#ar1-discussion").await;
    field.send_keys(" Mum raised transport.").await.unwrap();
    driver.kill_app();
    app.abandon().await;

    let db = open_db(&driver.db_path());
    let integrity: String = db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");

    let app = driver.launch().await;
    app.find("#caseload tbody tr").await;
    app.type_into("#search", child.split_whitespace().next().unwrap()).await;
    app.click("#caseload tbody tr td button").await;
    app.wait_for_text("#child-name", &child).await;
    app.click("#open-ar1").await;
    app.find("#ar1-title").await;
    let discussion = app.eval("return document.getElementById('ar1-discussion').value;").await;
    let discussion = discussion.as_str().unwrap_or_default().to_owned();
    assert!(discussion.starts_with("Progress against each outcome was reviewed."), "{discussion:?}");
    for (id, value) in [
        ("ar1-actions-0-owner", "Class teacher"),
        ("ar1-actions-1-action", "Arrange an EP visit"),
        ("ar1-actions-1-deadline", "15/03/2027"),
    ] {
        let got = app.eval(&format!("return document.getElementById('{id}').value;")).await;
        assert_eq!(got.as_str(), Some(value), "{id}");
    }
    app.screenshot("ar1.png").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn after_the_meeting_export_send_decide_and_follow_up() {
    let driver = Driver::start("after_the_meeting_export_send_decide_and_follow_up");
    let app = driver.launch().await;
    app.click("#load-demo").await;
    // The dashboard lists the caseload's open actions, overdue first.
    app.wait_for_text("#actions-count", "open").await;

    let child = open_child_at_stage(&app, "Ready to submit").await;
    app.wait_for_text("#after-dates", "LA decision due by (T12)").await;
    app.wait_for_text("#after-dates", "Final amended plan due by (T14)").await;

    // In the AR1 record: who came, then the record exported and the form printed.
    app.click("#open-ar1").await;
    app.find("#ar1-attendance").await;
    app.select("#ar1-attendance select", "absent").await;
    app.wait_for_text("#ar1-saved", "Saved").await;
    // Issue 15 item 13: "did not attend" is a record of attendance; the meeting was held and
    // every outcome is rated, so the record is complete.
    app.wait_for_text("#ar1-problems", "the record is complete").await;
    app.click("#export-ar1").await;
    app.wait_for_text("#ar1-export-status", "AR1_record.pdf").await;
    app.click("#print-ar1").await;
    app.wait_for_text("#ar1-export-status", "AR1_for_the_meeting.pdf").await;
    let mut files: Vec<String> = std::fs::read_dir(driver.save_dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "{files:?}");
    for f in &files {
        let bytes = std::fs::read(driver.save_dir().join(f)).unwrap();
        let magic: &[u8] = if f.ends_with(".pdf") { b"%PDF-" } else { b"PK" };
        assert!(bytes.starts_with(magic), "{f} is not a real document");
        assert!(!f.contains("draft"), "the demo record is complete: {f}");
    }
    // The staff briefing sheet: one page for the staff, from the plan and this record, read
    // back by pdftotext.
    app.click("#write-briefing").await;
    app.wait_for_text("#ar1-export-status", "_staff_briefing.pdf").await;
    let sheet = std::fs::read_dir(driver.save_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with("_staff_briefing.pdf"))
        .expect("the briefing sheet was written");
    let out = std::process::Command::new("pdfinfo").arg(&sheet).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Pages:           1"), "one page");
    let out = std::process::Command::new("pdftotext").arg(&sheet).arg("-").output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    for words in ["Staff briefing:", "What we are working towards", "Section F", "Who to ask"] {
        assert!(said.contains(words), "the sheet lacks {words:?}: {said}");
    }
    let absent: i64 = open_db(&driver.db_path())
        .query_row("SELECT count(*) FROM invitee WHERE attendance = 'absent'", [], |r| r.get(0))
        .unwrap_or_default();
    assert_eq!(absent, 1, "the attendance chosen in the window is saved");

    // Back on the child's page: who was briefed on the plan (a name is required), then sent to
    // the LA today, then the LA's decision letter.
    app.click("#back-to-child").await;
    app.find("#after-meeting").await;
    app.click("#record-briefing").await;
    app.wait_for_text("#after-meeting", "Say who was briefed.").await;
    app.type_into("#briefed-who", "Class teacher and TA").await;
    app.click("#record-briefing").await;
    app.wait_for_text("#briefings", "Class teacher and TA").await;
    // Looking back on the review: a question left blank is fine, all blank is not.
    app.click("#save-reflection").await;
    app.wait_for_text("#after-meeting", "Answer at least one of the questions.").await;
    app.type_into("#reflect-worked", "The child's views came first.").await;
    app.type_into("#reflect-next", "Ask for the reports five weeks ahead.").await;
    app.click("#save-reflection").await;
    app.screenshot("briefed-and-reflection.png").await;
    app.click("#mark-submitted").await;
    app.wait_for_text("#after-stage", "Submitted to LA").await;
    app.select("#decision", "no_change").await;
    app.click("#record-decision").await;
    app.wait_for_text("#status", "LA decision recorded").await;
    app.wait_for_text("#child-name", &child).await;

    let db = open_db(&driver.db_path());
    let (decided, next_stage, anchor): (String, String, String) = db
        .query_row(
            "SELECT (SELECT decision FROM review r2 WHERE r2.child_id = c.id AND r2.decision IS NOT NULL
                     ORDER BY r2.id DESC LIMIT 1),
                    (SELECT stage FROM review r3 WHERE r3.child_id = c.id ORDER BY r3.id DESC LIMIT 1),
                    p.last_review_decision
             FROM child c JOIN ehc_plan p ON p.child_id = c.id
             WHERE (SELECT count(*) FROM review r4 WHERE r4.child_id = c.id AND r4.submitted_on IS NOT NULL
                    AND r4.stage = 'decided') > 0",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(decided, "no_change");
    assert_eq!(next_stage, "planning", "the decision starts the next review");
    assert_eq!(anchor, chrono::Local::now().date_naive().to_string(), "the letter's date is the new anchor");

    // The decided review's actions stay on the dashboard until they are done, and the
    // reflection is read there across the caseload.
    app.click("#nav-caseload").await;
    app.wait_for_text("#actions-count", "open").await;
    app.wait_for_text("#reflections", "Ask for the reports five weeks ahead.").await;
    // The first fifteen are shown; "Show all" lists the rest.
    if app.count("#actions-show-all").await > 0 {
        app.click("#actions-show-all").await;
        let start = std::time::Instant::now();
        while app.count("#open-actions tbody tr").await <= 15 {
            assert!(start.elapsed() < ardesk_e2e::PATIENCE, "\"Show all\" never showed more");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    let first = app.attrs("#open-actions tbody tr", "data-review").await;
    let rows = app.attrs("#open-actions tbody tr", "data-row").await;
    let (review, row) = (first[0].clone(), rows[0].clone());
    app.select(&format!("#action-{review}-{row}"), "done").await;
    let start = std::time::Instant::now();
    loop {
        let status: Option<String> = db
            .query_row(
                "SELECT status FROM action_follow_up WHERE review_id = ?1 AND action_row = ?2",
                [review.parse::<i64>().unwrap(), row.parse::<i64>().unwrap()],
                |r| r.get(0),
            )
            .ok();
        if status.as_deref() == Some("done") {
            break;
        }
        assert!(start.elapsed() < ardesk_e2e::PATIENCE, "the action was never marked done");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.screenshot("after-meeting.png").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn amendments_import_the_plan_lint_section_f_and_write_tracked_changes() {
    let driver = Driver::start("amendments_import_the_plan_lint_section_f_and_write_tracked_changes");
    driver.offer_file("plan.docx");
    let app = driver.launch().await;
    app.click("#load-demo").await;
    open_child_at_stage(&app, "Reports due").await;
    app.click("#open-amendments").await;
    app.find("#amend-title").await;

    // Import the plan from Word: the sections found are shown to confirm, then saved.
    app.click("#import-plan").await;
    app.find("#plan-confirm").await;
    let f = app.eval("return document.getElementById('plan-F').value;").await;
    assert!(f.as_str().unwrap_or_default().starts_with("Small-group social communication"), "{f:?}");
    app.click("#plan-save").await;
    app.wait_for_text("#plan-source", "Imported from plan.docx").await;

    // Propose a change to Section F: the current wording comes from the plan; "regular" is flagged.
    app.select("#am-section", "F").await;
    let current = app.eval("return document.getElementById('am-current').value;").await;
    let current = current.as_str().unwrap_or_default().to_owned();
    assert!(current.contains("delivered weekly"), "{current}");
    app.paste_into("#am-proposed", &current.replace("delivered weekly", "delivered with regular practice"))
        .await;
    app.wait_for_text("#am-lint", "regular").await;
    app.wait_for_text("#am-diff", "regular practice").await;
    app.screenshot("amendments-lint.png").await;
    let item = app.attrs(".evidence-row input[type=checkbox]", "id").await[0].clone();
    app.click(&format!("#{item}")).await;
    app.type_into(&format!("#{}", item.replace("am-ev-", "am-loc-")), "p. 3, para 2").await;
    app.type_into("#am-reason", "Therapy targets need more practice.").await;
    app.click("#am-save").await;
    app.wait_for_text("#am-save-ack", "Saved the proposed change").await;
    app.wait_for_text("#am-problems", "is vague").await;
    assert_eq!(app.count("#am-list .amendment").await, 1);

    // The Redcar default: Word tracked changes.
    app.click("#am-generate").await;
    app.wait_for_text("#am-generate-ack", "proposed_amendments_revisions.docx").await;
    let written: Vec<_> = std::fs::read_dir(driver.save_dir()).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let bytes = std::fs::read(&written[0]).unwrap();
    assert!(bytes.starts_with(b"PK"), "a real DOCX");
    let db = open_db(&driver.db_path());
    let (section, evidence): (String, i64) = db
        .query_row(
            "SELECT a.section, (SELECT count(*) FROM amendment_evidence e WHERE e.amendment_id = a.id)
             FROM amendment a ORDER BY a.id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((section.as_str(), evidence), ("F", 1));
    app.screenshot("amendments.png").await;
    app.quit().await;
}

/// The child names of the demo reviews whose records are complete, in the order the demo made them.
fn recorded_children(driver: &Driver) -> Vec<String> {
    let db = open_db(&driver.db_path());
    let mut stmt = db
        .prepare(
            "SELECT coalesce(c.preferred_name, c.legal_forenames) || ' ' || c.legal_surname
             FROM review r JOIN child c ON c.id = r.child_id
             WHERE r.stage IN ('ready_to_submit', 'submitted') ORDER BY r.id",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().flatten().collect()
}

async fn open_child_named(app: &App, name: &str) {
    app.type_into("#search", name.split_whitespace().next().unwrap()).await;
    let rows = app.client().find_all(ardesk_e2e::Locator::Css("#caseload tbody tr button")).await.unwrap();
    for b in rows {
        if b.text().await.unwrap_or_default() == name {
            b.click().await.unwrap();
            app.wait_for_text("#child-name", name).await;
            return;
        }
    }
    panic!("{name} is not on the caseload");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_warning_stops_the_bundle_until_a_reason_is_recorded_which_the_la_then_reads() {
    let driver =
        Driver::start("a_warning_stops_the_bundle_until_a_reason_is_recorded_which_the_la_then_reads");
    let app = driver.launch().await;
    app.click("#load-demo").await;
    app.find("#caseload tbody tr").await;
    // The first recorded review held back by warnings alone.
    let mut found = false;
    for name in recorded_children(&driver) {
        open_child_named(&app, &name).await;
        app.click("#open-bundle").await;
        let state = app.wait_for_text("#bundle-state", "xport").await;
        if state.contains("need") && state.contains("reason recorded") && !state.contains("must be fixed") {
            found = true;
            break;
        }
        app.click("#back-to-child").await;
        app.click("#back").await;
        app.find("#caseload tbody tr").await;
    }
    assert!(found, "no demo review held back by warnings alone");
    let disabled = app.eval("return document.getElementById('export-bundle').disabled;").await;
    assert_eq!(disabled, serde_json::Value::Bool(true), "an unanswered warning stops the export");
    // Each warning answered with a reason, beside it.
    loop {
        let inputs = app.attrs("#findings li.problem-warn input", "id").await;
        let Some(input) = inputs.first() else { break };
        app.type_into(&format!("#{input}"), "The EP's report came late; agreed with the caseworker.").await;
        app.click(&format!("#{}", input.replace("ov-", "ov-save-"))).await;
        app.wait_for_count("#findings li.problem-warn input", inputs.len() - 1).await;
    }
    app.wait_for_text("#findings .overridden", "Overridden: The EP's report came late").await;
    app.wait_for_text("#bundle-state", "Ready to export").await;
    app.click("#export-bundle").await;
    app.wait_for_text("#bundle-status", "Written").await;
    let zip = std::fs::read_dir(driver.save_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "zip"))
        .unwrap();
    let verified = ardesk_e2e::ardesk_command().arg("verify").arg(&zip).output().unwrap();
    let said = String::from_utf8_lossy(&verified.stdout);
    assert_eq!(verified.status.code(), Some(0), "{said}");
    assert!(said.contains("The EP's report came late"), "the LA reads the reason: {said}");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_bundle_is_checked_exported_and_verified_and_a_password_blocks_it() {
    let driver = Driver::start("the_bundle_is_checked_exported_and_verified_and_a_password_blocks_it");
    let app = driver.launch().await;
    app.click("#load-demo").await;
    app.find("#caseload tbody tr").await;
    let names = recorded_children(&driver);

    // The second complete record has a password-protected school report: V01 blocks it.
    open_child_named(&app, &names[1]).await;
    app.click("#open-bundle").await;
    app.wait_for_text("#findings", "school-report-protected.pdf").await;
    assert_eq!(app.attrs("#findings li[data-rule=V01]", "data-rule").await.len(), 1);
    let disabled = app.eval("return document.getElementById('export-bundle').disabled;").await;
    assert_eq!(disabled, serde_json::Value::Bool(true), "export is blocked");
    app.screenshot("bundle-blocked.png").await;

    // The first exports, and the LA's check of the file says it is valid.
    app.click("#back-to-child").await;
    app.click("#back").await;
    open_child_named(&app, &names[0]).await;
    app.click("#open-bundle").await;
    app.wait_for_text("#bundle-state", "Ready to export").await;
    app.click("#export-bundle").await;
    app.wait_for_text("#bundle-status", "Written").await;
    let zips: Vec<_> = std::fs::read_dir(driver.save_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
        .collect();
    assert_eq!(zips.len(), 1, "{zips:?}");
    driver.offer_path(&zips[0]);
    app.click("#nav-verify").await;
    app.click("#open-received").await;
    app.wait_for_text("#verify-state", "Valid bundle").await;
    app.screenshot("bundle-verified.png").await;
    // The LA's command-line check agrees.
    let verified = ardesk_e2e::ardesk_command().arg("verify").arg(&zips[0]).output().unwrap();
    assert_eq!(verified.status.code(), Some(0), "{}", String::from_utf8_lossy(&verified.stdout));

    // A password-protected report attached to the same review blocks it, naming the file;
    // attaching an unprotected copy in its place lets it go again.
    let protected =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/app/demo/protected-report.pdf");
    driver.clear_offers();
    driver.offer_path(&protected);
    app.click("#nav-caseload").await;
    open_child_named(&app, &names[0]).await;
    app.click("#open-prep").await;
    app.click("#checklist tbody tr:first-child .attach").await;
    app.wait_for_text("#checklist tbody tr:first-child", "protected-report.pdf").await;
    // It is kept (it was received) but flagged at once, with what to do about it.
    app.wait_for_text("#checklist tbody tr:first-child .file-warning", "the LA cannot open it").await;
    app.wait_for_text("#checklist tbody tr:first-child .file-warning", "File > Properties > Security").await;
    app.click("#back-to-child").await;
    app.click("#open-bundle").await;
    app.wait_for_text("#findings", "protected-report.pdf").await;
    assert_eq!(app.attrs("#findings li[data-rule=V01]", "data-rule").await.len(), 1);

    // A Word report whose macros hide under another part's name is kept and flagged the same
    // way, with the steps in Word, and the bundle check blocks it (V14).
    let macros = driver.save_dir().join("Report from Mr Sample.docx");
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/report-with-renamed-macros.docx");
    std::fs::copy(fixture, &macros).unwrap();
    driver.clear_offers();
    driver.offer_path(&macros);
    app.click("#back-to-child").await;
    app.click("#open-prep").await;
    app.click("#checklist tbody tr:first-child .attach").await;
    app.wait_for_text("#checklist tbody tr:first-child", "Report from Mr Sample.docx").await;
    app.wait_for_text("#checklist tbody tr:first-child .file-warning", "File > Save As > Word Document")
        .await;
    app.screenshot("checklist-macros-flagged.png").await;
    app.click("#back-to-child").await;
    app.click("#open-bundle").await;
    app.wait_for_text("#findings li[data-rule=V14]", "macros").await;
    app.wait_for_text("#findings li[data-rule=V14]", "Word Document (*.docx)").await;
    std::fs::remove_file(&macros).unwrap();
    driver.clear_offers();
    driver.offer_file("school-report.pdf");
    app.click("#back-to-child").await;
    app.click("#open-prep").await;
    app.click("#checklist tbody tr:first-child .attach").await;
    app.wait_for_text("#checklist tbody tr:first-child", "school-report.pdf").await;
    app.click("#back-to-child").await;
    app.click("#open-bundle").await;
    app.wait_for_text("#bundle-state", "Ready to export").await;
    app.quit().await;
}

/// The LA's desk in the window (issue 19): a folder holding a bundle the school exported and a
/// folder of documents sent without the app becomes the register, soonest decision first; the
/// filters narrow it, and a row opens to its summary.
#[tokio::test(flavor = "multi_thread")]
async fn the_la_opens_a_folder_of_received_reviews_as_a_register() {
    let driver = Driver::start("the_la_opens_a_folder_of_received_reviews_as_a_register");
    let app = driver.launch().await;
    app.click("#load-demo").await;
    app.find("#caseload tbody tr").await;
    let names = recorded_children(&driver);
    open_child_named(&app, &names[0]).await;
    app.click("#open-bundle").await;
    app.wait_for_text("#bundle-state", "Ready to export").await;
    app.click("#export-bundle").await;
    app.wait_for_text("#bundle-status", "Written").await;
    // A school without the app sent a folder of documents.
    let loose = driver.save_dir().join("St Example Primary - JS");
    std::fs::create_dir_all(&loose).unwrap();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    std::fs::copy(fixtures.join("school-report.pdf"), loose.join("Parent views.pdf")).unwrap();
    std::fs::copy(fixtures.join("plan.docx"), loose.join("Annual Review AR1 - JS.docx")).unwrap();

    app.click("#nav-verify").await;
    app.click("#open-received-folder").await;
    app.wait_for_text("#register-summary", "2 received: 1 valid").await;
    assert_eq!(app.attrs("#register-table tr.register-row", "data-verdict").await, ["valid", "needs_person"]);
    app.wait_for_text("#register-table tr.register-row", "days").await;
    app.screenshot("register.png").await;
    // Saved for a spreadsheet: the same register, soonest decision first.
    app.click("#save-register").await;
    app.wait_for_text("#register-saved", "Saved register-").await;
    let csv = std::fs::read_dir(driver.save_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
        .expect("the register was written");
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "a header and two rows: {text}");
    assert!(lines[0].starts_with("DecisionDue,DaysLeft,ReviewDeadline,Verdict"), "{}", lines[0]);
    assert!(lines[1].contains(",valid,") && lines[2].contains(",needs_person,"), "{text}");

    // Not valid: the folder alone; its summary says what was found and that a person must check.
    app.select("#register-filter", "attention").await;
    app.wait_for_count("#register-table tr.register-row", 1).await;
    app.click("#register-table tr.register-row button.open-row").await;
    app.wait_for_text(".register-details", "Parent/carer views: Parent views.pdf").await;
    app.wait_for_text(".register-details", "AR1 / Record of Annual Review").await;
    app.wait_for_text(".register-details", "a person must check it is complete").await;
    app.screenshot("register-details.png").await;
    // By school: the demo school's bundle.
    app.select("#register-filter", "all").await;
    app.type_into("#register-school", "Demo School").await;
    app.wait_for_count("#register-table tr.register-row", 1).await;
    assert_eq!(app.attrs("#register-table tr.register-row", "data-verdict").await, ["valid"]);
    // The decision to the family, drafted from the row: the officer types the family's details
    // from the case record (the bundle holds initials only).
    app.click("#register-table tr.register-row button.open-row").await;
    app.select(".register-details .reply-kind", "amend").await;
    app.type_into(".register-details .reply-recipient", "Ms Jo Example").await;
    app.type_into(".register-details .reply-address", "1 Example Row").await;
    app.type_into(".register-details .reply-child", "Robin").await;
    app.click(".register-details .draft-reply").await;
    let said = app.wait_for_text(".register-details .reply-drafted", "Drafted").await;
    assert!(said.contains("decision-amend-") && said.contains(".pdf"), "{said}");
    app.wait_for_text("#register-table tr.register-row .register-reply", "propose amendments").await;
    app.screenshot("register-reply.png").await;
    let pdf = std::fs::read_dir(driver.save_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("decision-amend-"))
                && p.extension().is_some_and(|e| e == "pdf")
        })
        .expect("the decision letter was written");
    let out = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let letter = String::from_utf8_lossy(&out.stdout).replace('\n', " ");
    for words in ["Dear Ms Jo Example", "Robin's annual review", "15 days", "SEND Tribunal"] {
        assert!(letter.contains(words), "the letter lacks {words:?}: {letter}");
    }
    // The register knows which have no reply yet.
    app.type_into("#register-school", "").await;
    app.select("#register-filter", "no_reply").await;
    app.wait_for_count("#register-table tr.register-row", 1).await;
    assert_eq!(app.attrs("#register-table tr.register-row", "data-verdict").await, ["needs_person"]);
    // Kent's desk: the bundle made for Redcar & Cleveland is a problem, and goes back to the
    // school in Kent's name.
    app.select("#desk-la", "kent").await;
    app.select("#register-filter", "all").await;
    app.click("#open-received-folder").await;
    app.wait_for_text("#register-summary", "2 received: 0 valid, 1 with problems").await;
    app.select("#register-filter", "attention").await;
    app.type_into("#register-school", "Demo School").await;
    app.wait_for_count("#register-table tr.register-row", 1).await;
    // The desk remembers the decision drafted for it before the folder was opened again.
    app.wait_for_text("#register-table tr.register-row .register-reply", "propose amendments (20").await;
    app.click("#register-table tr.register-row button.open-row").await;
    app.wait_for_text(".register-details", "not Kent").await;
    assert_eq!(app.attrs(".register-details .reply-kind option", "value").await, ["returned"]);
    app.click(".register-details .draft-reply").await;
    let said = app.wait_for_text(".register-details .reply-drafted", "Drafted").await;
    assert!(said.contains("returned-"), "{said}");
    let pdf = std::fs::read_dir(driver.save_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("returned-"))
                && p.extension().is_some_and(|e| e == "pdf")
        })
        .expect("the return was written");
    let out = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let letter = String::from_utf8_lossy(&out.stdout).replace('\n', " ");
    assert!(letter.contains("returned for completion") && letter.contains("Kent"), "{letter}");
    app.quit().await;
}

/// For the head and governors (issue 20 item 6): the dashboard counts the statutory deadlines
/// met this school year, a period typed narrows it, and the report is saved as a PDF (read back
/// with pdftotext) and a CSV, children by initials only; the whole caseload's milestones are
/// saved as one calendar (issue 20 item 7), by initials too.
#[tokio::test(flavor = "multi_thread")]
async fn the_dashboard_reports_the_statutory_deadlines_met_for_the_governors() {
    let driver = Driver::start("the_dashboard_reports_the_statutory_deadlines_met_for_the_governors");
    let app = driver.launch().await;
    app.click("#load-demo").await;
    app.find("#caseload tbody tr").await;
    app.click("#nav-settings").await;
    app.click("#nav-caseload").await;
    app.wait_for_text("#compliance-period", "with a meeting from 1 Sep 2026 to 31 Aug 2027").await;
    assert_eq!(
        app.attrs("#compliance-totals tbody tr", "data-milestone").await,
        ["T07", "T09", "T11", "T12"]
    );
    app.type_into("#compliance-from", "01/11/2026").await;
    app.type_into("#compliance-to", "30/11/2026").await;
    app.click("#compliance-show").await;
    app.wait_for_text("#compliance-period", "from 1 Nov 2026 to 30 Nov 2026").await;
    app.screenshot("compliance.png").await;
    app.click("#compliance-save").await;
    let said = app.wait_for_text("#compliance-saved", "Saved").await;
    assert!(said.contains("compliance-2026-11-01-to-2026-11-30.pdf"), "{said}");
    let pdf = driver.save_dir().join("compliance-2026-11-01-to-2026-11-30.pdf");
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Annual reviews: statutory deadlines") && text.contains("Each review"), "{text}");
    for name in recorded_children(&driver) {
        assert!(!text.contains(&name), "{name} in the governors' report");
    }
    let csv =
        std::fs::read_to_string(driver.save_dir().join("compliance-2026-11-01-to-2026-11-30.csv")).unwrap();
    assert!(csv.starts_with("MeetingDate,ChildInitials,LA,T07,T09,T11,T12,ReviewId"), "{csv}");
    // The whole caseload's milestones as one calendar, by initials only.
    app.click("#caseload-ics").await;
    let said = app.wait_for_text("#caseload-ics-status", "milestones").await;
    let ics = std::fs::read_dir(driver.save_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "ics"))
        .expect("the calendar was written");
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.matches("BEGIN:VEVENT").count() > 100, "{said}");
    for name in recorded_children(&driver) {
        assert!(!text.contains(&name), "{name} in the calendar");
    }
    app.quit().await;
}

/// A database damaged on disk (a b-tree page overwritten) is refused in the window with the
/// backup to restore, and is left exactly as it was.
#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_database_is_refused_in_the_window_with_the_backup_to_restore() {
    let driver = Driver::start("a_damaged_database_is_refused_in_the_window_with_the_backup_to_restore");
    let db = driver.db_path();
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    // The demo, then a second open, which takes today's backup of the whole caseload.
    for args in [&["demo", "--db"][..], &["pupils", "--db"][..]] {
        let out = ardesk_e2e::ardesk_command().args(args).arg(&db).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let backups: Vec<_> = std::fs::read_dir(db.with_file_name("backups")).unwrap().flatten().collect();
    assert_eq!(backups.len(), 1);
    // Overwrite the header of the review table's root page, as a failing disk might.
    // (SQLCipher answers the page size as text.)
    let (root, size): (u32, String) = open_db(&db)
        .query_row(
            "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = 'review'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let size: u32 = size.parse().unwrap();
    let mut bytes = std::fs::read(&db).unwrap();
    let at = (root as usize - 1) * size as usize + 1;
    bytes[at..at + 6].copy_from_slice(&[0xA5; 6]);
    std::fs::write(&db, &bytes).unwrap();

    let app = driver.launch().await;
    let said = app.wait_for_text(".error-panel", "is damaged").await;
    assert!(said.contains("It has not been changed"), "{said}");
    assert!(said.contains(&backups[0].file_name().to_string_lossy().into_owned()), "{said}");
    // (No screenshot here: WebKitWebDriver's screenshot never returned on this page.)
    app.quit().await;
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "the damaged file is left as it was");
}

/// The whole review flow with the keyboard alone: every step is reached with Tab (no clicks),
/// activated with Enter, typed into, and shows where the focus is.
#[tokio::test(flavor = "multi_thread")]
async fn a_whole_review_can_be_walked_with_the_keyboard_alone() {
    let driver = Driver::start_alone("a_whole_review_can_be_walked_with_the_keyboard_alone");
    let app = driver.launch().await;
    app.enter_on("#load-demo").await;
    app.wait_for_text("#status", "Demo caseload loaded").await;

    // A child whose record is complete, found by typing in the search box.
    let child = recorded_children(&driver).remove(0);
    app.tab_to("#search").await;
    app.type_keys(&child).await;
    app.wait_for_text("#caseload-count", "1 of").await;
    app.enter_on("#caseload tbody tr td button").await;
    app.wait_for_text("#child-name", &child).await;

    // Before the meeting: the checklist, and back.
    app.enter_on("#open-prep").await;
    app.find("#checklist").await;
    app.back_to_child_by_keyboard().await;
    app.wait_for_text("#child-name", &child).await;

    // The meeting: the AR1 record is typed into and saves.
    app.enter_on("#open-ar1").await;
    app.find("#ar1-title").await;
    app.tab_to("#ar1-discussion").await;
    app.type_keys(" Reviewed with the keyboard alone.").await;
    app.wait_for_text("#ar1-saved", "Saved").await;
    app.back_to_child_by_keyboard().await;

    // Amendments: the section list is reached with the keyboard.
    app.enter_on("#open-amendments").await;
    app.tab_to("#am-section").await;
    app.back_to_child_by_keyboard().await;

    // The bundle check, and sending it.
    app.enter_on("#open-bundle").await;
    app.wait_for_text("#bundle-state", "Ready to export").await;
    app.enter_on("#export-bundle").await;
    app.wait_for_text("#bundle-status", "Written").await;
    app.back_to_child_by_keyboard().await;

    // And back to the caseload.
    app.enter_on("#back").await;
    app.find("#caseload tbody tr").await;

    let saved: i64 = open_db(&driver.db_path())
        .query_row(
            "SELECT count(*) FROM ar1_field WHERE key = 'discussion' AND value LIKE '%Reviewed with the keyboard alone.%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(saved, 1, "the record typed with the keyboard was saved");
    let zips = std::fs::read_dir(driver.save_dir())
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "zip"))
        .count();
    assert_eq!(zips, 1, "the bundle sent with the keyboard was written");
}

/// Every main screen, checked in the real window with axe-core: no serious or critical
/// accessibility violations.
#[tokio::test(flavor = "multi_thread")]
async fn every_main_screen_passes_axe_core() {
    let driver = Driver::start("every_main_screen_passes_axe_core");
    let app = driver.launch().await;
    let mut problems = Vec::new();
    app.find("#welcome").await;
    problems.extend(app.accessibility_problems().await.into_iter().map(|p| format!("first run: {p}")));
    app.click("#load-demo").await;
    app.find("#caseload tbody tr").await;
    app.find("#open-actions table").await;
    problems.extend(app.accessibility_problems().await.into_iter().map(|p| format!("caseload: {p}")));
    let names = recorded_children(&driver);
    open_child_named(&app, &names[0]).await;
    app.find("#after-meeting").await;
    problems.extend(app.accessibility_problems().await.into_iter().map(|p| format!("child: {p}")));
    for (button, ready, screen) in [
        ("#open-prep", "#prep-child", "before the meeting"),
        ("#open-ar1", "#ar1-title", "AR1 record"),
        ("#open-amendments", "#amend-title", "amendments"),
        ("#open-bundle", "#bundle-title", "send to the LA"),
    ] {
        app.click(button).await;
        app.find(ready).await;
        problems.extend(app.accessibility_problems().await.into_iter().map(|p| format!("{screen}: {p}")));
        app.click("#back-to-child").await;
        app.find("#child-name").await;
    }
    app.click("#nav-settings").await;
    app.find("#s-senco").await;
    problems.extend(app.accessibility_problems().await.into_iter().map(|p| format!("settings: {p}")));
    app.click("#nav-verify").await;
    app.find("#open-received").await;
    // The register, with a row opened: a folder of documents sent without the app.
    let loose = driver.save_dir().join("Sent without the app");
    std::fs::create_dir_all(&loose).unwrap();
    let report = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/school-report.pdf");
    std::fs::copy(report, loose.join("School report.pdf")).unwrap();
    app.click("#open-received-folder").await;
    app.wait_for_text("#register-summary", "1 received").await;
    app.click("#register-table tr.register-row button.open-row").await;
    app.find(".register-details").await;
    problems.extend(app.accessibility_problems().await.into_iter().map(|p| format!("received reviews: {p}")));
    assert!(problems.is_empty(), "accessibility problems:\n{}", problems.join("\n"));
    // The check itself works: a button with no name is reported.
    app.eval("document.getElementById('main').appendChild(document.createElement('button')); return true;")
        .await;
    let found = app.accessibility_problems().await;
    assert!(
        found.iter().any(|p| p.starts_with("button-name")),
        "axe-core missed an unnamed button: {found:?}"
    );
    app.quit().await;
}

/// Adds a child through the form, typing as a person would, and opens "Before the meeting" for
/// their first review.
/// Adds a parent with parental responsibility, contacted by email, on the child's page.
async fn add_parent(app: &App, name: &str, relationship: &str) {
    app.click("#add-parent").await;
    app.type_into("#p-name", name).await;
    app.type_into("#p-relationship", relationship).await;
    app.click("#p-pr").await;
    app.type_into("#p-email", "parent@example.org").await;
    app.select("#p-contact", "email").await;
    app.click("#parent-save").await;
    app.wait_for_text("#parents", name).await;
}

async fn typed_child_before_the_meeting(app: &App, forenames: &str, surname: &str) {
    add_child(app, forenames, surname).await;
    app.wait_for_text("#child-name", &format!("{forenames} {surname}")).await;
    app.click("#open-prep").await;
    app.find("#prep-child").await;
}

/// From the child's page: the review's meeting set eight weeks ahead, in the library, and the
/// suggested invitees accepted.
async fn meeting_in_eight_weeks_with_invitees(app: &App) {
    app.click("#open-prep").await;
    app.find("#prep-child").await;
    app.type_into("#m-date", &in_eight_weeks()).await;
    app.type_into("#m-time", "10:00").await;
    app.type_into("#m-venue", "Library").await;
    app.click("#save-meeting").await;
    app.wait_for_text("#save-meeting-ack", "Meeting saved.").await;
    app.click("#accept-invitees").await;
    app.find("#invitees tbody tr").await;
}

/// A date eight weeks from today, as typed into a date field.
fn in_eight_weeks() -> String {
    (chrono::Local::now().date_naive() + chrono::Days::new(56)).format("%d/%m/%Y").to_string()
}

/// Issue 13: a form that opens takes the focus (so typing goes straight into it), and Enter in
/// a field submits the form, on every screen's forms alike.
#[tokio::test(flavor = "multi_thread")]
async fn a_form_takes_the_focus_when_it_opens_and_enter_submits_it() {
    let driver = Driver::start("a_form_takes_the_focus_when_it_opens_and_enter_submits_it");
    let app = driver.launch().await;

    // The child form: typing right after opening it fills the first field; Enter saves.
    app.click("#add-child").await;
    app.wait_for_focus("#f-legal_forenames").await;
    app.type_keys("Ada").await;
    app.type_into("#f-legal_surname", "Formfocus").await;
    app.type_into("#f-dob", "14/05/2015").await;
    app.type_into("#f-plan_issue_date", "01/09/2025").await;
    app.press(ardesk_e2e::ENTER).await;
    app.wait_for_text("#child-name", "Ada Formfocus").await;

    // The meeting form: Enter in the venue saves the meeting.
    app.click("#open-prep").await;
    app.find("#prep-child").await;
    app.type_into("#m-date", &in_eight_weeks()).await;
    app.type_into("#m-time", "10:00").await;
    app.type_into("#m-venue", "Library, main site").await;
    app.press(ardesk_e2e::ENTER).await;
    app.wait_for_text("#notice", "T07 To do").await;

    // The add-invitee form: it opens with the focus in its first field (who they are, which
    // decides their letter); Enter adds.
    app.click("#show-add-invitee").await;
    app.wait_for_focus("#i-kind").await;
    app.select("#i-kind", "professional").await;
    app.type_into("#i-name", "Dr Ada Example").await;
    app.type_into("#i-role", "Educational Psychologist").await;
    app.press(ardesk_e2e::ENTER).await;
    app.wait_for_text("#invitees", "Dr Ada Example").await;

    // Settings: Enter in a school field saves the school's details (the header shows them).
    app.click("#nav-settings").await;
    app.type_into("#s-name", "Enterprise Primary").await;
    app.type_into("#s-address", "1 High Street, Anytown").await;
    app.type_into("#s-senco", "Jo Senco").await;
    app.press(ardesk_e2e::ENTER).await;
    app.wait_for_text(".app-header .school", "Enterprise Primary").await;
    app.quit().await;
}

/// Issue 13: pressing "Add someone else" again keeps what was typed, and a refused invitee keeps
/// the form open with what was typed and the problem beside its field.
#[tokio::test(flavor = "multi_thread")]
async fn pressing_add_someone_else_again_keeps_what_was_typed() {
    let driver = Driver::start("pressing_add_someone_else_again_keeps_what_was_typed");
    let app = driver.launch().await;
    typed_child_before_the_meeting(&app, "Sam", "Keepstyping").await;

    app.click("#show-add-invitee").await;
    app.type_into("#i-name", "Dr Kim Halfway").await;
    app.type_into("#i-org", "Hillside CAMHS").await;
    app.click("#show-add-invitee").await;
    assert_eq!(app.value("#i-name").await, "Dr Kim Halfway", "a second press threw away the name");
    assert_eq!(app.value("#i-org").await, "Hillside CAMHS", "a second press threw away the organisation");

    // No role: refused, the form stays open with everything typed, the problem beside Role.
    app.click("#add-invitee-save").await;
    app.wait_for_text("#err-i-role", "Role is required.").await;
    assert_eq!(app.value("#i-name").await, "Dr Kim Halfway");
    app.wait_for_text("#err-i-kind", "Choose who this invitee is.").await;
    app.type_into("#i-role", "Clinical Psychologist").await;
    app.select("#i-kind", "health").await;
    app.click("#add-invitee-save").await;
    app.wait_for_text("#invitees", "Dr Kim Halfway").await;
    let added: i64 = open_db(&driver.db_path())
        .query_row("SELECT count(*) FROM invitee WHERE name = 'Dr Kim Halfway'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(added, 1);
    app.quit().await;
}

/// Issue 13: a refused value is shown beside its own field, in a table row too (an agreed
/// action's deadline in the AR1 record), not only at the top of the page.
#[tokio::test(flavor = "multi_thread")]
async fn an_error_sits_beside_its_own_field_in_table_rows_too() {
    let driver = Driver::start("an_error_sits_beside_its_own_field_in_table_rows_too");
    let app = driver.launch().await;
    typed_child_before_the_meeting(&app, "Lee", "Besidefield").await;

    // The meeting form: an impossible time is refused beside the time.
    app.type_into("#m-date", &in_eight_weeks()).await;
    app.type_into("#m-time", "25:99").await;
    app.type_into("#m-venue", "Library").await;
    app.click("#save-meeting").await;
    app.wait_for_text("#err-m-time", "is not a time").await;
    assert_eq!(app.find("#m-time").await.attr("aria-invalid").await.ok().flatten().as_deref(), Some("true"));
    assert_eq!(app.text("#err-m-date").await, "", "a valid field must show no error");

    // The AR1 record: a bad deadline in the second action's row is refused in that row.
    app.click("#back-to-child").await;
    app.click("#open-ar1").await;
    app.find("#ar1-title").await;
    app.type_into("#ar1-actions-1-action", "Arrange an EP visit").await;
    app.type_into("#ar1-actions-1-deadline", "31/02/2027").await;
    app.wait_for_text("#ar1-actions tbody tr:nth-child(2) #err-ar1-actions-1-deadline", "not a date").await;
    let invalid = app.find("#ar1-actions-1-deadline").await.attr("aria-invalid").await.ok().flatten();
    assert_eq!(invalid.as_deref(), Some("true"));
    let (down, across) = app.distance("#err-ar1-actions-1-deadline", "#ar1-actions-1-deadline").await;
    assert!(
        down < 60.0 && across < 200.0,
        "the problem is {down}px down and {across}px across from its field"
    );
    // Corrected, the problem goes and the date is saved.
    app.type_into("#ar1-actions-1-deadline", "15/03/2027").await;
    let start = std::time::Instant::now();
    while !app.text("#err-ar1-actions-1-deadline").await.is_empty() {
        assert!(start.elapsed() < ardesk_e2e::PATIENCE, "the corrected date was never accepted");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    // Settings: a missing SENCO name is refused beside that field.
    app.click("#nav-settings").await;
    app.type_into("#s-name", "Hillside Primary").await;
    app.type_into("#s-address", "1 High Street, Anytown").await;
    app.type_into("#s-senco", "").await;
    app.click("#save-school").await;
    app.wait_for_text("#err-s-senco", "The SENCO's name is required.").await;
    assert_eq!(app.text("#err-s-name").await, "");
    app.quit().await;
}

/// Issue 13: a confirmation appears beside the control that caused it, not in the status line
/// at the top of a long page.
#[tokio::test(flavor = "multi_thread")]
async fn a_confirmation_appears_beside_the_control_that_caused_it() {
    let driver = Driver::start("a_confirmation_appears_beside_the_control_that_caused_it");
    let app = driver.launch().await;
    typed_child_before_the_meeting(&app, "Mo", "Confirmed").await;
    let beside = |(down, across): (f64, f64)| down < 40.0 && across < 600.0;

    app.type_into("#m-date", &in_eight_weeks()).await;
    app.type_into("#m-time", "09:30").await;
    app.type_into("#m-venue", "SENCO office").await;
    app.click("#save-meeting").await;
    app.wait_for_text("#save-meeting-ack", "Meeting saved.").await;
    let d = app.distance("#save-meeting-ack", "#save-meeting").await;
    assert!(beside(d), "the confirmation is {d:?} from the button");
    assert_eq!(app.text("#status").await, "", "the confirmation belongs beside the button");

    // Far down the AR1 record, the save of a field is confirmed beside that field.
    app.click("#back-to-child").await;
    app.click("#open-ar1").await;
    app.find("#ar1-title").await;
    app.type_into("#ar1-completed_by", "Jo Senco, SENCO").await;
    app.wait_for_text("#ar1-completed_by-ack", "Saved").await;
    let (down, _) = app.distance("#ar1-completed_by-ack", "#ar1-completed_by").await;
    assert!(down < 60.0, "the confirmation is {down}px from the field");

    // Settings: the school's details.
    app.click("#nav-settings").await;
    app.type_into("#s-name", "Hillside Primary").await;
    app.type_into("#s-address", "1 High Street, Anytown").await;
    app.type_into("#s-senco", "Jo Senco").await;
    app.click("#save-school").await;
    app.wait_for_text("#save-school-ack", "School details saved.").await;
    let d = app.distance("#save-school-ack", "#save-school").await;
    assert!(beside(d), "the confirmation is {d:?} from the button");
    assert_eq!(app.text("#status").await, "");
    app.quit().await;
}

/// Issue 13: every control on every main screen has a label of its own (a `<label>` element),
/// the AR1 attendance list and the agreed actions' cells included.
#[tokio::test(flavor = "multi_thread")]
async fn every_control_has_a_label() {
    let driver = Driver::start("every_control_has_a_label");
    let app = driver.launch().await;
    let mut missing = Vec::new();
    let mut check = async |screen: &str| {
        missing.extend(app.unlabelled_controls().await.into_iter().map(|c| format!("{screen}: {c}")));
    };

    // The dashboard with the demo's agreed actions, and a child whose review has some.
    app.click("#load-demo").await;
    app.find("#open-actions table select").await;
    check("caseload").await;
    open_child_at_stage(&app, "Ready to submit").await;
    app.find("#after-meeting select").await;
    check("child").await;

    // A child typed in, through each screen of their review with its forms open.
    app.click("#back").await;
    app.click("#add-child").await;
    app.find("#child-form").await;
    check("child form").await;
    app.type_into("#f-legal_forenames", "Ali").await;
    app.type_into("#f-legal_surname", "Labelled").await;
    app.type_into("#f-dob", "14/05/2015").await;
    app.type_into("#f-plan_issue_date", "01/09/2025").await;
    app.click("#save").await;
    app.wait_for_text("#child-name", "Ali Labelled").await;
    // Their parent, through the people form (checked open, then saved).
    app.click("#add-parent").await;
    app.find("#parent-form").await;
    app.click("#add-professional").await;
    app.find("#professional-form").await;
    check("child with the people forms").await;
    add_parent(&app, "Ada Labelled", "Mother").await;
    app.click("#open-prep").await;
    app.click("#accept-invitees").await;
    app.find("#invitees tbody tr").await;
    app.click("#show-add-invitee").await;
    app.find("#i-name").await;
    app.click("#checklist .views").await;
    app.find("#views-text").await;
    // The form takes the focus as it opens, scrolling to it: wait for that, or under load the
    // scroll can come between the next click's aim and the click.
    app.wait_for_focus("#views-text").await;
    check("before the meeting").await;
    app.click("#back-to-child").await;
    app.click("#open-ar1").await;
    app.find("#ar1-attendance select").await;
    check("AR1 record").await;
    app.click("#back-to-child").await;
    app.click("#open-amendments").await;
    app.find("#am-section").await;
    check("amendments").await;
    app.click("#nav-settings").await;
    // The letters' list comes in after the page: wait for it.
    app.find("#template-kind option:nth-child(2)").await;
    let kinds = app.attrs("#template-kind option", "value").await;
    app.select("#template-kind", &kinds[1]).await;
    app.find("#template-text").await;
    app.click("#profiles tr[data-profile='redcar'] .edit-profile").await;
    app.find("#profile-form").await;
    check("settings, LA profile form").await;
    app.click("#profiles tr[data-profile='redcar'] .edit-json").await;
    app.find("#profile-json").await;
    check("settings").await;
    assert!(missing.is_empty(), "controls without a label:\n{}", missing.join("\n"));
    app.quit().await;
}

/// Issue 14: a real caseload goes in through the window. Pupils imported from a CTF with a
/// preview first; a parent edited and marked restricted; a professional added; and the letters
/// then written for everyone but the restricted parents, with the reason beside the button.
#[tokio::test(flavor = "multi_thread")]
async fn issue_14_pupils_imported_from_a_ctf_and_the_people_around_a_child() {
    let driver = Driver::start("issue_14_pupils_imported_from_a_ctf_and_the_people_around_a_child");
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    driver.offer_path(&here.join("fixtures/pupils/ctf25.xml"));
    driver.offer_path(&here.join("plans/d-combined-e-f.docx"));
    let app = driver.launch().await;

    // The first run offers the import; the preview says what will happen and writes nothing.
    app.click("#import-pupils").await;
    app.select("#import-la", "kent").await;
    app.click("#choose-pupil-file").await;
    app.wait_for_text("#import-summary", "3 to add, 0 to update, 0 unchanged, 5 skipped").await;
    assert!(app.text("#import-skipped").await.contains("N999999914003"));
    assert!(app.text("#import-added").await.contains("court order"), "Barnaby's court order is shown");
    app.screenshot("import-preview.png").await;
    let children: i64 =
        open_db(&driver.db_path()).query_row("SELECT count(*) FROM child", [], |r| r.get(0)).unwrap();
    assert_eq!(children, 0, "the preview wrote nothing");
    app.click("#confirm-import").await;
    app.wait_for_text(".status", "3 added").await;
    app.find("#caseload tbody tr").await;
    assert_eq!(app.count("#caseload tbody tr").await, 3);

    // Juniper (known as Juno): her parents came from the MIS, her father with a court order.
    open_child_named(&app, "Juno Testwhistle").await;
    let parents = app.text("#parents").await;
    assert!(parents.contains("Mr Barnaby Testwhistle") && parents.contains("Court order"), "{parents}");

    // Edit her mother: a new phone number, and "do not send post to this address".
    let rows = app.client().find_all(ardesk_e2e::Locator::Css("#parents tbody tr")).await.unwrap();
    let mut edited = false;
    for row in rows {
        if row.text().await.unwrap_or_default().contains("Marigold") {
            row.find(ardesk_e2e::Locator::Css(".edit-parent")).await.unwrap().click().await.unwrap();
            edited = true;
            break;
        }
    }
    assert!(edited, "no Marigold: {}", app.text("#parents").await);
    app.wait_for_focus("#p-name").await;
    app.type_into("#p-phone", "07700 900777").await;
    app.select("#p-restriction", "no_post").await;
    app.click("#parent-save").await;
    app.wait_for_text("#add-parent-ack", "Saved").await;
    app.wait_for_text("#parents", "07700 900777").await;

    // A professional: the service is asked for, beside its field.
    app.click("#add-professional").await;
    app.type_into("#pr-name", "Dr Test Example").await;
    app.type_into("#pr-role", "Community Paediatrician").await;
    app.click("#professional-save").await;
    app.wait_for_text("#err-pr-service", "Choose the service").await;
    app.select("#pr-service", "health").await;
    app.click("#professional-save").await;
    app.wait_for_text("#professionals", "Dr Test Example").await;
    app.screenshot("people.png").await;

    // The letters: none for either restricted parent, and the SENCO is told why.
    app.click("#nav-settings").await;
    app.type_into("#s-name", "Testbrook Primary").await;
    app.type_into("#s-address", "1 Sample Road, Exampletown").await;
    app.type_into("#s-senco", "Jo Senco").await;
    app.press(ardesk_e2e::ENTER).await;
    app.wait_for_text(".app-header .school", "Testbrook Primary").await;
    app.click("#nav-caseload").await;
    open_child_named(&app, "Juno Testwhistle").await;
    app.click("#open-prep").await;
    app.type_into("#m-date", &in_eight_weeks()).await;
    app.type_into("#m-time", "10:00").await;
    app.type_into("#m-venue", "Library").await;
    app.press(ardesk_e2e::ENTER).await;
    app.wait_for_text("#notice", "T07 To do").await;
    app.click("#accept-invitees").await;
    app.wait_for_text("#invitees", "Dr Test Example").await;
    app.click("#generate-letters").await;
    let ack = app.wait_for_text("#generate-letters-ack", "Wrote").await;
    assert!(ack.contains("Nothing was written for Mr Barnaby Testwhistle"), "{ack}");
    assert!(ack.contains("Marigold") && ack.contains("do not send post"), "{ack}");
    let files: Vec<String> = std::fs::read_dir(driver.save_dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(files.iter().any(|f| f.contains("professional_invitation")), "{files:?}");
    assert!(
        !files.iter().any(|f| f.contains("parent_invitation")),
        "a restricted parent was written to: {files:?}"
    );

    // Her plan, on the LA's own template with Sections E and F in one table: the preview says
    // so, and the SENCO moves a part to another section before saving.
    app.click("#back-to-child").await;
    app.click("#open-amendments").await;
    app.click("#import-plan").await;
    app.wait_for_text("#combined-0", "Printed together").await;
    let f = app.value("#plan-F").await;
    assert!(f.contains("Small-group language session") && !f.contains("three-step"), "{f}");
    app.select("#part-0-0", "F").await;
    app.wait_for_text("#plan-parts-ack", "Moved").await;
    assert!(app.value("#plan-F").await.contains("three-step"), "the part moved to F");
    assert!(!app.value("#plan-E").await.contains("three-step"), "and left E");
    app.screenshot("plan-combined.png").await;
    app.click("#plan-save").await;
    app.wait_for_text("#plan-ack", "saved").await;
    let saved: String = open_db(&driver.db_path())
        .query_row("SELECT body FROM plan_section WHERE section = 'F'", [], |r| r.get(0))
        .unwrap();
    assert!(saved.contains("three-step"), "{saved}");
    app.quit().await;
}

/// Issue 14: on an empty database the window leads the SENCO through the school's details, the
/// LAs and the term dates, then the children; each step can be skipped.
#[tokio::test(flavor = "multi_thread")]
async fn issue_14_the_first_day_leads_through_the_school_the_las_and_the_term_dates() {
    let driver = Driver::start("issue_14_the_first_day_leads_through_the_school_the_las_and_the_term_dates");
    driver.offer_file("logo.png");
    let app = driver.launch().await;
    app.wait_for_text("#setup-current h3", "Step 1 of 4: The school's details").await;
    app.type_into("#s-name", "Firstday Primary").await;
    app.type_into("#s-address", "1 Sample Road, Exampletown").await;
    app.type_into("#s-urn", "999999").await;
    app.type_into("#s-head", "Dr Pat Headley").await;
    app.type_into("#s-senco", "Jo Senco").await;
    app.press(ardesk_e2e::ENTER).await;
    app.wait_for_text("#setup-steps", "The school's details ✓ Done").await;
    app.click("#choose-logo").await;
    app.wait_for_text("#choose-logo-ack", "Logo saved.").await;
    app.wait_for_text("#logo-status", "The logo heads the Word letters.").await;
    let head: String =
        open_db(&driver.db_path()).query_row("SELECT head_teacher FROM school", [], |r| r.get(0)).unwrap();
    assert_eq!(head, "Dr Pat Headley");
    assert_eq!(app.value("#s-name").await, "Firstday Primary", "the saved details stay in the form");
    app.screenshot("first-day.png").await;
    app.click("#setup-next").await;
    app.wait_for_text("#setup-current h3", "Step 2 of 4: The LAs you work with").await;
    // The LA profiles are right here: an LA the school works with is added without leaving.
    app.select("#setup-current #add-la-code", "306").await;
    app.click("#setup-current #add-la").await;
    app.wait_for_text("#setup-current #profiles tr[data-profile='la-306']", "Croydon").await;
    app.find("#setup-current #profile-form").await;
    app.click("#setup-next").await;
    app.wait_for_text("#setup-current h3", "Step 3 of 4: Term dates").await;
    app.type_into("#terms", "term, 03/09/2026, 23/10/2026").await;
    app.click("#save-terms").await;
    app.wait_for_text("#save-terms-ack", "saved").await;
    app.click("#setup-next").await;
    app.wait_for_text("#setup-steps", "Term dates ✓ Done").await;
    assert_eq!(app.count("#setup-current").await, 0, "the last step closes the setting up");
    // Any step can be opened again, or skipped; the children's choices are there throughout.
    app.click("#setup-step-1").await;
    app.wait_for_text("#setup-current h3", "Step 2 of 4").await;
    app.click("#setup-skip").await;
    assert_eq!(app.count("#setup-current").await, 0);
    app.click("#add-child").await;
    app.find("#child-form").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn issue_14_a_child_is_added_for_an_la_that_was_not_shipped() {
    let driver = Driver::start("issue_14_a_child_is_added_for_an_la_that_was_not_shipped");
    let app = driver.launch().await;
    app.click("#nav-settings").await;
    // Croydon (306) is not among the shipped profiles: the school adds it from the list.
    app.find("#profiles tr[data-profile='kent']").await;
    assert_eq!(app.count("#profiles tr[data-profile='la-306']").await, 0);
    app.click("#add-la").await;
    app.wait_for_text("#err-add-la-code", "not the three-digit DfE code").await;
    app.select("#add-la-code", "306").await;
    app.click("#add-la").await;
    app.wait_for_text("#add-la-ack", "Added Croydon with the statutory defaults").await;
    app.wait_for_text("#profiles tr[data-profile='la-306']", "Croydon (statutory defaults)").await;
    assert_eq!(app.count("#add-la-code option[value='306']").await, 0, "no longer offered");
    // Its profile opens in a form: the school names it as the LA does, gives its address and
    // its timings; less notice than the law allows is refused beside the field.
    app.wait_for_text("#profile-form h4", "Profile la-306").await;
    assert_eq!(app.value("#p-name").await, "Croydon");
    assert_eq!(app.value("#p-notice-days").await, "14");
    app.type_into("#p-name", "London Borough of Croydon").await;
    app.type_into("#p-address", "send@croydon.example.org").await;
    app.type_into("#p-notice-days", "10").await;
    app.type_into("#p-advice-form", "EP1 request for advice").await;
    app.click("#save-profile-form").await;
    app.wait_for_text("#err-p-notice-days", "reg 20(3)").await;
    app.screenshot("la-profile-form.png").await;
    assert_eq!(app.value("#p-name").await, "London Borough of Croydon", "what was typed stays");
    app.type_into("#p-notice-days", "21").await;
    app.click("#save-profile-form").await;
    app.wait_for_text("#profile-la-306-ack", "Saved the school's version of London Borough of Croydon").await;
    app.wait_for_text(
        "#profiles tr[data-profile='la-306']",
        "London Borough of Croydon (edited by the school)",
    )
    .await;
    let saved: String = open_db(&driver.db_path())
        .query_row("SELECT json FROM la_profile WHERE id = 'la-306'", [], |r| r.get(0))
        .unwrap();
    let saved: serde_json::Value = serde_json::from_str(&saved).unwrap_or_default();
    assert_eq!(saved["timings"]["statutory_notice_days"], 21);
    assert_eq!(saved["submission"]["address"], "send@croydon.example.org");
    // Everything else in the profile is there to edit as JSON.
    app.click("#profiles tr[data-profile='la-306'] .edit-json").await;
    let json = app.value("#profile-json").await;
    assert!(json.contains("\"advice_form\": \"EP1 request for advice\""), "{json}");
    app.screenshot("la-added.png").await;

    // A child is saved against it through the child form, where it is among the school's LAs.
    app.click("#nav-caseload").await;
    app.click("#add-child").await;
    app.find("#child-form").await;
    let yours =
        app.eval("return document.querySelector(\"#f-la_id optgroup[label='Your LAs']\").textContent;").await;
    assert!(yours.as_str().is_some_and(|t| t.contains("London Borough of Croydon")), "{yours}");
    app.type_into("#f-legal_forenames", "Casey").await;
    app.type_into("#f-legal_surname", "Newla").await;
    app.type_into("#f-dob", "14/05/2015").await;
    app.type_into("#f-plan_issue_date", "01/09/2025").await;
    app.select("#f-la_id", "la-306").await;
    app.click("#save").await;
    app.wait_for_text("#child-name", "Casey Newla").await;
    app.wait_for_text(".details", "London Borough of Croydon").await;
    app.screenshot("child-for-an-added-la.png").await;
    // The LA cannot be removed while a child is saved against it; the row says why.
    app.click("#nav-settings").await;
    app.click("#profiles tr[data-profile='la-306'] .remove-la").await;
    app.wait_for_text("#profile-la-306-problems", "1 child is maintained by London Borough of Croydon").await;
    app.quit().await;
}

/// Issue 15 item 1: a Year 6 child typed with no meeting booked is flagged by the transfer from
/// the start of the school year: the row says "transfer year", the clock lists the deadline
/// (T16, 14 February) and brings the target meeting date forward to 22 November, twelve weeks
/// before it; once that date has gone by the child is overdue, not "on track" until February.
#[tokio::test(flavor = "multi_thread")]
async fn issue_15_a_year_6_child_with_no_meeting_is_flagged_by_the_transfer() {
    let driver = Driver::start("issue_15_a_year_6_child_with_no_meeting_is_flagged_by_the_transfer");
    let app = driver.launch().await;
    let today = chrono::Local::now().date_naive();
    // The school year that started on the last 1 September: the child is in Year 6 in it.
    let year = if chrono::Datelike::month(&today) >= 9 {
        chrono::Datelike::year(&today)
    } else {
        chrono::Datelike::year(&today) - 1
    };
    app.click("#add-child").await;
    app.type_into("#f-legal_forenames", "Sasha").await;
    app.type_into("#f-legal_surname", "Sixer").await;
    app.type_into("#f-dob", &format!("10/01/{}", year - 10)).await;
    app.type_into("#f-plan_issue_date", &format!("01/03/{year}")).await;
    app.click("#save").await;
    app.wait_for_text("#child-name", "Sasha Sixer").await;
    app.wait_for_text("#timeline tr[data-milestone='T16'] .why", "Year 6: the move to secondary school")
        .await;
    let t04 = app.text("#timeline tr[data-milestone='T04']").await;
    assert!(t04.contains(&format!("22 Nov {year}")), "the target comes forward to the runway: {t04}");
    let t16 = app.text("#timeline tr[data-milestone='T16']").await;
    assert!(t16.contains(&format!("14 Feb {}", year + 1)), "{t16}");
    app.screenshot("year-6-clock.png").await;

    app.click("#nav-caseload").await;
    app.click("#filter-transfer").await;
    let row = app.wait_for_text("#caseload tbody tr", "Sasha Sixer").await;
    assert!(row.contains("transfer year"), "{row}");
    let runway_gone = chrono::NaiveDate::from_ymd_opt(year, 11, 22).is_some_and(|d| today > d);
    if runway_gone {
        assert_eq!(app.attrs("#caseload tbody tr", "data-status").await, ["overdue"], "{row}");
    }
    app.screenshot("year-6-row.png").await;
    app.quit().await;
}

/// Issue 15 items 3 and 4: an amend decision keeps the final plan's date, and its notice adds
/// the representations' close (T13) and the 8 weeks to the final plan (T14); a cease opens the
/// appeal window (T21), and once the appeal has ended the child leaves the caseload for the
/// list of plans that have ceased.
#[tokio::test(flavor = "multi_thread")]
async fn issue_15_an_amend_shows_t13_and_t14_and_a_cease_the_appeal_window() {
    let driver = Driver::start("issue_15_an_amend_shows_t13_and_t14_and_a_cease_the_appeal_window");
    let app = driver.launch().await;
    app.click("#load-demo").await;
    let today = chrono::Local::now().date_naive().format("%d/%m/%Y").to_string();

    open_child_at_stage(&app, "Ready to submit").await;
    app.find("#after-meeting").await;
    app.click("#mark-submitted").await;
    app.wait_for_text("#after-stage", "Submitted to LA").await;
    app.select("#decision", "significant").await;
    app.click("#record-decision").await;
    app.wait_for_text("#status", "LA decision recorded").await;
    // The child's page opens on the next review, with the last one's amendment still running.
    app.wait_for_text("#after-h", "The last review: after the LA's decision").await;
    app.wait_for_text("#after-stage", "Plan being amended").await;
    app.wait_for_text("#after-dates", "Final amended plan due by (T14)").await;
    assert!(!app.text("#after-dates").await.contains("(T13)"), "no notice yet");
    // A notice dated in the future is refused beside its field.
    app.type_into("#after-notice", "01/01/2099").await;
    app.click("#record-after-decision").await;
    app.wait_for_text("#err-after-notice", "in the future").await;
    app.type_into("#after-notice", &today).await;
    app.click("#record-after-decision").await;
    app.wait_for_text("#after-dates", "Representations on the draft close (T13)").await;
    app.screenshot("amending.png").await;
    let notice: String = open_db(&driver.db_path())
        .query_row("SELECT amendment_notice_on FROM review WHERE amendment_notice_on IS NOT NULL", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(notice, chrono::Local::now().date_naive().to_string());

    // A cease: the plan is kept while the appeal window is open.
    app.click("#nav-caseload").await;
    app.find("#caseload tbody tr").await;
    let on_caseload = app.count("#caseload tbody tr").await;
    let ceased = open_child_at_stage(&app, "Ready to submit").await;
    app.find("#after-meeting").await;
    app.click("#mark-submitted").await;
    app.wait_for_text("#after-stage", "Submitted to LA").await;
    app.select("#decision", "cease").await;
    app.click("#record-decision").await;
    app.wait_for_text("#after-stage", "appeal window open").await;
    app.wait_for_text("#after-dates", "Appeal to the Tribunal by (T21)").await;
    app.find("#after-appeal").await;
    app.screenshot("cease.png").await;
    // The parents appealed and the Tribunal upheld the cease: the plan has ceased.
    app.type_into("#after-appeal", &today).await;
    app.type_into("#after-appeal-ended", &today).await;
    app.click("#record-after-decision").await;
    app.wait_for_text("#plan-ceased", "The plan ceased from").await;
    app.wait_for_count("#next-action", 0).await;
    assert_eq!(app.count("#timeline").await, 0, "a ceased plan has no next step and no clock");
    // Kept for the record, read-only: nothing offers a change but the cease's own dates.
    let no_edits = || async {
        let controls = [
            "#edit-child",
            "#open-prep",
            "#open-ar1",
            "#add-parent",
            ".edit-parent",
            "#add-professional",
            "#export-ics",
        ];
        for css in controls {
            app.wait_for_count(css, 0).await;
        }
        app.find("#delete-child").await;
        app.find("#record-after-decision").await;
    };
    no_edits().await;
    app.click("#nav-caseload").await;
    app.wait_for_text("#ceased-plans summary", "Plans ceased (1)").await;
    assert_eq!(app.count("#caseload tbody tr").await, on_caseload - 1);
    app.click("#ceased-plans summary").await;
    app.wait_for_text("#ceased-plans li", &ceased).await;
    app.screenshot("ceased-list.png").await;
    app.click("#ceased-plans li button").await;
    app.wait_for_text("#plan-ceased", "The plan ceased from").await;
    no_edits().await;
    app.screenshot("ceased-page.png").await;
    app.quit().await;
}

/// Issue 15 item 12: a funding request in the AR1 record needs the costed provision map (V09),
/// and the bundle page says how to add it; added in "Before the meeting" and its file attached,
/// V09 is satisfied. A document added by mistake comes off again while nothing is attached, and
/// the review is set as an interim one where its meeting is set.
#[tokio::test(flavor = "multi_thread")]
async fn issue_15_a_costed_provision_map_added_to_the_checklist_satisfies_v09() {
    let driver = Driver::start("issue_15_a_costed_provision_map_added_to_the_checklist_satisfies_v09");
    let app = driver.launch().await;
    app.click("#load-demo").await;
    app.find("#caseload tbody tr").await;
    let names = recorded_children(&driver);
    open_child_named(&app, &names[0]).await;

    // The record asks the LA for a change of funding: V09 wants the costed provision map.
    app.click("#open-ar1").await;
    app.find("#ar1-title").await;
    app.click("#ar1-request-funding").await;
    app.wait_for_text("#ar1-saved", "Saved").await;
    app.click("#back-to-child").await;
    app.click("#open-bundle").await;
    let v09 = app.wait_for_text("#findings li[data-rule=V09]", "costed provision map").await;
    assert!(v09.contains("Add a costed provision map to the checklist"), "{v09}");

    // Added to the checklist, then its file attached.
    driver.clear_offers();
    driver.offer_file("school-report.pdf");
    app.click("#back-to-child").await;
    app.click("#open-prep").await;
    app.find("#checklist").await;
    let rows = app.count("#checklist tbody tr").await;
    app.select("#add-doc-code", "D07").await;
    app.click("#add-document").await;
    app.wait_for_text("#add-document-ack", "Added to the checklist").await;
    app.wait_for_text("#checklist tbody tr:last-child", "Costed provision map").await;
    app.click("#checklist tbody tr:last-child .attach").await;
    app.wait_for_text("#checklist tbody tr:last-child", "school-report.pdf").await;
    assert_eq!(app.attrs("#checklist tbody tr:last-child", "data-status").await, ["received"]);
    assert_eq!(app.count("#checklist tbody tr:last-child .remove-item").await, 0, "attached: it stays");

    // A request form added by mistake comes off again.
    app.select("#add-doc-code", "D15").await;
    app.type_into("#add-doc-title", "Reassessment request").await;
    app.click("#add-document").await;
    app.wait_for_text("#checklist tbody tr:last-child", "Reassessment request").await;
    app.click("#checklist tbody tr:last-child .remove-item").await;
    app.wait_for_text("#checklist-ack", "Taken off the checklist.").await;
    assert_eq!(app.count("#checklist tbody tr").await, rows + 1);

    // An interim review, chosen where the meeting is set.
    app.select("#m-review-type", "interim").await;
    app.click("#save-meeting").await;
    app.wait_for_text("#save-meeting-ack", "Meeting saved.").await;
    let interim: i64 = open_db(&driver.db_path())
        .query_row("SELECT count(*) FROM review WHERE review_type = 'interim'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(interim, 1);
    app.screenshot("checklist-added.png").await;

    // V09's costed provision map is satisfied; what stays is the warning that the LA asks for
    // its request form with a request (spec §4, D15).
    app.click("#back-to-child").await;
    app.click("#open-bundle").await;
    app.wait_for_text("#bundle-files", "CPM").await;
    let v09 = app.wait_for_text("#findings li[data-rule=V09]", "request form").await;
    assert!(!v09.contains("costed provision map"), "{v09}");
    assert_eq!(app.count("#findings li[data-rule=V09]").await, 1);
    app.quit().await;
}

/// Issue 15 item 6: the LA sends a review back. Recorded with what it asked for, the record
/// reopens, the LA's list is the dashboard's next step (its first item named), each item is
/// ticked off on the child's page, and recording it sent again closes the return.
#[tokio::test(flavor = "multi_thread")]
async fn issue_15_a_returned_review_reopens_with_the_la_s_list() {
    let driver = Driver::start("issue_15_a_returned_review_reopens_with_the_la_s_list");
    let app = driver.launch().await;
    app.click("#load-demo").await;
    let name = open_child_at_stage(&app, "Ready to submit").await;
    app.find("#after-meeting").await;
    app.click("#mark-submitted").await;
    app.wait_for_text("#after-stage", "Submitted to LA").await;
    app.click("#return-details summary").await;
    // Nothing asked is refused beside the list.
    app.click("#record-return").await;
    app.wait_for_text("#err-return-asked", "Say what the LA asked for").await;
    app.paste_into("#return-asked", "Costed provision map\nParent's views, signed").await;
    app.click("#record-return").await;
    app.wait_for_text("#after-stage", "Meeting held").await;
    app.wait_for_text("#return-open", "Costed provision map").await;
    app.find("#return-item-1").await;
    // The rest of the child's page follows: the clock's next step and the review's stage.
    app.wait_for_text("#next-action", "Send the LA what it asked for (Costed provision map, and 1 more)")
        .await;
    app.wait_for_text("#review-h + dl", "Meeting held").await;
    app.screenshot("returned.png").await;

    // The dashboard's next step names what the LA asked for.
    app.click("#nav-caseload").await;
    app.type_into("#search", &name).await;
    app.wait_for_text(
        "#caseload tbody tr",
        "Send the LA what it asked for (Costed provision map, and 1 more)",
    )
    .await;
    app.click("#caseload tbody tr button").await;
    app.find("#return-open").await;
    app.click("#return-item-0").await;
    app.wait_for_text("#return-open li:nth-child(1)", "done").await;
    app.click("#return-item-1").await;
    app.wait_for_text("#return-open li:nth-child(2)", "done").await;
    let done: i64 = open_db(&driver.db_path())
        .query_row("SELECT count(*) FROM la_return_item WHERE done_on IS NOT NULL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(done, 2);
    // Sent back to the LA: the return closes and the review waits for the LA's decision again.
    app.wait_for_text("#sent-form", "Sent back to the LA on").await;
    app.click("#mark-submitted").await;
    app.wait_for_text("#after-stage", "Submitted to LA").await;
    app.wait_for_text("#return-0", "sent again on").await;
    app.quit().await;
}

/// Issue 16: a meeting booked on Christmas Day (a bank holiday, or a weekend) is warned where
/// it is booked, on a typed child; moved to a school day, the warning goes.
#[tokio::test(flavor = "multi_thread")]
async fn issue_16_a_meeting_on_a_bank_holiday_is_warned_where_it_is_booked() {
    use chrono::Datelike;
    let driver = Driver::start("issue_16_a_meeting_on_a_bank_holiday_is_warned_where_it_is_booked");
    let app = driver.launch().await;
    typed_child_before_the_meeting(&app, "Holly", "Yuletide").await;
    let today = chrono::Local::now().date_naive();
    let christmas = chrono::NaiveDate::from_ymd_opt(today.year(), 12, 25)
        .filter(|c| *c >= today)
        .or_else(|| chrono::NaiveDate::from_ymd_opt(today.year() + 1, 12, 25))
        .unwrap();
    app.type_into("#m-date", &christmas.format("%d/%m/%Y").to_string()).await;
    app.type_into("#m-time", "10:00").await;
    app.type_into("#m-venue", "Library").await;
    app.click("#save-meeting").await;
    let said = app.wait_for_text("#meeting-warnings", "check the date before any letter goes out").await;
    assert!(said.contains(&christmas.format("%A %-d %B %Y").to_string()), "{said}");
    app.screenshot("christmas.png").await;

    // A Wednesday in January or later, clear of the Christmas holidays.
    let mut school_day = christmas + chrono::Days::new(14);
    while school_day.weekday() != chrono::Weekday::Wed {
        school_day = school_day + chrono::Days::new(1);
    }
    app.type_into("#m-date", &school_day.format("%d/%m/%Y").to_string()).await;
    app.click("#save-meeting").await;
    app.wait_for_text("#save-meeting-ack", "Meeting saved.").await;
    let start = std::time::Instant::now();
    while app.count("#meeting-warnings").await > 0
        && app.text("#meeting-warnings").await.contains("booked on")
    {
        assert!(start.elapsed().as_secs() < 10, "the bank holiday warning stayed");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.quit().await;
}

/// Issue 20 item 1: after the LA's decision, a request to it from the child's page — refused
/// beside its field when the evidence is not new, then a re-assessment with a report sent with
/// it: the letter and the report written (read back by pdftotext), awaited on the dashboard
/// until the LA's answer is recorded.
#[tokio::test(flavor = "multi_thread")]
async fn issue_20_a_request_to_the_la_goes_with_its_evidence_and_waits_for_an_answer() {
    let driver = Driver::start("issue_20_a_request_to_the_la_goes_with_its_evidence_and_waits_for_an_answer");
    let app = driver.launch().await;
    app.click("#load-demo").await;
    let child = open_child_at_stage(&app, "Ready to submit").await;
    app.find("#after-meeting").await;
    app.click("#mark-submitted").await;
    app.wait_for_text("#after-stage", "Submitted to LA").await;
    app.select("#decision", "no_change").await;
    app.click("#record-decision").await;
    app.wait_for_text("#status", "LA decision recorded").await;
    app.wait_for_text("#child-name", &child).await;

    // The decided review's requests are on the child's page. A reconsideration on a report the
    // LA already had is refused beside the evidence.
    app.find("#last-request-form").await;
    app.select("#last-request-kind", "reconsideration").await;
    app.paste_into("#last-request-grounds", "The report shows needs the plan leaves out.").await;
    app.click("#last-request-evidence input[type=checkbox]").await;
    app.click("#last-make-request").await;
    app.wait_for_text("#last-requests", "The LA reconsiders only on evidence it has not seen").await;
    assert!(std::fs::read_dir(driver.save_dir()).map(|d| d.count()).unwrap_or(0) == 0, "nothing was written");

    // A re-assessment, with the same report: recorded, its letter and the report written.
    app.select("#last-request-kind", "reassessment").await;
    app.click("#last-make-request").await;
    app.wait_for_text("#last-requests-list", "Answer awaited, due by").await;
    let mut files: Vec<String> = std::fs::read_dir(driver.save_dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "the letter as Word and PDF, and the report: {files:?}");
    assert!(files.iter().all(|f| f.starts_with("request-reassessment-")), "{files:?}");
    assert_eq!(files.iter().filter(|f| f.contains("-evidence-1-")).count(), 1, "{files:?}");
    let letter = files.iter().find(|f| f.ends_with(".pdf") && !f.contains("evidence")).unwrap();
    assert!(files.contains(&letter.replace(".pdf", ".docx")), "{files:?}");
    assert!(!letter.contains(child.split(' ').next().unwrap()), "no name in the file name: {letter}");
    let out = std::process::Command::new("pdftotext")
        .arg(driver.save_dir().join(letter))
        .arg("-")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    for words in [
        child.as_str(),
        "re-assessment",
        "15 days of receiving this request",
        "The report shows needs the plan leaves out.",
        "We enclose this evidence",
    ] {
        assert!(said.contains(words), "the letter lacks {words:?}: {said}");
    }
    app.screenshot("request-made.png").await;

    // Awaited on the dashboard until answered.
    app.click("#nav-caseload").await;
    app.wait_for_text("#awaited-requests", "Re-assessment of needs").await;
    app.click("#awaited-requests tbody tr button").await;
    app.find("#last-requests .request").await;
    let id = app.attrs("#last-requests .request", "id").await[0].trim_start_matches("request-").to_owned();
    app.select(&format!("#answer-outcome-{id}"), "agreed").await;
    app.click(&format!("#record-answer-{id}")).await;
    app.wait_for_text("#last-requests-list", "LA's answer: Agreed").await;
    let answered: Option<String> =
        open_db(&driver.db_path()).query_row("SELECT outcome FROM la_request", [], |r| r.get(0)).ok();
    assert_eq!(answered.as_deref(), Some("agreed"));
    app.click("#nav-caseload").await;
    app.find("#open-actions").await;
    assert_eq!(app.count("#awaited-requests").await, 0, "answered, it leaves the dashboard");
    app.quit().await;
}

/// Issue 20 item 3: on a typed child, check-ins record the child's view and the parents'
/// feedback (refused empty, beside the form); the next review's AR1 record brings them into its
/// views, and the parents' views form prints what they said (read back by pdftotext).
#[tokio::test(flavor = "multi_thread")]
async fn issue_20_check_ins_carry_the_child_and_the_parents_into_the_next_review() {
    let driver = Driver::start("issue_20_check_ins_carry_the_child_and_the_parents_into_the_next_review");
    let app = driver.launch().await;
    // The school's details head every letter: the first day's step 1.
    app.type_into("#s-name", "Checkley Primary").await;
    app.type_into("#s-address", "1 Sample Road, Exampletown").await;
    app.type_into("#s-urn", "999998").await;
    app.type_into("#s-head", "Dr Pat Headley").await;
    app.type_into("#s-senco", "Jo Senco").await;
    app.press(ardesk_e2e::ENTER).await;
    app.wait_for_text("#setup-steps", "The school's details ✓ Done").await;
    add_child(&app, "Morgan", "Checkley").await;
    app.wait_for_text("#child-name", "Morgan Checkley").await;
    app.find("#check-ins-none").await;
    app.click("#record-check-in").await;
    app.wait_for_text("#check-ins", "Write at least one of progress").await;
    app.type_into("#check-in-progress", "Reading age up four months.").await;
    app.type_into("#check-in-child", "I like the quiet room at lunch.").await;
    app.type_into("#check-in-parents", "Sleeping better since the new routine.").await;
    app.click("#record-check-in").await;
    app.wait_for_text("#check-ins-list", "I like the quiet room at lunch.").await;
    let saved: i64 = open_db(&driver.db_path())
        .query_row("SELECT count(*) FROM check_in WHERE parent_view LIKE 'Sleeping better%'", [], |r| {
            r.get(0)
        })
        .unwrap_or_default();
    assert_eq!(saved, 1);
    app.screenshot("check-ins.png").await;

    // The meeting is set; a parent with parental responsibility is invited and sent the views
    // form, which prints what the parents said at the check-in.
    add_parent(&app, "Jo Checkley", "Mother").await;
    meeting_in_eight_weeks_with_invitees(&app).await;
    // Issue 20 item 7: how each invitation went, recorded on its row (the mother's by post).
    let mother = app.attrs("#invitees tbody tr", "data-invitee").await[0].clone();
    app.select(&format!("#sent-by-{mother}"), "post").await;
    app.wait_for_text(&format!("#invitees tr[data-invitee='{mother}']"), "Recorded as sent.").await;
    let way: Option<String> = open_db(&driver.db_path())
        .query_row("SELECT sent_by FROM invitee WHERE id = ?1", [mother.parse::<i64>().unwrap()], |r| {
            r.get(0)
        })
        .ok()
        .flatten();
    assert_eq!(way.as_deref(), Some("post"));
    app.screenshot("invitation-sent.png").await;
    app.click("#generate-letters").await;
    app.wait_for_text("#generate-letters-ack", "Wrote").await;
    let form = std::fs::read_dir(driver.save_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with("_parent_views_form.pdf"))
        .expect("the parents' views form was written");
    let out = std::process::Command::new("pdftotext").arg(&form).arg("-").output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    for words in
        ["What you told us at check-ins since the last review", "Sleeping better since the new routine."]
    {
        assert!(said.contains(words), "the form lacks {words:?}: {said}");
    }
    // Issue 20 item 7: the invitations as email drafts, read back by Python's email parser.
    app.click("#email-drafts").await;
    app.wait_for_text("#email-drafts-ack", "Wrote 1 email drafts").await;
    let eml = std::fs::read_dir(driver.save_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "eml"))
        .expect("the mother's email draft was written");
    let script = "import email,sys,email.policy\nm=email.message_from_binary_file(open(sys.argv[1],'rb'),policy=email.policy.default)\nprint(m['X-Unsent'],m['To'],sep='|')\nfor p in m.iter_attachments(): print(p.get_filename(),p.get_content()[:5])";
    let parsed = std::process::Command::new("python3").args(["-c", script]).arg(&eml).output().unwrap();
    let parsed = String::from_utf8_lossy(&parsed.stdout);
    assert!(parsed.starts_with("1|Jo Checkley <parent@example.org>"), "{parsed}");
    assert_eq!(parsed.matches("b'%PDF-'").count(), 4, "the letter, the child's and both forms: {parsed}");

    // The AR1 record brings the check-ins into its views.
    app.click("#back-to-child").await;
    app.click("#open-ar1").await;
    app.wait_for_text("#ar1-check-ins", "I like the quiet room at lunch.").await;
    app.click("#ar1-from-check-ins").await;
    app.wait_for_text("#ar1-check-ins", "Brought into the views").await;
    assert!(app.value("#ar1-child_views").await.contains("I like the quiet room at lunch."));
    assert!(app.value("#ar1-parent_views").await.contains("Sleeping better since the new routine."));
    app.screenshot("ar1-check-ins.png").await;
    app.quit().await;
}

/// Issue 20 item 4: a typed child in Year 6 has a transition plan on their page; the receiving
/// setting saved there is invited by name when the review's invitees are suggested, and a
/// transition action is added and ticked off.
#[tokio::test(flavor = "multi_thread")]
async fn issue_20_a_transition_plan_invites_the_next_school_by_name() {
    use chrono::Datelike;
    let driver = Driver::start("issue_20_a_transition_plan_invites_the_next_school_by_name");
    let app = driver.launch().await;
    app.click("#add-child").await;
    app.type_into("#f-legal_forenames", "Taylor").await;
    app.type_into("#f-legal_surname", "Moveon").await;
    // Year 6 in the school year 2026/27: the move to secondary school.
    let year6 = chrono::Local::now().date_naive().year()
        - if chrono::Local::now().date_naive().month() >= 9 { 10 } else { 11 };
    app.type_into("#f-dob", &format!("14/05/{year6}")).await;
    app.type_into("#f-plan_issue_date", "01/09/2025").await;
    app.click("#save").await;
    app.wait_for_text("#child-name", "Taylor Moveon").await;
    app.wait_for_text("#transition", "phase transfer").await;
    app.click("#save-setting").await;
    app.wait_for_text("#transition", "Name the school or college.").await;
    app.type_into("#t-setting", "Example High School").await;
    app.type_into("#t-contact", "Ms Example").await;
    app.type_into("#t-email", "senco@high.example.org").await;
    app.click("#save-setting").await;
    app.wait_for_text("#transition", "invited by name").await;
    app.type_into("#t-action", "Visit the new school with a TA").await;
    app.type_into("#t-owner", "Class TA").await;
    app.click("#add-transition-action").await;
    app.wait_for_text("#transition-actions", "Visit the new school with a TA").await;
    app.click("#transition-actions input[type=checkbox]").await;
    let start = std::time::Instant::now();
    loop {
        let done: Option<String> = open_db(&driver.db_path())
            .query_row("SELECT done_on FROM transition_action", [], |r| r.get(0))
            .ok()
            .flatten();
        if done.is_some() {
            break;
        }
        assert!(start.elapsed() < ardesk_e2e::PATIENCE, "the action was never ticked off");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.screenshot("transition.png").await;
    // One with a day due next week: the dashboard will say so.
    let next_week = (chrono::Local::now().date_naive() + chrono::Days::new(7)).format("%d/%m/%Y").to_string();
    app.type_into("#t-action", "Send the one-page profile to the new school").await;
    app.type_into("#t-owner", "SENCO").await;
    app.type_into("#t-due", &next_week).await;
    app.click("#add-transition-action").await;
    app.wait_for_text("#transition-actions", "Send the one-page profile").await;

    // The review's invitees: the next school by name, with its address.
    add_parent(&app, "Jo Moveon", "Mother").await;
    meeting_in_eight_weeks_with_invitees(&app).await;
    app.wait_for_text("#invitees", "Example High School").await;
    let email: Option<String> = open_db(&driver.db_path())
        .query_row("SELECT email FROM invitee WHERE role = 'Receiving setting'", [], |r| r.get(0))
        .ok()
        .flatten();
    assert_eq!(email.as_deref(), Some("senco@high.example.org"));
    // The dashboard's row for the child: the action due next week (the one done is not there).
    app.click("#nav-caseload").await;
    let row = app.wait_for_text("#caseload", "Transition action due").await;
    assert!(row.contains("Send the one-page profile to the new school (SENCO)"), "{row}");
    assert!(!row.contains("Visit the new school with a TA"), "{row}");
    app.screenshot("transition-dashboard.png").await;
    app.quit().await;
}

/// Help shows the user guide (docs/guide.md, made into the page when the UI is built) with its
/// pictures, even before the school is set up, and the way back.
#[tokio::test(flavor = "multi_thread")]
async fn help_shows_the_user_guide_with_its_pictures() {
    let driver = Driver::start("help_shows_the_user_guide_with_its_pictures");
    let app = driver.launch().await;
    app.wait_for_text("#welcome", "Welcome").await;
    app.click("#nav-help").await;
    app.wait_for_text("#guide h1", "a guide for SENCOs and LA officers").await;
    app.wait_for_text("#guide", "Your first day").await;
    app.wait_for_text("#guide", "For the LA: received reviews").await;
    // Every picture is in the build and loads (WebKit gives a missing one no width).
    let script =
        "return [...document.querySelectorAll('#guide img')].map(i => i.complete && i.naturalWidth > 0)";
    let deadline = std::time::Instant::now() + ardesk_e2e::PATIENCE;
    loop {
        let loaded = app.eval(script).await;
        let loaded: Vec<bool> = serde_json::from_value(loaded).unwrap_or_default();
        if loaded.len() >= 10 && loaded.iter().all(|l| *l) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "pictures not loaded: {loaded:?}");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    app.screenshot("help.png").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "the guide has accessibility problems: {problems:#?}");
    app.click("#nav-caseload").await;
    app.wait_for_text("#welcome", "Welcome").await;
    app.quit().await;
}
