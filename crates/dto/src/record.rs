//! Everything held about one child, as exported for a subject access request or for the next
//! setting (issue 17 item 5): `record.json` in the export is this, beside a readable index.

use serde::{Deserialize, Serialize};

use crate::{AfterMeetingDto, AmendmentsDto, Ar1Dto, ChildDetail, ReviewPrep};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordExport {
    /// The day it was made (dd/mm/yyyy) and by which school.
    pub made_on: String,
    pub school: Option<String>,
    pub child: ChildDetail,
    /// What the MIS last said of the child, as imported (JSON as stored), if they were imported.
    pub mis_snapshot: Option<String>,
    /// Every review, oldest first.
    pub reviews: Vec<ReviewExport>,
    /// Every file held about them, in the export's `files/` folder.
    pub files: Vec<ExportedFile>,
    /// What was done to their records, and by whom (no content: actions only).
    pub audit: Vec<AuditEntry>,
    /// Every check-in between reviews, oldest first.
    #[serde(default)]
    pub check_ins: Vec<crate::CheckInDto>,
    /// The transition plan, when one was made.
    #[serde(default)]
    pub transition: Option<crate::TransitionDto>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewExport {
    pub prep: ReviewPrep,
    pub ar1: Ar1Dto,
    pub amendments: AmendmentsDto,
    pub after: AfterMeetingDto,
    /// The views typed in for checklist items: (item title, the views as typed).
    pub views: Vec<(String, String)>,
    /// The record of the meeting as a PDF in the export, when anything of it was recorded.
    pub ar1_record: Option<String>,
    /// The school's requests to the LA after this review.
    #[serde(default)]
    pub requests: Vec<crate::LaRequestDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedFile {
    /// Its path in the export (`files/…`).
    pub path: String,
    /// What it is: the checklist item it was attached to, or the plan it was imported as.
    pub what: String,
    /// Its name when it was attached.
    pub original_name: String,
    pub size: i64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub user: String,
    pub action: String,
    /// The record it touched: its type and id.
    pub record: String,
}
