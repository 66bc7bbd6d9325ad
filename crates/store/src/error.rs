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

    #[error("{} is damaged or is not a database ({detail}). It has not been changed. Restore it from a backup.", path.display())]
    Unreadable { path: PathBuf, detail: String },

    #[error("The database failed its integrity check: {detail}. Restore it from a backup.")]
    Corrupt { detail: String },

    #[error("No {what} with id {id}. It may have been deleted.")]
    NotFound { what: &'static str, id: i64 },

    #[error("A {what} with this {field} already exists.")]
    Duplicate { what: &'static str, field: &'static str },

    #[error("Could not use {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },

    #[error("The database schema could not be updated: {0}")]
    Migration(String),

    #[error("Database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    /// Classifies an error from opening or first using the file at `path`.
    pub(crate) fn from_open(path: &Path, e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
                StoreError::Unreadable { path: path.to_path_buf(), detail: e.to_string() }
            }
            Some(rusqlite::ErrorCode::CannotOpen) | Some(rusqlite::ErrorCode::ReadOnly) => StoreError::Io {
                path: path.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, e.to_string()),
            },
            _ => StoreError::Sqlite(e),
        }
    }
}
