//! The one API of Annual Review Desk.
//!
//! Each public method of [`App`] is one use-case: it parses what the user gave, runs the domain
//! rules, performs at most one store transaction (which writes the audit row) and returns a DTO.
//! The Tauri shell and the `ardesk` CLI call these methods and nothing else, so both always
//! behave the same.

mod clock;
mod convert;
mod error;

use std::path::{Path, PathBuf};

use ardesk_domain::child;
use ardesk_domain::demo;
use ardesk_domain::ids::ChildId;
use ardesk_domain::la::LaCatalogue;
use ardesk_domain::review::{Review, ReviewStage};
use ardesk_dto::{AppInfo, ChildDetail, ChildForm, ChildSummary, ErrorCode, LaOption, Saved};
use ardesk_store::{Action, Store};

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::AppError;

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

/// The operating-system account using the app, recorded in the audit table.
pub fn os_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// An open caseload.
#[derive(Debug)]
pub struct App {
    store: Store,
    las: LaCatalogue,
    clock: Box<dyn Clock>,
    actor: String,
}

impl App {
    /// Opens the database at `path` (creating it if needed).
    pub fn open(path: &Path, clock: Box<dyn Clock>, actor: impl Into<String>) -> Result<App, AppError> {
        let las = LaCatalogue::builtin().map_err(|p| AppError::new(ErrorCode::Unavailable, p.message))?;
        let store = Store::open(path)?;
        Ok(App { store, las, clock, actor: actor.into() })
    }

    /// A caseload held in memory only (tests, benchmarks).
    pub fn in_memory(clock: Box<dyn Clock>) -> Result<App, AppError> {
        let las = LaCatalogue::builtin().map_err(|p| AppError::new(ErrorCode::Unavailable, p.message))?;
        Ok(App { store: Store::open_in_memory()?, las, clock, actor: "test".to_owned() })
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
            school: self.store.school()?.map(|s| s.name),
            las: self.las.all().iter().map(|p| LaOption { id: p.id.clone(), name: p.name.clone() }).collect(),
        })
    }

    /// Loads the synthetic demo caseload of `size` children in one transaction. Refused when the
    /// caseload already holds real (non-demo) children; a no-op when the demo is already loaded.
    /// Returns the number of children in the demo caseload.
    pub fn load_demo(&mut self, size: usize) -> Result<usize, AppError> {
        if !(1..=demo::MAX_SIZE).contains(&size) {
            return Err(AppError::new(
                ErrorCode::Validation,
                format!("The demo caseload can have 1 to {} children.", demo::MAX_SIZE),
            ));
        }
        let today = self.clock.today();
        let caseload = demo::caseload(today, size);
        let existing = self.store.child_count()?;
        if existing > 0 {
            let is_demo = self.store.school()?.is_some_and(|s| s.urn == caseload.school.urn);
            if is_demo {
                return usize::try_from(existing)
                    .map_err(|_| AppError::new(ErrorCode::Storage, "Too many children."));
            }
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!(
                    "This caseload already has {existing} children, so the demo was not loaded. \
                     Use a new database for the demo (ardesk demo --db NEW_FILE)."
                ),
            ));
        }
        let action = Action { actor: &self.actor, name: "demo.load", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.set_school(&caseload.school)?;
            for c in &caseload.children {
                let id = tx.insert_child(&c.record)?;
                tx.set_last_review_decision(id, c.last_review_decision)?;
                for (section, text) in &c.sections {
                    tx.set_section(id, *section, text)?;
                }
                for p in &c.parents {
                    tx.add_parent(id, p)?;
                }
                for p in &c.professionals {
                    tx.add_professional(id, p)?;
                }
                tx.insert_review(id, &Review { meeting: c.meeting.clone(), stage: c.stage })?;
            }
            tx.touch_none();
            Ok(())
        })?;
        Ok(caseload.children.len())
    }

    /// The caseload, ordered by surname.
    pub fn children(&self) -> Result<Vec<ChildSummary>, AppError> {
        let today = self.clock.today();
        Ok(self.store.children()?.iter().map(|row| convert::summary(row, &self.las, today)).collect())
    }

    pub fn child(&self, id: i64) -> Result<ChildDetail, AppError> {
        let stored = self.store.child(ChildId(id))?;
        Ok(convert::detail(&stored, &self.las, self.clock.today()))
    }

    /// Validates the form and adds the child, with a review in planning.
    pub fn create_child(&mut self, form: ChildForm) -> Result<Saved, AppError> {
        let record = child::validate(&convert::input(form), &self.las, self.clock.today())?;
        let action = Action { actor: &self.actor, name: "child.create", at: self.clock.now() };
        let id = self.store.write(action, |tx| {
            let id = tx.insert_child(&record)?;
            tx.insert_review(id, &Review { meeting: None, stage: ReviewStage::Planning })?;
            Ok(id)
        })?;
        Ok(Saved { id: id.0 })
    }

    pub fn update_child(&mut self, id: i64, form: ChildForm) -> Result<Saved, AppError> {
        let record = child::validate(&convert::input(form), &self.las, self.clock.today())?;
        let action = Action { actor: &self.actor, name: "child.update", at: self.clock.now() };
        self.store.write(action, |tx| tx.update_child(ChildId(id), &record))?;
        Ok(Saved { id })
    }

    /// Deletes the child and everything recorded about them.
    pub fn delete_child(&mut self, id: i64) -> Result<(), AppError> {
        let action = Action { actor: &self.actor, name: "child.delete", at: self.clock.now() };
        self.store.write(action, |tx| tx.delete_child(ChildId(id)))?;
        Ok(())
    }

    /// Writes a consistent copy of the database to `out` (SQLite online backup).
    pub fn backup(&self, out: &Path) -> Result<(), AppError> {
        Ok(self.store.backup_to(out)?)
    }

    /// The empty form for a new child, with the default LA chosen.
    pub fn new_child_form(&self) -> ChildForm {
        ChildForm { la_id: ardesk_domain::la::DEFAULT_LA.to_owned(), ..ChildForm::default() }
    }
}

#[cfg(test)]
mod tests;
