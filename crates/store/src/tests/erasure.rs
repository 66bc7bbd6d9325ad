//! Issue 17: deleting a child erases them. Checked on a database from before encryption, where
//! `grep` can see what is left on disk: an encrypted one hides it either way.

use ardesk_domain::plan::SectionId;

use super::*;

/// Whether `needle` appears anywhere in the file at `path` (as `grep` would find it).
fn holds(path: &Path, needle: &str) -> bool {
    bytes(path).windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// A stand-in for a SHA-256: 64 hex digits.
fn sha(digit: char) -> String {
    std::iter::repeat_n(digit, 64).collect()
}

#[test]
fn a_deleted_child_leaves_no_row_no_file_and_no_trace_on_disk() -> Result<(), StoreError> {
    let dir = temp();
    let path = dir.path().join("plain.db");
    create_plaintext(&path)?;
    let mut store = Store::open(&path, None)?;
    let shared = sha('a');
    let theirs = sha('b');
    let (gone, kept) = store.write(action("child.create"), |tx| {
        let gone = tx.insert_child(&record("Quillonia", ""))?;
        let kept = tx.insert_child(&record("Bartholomew", ""))?;
        tx.set_section(gone, SectionId::B, "Quillonia finds loud rooms hard.")?;
        tx.put_file(&shared, "pdf", b"THE-SCHOOL-POLICY-BOTH-SHARE")?;
        tx.put_file(&theirs, "pdf", b"REPORT-ON-QUILLONIA-ALONE")?;
        tx.set_plan_source(gone, "plan.pdf", &theirs)?;
        tx.set_plan_source(kept, "plan.pdf", &shared)?;
        Ok((gone, kept))
    })?;
    // The other child's plan refers to the shared file too.
    store.write(action("child.delete"), |tx| tx.delete_child(gone))?;
    store.reclaim()?;

    assert_eq!(store.child_count()?, 1);
    assert!(store.file_content(&theirs).is_err(), "the file only they had is deleted");
    assert_eq!(store.file_content(&shared)?, b"THE-SCHOOL-POLICY-BOTH-SHARE");
    assert!(store.child(kept).is_ok());
    let wal = dir.path().join("plain.db-wal");
    for file in [&path, &wal] {
        for needle in ["Quillonia", "REPORT-ON-QUILLONIA-ALONE"] {
            assert!(!holds(file, needle), "{} still holds {needle}", file.display());
        }
    }
    // The search does see what is still there.
    assert!(holds(&path, "Bartholomew"));
    Ok(())
}
