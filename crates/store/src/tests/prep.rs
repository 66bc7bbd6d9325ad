//! Before the meeting: invitees, the report checklist, stored files, circulation.

use ardesk_domain::people::ContactMethod;
use ardesk_domain::review::Review;
use chrono::NaiveDate;

use super::*;

#[test]
fn review_paperwork_round_trips() -> Result<(), StoreError> {
    use ardesk_domain::ids::ReviewId;
    use ardesk_domain::invitees::{Invitee, InviteeKind};
    use ardesk_domain::review::Attendance;
    let mut store = Store::open_in_memory()?;
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default();
    let invitee = |kind, name: &str| Invitee {
        kind,
        name: name.into(),
        role: "Role".into(),
        organisation: String::new(),
        email: None,
        phone: None,
        address: None,
        preferred_contact: ContactMethod::Email,
        advice_requested: true,
        statutory: true,
        reason: String::new(),
        restriction: None,
    };
    let (review, ids) = store.write(action("invitees.accept"), |tx| {
        let child = tx.insert_child(&record("Ada", ""))?;
        let review = tx.insert_review(child, &Review::planning())?;
        let ids = tx.replace_invitees(
            review,
            &[invitee(InviteeKind::Parent, "Pat"), invitee(InviteeKind::Health, "Dr H")],
        )?;
        tx.add_checklist_items(
            review,
            &[NewChecklistItem {
                code: "D10".into(),
                title: "Parent views".into(),
                invitee_id: ids.first().copied(),
                due_on: Some(d(1, 1)),
            }],
        )?;
        Ok((review, ids))
    })?;
    let added = store.write(action("invitee.add"), |tx| {
        tx.add_invitee(review, &invitee(InviteeKind::Professional, "EP"))
    })?;
    let ways: Vec<_> = store.invitees(review)?.iter().map(|i| (i.id, i.invitee.usual_send())).collect();
    store.write(action("invitations.sent"), |tx| tx.mark_invited(review, d(1, 2), &ways))?;
    let list = store.invitees(review)?;
    assert_eq!(list.iter().map(|i| i.invitee.name.as_str()).collect::<Vec<_>>(), ["Pat", "Dr H", "EP"]);
    assert!(list.iter().all(|i| i.invited_on == Some(d(1, 2)) && i.attendance == Attendance::Unknown));
    store.write(action("invitee.update"), |tx| {
        tx.update_invitee(added, &invitee(InviteeKind::Professional, "Dr EP"), Attendance::Apologies)
    })?;
    assert_eq!(
        store.invitees(review)?.last().map(|i| (i.invitee.name.clone(), i.attendance)),
        Some(("Dr EP".into(), Attendance::Apologies))
    );

    // A file is stored once however often it is attached.
    let item = store.checklist(review)?.first().map(|c| c.id).unwrap_or_default();
    let sha = "a".repeat(64);
    store.write(action("file.attach"), |tx| {
        tx.put_file(&sha, "pdf", b"%PDF-1.4")?;
        tx.put_file(&sha, "pdf", b"%PDF-1.4")?;
        tx.mark_received(item, d(1, 5), Some(Attachment { sha256: &sha, name: "views.pdf" }), None)
    })?;
    let row = store.checklist(review)?.into_iter().next();
    assert_eq!(row.as_ref().and_then(|r| r.received_on), Some(d(1, 5)));
    assert_eq!(row.as_ref().and_then(|r| r.requested_on), Some(d(1, 2)));
    assert_eq!(row.and_then(|r| r.file).map(|f| (f.name, f.size)), Some(("views.pdf".into(), 8)));
    assert_eq!(store.file_content(&sha)?, b"%PDF-1.4");

    assert_eq!(store.circulation(review)?, None);
    let missing = vec!["EP advice".to_owned(), "Health advice".to_owned()];
    store.write(action("circulated"), |tx| tx.mark_circulated(review, d(1, 6), &missing))?;
    assert_eq!(store.review_info(review)?.review.circulated_on, Some(d(1, 6)));
    // Sent round again with a late report: the first circulation and what it named are kept.
    store.write(action("circulated"), |tx| tx.mark_circulated(review, d(1, 9), &[]))?;
    assert_eq!(store.review_info(review)?.review.circulated_on, Some(d(1, 6)));
    assert_eq!(
        store.circulation(review)?,
        Some(CirculationRecord { first: d(1, 6), named_missing: Some(missing), again: Some(d(1, 9)) })
    );
    // Deleting an invitee keeps a received document but drops an empty request.
    store.write(action("invitee.delete"), |tx| tx.delete_invitee(ids[0]))?;
    assert_eq!(store.checklist(review)?.len(), 1);
    assert!(matches!(store.review_info(ReviewId(999)), Err(StoreError::NotFound { .. })));
    Ok(())
}

