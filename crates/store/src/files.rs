//! The `stored_file` table: every file received or attached, stored once by the SHA-256 of its
//! bytes, with what the password scan said of it. Checklist items and plans refer to it; a file
//! nothing refers to any more (its child deleted, the attachment replaced) is deleted with it.

use rusqlite::{OptionalExtension, params};

use crate::{Store, StoreError, Tx};

/// A stored file attached to a checklist item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRef {
    pub sha256: String,
    /// The name the file had when it was attached.
    pub name: String,
    pub file_type: String,
    pub size: i64,
    /// What the password scan said when it was attached (`None` before schema v8).
    pub scan: Option<FileScan>,
}

/// What the password scan said of a stored file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileScan {
    /// The verdict's code (`ardesk_intake::Verdict::code`): `"ok"`, `"encrypted"`…
    pub verdict: String,
    /// The verdict's detail, for the user (may be empty).
    pub detail: String,
    /// For a `macro` verdict, what would run (`ardesk_domain::content::Active::code`), when
    /// scanned since schema v17.
    pub active: Option<String>,
}

impl Store {
    /// The bytes of a stored file.
    pub fn file_content(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        self.conn
            .query_row("SELECT content FROM stored_file WHERE sha256 = ?1", [sha256], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound { what: "file", id: 0 })
    }
}

impl Tx<'_> {
    /// Stores `content` once, by its SHA-256 (the caller computed `sha256` from `content`).
    pub fn put_file(&mut self, sha256: &str, file_type: &str, content: &[u8]) -> Result<(), StoreError> {
        self.tx.execute(
            "INSERT OR IGNORE INTO stored_file (sha256, size, file_type, content) VALUES (?1, ?2, ?3, ?4)",
            params![sha256, i64::try_from(content.len()).unwrap_or(i64::MAX), file_type, content],
        )?;
        Ok(())
    }

    /// Deletes every stored file that no checklist item or plan refers to any more. Called by the
    /// writes that can leave one behind, so a child's reports go with the child.
    pub(crate) fn drop_unreferenced_files(&mut self) -> Result<usize, StoreError> {
        Ok(self.tx.execute(
            "DELETE FROM stored_file WHERE sha256 NOT IN
                 (SELECT file_sha256 FROM checklist_item WHERE file_sha256 IS NOT NULL
                  UNION SELECT source_sha256 FROM ehc_plan WHERE source_sha256 IS NOT NULL)",
            [],
        )?)
    }

    /// Records what the password scan said of a stored file.
    pub fn set_file_scan(&mut self, sha256: &str, scan: &FileScan) -> Result<(), StoreError> {
        self.tx.execute(
            "UPDATE stored_file SET scan_verdict = ?2, scan_detail = ?3, scan_active = ?4 WHERE sha256 = ?1",
            params![sha256, scan.verdict, scan.detail, scan.active],
        )?;
        Ok(())
    }
}
