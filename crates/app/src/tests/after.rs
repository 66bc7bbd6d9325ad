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
    let again = app.record_decision(
        review,
        DecisionForm { decision: Some(ardesk_dto::Decision::Minor), date: "20/11/2026".into() },
    );
    assert!(matches!(again, Err(e) if e.code == ErrorCode::Conflict));
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
    for attendee in app.ar1(held)?.attendees {
        app.set_attendance(held, attendee.invitee_id, "in_person")?;
    }
    let after = app.after_meeting(held)?;
    assert!(after.missing == 0 && after.can_mark_ready, "{after:?}");
    let marked = app.mark_ready_to_submit(held)?;
    assert!(!marked.can_mark_ready && marked.stage == ardesk_dto::Stage::ReadyToSubmit);
    Ok(())
}
