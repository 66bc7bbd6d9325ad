use super::*;

#[test]
fn an_edited_profile_changes_the_clock_and_a_bad_one_is_refused() -> Result<(), AppError> {
    let mut app = app();
    let id = app.create_child(form_no_transfer())?.id;
    let json = app.profile_json("redcar")?;
    let bad = json.replace("\"statutory_notice_days\": 14", "\"statutory_notice_days\": 10");
    let err = app.save_profile("redcar", &bad).err();
    assert!(
        err.as_ref().is_some_and(|e| e.problems.iter().any(|p| p.message.contains("statutory_notice_days"))),
        "{err:?}"
    );
    let renamed = json.replace("\"id\": \"redcar\"", "\"id\": \"other\"");
    assert!(app.save_profile("redcar", &renamed).is_err());

    let longer = json.replace("\"target_meeting_months\": 11", "\"target_meeting_months\": 10");
    app.save_profile("redcar", &longer)?;
    assert!(app.profiles()?.iter().any(|p| p.id == "redcar" && p.customised));
    let t04 = |app: &App| {
        app.child_timeline(id)
            .ok()
            .and_then(|t| t.milestones.into_iter().find(|m| m.id == "T04"))
            .map(|m| m.date)
    };
    assert_eq!(t04(&app).as_deref(), Some("Wed 1 Jul 2026"));
    app.reset_profile("redcar")?;
    assert_eq!(t04(&app).as_deref(), Some("Sat 1 Aug 2026"));
    Ok(())
}

#[test]
fn issue_14_a_child_is_saved_against_any_la_in_england_with_the_statutory_defaults() -> Result<(), AppError> {
    let mut app = app();
    // Barking and Dagenham (301) has no shipped profile.
    let before = app.info()?.las;
    let yours: Vec<&str> = before.iter().filter(|o| o.yours).map(|o| o.id.as_str()).collect();
    assert_eq!(yours, ["buckinghamshire", "kent", "redcar", "southwark", "stockton"]);
    assert_eq!(before.len(), 153, "every LA in England");
    assert!(before.iter().skip(5).all(|o| !o.yours), "the school's LAs come first");
    let barking = before.iter().find(|o| o.id == "la-301");
    assert_eq!(barking.map(|o| (o.name.as_str(), o.code.as_str())), Some(("Barking and Dagenham", "301")));

    let id = app.create_child(ardesk_dto::ChildForm { la_id: "la-301".into(), ..form_no_transfer() })?.id;
    let child = app.child(id)?;
    assert_eq!(child.la_name, "Barking and Dagenham");
    // With the defaults, the clock states the rule rather than crediting the LA.
    let tl = app.child_timeline(id)?;
    let t04 = tl.milestones.iter().find(|m| m.id == "T04").map(|m| m.why.clone()).unwrap_or_default();
    assert!(t04.starts_with("Holding the meeting within 11 months"), "{t04}");
    assert!(!t04.contains("Barking"), "{t04}");
    // A child saved against it makes it one of the school's LAs.
    assert!(app.info()?.las.iter().any(|o| o.id == "la-301" && o.yours));
    let listed = app.profiles()?;
    let la = listed.iter().find(|p| p.id == "la-301");
    assert_eq!(la.map(|p| (p.statutory_defaults, p.customised, p.code.as_str())), Some((true, false, "301")));
    assert_eq!(listed.len(), 6);
    Ok(())
}

