use ardesk_domain::demo::STANDARD_SIZE;
use ardesk_dto::{AmendmentForm, ChildForm, DecisionForm, ErrorCode, EvidenceRef};
use chrono::NaiveDate;

use super::*;
use crate::verify::verify_bundle_file;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

fn app() -> App {
    App::in_memory(Box::new(FixedClock::on(today()))).unwrap_or_else(|e| unreachable!("{e}"))
}

fn form() -> ChildForm {
    ChildForm {
        legal_forenames: "Robin".into(),
        legal_surname: "Testcase".into(),
        dob: "14/05/2015".into(),
        la_id: "redcar".into(),
        plan_issue_date: "01/09/2025".into(),
        ..ChildForm::default()
    }
}

#[test]
fn the_demo_loads_once_and_lists_every_child() -> Result<(), AppError> {
    let mut app = app();
    assert_eq!(app.load_demo(STANDARD_SIZE)?, STANDARD_SIZE);
    assert_eq!(app.children()?.len(), STANDARD_SIZE);
    // Loading again is a no-op, not a duplicate caseload.
    assert_eq!(app.load_demo(STANDARD_SIZE)?, STANDARD_SIZE);
    assert_eq!(app.children()?.len(), STANDARD_SIZE);
    let info = app.info()?;
    assert_eq!(info.child_count, STANDARD_SIZE as i64);
    assert_eq!(info.school.as_deref(), Some("Annual Review Desk Demo School"));
    Ok(())
}

#[test]
fn the_demo_is_not_mixed_into_a_real_caseload() -> Result<(), AppError> {
    let mut app = app();
    app.create_child(form())?;
    let err = app.load_demo(STANDARD_SIZE).err();
    assert_eq!(err.map(|e| e.code), Some(ErrorCode::Conflict));
    assert_eq!(app.children()?.len(), 1);
    Ok(())
}

#[test]
fn an_invalid_form_reports_every_field_and_saves_nothing() -> Result<(), AppError> {
    let mut app = app();
    let bad = ChildForm { legal_surname: "".into(), dob: "32/01/2015".into(), ..form() };
    let err = app.create_child(bad).err();
    let fields: Vec<&str> =
        err.as_ref().map(|e| e.problems.iter().map(|p| p.field).collect()).unwrap_or_default();
    assert_eq!(fields, ["legal_surname", "dob"]);
    assert_eq!(err.map(|e| e.code), Some(ErrorCode::Validation));
    assert_eq!(app.children()?.len(), 0);
    assert_eq!(app.store.audit_count().map_err(AppError::from)?, 0);
    Ok(())
}

#[test]
fn create_edit_and_delete_a_child() -> Result<(), AppError> {
    let mut app = app();
    let saved = app.create_child(form())?;
    let detail = app.child(saved.id)?;
    assert_eq!(detail.name, "Robin Testcase");
    assert_eq!(detail.year_group, "Year 7"); // born May 2015: Reception from Sep 2019
    assert_eq!(detail.form.dob, "14/05/2015");
    assert_eq!(detail.review.map(|r| r.stage), Some("planning".to_owned()));

    app.update_child(saved.id, ChildForm { preferred_name: "Rob".into(), ..detail.form })?;
    assert_eq!(app.child(saved.id)?.name, "Rob Testcase");

    app.delete_child(saved.id)?;
    assert_eq!(app.child(saved.id).err().map(|e| e.code), Some(ErrorCode::NotFound));
    assert_eq!(app.delete_child(saved.id).err().map(|e| e.code), Some(ErrorCode::NotFound));
    Ok(())
}

#[test]
fn a_duplicate_upn_is_a_field_problem() -> Result<(), AppError> {
    let mut app = app();
    let digits = "807400116001";
    let check = ardesk_domain::child::Upn::check_letter(&format!("?{digits}")).map(char::from).unwrap_or('?');
    let upn = format!("{check}{digits}");
    app.create_child(ChildForm { upn: upn.clone(), ..form() })?;
    let err = app.create_child(ChildForm { upn, legal_forenames: "Sam".into(), ..form() }).err();
    let fields: Vec<&str> = err.map(|e| e.problems.iter().map(|p| p.field).collect()).unwrap_or_default();
    assert_eq!(fields, ["upn"]);
    Ok(())
}

#[test]
fn a_caseload_survives_reopening() -> Result<(), AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let path = dir.path().join("case.sqlite3");
    let clock = || Box::new(FixedClock::on(today()));
    let id = App::open(&path, clock(), "tester")?.create_child(form())?.id;
    let reopened = App::open(&path, clock(), "tester")?;
    assert_eq!(reopened.child(id)?.legal_name, "Robin Testcase");
    Ok(())
}

#[test]
fn dto_json_uses_the_documented_field_names() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let first = app.children()?.into_iter().next();
    let json = serde_json::to_value(&first).unwrap_or_default();
    for key in
        ["id", "name", "legal_name", "dob", "ncy", "year_group", "la_id", "la_name", "looked_after", "stage"]
    {
        assert!(json.get(key).is_some(), "missing {key} in {json}");
    }
    Ok(())
}

#[test]
fn the_caseload_puts_overdue_reviews_first() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let rows = app.caseload()?;
    assert_eq!(rows.len(), STANDARD_SIZE);
    let order: Vec<&str> = rows.iter().map(|r| r.status.as_str()).collect();
    let rank = |s: &str| ["overdue", "due_soon", "on_track"].iter().position(|x| *x == s);
    assert!(order.windows(2).all(|w| rank(w[0]) <= rank(w[1])), "{order:?}");
    assert!(order.contains(&"overdue") && order.contains(&"on_track"), "{order:?}");
    // Within a status, the earliest due date comes first.
    let overdue: Vec<&str> = rows
        .iter()
        .filter(|r| r.status == "overdue")
        .filter_map(|r| r.next.as_ref().map(|n| n.due.as_str()))
        .collect();
    assert!(overdue.windows(2).all(|w| w[0] <= w[1]), "{overdue:?}");
    assert!(
        rows.iter()
            .all(|r| r.next.as_ref().is_some_and(|n| n.action.contains(" by ") || n.action.contains(" on ")))
    );
    Ok(())
}

