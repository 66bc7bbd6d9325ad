use super::*;

#[test]
fn the_la_decision_closes_the_review_and_anchors_the_next() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let (review, child) = demo_review(&app, "ready_to_submit")?;
    let after = app.after_meeting(review)?;
    assert!(after.held && after.missing == 0);
    assert!(!after.can_mark_ready, "it is ready already: marking it again moves nothing");
    assert!(after.decision_due.is_some() && after.final_plan_due.is_some(), "T12 and T14 show: {after:?}");
    assert_eq!(after.actions.len(), 2);

    let sent = app.mark_submitted(review, &ardesk_domain::dates::input(today()))?;
    assert_eq!(sent.stage, ardesk_dto::Stage::Submitted);
    assert!(!sent.can_mark_ready, "it has gone to the LA");
    assert!(sent.report_due.is_none(), "T11 is done once sent");

    // A date in the future, a date before the meeting and no decision are refused, each named.
    let future = app.record_decision(
        review,
        DecisionForm { decision: Some(ardesk_dto::Decision::NoChange), date: "01/01/2027".into() },
    );
    assert!(matches!(future, Err(e) if e.problems.iter().any(|p| p.field == "decided_on")));
    let before = app.record_decision(
        review,
        DecisionForm { decision: Some(ardesk_dto::Decision::NoChange), date: "01/01/2025".into() },
    );
    assert!(matches!(before, Err(e) if e.message.contains("correct") || !e.problems.is_empty()));
    let neither = app.record_decision(review, DecisionForm::default());
    assert!(matches!(neither, Err(e) if e.problems.len() == 2));

    let decided = app.record_decision(
        review,
        DecisionForm { decision: Some(ardesk_dto::Decision::Minor), date: "20/11/2026".into() },
    )?;
    assert_eq!(decided.stage, ardesk_dto::Stage::Decided);
    // Issue 15: an amend keeps the final plan's due date (T14) after the decision.
    assert!(decided.decision_due.is_none() && decided.final_plan_due.is_some());
    assert_eq!(decided.state, "amending");
    let next = decided.next_review_id.ok_or_else(|| AppError::new(ErrorCode::NotFound, "no next review"))?;
    assert_eq!(app.current_review(child)?, next);
    // The next cycle runs from the decision letter: its long-stop is a year later, less a day.
    let timeline = app.child_timeline(child)?;
    let t02 = timeline.milestones.iter().find(|m| m.id == "T02").map(|m| m.date.clone());
    assert_eq!(t02.as_deref(), Some("Fri 19 Nov 2027"), "{:?}", timeline.milestones);
    // The old review's actions are the new meeting's previous actions.
    assert_eq!(app.ar1(next)?.previous_actions.len(), 2);
    // Recording it twice is refused.
    let again = app.record_decision(
        review,
        DecisionForm { decision: Some(ardesk_dto::Decision::Minor), date: "20/11/2026".into() },
    );
    assert!(matches!(again, Err(e) if e.code == ErrorCode::Conflict));
    Ok(())
}

/// Issue 15 item 3: the LA decides to amend; its notice starts 15 days for representations
/// (T13, reg 22(2)(c)) and 8 weeks to the final plan (T14, reg 22(3)), no later than 12 weeks
/// after the meeting; once the final plan is issued the review is concluded.
#[test]
fn issue_15_an_amend_decision_with_its_notice_shows_t13_and_t14() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let (review, _) = demo_review(&app, "ready_to_submit")?;
    app.mark_submitted(review, "20/11/2026")?;
    let decided = app.record_decision(
        review,
        DecisionForm { decision: Some(ardesk_dto::Decision::Significant), date: "20/11/2026".into() },
    )?;
    assert!(decided.representations_close.is_none(), "no notice yet: {decided:?}");
    let form = |notice: &str, final_plan: &str| ardesk_dto::AfterDecisionForm {
        notice: notice.into(),
        final_plan: final_plan.into(),
        ..Default::default()
    };
    // A notice in the future, or before the meeting, is refused on its field.
    let future = app.record_after_decision(review, form("01/12/2026", "")).err();
    assert!(future.is_some_and(|e| e.problems.iter().any(|p| p.field == "notice")));
    let early = app.record_after_decision(review, form("01/01/2026", "")).err();
    assert!(
        early.is_some_and(|e| e.problems.iter().any(|p| p.message.contains("before"))),
        "before the meeting"
    );

    let noticed = app.record_after_decision(review, form("21/11/2026", ""))?;
    assert_eq!(noticed.after_decision.notice, "21/11/2026");
    // Served 21 Nov: 15 days including the day of service end on Sat 5 Dec; the working day before.
    assert_eq!(noticed.representations_close.as_deref(), Some("4 Dec 2026"), "{noticed:?}");
    assert_eq!(noticed.final_plan_due.as_deref(), Some("15 Jan 2027"), "8 weeks from the notice");
    assert!(noticed.final_plan_due.is_some());
    assert_eq!(noticed.state, "amending");
    let issued = app.record_after_decision(review, form("21/11/2026", "22/11/2026"))?;
    assert_eq!(issued.state, "concluded");
    assert!(issued.final_plan_due.is_none() && issued.representations_close.is_none());
    Ok(())
}

