//! After the meeting: tracked actions and the LA's decision.

use serde::{Deserialize, Serialize};

use crate::Stage;

/// An agreed action as a tracked task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedActionDto {
    pub review_id: i64,
    /// The row it is stored under in the AR1 record (`actions.N.…`).
    pub row: usize,
    pub child_id: i64,
    pub child_name: String,
    pub action: String,
    pub owner: String,
    /// Long form, e.g. "Mon 1 Feb 2027".
    pub deadline: Option<String>,
    pub success_measure: String,
    pub status: crate::ActionStatus,
    pub status_label: String,
    pub note: String,
    /// When the status was last changed.
    pub updated: Option<String>,
    /// Termly check-in dates before the deadline.
    pub check_ins: Vec<String>,
    /// The check-ins were computed without the school's term dates.
    pub check_ins_approximate: bool,
    /// For an open action: the next check-in, or the deadline if that comes first.
    pub next: Option<String>,
    /// Open and past its deadline.
    pub overdue: bool,
}

/// The "after the meeting" panel of a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AfterMeetingDto {
    pub review_id: i64,
    pub child_id: i64,
    pub stage: Stage,
    pub stage_label: String,
    pub meeting: Option<String>,
    /// The meeting date has passed.
    pub held: bool,
    /// How many parts of the AR1 record are still missing.
    pub missing: usize,
    /// Marking the record ready would move the review on: nothing is missing and the stage
    /// machine takes the review there from where it is.
    pub can_mark_ready: bool,
    pub submitted_on: Option<String>,
    /// The decision's label, once recorded.
    pub decision: Option<String>,
    pub decided_on: Option<String>,
    /// T11: the record to the LA by.
    pub report_due: Option<String>,
    /// T12: the LA's decision due by.
    pub decision_due: Option<String>,
    /// T14: the final plan due by (if the plan is amended).
    pub final_plan_due: Option<String>,
    pub actions: Vec<TrackedActionDto>,
    /// The review that the decision started, once recorded.
    pub next_review_id: Option<i64>,
}

/// The LA's decision as the form holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionForm {
    /// `None` until chosen.
    pub decision: Option<crate::Decision>,
    /// The decision letter's date (dd/mm/yyyy).
    pub date: String,
}