#[test]
fn a_child_s_timeline_explains_each_date() -> Result<(), AppError> {
    let mut app = app();
    let id = app.create_child(form())?.id;
    let tl = app.child_timeline(id)?;
    let ids: Vec<&str> = tl.milestones.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["T02", "T03", "T04"]); // no meeting yet
    // Plan issued 1 Sep 2025: review deadline 31 Aug 2026 (a bank holiday Monday) -> due Fri 28 Aug.
    let t02 = &tl.milestones[0];
    assert_eq!((t02.date.as_str(), t02.due.as_str()), ("Mon 31 Aug 2026", "Fri 28 Aug 2026"));
    assert!(t02.non_working_day && t02.passed);
    assert!(t02.source.contains("s44"));
    assert_eq!(tl.status, "overdue");
    Ok(())
}

#[test]
fn milestones_export_as_a_calendar_file() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let with_meeting =
        app.caseload()?.into_iter().find(|r| r.meeting.is_some()).map(|r| r.child_id).unwrap_or_default();
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let out = dir.path().join(app.ics_file_name(with_meeting)?);
    let exported = app.export_ics(with_meeting, &out)?;
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    assert_eq!(ardesk_documents::ics::count_events(&text), Ok(exported.items));
    assert!(exported.items >= 10, "{exported:?}");
    assert!(exported.file_name.starts_with("review-milestones-") && exported.file_name.ends_with(".ics"));
    // Only the final file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    assert_eq!(names, [exported.file_name]);
    Ok(())
}

#[test]
fn an_edited_profile_changes_the_clock_and_a_bad_one_is_refused() -> Result<(), AppError> {
    let mut app = app();
    let id = app.create_child(form())?.id;
    let json = app.profile_json("redcar")?;
    let bad = json.replace("\"statutory_notice_days\": 14", "\"statutory_notice_days\": 10");
    let err = app.save_profile("redcar", &bad).err();
    assert!(
        err.as_ref().is_some_and(|e| e.problems.iter().any(|p| p.message.contains("statutory_notice_days"))),
        "{err:?}"
    );
    let renamed = json.replace("\"id\": \"redcar\"", "\"id\": \"other\"");
    assert!(app.save_profile("redcar", &renamed).is_err());

    let longer = json.replace("\"target_meeting_months\": 11", "\"target_meeting_months\": 10");
    app.save_profile("redcar", &longer)?;
    assert!(app.profiles().iter().any(|p| p.id == "redcar" && p.customised));
    let t04 = |app: &App| {
        app.child_timeline(id)
            .ok()
            .and_then(|t| t.milestones.into_iter().find(|m| m.id == "T04"))
            .map(|m| m.date)
    };
    assert_eq!(t04(&app).as_deref(), Some("Wed 1 Jul 2026"));
    app.reset_profile("redcar")?;
    assert_eq!(t04(&app).as_deref(), Some("Sat 1 Aug 2026"));
    Ok(())
}

#[test]
fn term_dates_flag_holidays_and_bad_lines_are_named() -> Result<(), AppError> {
    let mut app = app();
    let id = app.create_child(form())?.id;
    let err = app.set_terms("term, 01/09/2025\n").err();
    assert_eq!(err.map(|e| e.problems.len()), Some(1));
    let settings = app.set_terms("term, 01/09/2025, 17/07/2026\nterm, 03/09/2026, 18/12/2026\n")?;
    assert_eq!(settings.terms.len(), 2);
    let tl = app.child_timeline(id)?;
    // T02 due Fri 28 Aug 2026 falls in the summer holiday.
    assert!(tl.milestones.iter().any(|m| m.id == "T02" && m.school_holiday));
    assert!(tl.term_dates_known);
    Ok(())
}

#[test]
fn imported_bank_holidays_extend_the_table() -> Result<(), AppError> {
    let mut app = app();
    let feed = r#"{"england-and-wales":{"division":"england-and-wales","events":[{"title":"New Year's Day","date":"2031-01-01","notes":"","bunting":true},{"title":"Christmas Day","date":"2030-12-25","notes":"","bunting":true}]}}"#;
    assert_eq!(app.import_bank_holidays(feed)?, 1, "2030-12-25 is already in the embedded table");
    assert_eq!(app.import_bank_holidays(feed)?, 0, "importing again adds nothing");
    assert_eq!(app.calendar_settings().bank_holiday_years, "2018 to 2031");
    assert_eq!(app.import_bank_holidays("not json").err().map(|e| e.code), Some(ErrorCode::Validation));
    Ok(())
}

#[test]
fn timeline_report_for_the_cli() -> Result<(), AppError> {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
    let r = timeline_report(d(2025, 3, 1), d(2015, 1, 10), Some(d(2025, 11, 10)), "redcar", today())?;
    assert_eq!((r.ncy, r.pfa_required), (6, false));
    let ids: Vec<&str> = r.milestones.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["T02", "T03", "T04", "T06", "T07", "T08", "T09", "T11", "T12", "T14", "T16"]);
    assert!(timeline_report(d(2025, 3, 1), d(2015, 1, 10), None, "atlantis", today()).is_err());
    Ok(())
}

#[test]
fn demo_meetings_are_booked_in_time() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let rows = app.caseload()?;
    let late: Vec<(&str, &Vec<String>)> =
        rows.iter().filter(|r| !r.warnings.is_empty()).map(|r| (r.name.as_str(), &r.warnings)).collect();
    assert!(late.is_empty(), "{late:?}");
    Ok(())
}

/// The demo's first child in the planning stage with no meeting, with a meeting set in six weeks.
fn review_with_meeting(app: &mut App) -> Result<i64, AppError> {
    app.load_demo(STANDARD_SIZE)?;
    let child = app
        .caseload()?
        .into_iter()
        .find(|r| r.stage == "planning" && r.meeting.is_none())
        .map(|r| r.child_id);
    let review = app.current_review(child.unwrap_or_default())?;
    app.set_meeting(
        review,
        ardesk_dto::MeetingForm {
            date: "12/01/2027".into(),
            time: "10:00".into(),
            venue: "SENCO office".into(),
        },
    )?;
    Ok(review)
}

