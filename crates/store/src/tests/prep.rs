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
    store.write(action("invitations.sent"), |tx| tx.mark_invited(review, d(1, 2)))?;
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

    store.write(action("circulated"), |tx| tx.mark_circulated(review, d(1, 6)))?;
    assert_eq!(store.review_info(review)?.review.circulated_on, Some(d(1, 6)));
    // Deleting an invitee keeps a received document but drops an empty request.
    store.write(action("invitee.delete"), |tx| tx.delete_invitee(ids[0]))?;
    assert_eq!(store.checklist(review)?.len(), 1);
    assert!(matches!(store.review_info(ReviewId(999)), Err(StoreError::NotFound { .. })));
    Ok(())
}
