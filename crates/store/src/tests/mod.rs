//! The store's tests. This file holds the helpers and the tests of the database as a whole
//! (opening, pragmas, one audit row per write, backup, damage, a full disk); the tests of each
//! table are in the module named after it, and `schema` checks the migrations and current.sql.

mod after;
mod children;
mod encryption;
mod erasure;
mod prep;
mod schema;
mod settings;

use std::path::Path;

use ardesk_domain::child::{ChildInput, ChildRecord, validate};
use ardesk_domain::ids::ChildId;
use ardesk_domain::la::LaCatalogue;
use chrono::{NaiveDate, TimeZone, Utc};

use super::*;

/// The passphrase the tests' databases are encrypted with.
pub(crate) fn key() -> crate::Passphrase {
    crate::Passphrase::new("correct horse battery staple").unwrap_or_else(|| unreachable!())
}

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
fn every_connection_gets_the_pragmas() -> Result<(), StoreError> {
    let dir = temp();
    let store = Store::open(&dir.path().join("a.db"), Some(&crate::tests::key()))?;
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
        let store = Store::open(&path, Some(&crate::tests::key()))?;
        store.conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)?;
        store.conn.pragma_update(None, "journal_mode", "DELETE")?;
    }
    let before = bytes(&path);
    let err = Store::open(&path, Some(&crate::tests::key())).err();
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
    assert!(matches!(Store::open(&path, Some(&crate::tests::key())), Err(StoreError::NotOurs { .. })));
    assert_eq!(bytes(&path), before);
    Ok(())
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = temp();
    let path = dir.path().join("garbage.db");
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    assert!(std::fs::write(&path, &garbage).is_ok());
    // Without SQLite's header, it could be a database encrypted with another passphrase.
    let err = Store::open(&path, Some(&crate::tests::key())).err();
    assert!(matches!(err, Some(StoreError::WrongPassphrase { .. })), "{err:?}");
    let message = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("not an Annual Review Desk database"), "{message}");
    assert_eq!(bytes(&path), garbage);
    // With it, it is a damaged plaintext file.
    let mut headed = b"SQLite format 3\0".to_vec();
    headed.extend(&garbage);
    assert!(std::fs::write(&path, &headed).is_ok());
    let err = Store::open(&path, Some(&crate::tests::key())).err();
    assert!(matches!(err, Some(StoreError::Unreadable { .. })), "{err:?}");
    assert_eq!(bytes(&path), headed);
}

#[test]
fn an_empty_file_is_initialised() -> Result<(), StoreError> {
    let dir = temp();
    let path = dir.path().join("empty.db");
    assert!(std::fs::write(&path, b"").is_ok());
    let store = Store::open(&path, Some(&crate::tests::key()))?;
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

#[test]
fn backup_is_a_complete_openable_copy() -> Result<(), StoreError> {
    let dir = temp();
    let mut store = Store::open(&dir.path().join("live.db"), Some(&crate::tests::key()))?;
    store.write(action("child.create"), |tx| tx.insert_child(&record("Ada", "")))?;
    let out = dir.path().join("backup.db");
    store.backup_to(&out)?;
    assert!(!dir.path().join("backup.db.partial").exists());
    let copy = Store::open(&out, Some(&crate::tests::key()))?;
    copy.integrity_check()?;
    assert_eq!(copy.child_count()?, 1);
    Ok(())
}

/// A caseload of `n` children in a file at `path`, closed with everything in the main file.
fn saved_caseload(path: &Path, n: usize) -> Result<(), StoreError> {
    let mut store = Store::open(path, Some(&crate::tests::key()))?;
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
        crate::unlock(&conn, &crate::tests::key())?;
        // SQLCipher answers the page size as text.
        let size: String = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        let size: u32 = size.parse().unwrap_or(4096);
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
        let err = Store::open(&path, Some(&crate::tests::key())).err();
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
    let store = Store::open(&path, Some(&crate::tests::key()))?;
    let backup = dir.path().join("backup.db");
    store.backup_to(&backup)?;
    let good_backup = bytes(&backup);
    // Damage the child table's root page under the open connection, as a failing disk would.
    let (root, size): (u32, String) = store.conn.query_row(
        "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = 'child'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let size: u32 = size.parse().unwrap_or(4096);
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
    let mut store = Store::open(&path, Some(&crate::tests::key()))?;
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
