//! Amendments to the plan, and the plan import.

use serde::{Deserialize, Serialize};

use crate::{DiffChange, PlanSection, Severity};

/// A run of the word-level difference between current and proposed wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffRun {
    /// `same`, `inserted` or `deleted`.
    pub change: DiffChange,
    pub text: String,
}

/// A vague phrase in proposed Section F wording, by character position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VagueDto {
    pub phrase: String,
    /// Character offsets (not bytes) in the proposed wording.
    pub start: usize,
    pub end: usize,
    pub hint: String,
}

/// The live view of a change as it is typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentPreview {
    pub diff: Vec<DiffRun>,
    pub vague: Vec<VagueDto>,
}

/// A report an amendment can cite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceOption {
    pub item_id: i64,
    pub title: String,
    /// Written by a health professional.
    pub from_health: bool,
    pub received: bool,
}

/// One evidence reference of an amendment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub item_id: i64,
    /// Page or paragraph.
    pub locator: String,
}

/// An amendment as the form holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentForm {
    /// `Front`, `A` … `K`.
    pub section: String,
    pub current: String,
    pub proposed: String,
    pub reason: String,
    pub evidence: Vec<EvidenceRef>,
    pub agreed: bool,
    pub disagreement: String,
}

/// A stored amendment, with its difference and lint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentDto {
    pub id: i64,
    pub section_title: String,
    pub form: AmendmentForm,
    pub preview: AmendmentPreview,
}

/// A problem with the amendments, with how serious it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentProblem {
    pub field: String,
    /// `block` or `warn`.
    pub severity: Severity,
    pub message: String,
    pub hint: String,
}

/// The amendments screen of a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentsDto {
    pub review_id: i64,
    pub child_id: i64,
    pub child_name: String,
    /// The plan's sections, in order (every section, empty text where none is recorded).
    pub plan: Vec<PlanSection>,
    /// The file the plan was imported from, if it was.
    pub plan_source: Option<String>,
    pub amendments: Vec<AmendmentDto>,
    /// "No amendments proposed" is stated.
    pub no_amendments: bool,
    pub problems: Vec<AmendmentProblem>,
    pub evidence_options: Vec<EvidenceOption>,
    /// What "Generate" writes.
    pub mode: crate::AmendmentMode,
    /// The LA profile's choice.
    pub default_mode: crate::AmendmentMode,
}

/// What an imported plan document was found to contain, for the SENCO to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanImportDto {
    pub file_name: String,
    /// Every section, in order; where the document had no heading for one, the text already
    /// recorded.
    pub sections: Vec<PlanSection>,
    /// Codes of the sections not found (their text is what was recorded before).
    pub missing: Vec<String>,
    /// Sections the plan prints together ("Sections E and F" in one table, one "Section H"
    /// for H1 and H2): what the preview says about them, and their parts for the SENCO to
    /// assign. Empty when every section has its own heading.
    #[serde(default)]
    pub combined: Vec<CombinedSectionsDto>,
}

/// Sections a plan prints together, and where the import put each part of their text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CombinedSectionsDto {
    /// The sections' codes, in order: `["E", "F"]`, `["H1", "H2"]`, `["B", "E", "F"]`.
    pub codes: Vec<String>,
    /// The heading as the plan prints it ("Sections E and F: Outcomes and provision"), or the
    /// table's column labels.
    pub heading: String,
    /// What the import did with the text, in plain English, to show as it is.
    pub note: String,
    /// Each part (a table row's cells for one section, or a paragraph), in the plan's order,
    /// with the section it was put in.
    pub parts: Vec<PlanPartDto>,
}

/// A part of combined sections' text and the section it is in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPartDto {
    /// `A` … `K`, `H1`, `H2`.
    pub code: String,
    pub text: String,
}

/// The SENCO's choice of section for one part of combined sections: the part is
/// `PlanImportDto.combined[combined].parts[part]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanPartChoice {
    pub combined: usize,
    pub part: usize,
    /// The section chosen: `A` … `K`, `H1`, `H2`.
    pub code: String,
}
