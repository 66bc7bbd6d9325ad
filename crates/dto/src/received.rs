//! The LA's register of received reviews (`ardesk intake`): one row per bundle, ordered by the
//! date the LA's decision is due.

use serde::{Deserialize, Serialize};

use crate::ReceivedVerdict;

/// One received bundle as the register lists it. Dates are `YYYY-MM-DD`, for a spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedRow {
    /// The bundle's (or the folder's) path as given.
    pub file: String,
    pub verdict: ReceivedVerdict,
    /// The LA profile the school sent it under, and that LA's DfE code (three digits).
    pub la_profile: Option<String>,
    pub la_code: Option<String>,
    pub child_initials: Option<String>,
    /// The child's Unique Pupil Number, when the school sent it (manifest 4).
    pub upn: Option<String>,
    /// The SEN need types in the DfE's codes (SEN2), primary first (manifest 5).
    #[serde(default)]
    pub need_types: Vec<String>,
    /// The LA's own reference for the child, when the school gave it.
    pub la_ref: Option<String>,
    pub school_name: Option<String>,
    /// The school's Unique Reference Number.
    pub school_urn: Option<String>,
    pub meeting_date: Option<String>,
    pub received: String,
    /// The meeting plus the LA's decision period (4 weeks at most, reg 20(10)), or the review
    /// deadline if that comes first.
    pub decision_due: Option<String>,
    /// The 12-month long-stop: the LA must have decided by then (s44(1) CFA 2014; manifest 4).
    pub review_deadline: Option<String>,
    /// In a phase-transfer year, the day the amended plan naming the next setting is due.
    pub phase_transfer_by: Option<String>,
    /// Days from today to `decision_due`: negative when it has passed.
    pub days_left: Option<i64>,
    /// `maintain`, `amend` or `cease`, as the school recommends.
    pub recommendation: Option<String>,
    pub sections_to_amend: Vec<String>,
    /// `reassessment`, `funding`, `placement`, `personal_budget`.
    pub requests: Vec<String>,
    pub looked_after: Option<bool>,
    /// Documents the LA requires that are not in the bundle (V10).
    pub missing: Vec<String>,
    /// Password, macro, file-type and safeguarding findings on the files (V01, V03, V14).
    pub file_findings: Vec<String>,
    /// For a submission sent without this app: each document recognised, as "title: file".
    #[serde(default)]
    pub found: Vec<String>,
    /// Everything that makes it not valid, and the warnings, in full.
    pub problems: Vec<String>,
    pub warnings: Vec<String>,
    /// The latest reply the desk drafted for this review: `returned`, or the decision's code,
    /// and the day (YYYY-MM-DD). Kept in the desk's database, so a folder opened again shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replied: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replied_on: Option<String>,
}

/// "Draft the reply" to one review in the register.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyForm {
    /// The register row's `file`.
    pub file: String,
    /// `returned` (to the school), or the LA's decision: `maintain`, `minor`, `amend`, `cease`.
    pub reply: String,
    /// For a decision: the parent or young person, as "Dear …" and the address's first line;
    /// blank leaves a marked place for the case record's.
    pub recipient: String,
    /// The address, a line each.
    pub address: String,
    /// The child's name as the letter should use it; blank uses the initials.
    pub child_name: String,
}
