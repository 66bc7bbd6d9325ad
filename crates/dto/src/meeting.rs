//! The meeting: the AR1 record and who came.

use serde::{Deserialize, Serialize};

use crate::{FieldProblem, TrackedActionDto};

/// A review's AR1 record as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ar1Dto {
    pub review_id: i64,
    pub child_id: i64,
    pub child_name: String,
    /// The LA's title for the form.
    pub title: String,
    /// Section E outcomes, in order (progress fields are `progress.N.…`).
    pub outcomes: Vec<String>,
    /// Every field that has a value, by key (`discussion`, `actions.0.owner`…).
    pub values: std::collections::BTreeMap<String, String>,
    /// How many action rows to show.
    pub action_rows: usize,
    pub pfa_required: bool,
    pub head_teacher_required: bool,
    /// What is still missing before the record can be submitted.
    pub problems: Vec<FieldProblem>,
    /// Everyone invited, with whether they came.
    pub attendees: Vec<AttendeeDto>,
    /// The previous review's agreed actions, for follow-up at this meeting.
    pub previous_actions: Vec<TrackedActionDto>,
    /// What the check-ins since the last review said (issue 20 item 3).
    #[serde(default)]
    pub check_ins: crate::CheckInSummaryDto,
}

/// One invitee in the AR1 record's attendance list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeDto {
    pub invitee_id: i64,
    pub name: String,
    pub role: String,
    pub attendance: crate::Attendance,
}

/// The answer to one autosave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ar1Saved {
    /// "10:32:05", for the "Saved" indicator.
    pub saved_at: String,
    pub problems: Vec<FieldProblem>,
}
