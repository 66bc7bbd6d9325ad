//! Where each review stands: its next step, whether that is overdue, and the action in words.

use chrono::NaiveDate;

use crate::calendar::{BankHolidays, sub_days};
use crate::clock::{MilestoneId, Timeline};
use crate::la::LaProfile;
use crate::review::ReviewStage;

/// How urgent a review's next step is, in the caseload's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Overdue,
    /// No date of the plan's history is known (a child imported from the MIS), so the clock has
    /// nothing to count from: not overdue, but the SENCO must enter the dates to know.
    NeedsDates,
    DueSoon,
    OnTrack,
}

/// The next step of a child whose plan's history gives the clock no date to count from.
pub const ENTER_THE_PLANS_DATES: &str = "Enter the plan's dates";

/// In place of the anchor's explanation when no date of the plan's history is known.
pub const NO_ANCHOR_EXPLAINED: &str = "No date of the plan's history is known, so the clock has nothing to count from. Enter the date the plan was first issued, or the dates of its last review, in the child's details.";

/// Beside a meeting's milestones when no date of the plan's history is known.
pub const NO_ANCHOR_WARNING: &str =
    "Enter the plan's dates: without them the review deadline (T02) cannot be worked out.";

/// "Due soon" means due within this many days.
pub const DUE_SOON_DAYS: u32 = 14;

impl Status {
    pub fn of(due: NaiveDate, today: NaiveDate) -> Status {
        if due < today {
            Status::Overdue
        } else if due <= crate::calendar::add_days(today, DUE_SOON_DAYS) {
            Status::DueSoon
        } else {
            Status::OnTrack
        }
    }

    /// How a review stands: from its next step when there is one; without one, either the
    /// clock has no anchor (enter the plan's dates) or its dates do not fit together (a meeting
    /// before the anchor), which needs a look now.
    pub fn of_review(anchor_known: bool, next: Option<&NextStep>, today: NaiveDate) -> Status {
        match next {
            Some(n) => Status::of(n.due, today),
            None if !anchor_known => Status::NeedsDates,
            None => Status::Overdue,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::NeedsDates => "needs_dates",
            Status::DueSoon => "due_soon",
            Status::OnTrack => "on_track",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Overdue => "Overdue",
            Status::NeedsDates => "Dates needed",
            Status::DueSoon => "Due soon",
            Status::OnTrack => "On track",
        }
    }
}

/// The next thing that must happen in a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextStep {
    pub id: MilestoneId,
    pub due: NaiveDate,
}

impl NextStep {
    /// "Send invitations and requests for advice by Tue 23 Dec 2025".
    pub fn action(&self) -> String {
        format!("{} {}", self.id.action(), self.due.format("%a %-d %b %Y"))
    }
}

