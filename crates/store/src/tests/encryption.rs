//! Issue 17: a database is encrypted at rest (the file, its WAL and its backups), opens only with
//! its passphrase, and is private to its owner.

use super::*;

/// Whether `needle` appears anywhere in the file at `path` (as `grep` would find it).
fn holds(path: &Path, needle: &str) -> bool {
    bytes(path).windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// A child with a name found nowhere else, saved in `store`; the WAL is left in place.
fn save_child(store: &mut Store) -> Result<(), StoreError> {
    store.write(action("child.create"), |tx| tx.insert_child(&record("Zephyrine", "")))?;
    Ok(())
}

#[test]
fn no_name_can_be_found_in_the_database_its_wal_or_its_backup() -> Result<(), StoreError> {
    let dir = temp();
    let path = dir.path().join("enc.db");
    let mut store = Store::open(&path, Some(&key()))?;
    assert!(store.is_encrypted());
    save_child(&mut store)?;
    let wal = dir.path().join("enc.db-wal");
    assert!(wal.metadata().is_ok_and(|m| m.len() > 0), "the change is in the WAL");
    let backup = dir.path().join("backup.db");
    store.backup_to(&backup)?;
    for file in [&path, &wal, &backup] {
        assert!(!holds(file, "Zephyrine"), "{} holds the name", file.display());
        assert!(!holds(file, "SQLite format 3"), "{} is plaintext", file.display());
    }
    // The backup opens with the same passphrase and holds the child.
    assert_eq!(Store::open(&backup, Some(&key()))?.child_count()?, 1);

    // The same steps on a database from before encryption (plaintext) do find the name.
    let plain = dir.path().join("plain.db");
    create_plaintext(&plain)?;
    let mut store = Store::open(&plain, Some(&key()))?;
    assert!(!store.is_encrypted());
    save_child(&mut store)?;
    assert!(holds(&dir.path().join("plain.db-wal"), "Zephyrine"));
    Ok(())
}

#[test]
fn the_wrong_passphrase_or_none_is_refused_and_the_file_left_untouched() -> Result<(), StoreError> {
    let dir = temp();
    let path = dir.path().join("enc.db");
    {
        let mut store = Store::open(&path, Some(&key()))?;
        save_child(&mut store)?;
    }
    let before = bytes(&path);
    let wrong = Passphrase::new("Tr0ub4dor&3").unwrap_or_else(|| unreachable!());
    let err = Store::open(&path, Some(&wrong)).err();
    assert!(matches!(err, Some(StoreError::WrongPassphrase { .. })), "{err:?}");
    let err = Store::open(&path, None).err();
    assert!(matches!(err, Some(StoreError::Locked { new: false, .. })), "{err:?}");
    assert_eq!(bytes(&path), before);
    // Opened with the right one, everything is there.
    assert_eq!(Store::open(&path, Some(&key()))?.child_count()?, 1);

    // A new database without a passphrase is not created at all.
    let new = dir.path().join("new.db");
    let err = Store::open(&new, None).err();
    assert!(matches!(err, Some(StoreError::Locked { new: true, .. })), "{err:?}");
    assert!(!new.exists());
    Ok(())
}

#[cfg(unix)]
#[test]
fn the_database_its_folder_and_its_backup_are_private_to_their_owner() -> Result<(), StoreError> {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp();
    let folder = dir.path().join("data").join("annual-review-desk");
    let path = folder.join("ardesk.sqlite3");
    let mut store = Store::open(&path, Some(&key()))?;
    save_child(&mut store)?;
    let backup = dir.path().join("backup.db");
    store.backup_to(&backup)?;
    let mode = |p: &Path| p.metadata().map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
    assert_eq!(mode(&folder), 0o700);
    for file in [path.clone(), folder.join("ardesk.sqlite3-wal"), folder.join("ardesk.sqlite3-shm"), backup] {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    Ok(())
}

/// Issue 17 (7): one window per database. A second claim is refused while the first is held, and
/// allowed once it is let go (two handles on the lock file: the operating system's lock is per
/// open file, as it is between two processes).
#[test]
fn a_second_window_on_the_same_database_is_refused() -> Result<(), StoreError> {
    let dir = temp();
    let path = dir.path().join("caseload.sqlite3");
    let first = claim_for_window(&path)?;
    let second = try_claim_for_window(&path).err();
    assert!(matches!(second, Some(StoreError::OpenElsewhere { .. })), "{second:?}");
    let message = second.map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("already open in another Annual Review Desk window"), "{message}");
    // Another database is not affected.
    drop(claim_for_window(&dir.path().join("other.sqlite3"))?);
    drop(first);
    drop(claim_for_window(&path)?);
    // A window still closing is waited for: the claim made while it holds on succeeds once it
    // lets go, within the patience.
    let closing = claim_for_window(&path)?;
    let waiting = std::thread::spawn({
        let path = path.clone();
        move || claim_for_window(&path).map(drop)
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    drop(closing);
    assert!(waiting.join().is_ok_and(|r| r.is_ok()));
    // One held for good is refused after the patience.
    let held = claim_for_window(&path)?;
    assert!(matches!(claim_for_window(&path), Err(StoreError::OpenElsewhere { .. })));
    drop(held);
    Ok(())
}

#[test]
fn a_plaintext_database_is_encrypted_in_place_and_opens_only_with_its_key() -> Result<(), StoreError> {
    let dir = temp();
    let raw = Passphrase::new("x'3f3f3f3f3f3f3f3fa1a1a1a1a1a1a1a15c5c5c5c5c5c5c5ce7e7e7e7e7e7e7e7'")
        .unwrap_or_else(|| unreachable!());
    // A typed passphrase and a raw key (as the tests and the command line give one) alike.
    for key in [key(), raw] {
        let path = dir.path().join("plain.db");
        let _ = std::fs::remove_file(&path);
        create_plaintext(&path)?;
        {
            let mut store = Store::open(&path, None)?;
            save_child(&mut store)?;
        }
        assert!(holds(&path, "Zephyrine"));
        encrypt_plaintext(&path, &key)?;
        for file in [path.clone(), dir.path().join("plain.db-wal")] {
            assert!(!holds(&file, "Zephyrine") && !holds(&file, "SQLite format 3"), "{}", file.display());
        }
        assert!(std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0) == 1, "no copy left beside it");
        let err = Store::open(&path, None).err();
        assert!(matches!(err, Some(StoreError::Locked { new: false, .. })), "{err:?}");
        let store = Store::open(&path, Some(&key))?;
        assert!(store.is_encrypted());
        assert_eq!(store.child_count()?, 1);
        store.integrity_check()?;
        drop(store);
        let again = encrypt_plaintext(&path, &key).err();
        assert!(matches!(again, Some(StoreError::AlreadyEncrypted { .. })), "{again:?}");
    }
    Ok(())
}
