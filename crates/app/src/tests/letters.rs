use super::*;

#[test]
fn letters_are_written_for_every_invitee_and_logged() -> Result<(), AppError> {
    let mut app = app();
    let review = review_with_meeting(&mut app)?;
    let prep = app.accept_suggested_invitees(review)?;
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let written = app.generate_letters(review, dir.path(), LetterFormat::Both)?;
    let expected_letters = prep.invitees.len()
        + usize::from(
            !prep.invitees.iter().any(|i| i.form.kind == Some(ardesk_dto::InviteeKind::YoungPerson)),
        );
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
    let head = prep
        .invitees
        .iter()
        .find(|i| i.form.kind == Some(ardesk_dto::InviteeKind::Setting))
        .map(|i| i.id)
        .unwrap_or_default();
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

/// Issue 16, on a typed child: a meeting on a bank holiday is warned where it is booked; a
/// letter is dated the day the invitations were recorded as sent, not the day it is printed,
/// and asks for replies by a date that follows from that day; a role not yet named is written
/// to as "Colleague"; a professional reads the child's legal name with the name they go by;
/// only the LA's SEN team is given the UPN; no plan is promised when none is recorded; the
/// LA's SENDIASS is named with how to reach it.
#[test]
fn issue_16_letters_are_dated_when_sent_and_written_to_people() -> Result<(), AppError> {
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let db = dir.path().join("ardesk.db");
    let on = |m: u32, d: u32| -> Box<dyn Clock> {
        Box::new(FixedClock::on(NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default()))
    };
    let mut app = App::open(&db, on(11, 13), "test", Some(&crate::tests::key()))?;
    let child = app
        .create_child(ChildForm {
            legal_forenames: "Chloe".into(),
            legal_surname: "Calloway".into(),
            preferred_name: "Lexi".into(),
            upn: "K999999914001".into(),
            la_ref: "RC-EHC-20001".into(),
            ..form_no_transfer()
        })?
        .id;
    let review = app.current_review(child)?;
    let meeting = |date: &str| ardesk_dto::MeetingForm {
        date: date.into(),
        time: "10:00".into(),
        venue: "Library".into(),
    };
    let christmas = app.set_meeting(review, meeting("25/12/2026"))?;
    assert!(
        christmas
            .meeting_warnings
            .iter()
            .any(|w| w.starts_with("The meeting is booked on a bank holiday, Friday 25 December 2026")),
        "{:?}",
        christmas.meeting_warnings
    );
    let moved = app.set_meeting(review, meeting("14/01/2027"))?;
    assert!(!moved.meeting_warnings.iter().any(|w| w.contains("booked on")), "{:?}", moved.meeting_warnings);
    app.add_parent(
        child,
        ardesk_dto::ParentForm {
            name: "Ada Calloway".into(),
            relationship: "Mother".into(),
            parental_responsibility: true,
            email: "ada@example.org".into(),
            preferred_contact: Some(ardesk_dto::ContactMethod::Email),
            ..Default::default()
        },
    )?;
    app.save_school(ardesk_dto::SchoolForm {
        name: "Testbrook Primary".into(),
        address: "1 Sample Road, Exampletown".into(),
        senco_name: "Jo Senco".into(),
        senco_role: "SENCO".into(),
        ..Default::default()
    })?;
    // The LA's SENDIASS, entered in Settings, is named in the parent's letter (an invented one).
    let mut redcar = app.profile_form("redcar")?;
    redcar.sendiass = "Exampletown SENDIASS, 01632 960999, exampletown-sendiass.example.org".into();
    app.save_profile_form("redcar", redcar)?;
    app.accept_suggested_invitees(review)?;
    app.mark_invitations_sent(review)?;
    drop(app);

    // Printed again on 1 December: the letters still say 13 November, and the replies are due
    // by the reports' date (T08: 21 days before the meeting, Thursday 24 December).
    let mut app = App::open(&db, on(12, 1), "test", Some(&crate::tests::key()))?;
    let out = dir.path().join("letters");
    std::fs::create_dir_all(&out).map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let written = app.generate_letters(review, &out, LetterFormat::Docx)?;
    let text = |part: &str| {
        written.files.iter().find(|f| f.contains(part)).map(|f| docx_text(&out.join(f))).unwrap_or_default()
    };
    let parent = text("parent_invitation");
    // The date line is a paragraph of its own.
    assert!(parent.contains(">13 November 2026<") && !parent.contains(">1 December 2026<"), "{parent}");
    assert!(parent.contains("Please let me know by Thursday 24 December 2026"), "{parent}");
    assert!(parent.contains("I have also invited: the head teacher;"), "{parent}");
    assert!(
        parent.contains("I enclose a form for your views.") && !parent.contains("copy of the current plan")
    );
    assert!(
        parent.contains(
            "You can contact it yourself: Exampletown SENDIASS, 01632 960999, exampletown-sendiass.example.org."
        ),
        "{parent}"
    );
    // Files are named by role, never by name.
    let social = text("_LA-social-care-officer");
    assert!(social.contains("Dear Colleague,"), "{social}");
    assert!(social.contains("Chloe Calloway (known as Lexi)"), "{social}");
    assert!(!social.contains("K999999914001") && social.contains("RC-EHC-20001"), "{social}");
    assert!(!social.contains("relevant sections of the current plan"));
    let la = text("_SEN-Officer");
    assert!(la.contains("UPN: K999999914001"), "{la}");
    Ok(())
}

/// Issue 20 item 7: the invitations as email drafts, on a typed child — one `.eml` per invitee
/// with an email address, marked unsent, the mother's with her letter, the child's letter and
/// the views forms attached as PDF; the subject by initials; nobody without an address.
#[test]
fn issue_20_invitations_become_email_drafts_with_their_letters_attached() -> Result<(), AppError> {
    let mut app = app();
    let (_, review) = typed_child_with_mother(&mut app)?;
    app.save_school(ardesk_dto::SchoolForm { email: "senco@testbrook.example.org".into(), ..testbrook() })?;
    app.accept_suggested_invitees(review)?;
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let written = app.write_invitation_emails(review, dir.path())?;
    // Only the mother has an email address among the suggested invitees; the rest are told.
    assert_eq!(written.files, ["RT_01_Mother.eml"], "{written:?}");
    assert!(written.withheld.iter().any(|w| w.contains("has no email address")), "{:?}", written.withheld);
    let eml = String::from_utf8(std::fs::read(dir.path().join("RT_01_Mother.eml")).unwrap_or_default())
        .unwrap_or_default();
    for header in [
        "X-Unsent: 1",
        "To: \"Sam Testcase\" <sam.testcase@example.org>",
        "From: \"Jo Senco\" <senco@testbrook.example.org>",
        "Subject: Annual review meeting for RT on Tuesday 12 January 2027: invitation",
        "multipart/mixed",
    ] {
        assert!(
            eml.contains(header),
            "{header:?} not in the draft:\n{}",
            eml.get(..1500).unwrap_or_default()
        );
    }
    for file in ["RT_01_parent_invitation_Mother.pdf", "RT_parent_views_form.pdf", "RT_child_views_form.pdf"]
    {
        assert!(eml.contains(file), "{file} not attached");
    }
    assert!(eml.contains("_child_invitation_child.pdf"), "the child's letter goes with the family's");
    assert!(!eml.contains("Subject: Annual review meeting for Robin"), "no name in the subject");
    assert!(std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0) == 1, "no letter left beside it");
    Ok(())
}