#[test]
fn suggested_invitees_bring_their_checklist() -> Result<(), AppError> {
    let mut app = app();
    let review = review_with_meeting(&mut app)?;
    let prep = app.accept_suggested_invitees(review)?;
    let kinds: Vec<&str> = prep.invitees.iter().map(|i| i.form.kind.as_str()).collect();
    for statutory in ["setting", "la_sen", "health", "social_care"] {
        assert!(kinds.contains(&statutory), "{statutory} missing from {kinds:?}");
    }
    assert!(kinds.contains(&"parent") || kinds.contains(&"young_person"));
    let codes: Vec<&str> = prep.checklist.iter().map(|c| c.code.as_str()).collect();
    assert!(codes.starts_with(&["D02", "D03", "D10", "D11"]), "{codes:?}");
    assert!(prep.checklist.iter().all(|c| c.status == "not_requested"));
    assert_eq!(app.accept_suggested_invitees(review).err().map(|e| e.code), Some(ErrorCode::Conflict));
    Ok(())
}

#[test]
fn notice_and_circulation_are_checked_against_t07_and_t09() -> Result<(), AppError> {
    let mut app = app();
    let review = review_with_meeting(&mut app)?;
    assert_eq!(app.review_prep(review)?.notice.state, "pending");
    app.accept_suggested_invitees(review)?;
    let prep = app.mark_invitations_sent(review)?;
    assert_eq!(prep.notice.state, "met", "{}", prep.notice.text);
    assert_eq!(prep.stage, "invitations_sent");
    assert!(prep.checklist.iter().all(|c| c.requested_on.is_some() && c.status == "awaited"));
    assert_eq!(prep.circulation.state, "pending");
    let prep = app.mark_circulated(review)?;
    assert_eq!(prep.circulation.state, "met", "{}", prep.circulation.text);
    // The dashboard moves on to the meeting.
    let row = app.caseload()?.into_iter().find(|r| r.review_id == Some(review));
    assert_eq!(row.and_then(|r| r.next).map(|n| n.id), Some("T10".to_owned()));
    Ok(())
}

#[test]
fn attachments_are_sniffed_and_stored_once() -> Result<(), AppError> {
    let mut app = app();
    let review = review_with_meeting(&mut app)?;
    let prep = app.accept_suggested_invitees(review)?;
    let item = prep.checklist[0].id;
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    let prep = app.attach_file(review, item, "school-report.pdf", pdf)?;
    assert_eq!(prep.checklist[0].status, "received");
    assert_eq!(prep.checklist[0].file_name.as_deref(), Some("school-report.pdf"));
    let err = app.attach_file(review, prep.checklist[1].id, "report.pdf", b"\x7fELF\x02\x01").err();
    let message = err.map(|e| e.problems[0].message.clone()).unwrap_or_default();
    assert!(message.contains("report.pdf was not attached") && message.contains("program"), "{message}");
    let prep = app.record_views(review, prep.checklist[2].id, "Mum says Robin is happier this year.")?;
    assert!(prep.checklist[2].has_views_text && prep.checklist[2].status == "received");
    Ok(())
}

#[test]
fn letters_are_written_for_every_invitee_and_logged() -> Result<(), AppError> {
    let mut app = app();
    let review = review_with_meeting(&mut app)?;
    let prep = app.accept_suggested_invitees(review)?;
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let written = app.generate_letters(review, dir.path(), LetterFormat::Both)?;
    let expected_letters =
        prep.invitees.len() + usize::from(!prep.invitees.iter().any(|i| i.form.kind == "young_person"));
    // Each letter as DOCX and PDF, plus the two printable views forms.
    assert_eq!(written.files.len(), expected_letters * 2 + 2, "{:?}", written.files);
    assert!(written.files.iter().any(|f| f.ends_with("_parent_views_form.pdf")));
    assert!(written.files.iter().any(|f| f.ends_with("_child_views_form.pdf")));
    for name in &written.files {
        let bytes = std::fs::read(dir.path().join(name)).unwrap_or_default();
        assert!(bytes.starts_with(if name.ends_with(".pdf") { b"%PDF" } else { b"PK\x03\x04" }), "{name}");
    }
    assert!(
        written
            .files
            .iter()
            .any(|f| f.contains("parent_invitation") || f.contains("professional_invitation"))
    );
    assert!(written.files.iter().any(|f| f.contains("child_invitation")));
    assert_eq!(app.review_prep(review)?.letters.len(), written.files.len());
    Ok(())
}

#[test]
fn one_invitee_s_letter_can_be_written_alone() -> Result<(), AppError> {
    let mut app = app();
    let review = review_with_meeting(&mut app)?;
    let prep = app.accept_suggested_invitees(review)?;
    let head = prep.invitees.iter().find(|i| i.form.kind == "setting").map(|i| i.id).unwrap_or_default();
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let written = app.generate_letter_for(review, head, dir.path(), LetterFormat::Pdf)?;
    assert_eq!(written.files.len(), 1, "{:?}", written.files);
    assert!(written.files[0].contains("professional_invitation_Head-teacher"));
    // The edited details are what the next letter uses.
    let mut form = prep.invitees.iter().find(|i| i.id == head).map(|i| i.form.clone()).unwrap_or_default();
    form.name = "Dr Morgan Head".into();
    let prep = app.update_invitee(review, head, form)?;
    assert!(prep.invitees.iter().any(|i| i.id == head && i.form.name == "Dr Morgan Head"));
    Ok(())
}

#[test]
fn a_letter_with_a_missing_value_is_not_written() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let child =
        app.caseload()?.into_iter().find(|r| r.meeting.is_none()).map(|r| r.child_id).unwrap_or_default();
    let review = app.current_review(child)?;
    app.accept_suggested_invitees(review)?;
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let err = app.generate_letters(review, dir.path(), LetterFormat::Pdf).err();
    let messages: Vec<String> =
        err.map(|e| e.problems.into_iter().map(|p| p.message).collect()).unwrap_or_default();
    assert!(messages.iter().any(|m| m.starts_with("The letter needs {meeting.date}")), "{messages:?}");
    assert_eq!(std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(99), 0, "nothing may be written");
    Ok(())
}

