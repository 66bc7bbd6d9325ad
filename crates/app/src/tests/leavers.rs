//! Issue 17 item 4: leavers leave the caseload, stay readable, and are erased after the
//! school's retention period, from a list the SENCO confirms.

use ardesk_dto::{LeavingForm, RetentionBasis, RetentionForm};

use super::*;

fn leaving(on: &str, destination: &str) -> LeavingForm {
    LeavingForm { on: on.into(), destination: destination.into() }
}

#[test]
fn a_leaver_leaves_the_caseload_and_their_record_is_read_only_until_back_on_roll() -> Result<(), AppError> {
    let mut app = app();
    let stays = app.create_child(form())?.id;
    let goes = app.create_child(ChildForm { legal_forenames: "Sasha".into(), ..form() })?.id;

    // A date after today, or no destination, is a field problem and nothing is saved.
    let err = app.mark_left(goes, leaving("23/11/2026", " ")).err();
    let fields: Vec<&str> = err.map(|e| e.problems.iter().map(|p| p.field).collect()).unwrap_or_default();
    assert_eq!(fields, ["left_on", "destination"]);

    let detail = app.mark_left(goes, leaving("17/07/2026", "Kirkleatham Academy"))?;
    let left = detail.left.unwrap_or_else(|| unreachable!("marked as left"));
    assert_eq!((left.on.as_str(), left.destination.as_str()), ("17 Jul 2026", "Kirkleatham Academy"));
    assert_eq!(left.erase_on, None, "no rule set yet");
    assert_eq!(app.caseload()?.iter().map(|r| r.child_id).collect::<Vec<_>>(), [stays]);
    // Read-only: the details, the people and the review.
    let err =
        app.update_child(goes, ChildForm { preferred_name: "Sash".into(), ..app.child(goes)?.form }).err();
    assert!(
        err.as_ref().is_some_and(
            |e| e.code == ErrorCode::Conflict && e.message.contains("left the school on 17 Jul 2026")
        ),
        "{err:?}"
    );
    assert_eq!(
        app.mark_left(goes, leaving("17/07/2026", "x")).err().map(|e| e.code),
        Some(ErrorCode::Conflict)
    );

    let listed = app.leavers()?;
    assert_eq!(listed.rule, None);
    assert_eq!(listed.leavers.len(), 1);
    assert!(!listed.leavers.iter().any(|l| l.due));

    app.back_on_roll(goes)?;
    assert_eq!(app.caseload()?.len(), 2);
    assert!(app.leavers()?.leavers.is_empty());
    assert_eq!(app.back_on_roll(goes).err().map(|e| e.code), Some(ErrorCode::Conflict));
    Ok(())
}

#[test]
fn records_are_erased_after_the_school_s_period_only_from_the_confirmed_list() -> Result<(), AppError> {
    let mut app = app();
    let recent = app.create_child(ChildForm { legal_forenames: "Recent".into(), ..form() })?.id;
    let long_gone = app.create_child(ChildForm { legal_forenames: "Earlier".into(), ..form() })?.id;
    let on_roll = app.create_child(form())?.id;
    app.mark_left(recent, leaving("17/07/2026", "Kirkleatham Academy"))?;
    app.mark_left(long_gone, leaving("01/09/2020", "Moved abroad"))?;
    // Nothing is listed for erasure until the school sets its rule.
    assert!(app.erase_leavers(vec![long_gone]).is_err());
    assert_eq!(app.leavers()?.leavers.len(), 2);

    let bad =
        app.set_retention(RetentionForm { basis: Some(RetentionBasis::AfterLeaving), years: "0".into() });
    assert_eq!(
        bad.err().map(|e| e.problems.iter().map(|p| p.field).collect::<Vec<_>>()),
        Some(vec!["years"])
    );
    let set =
        app.set_retention(RetentionForm { basis: Some(RetentionBasis::AfterLeaving), years: "6".into() })?;
    assert_eq!(set.years, "6");
    assert_eq!(app.retention()?, set);

    let listed = app.leavers()?;
    assert_eq!(listed.rule.as_deref(), Some("kept for 6 years after the child leaves"));
    let rows: Vec<(i64, bool, Option<&str>)> =
        listed.leavers.iter().map(|l| (l.child_id, l.due, l.erase_on.as_deref())).collect();
    assert_eq!(rows, [(long_gone, true, Some("1 Sep 2026")), (recent, false, Some("17 Jul 2032"))]);
    assert_eq!(app.child(recent)?.left.and_then(|l| l.erase_on).as_deref(), Some("17 Jul 2032"));

    // A record not yet due, or a child on roll, refuses the whole list.
    for ids in [vec![long_gone, recent], vec![on_roll]] {
        assert_eq!(app.erase_leavers(ids).err().map(|e| e.code), Some(ErrorCode::Conflict));
        assert_eq!(app.children()?.len(), 3);
    }
    let erased = app.erase_leavers(vec![long_gone])?;
    assert!(erased.note.starts_with("1 leaver's record erased."), "{}", erased.note);
    assert_eq!(app.child(long_gone).err().map(|e| e.code), Some(ErrorCode::NotFound));
    assert_eq!(app.leavers()?.leavers.len(), 1);

    // Until the 31st birthday: the child born in 2015 is kept until 2046.
    app.set_retention(RetentionForm { basis: Some(RetentionBasis::UntilAge), years: "31".into() })?;
    let listed = app.leavers()?;
    assert_eq!(listed.rule.as_deref(), Some("kept until the child's 31st birthday"));
    assert_eq!(listed.leavers.first().and_then(|l| l.erase_on.as_deref()), Some("14 May 2046"));
    Ok(())
}
