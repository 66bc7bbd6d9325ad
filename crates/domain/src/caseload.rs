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
    /// Nothing is late yet, but the meeting booked is after T03: the LA cannot decide before the
    /// review deadline. Never "on track" beside that warning (issue 15 item 13).
    MeetingTooLate,
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

    /// The status once the statutory deadlines are taken into account, before the meeting is
    /// held: past the review deadline (T02) the review is overdue whatever its next step; a
    /// meeting booked after T03 makes a review otherwise due soon or on track "meeting too late".
    pub fn with_meeting(
        self,
        timeline: &Timeline,
        stage: ReviewStage,
        meeting: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Status {
        if stage >= ReviewStage::MeetingHeld || self == Status::NeedsDates {
            return self;
        }
        if timeline.get(MilestoneId::T02).is_some_and(|t02| t02.due < today) {
            return Status::Overdue;
        }
        let late = meeting.zip(timeline.get(MilestoneId::T03)).is_some_and(|(m, t03)| m > t03.date);
        match self {
            Status::DueSoon | Status::OnTrack if late => Status::MeetingTooLate,
            s => s,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::MeetingTooLate => "meeting_too_late",
            Status::NeedsDates => "needs_dates",
            Status::DueSoon => "due_soon",
            Status::OnTrack => "on_track",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Overdue => "Overdue",
            Status::MeetingTooLate => "Meeting too late",
            Status::NeedsDates => "Dates needed",
            Status::DueSoon => "Due soon",
            Status::OnTrack => "On track",
        }
    }

    /// The status in words for a step due on `due` (issue 15 item 13): how late an overdue
    /// step is, and "due today" or "due tomorrow" told apart from "due soon".
    pub fn words(self, due: Option<NaiveDate>, today: NaiveDate) -> String {
        let days = due.map(|d| (d - today).num_days());
        match (self, days) {
            (Status::Overdue, Some(late)) if late < 0 => {
                let late = -late;
                format!("Overdue by {late} day{}", if late == 1 { "" } else { "s" })
            }
            (Status::DueSoon, Some(0)) => "Due today".to_owned(),
            (Status::DueSoon, Some(1)) => "Due tomorrow".to_owned(),
            (s, _) => s.label().to_owned(),
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
    today: NaiveDate,
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
        // Until the record is sent, sending it; an LA's decision overdue is chased (T12C)
        // whatever else is left.
        (ReviewStage::MeetingHeld | ReviewStage::ReadyToSubmit, _) => {
            step(MilestoneId::T12C).or_else(|| step(MilestoneId::T11))
        }
        // Sent, or decided: what the decision's state asks for next (the decision, chasing it,
        // the amendment's dates, the appeal window).
        // A decision the caller does not track leaves the review open: an amendment's long-stop.
        (ReviewStage::Decided, _) if timeline.state == crate::clock::CycleState::Open => {
            step(MilestoneId::T14)
        }
        (ReviewStage::Submitted | ReviewStage::Decided, _) => {
            timeline.after_meeting_step(today).map(|m| NextStep { id: m.id, due: m.due })
        }
    }
}

/// A review the LA sent back and not yet answered: answering it is the next step, before anything
/// else the clock asks (the return names what the record lacks).
pub fn with_return(
    next: Option<NextStep>,
    returned: Option<&crate::returned::LaReturn>,
    holidays: &BankHolidays,
) -> Option<NextStep> {
    match returned.filter(|r| r.is_open()) {
        Some(r) => Some(NextStep { id: MilestoneId::T11R, due: r.due(holidays) }),
        None => next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_15_a_status_says_how_late_and_tells_today_from_soon() {
        let today = d(2026, 12, 1);
        let words = |due: NaiveDate| Status::of(due, today).words(Some(due), today);
        assert_eq!(words(d(2026, 11, 30)), "Overdue by 1 day");
        assert_eq!(words(d(2026, 11, 20)), "Overdue by 11 days");
        assert_eq!(words(today), "Due today");
        assert_eq!(words(d(2026, 12, 2)), "Due tomorrow");
        assert_eq!(words(d(2026, 12, 9)), "Due soon");
        assert_eq!(words(d(2027, 3, 1)), "On track");
        assert_eq!(Status::NeedsDates.words(None, today), "Dates needed");
    }
    use crate::calendar::SchoolCalendar;
    use crate::clock::{ClockInput, Transfers, timeline};
    use crate::la::LaCatalogue;

    /// Issue 15 item 13: "On track" is never shown above "the meeting is after T03 — bring it
    /// forward" (reg 20(10)/22: the LA needs its four weeks before the review deadline).
    #[test]
    fn issue_15_a_meeting_after_t03_is_never_on_track() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let profile = cat.get("redcar").unwrap_or_else(|| unreachable!());
        let holidays = BankHolidays::embedded();
        let today = d(2025, 11, 1);
        let clock = |meeting: NaiveDate| {
            let input = ClockInput {
                anchor: Some(d(2025, 3, 1)),
                dob: d(2016, 2, 3),
                ncy_offset: 0,
                meeting: Some(meeting),
                profile,
                transfers: Transfers::default(),
                today,
            };
            timeline(&input, &holidays, &SchoolCalendar::default()).unwrap_or_else(|e| unreachable!("{e}"))
        };
        let t03 = clock(d(2026, 1, 20)).get(MilestoneId::T03).map(|m| m.date).unwrap_or_default();
        let (on_time, late) = (clock(t03), clock(t03 + chrono::Days::new(1)));
        assert!(!late.meeting_warnings(Some(t03 + chrono::Days::new(1))).is_empty(), "the warning shows");
        assert!(on_time.meeting_warnings(Some(t03)).is_empty());
        let with = |status: Status, tl: &Timeline, stage: ReviewStage, m: NaiveDate| {
            status.with_meeting(tl, stage, Some(m), today)
        };
        let day_after = t03 + chrono::Days::new(1);
        for stage in [ReviewStage::Planning, ReviewStage::InvitationsSent, ReviewStage::ReportsDue] {
            assert_eq!(with(Status::OnTrack, &late, stage, day_after), Status::MeetingTooLate, "{stage:?}");
            assert_eq!(with(Status::DueSoon, &late, stage, day_after), Status::MeetingTooLate, "{stage:?}");
            assert_eq!(with(Status::Overdue, &late, stage, day_after), Status::Overdue, "late is still late");
            assert_eq!(
                with(Status::OnTrack, &on_time, stage, t03),
                Status::OnTrack,
                "on T03 itself: in time"
            );
        }
        // Once the meeting is held, the warning is history and the next step decides.
        assert_eq!(with(Status::OnTrack, &late, ReviewStage::MeetingHeld, day_after), Status::OnTrack);
        assert_eq!(Status::MeetingTooLate.words(Some(today), today), "Meeting too late");
        // Past the review deadline (T02) with no meeting held, the review is overdue.
        let t02 = late.get(MilestoneId::T02).map(|m| m.due).unwrap_or_default();
        let after = t02 + chrono::Days::new(1);
        assert_eq!(
            Status::OnTrack.with_meeting(&late, ReviewStage::ReportsDue, Some(day_after), after),
            Status::Overdue
        );
        assert_eq!(
            Status::OnTrack.with_meeting(&late, ReviewStage::MeetingHeld, Some(day_after), after),
            Status::OnTrack
        );
    }

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
        let next = next_step(stage, &tl, meeting, false, profile, &holidays, today);
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
        let next = next_step(ReviewStage::ReportsDue, &tl, Some(m), true, profile, &holidays, d(2026, 1, 5));
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
            next_step(ReviewStage::Planning, &tl, meeting, false, profile, &holidays, today)
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
