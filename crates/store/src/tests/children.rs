//! Children, their plans and the people around them.

use ardesk_domain::clock::ReviewHistory;
use ardesk_domain::people::{ContactMethod, ParentCarer};
use ardesk_domain::plan::SectionId;
use ardesk_domain::review::{Review, ReviewStage};

use super::*;

#[test]
fn children_round_trip_and_delete_cascades() -> Result<(), StoreError> {
    let mut store = Store::open_in_memory()?;
    let ada = record("Ada", "");
    let id = store.write(action("child.create"), |tx| {
        let id = tx.insert_child(&ada)?;
        tx.set_section(id, SectionId::F, "Speech therapy weekly.")?;
        tx.add_parent(
            id,
            &ParentCarer {
                name: "Pat Example".into(),
                relationship: "Mother".into(),
                parental_responsibility: true,
                phone: None,
                email: Some("pat@example.org".into()),
                address: None,
                preferred_contact: ContactMethod::Email,
                language: None,
                interpreter: false,
                restriction: None,
                restriction_note: None,
            },
        )?;
        tx.insert_review(id, &Review::planning())?;
        Ok(id)
    })?;
    let stored = store.child(id)?;
    assert_eq!(stored.record, ada);
    assert_eq!(stored.plan.section(SectionId::F), Some("Speech therapy weekly."));
    assert_eq!(stored.parents.len(), 1);
    assert_eq!(stored.review.map(|r| r.review.stage), Some(ReviewStage::Planning));

    let renamed = record("Adaline", "");
    store.write(action("child.update"), |tx| tx.update_child(id, &renamed))?;
    assert_eq!(
        store.children()?.first().map(|c| c.record.legal_forenames.as_str().to_owned()),
        Some("Adaline".into())
    );

    store.write(action("child.delete"), |tx| tx.delete_child(id))?;
    assert!(matches!(store.child(id), Err(StoreError::NotFound { .. })));
    let orphans: i64 = store.conn.query_row(
        "SELECT (SELECT count(*) FROM parent_carer) + (SELECT count(*) FROM plan_section) + (SELECT count(*) FROM review) + (SELECT count(*) FROM ehc_plan)",
        [],
        |r| r.get(0),
    )?;
    assert_eq!(orphans, 0);
    Ok(())
}

#[test]
fn the_plans_dates_round_trip_and_any_may_be_unknown() -> Result<(), StoreError> {
    let mut store = Store::open_in_memory()?;
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
    let mut undated = record("Ada", "");
    undated.history = ReviewHistory::default();
    let id = store.write(action("child.create"), |tx| tx.insert_child(&undated))?;
    assert_eq!(store.child(id)?.record, undated);

    let mut dated = undated.clone();
    dated.history = ReviewHistory {
        plan_issued: d(2024, 3, 1),
        last_review_meeting: d(2025, 3, 14),
        last_review_decision: d(2025, 4, 2),
    };
    store.write(action("child.update"), |tx| tx.update_child(id, &dated))?;
    assert_eq!(store.children()?.first().map(|c| c.record.history), Some(dated.history));

    // The review that has just concluded becomes the last review.
    store.write(action("review.decision"), |tx| tx.set_last_review(id, d(2026, 3, 10), d(2026, 4, 1)))?;
    let h = store.child(id)?.record.history;
    assert_eq!(
        (h.plan_issued, h.last_review_meeting, h.last_review_decision),
        (d(2024, 3, 1), d(2026, 3, 10), d(2026, 4, 1))
    );
    Ok(())
}

#[test]
fn a_duplicate_upn_is_reported_as_such() -> Result<(), StoreError> {
    let mut store = Store::open_in_memory()?;
    let upn = {
        let digits = "807400116001";
        let c = ardesk_domain::child::Upn::check_letter(&format!("?{digits}")).map(char::from).unwrap_or('?');
        format!("{c}{digits}")
    };
    store.write(action("child.create"), |tx| tx.insert_child(&record("Ada", &upn)))?;
    let again = store.write(action("child.create"), |tx| tx.insert_child(&record("Bea", &upn)));
    assert!(matches!(again, Err(StoreError::Duplicate { field: "UPN", .. })), "{again:?}");
    Ok(())
}

/// Parents and professionals are changed and removed one at a time, only through their own
/// child, and a restriction survives the round trip.
#[test]
fn people_are_edited_and_removed_through_their_child() -> Result<(), StoreError> {
    use ardesk_domain::people::{Professional, Restriction, Service};
    let mut store = Store::open_in_memory()?;
    let mother = ParentCarer {
        name: "Pat Example".into(),
        relationship: "Mother".into(),
        parental_responsibility: true,
        phone: Some("07700 900001".into()),
        email: None,
        address: None,
        preferred_contact: ContactMethod::Phone,
        language: Some("Polish".into()),
        interpreter: true,
        restriction: None,
        restriction_note: None,
    };
    let therapist = Professional {
        name: "Sam Sample".into(),
        role: "Speech and Language Therapist".into(),
        organisation: "NHS Trust".into(),
        service: Service::Health,
        email: None,
        phone: None,
        address: Some("1 Clinic Road".into()),
    };
    let (ada, other, parent, professional) = store.write(action("people.add"), |tx| {
        let ada = tx.insert_child(&record("Ada", ""))?;
        let other = tx.insert_child(&record("Bea", ""))?;
        let parent = tx.add_parent(ada, &mother)?;
        let professional = tx.add_professional(ada, &therapist)?;
        Ok((ada, other, parent, professional))
    })?;
    let restricted = ParentCarer {
        restriction: Some(Restriction::CourtOrder),
        restriction_note: Some("Order".into()),
        ..mother
    };
    store.write(action("people.update"), |tx| tx.update_parent(ada, parent, &restricted))?;
    let stored = store.child(ada)?;
    assert_eq!(stored.parents.first().map(|p| &p.parent), Some(&restricted));
    assert_eq!(stored.professionals.first().map(|p| &p.professional), Some(&therapist));

    let wrong_child = store.write(action("people.update"), |tx| tx.update_parent(other, parent, &restricted));
    assert!(matches!(wrong_child, Err(StoreError::NotFound { .. })), "{wrong_child:?}");
    let wrong_child = store.write(action("people.delete"), |tx| tx.delete_professional(other, professional));
    assert!(matches!(wrong_child, Err(StoreError::NotFound { .. })), "{wrong_child:?}");

    store.write(action("people.delete"), |tx| {
        tx.delete_parent(ada, parent)?;
        tx.delete_professional(ada, professional)
    })?;
    let stored = store.child(ada)?;
    assert!(stored.parents.is_empty() && stored.professionals.is_empty());
    Ok(())
}