/// Issue 15 item 4: a cease opens the appeal window (T21: 2 months from the letter, or 1 month
/// from a mediation certificate if later); the plan is maintained meanwhile.
#[test]
fn issue_15_a_cease_decision_opens_the_appeal_window() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let (review, child) = demo_review(&app, "ready_to_submit")?;
    app.mark_submitted(review, "20/11/2026")?;
    let ceased = app.record_decision(
        review,
        DecisionForm { decision: Some(ardesk_dto::Decision::Cease), date: "20/11/2026".into() },
    )?;
    assert_eq!(ceased.state, "cease_appeal_window");
    assert_eq!(ceased.appeal_by.as_deref(), Some("20 Jan 2027"), "{ceased:?}");
    assert_eq!(app.current_review(child)?, review, "no next review after a cease");
    // An amendment's dates do not go with a cease.
    let wrong = app.record_after_decision(
        review,
        ardesk_dto::AfterDecisionForm { notice: "21/11/2026".into(), ..Default::default() },
    );
    assert!(wrong.is_err());
    let appealed = app.record_after_decision(
        review,
        ardesk_dto::AfterDecisionForm { appeal_lodged: "22/11/2026".into(), ..Default::default() },
    )?;
    assert_eq!(appealed.state, "cease_appealed");
    assert!(app.caseload()?.iter().any(|r| r.child_id == child), "maintained while the appeal is heard");
    assert!(app.ceased_plans()?.is_empty());
    // The appeal ends (the cease upheld): the plan has ceased, the child leaves the active
    // caseload and is listed with the ceased plans; the page says so and asks for nothing.
    let ended = app.record_after_decision(
        review,
        ardesk_dto::AfterDecisionForm {
            appeal_lodged: "22/11/2026".into(),
            appeal_ended: "22/11/2026".into(),
            ..Default::default()
        },
    )?;
    assert_eq!(ended.state, "ceased");
    assert!(!app.caseload()?.iter().any(|r| r.child_id == child), "off the active caseload");
    let ceased = app.ceased_plans()?;
    assert_eq!(
        ceased.iter().map(|c| (c.child_id, c.ceased_from.as_str())).collect::<Vec<_>>(),
        [(child, "23 Nov 2026")]
    );
    let page = app.child_timeline(child)?;
    assert_eq!(page.ceased_from.as_deref(), Some("23 Nov 2026"));
    assert!(page.next.is_none() && page.status_label == "Plan ceased from 23 Nov 2026", "{page:?}");

    // The records are kept read-only: a change to the review, to the child or to the people
    // around them is refused as a conflict that says why, and nothing changes.
    let read_only = |e: Option<AppError>| {
        e.is_some_and(|e| e.code == ErrorCode::Conflict && e.message.contains("ceased from 23 Nov 2026"))
    };
    let meeting =
        ardesk_dto::MeetingForm { date: "01/12/2026".into(), time: "10:00".into(), venue: "Library".into() };
    assert!(read_only(app.set_meeting(review, meeting).err()));
    assert!(read_only(app.save_ar1_field(review, "discussion", "Added later").err()));
    assert!(read_only(app.mark_circulated(review, true).err()));
    let form = app.child(child)?.form;
    assert!(read_only(app.update_child(child, ChildForm { legal_surname: "Changed".into(), ..form }).err()));
    let parent = ardesk_dto::ParentForm {
        name: "Ada Example".into(),
        relationship: "Mother".into(),
        ..Default::default()
    };
    assert!(read_only(app.add_parent(child, parent).err()));
    assert_ne!(app.child(child)?.form.legal_surname, "Changed");
    assert_eq!(app.child(child)?.ceased_from.as_deref(), Some("23 Nov 2026"), "the window hides its edits");
    // Nor does the MIS change it: a re-import skips the child and says why.
    let form = app.child(child)?.form;
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let csv = dir.path().join("pupils.csv");
    let line = format!(
        "UPN,Legal Surname,Legal Forename,DOB,Year,SEN Status\n{},Renamed,{},{},,E\n",
        form.upn, form.legal_forenames, form.dob
    );
    std::fs::write(&csv, line).unwrap_or_else(|e| unreachable!("{e}"));
    let import = app.import_pupil_file(&csv, None, false)?;
    assert!(import.updated.is_empty() && import.added.is_empty(), "{import:?}");
    assert!(
        import.skipped.iter().any(|s| s.reason.starts_with("This child's plan ceased from 23 Nov 2026")),
        "{import:?}"
    );
    assert_ne!(app.child(child)?.form.legal_surname, "Renamed");
    // The dates that decided the cease stay correctable (a mistyped appeal date).
    let corrected = app.record_after_decision(
        review,
        ardesk_dto::AfterDecisionForm {
            appeal_lodged: "21/11/2026".into(),
            appeal_ended: "22/11/2026".into(),
            ..Default::default()
        },
    )?;
    assert_eq!(corrected.state, "ceased");
    Ok(())
}

