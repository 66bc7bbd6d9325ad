//! SQLite storage for Annual Review Desk. This is the only crate that contains SQL.
//!
//! - [`Store::open`] is the one way to open a database: it refuses a file that is not ours, was
//!   written by a newer version of the app or does not open with the [`Passphrase`] given,
//!   *before* changing a byte of it, then sets the connection pragmas (the SQLCipher key, WAL,
//!   `synchronous=FULL`, foreign keys, `secure_delete`, busy timeout) and migrates. A new
//!   database is always encrypted (SQLCipher: every page, the WAL and backups); one made
//!   before encryption opens as it is, and [`Store::is_encrypted`] says so.
//! - [`Store::write`] runs one user action as one transaction and always adds one audit row.
//! - Reads are plain methods on [`Store`]; writes are methods on [`Tx`].
//!
//! The code is arranged by table: each module holds the reads and the writes of its tables, and
//! `current.sql` shows the whole schema as the migrations leave it.
//!
//! | Module | Tables |
//! |---|---|
//! | `children` | `child`, `ehc_plan`, `plan_section`, `parent_carer`, `professional` |
//! | `reviews` | `review` |
//! | `invitees` | `invitee` |
//! | `checklist` | `checklist_item` |
//! | `files` | `stored_file` |
//! | `letters` | `letter_log`, `letter_template` |
//! | `ar1` | `ar1_field` |
//! | `follow_up` | `action_follow_up` (with the `actions.N.…` fields of `ar1_field`) |
//! | `amendments` | `amendment`, `amendment_evidence`, `review.amendment_mode` |
//! | `bundle` | `bundle_override` |
//! | `settings` | `school`, `school_term`, `school_closure`, `bank_holiday`, `la_profile` |
//! | this file | `audit` (written by [`Store::write`]) |

mod amendments;
mod ar1;
mod briefing;
mod bundle;
mod check_ins;
mod checklist;
mod children;
mod decode;
mod desk;
mod encrypt;
mod error;
mod files;
mod follow_up;
mod imports;
mod invitees;
mod letters;
mod migrations;
mod people;
mod requests;
mod returns;
mod reviews;
mod settings;
mod transition;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior, params};

pub use amendments::{AmendmentEvidence, AmendmentRow, StoredAmendment};
pub use ar1::Ar1Field;
pub use briefing::{Reflection, StaffBriefing};
pub use bundle::BundleOverride;
pub use checklist::{Attachment, ChecklistCode, ChecklistRow, NewChecklistItem};
pub use children::{ChildRow, PlanSource, StoredChild};
pub use encrypt::encrypt_plaintext;
pub use error::StoreError;
pub use files::{FileRef, FileScan};
pub use follow_up::{FollowUp, ReviewActions};
pub use imports::ImportedChild;
pub use invitees::StoredInvitee;
pub use letters::{LetterLogRow, LetterTemplate};
pub use migrations::{APPLICATION_ID, SCHEMA_VERSION};
pub use people::{StoredParent, StoredProfessional};
pub use requests::{LaAnswer, LaRequest};
pub use returns::StoredReturn;
pub use reviews::{AfterDecision, CirculationRecord, DecisionOn, ReviewInfo, ReviewSummary, StoredReview};
pub use settings::CustomProfile;

/// How long a connection waits for another process (the CLI, a second window) to release a lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open Annual Review Desk database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The passphrase it is encrypted with, for its backups; `None` in plaintext.
    key: Option<Passphrase>,
}

/// Who did what, when: recorded in the audit table for every write.
#[derive(Debug, Clone, Copy)]
pub struct Action<'a> {
    /// The operating-system account of the person using the app.
    pub actor: &'a str,
    /// A stable name for the action, e.g. `"child.create"`.
    pub name: &'static str,
    pub at: DateTime<Utc>,
}

/// One row of the audit trail, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    /// RFC 3339.
    pub at: String,
    pub os_user: String,
    pub action: String,
    pub record_type: String,
    pub record_id: i64,
}

/// The passphrase a database is encrypted with: SQLCipher derives the key from it (PBKDF2,
/// with the salt the file keeps). Surrounding whitespace is not part of it (a passphrase read
/// from a file ends with a line break). It is never printed: `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl Passphrase {
    /// `None` if `text` is blank.
    pub fn new(text: &str) -> Option<Passphrase> {
        let text = text.trim();
        (!text.is_empty()).then(|| Passphrase(text.to_owned()))
    }

    /// The passphrase itself, to show once or to hand to the credential store.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

