use super::*;

#[test]
fn the_caseload_puts_overdue_reviews_first() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let rows = app.caseload()?;
    assert_eq!(rows.len(), STANDARD_SIZE);
    let order: Vec<&str> = rows.iter().map(|r| r.status.code()).collect();
    let rank = |s: &str| ["overdue", "due_soon", "on_track"].iter().position(|x| *x == s);
    assert!(order.windows(2).all(|w| rank(w[0]) <= rank(w[1])), "{order:?}");
    assert!(order.contains(&"overdue") && order.contains(&"on_track"), "{order:?}");
    // Within a status, the earliest due date comes first.
    let overdue: Vec<&str> = rows
        .iter()
        .filter(|r| r.status == ardesk_dto::Urgency::Overdue)
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
    assert_eq!(tl.status, ardesk_dto::Urgency::Overdue);
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
