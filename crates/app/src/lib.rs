//! The one API of Annual Review Desk.
//!
//! Each public method of [`App`] is one use-case: it parses what the user gave, runs the domain
//! rules, performs at most one store transaction (which writes the audit row) and returns a DTO.
//! The Tauri shell and the `ardesk` CLI call these methods and nothing else, so both always
//! behave the same.

//!
//! One module per concern, each adding its methods to [`App`]:
//! - `context`: the calendars, a child's current cycle, and one review's context (`Ctx`);
//! - `children`: the caseload's children; `people`: their parents, carers and professionals;
//! - `import`: pupils from the school's MIS (a CTF or a CSV), previewed, then merged by UPN;
//! - `reviews`: the statutory clock, dashboard and .ics;
//! - `prep`: before the meeting; `letters`: every letter, in one batch routine;
//! - `meeting`: the AR1 form and record; `after`: sent, decided, tracked actions;
//! - `plan`: the current plan, imported from Word or typed; `amendments`: the proposed changes;
//! - `bundle`: the school's bundle check and export; `verify`: the LA's check of a bundle
//!   received, and the password scan of files;
//! - `settings`: school, letter wording, LA profiles, bank holidays, term dates;
//! - `demo`: the synthetic demo caseload; `backups`: the daily copy of the database;
//! - `files`: atomic writes, the zip, one SHA-256 helper, one capped reader;
//! - `convert`: domain values to DTOs and back, by hand; `error`, `clock`;
//! - `window`: one function per command the window may call, named as in the contract's table.

mod after;
mod amendments;
pub mod backups;
mod briefing;
mod bundle;
mod check_ins;
mod children;
mod clock;
mod compliance;
mod context;
mod convert;
mod demo;
mod error;
mod files;
mod import;
pub mod keys;
mod leavers;
mod letters;
mod meeting;
mod people;
mod plan;
mod prep;
mod received;
mod record;
mod replies;
mod requests;
mod reviews;
mod settings;
mod transition;
mod verify;
pub mod window;

use std::path::{Path, PathBuf};

use ardesk_domain::ids::ChildId;
use ardesk_dto::{AppInfo, ErrorCode};
use ardesk_store::{Store, StoreError};
use context::{Calendars, calendars};

pub use amendments::MODES as AMENDMENT_MODES;
pub use ardesk_store::{Passphrase, WindowClaim};
pub use clock::{Clock, FixedClock, SystemClock};
pub use compliance::compliance_csv;
pub use context::builtin_las;
pub use error::AppError;
pub use files::{LetterFormat, write_bundle_zip};
pub use received::{receive_bundles, register_csv};
pub use replies::{Drafting, Reply, draft_replies, draft_reply};
pub use verify::{scan_files, verify_bundle, verify_bundle_file, verify_reader};

/// The folder (inside the OS's local application-data directory) that holds the database.
pub const DATA_DIR_NAME: &str = "annual-review-desk";
/// The database file name inside [`DATA_DIR_NAME`].
pub const DB_FILE_NAME: &str = "ardesk.sqlite3";
/// The size of the demo caseload the window loads.
pub const DEMO_SIZE: usize = ardesk_domain::demo::STANDARD_SIZE;

/// The database both the desktop app and the CLI use when none is named:
/// `$XDG_DATA_HOME/annual-review-desk/ardesk.sqlite3` on Linux (usually under
/// `~/.local/share`), `%LOCALAPPDATA%\annual-review-desk\…` on Windows.
pub fn default_db_path() -> Result<PathBuf, AppError> {
    dirs::data_local_dir().map(|dir| dir.join(DATA_DIR_NAME).join(DB_FILE_NAME)).ok_or_else(|| {
        AppError::new(
            ErrorCode::Io,
            "Could not find this computer's application-data folder. Name a database file with --db.",
        )
    })
}

/// Claims the database at `path` for this window: refused (a conflict) while another window has
/// it open. The command line does not claim it: it may read, and its writes wait their turn.
pub fn claim_for_window(path: &Path) -> Result<WindowClaim, AppError> {
    Ok(ardesk_store::claim_for_window(path)?)
}

/// The operating-system account using the app, recorded in the audit table: the login name the
/// operating system gives for the process's user (not `$USER`, which anyone can set).
pub fn os_user() -> String {
    whoami::fallible::username().ok().filter(|u| !u.trim().is_empty()).unwrap_or_else(|| "unknown".to_owned())
}