#[test]
fn circulation_letters_list_what_was_received_and_what_is_missing() -> Result<(), AppError> {
    let mut app = app();
    let review = review_with_meeting(&mut app)?;
    let prep = app.accept_suggested_invitees(review)?;
    app.record_views(review, prep.checklist[2].id, "Going well.")?;
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let written = app.generate_circulation_letters(review, dir.path(), LetterFormat::Docx)?;
    assert_eq!(written.files.len(), prep.invitees.len());
    assert!(written.files.iter().all(|f| f.contains("_circulation_")));
    Ok(())
}

#[test]
fn overdue_advice_is_chased_with_a_reminder() -> Result<(), AppError> {
    let mut app = app();
    let review = review_with_meeting(&mut app)?;
    let prep = app.accept_suggested_invitees(review)?;
    let item = prep.checklist.iter().find(|c| c.code == "D09").map(|c| c.id).unwrap_or_default();
    app.mark_invitations_sent(review)?;
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let written = app.chase(review, item, dir.path(), LetterFormat::Pdf)?;
    assert_eq!(written.files.len(), 1);
    assert!(written.files[0].contains("reminder"));
    let prep = app.review_prep(review)?;
    assert!(prep.checklist.iter().any(|c| c.id == item && c.chased_on.is_some()));
    Ok(())
}

#[test]
fn a_meeting_needs_a_date_time_and_venue() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let review = app.current_review(app.caseload()?[0].child_id)?;
    let err = app
        .set_meeting(
            review,
            ardesk_dto::MeetingForm { date: "31/02/2027".into(), time: "25:00".into(), venue: " ".into() },
        )
        .err();
    let fields: Vec<&str> =
        err.as_ref().map(|e| e.problems.iter().map(|p| p.field).collect()).unwrap_or_default();
    assert_eq!(fields, ["date", "time", "venue"]);
    Ok(())
}

#[test]
fn school_details_and_letter_wording_are_the_school_s_own() -> Result<(), AppError> {
    let mut app = app();
    let err = app
        .save_school(ardesk_dto::SchoolForm { urn: "12".into(), email: "nope".into(), ..Default::default() })
        .err();
    let fields: Vec<&str> =
        err.as_ref().map(|e| e.problems.iter().map(|p| p.field).collect()).unwrap_or_default();
    assert_eq!(fields, ["name", "address", "senco_name", "urn", "email"]);
    let saved = app.save_school(ardesk_dto::SchoolForm {
        name: "Hilltop Primary".into(),
        address: "1 Hill Road, Exampletown".into(),
        senco_name: "Sam Senco".into(),
        ..Default::default()
    })?;
    assert_eq!((saved.name.as_str(), saved.senco_role.as_str()), ("Hilltop Primary", "SENCO"));

    let bad = app.save_letter_template("reminder", "Subject: Reminder\nDear {recipent.name},").err();
    assert!(bad.is_some_and(|e| e.problems[0].message.contains("{recipent.name}")));
    let list = app.save_letter_template(
        "reminder",
        "Subject: Reminder for {child.name}\n\nDear {recipient.name},\n\nPlease send your advice.",
    )?;
    assert!(list.iter().any(|t| t.kind == "reminder" && t.customised));
    let list = app.reset_letter_template("reminder")?;
    assert!(list.iter().all(|t| !t.customised));
    Ok(())
}

#[test]
fn the_ar1_record_saves_field_by_field_and_says_what_is_missing() -> Result<(), AppError> {
    let mut app = app();
    let review = review_with_meeting(&mut app)?;
    let ar1 = app.ar1(review)?;
    assert_eq!(ar1.outcomes.len(), 3, "{:?}", ar1.outcomes);
    let missing: Vec<&str> = ar1.problems.iter().map(|p| p.field.as_str()).collect();
    assert!(
        missing.contains(&"discussion")
            && missing.contains(&"actions")
            && missing.contains(&"recommendation")
    );

    for (key, value) in [
        ("discussion", "Progress against each outcome was reviewed."),
        ("differences", "None"),
        ("child_views", "Likes reading group."),
        ("parent_views", "Pleased with progress."),
        ("recommendation", "maintain"),
        ("recommendation_reasons", "Needs unchanged."),
        ("no_amendments", "true"),
        ("actions.0.action", "Update the visual timetable"),
        ("actions.0.owner", "Class teacher"),
        ("actions.0.deadline", "01/02/2027"),
        ("actions.1.action", "Arrange an EP visit"),
        ("actions.1.owner", "SENCO"),
        ("actions.1.deadline", "15/03/2027"),
    ] {
        app.save_ar1_field(review, key, value)?;
    }
    let saved = app.save_ar1_field(review, "completed_by", "Alex Example, SENCO")?;
    assert_eq!(saved.problems, vec![], "{:?}", saved.problems);
    let ar1 = app.ar1(review)?;
    assert_eq!(ar1.action_rows, 2);
    assert_eq!(ar1.values.get("actions.1.owner").map(String::as_str), Some("SENCO"));

    // A bad date is refused and the stored value stays.
    assert!(app.save_ar1_field(review, "actions.0.deadline", "31/02/2027").is_err());
    assert_eq!(app.ar1(review)?.values.get("actions.0.deadline").map(String::as_str), Some("01/02/2027"));
    // Emptying a required field brings its problem back.
    let saved = app.save_ar1_field(review, "discussion", "")?;
    assert_eq!(saved.problems.iter().map(|p| p.field.as_str()).collect::<Vec<_>>(), ["discussion"]);
    Ok(())
}

#[test]
fn demo_reviews_ready_to_submit_have_a_complete_ar1() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let ready: Vec<i64> = app
        .caseload()?
        .into_iter()
        .filter(|r| r.stage == "ready_to_submit")
        .filter_map(|r| r.review_id)
        .collect();
    assert!(!ready.is_empty());
    for review in ready {
        let ar1 = app.ar1(review)?;
        assert_eq!(ar1.problems, vec![], "review {review}: {:?}", ar1.problems);
        assert!(ar1.values.contains_key("actions.1.owner"));
    }
    Ok(())
}

