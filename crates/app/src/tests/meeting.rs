use super::*;

/// The fields of a complete record for `outcomes` Section E outcomes, each one rated.
pub(crate) fn complete_fields(outcomes: usize) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = [
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
        ("completed_by", "Alex Example, SENCO"),
        ("completed_on", "12/01/2027"),
        ("child_presence", "all"),
        ("social_care", "The social worker reported no new needs under Sections D and H."),
        ("pfa.employment", "Work experience planned."),
        ("pfa.independent_living", "Travel training started."),
        ("pfa.community", "Youth club weekly."),
        ("pfa.health", "Health check booked."),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    fields.extend((0..outcomes).map(|n| (format!("progress.{n}.rating"), "partly".to_owned())));
    fields
}

fn fields_of(problems: &[ardesk_dto::FieldProblem]) -> Vec<&str> {
    problems.iter().map(|p| p.field.as_str()).collect()
}

fn temp_db() -> Result<(tempfile::TempDir, std::path::PathBuf), AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let db = dir.path().join("caseload.db");
    Ok((dir, db))
}

/// The meeting of [`review_with_meeting`].
fn meeting_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 12).unwrap_or_default()
}

#[test]
fn the_ar1_record_saves_field_by_field_and_says_what_is_missing() -> Result<(), AppError> {
    let (_dir, db) = temp_db()?;
    let review = {
        let mut app =
            App::open(&db, Box::new(FixedClock::on(today())), "tester", Some(&crate::tests::key()))?;
        let review = review_with_meeting(&mut app)?;
        let ar1 = app.ar1(review)?;
        assert!(!ar1.outcomes.is_empty(), "the demo plan has Section E outcomes");
        let missing = fields_of(&ar1.problems);
        for field in ["meeting", "attendance", "discussion", "actions", "recommendation", "progress"] {
            assert!(missing.contains(&field), "{field} not missing: {missing:?}");
        }
        app.accept_suggested_invitees(review)?;
        for attendee in app.ar1(review)?.attendees {
            app.set_attendance(review, attendee.invitee_id, "in_person")?;
        }
        let mut last = None;
        for (key, value) in complete_fields(ar1.outcomes.len()) {
            last = Some(app.save_ar1_field(review, &key, &value)?);
        }
        // Everything is typed in, seven weeks before the meeting: not complete yet (issue 15
        // item 13), and the one gap says from when it can be.
        let messages: Vec<String> =
            last.map(|s| s.problems).unwrap_or_default().into_iter().map(|p| p.message).collect();
        assert_eq!(
            messages,
            [
                "The meeting has not happened yet: the record can be completed on or after the meeting, 12 Jan 2027."
            ]
        );
        review
    };
    // On the day of the meeting it is complete.
    let mut app =
        App::open(&db, Box::new(FixedClock::on(meeting_day())), "tester", Some(&crate::tests::key()))?;
    let ar1 = app.ar1(review)?;
    assert_eq!(ar1.problems, vec![], "{:?}", ar1.problems);
    assert_eq!(ar1.action_rows, 2);
    assert_eq!(ar1.values.get("actions.1.owner").map(String::as_str), Some("SENCO"));

    // A bad date is refused and the stored value stays.
    assert!(app.save_ar1_field(review, "actions.0.deadline", "31/02/2027").is_err());
    assert_eq!(app.ar1(review)?.values.get("actions.0.deadline").map(String::as_str), Some("01/02/2027"));
    // Emptying a required field brings its problem back.
    let saved = app.save_ar1_field(review, "discussion", "")?;
    assert_eq!(fields_of(&saved.problems), ["discussion"]);
    Ok(())
}

