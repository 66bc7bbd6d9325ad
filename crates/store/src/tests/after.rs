//! After the meeting: tracked actions, submission and the LA's decision.

use ardesk_domain::review::{Review, ReviewStage};
use chrono::NaiveDate;

use super::*;

#[test]
fn after_the_meeting_round_trips() -> Result<(), StoreError> {
    use ardesk_domain::follow_up::{ActionStatus, Decision};
    let mut store = Store::open_in_memory()?;
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default();
    let (child, held, planning) = store.write(action("reviews"), |tx| {
        let child = tx.insert_child(&record("Ada", ""))?;
        let held = tx.insert_review(child, &Review::planning())?;
        tx.set_stage(held, ReviewStage::MeetingHeld)?;
        tx.set_ar1_field(held, "actions.0.action", "Book SaLT")?;
        tx.set_ar1_field(held, "actions.2.owner", "SENCO")?;
        tx.set_ar1_field(held, "discussion", "Not an action")?;
        // A review still being planned has no tracked actions, even with a half-typed row.
        let planning = tx.insert_review(child, &Review::planning())?;
        tx.set_ar1_field(planning, "actions.0.action", "Draft")?;
        Ok((child, held, planning))
    })?;
    store
        .write(action("follow_up"), |tx| tx.set_follow_up(held, 2, ActionStatus::Done, "Booked", d(3, 1)))?;
    let tracked = store.tracked_actions()?;
    assert_eq!(tracked.len(), 1);
    let first = tracked.first().cloned().unwrap_or_else(|| unreachable!());
    assert_eq!((first.review, first.child), (held, child));
    assert_eq!(first.fields.len(), 2, "only actions.* fields: {:?}", first.fields);
    assert_eq!(first.follow_ups.first().map(|f| (f.row, f.status)), Some((2, ActionStatus::Done)));

    store.write(action("submitted"), |tx| tx.set_submitted(held, d(3, 2), ReviewStage::Submitted))?;
    store.write(action("decision"), |tx| {
        tx.set_decision(held, Decision::Minor, d(3, 20), ReviewStage::Decided)
    })?;
    let reviews = store.reviews_of(child)?;
    assert_eq!(reviews.iter().map(|r| r.id).collect::<Vec<_>>(), [held, planning]);
    let first = reviews.first().cloned().unwrap_or_else(|| unreachable!());
    assert_eq!(first.stage, ReviewStage::Decided);
    assert_eq!(first.submitted_on, Some(d(3, 2)));
    assert_eq!(first.decision, Some(DecisionOn { decision: Decision::Minor, on: d(3, 20) }));
    assert_eq!(first.after, crate::AfterDecision::default());
    Ok(())
}
