//! The app itself, and what any save answers.

use serde::{Deserialize, Serialize};

/// What the window shows in its header and on first run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppInfo {
    pub version: String,
    /// The database file's name (never the full path: the UI has no use for paths).
    pub database: String,
    pub child_count: i64,
    /// Where today's backup of the database went, or why it failed.
    pub backup: String,
    pub school: Option<String>,
    pub las: Vec<LaOption>,
}

/// A local authority the user can choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaOption {
    pub id: String,
    pub name: String,
}

/// What a successful save returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub id: i64,
}

/// What a save-to-file action wrote (the file name only: the UI never sees paths).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exported {
    pub file_name: String,
    pub items: usize,
}
