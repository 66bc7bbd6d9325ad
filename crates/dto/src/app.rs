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
    /// Every LA a child can be saved against: the school's own first (see [`LaOption::yours`]),
    /// then every other LA in England; each part by name.
    pub las: Vec<LaOption>,
    /// Whether the database is encrypted on disk (false: made before encryption, to be
    /// encrypted).
    pub encrypted: bool,
    /// The recovery passphrase of a database just created, shown until the user says it is
    /// written down ([`crate::commands`]' `recovery_noted`); never again after.
    pub recovery_passphrase: Option<String>,
}

/// A local authority the user can choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaOption {
    /// The profile id (`kent`, `la-306`).
    pub id: String,
    pub name: String,
    /// The DfE three-digit LA code ("306"), empty if the profile stands for no LA in the list.
    pub code: String,
    /// One of the school's LAs: a shipped profile, one the school added or edited in Settings,
    /// or one a child is saved against. The others are every other LA in England, with the
    /// statutory defaults.
    pub yours: bool,
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
