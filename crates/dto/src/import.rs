//! Pupils imported from the school's MIS (a Common Transfer File or a CSV report): what an
//! import would do, shown before anything is written, and what it did.

use serde::{Deserialize, Serialize};

/// What an import of one file does (a preview) or did (`written`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PupilImport {
    pub file_name: String,
    /// "Common Transfer File (CTF 25.0)" or "CSV report".
    pub source: String,
    /// The LA that new children are saved against.
    pub la_name: String,
    /// New children, by UPN.
    pub added: Vec<ImportedPupilRow>,
    /// Children already on the caseload whose MIS details changed.
    pub updated: Vec<ImportedPupilRow>,
    pub unchanged: Vec<ImportedPupilRow>,
    /// Pupils (or rows) not imported, each with why.
    pub skipped: Vec<SkippedPupil>,
    /// Whether the caseload was changed (false for a preview).
    pub written: bool,
    /// A CSV's columns and what each was read as, for the mapping step (empty for a CTF).
    pub columns: Vec<ImportColumn>,
    /// What a CSV needs that no column gives ("UPN", "Date of birth"…).
    pub missing: Vec<String>,
    /// Every field a CSV column can be read as, for the mapping step.
    pub fields: Vec<String>,
}

/// One pupil an import adds, updates or leaves as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedPupilRow {
    pub upn: String,
    pub name: String,
    /// "Year 6", "Reception"…
    pub year_group: String,
    /// Parents and carers with parental responsibility in the file.
    pub parents: usize,
    /// Of those, how many have a court order (nothing is sent to them automatically).
    pub restricted: usize,
    /// What changes, or what of the SENCO's is kept, one line each.
    pub changes: Vec<String>,
}

/// A pupil or row not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedPupil {
    pub upn: Option<String>,
    /// The pupil's position in a CTF, or the spreadsheet row of a CSV (the header is row 1).
    pub row: usize,
    pub reason: String,
}

/// One column of a CSV report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportColumn {
    pub index: usize,
    /// The spreadsheet's column letter: "A", "AB".
    pub letter: String,
    pub header: String,
    /// The field it is read as (one of [`PupilImport::fields`]), if any.
    pub field: Option<String>,
}

/// A child as `ardesk pupils --json` lists them: the caseload line, the names as the MIS and
/// the school hold them, and their parents and carers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pupil {
    #[serde(flatten)]
    pub summary: crate::ChildSummary,
    pub upn: Option<String>,
    pub legal_forenames: String,
    pub legal_surname: String,
    pub preferred_name: Option<String>,
    /// The SEN need type codes, primary first.
    #[serde(default)]
    pub need_types: Vec<String>,
    pub parents: Vec<PupilParent>,
}

/// A parent or carer, as listed with a pupil.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PupilParent {
    pub name: String,
    pub relationship: String,
    pub parental_responsibility: bool,
    /// A court order restricts contact: nothing is sent to them automatically.
    pub court_order: bool,
}