/// The first demo review at `stage`, with its child.
fn demo_review(app: &App, stage: &str) -> Result<(i64, i64), AppError> {
    app.caseload()?
        .into_iter()
        .find(|r| r.stage == stage)
        .and_then(|r| Some((r.review_id?, r.child_id)))
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("no demo review at {stage}")))
}

#[test]
fn the_la_decision_closes_the_review_and_anchors_the_next() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let (review, child) = demo_review(&app, "ready_to_submit")?;
    let after = app.after_meeting(review)?;
    assert!(after.held && after.missing == 0);
    assert!(after.decision_due.is_some() && after.final_plan_due.is_some(), "T12 and T14 show: {after:?}");
    assert_eq!(after.actions.len(), 2);

    let sent = app.mark_submitted(review, &ardesk_domain::dates::input(today()))?;
    assert_eq!(sent.stage, "submitted");
    assert!(sent.report_due.is_none(), "T11 is done once sent");

    // A date in the future, a date before the meeting and no decision are refused, each named.
    let future =
        app.record_decision(review, DecisionForm { decision: "no_change".into(), date: "01/01/2027".into() });
    assert!(matches!(future, Err(e) if e.problems.iter().any(|p| p.field == "decided_on")));
    let before =
        app.record_decision(review, DecisionForm { decision: "no_change".into(), date: "01/01/2025".into() });
    assert!(matches!(before, Err(e) if e.message.contains("correct") || !e.problems.is_empty()));
    let neither = app.record_decision(review, DecisionForm::default());
    assert!(matches!(neither, Err(e) if e.problems.len() == 2));

    let decided =
        app.record_decision(review, DecisionForm { decision: "minor".into(), date: "20/11/2026".into() })?;
    assert_eq!(decided.stage, "decided");
    assert!(decided.decision_due.is_none() && decided.final_plan_due.is_none());
    let next = decided.next_review_id.ok_or_else(|| AppError::new(ErrorCode::NotFound, "no next review"))?;
    assert_eq!(app.current_review(child)?, next);
    // The next cycle runs from the decision letter: its long-stop is a year later, less a day.
    let timeline = app.child_timeline(child)?;
    let t02 = timeline.milestones.iter().find(|m| m.id == "T02").map(|m| m.date.clone());
    assert_eq!(t02.as_deref(), Some("Fri 19 Nov 2027"), "{:?}", timeline.milestones);
    // The old review's actions are the new meeting's previous actions.
    assert_eq!(app.ar1(next)?.previous_actions.len(), 2);
    // Recording it twice is refused.
    let again =
        app.record_decision(review, DecisionForm { decision: "minor".into(), date: "20/11/2026".into() });
    assert!(matches!(again, Err(e) if e.code == ErrorCode::Conflict));
    Ok(())
}

#[test]
fn an_incomplete_record_cannot_be_marked_ready_or_sent() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let (review, _) = demo_review(&app, "meeting_held")?;
    let refused = app.mark_ready_to_submit(review);
    assert!(
        matches!(&refused, Err(e) if e.code == ErrorCode::Conflict && !e.problems.is_empty()),
        "{refused:?}"
    );
    let refused = app.mark_submitted(review, &ardesk_domain::dates::input(today()));
    assert!(refused.is_err());
    Ok(())
}

#[test]
fn agreed_actions_are_tracked_until_done() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let open = app.open_actions()?;
    assert!(open.len() > 10, "{}", open.len());
    // Overdue first; every open action has a next date (a check-in or its deadline).
    let first_on_track = open.iter().position(|a| !a.overdue).unwrap_or(open.len());
    assert!(open.iter().skip(first_on_track).all(|a| !a.overdue));
    assert!(open.iter().all(|a| a.status == "open" && (a.overdue || a.next.is_some())));
    // Demo previous reviews: the first action is done, so it is not listed.
    assert!(!open.iter().any(|a| a.action.starts_with("Set up a daily check-in")));

    let target = open.first().cloned().ok_or_else(|| AppError::new(ErrorCode::NotFound, "none"))?;
    let done = app.set_action_status(target.review_id, target.row, "done", "Finished early")?;
    assert_eq!((done.status.as_str(), done.note.as_str()), ("done", "Finished early"));
    assert!(done.next.is_none() && !done.overdue);
    let open_after = app.open_actions()?;
    assert_eq!(open_after.len(), open.len() - 1);
    assert!(app.set_action_status(target.review_id, 40, "done", "").is_err(), "no such row");
    assert!(app.set_action_status(target.review_id, target.row, "finished", "").is_err());
    Ok(())
}

#[test]
fn recording_the_meeting_marks_it_held_and_attendance_is_kept() -> Result<(), AppError> {
    let mut app = App::in_memory(Box::new(FixedClock::on(today())))?;
    app.load_demo(STANDARD_SIZE)?;
    // A review whose papers were circulated and whose meeting is in the past is still at
    // "reports due" until the meeting is recorded.
    let (review, _) = demo_review(&app, "reports_due")?;
    let meeting_later = app.after_meeting(review)?;
    assert!(!meeting_later.held);
    app.save_ar1_field(review, "discussion", "Notes before the meeting")?;
    assert_eq!(app.after_meeting(review)?.stage, "reports_due", "the meeting has not happened yet");

    let (held, _) = demo_review(&app, "meeting_held")?;
    let ar1 = app.ar1(held)?;
    let someone = ar1.attendees.first().cloned().ok_or_else(|| AppError::new(ErrorCode::NotFound, "none"))?;
    app.set_attendance(held, someone.invitee_id, "apologies")?;
    assert_eq!(app.ar1(held)?.attendees.first().map(|a| a.attendance.as_str()), Some("apologies"));
    assert!(app.set_attendance(held, someone.invitee_id, "maybe").is_err());
    assert!(app.set_attendance(held, 999_999, "absent").is_err());
    Ok(())
}

