use super::*;

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
