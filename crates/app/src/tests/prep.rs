use super::*;

#[test]
fn suggested_invitees_bring_their_checklist() -> Result<(), AppError> {
    let mut app = app();
    let review = review_with_meeting(&mut app)?;
    let prep = app.accept_suggested_invitees(review)?;
    let kinds: Vec<&str> =
        prep.invitees.iter().map(|i| i.form.kind.map(|k| k.code()).unwrap_or_default()).collect();
    for statutory in ["setting", "la_sen", "health", "social_care"] {
        assert!(kinds.contains(&statutory), "{statutory} missing from {kinds:?}");
    }
    assert!(kinds.contains(&"parent") || kinds.contains(&"young_person"));
    let codes: Vec<&str> = prep.checklist.iter().map(|c| c.code.as_str()).collect();
    assert!(codes.starts_with(&["D02", "D03", "D10", "D11"]), "{codes:?}");
    assert!(prep.checklist.iter().all(|c| c.status == ardesk_dto::ChecklistStatus::NotRequested));
    assert_eq!(app.accept_suggested_invitees(review).err().map(|e| e.code), Some(ErrorCode::Conflict));
    Ok(())
}

#[test]
fn notice_and_circulation_are_checked_against_t07_and_t09() -> Result<(), AppError> {
    let mut app = app();
    let review = review_with_meeting(&mut app)?;
    assert_eq!(app.review_prep(review)?.notice.state, ardesk_dto::ComplianceState::Pending);
    app.accept_suggested_invitees(review)?;
    let prep = app.mark_invitations_sent(review)?;
    assert_eq!(prep.notice.state, ardesk_dto::ComplianceState::Met, "{}", prep.notice.text);
    assert_eq!(prep.stage, ardesk_dto::Stage::InvitationsSent);
    assert!(
        prep.checklist
            .iter()
            .all(|c| c.requested_on.is_some() && c.status == ardesk_dto::ChecklistStatus::Awaited)
    );
    assert_eq!(prep.circulation.state, ardesk_dto::ComplianceState::Pending);
    let prep = app.mark_circulated(review)?;
    assert_eq!(prep.circulation.state, ardesk_dto::ComplianceState::Met, "{}", prep.circulation.text);
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
    assert_eq!(prep.checklist[0].status, ardesk_dto::ChecklistStatus::Received);
    assert_eq!(prep.checklist[0].file_name.as_deref(), Some("school-report.pdf"));
    let err = app.attach_file(review, prep.checklist[1].id, "report.pdf", b"\x7fELF\x02\x01").err();
    let message = err.map(|e| e.problems[0].message.clone()).unwrap_or_default();
    assert!(message.contains("report.pdf was not attached") && message.contains("program"), "{message}");
    let prep = app.record_views(review, prep.checklist[2].id, "Mum says Robin is happier this year.")?;
    assert!(
        prep.checklist[2].has_views_text && prep.checklist[2].status == ardesk_dto::ChecklistStatus::Received
    );
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