/// The first 16 bytes of every plaintext SQLite database; an encrypted one starts with its salt.
const PLAINTEXT_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// A window's hold on a database: while it lives, no other window opens the same database (the
/// command line still may: its writes wait their turn). Released when dropped, or when the
/// process ends however it ends (an operating-system lock on `<database>.window-lock`).
#[derive(Debug)]
pub struct WindowClaim {
    _lock: std::fs::File,
}

/// Claims the database at `path` for one window; refused if another window has it open. A window
/// still closing (the app restarted at once) is given [`CLAIM_PATIENCE`] to let go.
pub fn claim_for_window(path: &Path) -> Result<WindowClaim, StoreError> {
    let start = std::time::Instant::now();
    loop {
        match try_claim_for_window(path) {
            Err(StoreError::OpenElsewhere { .. }) if start.elapsed() < CLAIM_PATIENCE => {
                std::thread::sleep(Duration::from_millis(100));
            }
            claimed => return claimed,
        }
    }
}

/// How long [`claim_for_window`] waits for another window to let go of the database.
pub const CLAIM_PATIENCE: Duration = Duration::from_secs(3);

fn try_claim_for_window(path: &Path) -> Result<WindowClaim, StoreError> {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".window-lock");
    let lock_path = path.with_file_name(name);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        private_folder(dir)?;
    }
    private_file(&lock_path)?;
    let io = |source| StoreError::Io { path: lock_path.clone(), source };
    let file = std::fs::OpenOptions::new().write(true).open(&lock_path).map_err(io)?;
    match <std::fs::File as fs4::FileExt>::try_lock(&file) {
        Ok(()) => Ok(WindowClaim { _lock: file }),
        Err(fs4::TryLockError::WouldBlock) => Err(StoreError::OpenElsewhere { path: path.to_path_buf() }),
        Err(fs4::TryLockError::Error(e)) => Err(io(e)),
    }
}

/// Creates an empty plaintext database at `path`, as versions before encryption did: for the
/// tests of what happens to such a database and for the benchmark of what encryption costs.
pub fn create_plaintext(path: &Path) -> Result<(), StoreError> {
    let conn = Connection::open(path).map_err(|e| StoreError::from_open(path, e))?;
    conn.execute_batch("VACUUM").map_err(|e| StoreError::from_open(path, e))?;
    Ok(())
}

