//! The statutory clock: the dashboard, a child's timeline, `ardesk timeline`.

use serde::{Deserialize, Serialize};

use crate::{Stage, Urgency};

/// One line of the caseload dashboard (and of `ardesk caseload --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseloadRow {
    pub child_id: i64,
    pub review_id: Option<i64>,
    pub name: String,
    pub ncy: i32,
    /// "R", "Y6"…
    pub year_group: String,
    /// The maintaining LA's profile id.
    pub la: String,
    pub la_name: String,
    pub looked_after: bool,
    /// The review has a phase-transfer deadline (T16, T17 or T18).
    pub transfer: bool,
    /// `planning`, `invitations_sent`, `reports_due`, `meeting_held`, `ready_to_submit`,
    /// `submitted` or `decided`.
    pub stage: Stage,
    pub stage_label: String,
    pub next: Option<NextStepDto>,
    /// `overdue`, `due_soon` or `on_track`.
    pub status: Urgency,
    pub status_label: String,
    /// Meeting date, for display.
    pub meeting: Option<String>,
    /// Problems with the review's dates (e.g. a meeting too late for the LA to decide in time).
    pub warnings: Vec<String>,
    /// The LA issued an amended plan on this day and no staff briefing is recorded since.
    #[serde(default)]
    pub briefing_due: Option<String>,
    /// The child's transition actions overdue or due within four weeks, as sentences.
    #[serde(default)]
    pub transition_due: Vec<String>,
}

impl CaseloadRow {
    /// What the dashboard and `ardesk caseload` say of a briefing due, if one is.
    pub fn briefing_line(&self) -> Option<String> {
        self.briefing_due
            .as_ref()
            .map(|since| format!("Brief the staff on the amended plan (issued {since})"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStepDto {
    /// Milestone id, e.g. "T06"; "T01" (enter the plan's dates) when the clock has no anchor.
    pub id: String,
    /// ISO date `YYYY-MM-DD`; none for T01, which has no date of its own.
    pub due: Option<String>,
    /// "Send invitations and requests for advice by Tue 23 Dec 2025".
    pub action: String,
}

/// A review's statutory clock, as the child page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildTimeline {
    pub child_id: i64,
    /// "Year 6"…
    pub year_group: String,
    pub pfa_required: bool,
    /// The date the cycle runs from (the LA's last decision letter, the last review meeting or the
    /// date the plan was first issued), for display; none when no date is known.
    pub anchor: Option<String>,
    /// Which date that is and what follows from it, as a sentence.
    pub anchor_explained: String,
    pub la_name: String,
    pub meeting: Option<String>,
    pub next: Option<NextStepDto>,
    pub status: Urgency,
    pub status_label: String,
    pub milestones: Vec<MilestoneDto>,
    /// Whether the school has entered term dates (otherwise holidays cannot be flagged).
    pub term_dates_known: bool,
    /// Problems with the review's dates.
    pub warnings: Vec<String>,
    /// The plan has ceased, from this date (long form): the child is off the active caseload
    /// and the page is kept for the record.
    #[serde(default)]
    pub ceased_from: Option<String>,
}

/// A child whose plan has ceased (the appeal window closed, or an appeal ended): off the active
/// caseload, kept for the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CeasedPlan {
    pub child_id: i64,
    pub name: String,
    pub la_name: String,
    /// Long form, e.g. "21 Jan 2027".
    pub ceased_from: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneDto {
    pub id: String,
    pub title: String,
    /// The computed date, for display ("Sat 28 Feb 2026").
    pub date: String,
    /// The latest working day on or before it, for display.
    pub due: String,
    /// ISO due date.
    pub due_iso: String,
    pub non_working_day: bool,
    pub school_holiday: bool,
    pub passed: bool,
    pub why: String,
    pub source: String,
}

/// `ardesk timeline --json`: one review cycle's clock, computed without a database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineReport {
    pub ncy: i32,
    pub pfa_required: bool,
    pub milestones: Vec<TimelineEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub id: String,
    /// ISO `YYYY-MM-DD`.
    pub date: String,
    /// ISO `YYYY-MM-DD`: the latest working day on or before `date`.
    pub due: String,
    pub why: String,
    pub source: String,
}
