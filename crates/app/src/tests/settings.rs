use super::*;

#[test]
fn an_edited_profile_changes_the_clock_and_a_bad_one_is_refused() -> Result<(), AppError> {
    let mut app = app();
    let id = app.create_child(form())?.id;
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
    assert!(app.profiles().iter().any(|p| p.id == "redcar" && p.customised));
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
