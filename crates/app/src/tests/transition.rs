//! The transition plan (issue 20 item 4), on a child typed by the SENCO in Year 6: the
//! receiving setting recorded is invited by name to the review; transition actions are added,
//! overdue when past their day, and ticked off.

use ardesk_dto::{ReceivingSettingForm, TransitionActionForm};

use super::*;

#[test]
fn a_year_6_transition_names_the_next_school_and_tracks_its_actions() -> Result<(), AppError> {
    let mut app = app();
    let (child, review) = typed_child_born_with_mother(&mut app, "14/05/2016")?;
    let plan = app.transition(child)?;
    assert!(plan.applies, "Year 6: a phase transfer");
    assert!(plan.why.as_deref().is_some_and(|w| w.contains("phase transfer")), "{:?}", plan.why);

    let fields = |e: AppError| e.problems.into_iter().map(|p| p.field).collect::<Vec<_>>();
    let blank = app
        .save_receiving_setting(child, &ReceivingSettingForm { email: "nope".into(), ..Default::default() });
    assert_eq!(blank.err().map(fields), Some(vec!["setting", "setting_email"]));
    let setting = ReceivingSettingForm {
        setting: "Example High School".into(),
        contact: "Ms Example".into(),
        email: "senco@high.example.org".into(),
        phone: String::new(),
    };
    assert_eq!(app.save_receiving_setting(child, &setting)?.setting, setting);

    // The review's suggested invitees name the setting, with its address for the letter.
    let prep = app.accept_suggested_invitees(review)?;
    let invited = prep
        .invitees
        .iter()
        .find(|i| i.form.role == "Receiving setting")
        .map(|i| (i.form.name.as_str(), i.form.organisation.as_str(), i.form.email.as_str()));
    assert_eq!(invited, Some(("Ms Example", "Example High School", "senco@high.example.org")));

    let action = |action: &str, owner: &str, due: &str| TransitionActionForm {
        action: action.into(),
        owner: owner.into(),
        due: due.into(),
    };
    assert_eq!(
        app.add_transition_action(child, &action(" ", "", "32/01/2027")).err().map(fields),
        Some(vec!["transition_action", "transition_owner", "transition_due"])
    );
    app.add_transition_action(child, &action("Visit the new school with a TA", "Class TA", "20/11/2026"))?;
    let plan = app.add_transition_action(child, &action("Share the one-page profile", "SENCO", ""))?;
    let listed: Vec<(&str, Option<&str>, bool)> =
        plan.actions.iter().map(|a| (a.action.as_str(), a.due.as_deref(), a.overdue)).collect();
    assert_eq!(
        listed,
        [
            ("Visit the new school with a TA", Some("20 Nov 2026"), true),
            ("Share the one-page profile", None, false)
        ]
    );
    let visit = plan.actions[0].id;
    let plan = app.set_transition_action_done(child, visit, true)?;
    assert_eq!((plan.actions[0].done.as_deref(), plan.actions[0].overdue), (Some("22 Nov 2026"), false));
    Ok(())
}

/// A child in Year 3 plans no transition yet.
#[test]
fn a_year_3_child_has_no_transition_to_plan() -> Result<(), AppError> {
    let mut app = app();
    let child = app.create_child(ChildForm { dob: "14/05/2018".into(), ..form() })?.id;
    let plan = app.transition(child)?;
    assert!(!plan.applies && plan.why.is_none() && plan.actions.is_empty());
    Ok(())
}

/// The caseload's "transfer year" is what the paperwork and the transition plan go by: a move
/// between post-16 settings flags the row while its deadline (T18) is in the cycle, not for ever
/// after; and the transition plan agrees with the row.
#[test]
fn the_caseload_flags_a_transfer_year_as_the_transition_plan_does() -> Result<(), AppError> {
    let mut app = app();
    // Year 12 in 2026/27, the plan issued this term: the cycle runs into Year 13, with no phase
    // transfer by year.
    let year12 = |post16_move: &str| ChildForm {
        dob: "14/05/2010".into(),
        plan_issue_date: "02/11/2026".into(),
        post16_move: post16_move.into(),
        ..form()
    };
    let moved_before =
        app.create_child(ChildForm { legal_forenames: "Ash".into(), ..year12("01/03/2025") })?.id;
    let moving = app.create_child(ChildForm { legal_forenames: "Bo".into(), ..year12("01/09/2027") })?.id;
    let rows = app.caseload()?;
    let transfer = |id: i64| rows.iter().find(|r| r.child_id == id).map(|r| r.transfer);
    assert_eq!(transfer(moved_before), Some(false), "the move was before this plan was issued");
    assert_eq!(transfer(moving), Some(true), "T18 falls in this cycle");
    assert!(app.transition(moving)?.applies);
    Ok(())
}
