//! Encrypting, in place, a database made before Annual Review Desk encrypted them (issue 17).
//!
//! The plaintext database is copied page by page into a new encrypted file beside it
//! (SQLCipher's `sqlcipher_export`), the copy is opened with its key and checked, and only then
//! renamed over the original, so at every moment the path holds either the whole plaintext
//! database or the whole encrypted one. The caller deletes the plaintext backups. What cannot
//! be promised: on an SSD, or a disk with snapshots, the blocks the plaintext file occupied may
//! stay readable until the drive reuses them; the computer's own disk encryption covers that.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use crate::{BUSY_TIMEOUT, Passphrase, StoreError, is_plaintext, migrations, private_file, unlock};

/// Encrypts the plaintext database at `path` with `key`, in place (see the module's notes).
/// Refused, with the file untouched, if it is already encrypted, is not ours, was written by a
/// newer version, is damaged, or is open in another program.
pub fn encrypt_plaintext(path: &Path, key: &Passphrase) -> Result<(), StoreError> {
    if !is_plaintext(path)? {
        return Err(StoreError::AlreadyEncrypted { path: path.to_path_buf() });
    }
    migrations::inspect(path, None)?;
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |source| StoreError::Io { path: p, source }
    };
    let tmp = beside(path, &format!("encrypting-{}", std::process::id()));
    if tmp.exists() {
        std::fs::remove_file(&tmp).map_err(io(&tmp))?;
    }
    private_file(&tmp)?;
    let copied = copy_encrypted(path, &tmp, key).and_then(|()| check_copy(&tmp, key));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.on_disk(Some(path)));
    }
    // Opened for writing: Windows flushes only through a handle that may write.
    std::fs::OpenOptions::new().write(true).open(&tmp).and_then(|f| f.sync_all()).map_err(io(&tmp))?;
    // Still open elsewhere (its write-ahead log is there): replacing it would lose that
    // program's view of it, or its unsaved log.
    if std::fs::metadata(beside(path, "wal")).is_ok_and(|m| m.len() > 0) {
        let _ = std::fs::remove_file(&tmp);
        return Err(StoreError::OpenElsewhere { path: path.to_path_buf() });
    }
    std::fs::rename(&tmp, path).map_err(io(path))?;
    for stale in ["wal", "shm"] {
        let _ = std::fs::remove_file(beside(path, stale));
    }
    // The rename itself made durable (a directory opens read-only on Unix; Windows cannot open
    // one as a file, and NTFS journals the rename).
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

/// `<path>-<suffix>`, as SQLite names the WAL (`-wal`) beside the database.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(format!("-{suffix}"));
    path.with_file_name(name)
}

/// Copies every page of the plaintext database at `path` into `tmp`, encrypted with `key`, with
/// its schema version and application id (which `sqlcipher_export` leaves behind).
fn copy_encrypted(path: &Path, tmp: &Path, key: &Passphrase) -> Result<(), StoreError> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    crate::sqlcipher_ready();
    conn.execute("ATTACH DATABASE ?1 AS encrypted KEY ?2", params![tmp.to_string_lossy(), key.reveal()])?;
    conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
    conn.execute_batch(&format!(
        "PRAGMA encrypted.user_version = {version}; PRAGMA encrypted.application_id = {app_id};"
    ))?;
    conn.execute_batch("DETACH DATABASE encrypted")?;
    Ok(())
}

/// The copy opens with its key, is sound, and has the schema the original had.
fn check_copy(tmp: &Path, key: &Passphrase) -> Result<(), StoreError> {
    let conn = Connection::open(tmp)?;
    unlock(&conn, key)?;
    let report: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if report != "ok" {
        return Err(StoreError::Corrupt { detail: format!("the encrypted copy failed its check: {report}") });
    }
    Ok(())
}
