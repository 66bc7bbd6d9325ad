//! The app's tests, one file per concern as the code is, over an in-memory caseload (or a
//! temporary file) and a fixed clock. The helpers every file uses are here.

use ardesk_domain::demo::STANDARD_SIZE;
use ardesk_dto::{AmendmentForm, ChildForm, DecisionForm, ErrorCode, EvidenceRef};
use chrono::NaiveDate;

use super::*;
use crate::verify::verify_bundle_file;

mod after;
mod amendments;
mod backups;
mod briefing;
mod bundle;
mod check_ins;
mod children;
mod compliance;
mod import;
mod keys;
mod leavers;
mod letters;
mod meeting;
mod people;
mod plan_import;
mod prep;
mod record;
mod replies;
mod requests;
mod reviews;
mod settings;
mod transition;

/// The passphrase the tests' databases are encrypted with.
pub(crate) fn key() -> crate::Passphrase {
    crate::Passphrase::new("correct horse battery staple").unwrap_or_else(|| unreachable!())
}

pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

pub(crate) fn app() -> App {
    App::in_memory(Box::new(FixedClock::on(today()))).unwrap_or_else(|e| unreachable!("{e}"))
}

pub(crate) fn form() -> ChildForm {
    ChildForm {
        legal_forenames: "Robin".into(),
        legal_surname: "Testcase".into(),
        dob: "14/05/2015".into(),
        la_id: "redcar".into(),
        plan_issue_date: "01/09/2025".into(),
        ..ChildForm::default()
    }
}

/// [`form`] for a child in Year 4 (2025/26): no phase transfer in the cycle, so the LA's own
/// timings alone decide the dates.
pub(crate) fn form_no_transfer() -> ChildForm {
    ChildForm { dob: "14/05/2017".into(), ..form() }
}

/// The demo's first child in the planning stage with no meeting, with a meeting set in six weeks.
pub(crate) fn review_with_meeting(app: &mut App) -> Result<i64, AppError> {
    app.load_demo(STANDARD_SIZE)?;
    let child = app
        .caseload()?
        .into_iter()
        .find(|r| r.stage == ardesk_dto::Stage::Planning && r.meeting.is_none() && r.ncy < 9)
        .map(|r| r.child_id);
    let review = app.current_review(child.unwrap_or_default())?;
    app.set_meeting(review, meeting_form())?;
    Ok(review)
}

/// A database file in a folder of its own, for a test that opens it again on later days.
pub(crate) fn db_file() -> Result<(tempfile::TempDir, std::path::PathBuf), AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let db = dir.path().join("caseload.db");
    Ok((dir, db))
}

/// The app over the database `db`, on the day `on`.
pub(crate) fn open_on(db: &std::path::Path, on: NaiveDate) -> Result<App, AppError> {
    App::open(db, Box::new(FixedClock::on(on)), "tester", Some(&key()))
}

/// The school's details that head the tests' letters.
pub(crate) fn testbrook() -> ardesk_dto::SchoolForm {
    ardesk_dto::SchoolForm {
        name: "Testbrook Primary".into(),
        address: "1 Sample Road, Exampletown".into(),
        senco_name: "Jo Senco".into(),
        senco_role: "SENCO".into(),
        ..Default::default()
    }
}

/// A child typed by the SENCO ([`form`]) with a mother who has parental responsibility, and a
/// meeting set ([`meeting_form`]): (child, review).
pub(crate) fn typed_child_with_mother(app: &mut App) -> Result<(i64, i64), AppError> {
    typed_child_born_with_mother(app, &form().dob)
}

/// As [`typed_child_with_mother`], the child born on `dob` (dd/mm/yyyy).
pub(crate) fn typed_child_born_with_mother(app: &mut App, dob: &str) -> Result<(i64, i64), AppError> {
    let child = app.create_child(ChildForm { dob: dob.into(), ..form() })?.id;
    app.add_parent(
        child,
        ardesk_dto::ParentForm {
            name: "Sam Testcase".into(),
            relationship: "Mother".into(),
            parental_responsibility: true,
            email: "sam.testcase@example.org".into(),
            preferred_contact: Some(ardesk_dto::ContactMethod::Email),
            ..ardesk_dto::ParentForm::default()
        },
    )?;
    let review = app.current_review(child)?;
    app.set_meeting(review, meeting_form())?;
    Ok((child, review))
}

/// A meeting six weeks after the tests' today, at school.
pub(crate) fn meeting_form() -> ardesk_dto::MeetingForm {
    ardesk_dto::MeetingForm { date: "12/01/2027".into(), time: "10:00".into(), venue: "SENCO office".into() }
}

/// The first demo review at `stage`, with its child.
pub(crate) fn demo_review(app: &App, stage: &str) -> Result<(i64, i64), AppError> {
    app.caseload()?
        .into_iter()
        .find(|r| r.stage.code() == stage)
        .and_then(|r| Some((r.review_id?, r.child_id)))
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("no demo review at {stage}")))
}

/// The text of a DOCX's body, in order.
pub(crate) fn docx_text(path: &std::path::Path) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).unwrap_or_else(|e| unreachable!("{e}"));
    let mut zip = zip::ZipArchive::new(file).unwrap_or_else(|e| unreachable!("{e}"));
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap_or_else(|e| unreachable!("{e}"))
        .read_to_string(&mut xml)
        .unwrap_or_else(|e| unreachable!("{e}"));
    xml
}

pub(crate) fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

/// The demo reviews whose records are complete, in the order the demo made them.
pub(crate) fn recorded_reviews(app: &App) -> Result<Vec<i64>, AppError> {
    let mut ids: Vec<i64> = app
        .caseload()?
        .into_iter()
        .filter(|r| r.stage == ardesk_dto::Stage::ReadyToSubmit || r.stage == ardesk_dto::Stage::Submitted)
        .filter_map(|r| r.review_id)
        .collect();
    ids.sort_unstable();
    Ok(ids)
}
