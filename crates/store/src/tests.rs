use std::path::Path;

use ardesk_domain::child::{ChildInput, ChildRecord, validate};
use ardesk_domain::la::LaCatalogue;
use ardesk_domain::people::{ContactMethod, ParentCarer};
use ardesk_domain::plan::SectionId;
use ardesk_domain::review::{Review, ReviewStage};
use chrono::{NaiveDate, TimeZone, Utc};

use super::*;

fn action(name: &'static str) -> Action<'static> {
    Action {
        actor: "tester",
        name,
        at: Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).single().unwrap_or_default(),
    }
}

fn record(forenames: &str, upn: &str) -> ChildRecord {
    let input = ChildInput {
        legal_forenames: forenames.into(),
        legal_surname: "Example".into(),
        dob: "03/02/2016".into(),
        upn: upn.into(),
        la_id: "redcar".into(),
        plan_issue_date: "01/03/2024".into(),
        ..ChildInput::default()
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    let las = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
    validate(&input, &las, today).unwrap_or_else(|p| unreachable!("{p:?}"))
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| unreachable!("temp dir: {e}"))
}

#[test]
fn migrations_are_valid() {
    assert!(migrations::migrations().validate().is_ok());
}

#[test]
fn every_connection_gets_the_pragmas() -> Result<(), StoreError> {
    let dir = temp();
    let store = Store::open(&dir.path().join("a.db"))?;
    let get = |p: &str| -> Result<String, StoreError> {
        Ok(store
            .conn
            .query_row(&format!("PRAGMA {p}"), [], |r| r.get::<_, rusqlite::types::Value>(0))
            .map(|v| format!("{v:?}"))?)
    };
    assert_eq!(get("journal_mode")?, "Text(\"wal\")");
    assert_eq!(get("synchronous")?, "Integer(2)"); // FULL
    assert_eq!(get("foreign_keys")?, "Integer(1)");
    assert_eq!(get("busy_timeout")?, "Integer(5000)");
    assert_eq!(get("application_id")?, format!("Integer({APPLICATION_ID})"));
    assert_eq!(get("user_version")?, format!("Integer({SCHEMA_VERSION})"));
    Ok(())
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() -> Result<(), StoreError> {
    let dir = temp();
    let path = dir.path().join("newer.db");
    {
        let store = Store::open(&path)?;
        store.conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)?;
        store.conn.pragma_update(None, "journal_mode", "DELETE")?;
    }
    let before = bytes(&path);
    let err = Store::open(&path).err();
    assert!(
        matches!(err, Some(StoreError::NewerSchema { found, supported }) if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
        "{err:?}"
    );
    assert!(err.map(|e| e.to_string()).unwrap_or_default().contains("newer version"));
    assert_eq!(bytes(&path), before, "the file must not change");
    Ok(())
}

#[test]
fn a_foreign_sqlite_file_is_refused_and_left_untouched() -> Result<(), StoreError> {
    let dir = temp();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path)?;
        conn.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('hello');")?;
    }
    let before = bytes(&path);
    assert!(matches!(Store::open(&path), Err(StoreError::NotOurs { .. })));
    assert_eq!(bytes(&path), before);
    Ok(())
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = temp();
    let path = dir.path().join("garbage.db");
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    assert!(std::fs::write(&path, &garbage).is_ok());
    let err = Store::open(&path).err();
    assert!(matches!(err, Some(StoreError::Unreadable { .. })), "{err:?}");
    assert_eq!(bytes(&path), garbage);
}

#[test]
fn an_empty_file_is_initialised() -> Result<(), StoreError> {
    let dir = temp();
    let path = dir.path().join("empty.db");
    assert!(std::fs::write(&path, b"").is_ok());
    let store = Store::open(&path)?;
    assert_eq!(store.child_count()?, 0);
    Ok(())
}

