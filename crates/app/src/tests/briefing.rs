//! The staff briefing sheet (issue 20 item 2) for a child the SENCO typed: the plan's outcomes
//! and support as saved, the meeting's ratings, what it said of the support, the changes it
//! proposes and its actions — and nothing the sheet is not given.

use super::*;

#[test]
fn the_briefing_sheet_carries_the_plan_and_the_review_for_staff() -> Result<(), AppError> {
    let mut app = app();
    let (child, review) = typed_child_with_mother(&mut app)?;
    let section = |code: &str, text: &str| ardesk_dto::PlanSection {
        code: code.into(),
        title: String::new(),
        text: text.into(),
    };
    app.save_plan(
        child,
        vec![
            section("E", "Robin will read a short text aloud to a partner.\nRobin will ask an adult for help when stuck."),
            section("F", "- Precision teaching, 10 minutes daily, teaching assistant\n- Speech and language therapy, termly, NHS SALT"),
        ],
    )?;
    for (key, value) in [
        ("progress.0.rating", "achieved"),
        ("progress.1.rating", "not_yet"),
        ("provision_review", "Precision teaching was delivered daily and worked well."),
        ("child_views", "Robin likes the reading partner."),
        ("recommendation", "amend"),
        ("amend.F", "Add a weekly social skills group."),
        ("actions.0.action", "Start the social skills group"),
        ("actions.0.owner", "Class teacher"),
        ("actions.0.deadline", "01/02/2027"),
    ] {
        app.save_ar1_field(review, key, value)?;
    }
    let dir = tempfile::tempdir().map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let written = app.write_briefing(review, dir.path(), crate::LetterFormat::Both)?;
    assert_eq!(written.files, ["RT_staff_briefing.docx", "RT_staff_briefing.pdf"]);
    let xml = docx_text(&dir.path().join("RT_staff_briefing.docx"));
    for words in [
        "Staff briefing: Robin Testcase, Year ",
        "Robin will read a short text aloud to a partner. (achieved)",
        "Robin will ask an adult for help when stuck. (not yet)",
        "Precision teaching, 10 minutes daily, teaching assistant",
        "Precision teaching was delivered daily and worked well.",
        "What Robin told us",
        "Section F (Special educational provision): Add a weekly social skills group.",
        "Start the social skills group (Class teacher, by 1 Feb 2027)",
    ] {
        assert!(xml.contains(words), "the sheet lacks {words:?}");
    }
    // Without a school's details the SENCO is still named as the one to ask, and nothing about
    // the parents (who are not the staff's business here) is on it.
    assert!(xml.contains("The SENCO, about anything") && !xml.contains("Sam Testcase"));
    Ok(())
}

/// Who was briefed, and when: refused without a name, in the future or before the meeting;
/// once the final amended plan is issued, a briefing is due until one is recorded on or after
/// that day.
#[test]
fn a_briefing_is_recorded_and_is_due_again_when_the_plan_changes() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let (review, _) = demo_review(&app, "ready_to_submit")?;
    let form = |who: &str, date: &str| ardesk_dto::BriefingForm { who: who.into(), date: date.into() };
    let fields = |e: AppError| e.problems.into_iter().map(|p| p.field).collect::<Vec<_>>();
    let nobody = app.record_briefing(review, form("  ", "20/11/2026")).err().map(fields);
    assert_eq!(nobody, Some(vec!["briefed_who"]));
    let future = app.record_briefing(review, form("Class teacher", "23/11/2026")).err().map(fields);
    assert_eq!(future, Some(vec!["briefed_on"]));
    let early = app.record_briefing(review, form("Class teacher", "01/01/2026")).err().map(fields);
    assert_eq!(early, Some(vec!["briefed_on"]));
    let first = app.record_briefing(review, form("Class teacher and TA", "20/11/2026"))?;
    assert_eq!(first.briefings.len(), 1);
    assert_eq!(
        (first.briefings[0].on.as_str(), first.briefings[0].who.as_str()),
        ("20 Nov 2026", "Class teacher and TA")
    );
    assert_eq!(first.briefing_due, None, "the plan has not changed");

    app.mark_submitted(review, "20/11/2026")?;
    app.record_decision(
        review,
        ardesk_dto::DecisionForm {
            decision: Some(ardesk_dto::Decision::Significant),
            date: "20/11/2026".into(),
        },
    )?;
    let issued = app.record_after_decision(
        review,
        ardesk_dto::AfterDecisionForm {
            notice: "21/11/2026".into(),
            final_plan: "22/11/2026".into(),
            ..Default::default()
        },
    )?;
    assert_eq!(issued.briefing_due.as_deref(), Some("22 Nov 2026"), "the amended plan is not yet briefed");
    // The dashboard's row for the child says so too, until the briefing is recorded.
    let row_due = |app: &App| -> Result<Option<String>, AppError> {
        Ok(app.caseload()?.into_iter().find(|r| r.child_id == issued.child_id).and_then(|r| r.briefing_due))
    };
    assert_eq!(row_due(&app)?.as_deref(), Some("22 Nov 2026"));
    let briefed = app.record_briefing(review, form("All Year 4 staff", "22/11/2026"))?;
    assert_eq!(briefed.briefing_due, None);
    assert_eq!(row_due(&app)?, None);
    assert_eq!(briefed.briefings.len(), 2);
    Ok(())
}

/// The reflection at the end of a review (issue 20 item 5): only once the meeting is held, at
/// least one answer, each short; saved again in place; listed across the caseload.
#[test]
fn a_review_s_reflection_is_saved_once_held_and_listed_across_the_caseload() -> Result<(), AppError> {
    let mut app = app();
    app.load_demo(STANDARD_SIZE)?;
    let (_, upcoming) = typed_child_with_mother(&mut app)?;
    let form = |worked: &str, improve: &str, next: &str| ardesk_dto::ReflectionForm {
        worked: worked.into(),
        improve: improve.into(),
        next_time: next.into(),
    };
    let early = app.save_reflection(upcoming, form("Good meeting", "", "")).err();
    assert!(early.is_some_and(|e| e.code == ErrorCode::Conflict), "the meeting is in January");

    let (review, _) = demo_review(&app, "ready_to_submit")?;
    let blank = app.save_reflection(review, form(" ", "", "")).err();
    assert!(blank.is_some_and(|e| e.problems.iter().any(|p| p.field == "worked")));
    let long = app.save_reflection(review, form("ok", &"x".repeat(1001), "")).err();
    assert!(long.is_some_and(|e| e.problems.iter().any(|p| p.field == "improve")));
    app.save_reflection(
        review,
        form("The child's views came first.", "Reports arrived late.", "Ask for reports five weeks ahead."),
    )?;
    let saved = app.save_reflection(
        review,
        form(
            "The child's views came first.",
            "Two reports arrived late.",
            "Ask for reports five weeks ahead.",
        ),
    )?;
    assert_eq!(saved.reflection.improve, "Two reports arrived late.", "saved again in place");
    let all = app.reflections()?;
    assert_eq!(all.len(), 1);
    assert_eq!(
        (all[0].review_id, all[0].answers.next_time.as_str()),
        (review, "Ask for reports five weeks ahead.")
    );
    assert!(!all[0].child_name.is_empty() && all[0].meeting.is_some());
    Ok(())
}
