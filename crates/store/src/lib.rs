//! SQLite storage for Annual Review Desk. This is the only crate that contains SQL.
//!
//! - [`Store::open`] is the one way to open a database: it refuses a file that is not ours or
//!   was written by a newer version of the app *before* changing a byte of it, then sets the
//!   connection pragmas (WAL, `synchronous=FULL`, foreign keys, busy timeout) and migrates.
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
mod bundle;
mod checklist;
mod children;
mod decode;
mod error;
mod files;
mod follow_up;
mod imports;
mod invitees;
mod letters;
mod migrations;
mod people;
mod returns;
mod reviews;
mod settings;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, params};

pub use amendments::{AmendmentEvidence, AmendmentRow, StoredAmendment};
pub use ar1::Ar1Field;
pub use bundle::BundleOverride;
pub use checklist::{Attachment, ChecklistCode, ChecklistRow, NewChecklistItem};
pub use children::{ChildRow, PlanSource, StoredChild};
pub use error::StoreError;
pub use files::{FileRef, FileScan};
pub use follow_up::{FollowUp, ReviewActions};
pub use imports::ImportedChild;
pub use invitees::StoredInvitee;
pub use letters::{LetterLogRow, LetterTemplate};
pub use migrations::{APPLICATION_ID, SCHEMA_VERSION};
pub use people::{StoredParent, StoredProfessional};
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

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// A database written by a newer schema, or a file that is not an Annual Review Desk
    /// database, is refused and left byte-for-byte untouched.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if path.exists() {
            migrations::inspect(path)?;
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|source| StoreError::Io { path: dir.to_path_buf(), source })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::from_open(path, e))?;
        Self::prepare(conn, Some(path.to_path_buf()))
    }

    /// A fresh database in memory (tests and benchmarks).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Store, StoreError> {
        configure(&conn).map_err(|e| match &path {
            Some(p) => StoreError::from_open(p, e),
            None => StoreError::from(e),
        })?;
        migrations::to_latest(&mut conn).map_err(|e| e.on_disk(path.as_deref()))?;
        Ok(Store { conn, path })
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
        let mut tmp_name = out.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        tmp_name.push(".partial");
        let tmp = out.with_file_name(tmp_name);
        if tmp.exists() {
            std::fs::remove_file(&tmp).map_err(io)?;
        }
        self.conn.backup(rusqlite::MAIN_DB, &tmp, None)?;
        std::fs::File::open(&tmp).and_then(|f| f.sync_all()).map_err(io)?;
        std::fs::rename(&tmp, out).map_err(io)?;
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
        let report = migrations::quick_check(&self.conn)?;
        if report == "ok" { Ok(()) } else { Err(StoreError::Corrupt { detail: report }) }
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
        Ok(Tx { tx: conn.transaction()?, touched: None })
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

    /// Marks the action as a bulk one touching no single record (e.g. loading the demo).
    pub fn touch_none(&mut self) {
        self.touched = None;
    }
}

/// Sets the pragmas every connection must have. Called from the one place connections are made.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
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