#[test]
fn issue_14_a_school_adds_an_la_edits_it_and_resets_it_to_the_defaults() -> Result<(), AppError> {
    let mut app = app();
    let bad = app.add_la("999").err();
    assert_eq!(
        bad.as_ref().map(|e| (e.code, e.problems.first().map(|p| p.field))),
        Some((ErrorCode::Validation, Some("code")))
    );
    assert_eq!(app.add_la("886").err().map(|e| e.code), Some(ErrorCode::Conflict), "Kent is shipped");

    let added = app.add_la("306")?;
    assert_eq!((added.id.as_str(), added.name.as_str(), added.customised), ("la-306", "Croydon", false));
    assert!(added.statutory_defaults);
    assert_eq!(app.add_la("306").err().map(|e| e.code), Some(ErrorCode::Conflict), "added twice");
    assert!(app.profiles()?.iter().any(|p| p.id == "la-306"));
    let options = app.info()?.las;
    let croydon = options.iter().position(|o| o.id == "la-306");
    assert_eq!(croydon, Some(1), "Croydon is among the school's LAs, by name, after Buckinghamshire");

    // The school edits the name, address, channel, forms and timings.
    let json = app.profile_json("la-306")?;
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    v["name"] = "London Borough of Croydon".into();
    v["submission"]["channel"] = "portal".into();
    v["submission"]["address"] = "Croydon SEND portal".into();
    v["forms"]["ar1"][0]["title"] = "Croydon annual review form".into();
    v["timings"]["target_meeting_months"] = 10.into();
    app.save_profile("la-306", &v.to_string())?;
    let id = app.create_child(ardesk_dto::ChildForm { la_id: "la-306".into(), ..form_no_transfer() })?.id;
    assert_eq!(app.child(id)?.la_name, "London Borough of Croydon");
    let t04 = |app: &App| {
        app.child_timeline(id).ok().and_then(|t| t.milestones.into_iter().find(|m| m.id == "T04"))
    };
    let edited = t04(&app);
    assert_eq!(edited.as_ref().map(|m| m.date.as_str()), Some("Wed 1 Jul 2026"));
    assert!(edited.is_some_and(|m| m.why.starts_with("London Borough of Croydon asks for")));
    let summary = app.profiles()?.into_iter().find(|p| p.id == "la-306");
    assert_eq!(summary.map(|p| (p.customised, p.channel)), Some((true, "LA portal".to_owned())));

    // Reset goes back to the statutory defaults, and Croydon stays one of the school's LAs.
    app.reset_profile("la-306")?;
    assert_eq!(app.child(id)?.la_name, "Croydon");
    assert_eq!(t04(&app).map(|m| m.date), Some("Sat 1 Aug 2026".to_owned()));
    let summary = app.profiles()?.into_iter().find(|p| p.id == "la-306");
    assert_eq!(summary.map(|p| (p.customised, p.channel)), Some((false, "Email".to_owned())));
    app.delete_child(id)?;
    assert!(app.info()?.las.iter().any(|o| o.id == "la-306" && o.yours), "added, so still the school's");
    Ok(())
}

#[test]
fn term_dates_flag_holidays_and_bad_lines_are_named() -> Result<(), AppError> {
    let mut app = app();
    let id = app.create_child(form())?.id;
    let err = app.set_terms("term, 01/09/2025\n").err();
    assert_eq!(err.map(|e| e.problems.len()), Some(1));
    let settings = app.set_terms("term, 01/09/2025, 17/07/2026\nterm, 03/09/2026, 18/12/2026\n")?;
    assert_eq!(settings.terms.len(), 2);
    let tl = app.child_timeline(id)?;
    // T02 due Fri 28 Aug 2026 falls in the summer holiday.
    assert!(tl.milestones.iter().any(|m| m.id == "T02" && m.school_holiday));
    assert!(tl.term_dates_known);
    Ok(())
}

#[test]
fn imported_bank_holidays_extend_the_table() -> Result<(), AppError> {
    let mut app = app();
    let feed = r#"{"england-and-wales":{"division":"england-and-wales","events":[{"title":"New Year's Day","date":"2031-01-01","notes":"","bunting":true},{"title":"Christmas Day","date":"2030-12-25","notes":"","bunting":true}]}}"#;
    assert_eq!(app.import_bank_holidays(feed)?, 1, "2030-12-25 is already in the embedded table");
    assert_eq!(app.import_bank_holidays(feed)?, 0, "importing again adds nothing");
    assert_eq!(app.calendar_settings().bank_holiday_years, "2018 to 2031");
    assert_eq!(app.import_bank_holidays("not json").err().map(|e| e.code), Some(ErrorCode::Validation));
    Ok(())
}

