//! Errors as the UI and CLI see them: a code to branch on, and every problem by field.

use serde::{Deserialize, Serialize};

/// A stable code the UI and CLI branch on. Never branch on the message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input has problems; see `problems`.
    Validation,
    NotFound,
    /// The action does not fit the current state (e.g. demo into a caseload that has children).
    Conflict,
    /// The database was written by a newer version of the app.
    NewerSchema,
    /// The file is not an Annual Review Desk database, or is damaged.
    NotOurDatabase,
    /// The database is encrypted and no passphrase, or the wrong one, was given.
    Locked,
    /// A new caseload is to be made, and this computer has no credential store to keep its key
    /// in: the user chooses its passphrase, and gives it at each start.
    NeedsPassphrase,
    Storage,
    Io,
    /// The backend is not ready (for example the database could not be opened at start).
    Unavailable,
    /// The user closed a file dialog without choosing a file: not an error to show.
    Cancelled,
}

/// An error as the UI and CLI see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDto {
    pub code: ErrorCode,
    /// What happened and what to do next, in plain British English.
    pub message: String,
    /// For `validation`: one entry per field with a problem.
    pub problems: Vec<FieldProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    /// The form field (`ChildForm` member name) the message belongs next to.
    pub field: String,
    pub message: String,
    pub hint: String,
}
