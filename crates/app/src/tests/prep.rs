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
    // A placeholder named by its role, or the start of it, is described once: "Health
    // professional (named by the ICB)", not "Health professional (Health professional (…))".
    let from: Vec<&str> = prep.checklist.iter().filter_map(|c| c.from.as_deref()).collect();
    assert!(from.contains(&"Health professional (named by the ICB)"), "{from:?}");
    assert!(
        from.iter().all(|f| f.split_once(" (").is_none_or(|(name, rest)| !rest.starts_with(name))),
        "{from:?}"
    );
    assert_eq!(app.accept_suggested_invitees(review).err().map(|e| e.code), Some(ErrorCode::Conflict));
    Ok(())
}

/// Issue 15 item 10; reg 20(4): advice is requested from every statutory invitee, social care
/// and the LA's SEN officer included, so each has an advice item on the checklist; the school's
/// advice is its report (D02) and the family's their views (D10/D11).
#[test]
fn issue_15_every_statutory_invitee_is_asked_for_advice() -> Result<(), AppError> {
    use ardesk_dto::InviteeKind as K;
    let mut app = app();
    let review = review_with_meeting(&mut app)?;
    let prep = app.accept_suggested_invitees(review)?;
    let statutory: Vec<&ardesk_dto::InviteeDto> = prep.invitees.iter().filter(|i| i.statutory).collect();
    for kind in [K::LaSen, K::Health, K::SocialCare] {
        let invitee = statutory.iter().find(|i| i.form.kind == Some(kind));
        assert!(invitee.is_some_and(|i| i.form.advice_requested), "{kind:?} not asked for advice");
        let asked = invitee
            .is_some_and(|i| prep.checklist.iter().any(|c| c.code == "D09" && c.from_invitee == Some(i.id)));
        assert!(asked, "{kind:?} has no advice item on the checklist");
    }
    let codes: Vec<&str> = prep.checklist.iter().map(|c| c.code.as_str()).collect();
    assert!(codes.contains(&"D02") && codes.contains(&"D10"), "{codes:?}");
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
    // Issue 15 item 13: nothing has arrived, so circulating is recorded only once the SENCO
    // confirms everyone was told which papers are missing; refused beside that confirmation.
    let missing = prep.missing_papers.clone();
    assert_eq!(missing.len(), prep.checklist.len());
    let refused = app.mark_circulated(review, false).err();
    assert_eq!(refused.as_ref().map(|e| e.code), Some(ErrorCode::Validation));
    let fields: Vec<&str> = refused.iter().flat_map(|e| e.problems.iter().map(|p| p.field)).collect();
    assert_eq!(fields, ["told_missing"]);
    let message: String = refused.iter().flat_map(|e| e.problems.iter().map(|p| p.message.clone())).collect();
    assert!(message.contains("papers have not arrived"), "{message}");
    assert_eq!(
        app.review_prep(review)?.circulation.state,
        ardesk_dto::ComplianceState::Pending,
        "nothing saved"
    );
    let prep = app.mark_circulated(review, true)?;
    assert_eq!(prep.circulation.state, ardesk_dto::ComplianceState::Met, "{}", prep.circulation.text);
    assert!(
        prep.circulation.text.contains(&format!("Everyone was told that {}", missing[0])),
        "{}",
        prep.circulation.text
    );
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

/// Issue 15 item 12 (spec §4): a document the invitee list does not produce is added by hand,
/// asked for today, attached as any other; it comes off the list only while nothing is attached,
/// and an invitee's advice never does.
#[test]
fn issue_15_a_document_is_added_to_the_checklist_and_removed_while_empty() -> Result<(), AppError> {
    use ardesk_dto::{AddableDocument as Doc, ChecklistDocumentForm as Form};
    let mut app = app();
    let review = review_with_meeting(&mut app)?;
    app.accept_suggested_invitees(review)?;
    let add = |app: &mut App, code: Option<Doc>, title: &str| {
        app.add_checklist_document(review, Form { code, title: title.into() })
    };
    let prep = add(&mut app, Some(Doc::CostedProvisionMap), "")?;
    let cpm = prep.checklist.last().cloned().ok_or_else(|| AppError::new(ErrorCode::NotFound, "no item"))?;
    assert_eq!((cpm.code.as_str(), cpm.title.as_str()), ("D07", "Costed provision map"));
    assert_eq!((cpm.from_invitee, cpm.requested_on.clone()), (None, Some("22 Nov 2026".to_owned())));
    assert!(cpm.removable && cpm.status == ardesk_dto::ChecklistStatus::Awaited, "{cpm:?}");

    // Each refusal names its field.
    for (code, title, field) in
        [(None, "", "code"), (Some(Doc::CostedProvisionMap), "", "code"), (Some(Doc::Report), " ", "title")]
    {
        let refused = add(&mut app, code, title).err();
        let fields: Vec<&str> =
            refused.map(|e| e.problems.into_iter().map(|p| p.field).collect()).unwrap_or_default();
        assert_eq!(fields, [field], "{code:?} {title:?}");
    }
    let prep = add(&mut app, Some(Doc::Report), "Paediatrician's report, March 2026")?;
    let report = prep.checklist.last().map(|c| (c.id, c.code.clone(), c.removable));
    assert_eq!(report.as_ref().map(|r| (r.1.as_str(), r.2)), Some(("D09", true)));

    // Attached, it stays; empty, it goes; an invitee's advice never does.
    let prep = app.attach_file_from(review, cpm.id, &fixture("school-report.pdf"))?;
    assert!(prep.checklist.iter().any(|c| c.id == cpm.id && !c.removable && c.file_name.is_some()));
    assert_eq!(app.remove_checklist_item(review, cpm.id).err().map(|e| e.code), Some(ErrorCode::Conflict));
    let prep = app.remove_checklist_item(review, report.map(|r| r.0).unwrap_or_default())?;
    assert!(!prep.checklist.iter().any(|c| c.code == "D09" && c.from_invitee.is_none()));
    let advice = prep.checklist.iter().find(|c| c.from_invitee.is_some()).map(|c| c.id).unwrap_or_default();
    assert_eq!(app.remove_checklist_item(review, advice).err().map(|e| e.code), Some(ErrorCode::Conflict));
    assert_eq!(app.remove_checklist_item(review, 99_999).err().map(|e| e.code), Some(ErrorCode::NotFound));
    Ok(())
}

/// Issue 15 item 12 (spec §9): the kind of review is annual until set; a missing choice is
/// refused beside its field.
#[test]
fn issue_15_a_review_is_annual_interim_or_early() -> Result<(), AppError> {
    use ardesk_dto::ReviewType;
    let mut app = app();
    let review = review_with_meeting(&mut app)?;
    assert_eq!(app.review_prep(review)?.review_type, ReviewType::Annual);
    for kind in [ReviewType::Interim, ReviewType::Early, ReviewType::Annual] {
        assert_eq!(app.set_review_type(review, Some(kind))?.review_type, kind);
    }
    let refused = app.set_review_type(review, None).err();
    assert_eq!(
        refused.map(|e| e.problems.into_iter().map(|p| p.field).collect::<Vec<_>>()),
        Some(vec!["review_type"])
    );
    Ok(())
}

#[test]
fn a_report_with_macros_is_kept_flagged_and_judged_by_the_las_profile() -> Result<(), AppError> {
    let mut app = app();
    let (_, review) = typed_child_with_mother(&mut app)?;
    let prep = app.accept_suggested_invitees(review)?;
    let item = prep.checklist[0].id;
    // Kept (it was received), with what to do in the program that made it.
    let macros = std::fs::read(fixture("report-with-renamed-macros.docx"))
        .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let prep = app.attach_file(review, item, "Report from Mr Sample.docm", &macros)?;
    let row = prep.checklist.iter().find(|c| c.id == item);
    let warning = row.and_then(|c| c.file_warning.clone()).unwrap_or_default();
    assert!(
        warning.contains("macros") && warning.contains("File > Save As > Word Document (*.docx)"),
        "{warning}"
    );
    // The bundle check blocks it (V14), with the same sentence…
    let v14 = |app: &App| -> Result<Vec<(String, String)>, AppError> {
        Ok(app
            .bundle_check(review)?
            .findings
            .into_iter()
            .filter(|f| f.rule == "V14")
            .map(|f| (f.severity.code().to_owned(), f.fix))
            .collect())
    };
    let found = v14(&app)?;
    assert!(
        matches!(found.as_slice(), [(severity, fix)] if severity == "block" && fix.contains("Word Document (*.docx)")),
        "{found:?}"
    );
    // …unless the LA's profile accepts macros with a warning and a reason.
    let json = app.profile_json("redcar")?;
    let json =
        json.replacen("\"max_mb\": null", "\"max_mb\": null, \"active_content\": {\"macros\": \"warn\"}", 1);
    assert!(json.contains("active_content"), "the profile's layout changed: {json}");
    app.save_profile("redcar", &json)?;
    let found = v14(&app)?;
    assert!(matches!(found.as_slice(), [(severity, _)] if severity == "warn"), "{found:?}");
    Ok(())
}

/// Issue 20 item 7: each invitation's way and day, recorded one by one on a typed child; a
/// posted letter gives notice two working days after it went (spec C3), so a letter posted on
/// Christmas Eve for a meeting on 12 January reaches the mother on 30 December, after notice
/// was due (29 December); by email that day it is in time. Once everyone's has gone, the review
/// moves on as "Record invitations as sent" would.
#[test]
fn issue_20_a_posted_invitation_gives_notice_when_it_arrives() -> Result<(), AppError> {
    use ardesk_dto::{ComplianceState, InvitationForm, SendMethod};
    let (_dir, db) = db_file()?;
    let review = {
        let mut app = open_on(&db, today())?;
        let (_, review) = typed_child_with_mother(&mut app)?;
        app.accept_suggested_invitees(review)?;
        review
    };
    let mut app = open_on(&db, NaiveDate::from_ymd_opt(2026, 12, 24).unwrap_or_default())?;
    let prep = app.review_prep(review)?;
    let mother = prep.invitees.iter().find(|i| i.form.role == "Mother").map(|i| i.id).unwrap_or_default();
    let others: Vec<i64> = prep.invitees.iter().map(|i| i.id).filter(|id| *id != mother).collect();
    let form = |by: Option<SendMethod>, date: &str| InvitationForm { by, date: date.into() };
    for id in &others {
        app.record_invitation(review, *id, &form(Some(SendMethod::Email), "01/12/2026"))?;
    }
    let fields = |e: AppError| e.problems.into_iter().map(|p| p.field).collect::<Vec<_>>();
    let ahead = app.record_invitation(review, mother, &form(Some(SendMethod::Post), "25/12/2026"));
    assert_eq!(ahead.err().map(fields), Some(vec!["sent_on"]));
    assert_eq!(app.review_prep(review)?.stage, ardesk_dto::Stage::Planning, "not everyone is invited yet");

    let posted = app.record_invitation(review, mother, &form(Some(SendMethod::Post), "24/12/2026"))?;
    let row = posted.invitees.iter().find(|i| i.id == mother).map(|i| (i.sent_by, i.invited_on.clone()));
    assert_eq!(row, Some((Some(SendMethod::Post), Some("24 Dec 2026".to_owned()))));
    assert_eq!(posted.notice.state, ComplianceState::NotMet, "{}", posted.notice.text);
    assert!(posted.notice.text.contains("arriving by 30 Dec 2026"), "{}", posted.notice.text);
    assert_ne!(posted.stage, ardesk_dto::Stage::Planning, "everyone is invited: the review moves on");

    let emailed = app.record_invitation(review, mother, &form(Some(SendMethod::Email), "24/12/2026"))?;
    assert_eq!(emailed.notice.state, ComplianceState::Met, "{}", emailed.notice.text);
    // Taken back: not sent yet, so notice is not met on 24 December either way.
    let undone = app.record_invitation(review, mother, &form(None, ""))?;
    assert_eq!(undone.invitees.iter().find(|i| i.id == mother).and_then(|i| i.invited_on.clone()), None);
    Ok(())
}