#[test]
fn school_details_and_letter_wording_are_the_school_s_own() -> Result<(), AppError> {
    let mut app = app();
    let err = app
        .save_school(ardesk_dto::SchoolForm { urn: "12".into(), email: "nope".into(), ..Default::default() })
        .err();
    let fields: Vec<&str> =
        err.as_ref().map(|e| e.problems.iter().map(|p| p.field).collect()).unwrap_or_default();
    assert_eq!(fields, ["name", "address", "senco_name", "urn", "email"]);
    let saved = app.save_school(ardesk_dto::SchoolForm {
        name: "Hilltop Primary".into(),
        address: "1 Hill Road, Exampletown".into(),
        senco_name: "Sam Senco".into(),
        ..Default::default()
    })?;
    assert_eq!((saved.name.as_str(), saved.senco_role.as_str()), ("Hilltop Primary", "SENCO"));

    let bad = app.save_letter_template("reminder", "Subject: Reminder\nDear {recipent.name},").err();
    assert!(bad.is_some_and(|e| e.problems[0].message.contains("{recipent.name}")));
    let list = app.save_letter_template(
        "reminder",
        "Subject: Reminder for {child.name}\n\nDear {recipient.name},\n\nPlease send your advice.",
    )?;
    assert!(list.iter().any(|t| t.kind == "reminder" && t.customised));
    let list = app.reset_letter_template("reminder")?;
    assert!(list.iter().all(|t| !t.customised));
    Ok(())
}

/// Issue 14: the head teacher is invited by name, and the logo (a PNG) heads the Word letters; a
/// file that is not a PNG is refused with the reason and changes nothing.
#[test]
fn issue_14_the_head_teacher_is_invited_by_name_and_the_logo_heads_the_letters() -> Result<(), AppError> {
    use ardesk_dto::{ContactMethod, ErrorDto, MeetingForm, ParentForm, SchoolForm};
    let mut app = app();
    let child = app.create_child(form())?.id;
    let review = app.current_review(child)?;
    app.set_meeting(
        review,
        MeetingForm { date: "12/01/2027".into(), time: "10:00".into(), venue: "Hall".into() },
    )?;
    let parent = ParentForm {
        name: "Ada Testperson".into(),
        relationship: "Mother".into(),
        parental_responsibility: true,
        email: "ada@example.org".into(),
        preferred_contact: Some(ContactMethod::Email),
        ..ParentForm::default()
    };
    app.add_parent(child, parent)?;
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let no_school = app.set_school_logo_file(&fixtures.join("logo.png"));
    assert_eq!(no_school.err().map(|e| ErrorDto::from(e).code), Some(ErrorCode::Conflict));
    let school = app.save_school(SchoolForm {
        name: "Testbrook Primary".into(),
        address: "1 Sample Road, Exampletown".into(),
        senco_name: "Jo Senco".into(),
        senco_role: "SENCO".into(),
        head_teacher: "Dr Pat Headley".into(),
        ..SchoolForm::default()
    })?;
    assert!(!school.has_logo);

    let fake = dir.path().join("logo.png");
    std::fs::write(&fake, "not an image").map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let refused = app.set_school_logo_file(&fake).err().map(ErrorDto::from);
    let refused = refused.unwrap_or_else(|| unreachable!("a text file was taken as the logo"));
    assert_eq!(refused.problems.first().map(|p| p.field.as_str()), Some("logo"), "{refused:?}");
    assert!(!app.school_form()?.has_logo, "nothing was changed");
    assert!(app.set_school_logo_file(&fixtures.join("logo.png"))?.has_logo);
    assert_eq!(app.school_form()?.head_teacher, "Dr Pat Headley", "the logo keeps the details");

    let prep = app.accept_suggested_invitees(review)?;
    let setting = prep.invitees.iter().find(|i| i.form.kind == Some(ardesk_dto::InviteeKind::Setting));
    assert_eq!(setting.map(|i| i.form.name.as_str()), Some("Dr Pat Headley"));
    let written = app.generate_letters(review, dir.path(), LetterFormat::Docx)?;
    let letter = written.files.iter().find(|f| f.ends_with(".docx")).cloned().unwrap_or_default();
    let zip = zip::ZipArchive::new(
        std::fs::File::open(dir.path().join(&letter))
            .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?,
    );
    let names: Vec<String> = zip
        .map(|z| z.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect())
        .unwrap_or_default();
    assert!(names.iter().any(|n| n.starts_with("word/media/")), "no logo in {letter}: {names:?}");
    assert!(!app.remove_school_logo()?.has_logo);
    Ok(())
}

