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