/// An open caseload.
#[derive(Debug)]
pub struct App {
    store: Store,
    /// LA profiles, bank holidays and term dates: loaded at open, reloaded after each change.
    cal: Calendars,
    clock: Box<dyn Clock>,
    actor: String,
    /// A plan document read for import, kept until the SENCO confirms its sections.
    pending_plan: Option<(ChildId, String, Vec<u8>)>,
    /// A pupil file read for import, kept until the SENCO confirms it.
    pending_import: Option<import::PendingImport>,
    /// Today's backup (`None` while the caseload is empty), or why it failed; `None` in memory.
    backup: Option<Result<Option<PathBuf>, String>>,
    /// A new database's recovery passphrase, until the user has written it down.
    recovery: Option<Passphrase>,
    /// The child whose record was last opened, and when: opening it again soon after (the page
    /// reads it again as it changes) is not audited again.
    last_viewed: Option<(i64, chrono::DateTime<chrono::Utc>)>,
    /// The LA's register as last opened in the window, for saving as a spreadsheet.
    received: received::Desk,
}

impl App {
    /// Opens the database at `path` (creating it if needed).
    ///
    /// A damaged database is refused untouched, with the way back from the newest backup. On
    /// the first open of each day the database is backed up (see [`backups`]); a backup that
    /// fails does not stop the app, and [`App::info`] says why.
    ///
    /// `key` is the database's passphrase (see [`keys::open`], which finds it): a new database
    /// is encrypted with it; one from before encryption opens without it.
    pub fn open(
        path: &Path,
        clock: Box<dyn Clock>,
        actor: impl Into<String>,
        key: Option<&Passphrase>,
    ) -> Result<App, AppError> {
        let store = Store::open(path, key).map_err(|e| {
            let damaged = matches!(e, StoreError::Damaged { .. } | StoreError::Unreadable { .. });
            let mut error = AppError::from(e);
            if damaged {
                error.message.push_str(&backups::restore_hint(path));
            }
            error
        })?;
        let cal = calendars(&store)?;
        let backup = backups::daily(&store, path, clock.today()).map_err(|e| e.message);
        Ok(App {
            store,
            cal,
            clock,
            actor: actor.into(),
            pending_plan: None,
            pending_import: None,
            backup: Some(backup),
            recovery: None,
            last_viewed: None,
            received: received::Desk::default(),
        })
    }

    /// A caseload held in memory only (tests, benchmarks).
    pub fn in_memory(clock: Box<dyn Clock>) -> Result<App, AppError> {
        let store = Store::open_in_memory()?;
        let cal = calendars(&store)?;
        Ok(App {
            store,
            cal,
            clock,
            actor: "test".to_owned(),
            pending_plan: None,
            pending_import: None,
            backup: None,
            recovery: None,
            last_viewed: None,
            received: received::Desk::default(),
        })
    }

    /// Keeps a new database's recovery passphrase, for [`App::info`] to show until
    /// [`App::recovery_noted`].
    pub fn set_recovery_passphrase(&mut self, recovery: Option<Passphrase>) {
        self.recovery = recovery;
    }

    /// The user has written the recovery passphrase down: it is not shown again.
    pub fn recovery_noted(&mut self) {
        self.recovery = None;
    }

    pub fn info(&self) -> Result<AppInfo, AppError> {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            database: self
                .store
                .path()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "(in memory)".to_owned()),
            child_count: self.store.child_count()?,
            backup: match &self.backup {
                Some(Ok(Some(path))) => format!(
                    "Backed up today to {}. Each daily copy is deleted after {} days.",
                    path.display(),
                    backups::KEEP_DAYS
                ),
                Some(Ok(None)) => {
                    "No backup has been made today: the caseload was empty when Annual Review Desk \
                     started. The first start of each day with children on the caseload makes one."
                        .to_owned()
                }
                Some(Err(why)) => format!("Today's backup failed: {why}"),
                None => "This caseload is held in memory and is not backed up.".to_owned(),
            },
            school: self.store.school()?.map(|s| s.name),
            las: self.la_options()?,
            encrypted: self.store.is_encrypted(),
            recovery_passphrase: self.recovery.as_ref().map(|p| p.reveal().to_owned()),
        })
    }

    /// Writes a consistent copy of the database to `out` (SQLite online backup).
    pub fn backup(&self, out: &Path) -> Result<(), AppError> {
        Ok(self.store.backup_to(out)?)
    }
}

#[cfg(test)]
mod tests;