/// Whether the file at `path` is a database, or something else, written in plaintext (not by
/// SQLCipher): its first bytes are SQLite's header.
pub fn is_plaintext(path: &Path) -> Result<bool, StoreError> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let read = std::fs::File::open(path)
        .and_then(|f| f.take(16).read(&mut head))
        .map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
    Ok(read == 16 && &head == PLAINTEXT_HEADER)
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// A new database is encrypted with `key`, which it needs; an encrypted one opens only with
    /// its own. A database from before encryption opens as it is (`key` is not used). A
    /// database written by a newer schema, a file that is not an Annual Review Desk database,
    /// or one the passphrase does not open, is refused and left byte-for-byte untouched.
    pub fn open(path: &Path, key: Option<&Passphrase>) -> Result<Store, StoreError> {
        let existing = path.metadata().is_ok_and(|m| m.len() > 0);
        let key = if existing && is_plaintext(path)? {
            None
        } else {
            Some(key.ok_or_else(|| StoreError::Locked { path: path.to_path_buf(), new: !existing })?)
        };
        if existing {
            migrations::inspect(path, key)?;
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            private_folder(dir)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if !existing {
            // Created private before SQLite writes to it: its WAL and shared memory take its mode.
            private_file(path).map_err(|e| {
                let dir = error::folder(path);
                if error::can_write_in(dir) {
                    e
                } else {
                    StoreError::ReadOnlyFolder { path: dir.to_path_buf() }
                }
            })?;
        }
        let conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::from_open(path, e))?;
        Self::prepare(conn, Some(path.to_path_buf()), key.cloned())
    }

    /// A fresh database in memory (tests and benchmarks): nothing at rest, so not encrypted.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::prepare(Connection::open_in_memory()?, None, None)
    }

    fn prepare(
        mut conn: Connection,
        path: Option<PathBuf>,
        key: Option<Passphrase>,
    ) -> Result<Store, StoreError> {
        configure(&conn, key.as_ref()).map_err(|e| match &path {
            Some(p) => StoreError::from_open(p, e),
            None => StoreError::from(e),
        })?;
        migrations::to_latest(&mut conn).map_err(|e| e.on_disk(path.as_deref()))?;
        Ok(Store { conn, path, key })
    }

    /// Whether the database is encrypted on disk (one in memory is not).
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// The file behind this store, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` as one transaction for the user action `action`, and records the action in the
    /// audit table in the same transaction. Nothing is written if `f` fails.
    pub fn write<T>(
        &mut self,
        action: Action<'_>,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let on_disk = |e: StoreError| e.on_disk(self.path.as_deref());
        let mut tx = Tx::begin(&mut self.conn).map_err(on_disk)?;
        let value = f(&mut tx).map_err(on_disk)?;
        tx.commit(action).map_err(on_disk)?;
        Ok(value)
    }

    /// Copies the whole database to `out` with SQLite's online backup API. The copy is written
    /// beside `out` first and renamed into place, so `out` is never left half-written.
    ///
    /// A damaged database is refused: copying it could replace the last good backup.
    pub fn backup_to(&self, out: &Path) -> Result<(), StoreError> {
        self.quick_check()?;
        let io = |source| StoreError::Io { path: out.to_path_buf(), source };
        // A name of this process's own: two processes backing up at once never share a file.
        let mut tmp_name = out.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        tmp_name.push(format!(".{}.partial", std::process::id()));
        let tmp = out.with_file_name(tmp_name);
        if tmp.exists() {
            std::fs::remove_file(&tmp).map_err(io)?;
        }
        private_file(&tmp)?;
        {
            // The copy is encrypted with the same passphrase, page by page as SQLite copies it.
            let mut copy = Connection::open(&tmp)?;
            if let Some(key) = &self.key {
                unlock(&copy, key)?;
            }
            rusqlite::backup::Backup::new(&self.conn, &mut copy)?.run_to_completion(
                256,
                Duration::ZERO,
                None,
            )?;
        }
        // Opened for writing: Windows flushes only through a handle that may write.
        std::fs::OpenOptions::new().write(true).open(&tmp).and_then(|f| f.sync_all()).map_err(io)?;
        std::fs::rename(&tmp, out).map_err(io)?;
        Ok(())
    }

    /// Gives back the pages freed by a deletion and leaves no earlier version of them behind:
    /// the write-ahead log is copied into the database and emptied, the database rebuilt
    /// without its free pages (`VACUUM`), and the log emptied again. After erasing a child.
    pub fn reclaim(&self) -> Result<(), StoreError> {
        let on_disk = |e: rusqlite::Error| StoreError::from(e).on_disk(self.path.as_deref());
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").map_err(on_disk)?;
        self.conn.execute_batch("VACUUM").map_err(on_disk)?;
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").map_err(on_disk)?;
        Ok(())
    }

    /// `PRAGMA integrity_check`: `Ok(())` when SQLite reports `ok`.
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let report: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if report == "ok" { Ok(()) } else { Err(StoreError::Corrupt { detail: report }) }
    }

    /// `PRAGMA quick_check` (the structure of every page, without comparing indexes to tables):
    /// `Ok(())` when SQLite reports `ok`.
    pub fn quick_check(&self) -> Result<(), StoreError> {
        // An encrypted page that fails SQLCipher's check stops the check with an error.
        let report =
            migrations::quick_check(&self.conn).map_err(|e| StoreError::Corrupt { detail: e.to_string() })?;
        if report == "ok" { Ok(()) } else { Err(StoreError::Corrupt { detail: report }) }
    }

    /// The audit rows that name any of `records` (a record type and its id), oldest first: what
    /// was done to one child's records, for their subject access export.
    pub fn audit_about(&self, records: &[(&str, i64)]) -> Result<Vec<AuditRow>, StoreError> {
        let wanted: std::collections::HashSet<(&str, i64)> = records.iter().copied().collect();
        let mut stmt = self.conn.prepare(
            "SELECT at, os_user, action, record_type, record_id FROM audit
             WHERE record_type IS NOT NULL AND record_id IS NOT NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(AuditRow {
                at: r.get(0)?,
                os_user: r.get(1)?,
                action: r.get(2)?,
                record_type: r.get(3)?,
                record_id: r.get(4)?,
            })
        })?;
        let mut out = Vec::new();
        for row in rows {
            let row = row?;
            if wanted.contains(&(row.record_type.as_str(), row.record_id)) {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// The number of audit rows (tests and diagnostics).
    pub fn audit_count(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?)
    }
}

