//! The daily backup of the database. SQLite has no page checksums, so a failing disk or a sync
//! tool can damage the file without warning; the store finds that at open (`quick_check`) and
//! refuses to touch it. This keeps a good copy to go back to: on the first open each day the
//! database is checked and copied to `backups/<name>-YYYY-MM-DD.sqlite3` beside it, and only
//! the newest [`KEEP`] copies are kept. A damaged database is never copied. A copy is as
//! encrypted as the database (the same passphrase) and private to its owner.

use std::path::{Path, PathBuf};

use ardesk_store::Store;
use chrono::NaiveDate;

use crate::AppError;

/// How many daily copies are kept.
pub const KEEP: usize = 7;

/// The folder the backups of the database at `db` go in.
pub fn folder(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "ardesk".to_owned())
}

/// The backups of the database at `db`, newest first.
pub fn existing(db: &Path) -> Vec<PathBuf> {
    let prefix = format!("{}-", stem(db));
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder(db))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    name.strip_prefix(&prefix)
                        .and_then(|rest| rest.strip_suffix(".sqlite3"))
                        .is_some_and(|date| NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok())
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found.reverse();
    found
}

/// Copies the database to today's backup unless that exists, then removes all but the newest
/// [`KEEP`]. Returns the newest backup, or `None` while the caseload is empty (nothing to keep).
pub fn daily(store: &Store, db: &Path, today: NaiveDate) -> Result<Option<PathBuf>, AppError> {
    if store.child_count()? == 0 {
        return Ok(None);
    }
    let dir = folder(db);
    let target = dir.join(format!("{}-{}.sqlite3", stem(db), today.format("%Y-%m-%d")));
    if !target.exists() {
        // Private to its owner (0700), as the database's own folder is.
        ardesk_store::private_folder(&dir)?;
        store.backup_to(&target)?;
    }
    for old in existing(db).into_iter().skip(KEEP) {
        // A copy that cannot be removed now is tried again tomorrow.
        let _ = std::fs::remove_file(old);
    }
    Ok(Some(target))
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
