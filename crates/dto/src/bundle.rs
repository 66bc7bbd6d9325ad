//! The submission bundle as the school checks and exports it, and `ardesk scan`.

use serde::{Deserialize, Serialize};

use crate::{FileSource, FixAt, Severity, Verdict};

/// The password, encryption and macro verdict on one file (`ardesk scan --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanResult {
    pub file: String,
    /// `ok`, `encrypted`, `macro`, `unsupported`, `too_large` or `unreadable`.
    pub verdict: Verdict,
    pub detail: String,
    /// Credential-like text found in the file ("password: ****"), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<String>,
    /// For a `macro` verdict, what would run or fetch something: `macros`, `activex`,
    /// `embedded_object`, `external_template`, `javascript`, `launch` or `embedded_file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<String>,
    /// What to do about it, in the menus of the program that made it (empty when `ok`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fix: String,
}

/// One finding of the bundle validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingDto {
    /// V01–V19.
    pub rule: String,
    /// `block`, `warn` or `info`.
    pub severity: Severity,
    pub document: Option<String>,
    pub message: String,
    pub fix: String,
    /// Where in the app to fix it: `ar1`, `prep`, `amendments` or `none`.
    pub fix_at: FixAt,
    pub can_override: bool,
    /// The reason recorded for overriding it.
    pub overridden: Option<String>,
}

/// One file of the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleFileDto {
    /// `NN_CODE.ext`.
    pub name: String,
    pub title: String,
    /// `generated` or `attached`.
    pub source: FileSource,
    pub size: u64,
    /// The scan's verdict (`ok`, `encrypted`…) and why.
    pub verdict: Verdict,
    pub detail: String,
}

/// The bundle as it would be exported now, and what stops it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleCheckDto {
    pub review_id: i64,
    pub child_id: i64,
    /// The zip's name, without `.zip`.
    pub name: String,
    pub files: Vec<BundleFileDto>,
    pub findings: Vec<FindingDto>,
    /// Any "block" finding not overridden.
    pub blocked: bool,
    /// How to send the exported bundle: the LA's channel and address, one zip or its files.
    #[serde(default)]
    pub how_to_send: String,
    /// The suggested email subject (or upload label): the child's initials and the LA's
    /// reference, never a name.
    #[serde(default)]
    pub subject: String,
}

/// How far the bundle export has got, in bytes written and read back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleProgress {
    pub done: u64,
    pub total: u64,
    /// An export is under way.
    pub running: bool,
}