/// Issue 15 item 12: a document added by hand to the checklist (a costed provision map) is
/// stored with the date it was asked for, and comes off only while nothing is received for it.
#[test]
fn a_document_added_by_hand_round_trips_and_is_removed_only_while_empty() -> Result<(), StoreError> {
    let mut store = Store::open_in_memory()?;
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default();
    let item = |code: &str, title: &str| NewChecklistItem {
        code: code.into(),
        title: title.into(),
        invitee_id: None,
        due_on: None,
    };
    let (review, other, cpm, risk) = store.write(action("checklist.add"), |tx| {
        let child = tx.insert_child(&record("Ada", ""))?;
        let review = tx.insert_review(child, &Review::planning())?;
        let other = tx.insert_review(child, &Review::planning())?;
        let cpm = tx.add_checklist_document(review, &item("D07", "Costed provision map"), Some(d(1, 3)))?;
        let risk = tx.add_checklist_document(review, &item("D08", "Risk assessment"), None)?;
        Ok((review, other, cpm, risk))
    })?;
    let rows = store.checklist(review)?;
    let got: Vec<(i64, &str, &str, Option<NaiveDate>)> =
        rows.iter().map(|r| (r.id, r.code.as_str(), r.title.as_str(), r.requested_on)).collect();
    assert_eq!(
        got,
        [(cpm, "D07", "Costed provision map", Some(d(1, 3))), (risk, "D08", "Risk assessment", None)]
    );

    // Not from another review's list, and not once a file is attached.
    let sha = "b".repeat(64);
    store.write(action("checklist.attach"), |tx| {
        tx.put_file(&sha, "pdf", b"%PDF-1.4")?;
        tx.mark_received(cpm, d(1, 5), Some(Attachment { sha256: &sha, name: "cpm.pdf" }), None)
    })?;
    for (review, item) in [(other, risk), (review, cpm)] {
        let refused = store.write(action("checklist.remove"), |tx| tx.remove_checklist_item(review, item));
        assert!(matches!(refused, Err(StoreError::NotFound { .. })), "{refused:?}");
    }
    store.write(action("checklist.remove"), |tx| tx.remove_checklist_item(review, risk))?;
    let left: Vec<i64> = store.checklist(review)?.iter().map(|r| r.id).collect();
    assert_eq!(left, [cpm]);
    Ok(())
}

/// Issue 15 item 12, spec §9: a review is annual unless set to interim or early (schema v14).
#[test]
fn the_review_type_round_trips() -> Result<(), StoreError> {
    use ardesk_domain::ids::ReviewId;
    use ardesk_domain::paperwork::ReviewType;
    let mut store = Store::open_in_memory()?;
    let review = store.write(action("review.add"), |tx| {
        let child = tx.insert_child(&record("Ada", ""))?;
        tx.insert_review(child, &Review::planning())
    })?;
    assert_eq!(store.review_type(review)?, ReviewType::Annual);
    for kind in [ReviewType::Interim, ReviewType::Early, ReviewType::Annual] {
        store.write(action("review.meeting"), |tx| tx.set_review_type(review, kind))?;
        assert_eq!(store.review_type(review)?, kind);
    }
    assert!(matches!(store.review_type(ReviewId(999)), Err(StoreError::NotFound { .. })));
    let missing =
        store.write(action("review.meeting"), |tx| tx.set_review_type(ReviewId(999), ReviewType::Early));
    assert!(matches!(missing, Err(StoreError::NotFound { .. })));
    Ok(())
}
