//! The daily backup of the database. SQLite has no page checksums, so a failing disk or a sync
//! tool can damage the file without warning; the store finds that at open (`quick_check`) and
//! refuses to touch it. This keeps a good copy to go back to: on the first open each day the
//! database is checked and copied to `backups/<name>-YYYY-MM-DD.sqlite3` beside it, and a copy
//! is deleted once it is [`KEEP_DAYS`] days old (at the first open on or after that day). A
//! damaged database is never copied. A copy is as encrypted as the database (the same
//! passphrase) and private to its owner.
//!
//! That schedule is how an erased child leaves the backups: erasing makes today's copy again
//! without them, and the copies made before it are gone [`KEEP_DAYS`] days later
//! ([`after_erasure`] says on which day).

use std::path::{Path, PathBuf};

use ardesk_store::Store;
use chrono::NaiveDate;

use crate::{AppError, ErrorCode};

/// How many days a daily copy is kept: it is deleted on the day it is this many days old.
pub const KEEP_DAYS: i64 = 7;

/// The folder the backups of the database at `db` go in.
pub fn folder(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "ardesk".to_owned())
}

/// The backups of the database at `db`, newest first.
pub fn existing(db: &Path) -> Vec<PathBuf> {
    dated(db).into_iter().map(|(_, path)| path).collect()
}

/// The backups of the database at `db` with the day each was made, newest first.
fn dated(db: &Path) -> Vec<(NaiveDate, PathBuf)> {
    let prefix = format!("{}-", stem(db));
    let mut found: Vec<(NaiveDate, PathBuf)> = std::fs::read_dir(folder(db))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter_map(|p| {
                    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    let day = name
                        .strip_prefix(&prefix)
                        .and_then(|rest| rest.strip_suffix(".sqlite3"))
                        .and_then(|date| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok())?;
                    Some((day, p))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found.reverse();
    found
}

fn todays(db: &Path, today: NaiveDate) -> PathBuf {
    folder(db).join(format!("{}-{}.sqlite3", stem(db), today.format("%Y-%m-%d")))
}

/// Copies the database to today's backup unless that exists, then deletes the copies
/// [`KEEP_DAYS`] old or older. Returns today's backup, or `None` while the caseload is empty
/// (nothing to keep).
pub fn daily(store: &Store, db: &Path, today: NaiveDate) -> Result<Option<PathBuf>, AppError> {
    age_out(db, today);
    if store.child_count()? == 0 {
        return Ok(None);
    }
    let target = todays(db, today);
    if !target.exists() {
        // Private to its owner (0700), as the database's own folder is.
        ardesk_store::private_folder(&folder(db))?;
        store.backup_to(&target)?;
    }
    Ok(Some(target))
}

/// Deletes the copies made [`KEEP_DAYS`] or more days before `today`.
fn age_out(db: &Path, today: NaiveDate) {
    for (day, old) in dated(db) {
        if (today - day).num_days() >= KEEP_DAYS {
            // A copy that cannot be removed now is tried again at the next open.
            let _ = std::fs::remove_file(old);
        }
    }
}

/// After a child is erased: today's copy is made again without them (or deleted, if nobody is
/// left), and the day the last older copy holding them is deleted is returned (`None` if no
/// copy holds them).
pub fn after_erasure(store: &Store, db: &Path, today: NaiveDate) -> Result<Option<NaiveDate>, AppError> {
    let target = todays(db, today);
    if store.child_count()? > 0 {
        // Written beside it and renamed over it: today's copy is never missing.
        ardesk_store::private_folder(&folder(db))?;
        store.backup_to(&target)?;
    } else if target.exists() {
        std::fs::remove_file(&target).map_err(|e| {
            AppError::new(
                ErrorCode::Io,
                format!("Today's backup {} could not be deleted: {e}", target.display()),
            )
        })?;
    }
    Ok(dated(db)
        .into_iter()
        .filter(|(day, _)| *day < today)
        .map(|(day, _)| day + chrono::Days::new(KEEP_DAYS.unsigned_abs()))
        .max())
}

/// What to say when the database at `db` cannot be opened because it is damaged.
pub fn restore_hint(db: &Path) -> String {
    match existing(db).first() {
        Some(newest) => format!(
            " The newest is {}: close Annual Review Desk, move {} somewhere safe, and copy the \
             backup in its place with the same name.",
            newest.display(),
            db.display()
        ),
        None => " There is no backup of it in the backups folder beside it.".to_owned(),
    }
}