/// The text of a DOCX's body, in order.
fn docx_text(path: &std::path::Path) -> String {
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

#[test]
fn the_record_follows_the_la_s_order_and_lists_attendance() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let ready: Vec<(i64, String)> = app
        .caseload()?
        .into_iter()
        .filter(|r| r.stage == "ready_to_submit" || r.stage == "meeting_held")
        .filter_map(|r| Some((r.review_id?, r.la)))
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    for (review, la) in ready {
        if !seen.insert(la.clone()) {
            continue;
        }
        let out = dir.path().join(&la);
        std::fs::create_dir_all(&out).map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
        let written = app.write_ar1_record(review, &out, LetterFormat::Docx)?;
        let file = written.files.first().cloned().unwrap_or_default();
        let xml = docx_text(&out.join(file));
        let at = |s: &str| xml.find(s).unwrap_or_else(|| unreachable!("{s} missing from the {la} record"));
        assert!(at("Attendance") < at("Agreed actions"));
        if la == "stockton" {
            assert!(at("Record of discussion") < at("Views of the child"), "Stockton puts discussion first");
        } else {
            assert!(at("Views of the child") < at("Record of discussion"), "the standard order");
        }
    }
    assert_eq!(seen.len(), 2, "both demo LAs have a review recorded: {seen:?}");
    Ok(())
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

#[test]
fn an_ehcp_docx_is_imported_section_by_section_and_kept() -> Result<(), AppError> {
    let mut app = app();
    let child = app.create_child(form())?.id;
    let found = app.read_plan_file(child, &fixture("plan.docx"))?;
    assert_eq!(found.missing, Vec::<String>::new(), "every section found: {found:?}");
    let text = |code: &str| {
        found.sections.iter().find(|s| s.code == code).map(|s| s.text.clone()).unwrap_or_default()
    };
    assert!(text("B").contains("reading age is about two years"), "{}", text("B"));
    assert!(text("F").starts_with("Small-group social communication"), "{}", text("F"));
    assert!(text("Front").contains("Name: Robin Testcase"));
    // Nothing is saved until the SENCO confirms; then the sections and the file are.
    assert_eq!(app.child(child)?.sections.iter().filter(|s| !s.text.is_empty()).count(), 0);
    let mut sections = found.sections.clone();
    if let Some(a) = sections.iter_mut().find(|s| s.code == "A") {
        a.text.push_str(" (checked by the SENCO)");
    }
    app.save_plan(child, sections)?;
    let review = app.current_review(child)?;
    let screen = app.amendments(review)?;
    assert_eq!(screen.plan_source.as_deref(), Some("plan.docx"));
    assert!(screen.plan.iter().any(|s| s.code == "A" && s.text.ends_with("(checked by the SENCO)")));

    // A file that is not a Word plan is refused with the reason, and nothing changes.
    let refused = app.read_plan_file(child, &fixture("school-report.pdf"));
    assert!(
        matches!(&refused, Err(e) if e.problems.iter().any(|p| p.message.contains("not a Word document"))),
        "{refused:?}"
    );
    Ok(())
}

#[test]
fn amendments_follow_the_rules_and_render_in_every_mode() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let (review, _) = demo_review(&app, "ready_to_submit")?;
    let screen = app.amendments(review)?;
    assert_eq!(screen.amendments.len(), 2, "the demo agreed B and F");
    assert_eq!(screen.problems, vec![], "{:?}", screen.problems);
    assert_eq!(screen.mode, "revisions", "Redcar asks for Word tracked changes");

    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let mut written = Vec::new();
    for mode in ["revisions", "boldstrike", "table"] {
        written.extend(app.write_amendments(review, dir.path(), Some(mode), LetterFormat::Both)?.files);
    }
    assert_eq!(written.len(), 5, "revisions are DOCX only: {written:?}");
    let xml = docx_text(&dir.path().join(&written[0]));
    assert!(xml.matches("<w:ins ").count() >= 2 && xml.matches("<w:del ").count() >= 2, "{xml}");

    // A vague Section F change warns; a Section C change without health evidence blocks.
    let item = screen.evidence_options.first().map(|o| o.item_id).unwrap_or_default();
    let f = screen.plan.iter().find(|s| s.code == "F").map(|s| s.text.clone()).unwrap_or_default();
    let screen = app.add_amendment(
        review,
        AmendmentForm {
            section: "C".into(),
            current: "Mild asthma.".into(),
            proposed: "Mild asthma and eczema.".into(),
            reason: "New diagnosis".into(),
            evidence: vec![EvidenceRef { item_id: item, locator: "p. 1".into() }],
            agreed: true,
            disagreement: String::new(),
        },
    )?;
    let messages: Vec<&str> = screen.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(messages, ["The change to Section C needs evidence from a health professional's report."]);
    let preview = app.preview_amendment("F", &f, &format!("{f} Regular access to a quiet room."));
    assert_eq!(preview.vague.iter().map(|v| v.phrase.as_str()).collect::<Vec<_>>(), ["Regular", "access to"]);
    assert!(preview.diff.iter().any(|r| r.change == "inserted" && r.text.contains("quiet")));
    // Evidence must come from this review's checklist.
    let foreign = app.add_amendment(
        review,
        AmendmentForm {
            section: "A".into(),
            current: "x".into(),
            proposed: "y".into(),
            reason: "z".into(),
            evidence: vec![EvidenceRef { item_id: 999_999, locator: String::new() }],
            agreed: true,
            disagreement: String::new(),
        },
    );
    assert!(foreign.is_err());
    Ok(())
}

