//! Check-ins between reviews (issue 20 item 3), on a child typed by the SENCO: recorded with
//! the child's view and the parents' feedback, refused when empty or in the future, and brought
//! into the next review's AR1 record without overwriting what is written.

use ardesk_dto::CheckInForm;

use super::*;

#[test]
fn check_ins_record_the_child_and_the_parents_and_fill_the_next_record() -> Result<(), AppError> {
    let mut app = app();
    let (child, review) = typed_child_with_mother(&mut app)?;
    let form = |date: &str, progress: &str, child_view: &str, parent_view: &str| CheckInForm {
        date: date.into(),
        progress: progress.into(),
        child_view: child_view.into(),
        parent_view: parent_view.into(),
    };
    let fields = |e: AppError| e.problems.into_iter().map(|p| p.field).collect::<Vec<_>>();
    assert_eq!(
        app.record_check_in(child, &form("23/11/2026", " ", "", "")).err().map(fields),
        Some(vec!["check_in_on", "progress"])
    );
    assert_eq!(
        app.record_check_in(child, &form("31/11/2026", "x", "", "")).err().map(fields),
        Some(vec!["check_in_on"])
    );
    assert!(app.check_ins(child)?.check_ins.is_empty(), "nothing refused is saved");

    app.record_check_in(
        child,
        &form("02/11/2026", "Reading age up four months.", "I like the  quiet room.", ""),
    )?;
    let list =
        app.record_check_in(child, &form("20/11/2026", "", "", "Sleeping better since the new routine."))?;
    let days: Vec<&str> = list.check_ins.iter().map(|c| c.on.as_str()).collect();
    assert_eq!(days, ["2 Nov 2026", "20 Nov 2026"]);

    // The next review's record shows them, dated, and brings them in where nothing is written.
    let ar1 = app.ar1(review)?;
    assert_eq!(ar1.check_ins.child, "2 Nov 2026: I like the quiet room.");
    assert_eq!(ar1.check_ins.parents, "20 Nov 2026: Sleeping better since the new routine.");
    assert_eq!(ar1.check_ins.progress, "2 Nov 2026: Reading age up four months.");
    app.save_ar1_field(review, "parent_views", "Mum wants more speech therapy.")?;
    let filled = app.ar1_from_check_ins(review)?;
    let value = |k: &str| filled.values.get(k).cloned().unwrap_or_default();
    assert_eq!(
        value("child_views"),
        "What the child said at check-ins since the last review:\n2 Nov 2026: I like the quiet room."
    );
    assert_eq!(value("parent_views"), "Mum wants more speech therapy.", "what was written stays");
    assert!(value("school_views").ends_with("2 Nov 2026: Reading age up four months."));
    // Again: nothing left empty to fill, nothing changes.
    assert_eq!(app.ar1_from_check_ins(review)?.values, filled.values);

    // A child with no check-ins has nothing to bring in.
    let other = app.create_child(ChildForm { legal_forenames: "Alex".into(), ..form_no_transfer() })?.id;
    let other_review = app.current_review(other)?;
    app.set_meeting(other_review, meeting_form())?;
    assert!(app.ar1(other_review)?.check_ins.child.is_empty());
    assert_eq!(app.ar1_from_check_ins(other_review).err().map(|e| e.code), Some(ErrorCode::Conflict));
    Ok(())
}

/// A caseload started mid-cycle: the last review meeting typed into the plan's dates bounds the
/// check-ins that inform the next review, as a meeting held in the app would.
#[test]
fn check_ins_before_the_typed_last_review_do_not_inform_the_next() -> Result<(), AppError> {
    let mut app = app();
    let child = app.create_child(ChildForm { last_review_meeting: "10/11/2025".into(), ..form() })?.id;
    let form = |date: &str, said: &str| CheckInForm {
        date: date.into(),
        child_view: said.into(),
        ..Default::default()
    };
    app.record_check_in(child, &form("01/11/2025", "Before the last review."))?;
    let list = app.record_check_in(child, &form("20/11/2026", "Since the last review."))?;
    assert_eq!((list.check_ins.len(), list.earlier), (1, 1));
    let review = app.current_review(child)?;
    assert_eq!(app.ar1(review)?.check_ins.child, "20 Nov 2026: Since the last review.");
    Ok(())
}
