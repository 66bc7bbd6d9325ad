//! Issue 14: the people around a typed child (no demo), and what the invitations and letters do
//! with them.

use ardesk_dto::{
    ContactMethod, ErrorDto, MeetingForm, ParentForm, ProfessionalForm, Restriction, SchoolForm, Service,
};

use super::*;

fn mother() -> ParentForm {
    ParentForm {
        name: "Ada Testperson".into(),
        relationship: "Mother".into(),
        parental_responsibility: true,
        email: "ada@example.org".into(),
        preferred_contact: Some(ContactMethod::Email),
        ..ParentForm::default()
    }
}

/// A typed child with a meeting in seven weeks and the school's details: (child, review).
fn typed_child(app: &mut App) -> Result<(i64, i64), AppError> {
    let child = app.create_child(form())?.id;
    let review = app.current_review(child)?;
    app.set_meeting(
        review,
        MeetingForm { date: "12/01/2027".into(), time: "10:00".into(), venue: "Library".into() },
    )?;
    app.save_school(SchoolForm {
        name: "Testbrook Primary".into(),
        address: "1 Sample Road, Exampletown".into(),
        senco_name: "Jo Senco".into(),
        senco_role: "SENCO".into(),
        ..SchoolForm::default()
    })?;
    Ok((child, review))
}

fn fields(e: &AppError) -> Vec<String> {
    ErrorDto::from(e.clone()).problems.into_iter().map(|p| p.field).collect()
}

#[test]
fn issue_14_without_a_parent_the_senco_is_asked_who_has_parental_responsibility() -> Result<(), AppError> {
    let mut app = app();
    let (child, review) = typed_child(&mut app)?;
    let refused = app.accept_suggested_invitees(review).err().unwrap_or_else(|| unreachable!("accepted"));
    assert_eq!(fields(&refused), ["parents"]);
    assert!(ErrorDto::from(refused).problems[0].message.contains("Who has parental responsibility"));
    assert!(app.review_prep(review)?.invitees.is_empty(), "nothing was saved");

    let detail = app.add_parent(child, mother())?;
    assert_eq!(detail.parents.len(), 1);
    let prep = app.accept_suggested_invitees(review)?;
    let parent = prep.invitees.iter().find(|i| i.form.name == "Ada Testperson");
    assert_eq!(parent.and_then(|i| i.form.kind), Some(ardesk_dto::InviteeKind::Parent));
    assert!(parent.is_some_and(|i| i.statutory));
    Ok(())
}

#[test]
fn issue_14_parents_and_professionals_are_added_edited_and_removed() -> Result<(), AppError> {
    let mut app = app();
    let (child, _) = typed_child(&mut app)?;
    let bad = ParentForm { name: String::new(), preferred_contact: Some(ContactMethod::Post), ..mother() };
    let refused = app.add_parent(child, bad).err().unwrap_or_else(|| unreachable!("accepted"));
    assert_eq!(fields(&refused), ["name", "address"]);
    assert!(app.child(child)?.parents.is_empty(), "a refused parent is not saved");

    let detail = app.add_parent(child, mother())?;
    let id = detail.parents[0].id;
    let edited = ParentForm { language: "Polish".into(), interpreter: true, ..mother() };
    let detail = app.update_parent(child, id, edited)?;
    assert_eq!(detail.parents[0].language.as_deref(), Some("Polish"));
    assert!(detail.parents[0].interpreter);

    let other = app.create_child(ChildForm { legal_forenames: "Other".into(), ..form() })?.id;
    let wrong = app.update_parent(other, id, mother()).err().map(|e| ErrorDto::from(e).code);
    assert_eq!(wrong, Some(ErrorCode::NotFound), "a parent is changed only through their own child");

    let therapist = ProfessionalForm {
        name: "Sam Sample".into(),
        role: "Speech and Language Therapist".into(),
        organisation: "Exampletown NHS Trust".into(),
        service: Some(Service::Health),
        ..ProfessionalForm::default()
    };
    let no_service = ProfessionalForm { service: None, ..therapist.clone() };
    let refused = app.add_professional(child, no_service).err().unwrap_or_else(|| unreachable!("accepted"));
    assert_eq!(fields(&refused), ["service"]);
    let detail = app.add_professional(child, therapist)?;
    assert_eq!(detail.professionals[0].service, Service::Health);
    let pid = detail.professionals[0].id;
    let detail = app.delete_professional(child, pid)?;
    assert!(detail.professionals.is_empty());
    let detail = app.delete_parent(child, id)?;
    assert!(detail.parents.is_empty());
    Ok(())
}

/// The professional's service decides the statutory invitee: a health professional on the
/// record is invited for health (reg 20(2)(d)), with no placeholder for the ICB.
#[test]
fn issue_14_the_suggestion_uses_the_people_on_the_record() -> Result<(), AppError> {
    let mut app = app();
    let (child, review) = typed_child(&mut app)?;
    app.add_parent(child, mother())?;
    app.add_professional(
        child,
        ProfessionalForm {
            name: "Dr Test Example".into(),
            role: "Community Paediatrician".into(),
            service: Some(Service::Health),
            ..ProfessionalForm::default()
        },
    )?;
    let prep = app.accept_suggested_invitees(review)?;
    let health: Vec<&str> = prep
        .invitees
        .iter()
        .filter(|i| i.form.kind == Some(ardesk_dto::InviteeKind::Health))
        .map(|i| i.form.name.as_str())
        .collect();
    assert_eq!(health, ["Dr Test Example"]);
    Ok(())
}

/// A parent with a court order is invited to nothing automatically: the batch writes no letter
/// for them and says why; their own letter is refused with the reason.
#[test]
fn issue_14_a_restricted_parent_is_sent_nothing_and_the_senco_is_told_why() -> Result<(), AppError> {
    let mut app = app();
    let (child, review) = typed_child(&mut app)?;
    app.add_parent(child, mother())?;
    let father = ParentForm {
        name: "Bo Testperson".into(),
        relationship: "Father".into(),
        restriction: Some(Restriction::CourtOrder),
        restriction_note: "Prohibited steps order".into(),
        ..mother()
    };
    app.add_parent(child, ParentForm { email: "bo@example.org".into(), ..father })?;
    let prep = app.accept_suggested_invitees(review)?;
    let bo = prep.invitees.iter().find(|i| i.form.name == "Bo Testperson").map(|i| i.id);
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let written = app.generate_letters(review, dir.path(), LetterFormat::Docx)?;
    assert_eq!(written.withheld.len(), 1, "{:?}", written.withheld);
    assert!(written.withheld[0].contains("Bo Testperson") && written.withheld[0].contains("court order"));
    let letters: Vec<&String> = written.files.iter().filter(|f| f.ends_with(".docx")).collect();
    for file in &letters {
        let text = docx_text(&dir.path().join(file));
        assert!(!text.contains("Dear Bo") && !text.contains("Bo Testperson"), "{file} is for or names Bo");
    }
    assert!(letters.iter().any(|f| docx_text(&dir.path().join(f)).contains("Dear Ada")));
    let refused = app.generate_letter_for(review, bo.unwrap_or_default(), dir.path(), LetterFormat::Docx);
    assert_eq!(refused.err().map(|e| ErrorDto::from(e).code), Some(ErrorCode::Conflict));
    Ok(())
}
