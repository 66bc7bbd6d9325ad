//! The bundle's `manifest.json` (the contract with the LA's side) and what `ardesk verify` found.

use serde::{Deserialize, Serialize};

use crate::ScanResult;

/// `manifest.json` in every bundle: what the bundle holds, checked by `ardesk verify`. The JSON
/// Schema is `docs/manifest.schema.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub schema_version: u32,
    pub app_version: String,
    pub la_profile: ManifestProfile,
    /// The school that sent the bundle (schema 2; absent from schema 1 bundles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<ManifestSchool>,
    pub child: ManifestChild,
    pub review: ManifestReview,
    pub files: Vec<ManifestFile>,
    /// The index sheet (`00_Index.pdf`): its hash and size, so that it is checked as every
    /// file is (schema 3; absent before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<ManifestIndex>,
    pub validation: Vec<ManifestFinding>,
    /// RFC 3339.
    pub generated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestIndex {
    pub sha256: String,
    pub size: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestProfile {
    pub id: String,
    pub version: u32,
}

/// The sending school, as the LA's register files the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestSchool {
    pub name: String,
    /// The 6-digit Unique Reference Number, when the school has entered it.
    pub urn: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestChild {
    pub initials: String,
    pub la_ref: Option<String>,
    /// YYYY-MM-DD.
    pub dob: String,
    pub looked_after: bool,
    pub year9_plus: bool,
    /// The Unique Pupil Number, when the school holds it (schema 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upn: Option<String>,
    /// The SEN need types as the DfE codes them (SEN2, the school census, the CTF: `ASD`,
    /// `SLCN`…), primary first (schema 5; absent when not recorded).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub need_types: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestReview {
    /// YYYY-MM-DD.
    pub meeting_date: String,
    /// `annual`, `interim` or `early` (spec §9).
    pub review_type: crate::ReviewType,
    /// `maintain`, `amend`, `cease`, or null if none was made.
    pub recommendation: Option<String>,
    pub amendments_proposed: bool,
    /// The plan sections the record proposes to amend ("B", "F"…), in order (schema 2).
    #[serde(default)]
    pub sections_to_amend: Vec<String>,
    /// What the record asks the LA for: `reassessment`, `funding`, `placement`,
    /// `personal_budget` (schema 2).
    #[serde(default)]
    pub requests: Vec<String>,
    /// YYYY-MM-DD: the LA must have decided by then, 12 months from the plan's issue or the
    /// last review's decision (T02; schema 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_deadline: Option<String>,
    /// YYYY-MM-DD: in a phase-transfer year, the day the amended plan naming the next setting is
    /// due (schema 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase_transfer_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    pub name: String,
    /// D01–D19.
    pub category: String,
    pub title: String,
    pub sha256: String,
    pub size: u64,
    /// `generated` or `attached`.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFinding {
    pub rule: String,
    pub severity: String,
    pub document: Option<String>,
    pub message: String,
    pub override_reason: Option<String>,
}

/// What `ardesk verify` (and "Open a received bundle") found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    pub bundle: String,
    /// The bundle is well-formed, complete and every file is as the manifest says.
    pub valid: bool,
    /// The file could not be used at all (not a zip, no manifest that can be read).
    pub unusable: bool,
    /// What makes it not valid: damage, a changed file, or a blocking finding of the rules the
    /// school's own check applies (which would have stopped the school sending it).
    pub problems: Vec<String>,
    /// Warnings of those rules, each with the reason the school recorded (if it did).
    #[serde(default)]
    pub warnings: Vec<String>,
    pub manifest: Option<Manifest>,
    pub files: Vec<ScanResult>,
    /// The content rules' findings on the files as they are in the zip, each with its rule and
    /// document (the LA's register lists what is missing or forbidden from these).
    #[serde(default)]
    pub findings: Vec<VerifiedFinding>,
}

/// One finding of the content rules on a received bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifiedFinding {
    /// V01–V19.
    pub rule: String,
    /// `block` or `warn`.
    pub severity: String,
    /// The document's title, when the finding is about one ("School report / educational
    /// advice").
    pub document: Option<String>,
    pub message: String,
    /// The reason the school recorded for it, if it did.
    pub school_reason: Option<String>,
}
