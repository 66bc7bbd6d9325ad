//! Schema versions. Each migration is an SQL script; `PRAGMA user_version` holds the version.
//!
//! `current.sql` is the schema they build, written out for people to read; a test
//! (`tests::schema`) fails if the two disagree, so a new migration comes with a change to it.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};

use crate::StoreError;

/// `PRAGMA application_id` of every Annual Review Desk database ("ARDS").
pub const APPLICATION_ID: i32 = 0x4152_4453;

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("schema.sql")),
    M::up(include_str!("schema_v2.sql")),
    M::up(include_str!("schema_v3.sql")),
    M::up(include_str!("schema_v4.sql")),
    M::up(include_str!("schema_v5.sql")),
    M::up(include_str!("schema_v6.sql")),
    M::up(include_str!("schema_v7.sql")),
    M::up(include_str!("schema_v8.sql")),
    M::up(include_str!("schema_v9.sql")),
    M::up(include_str!("schema_v10.sql")),
    M::up(include_str!("schema_v11.sql")),
    M::up(include_str!("schema_v12.sql")),
    M::up(include_str!("schema_v13.sql")),
    M::up(include_str!("schema_v14.sql")),
    M::up(include_str!("schema_v15.sql")),
    M::up(include_str!("schema_v16.sql")),
    M::up(include_str!("schema_v17.sql")),
    M::up(include_str!("schema_v18.sql")),
    M::up(include_str!("schema_v19.sql")),
    M::up(include_str!("schema_v20.sql")),
    M::up(include_str!("schema_v21.sql")),
    M::up(include_str!("schema_v22.sql")),
    M::up(include_str!("schema_v23.sql")),
    M::up(include_str!("schema_v24.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

/// The migrations up to `version` only: a database as an older build left it (for tests).
#[cfg(test)]
pub(crate) fn up_to(version: usize) -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS.get(..version).unwrap_or(MIGRATIONS))
}

/// Looks at an existing file without changing it: refuses a file that is not ours or that a
/// newer version wrote. Uses a read-only connection so that nothing (not even the journal mode
/// in the header) is written before the decision.
pub(crate) fn inspect(path: &Path, key: Option<&crate::Passphrase>) -> Result<(), StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| StoreError::from_open(path, e))?;
    if let Some(key) = key {
        crate::unlock(&conn, key).map_err(|e| StoreError::from_open(path, e))?;
    }
    let read = |sql: &str| -> Result<i64, StoreError> {
        conn.query_row(sql, [], |r| r.get(0)).map_err(|e| match e.sqlite_error_code() {
            // An encrypted file that does not decrypt: the wrong passphrase, or not a database.
            Some(rusqlite::ErrorCode::NotADatabase) if key.is_some() => {
                StoreError::WrongPassphrase { path: path.to_path_buf() }
            }
            _ => StoreError::from_open(path, e),
        })
    };
    let app_id = read("PRAGMA application_id")?;
    let version = read("PRAGMA user_version")?;
    let objects = read("SELECT count(*) FROM sqlite_master")?;
    if app_id == 0 && objects == 0 && version == 0 {
        return Ok(()); // an empty file: ours to initialise
    }
    if app_id != i64::from(APPLICATION_ID) {
        return Err(StoreError::NotOurs { path: path.to_path_buf() });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { found: version, supported: SCHEMA_VERSION });
    }
    // SQLite has no page checksums, so a damaged b-tree page (a bad disk, a sync tool writing
    // half a file) is otherwise noticed only when a query happens to touch it. Checking the
    // whole file before the first write keeps a damaged database exactly as it was found.
    // It takes about 60 ms for a 2,000-child caseload (docs/quality.md).
    let report = quick_check(&conn).map_err(|e| {
        if key.is_some() {
            // The passphrase opened the first page, so a page that fails SQLCipher's check (an
            // error, where SQLite would list the damage) is damaged.
            StoreError::Damaged { path: path.to_path_buf(), detail: e.to_string() }
        } else {
            StoreError::from_open(path, e)
        }
    })?;
    if report != "ok" {
        return Err(StoreError::Damaged { path: path.to_path_buf(), detail: report });
    }
    Ok(())
}

/// `PRAGMA quick_check`: "ok", or SQLite's list of problems (at most the first few).
pub(crate) fn quick_check(conn: &Connection) -> rusqlite::Result<String> {
    let mut stmt = conn.prepare("PRAGMA quick_check(5)")?;
    let lines = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(lines.join("; "))
}

pub(crate) fn to_latest(conn: &mut Connection) -> Result<(), StoreError> {
    migrations().to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => StoreError::from(err),
        other => StoreError::Migration(other.to_string()),
    })
}