#[test]
fn an_incomplete_record_cannot_be_marked_ready_or_sent() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let (review, _) = demo_review(&app, "meeting_held")?;
    assert!(!app.after_meeting(review)?.can_mark_ready, "the record is not complete");
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
    assert!(
        open.iter().all(|a| a.status == ardesk_dto::ActionStatus::Open && (a.overdue || a.next.is_some()))
    );
    // Demo previous reviews: the first action is done, so it is not listed.
    assert!(!open.iter().any(|a| a.action.starts_with("Set up a daily check-in")));

    let target = open.first().cloned().ok_or_else(|| AppError::new(ErrorCode::NotFound, "none"))?;
    let done = app.set_action_status(target.review_id, target.row, "done", "Finished early")?;
    assert_eq!((done.status, done.note.as_str()), (ardesk_dto::ActionStatus::Done, "Finished early"));
    assert!(done.next.is_none() && !done.overdue);
    let open_after = app.open_actions()?;
    assert_eq!(open_after.len(), open.len() - 1);
    assert!(app.set_action_status(target.review_id, 40, "done", "").is_err(), "no such row");
    assert!(app.set_action_status(target.review_id, target.row, "finished", "").is_err());
    Ok(())
}

/// The panel offers "Mark ready" exactly when the stage machine would move the review there:
/// a held meeting whose record is complete, not one already ready or sent.
#[test]
fn a_complete_record_of_a_held_meeting_can_be_marked_ready() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let (ready, _) = demo_review(&app, "ready_to_submit")?;
    let (held, _) = demo_review(&app, "meeting_held")?;
    assert!(!app.after_meeting(held)?.can_mark_ready);
    // The SENCO types the record in: here, the same words as a complete one.
    for (key, value) in app.ar1(ready)?.values {
        app.save_ar1_field(held, &key, &value)?;
    }
    // Completed today, after its own meeting (the ready one's was earlier).
    app.save_ar1_field(held, "completed_on", &ardesk_domain::dates::input(today()))?;
    for attendee in app.ar1(held)?.attendees {
        app.set_attendance(held, attendee.invitee_id, "in_person")?;
    }
    let after = app.after_meeting(held)?;
    assert!(after.missing == 0 && after.can_mark_ready, "{after:?}");
    let marked = app.mark_ready_to_submit(held)?;
    assert!(!marked.can_mark_ready && marked.stage == ardesk_dto::Stage::ReadyToSubmit);
    Ok(())
}

/// Issue 15 items 4 and 5 on the dashboard, days later: a decision not received once T12 has
/// passed is chased (T12C, overdue); a cease whose appeal window has closed leaves the active
/// caseload, and one still open keeps the child on it with T21 next.
#[test]
fn issue_15_the_dashboard_chases_the_la_and_a_ceased_plan_leaves_it() -> Result<(), AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let db = dir.path().join("caseload.db");
    let (waiting, ceased) = {
        let mut app =
            App::open(&db, Box::new(FixedClock::on(today())), "tester", Some(&crate::tests::key()))?;
        app.load_demo(STANDARD_SIZE)?;
        let (waiting, waiting_child) = demo_review(&app, "ready_to_submit")?;
        app.mark_submitted(waiting, "20/11/2026")?;
        let (ceased, ceased_child) = demo_review(&app, "ready_to_submit")?;
        app.mark_submitted(ceased, "20/11/2026")?;
        app.record_decision(
            ceased,
            DecisionForm { decision: Some(ardesk_dto::Decision::Cease), date: "20/11/2026".into() },
        )?;
        let row = app.caseload()?.into_iter().find(|r| r.child_id == ceased_child);
        assert_eq!(row.and_then(|r| r.next).map(|n| n.id).as_deref(), Some("T21"), "the appeal window");
        (waiting_child, ceased_child)
    };
    let later = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap_or_default();
    let app = App::open(&db, Box::new(FixedClock::on(later)), "tester", Some(&crate::tests::key()))?;
    let rows = app.caseload()?;
    let chase = rows.iter().find(|r| r.child_id == waiting);
    assert_eq!(chase.and_then(|r| r.next.as_ref()).map(|n| n.id.as_str()), Some("T12C"), "{chase:?}");
    assert_eq!(chase.map(|r| r.status), Some(ardesk_dto::Urgency::Overdue));
    assert!(rows.iter().all(|r| r.child_id != ceased), "the plan has ceased: off the active caseload");
    assert!(app.child(ceased).is_ok(), "the child's record is kept");
    Ok(())
}