/// One open transaction: the writes of one user action. Each table's writes are methods on it,
/// in that table's module. The record it last touched is named in the audit row.
#[derive(Debug)]
pub struct Tx<'c> {
    tx: Transaction<'c>,
    touched: Option<(&'static str, i64)>,
}

impl<'c> Tx<'c> {
    fn begin(conn: &'c mut Connection) -> Result<Tx<'c>, StoreError> {
        // Immediate: the write lock is taken at the start, so a second writer (another window,
        // the CLI) waits its turn (the busy timeout) instead of failing halfway.
        Ok(Tx { tx: conn.transaction_with_behavior(TransactionBehavior::Immediate)?, touched: None })
    }

    /// Adds the action's audit row and commits, so the action and its audit row are one.
    fn commit(self, action: Action<'_>) -> Result<(), StoreError> {
        let (record_type, record_id) = self.touched.unzip();
        self.tx.execute(
            "INSERT INTO audit (at, os_user, action, record_type, record_id) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![action.at.to_rfc3339(), action.actor, action.name, record_type, record_id],
        )?;
        self.tx.commit()?;
        Ok(())
    }

    fn touch(&mut self, record_type: &'static str, id: i64) {
        self.touched = Some((record_type, id));
    }

    /// Names the record an action concerns that changes nothing in it (an export, a view): the
    /// write is then the audit row alone.
    pub fn concerns(&mut self, record_type: &'static str, id: i64) {
        self.touch(record_type, id);
    }

    /// Marks the action as a bulk one touching no single record (e.g. loading the demo).
    pub fn touch_none(&mut self) {
        self.touched = None;
    }
}

/// Gives SQLCipher the passphrase of the database `conn` opened; first, before anything is read.
/// SQLCipher's own log (a failed page check on a wrong key) is silenced: the error says it.
fn unlock(conn: &Connection, key: &Passphrase) -> rusqlite::Result<()> {
    sqlcipher_ready();
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    conn.pragma_update(None, "key", key.reveal())
}

/// Waits, once per process, until SQLCipher can take a key. `sqlite3_initialize` marks SQLite
/// initialised before it runs SQLCipher's own start-up (`SQLITE_EXTRA_INIT`), so a thread whose
/// first connection comes in between finds SQLCipher not ready and its key refused ("An error
/// occurred with PRAGMA key"): the first databases opened at once from several threads failed
/// so (tests/first_open.rs). Keying a scratch in-memory database until it succeeds (every
/// thread waits on the `Once`) closes that window for every key after it.
fn sqlcipher_ready() {
    static READY: std::sync::Once = std::sync::Once::new();
    READY.call_once(|| {
        for _ in 0..400 {
            let keyed = Connection::open_in_memory().and_then(|c| c.pragma_update(None, "key", "ready"));
            if keyed.is_ok() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    });
}

/// Creates `dir` (and its parents) if needed, readable by its owner only (0700 on Unix).
pub fn private_folder(dir: &Path) -> Result<(), StoreError> {
    let io = |source| StoreError::Io { path: dir.to_path_buf(), source };
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(io)
}

/// Creates the empty file `path`, readable and writable by its owner only (0600 on Unix).
pub fn private_file(path: &Path) -> Result<(), StoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop).map_err(|source| StoreError::Io { path: path.to_path_buf(), source })
}

/// Sets the pragmas every connection must have. Called from the one place connections are made.
fn configure(conn: &Connection, key: Option<&Passphrase>) -> rusqlite::Result<()> {
    if let Some(key) = key {
        unlock(conn, key)?;
    }
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // What is deleted is overwritten, not left in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    // WAL keeps readers and the writer out of each other's way; FULL makes each commit durable
    // (fsync of the WAL on commit), so a save the UI has acknowledged survives a crash.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
        return Err(rusqlite::Error::InvalidParameterName(format!(
            "journal_mode could not be set to WAL (got {mode})"
        )));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

#[cfg(test)]
mod tests;