#[test]
fn two_changes_to_one_section_both_show_and_overlapping_ones_are_refused() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let (review, _) = demo_review(&app, "ready_to_submit")?;
    let screen = app.amendments(review)?;
    let first_f = screen.amendments.iter().find(|a| a.form.section == "F").map(|a| a.form.proposed.clone());
    let first_f = first_f.unwrap_or_default();
    // A second change to a passage of Section F as the first change leaves it.
    let passage: String = first_f.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    assert!(first_f.contains(&passage) && !passage.is_empty());
    let item = screen.evidence_options.first().map(|o| o.item_id).unwrap_or_default();
    let change = |current: &str, proposed: &str| AmendmentForm {
        section: "F".into(),
        current: current.into(),
        proposed: proposed.into(),
        reason: "Agreed at the meeting".into(),
        evidence: vec![EvidenceRef { item_id: item, locator: "p. 2".into() }],
        agreed: true,
        disagreement: String::new(),
    };
    let screen = app.add_amendment(review, change(&passage, &format!("{passage} (reviewed each term)")))?;
    assert_eq!(screen.problems, vec![], "{:?}", screen.problems);
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let written = app.write_amendments(review, dir.path(), Some("revisions"), LetterFormat::Docx)?.files;
    let xml = docx_text(&dir.path().join(&written[0]));
    assert!(xml.contains("reviewed each term"), "the second change is in the document");
    let first_inserted = first_f.split_whitespace().last().unwrap_or_default();
    assert!(xml.contains(first_inserted), "the first change is still in the document");

    // A change quoting wording no longer in the section cannot be placed: refused, not drawn.
    let screen = app.add_amendment(review, change("Wording the plan never had.", "Something else."))?;
    assert!(
        screen
            .problems
            .iter()
            .any(|p| p.severity == "block" && p.message.contains("Section F cannot all be shown")),
        "{:?}",
        screen.problems
    );
    let refused = app.write_amendments(review, dir.path(), Some("table"), LetterFormat::Pdf);
    assert!(matches!(&refused, Err(e) if e.code == ErrorCode::Validation), "{refused:?}");
    let check = app.bundle_check(review)?;
    assert!(check.blocked);
    assert!(
        check
            .findings
            .iter()
            .any(|f| f.rule == "V06" && f.message.contains("tracked-change document is missing"))
    );
    Ok(())
}

#[test]
fn no_amendments_is_an_explicit_state_with_no_document() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let (review, _) = demo_review(&app, "planning")?;
    let screen = app.amendments(review)?;
    assert_eq!(screen.problems.first().map(|p| p.field.as_str()), Some("no_amendments"));
    let screen = app.set_no_amendments(review, true)?;
    assert!(screen.no_amendments && screen.problems.is_empty());
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let none = app.write_amendments(review, dir.path(), None, LetterFormat::Both);
    assert!(
        matches!(&none, Err(e) if e.code == ErrorCode::Conflict && e.message.contains("No amendments proposed"))
    );
    assert_eq!(std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0), 0);
    Ok(())
}

/// The demo reviews whose records are complete, in the order the demo made them.
fn recorded_reviews(app: &App) -> Result<Vec<i64>, AppError> {
    let mut ids: Vec<i64> = app
        .caseload()?
        .into_iter()
        .filter(|r| r.stage == "ready_to_submit" || r.stage == "submitted")
        .filter_map(|r| r.review_id)
        .collect();
    ids.sort_unstable();
    Ok(ids)
}

#[test]
fn a_complete_demo_review_exports_a_bundle_that_verifies() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let review = recorded_reviews(&app)?.first().copied().unwrap_or_default();
    let check = app.bundle_check(review)?;
    assert!(!check.blocked, "{:#?}", check.findings);
    assert!(check.files.iter().all(|f| f.verdict == "ok"), "{:#?}", check.files);
    assert_eq!(check.files.first().map(|f| f.name.as_str()), Some("01_AR1.pdf"));
    assert!(check.files.iter().any(|f| f.name == "02_EHCP-TRACKED.docx"), "{:#?}", check.files);

    // A warning overridden with a reason is exported with it.
    let warning = check.findings.iter().find(|f| f.severity == "warn").cloned();
    if let Some(w) = &warning {
        let after =
            app.override_finding(review, &w.rule, &w.message, "Agreed with the LA officer by phone.")?;
        assert!(after.findings.iter().any(|f| f.message == w.message && f.overridden.is_some()));
    }
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let path = dir.path().join(app.bundle_file_name(review)?);
    assert!(
        path.to_string_lossy().ends_with(".zip") && path.to_string_lossy().contains("AR_RC-EHC-"),
        "{path:?}"
    );
    let seen = std::cell::RefCell::new(Vec::new());
    let written =
        app.export_bundle_reporting(review, &path, &|done, total| seen.borrow_mut().push((done, total)))?;
    assert_eq!(written.first().map(String::as_str), Some("manifest.json"));
    // Progress rises to the total, once per file written and once per file read back.
    let seen = seen.into_inner();
    assert_eq!(seen.len(), written.len() * 2);
    assert!(
        seen.windows(2).all(|w| w[0].0 <= w[1].0) && seen.last().is_some_and(|(d, t)| d == t),
        "{seen:?}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left: {leftovers:?}");

    let report = verify_bundle_file(&path)?;
    assert!(report.valid, "{:#?}", report.problems);
    let manifest = report.manifest.ok_or_else(|| AppError::new(ErrorCode::NotFound, "no manifest"))?;
    assert_eq!(manifest.review.recommendation.as_deref(), Some("amend"));
    if let Some(w) = warning {
        assert!(manifest.validation.iter().any(|v| v.message == w.message && v.override_reason.is_some()));
    }

    // Change one byte of one file: verify names it.
    let tampered = dir.path().join("tampered.zip");
    let mut zip = zip::ZipArchive::new(
        std::fs::File::open(&path).map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?,
    )
    .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let mut out = zip::ZipWriter::new(
        std::fs::File::create(&tampered).map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?,
    );
    for i in 0..zip.len() {
        use std::io::{Read, Write};
        let mut entry = zip.by_index(i).map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
        if name == "01_AR1.pdf"
            && let Some(b) = bytes.get_mut(100)
        {
            *b ^= 0x20;
        }
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
        out.write_all(&bytes).map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    }
    out.finish().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let report = verify_bundle_file(&tampered)?;
    assert!(
        !report.valid && report.problems.iter().any(|p| p.contains("01_AR1.pdf has been changed")),
        "{:?}",
        report.problems
    );
    let junk = dir.path().join("junk.zip");
    std::fs::write(&junk, b"not a zip").map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    assert!(verify_bundle_file(&junk)?.unusable);
    Ok(())
}