#[test]
fn a_write_is_one_transaction_with_one_audit_row() -> Result<(), StoreError> {
    let mut store = Store::open_in_memory()?;
    let id = store.write(action("child.create"), |tx| tx.insert_child(&record("Ada", "")))?;
    assert_eq!(store.audit_count()?, 1);
    let (actor, name, kind, rid): (String, String, String, i64) =
        store.conn.query_row("SELECT os_user, action, record_type, record_id FROM audit", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    assert_eq!(
        (actor.as_str(), name.as_str(), kind.as_str(), rid),
        ("tester", "child.create", "child", id.0)
    );

    // A failing action writes nothing at all, not even its audit row.
    let failed = store.write(action("child.create"), |tx| {
        tx.insert_child(&record("Bea", ""))?;
        tx.update_child(ChildId(9999), &record("Bea", ""))
    });
    assert!(matches!(failed, Err(StoreError::NotFound { what: "child", id: 9999 })));
    assert_eq!(store.child_count()?, 1);
    assert_eq!(store.audit_count()?, 1);
    Ok(())
}

use ardesk_domain::ids::ChildId;

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

#[test]
fn calendars_holidays_and_profiles_round_trip() -> Result<(), StoreError> {
    use ardesk_domain::calendar::SchoolCalendar;
    let mut store = Store::open_in_memory()?;
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
    let cal = SchoolCalendar::new(vec![(d(2026, 9, 3), d(2026, 10, 23))], [d(2026, 9, 4)]);
    store.write(action("terms.import"), |tx| tx.set_school_calendar(&cal))?;
    assert_eq!(store.school_calendar()?, cal);
    let added =
        store.write(action("holidays.import"), |tx| tx.add_bank_holidays([d(2031, 1, 1), d(2031, 1, 1)]))?;
    assert_eq!(added, 1);
    assert_eq!(store.imported_bank_holidays()?, [d(2031, 1, 1)]);
    store.write(action("profile.save"), |tx| tx.set_custom_profile("redcar", "{}"))?;
    assert_eq!(store.custom_profiles()?, [("redcar".to_owned(), "{}".to_owned())]);
    store.write(action("profile.reset"), |tx| tx.delete_custom_profile("redcar"))?;
    assert!(store.custom_profiles()?.is_empty());
    Ok(())
}

#[test]
fn a_version_1_database_is_migrated_in_place() -> Result<(), StoreError> {
    let dir = temp();
    let path = dir.path().join("v1.db");
    {
        let mut conn = rusqlite::Connection::open(&path)?;
        rusqlite_migration::Migrations::from_slice(&[rusqlite_migration::M::up(include_str!("schema.sql"))])
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        conn.execute(
            "INSERT INTO child (legal_forenames, legal_surname, dob, la_id) VALUES ('Ada', 'Example', '2016-02-03', 'redcar')",
            [],
        )?;
        conn.execute("INSERT INTO ehc_plan (child_id, issue_date) VALUES (1, '2024-03-01')", [])?;
    }
    let store = Store::open(&path)?;
    let child = store.child(ChildId(1))?;
    assert_eq!(child.record.transfers, ardesk_domain::clock::Transfers::default());
    Ok(())
}

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
            &[("D10".into(), "Parent views".into(), ids.first().copied(), Some(d(1, 1)))],
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
        tx.mark_received(item, d(1, 5), Some((&sha, "views.pdf")), None)
    })?;
    let row = store.checklist(review)?.into_iter().next();
    assert_eq!(row.as_ref().and_then(|r| r.received_on), Some(d(1, 5)));
    assert_eq!(row.as_ref().and_then(|r| r.requested_on), Some(d(1, 2)));
    assert_eq!(row.and_then(|r| r.file).map(|f| (f.name, f.size)), Some(("views.pdf".into(), 8)));
    assert_eq!(store.file_content(&sha)?, b"%PDF-1.4");

    store.write(action("circulated"), |tx| tx.mark_circulated(review, d(1, 6)))?;
    assert_eq!(store.review_info(review)?.1.circulated_on, Some(d(1, 6)));
    // Deleting an invitee keeps a received document but drops an empty request.
    store.write(action("invitee.delete"), |tx| tx.delete_invitee(ids[0]))?;
    assert_eq!(store.checklist(review)?.len(), 1);
    assert!(matches!(store.review_info(ReviewId(999)), Err(StoreError::NotFound { .. })));
    Ok(())
}

#[test]
fn backup_is_a_complete_openable_copy() -> Result<(), StoreError> {
    let dir = temp();
    let mut store = Store::open(&dir.path().join("live.db"))?;
    store.write(action("child.create"), |tx| tx.insert_child(&record("Ada", "")))?;
    let out = dir.path().join("backup.db");
    store.backup_to(&out)?;
    assert!(!dir.path().join("backup.db.partial").exists());
    let copy = Store::open(&out)?;
    copy.integrity_check()?;
    assert_eq!(copy.child_count()?, 1);
    Ok(())
}

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

    store.write(action("submitted"), |tx| tx.set_submitted(held, d(3, 2)))?;
    store.write(action("decision"), |tx| tx.set_decision(held, Decision::Minor, d(3, 20)))?;
    let reviews = store.reviews_of(child)?;
    assert_eq!(reviews.iter().map(|r| r.id).collect::<Vec<_>>(), [held, planning]);
    let first = reviews.first().cloned().unwrap_or_else(|| unreachable!());
    assert_eq!(first.stage, ReviewStage::Decided);
    assert_eq!(first.submitted_on, Some(d(3, 2)));
    assert_eq!(first.decision, Some((Decision::Minor, d(3, 20))));
    Ok(())
}

