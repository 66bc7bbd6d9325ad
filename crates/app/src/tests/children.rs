use super::*;

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
fn the_plan_s_dates_are_saved_shown_and_checked_beside_each_field() -> Result<(), AppError> {
    let mut app = app();
    let dated = ChildForm {
        plan_issue_date: "01/03/2024".into(),
        last_review_meeting: "2025-03-14".into(),
        last_review_decision: "02/04/2025".into(),
        ..form()
    };
    let id = app.create_child(dated)?.id;
    let detail = app.child(id)?;
    assert_eq!(
        (
            detail.plan_issued.as_deref(),
            detail.last_review_meeting.as_deref(),
            detail.last_review_decision.as_deref()
        ),
        (Some("1 Mar 2024"), Some("14 Mar 2025"), Some("2 Apr 2025"))
    );
    assert_eq!(
        (
            detail.form.plan_issue_date.as_str(),
            detail.form.last_review_meeting.as_str(),
            detail.form.last_review_decision.as_str()
        ),
        ("01/03/2024", "14/03/2025", "02/04/2025")
    );

    // Out of order: each problem beside its own field, and nothing saved.
    let muddled = ChildForm {
        plan_issue_date: "01/03/2025".into(),
        last_review_meeting: "14/03/2024".into(),
        last_review_decision: "01/01/2027".into(),
        ..detail.form.clone()
    };
    let err = app.update_child(id, muddled).err();
    let fields: Vec<&str> =
        err.as_ref().map(|e| e.problems.iter().map(|p| p.field).collect()).unwrap_or_default();
    assert_eq!(fields, ["last_review_meeting", "last_review_decision"]);
    assert_eq!(app.child(id)?.form, detail.form);

    // Every date may be blank.
    let blank = ChildForm {
        plan_issue_date: "".into(),
        last_review_meeting: "".into(),
        last_review_decision: "".into(),
        ..detail.form
    };
    app.update_child(id, blank)?;
    let detail = app.child(id)?;
    assert_eq!(
        (detail.plan_issued, detail.last_review_meeting, detail.last_review_decision),
        (None, None, None)
    );
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
    assert_eq!(detail.review.map(|r| r.stage), Some(ardesk_dto::Stage::Planning));

    app.update_child(saved.id, ChildForm { preferred_name: "Rob".into(), ..detail.form })?;
    assert_eq!(app.child(saved.id)?.name, "Rob Testcase");

    app.delete_child(saved.id)?;
    assert_eq!(app.child(saved.id).err().map(|e| e.code), Some(ErrorCode::NotFound));
    assert_eq!(app.delete_child(saved.id).err().map(|e| e.code), Some(ErrorCode::NotFound));
    Ok(())
}

#[test]
fn erasing_a_child_makes_today_s_backup_again_without_them_and_says_when_the_rest_go() -> Result<(), AppError>
{
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let db = dir.path().join("caseload.sqlite3");
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default();
    let open = |d: u32| App::open(&db, Box::new(FixedClock::on(day(d))), "tester", Some(&key()));
    let (kept, gone) = {
        let mut app = open(19)?;
        let kept = app.create_child(form())?.id;
        let gone = app.create_child(ChildForm { legal_forenames: "Quillon".into(), ..form() })?.id;
        (kept, gone)
    };
    // Backed up on the 20th (both children), then the child is erased on the 22nd.
    drop(open(20)?);
    let mut app = open(22)?;
    let erased = app.delete_child(gone)?;
    assert!(erased.note.contains("the last on 27/11/2026"), "{}", erased.note);
    let today_s = crate::backups::existing(&db).first().cloned().unwrap_or_default();
    assert!(today_s.ends_with("caseload-2026-11-22.sqlite3"), "{today_s:?}");
    let copy = App::open(&today_s, Box::new(FixedClock::on(day(22))), "tester", Some(&key()))?;
    assert_eq!(copy.children()?.iter().map(|c| c.id).collect::<Vec<_>>(), [kept]);
    drop(copy);
    // On the 27th the copy of the 20th is deleted: no backup holds the child any more.
    drop(app);
    drop(open(27)?);
    let left: Vec<_> = crate::backups::existing(&db);
    assert!(left.iter().all(|p| !p.ends_with("caseload-2026-11-20.sqlite3")), "{left:?}");
    // Erasing the last child leaves no copy of today either.
    let mut app = open(27)?;
    let erased = app.delete_child(kept)?;
    assert!(erased.note.contains("the last on 29/11/2026"), "{}", erased.note);
    assert!(crate::backups::existing(&db).iter().all(|p| !p.ends_with("caseload-2026-11-27.sqlite3")));
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
    let id = App::open(&path, clock(), "tester", Some(&crate::tests::key()))?.create_child(form())?.id;
    let reopened = App::open(&path, clock(), "tester", Some(&crate::tests::key()))?;
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