#[test]
fn a_password_protected_report_blocks_the_bundle_and_nothing_is_written() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let review = recorded_reviews(&app)?.get(1).copied().unwrap_or_default();
    let check = app.bundle_check(review)?;
    assert!(check.blocked);
    let v01 = check.findings.iter().find(|f| f.rule == "V01").cloned();
    let v01 = v01.ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("{:#?}", check.findings)))?;
    assert!(
        v01.message.contains("school-report-protected.pdf") && !v01.can_override && v01.fix_at == "prep",
        "{v01:?}"
    );
    assert!(
        app.override_finding(review, "V01", &v01.message, "It is fine").is_err(),
        "a block cannot be overridden"
    );
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let refused = app.export_bundle(review, &dir.path().join("bundle.zip"));
    assert!(
        matches!(&refused, Err(e) if e.code == ErrorCode::Conflict && e.problems.iter().any(|p| p.message.starts_with("V01")))
    );
    assert_eq!(std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0), 0);
    Ok(())
}

#[test]
fn another_pupil_named_or_tracked_changes_left_in_a_report_are_warned_about() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let review = recorded_reviews(&app)?.first().copied().unwrap_or_default();
    let this_child = app.bundle_check(review)?.child_id;
    let other = app
        .children()?
        .into_iter()
        .find(|c| c.id != this_child)
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, "no other child"))?;
    let items = app.review_prep(review)?.checklist;
    let (first, second) = match items.as_slice() {
        [a, b, ..] => (a.id, b.id),
        _ => return Err(AppError::new(ErrorCode::NotFound, "checklist too short")),
    };
    let note = format!("Notes from the call. {} was also mentioned by the class teacher.\n", other.name);
    app.attach_file(review, first, "call-notes.txt", note.as_bytes())?;
    // A Word document with tracked changes still in it: the amendments document will do.
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let written = app.write_amendments(review, dir.path(), Some("revisions"), LetterFormat::Docx)?;
    let docx = std::fs::read(dir.path().join(&written.files[0]))
        .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    app.attach_file(review, second, "report-with-changes.docx", &docx)?;
    let check = app.bundle_check(review)?;
    let rules: Vec<(&str, &str)> = check
        .findings
        .iter()
        .filter(|f| f.rule == "V13" || f.rule == "V16")
        .map(|f| (f.rule.as_str(), f.severity.as_str()))
        .collect();
    assert_eq!(rules, [("V13", "warn"), ("V16", "warn")], "{:#?}", check.findings);
    assert!(check.findings.iter().any(|f| f.rule == "V13" && f.message.contains(&other.name)));
    Ok(())
}

#[test]
fn the_first_open_of_each_day_backs_up_and_keeps_seven() -> Result<(), AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let db = dir.path().join("caseload.sqlite3");
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default();
    // An empty caseload has nothing to keep.
    let mut app = App::open(&db, Box::new(FixedClock::on(day(1))), "tester")?;
    assert!(app.info()?.backup.contains("the caseload was empty"));
    assert!(!backups::folder(&db).exists());
    app.load_demo(3)?;
    drop(app);
    for d in 1..=10 {
        let app = App::open(&db, Box::new(FixedClock::on(day(d))), "tester")?;
        assert!(app.info()?.backup.contains(&format!("caseload-2026-11-{d:02}.sqlite3")));
    }
    let kept = backups::existing(&db);
    assert_eq!(kept.len(), backups::KEEP);
    assert!(kept[0].ends_with("caseload-2026-11-10.sqlite3"), "{kept:?}");
    assert!(kept[6].ends_with("caseload-2026-11-04.sqlite3"), "{kept:?}");
    // A second open on the same day does not copy again.
    let before = std::fs::metadata(&kept[0]).and_then(|m| m.modified()).ok();
    App::open(&db, Box::new(FixedClock::on(day(10))), "tester")?;
    assert_eq!(std::fs::metadata(&kept[0]).and_then(|m| m.modified()).ok(), before);
    Ok(())
}

#[test]
fn a_damaged_database_is_refused_with_the_backup_to_restore() -> Result<(), AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let db = dir.path().join("caseload.sqlite3");
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    {
        let mut app = App::open(&db, Box::new(FixedClock::on(today)), "tester")?;
        app.load_demo(30)?;
    }
    // The next day's open backs up the demo caseload; then a page of the file is damaged.
    drop(App::open(&db, Box::new(FixedClock::on(today.succ_opt().unwrap_or(today))), "tester")?);
    let backup = backups::existing(&db).first().cloned().unwrap_or_default();
    // Closing the last connection folded the write-ahead log into the file. Overwrite the
    // header of its last table b-tree page (type 0x0D) after the type byte.
    let mut bytes = std::fs::read(&db).unwrap_or_default();
    assert!(!dir.path().join("caseload.sqlite3-wal").exists());
    let size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65536,
        n => usize::from(n),
    };
    let start = (1..bytes.len() / size).rev().map(|page| page * size).find(|&at| bytes[at] == 0x0D);
    let start = start.unwrap_or_default() + 1;
    assert!(start > size);
    bytes.splice(start..start + 6, [0xA5; 6]);
    assert!(std::fs::write(&db, &bytes).is_ok());

    let err = App::open(&db, Box::new(FixedClock::on(today)), "tester").err();
    let err = err.map(|e| (e.code, e.message)).unwrap_or((ErrorCode::Io, String::new()));
    assert_eq!(err.0, ErrorCode::NotOurDatabase);
    assert!(err.1.contains("is damaged") && err.1.contains(&backup.display().to_string()), "{}", err.1);
    assert_eq!(std::fs::read(&db).unwrap_or_default(), bytes, "the damaged file is left as it was");

    // Following the message gets the caseload back.
    assert!(std::fs::copy(&backup, &db).is_ok());
    let app = App::open(&db, Box::new(FixedClock::on(today)), "tester")?;
    assert_eq!(app.caseload()?.len(), 30);
    Ok(())
}