/// Issue 15 item 6: the LA sends the review back asking for more. The record reopens, what it
/// asked for is the next step on the dashboard (the first item named), each item is ticked off,
/// and sending it again records the resubmission without changing the first sending's date.
#[test]
fn issue_15_a_review_sent_back_reopens_with_the_la_s_list_and_goes_back() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let (review, child) = demo_review(&app, "ready_to_submit")?;
    let form = |on: &str, by: &str, asked: &str| ardesk_dto::ReturnForm {
        returned_on: on.into(),
        respond_by: by.into(),
        asked: asked.into(),
    };
    // Not sent yet: nothing can come back.
    let early = app.record_return(review, form("20/11/2026", "", "Costed provision map")).err();
    assert!(early.is_some_and(|e| e.code == ErrorCode::Conflict && e.message.contains("not been recorded as sent")));
    app.mark_submitted(review, "19/11/2026")?;
    // Each problem on its field: before it was sent, and nothing asked.
    let bad = app.record_return(review, form("18/11/2026", "", "  \n")).err();
    let fields: Vec<_> = bad.map(|e| e.problems.iter().map(|p| p.field).collect()).unwrap_or_default();
    assert_eq!(fields, ["returned_on", "asked"]);

    let asked = "Costed provision map\nParent's views, signed\nHead teacher's signature";
    let returned = app.record_return(review, form("20/11/2026", "02/12/2026", asked))?;
    assert_eq!(returned.stage, ardesk_dto::Stage::MeetingHeld, "the record reopens");
    assert!(!returned.can_mark_ready, "it goes straight back to the LA: no 'ready to send' step");
    let open =
        returned.returns.last().cloned().ok_or_else(|| AppError::new(ErrorCode::NotFound, "no return"))?;
    assert!(open.open && open.items.len() == 3 && open.due == "2 Dec 2026", "{open:?}");

    let row = |app: &App| app.caseload().map(|rows| rows.into_iter().find(|r| r.child_id == child));
    let next = row(&app)?.and_then(|r| r.next).map(|n| (n.id, n.action));
    assert_eq!(
        next,
        Some((
            "T11R".to_owned(),
            "Send the LA what it asked for (Costed provision map, and 2 more) by Wed 2 Dec 2026".to_owned()
        ))
    );
    // Ticking off the first names the next one; an item not on the list is refused.
    app.set_return_item(review, 0, true)?;
    let next = row(&app)?.and_then(|r| r.next).map(|n| n.action);
    assert!(next.is_some_and(|a| a.contains("(Parent's views, signed, and 1 more)")));
    assert!(app.set_return_item(review, 7, true).is_err());
    app.set_return_item(review, 1, true)?;
    let after = app.set_return_item(review, 2, true)?;
    assert!(after.returns.iter().all(|r| r.items.iter().all(|i| i.done_on.is_some())));
    let next = row(&app)?.and_then(|r| r.next).map(|n| n.action);
    assert_eq!(next.as_deref(), Some("Send the review back to the LA by Wed 2 Dec 2026"));

    // Sent again: before the return is refused; then the return closes and the first date stays.
    assert!(app.mark_submitted(review, "19/11/2026").is_err());
    let again = app.mark_submitted(review, "21/11/2026")?;
    assert_eq!(again.stage, ardesk_dto::Stage::Submitted);
    assert_eq!(again.submitted_on.as_deref(), Some("19 Nov 2026"));
    assert_eq!(again.returns.last().and_then(|r| r.resubmitted_on.clone()).as_deref(), Some("21 Nov 2026"));
    assert!(again.returns.iter().all(|r| !r.open));
    let next = row(&app)?.and_then(|r| r.next).map(|n| n.id);
    assert_ne!(next.as_deref(), Some("T11R"), "answered: the LA's decision is next");
    // A second return must come after the resubmission.
    let stale = app.record_return(review, form("20/11/2026", "", "Something else")).err();
    assert!(stale.is_some_and(|e| e.problems.iter().any(|p| p.field == "returned_on")));
    Ok(())
}