/// Issue 15 items 11 and 13 in the app: the record's status follows the day, who came and each
/// outcome's rating, and each gap names what is missing (reg 20(2), 20(5)).
#[test]
fn issue_15_the_record_s_status_is_honest_about_the_meeting_attendance_and_progress() -> Result<(), AppError>
{
    let (_dir, db) = temp_db()?;
    let review = {
        let mut app =
            App::open(&db, Box::new(FixedClock::on(today())), "tester", Some(&crate::tests::key()))?;
        let review = review_with_meeting(&mut app)?;
        app.accept_suggested_invitees(review)?;
        let outcomes = app.ar1(review)?.outcomes.len();
        for (key, value) in complete_fields(outcomes) {
            app.save_ar1_field(review, &key, &value)?;
        }
        review
    };
    let mut app =
        App::open(&db, Box::new(FixedClock::on(meeting_day())), "tester", Some(&crate::tests::key()))?;
    let ar1 = app.ar1(review)?;
    // Nobody's attendance is recorded yet: one gap per person the law requires to be invited.
    let statutory: Vec<&ardesk_dto::AttendeeDto> = ar1
        .attendees
        .iter()
        .filter(|a| {
            ["Head teacher", "SEN Officer", "LA social care officer"].iter().any(|r| a.role.starts_with(r))
        })
        .collect();
    assert_eq!(statutory.len(), 3, "{:?}", ar1.attendees);
    let attendance: Vec<&str> =
        ar1.problems.iter().filter(|p| p.field == "attendance").map(|p| p.message.as_str()).collect();
    assert!(
        attendance.iter().any(|m| m.contains("Social care SEND contact (LA social care officer)")),
        "{attendance:?}"
    );
    assert_eq!(
        fields_of(&ar1.problems).into_iter().filter(|f| *f != "attendance").count(),
        0,
        "{:?}",
        ar1.problems
    );
    // Apologies, a written contribution, did not attend: each is a record of attendance.
    let mut saved = None;
    for (n, attendee) in ar1.attendees.iter().enumerate() {
        let how = ["apologies", "written", "absent", "in_person", "virtual"][n % 5];
        saved = Some(app.set_attendance(review, attendee.invitee_id, how)?);
    }
    assert_eq!(saved.map(|s| s.problems), Some(vec![]));
    let after = app.after_meeting(review)?;
    assert!(after.missing == 0 && after.can_mark_ready, "{after:?}");

    // Un-rating an outcome brings back a gap that names it, and the review cannot be marked ready.
    let saved = app.save_ar1_field(review, "progress.1.rating", "")?;
    let outcome = ar1.outcomes.get(1).cloned().unwrap_or_default();
    let words: String = outcome.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    assert_eq!(fields_of(&saved.problems), ["progress"]);
    let message = saved.problems.first().map(|p| p.message.clone()).unwrap_or_default();
    assert!(
        message.starts_with("Progress towards outcome 2 is not rated (reg 20(5))")
            && message.contains(&words),
        "{message}"
    );
    assert_eq!(app.mark_ready_to_submit(review).err().map(|e| e.code), Some(ErrorCode::Conflict));
    Ok(())
}

#[test]
fn demo_reviews_ready_to_submit_have_a_complete_ar1() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let ready: Vec<i64> = app
        .caseload()?
        .into_iter()
        .filter(|r| r.stage == ardesk_dto::Stage::ReadyToSubmit)
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
    assert_eq!(
        app.after_meeting(review)?.stage,
        ardesk_dto::Stage::ReportsDue,
        "the meeting has not happened yet"
    );

    let (held, _) = demo_review(&app, "meeting_held")?;
    let ar1 = app.ar1(held)?;
    let someone = ar1.attendees.first().cloned().ok_or_else(|| AppError::new(ErrorCode::NotFound, "none"))?;
    app.set_attendance(held, someone.invitee_id, "apologies")?;
    assert_eq!(
        app.ar1(held)?.attendees.first().map(|a| a.attendance),
        Some(ardesk_dto::Attendance::Apologies)
    );
    assert!(app.set_attendance(held, someone.invitee_id, "maybe").is_err());
    assert!(app.set_attendance(held, 999_999, "absent").is_err());
    Ok(())
}

#[test]
fn the_record_follows_the_la_s_order_and_lists_attendance() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let ready: Vec<(i64, String)> = app
        .caseload()?
        .into_iter()
        .filter(|r| r.stage == ardesk_dto::Stage::ReadyToSubmit || r.stage == ardesk_dto::Stage::MeetingHeld)
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
