//! The contract between the UI (wasm) and the backend (Tauri commands and `ardesk --json`).
//!
//! These are plain data: no domain logic, no validation. Dates arrive already formatted for
//! display (`3 Feb 2026`) or for inputs (`03/02/2026`), so the UI needs no date arithmetic.
//! Changing a type here changes the contract: the UI, the Tauri commands and the CLI's JSON
//! output all move together.

use serde::{Deserialize, Serialize};

/// What the window shows in its header and on first run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppInfo {
    pub version: String,
    /// The database file's name (never the full path: the UI has no use for paths).
    pub database: String,
    pub child_count: i64,
    pub school: Option<String>,
    pub las: Vec<LaOption>,
}

/// A local authority the user can choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaOption {
    pub id: String,
    pub name: String,
}

/// One line of the caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildSummary {
    pub id: i64,
    /// Preferred name and surname.
    pub name: String,
    pub legal_name: String,
    pub dob: String,
    pub ncy: i32,
    /// "R", "Y6"…
    pub year_group: String,
    pub la_id: String,
    pub la_name: String,
    pub looked_after: bool,
    /// Stage code of the current review (`planning`, …), if one has been started.
    pub stage: Option<String>,
    pub stage_label: Option<String>,
    /// Meeting date of the current review, for display.
    pub meeting: Option<String>,
}

/// A child with everything the child page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildDetail {
    pub id: i64,
    pub name: String,
    pub legal_name: String,
    pub dob: String,
    /// "Year 6", "Reception"…
    pub year_group: String,
    pub upn: Option<String>,
    pub la_name: String,
    pub la_ref: Option<String>,
    pub looked_after: bool,
    pub plan_issued: String,
    pub last_review_decision: Option<String>,
    pub sections: Vec<PlanSection>,
    pub parents: Vec<Parent>,
    pub professionals: Vec<ProfessionalContact>,
    pub review: Option<ReviewSummary>,
    /// The child's details as the edit form shows them.
    pub form: ChildForm,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSection {
    /// "A" … "K".
    pub code: String,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parent {
    pub name: String,
    pub relationship: String,
    pub parental_responsibility: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub preferred_contact: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfessionalContact {
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSummary {
    pub id: i64,
    pub stage: String,
    pub stage_label: String,
    pub meeting_date: Option<String>,
    pub meeting_time: Option<String>,
    pub venue: Option<String>,
}

/// The add/edit child form, exactly as typed. The backend validates it and answers with every
/// problem at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildForm {
    pub legal_forenames: String,
    pub legal_surname: String,
    pub preferred_name: String,
    /// `dd/mm/yyyy`.
    pub dob: String,
    pub upn: String,
    pub ncy_offset: String,
    pub looked_after: bool,
    pub la_id: String,
    pub la_ref: String,
    /// `dd/mm/yyyy`.
    pub plan_issue_date: String,
}

/// What a successful save returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub id: i64,
}

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
    Storage,
    Io,
    /// The backend is not ready (for example the database could not be opened at start).
    Unavailable,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_are_snake_case_strings() {
        let json = serde_json::to_string(&ErrorCode::NewerSchema).unwrap_or_default();
        assert_eq!(json, "\"newer_schema\"");
    }
}
