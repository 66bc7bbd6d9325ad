use std::path::{Path, PathBuf};

/// Everything that can go wrong in the store. Callers branch on the variant, never the message.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "This database was written by a newer version of Annual Review Desk (schema {found}; this \
         version understands up to {supported}). It has not been changed. Install the newer \
         version to open it."
    )]
    NewerSchema { found: i64, supported: i64 },

    #[error("{} is not an Annual Review Desk database. It has not been changed. Choose another file.", path.display())]
    NotOurs { path: PathBuf },

    #[error(
        "{} is encrypted, and no passphrase was given to open it{}. Nothing was changed.",
        path.display(),
        if *new { " (a new database is always encrypted, so it needs one too)" } else { "" }
    )]
    Locked { path: PathBuf, new: bool },

    #[error(
        "The passphrase does not open {}: either it is not this database's passphrase, or the file \
         is not an Annual Review Desk database. It has not been changed.",
        path.display()
    )]
    WrongPassphrase { path: PathBuf },

    #[error(
        "{} is already open in another Annual Review Desk window. Use that window, or close it \
         and start again.",
        path.display()
    )]
    OpenElsewhere { path: PathBuf },

    #[error("{} is already encrypted.", path.display())]
    AlreadyEncrypted { path: PathBuf },

    #[error("{} is damaged or is not a database ({detail}). It has not been changed. Restore it from a backup.", path.display())]
    Unreadable { path: PathBuf, detail: String },

    #[error(
        "{} is damaged ({detail}). It has not been changed. Restore the newest backup of it.",
        path.display()
    )]
    Damaged { path: PathBuf, detail: String },

    #[error(
        "The database is damaged ({detail}), so nothing was saved. Everything saved before is \
         untouched. Close Annual Review Desk and restore the newest backup of the database."
    )]
    Corrupt { detail: String },

    #[error(
        "The disk holding the database is full, so this change was not saved. Everything saved \
         before it is safe. Free some space and try again."
    )]
    Full,

    #[error(
        "The database cannot be written: its file or folder is read-only, so this change was not \
         saved. Everything saved before it is safe. Check that you can write to the database's \
         folder and file."
    )]
    ReadOnly,

    #[error(
        "{} is read-only, so the database in it cannot be opened: SQLite keeps its journal \
         beside the database. Nothing was changed. Move the database to a folder you can write \
         to, or ask IT for write access to this one.",
        path.display()
    )]
    ReadOnlyFolder { path: PathBuf },

    #[error(
        "The disk could not read or write the database ({detail}), so this change was not saved. \
         Everything saved before it is safe. Check the disk or network drive, then try again."
    )]
    Disk { detail: String },

    #[error("No {what} with id {id}. It may have been deleted.")]
    NotFound { what: &'static str, id: i64 },

    #[error("A {what} with this {field} already exists.")]
    Duplicate { what: &'static str, field: &'static str },

    #[error("Could not use {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },

    #[error("The database schema could not be updated: {0}")]
    Migration(String),

    #[error("Database error: {0}")]
    Sqlite(rusqlite::Error),
}

/// SQLite's errors that people can act on (a damaged file, a full disk, a read-only folder, a
/// failing disk) get their own variants, wherever in the store they happen.
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseCorrupt | C::NotADatabase) => StoreError::Corrupt { detail: e.to_string() },
            Some(C::DiskFull) => StoreError::Full,
            Some(C::ReadOnly) => StoreError::ReadOnly,
            Some(C::SystemIoFailure) => StoreError::Disk { detail: e.to_string() },
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// Classifies an error from opening or first using the file at `path`.
    pub(crate) fn from_open(path: &Path, e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => {
                StoreError::Unreadable { path: path.to_path_buf(), detail: e.to_string() }
            }
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
                StoreError::Damaged { path: path.to_path_buf(), detail: e.to_string() }
            }
            Some(rusqlite::ErrorCode::CannotOpen) | Some(rusqlite::ErrorCode::ReadOnly) => {
                let dir = folder(path);
                if !can_write_in(dir) {
                    return StoreError::ReadOnlyFolder { path: dir.to_path_buf() };
                }
                StoreError::Io {
                    path: path.to_path_buf(),
                    source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, e.to_string()),
                }
            }
            _ => StoreError::from(e).on_disk(Some(path)),
        }
    }

    /// Refines an error from reading or writing the database at `path` (`None` in memory): a
    /// disk error on a disk with no room left is a full disk (SQLite reports a full disk as an
    /// I/O error when it is the `-shm` or `-wal` file that cannot grow).
    pub(crate) fn on_disk(self, path: Option<&Path>) -> StoreError {
        match (self, path) {
            (StoreError::Disk { .. }, Some(path))
                if fs4::available_space(folder(path)).is_ok_and(|free| free < NEARLY_FULL) =>
            {
                StoreError::Full
            }
            (other, _) => other,
        }
    }
}

/// Below this much free space, a failed write is put down to a full disk.
const NEARLY_FULL: u64 = 1024 * 1024;

pub(crate) fn folder(path: &Path) -> &Path {
    path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Whether a new file can be made in `dir` (a read-only mount or folder says no, whoever asks).
pub(crate) fn can_write_in(dir: &Path) -> bool {
    let probe = dir.join(format!(".ardesk-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => e.kind() == std::io::ErrorKind::AlreadyExists,
    }
}