#[test]
fn issue_14_the_school_edits_an_added_la_in_the_form_and_removes_it() -> Result<(), AppError> {
    let mut app = app();
    app.add_la("306")?;
    let mut la = app.profile_form("la-306")?;
    assert_eq!((la.name.as_str(), la.channel), ("Croydon", Some(ardesk_dto::Channel::Email)));
    assert_eq!((la.timings.statutory_notice_days.as_str(), la.forms_by_year), ("14", false));

    // Every problem comes back on its field, and nothing is saved.
    la.name = String::new();
    la.address = "send at croydon".into();
    la.timings.statutory_notice_days = "10".into();
    la.timings.la_decision_after_meeting_days = "six weeks".into();
    let err = app.save_profile_form("la-306", la.clone()).err();
    let fields: Vec<&str> =
        err.as_ref().map(|e| e.problems.iter().map(|p| p.field).collect()).unwrap_or_default();
    assert_eq!(fields, ["name", "address", "statutory_notice_days", "la_decision_after_meeting_days"]);
    assert!(err.is_some_and(|e| e.problems[2].message.contains("reg 20(3)")));
    assert_eq!(app.profile_form("la-306")?.name, "Croydon");

    la.name = "London Borough of Croydon".into();
    la.channel = Some(ardesk_dto::Channel::Portal);
    la.address = "Croydon SEND portal".into();
    la.ar1_title = "Croydon annual review form".into();
    la.advice_form = "Request for advice (EP1)".into();
    la.timings.statutory_notice_days = "21".into();
    la.timings.la_decision_after_meeting_days = "28".into();
    la.timings.target_meeting_months = "10".into();
    let saved = app.save_profile_form("la-306", la)?;
    assert_eq!(
        (saved.name.as_str(), saved.channel.as_str(), saved.customised),
        ("London Borough of Croydon", "LA portal", true)
    );
    let json: serde_json::Value = serde_json::from_str(&app.profile_json("la-306")?).unwrap_or_default();
    assert_eq!(json["forms"]["advice_form"], "Request for advice (EP1)");
    assert_eq!(json["timings"]["target_meeting_months"], 10);
    assert_eq!(json["documents"]["required"], serde_json::json!(["D01", "D02", "D10", "D11"]), "kept");

    // Removed while a child is saved against it: refused, with the reason.
    let id = app.create_child(ardesk_dto::ChildForm { la_id: "la-306".into(), ..form() })?.id;
    let refused = app.remove_la("la-306").err();
    assert_eq!(refused.as_ref().map(|e| e.code), Some(ErrorCode::Conflict));
    assert!(
        refused.is_some_and(|e| e.message.contains("1 child is maintained by London Borough of Croydon"))
    );
    assert_eq!(app.remove_la("kent").err().map(|e| e.code), Some(ErrorCode::Conflict), "shipped");
    app.delete_child(id)?;
    app.remove_la("la-306")?;
    assert!(!app.profiles()?.iter().any(|p| p.id == "la-306"));
    let croydon = app.info()?.las.into_iter().find(|o| o.id == "la-306");
    assert_eq!(
        croydon.map(|o| (o.name, o.yours)),
        Some(("Croydon".to_owned(), false)),
        "back to the defaults"
    );
    Ok(())
}
