use super::*;

#[test]
fn an_ehcp_docx_is_imported_section_by_section_and_kept() -> Result<(), AppError> {
    let mut app = app();
    let child = app.create_child(form())?.id;
    let found = app.read_plan_file(child, &fixture("plan.docx"))?;
    assert_eq!(found.missing, Vec::<String>::new(), "every section found: {found:?}");
    let text = |code: &str| {
        found.sections.iter().find(|s| s.code == code).map(|s| s.text.clone()).unwrap_or_default()
    };
    assert!(text("B").contains("reading age is about two years"), "{}", text("B"));
    assert!(text("F").starts_with("Small-group social communication"), "{}", text("F"));
    assert!(text("Front").contains("Name: Robin Testcase"));
    // Nothing is saved until the SENCO confirms; then the sections and the file are.
    assert_eq!(app.child(child)?.sections.iter().filter(|s| !s.text.is_empty()).count(), 0);
    let mut sections = found.sections.clone();
    if let Some(a) = sections.iter_mut().find(|s| s.code == "A") {
        a.text.push_str(" (checked by the SENCO)");
    }
    app.save_plan(child, sections)?;
    let review = app.current_review(child)?;
    let screen = app.amendments(review)?;
    assert_eq!(screen.plan_source.as_deref(), Some("plan.docx"));
    assert!(screen.plan.iter().any(|s| s.code == "A" && s.text.ends_with("(checked by the SENCO)")));

    // A file that is not a Word plan is refused with the reason, and nothing changes.
    let refused = app.read_plan_file(child, &fixture("school-report.pdf"));
    assert!(
        matches!(&refused, Err(e) if e.problems.iter().any(|p| p.message.contains("not a Word document"))),
        "{refused:?}"
    );
    Ok(())
}

#[test]
fn amendments_follow_the_rules_and_render_in_every_mode() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let (review, _) = demo_review(&app, "ready_to_submit")?;
    let screen = app.amendments(review)?;
    assert_eq!(screen.amendments.len(), 2, "the demo agreed B and F");
    assert_eq!(screen.problems, vec![], "{:?}", screen.problems);
    assert_eq!(screen.mode, ardesk_dto::AmendmentMode::Revisions, "Redcar asks for Word tracked changes");

    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let mut written = Vec::new();
    for mode in ["revisions", "boldstrike", "table"] {
        written.extend(app.write_amendments(review, dir.path(), Some(mode), LetterFormat::Both)?.files);
    }
    assert_eq!(written.len(), 5, "revisions are DOCX only: {written:?}");
    let xml = docx_text(&dir.path().join(&written[0]));
    assert!(xml.matches("<w:ins ").count() >= 2 && xml.matches("<w:del ").count() >= 2, "{xml}");

    // A vague Section F change warns; a Section C change without health evidence blocks.
    let item = screen.evidence_options.first().map(|o| o.item_id).unwrap_or_default();
    let f = screen.plan.iter().find(|s| s.code == "F").map(|s| s.text.clone()).unwrap_or_default();
    let screen = app.add_amendment(
        review,
        AmendmentForm {
            section: "C".into(),
            current: "Mild asthma.".into(),
            proposed: "Mild asthma and eczema.".into(),
            reason: "New diagnosis".into(),
            evidence: vec![EvidenceRef { item_id: item, locator: "p. 1".into() }],
            agreed: true,
            disagreement: String::new(),
        },
    )?;
    let messages: Vec<&str> = screen.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(messages, ["The change to Section C needs evidence from a health professional's report."]);
    let preview = app.preview_amendment("F", &f, &format!("{f} Regular access to a quiet room."));
    assert_eq!(preview.vague.iter().map(|v| v.phrase.as_str()).collect::<Vec<_>>(), ["Regular", "access to"]);
    assert!(
        preview.diff.iter().any(|r| r.change == ardesk_dto::DiffChange::Inserted && r.text.contains("quiet"))
    );
    // Evidence must come from this review's checklist.
    let foreign = app.add_amendment(
        review,
        AmendmentForm {
            section: "A".into(),
            current: "x".into(),
            proposed: "y".into(),
            reason: "z".into(),
            evidence: vec![EvidenceRef { item_id: 999_999, locator: String::new() }],
            agreed: true,
            disagreement: String::new(),
        },
    );
    assert!(foreign.is_err());
    Ok(())
}

#[test]
fn two_changes_to_one_section_both_show_and_overlapping_ones_are_refused() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let (review, _) = demo_review(&app, "ready_to_submit")?;
    let screen = app.amendments(review)?;
    let first_f = screen.amendments.iter().find(|a| a.form.section == "F").map(|a| a.form.proposed.clone());
    let first_f = first_f.unwrap_or_default();
    // A second change to a passage of Section F as the first change leaves it.
    let passage: String = first_f.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    assert!(first_f.contains(&passage) && !passage.is_empty());
    let item = screen.evidence_options.first().map(|o| o.item_id).unwrap_or_default();
    let change = |current: &str, proposed: &str| AmendmentForm {
        section: "F".into(),
        current: current.into(),
        proposed: proposed.into(),
        reason: "Agreed at the meeting".into(),
        evidence: vec![EvidenceRef { item_id: item, locator: "p. 2".into() }],
        agreed: true,
        disagreement: String::new(),
    };
    let screen = app.add_amendment(review, change(&passage, &format!("{passage} (reviewed each term)")))?;
    assert_eq!(screen.problems, vec![], "{:?}", screen.problems);
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let written = app.write_amendments(review, dir.path(), Some("revisions"), LetterFormat::Docx)?.files;
    let xml = docx_text(&dir.path().join(&written[0]));
    assert!(xml.contains("reviewed each term"), "the second change is in the document");
    let first_inserted = first_f.split_whitespace().last().unwrap_or_default();
    assert!(xml.contains(first_inserted), "the first change is still in the document");

    // A change quoting wording no longer in the section cannot be placed: refused, not drawn.
    let screen = app.add_amendment(review, change("Wording the plan never had.", "Something else."))?;
    assert!(
        screen.problems.iter().any(|p| p.severity == ardesk_dto::Severity::Block
            && p.message.contains("Section F cannot all be shown")),
        "{:?}",
        screen.problems
    );
    let refused = app.write_amendments(review, dir.path(), Some("table"), LetterFormat::Pdf);
    assert!(matches!(&refused, Err(e) if e.code == ErrorCode::Validation), "{refused:?}");
    let check = app.bundle_check(review)?;
    assert!(check.blocked);
    assert!(
        check
            .findings
            .iter()
            .any(|f| f.rule == "V06" && f.message.contains("tracked-change document is missing"))
    );
    Ok(())
}

#[test]
fn no_amendments_is_an_explicit_state_with_no_document() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let (review, _) = demo_review(&app, "planning")?;
    let screen = app.amendments(review)?;
    assert_eq!(screen.problems.first().map(|p| p.field.as_str()), Some("no_amendments"));
    let screen = app.set_no_amendments(review, true)?;
    assert!(screen.no_amendments && screen.problems.is_empty());
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Storage, e.to_string()))?;
    let none = app.write_amendments(review, dir.path(), None, LetterFormat::Both);
    assert!(
        matches!(&none, Err(e) if e.code == ErrorCode::Conflict && e.message.contains("No amendments proposed"))
    );
    assert_eq!(std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0), 0);
    Ok(())
}
