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
    app.screenshot("caseload.png").await;

    // Search narrows the list by name.
    let first = app.text("#caseload tbody tr td button").await;
    app.type_into("#search", &first).await;
    app.wait_for_text("#caseload-count", "1 child").await;

    // The content security policy is in force: an injected inline script does not run.
    let blocked = app
        .eval(
            "const s = document.createElement('script'); s.textContent = 'window.__probe = 1;';
             document.body.appendChild(s); return window.__probe === undefined;",
        )
        .await;
    assert_eq!(blocked, serde_json::Value::Bool(true), "an inline script ran: the CSP is not applied");
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
    app.abandon();

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
    app.wait_for_text("#status", "Deleted Rob Testcase").await;
    app.wait_for_text("#welcome", "Welcome").await;
    assert_eq!(children_in(&driver), 0);
    app.quit().await;
}