/// A caseload of `n` children in a file at `path`, closed with everything in the main file.
fn saved_caseload(path: &Path, n: usize) -> Result<(), StoreError> {
    let mut store = Store::open(path)?;
    for i in 0..n {
        store.write(action("child.create"), |tx| tx.insert_child(&record(&format!("Child{i}"), "")))?;
    }
    store.conn.pragma_update(None, "journal_mode", "DELETE")?;
    Ok(())
}

#[test]
fn a_damaged_btree_page_is_found_at_open_and_the_file_left_untouched() -> Result<(), StoreError> {
    let dir = temp();
    let good = dir.path().join("good.db");
    saved_caseload(&good, 200)?;
    let (page_size, roots) = {
        let conn = rusqlite::Connection::open(&good)?;
        let size: u32 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        let mut stmt = conn.prepare("SELECT rootpage FROM sqlite_master WHERE rootpage > 1")?;
        let roots = stmt.query_map([], |r| r.get::<_, u32>(0))?.collect::<Result<Vec<_>, _>>()?;
        (size as usize, roots.into_iter().map(|r| r as usize).collect::<Vec<_>>())
    };
    assert!(roots.len() > 10, "every table and index is a b-tree: {roots:?}");
    for root in roots {
        // Overwrite the page header after its type byte: first freeblock, cell count and the
        // start of the cell content area.
        let mut damaged = bytes(&good);
        let start = (root - 1) * page_size + 1;
        damaged.splice(start..start + 6, [0xA5; 6]);
        let path = dir.path().join(format!("damaged-{root}.db"));
        assert!(std::fs::write(&path, &damaged).is_ok());
        let err = Store::open(&path).err();
        assert!(matches!(err, Some(StoreError::Damaged { .. })), "page {root}: {err:?}");
        let message = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("is damaged") && message.contains("backup"), "{message}");
        assert_eq!(bytes(&path), damaged, "page {root}: the file must not change");
        assert!(!dir.path().join(format!("damaged-{root}.db-wal")).exists());
    }
    Ok(())
}

#[test]
fn a_damaged_database_is_not_backed_up_over_a_good_backup() -> Result<(), StoreError> {
    let dir = temp();
    let path = dir.path().join("c.db");
    saved_caseload(&path, 50)?;
    let store = Store::open(&path)?;
    let backup = dir.path().join("backup.db");
    store.backup_to(&backup)?;
    let good_backup = bytes(&backup);
    // Damage the child table's root page under the open connection, as a failing disk would.
    let (root, size): (u32, u32) = store.conn.query_row(
        "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = 'child'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    store.conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
    let mut file = bytes(&path);
    let start = (root as usize - 1) * size as usize + 1;
    file.splice(start..start + 6, [0xA5; 6]);
    assert!(std::fs::write(&path, &file).is_ok());
    store.conn.execute_batch("PRAGMA shrink_memory")?;
    let err = store.backup_to(&backup).err();
    assert!(matches!(err, Some(StoreError::Corrupt { .. })), "{err:?}");
    assert_eq!(bytes(&backup), good_backup, "the good backup is kept");
    Ok(())
}

#[test]
fn a_full_disk_refuses_the_change_and_keeps_everything_saved() -> Result<(), StoreError> {
    let dir = temp();
    let path = dir.path().join("c.db");
    let mut store = Store::open(&path)?;
    store.write(action("child.create"), |tx| tx.insert_child(&record("Ada", "")))?;
    // SQLite's own limit on the file's size fails a write exactly as a full disk does.
    let pages: i64 = store.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    store.conn.pragma_update(None, "max_page_count", pages)?;
    let mut refused = None;
    for i in 0..10_000 {
        let name = format!("Child{i} {}", "x".repeat(80));
        if let Err(e) = store.write(action("child.create"), |tx| tx.insert_child(&record(&name, ""))) {
            refused = Some(e);
            break;
        }
    }
    assert!(matches!(refused, Some(StoreError::Full)), "{refused:?}");
    let message = refused.map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("full") && message.contains("not saved"), "{message}");
    let saved = store.child_count()?;
    assert!(saved >= 1);
    store.integrity_check()?;
    // Space comes back: the next change is saved and nothing was lost.
    store.conn.pragma_update(None, "max_page_count", 1_000_000)?;
    store.write(action("child.create"), |tx| tx.insert_child(&record("Bea", "")))?;
    assert_eq!(store.child_count()?, saved + 1);
    Ok(())
}
