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
    /// The decision, once recorded.
    #[serde(default)]
    pub decided: Option<crate::Decision>,
    pub decided_on: Option<String>,
    /// T11: the record to the LA by.
    pub report_due: Option<String>,
    /// T12: the LA's decision due by.
    pub decision_due: Option<String>,
    /// T14: the final plan due by (if the plan is amended).
    pub final_plan_due: Option<String>,
    /// Where the review stands after its meeting ("open", "decision_overdue", "amending",
    /// "concluded", "cease_appeal_window", "cease_appealed", "ceased") and its words.
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub state_label: String,
    /// T12C: the LA's decision is overdue: chase the LA (from this date).
    #[serde(default)]
    pub chase_la: Option<String>,
    /// T13: representations on the draft amended plan close.
    #[serde(default)]
    pub representations_close: Option<String>,
    /// T21: the last day to appeal to the Tribunal.
    #[serde(default)]
    pub appeal_by: Option<String>,
    /// What followed the decision, as recorded (for the form, dd/mm/yyyy).
    #[serde(default)]
    pub after_decision: AfterDecisionForm,
    pub actions: Vec<TrackedActionDto>,
    /// The review that the decision started, once recorded.
    pub next_review_id: Option<i64>,
    /// Each time the LA sent the review back, oldest first; the last may be open.
    #[serde(default)]
    pub returns: Vec<LaReturnDto>,
    /// The staff briefed on the plan after this review, oldest first (issue 20).
    #[serde(default)]
    pub briefings: Vec<BriefingDto>,
    /// The plan changed (the final amended plan was issued, on this day) and nobody has been
    /// briefed since: brief the staff.
    #[serde(default)]
    pub briefing_due: Option<String>,
    /// The SENCO's reflection on this review, as saved (empty until then).
    #[serde(default)]
    pub reflection: ReflectionForm,
}

/// The reflection at the end of a review (issue 20 item 5): three short answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReflectionForm {
    /// What worked well in this review.
    pub worked: String,
    /// What could have gone better.
    pub improve: String,
    /// What to do differently to make the next review more effective.
    pub next_time: String,
}

/// One review's reflection, as the caseload lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReflectionDto {
    pub review_id: i64,
    pub child_id: i64,
    pub child_name: String,
    /// Long form.
    pub meeting: Option<String>,
    pub written_on: String,
    pub answers: ReflectionForm,
}

/// Staff briefed on the plan: when (long form) and who.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefingDto {
    pub on: String,
    pub who: String,
}

/// "Record a briefing": who was briefed ("Class teacher and TA") and the day (dd/mm/yyyy).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefingForm {
    pub who: String,
    pub date: String,
}

/// The LA sent the review back asking for more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaReturnDto {
    /// Long form, e.g. "Fri 20 Nov 2026".
    pub returned_on: String,
    /// The date the LA asked for an answer by, if it gave one.
    pub respond_by: Option<String>,
    /// Not yet sent back: answering it is the review's next step, due on `due`.
    pub open: bool,
    pub due: String,
    /// Why `due` is that date.
    pub why: String,
    pub items: Vec<ReturnItemDto>,
    pub resubmitted_on: Option<String>,
}

/// One thing the LA asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnItemDto {
    /// Its place in the LA's list (the key to tick it off).
    pub position: usize,
    pub asked: String,
    /// The day it was ticked off, long form.
    pub done_on: Option<String>,
}

/// The LA's return as the form holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnForm {
    /// The date the LA sent it back (dd/mm/yyyy).
    pub returned_on: String,
    /// The date the LA wants an answer by (dd/mm/yyyy), "" if it gave none.
    pub respond_by: String,
    /// What the LA asked for, one item per line.
    pub asked: String,
}

/// What followed the LA's decision, as the form holds it: dates as dd/mm/yyyy, "" for not yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AfterDecisionForm {
    /// Amend: the notice of the proposed amendments (with the plan and evidence).
    pub notice: String,
    /// Amend: the draft amended plan, when served later than the notice.
    pub draft: String,
    /// Amend: the final amended plan issued.
    pub final_plan: String,
    /// A mediation certificate (for an appeal).
    pub mediation_certificate: String,
    /// Cease: a Tribunal appeal lodged, and when it ended (cease upheld or withdrawn).
    pub appeal_lodged: String,
    pub appeal_ended: String,
}