/// The next step of a review at `stage`, from its timeline.
///
/// Before a meeting date is set, the next step is sending invitations in time for the LA's target
/// meeting date (T04 minus the profile's lead time): that is when the SENCO must act.
///
/// Once the papers have been circulated, the next step before the meeting is the meeting itself.
pub fn next_step(
    stage: ReviewStage,
    timeline: &Timeline,
    meeting: Option<NaiveDate>,
    circulated: bool,
    profile: &LaProfile,
    holidays: &BankHolidays,
) -> Option<NextStep> {
    let step = |id: MilestoneId| timeline.get(id).map(|m| NextStep { id, due: m.due });
    match (stage, meeting) {
        (ReviewStage::Planning | ReviewStage::InvitationsSent | ReviewStage::ReportsDue, Some(m))
            if circulated =>
        {
            Some(NextStep { id: MilestoneId::T10, due: m })
        }
        (ReviewStage::Planning | ReviewStage::InvitationsSent | ReviewStage::ReportsDue, None) => {
            let target = timeline.get(MilestoneId::T04)?.date;
            let send_by = sub_days(target, profile.timings.invite_lead_days);
            Some(NextStep { id: MilestoneId::T06, due: holidays.working_day_on_or_before(send_by) })
        }
        (ReviewStage::Planning, Some(_)) => step(MilestoneId::T06),
        (ReviewStage::InvitationsSent, Some(_)) => step(MilestoneId::T08),
        // Until circulation is recorded (a later capability), circulating is the next step.
        (ReviewStage::ReportsDue, Some(_)) => step(MilestoneId::T09),
        (ReviewStage::MeetingHeld | ReviewStage::ReadyToSubmit, _) => step(MilestoneId::T11),
        (ReviewStage::Submitted, _) => step(MilestoneId::T12),
        (ReviewStage::Decided, _) => step(MilestoneId::T14),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::SchoolCalendar;
    use crate::clock::{ClockInput, Transfers, timeline};
    use crate::la::LaCatalogue;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn check(stage: ReviewStage, meeting: Option<NaiveDate>, today: NaiveDate, expect: (&str, &str, Status)) {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let profile = cat.get("redcar").unwrap_or_else(|| unreachable!());
        let holidays = BankHolidays::embedded();
        let input = ClockInput {
            anchor: Some(d(2025, 3, 1)),
            dob: d(2016, 2, 3),
            ncy_offset: 0,
            meeting,
            profile,
            transfers: Transfers::default(),
            today,
        };
        let tl =
            timeline(&input, &holidays, &SchoolCalendar::default()).unwrap_or_else(|e| unreachable!("{e}"));
        let next = next_step(stage, &tl, meeting, false, profile, &holidays);
        let got = next.map(|n| (n.id.code(), n.due.to_string(), Status::of(n.due, today)));
        assert_eq!(got, Some((expect.0, expect.1.to_string(), expect.2)), "{stage:?} {meeting:?} {today}");
    }

    #[test]
    fn next_steps_follow_the_stage() {
        let m = Some(d(2026, 1, 20));
        // No meeting yet: send invitations 42 days before the target meeting (Sun 1 Feb 2026).
        check(ReviewStage::Planning, None, d(2025, 12, 1), ("T06", "2025-12-19", Status::OnTrack));
        check(ReviewStage::Planning, None, d(2025, 12, 10), ("T06", "2025-12-19", Status::DueSoon));
        check(ReviewStage::Planning, None, d(2025, 12, 22), ("T06", "2025-12-19", Status::Overdue));
        check(ReviewStage::Planning, m, d(2025, 11, 1), ("T06", "2025-12-09", Status::OnTrack));
        check(ReviewStage::InvitationsSent, m, d(2025, 12, 20), ("T08", "2025-12-30", Status::DueSoon));
        check(ReviewStage::ReportsDue, m, d(2026, 1, 2), ("T09", "2026-01-06", Status::DueSoon));
        check(ReviewStage::MeetingHeld, m, d(2026, 2, 4), ("T11", "2026-02-03", Status::Overdue));
        check(ReviewStage::Submitted, m, d(2026, 2, 4), ("T12", "2026-02-17", Status::DueSoon));
        check(ReviewStage::Decided, m, d(2026, 2, 4), ("T14", "2026-04-14", Status::OnTrack));
    }

    #[test]
    fn after_circulation_the_meeting_is_next() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let profile = cat.get("redcar").unwrap_or_else(|| unreachable!());
        let holidays = BankHolidays::embedded();
        let m = d(2026, 1, 20);
        let input = ClockInput {
            anchor: Some(d(2025, 3, 1)),
            dob: d(2016, 2, 3),
            ncy_offset: 0,
            meeting: Some(m),
            profile,
            transfers: Transfers::default(),
            today: d(2026, 1, 5),
        };
        let tl =
            timeline(&input, &holidays, &SchoolCalendar::default()).unwrap_or_else(|e| unreachable!("{e}"));
        let next = next_step(ReviewStage::ReportsDue, &tl, Some(m), true, profile, &holidays);
        assert_eq!(next.map(|n| (n.id, n.due)), Some((MilestoneId::T10, m)));
        assert_eq!(next.map(|n| n.action()), Some("Hold the review meeting on Tue 20 Jan 2026".to_owned()));
    }

    #[test]
    fn without_the_plan_s_dates_the_next_step_is_to_enter_them() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let profile = cat.get("redcar").unwrap_or_else(|| unreachable!());
        let holidays = BankHolidays::embedded();
        let today = d(2026, 11, 22);
        let undated = |meeting: Option<NaiveDate>| {
            let input = ClockInput {
                anchor: None,
                dob: d(2016, 2, 3),
                ncy_offset: 0,
                meeting,
                profile,
                transfers: Transfers::default(),
                today,
            };
            let tl = timeline(&input, &holidays, &SchoolCalendar::default())
                .unwrap_or_else(|e| unreachable!("{e}"));
            next_step(ReviewStage::Planning, &tl, meeting, false, profile, &holidays)
        };
        let next = undated(None);
        assert_eq!(next, None);
        let status = Status::of_review(false, next.as_ref(), today);
        assert_eq!((status, status.label()), (Status::NeedsDates, "Dates needed"));
        assert!(status > Status::Overdue);
        // A meeting's own deadlines do not wait for the plan's dates.
        let next = undated(Some(d(2026, 12, 1)));
        assert_eq!(next.map(|n| n.id), Some(MilestoneId::T06));
        assert_eq!(Status::of_review(false, next.as_ref(), today), Status::Overdue);
        // Dates that do not fit together need a look now.
        assert_eq!(Status::of_review(true, None, today), Status::Overdue);
    }

    #[test]
    fn actions_read_as_sentences() {
        let step = NextStep { id: MilestoneId::T06, due: d(2025, 12, 23) };
        assert_eq!(step.action(), "Send invitations and requests for advice by Tue 23 Dec 2025");
    }
}