/// The LA's decision as the form holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionForm {
    /// `None` until chosen.
    pub decision: Option<crate::Decision>,
    /// The decision letter's date (dd/mm/yyyy).
    pub date: String,
}

/// A request to the LA after a review (issue 20 item 1), as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForm {
    pub kind: Option<crate::RequestKind>,
    /// The school's reasons, one a line.
    pub grounds: String,
    /// The day the letter goes, dd/mm/yyyy.
    pub sent_on: String,
    /// The review's documents sent with it (checklist item ids), in the letter's order.
    pub evidence: Vec<i64>,
}

/// The LA's answer to a request, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerForm {
    pub outcome: Option<crate::RequestOutcome>,
    /// The day of the LA's answer, dd/mm/yyyy.
    pub date: String,
    pub note: String,
}

/// A request made after a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaRequestDto {
    pub id: i64,
    pub review_id: i64,
    pub child_id: i64,
    pub child_name: String,
    pub kind: crate::RequestKind,
    pub kind_label: String,
    pub grounds: String,
    /// Long form.
    pub sent_on: String,
    /// The documents sent with it, by title.
    pub evidence: Vec<String>,
    /// When the law sets one: the LA's answer due by (a re-assessment: 15 days).
    pub answer_due: Option<String>,
    /// Unanswered and past its answer date.
    pub overdue: bool,
    pub outcome: Option<crate::RequestOutcome>,
    pub outcome_label: Option<String>,
    pub answered_on: Option<String>,
    pub note: String,
}

/// A document of the review that can go with a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceChoice {
    /// The checklist item.
    pub item: i64,
    pub title: String,
    /// Long form, when known.
    pub received_on: Option<String>,
    /// It reached the school after the review went to the LA: evidence the LA has not seen.
    pub new: bool,
}

/// The requests panel of a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestsDto {
    pub review_id: i64,
    pub requests: Vec<LaRequestDto>,
    pub evidence: Vec<EvidenceChoice>,
    /// The LA's decision is recorded: a reconsideration can be asked for.
    pub decided: bool,
}

/// A check-in between reviews (issue 20 item 3), as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInForm {
    /// dd/mm/yyyy.
    pub date: String,
    /// Progress towards the plan's outcomes.
    pub progress: String,
    /// What the child said.
    pub child_view: String,
    /// What the parents or carers said.
    pub parent_view: String,
}

/// A check-in as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInDto {
    pub id: i64,
    /// Long form.
    pub on: String,
    pub progress: String,
    pub child_view: String,
    pub parent_view: String,
}

/// A child's check-ins since the last review, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInsDto {
    pub child_id: i64,
    pub check_ins: Vec<CheckInDto>,
    /// Check-ins before the last review, not listed.
    pub earlier: usize,
}

/// What the check-ins since the last review said, for the next review: each answer dated, one
/// a line; empty where nothing was said.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInSummaryDto {
    pub progress: String,
    pub child: String,
    pub parents: String,
}

/// The receiving setting as the transition plan's form holds it (issue 20 item 4).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivingSettingForm {
    /// The school or college.
    pub setting: String,
    /// The person there.
    pub contact: String,
    pub email: String,
    pub phone: String,
}

/// A transition action as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionActionForm {
    pub action: String,
    pub owner: String,
    /// dd/mm/yyyy, or blank.
    pub due: String,
}

/// A transition action as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionActionDto {
    pub id: i64,
    pub action: String,
    pub owner: String,
    /// Long form.
    pub due: Option<String>,
    pub done: Option<String>,
    /// Not done and past its day.
    pub overdue: bool,
}

/// A child's transition plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionDto {
    pub child_id: i64,
    /// From Year 9, or in a phase-transfer year.
    pub applies: bool,
    /// Why it applies, in words.
    pub why: Option<String>,
    /// The receiving setting, as recorded (empty until then).
    pub setting: ReceivingSettingForm,
    pub actions: Vec<TransitionActionDto>,
}
