//! The statutory clock (spec §2, rules T01–T21, conventions C1–C7).
//!
//! Given a review cycle's anchor, the child's date of birth, the meeting date (if set) and the
//! maintaining LA's profile, [`timeline`] computes every milestone: its `date` (the computed
//! date, in calendar days, C1) and its `due` date (the latest working day on or before `date`:
//! a deadline is never moved later, C6), with the reason and its source.

use chrono::NaiveDate;

use crate::calendar::{
    BankHolidays, SchoolCalendar, SchoolDay, add_days, add_months, sub_days, sub_months,
    within_months_starting_with,
};
use crate::la::LaProfile;
use crate::ncy::{academic_year_start, nc_year};
use crate::problem::Problem;

/// The milestones the clock computes. The names are the rule ids of the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MilestoneId {
    /// Review deadline: the LA's decision must be made within 12 months starting with the anchor.
    T02,
    /// Latest meeting date that leaves the LA its 4 weeks to decide.
    T03,
    /// The LA's target meeting date.
    T04,
    /// Invitations and requests for advice sent.
    T06,
    /// Statutory notice of the meeting.
    T07,
    /// Reports due back to school.
    T08,
    /// All advice circulated to everyone invited.
    T09,
    /// The meeting itself (used as a step in the caseload, not listed in timelines).
    T10,
    /// Report of the meeting sent to everyone invited and the LA.
    T11,
    /// The LA's decision.
    T12,
    /// Final amended plan.
    T14,
    /// Phase transfer (not post-16): final plan before 15 February.
    T16,
    /// Secondary to post-16: final plan before 31 March.
    T17,
    /// Post-16 to post-16 at another time: review and amend at least 5 months before.
    T18,
}

impl MilestoneId {
    pub fn code(self) -> &'static str {
        match self {
            MilestoneId::T02 => "T02",
            MilestoneId::T03 => "T03",
            MilestoneId::T04 => "T04",
            MilestoneId::T06 => "T06",
            MilestoneId::T07 => "T07",
            MilestoneId::T08 => "T08",
            MilestoneId::T09 => "T09",
            MilestoneId::T10 => "T10",
            MilestoneId::T11 => "T11",
            MilestoneId::T12 => "T12",
            MilestoneId::T14 => "T14",
            MilestoneId::T16 => "T16",
            MilestoneId::T17 => "T17",
            MilestoneId::T18 => "T18",
        }
    }

    /// A short title for lists and calendars.
    pub fn title(self) -> &'static str {
        match self {
            MilestoneId::T02 => "Review deadline (LA decision)",
            MilestoneId::T03 => "Latest meeting date",
            MilestoneId::T04 => "Target meeting date",
            MilestoneId::T06 => "Send invitations and requests for advice",
            MilestoneId::T07 => "Statutory notice of the meeting",
            MilestoneId::T08 => "Reports due back",
            MilestoneId::T09 => "Circulate all advice",
            MilestoneId::T10 => "Review meeting",
            MilestoneId::T11 => "Send the review report",
            MilestoneId::T12 => "LA decision due",
            MilestoneId::T14 => "Final amended plan due",
            MilestoneId::T16 => "Phase transfer: final plan",
            MilestoneId::T17 => "Post-16 transfer: final plan",
            MilestoneId::T18 => "Post-16 move: review and amend",
        }
    }

    /// What the SENCO (or the LA) must do, as a sentence start: "Send invitations by".
    pub fn action(self) -> &'static str {
        match self {
            MilestoneId::T02 => "LA decision needed by",
            MilestoneId::T03 => "Hold the meeting no later than",
            MilestoneId::T04 => "Hold the meeting by",
            MilestoneId::T06 => "Send invitations and requests for advice by",
            MilestoneId::T07 => "Send the meeting notice by",
            MilestoneId::T08 => "Collect reports by",
            MilestoneId::T09 => "Circulate all reports by",
            MilestoneId::T10 => "Hold the review meeting on",
            MilestoneId::T11 => "Send the review report by",
            MilestoneId::T12 => "LA decision due by",
            MilestoneId::T14 => "Final amended plan due by",
            MilestoneId::T16 => "Final plan naming the next school needed by",
            MilestoneId::T17 => "Final plan naming the post-16 setting needed by",
            MilestoneId::T18 => "Review and amend before the move by",
        }
    }
}

/// One computed milestone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    pub id: MilestoneId,
    /// The date the rule computes.
    pub date: NaiveDate,
    /// The latest working day on or before `date`.
    pub due: NaiveDate,
    /// One line: why this date.
    pub why: String,
    /// Where the rule comes from.
    pub source: String,
    /// `date` falls on a weekend or bank holiday (so `due` is earlier).
    pub non_working_day: bool,
    /// `due` falls in a school holiday according to the school's term dates (flagged, not moved).
    pub school_holiday: bool,
}

/// A child's phase transfers other than the standard Year 6 and Year 11 ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Transfers {
    /// The child changes phase at the end of this NC year too (−1 nursery→R, 2 infant→junior,
    /// 4 or 8 in middle-school areas…): T16 applies in that year.
    pub extra_transfer_ncy: Option<i32>,
    /// A post-16 to post-16 move on this date: T18 applies.
    pub post16_move: Option<NaiveDate>,
}

/// What the school knows of a plan's history: any of it may be unknown (a child imported from the
/// MIS arrives with none of it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewHistory {
    /// The date the plan was first issued ("first made", s44(1)(a)); an amended plan issued
    /// later does not restart the clock.
    pub plan_issued: Option<NaiveDate>,
    /// The date of the last annual review meeting.
    pub last_review_meeting: Option<NaiveDate>,
    /// The date of the LA's letter with its decision after the last review meeting.
    pub last_review_decision: Option<NaiveDate>,
}

/// Which date of the plan's history a review cycle counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorKind {
    /// No review recorded yet: the first review is due within 12 months of the plan being made.
    PlanIssued,
    /// The last review's meeting, when the LA's decision letter is not recorded.
    LastReviewMeeting,
    /// The LA's decision letter, which concludes a review.
    LastReviewDecision,
}

/// T01: the date a review cycle counts from, and which date it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub kind: AnchorKind,
    pub date: NaiveDate,
}

impl ReviewHistory {
    /// T01. The law (CFA 2014 s44(1)) counts the first 12 months from the date the plan was
    /// first made and each later 12 months from the date it was last reviewed. A review is
    /// concluded by the LA's decision (reg 20; spec T01/T15), so its letter anchors when known.
    /// Without it, the last review meeting anchors: the review cannot have concluded before its
    /// meeting, so counting from the meeting never puts the deadline later than the law does.
    /// Once a review is recorded the issue date no longer counts, even if it is later (an
    /// amended plan does not restart the clock).
    pub fn anchor(&self) -> Option<Anchor> {
        let anchor = |kind, date: Option<NaiveDate>| date.map(|date| Anchor { kind, date });
        anchor(AnchorKind::LastReviewDecision, self.last_review_decision)
            .or_else(|| anchor(AnchorKind::LastReviewMeeting, self.last_review_meeting))
            .or_else(|| anchor(AnchorKind::PlanIssued, self.plan_issued))
    }

    /// Problems with the order of the dates, each beside its field (named as in the child
    /// form): the meeting after the plan was issued, the decision letter on or after the
    /// meeting (and after the plan), none before the date of birth or after `today`.
    pub fn problems(&self, dob: Option<NaiveDate>, today: NaiveDate) -> Vec<Problem> {
        let when = crate::dates::long;
        let mut out = Vec::new();
        let fields = [
            ("plan_issue_date", "The date the plan was first issued", self.plan_issued),
            ("last_review_meeting", "The last review meeting", self.last_review_meeting),
            ("last_review_decision", "The LA's last decision letter", self.last_review_decision),
        ];
        for (field, what, date) in fields {
            let Some(date) = date else { continue };
            if date > today {
                out.push(Problem::block(
                    field,
                    format!("{what} ({}) is in the future.", when(date)),
                    "Enter a date that has already happened, as dd/mm/yyyy, or leave it blank.",
                ));
            } else if dob.is_some_and(|dob| date < dob) {
                out.push(Problem::block(
                    field,
                    format!("{what} ({}) is before the date of birth.", when(date)),
                    "Check the year of both dates.",
                ));
            } else if field == "last_review_meeting"
                && let Some(issued) = self.plan_issued.filter(|issued| date <= *issued)
            {
                out.push(Problem::block(
                    field,
                    format!(
                        "The last review meeting ({}) is not after the plan was first issued ({}).",
                        when(date),
                        when(issued)
                    ),
                    "A review comes after the plan it reviews. Enter the date the plan was first issued, not the date of an amended plan.",
                ));
            } else if field == "last_review_decision" {
                if let Some(meeting) = self.last_review_meeting.filter(|m| date < *m) {
                    out.push(Problem::block(
                        field,
                        format!(
                            "The LA's decision letter ({}) is before the last review meeting ({}).",
                            when(date),
                            when(meeting)
                        ),
                        "Enter the letter that followed that meeting, or leave it blank if the LA has not decided yet.",
                    ));
                } else if let Some(issued) = self.plan_issued.filter(|issued| date <= *issued) {
                    out.push(Problem::block(
                        field,
                        format!(
                            "The LA's decision letter ({}) is not after the plan was first issued ({}).",
                            when(date),
                            when(issued)
                        ),
                        "Enter the decision letter that followed the last review, and the date the plan was first issued.",
                    ));
                }
            }
        }
        out
    }
}

impl Anchor {
    /// Which date the clock counts from and what follows, in words a SENCO reads.
    pub fn explain(&self) -> String {
        let when = crate::dates::long;
        let deadline = when(within_months_starting_with(self.date, 12));
        match self.kind {
            AnchorKind::PlanIssued => format!(
                "Anchored on the date the plan was first issued, {}: the first review is due within 12 months of it, so the LA's decision is needed by {deadline}.",
                when(self.date)
            ),
            AnchorKind::LastReviewMeeting => format!(
                "Anchored on the last review meeting, {}: the next review is due within 12 months of it, so the LA's decision is needed by {deadline}. When the LA's decision letter arrives, enter its date: the review ended with it.",
                when(self.date)
            ),
            AnchorKind::LastReviewDecision => format!(
                "Anchored on the LA's decision letter after the last review, {}: the next review is due within 12 months of it, so the LA's decision is needed by {deadline}.",
                when(self.date)
            ),
        }
    }
}

/// Everything the clock needs about one review cycle.
#[derive(Debug, Clone, Copy)]
pub struct ClockInput<'a> {
    /// T01 ([`ReviewHistory::anchor`]); `None` when no date of the plan's history is known, so
    /// only the meeting's milestones can be computed.
    pub anchor: Option<NaiveDate>,
    pub dob: NaiveDate,
    pub ncy_offset: i8,
    pub meeting: Option<NaiveDate>,
    pub profile: &'a LaProfile,
    pub transfers: Transfers,
    /// The date used for the NC year when there is no meeting (normally today).
    pub today: NaiveDate,
}

/// The computed clock of one review cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// NC year at the meeting (or today, when no meeting is set).
    pub ncy: i32,
    /// Preparing for adulthood must be covered (Year 9 and above, reg 20(6)).
    pub pfa_required: bool,
    pub milestones: Vec<Milestone>,
}

impl Timeline {
    pub fn get(&self, id: MilestoneId) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.id == id)
    }

    /// A phase-transfer deadline (T16, T17 or T18) applies to this cycle.
    pub fn is_transfer(&self) -> bool {
        [MilestoneId::T16, MilestoneId::T17, MilestoneId::T18].iter().any(|id| self.get(*id).is_some())
    }
}

impl Timeline {
    /// Warnings about the meeting date: after T03 the LA cannot decide before the review deadline;
    /// after T04 it misses the LA's own target.
    pub fn meeting_warnings(&self, meeting: Option<NaiveDate>) -> Vec<String> {
        let Some(m) = meeting else { return Vec::new() };
        let when = crate::dates::long;
        if let Some(t03) = self.get(MilestoneId::T03).filter(|t03| m > t03.date) {
            let t02 = self.get(MilestoneId::T02).map_or(String::new(), |t| when(t.date));
            return vec![format!(
                "The meeting on {} is after {} (T03): the LA cannot decide within its 4 weeks before the review deadline of {t02}. Bring the meeting forward.",
                when(m),
                when(t03.date)
            )];
        }
        match self.get(MilestoneId::T04).filter(|t04| m > t04.date) {
            Some(t04) => vec![format!(
                "The meeting on {} is after the LA's target date of {} (T04).",
                when(m),
                when(t04.date)
            )],
            None => Vec::new(),
        }
    }
}

/// Problems with the input that make a timeline meaningless.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClockError {
    MeetingBeforeAnchor { meeting: NaiveDate, anchor: NaiveDate },
    AnchorBeforeBirth,
}

impl std::fmt::Display for ClockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClockError::MeetingBeforeAnchor { meeting, anchor } => write!(
                f,
                "the meeting ({meeting}) is before the anchor ({anchor}): a review meeting belongs to the cycle that starts on its anchor"
            ),
            ClockError::AnchorBeforeBirth => write!(f, "the anchor is before the date of birth"),
        }
    }
}

const S44: &str = "Children and Families Act 2014 s44(1); SEND Code of Practice 9.169";
const REG20_DECISION: &str =
    "SEND Regulations 2014 reg 20 (LA decision within 4 weeks); Code of Practice 9.176";
const REG20_NOTICE: &str = "SEND Regulations 2014 reg 20(3)";
const REG20_CIRCULATE: &str = "SEND Regulations 2014 reg 20(4); Code of Practice 9.176";
const DEVON: &str = "SEND Regulations 2014 reg 22(3); R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)";

fn weeks(days: u32) -> String {
    if days.is_multiple_of(7) {
        match days / 7 {
            1 => "1 week".to_owned(),
            n => format!("{n} weeks"),
        }
    } else {
        format!("{days} days")
    }
}

/// Computes the timeline of one review cycle.
pub fn timeline(
    input: &ClockInput<'_>,
    holidays: &BankHolidays,
    school: &SchoolCalendar,
) -> Result<Timeline, ClockError> {
    if let Some(anchor) = input.anchor {
        if anchor < input.dob {
            return Err(ClockError::AnchorBeforeBirth);
        }
        if let Some(meeting) = input.meeting.filter(|m| *m < anchor) {
            return Err(ClockError::MeetingBeforeAnchor { meeting, anchor });
        }
    }
    let p = input.profile;
    let t = &p.timings;
    let la = p.name.as_str();
    let la_source = p.sources.first().cloned().unwrap_or_else(|| format!("{la} LA profile"));
    // An LA with the statutory defaults' timings has set none of its own: say the rule, not the LA.
    let statutory = p.id.starts_with(crate::la::DEFAULTS_ID_PREFIX) && *t == crate::la::STATUTORY_TIMINGS;
    let mut out: Vec<(MilestoneId, NaiveDate, String, String)> = Vec::new();

    if let Some(anchor) = input.anchor {
        let t02 = within_months_starting_with(anchor, 12);
        out.push((
            MilestoneId::T02,
            t02,
            format!(
                "The LA must review the plan within the 12 months starting with {} (the date the plan was first issued, or the last review), so its decision is due by this date.",
                crate::dates::long(anchor)
            ),
            S44.to_owned(),
        ));
        out.push((
            MilestoneId::T03,
            sub_days(t02, 28),
            "The LA has 4 weeks after the meeting to decide, so a meeting after this date leaves it too little time before the review deadline.".to_owned(),
            format!("Derived from T02 and {REG20_DECISION}"),
        ));
        out.push((
            MilestoneId::T04,
            add_months(anchor, t.target_meeting_months),
            if statutory {
                format!(
                    "Holding the meeting within {} months of the plan or the last review leaves the LA its 4 weeks to decide within the 12 months.",
                    t.target_meeting_months
                )
            } else {
                format!(
                    "{la} asks for the review meeting within {} months of the plan or the last review.",
                    t.target_meeting_months
                )
            },
            la_source.clone(),
        ));
    }

    let reference_date = input.meeting.unwrap_or(input.today);
    let ncy = nc_year(input.dob, input.ncy_offset, reference_date);

    if let Some(m) = input.meeting {
        out.push((
            MilestoneId::T06,
            sub_days(m, t.invite_lead_days),
            if statutory {
                format!(
                    "Invitations and requests for advice should go out {} before the meeting, so that reports can come back in time (the law sets no date for this).",
                    weeks(t.invite_lead_days)
                )
            } else {
                format!(
                    "{la} expects invitations and requests for advice to go out {} before the meeting, so that reports can come back in time.",
                    weeks(t.invite_lead_days)
                )
            },
            la_source.clone(),
        ));
        out.push((
            MilestoneId::T07,
            sub_days(m, t.statutory_notice_days),
            format!(
                "Everyone who must be invited (parents or the young person, the school, the LA's SEN and social care officers, health) must have at least {} notice of the meeting.",
                weeks(t.statutory_notice_days)
            ),
            REG20_NOTICE.to_owned(),
        ));
        out.push((
            MilestoneId::T08,
            sub_days(m, t.reports_due_before_meeting_days),
            format!(
                "Reports are due back {} before the meeting, leaving time to collate them before they must be circulated.",
                weeks(t.reports_due_before_meeting_days)
            ),
            format!("{la_source}; hard limit from {REG20_CIRCULATE}"),
        ));
        out.push((
            MilestoneId::T09,
            sub_days(m, t.circulate_before_meeting_days),
            format!(
                "All advice and information must be sent to everyone invited at least {} before the meeting.",
                weeks(t.circulate_before_meeting_days)
            ),
            REG20_CIRCULATE.to_owned(),
        ));
        out.push((
            MilestoneId::T11,
            add_days(m, t.report_after_meeting_days),
            format!(
                "The report of the meeting, with its recommendations, must reach everyone invited and the LA within {} of the meeting.",
                weeks(t.report_after_meeting_days)
            ),
            if t.report_after_meeting_days < 14 {
                format!("{la_source} (statutory maximum: 2 weeks, SEND Regulations 2014 reg 20)")
            } else {
                "SEND Regulations 2014 reg 20; Code of Practice 9.176".to_owned()
            },
        ));
        out.push((
            MilestoneId::T12,
            add_days(m, t.la_decision_after_meeting_days),
            "The LA must decide to maintain, amend or cease the plan within 4 weeks of the meeting, and send any proposed amendments with that decision.".to_owned(),
            format!("{REG20_DECISION}; R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)"),
        ));
        out.push((
            MilestoneId::T14,
            add_days(m, t.final_plan_after_meeting_days),
            "If the plan is amended, the final plan is due at most 12 weeks after the meeting: 4 weeks to decide, then 8 weeks from the amendment notice.".to_owned(),
            DEVON.to_owned(),
        ));

        // Phase transfers: the calendar year in which the academic year of the meeting ends.
        let transfer_year = academic_year_start(m) + 1;
        let standard_transfer = ncy == 6 || input.transfers.extra_transfer_ncy == Some(ncy);
        if standard_transfer
            && ncy != 11
            && let Some(date) = NaiveDate::from_ymd_opt(transfer_year, 2, 15)
        {
            out.push((
                    MilestoneId::T16,
                    date,
                    format!(
                        "The child moves to a new phase of education in September {transfer_year}: the amended plan naming the next school must be final by 15 February {transfer_year}."
                    ),
                    "SEND Regulations 2014 reg 18(1)(b); Code of Practice 9.179".to_owned(),
                ));
        }
        if ncy == 11
            && let Some(date) = NaiveDate::from_ymd_opt(transfer_year, 3, 31)
        {
            out.push((
                    MilestoneId::T17,
                    date,
                    format!(
                        "Year 11: the move from secondary school to post-16 education in September {transfer_year} needs the amended plan final by 31 March {transfer_year}."
                    ),
                    "SEND Regulations 2014 reg 18(1)(a); Code of Practice 9.180".to_owned(),
                ));
        }
    }
    if let Some(move_date) = input.transfers.post16_move {
        out.push((
            MilestoneId::T18,
            sub_months(move_date, 5),
            format!(
                "A move between post-16 settings on {} must be reviewed and the plan amended at least 5 months before.",
                crate::dates::long(move_date)
            ),
            "SEND Regulations 2014 reg 18(2); Code of Practice 9.180".to_owned(),
        ));
    }

    let milestones = out
        .into_iter()
        .map(|(id, date, why, source)| {
            let due = holidays.working_day_on_or_before(date);
            Milestone {
                id,
                date,
                due,
                why,
                source,
                non_working_day: !holidays.is_working_day(date),
                school_holiday: school.day(due) == SchoolDay::Holiday,
            }
        })
        .collect();
    Ok(Timeline { ncy, pfa_required: ncy >= i32::from(p.pfa_from_year), milestones })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::la::{LaCatalogue, LaProfile};
    use chrono::{Datelike, Weekday};
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn catalogue() -> LaCatalogue {
        LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message))
    }

    /// A review of a child born 3 Feb 2016, computed on 22 Nov 2026.
    fn input(profile: &LaProfile, anchor: NaiveDate, meeting: Option<NaiveDate>) -> ClockInput<'_> {
        ClockInput {
            anchor: Some(anchor),
            dob: d(2016, 2, 3),
            ncy_offset: 0,
            meeting,
            profile,
            transfers: Transfers::default(),
            today: d(2026, 11, 22),
        }
    }

    fn compute(input: &ClockInput<'_>) -> Timeline {
        timeline(input, &BankHolidays::embedded(), &SchoolCalendar::default())
            .unwrap_or_else(|e| unreachable!("{e}"))
    }

    /// Computes a timeline with the given LA and returns `id -> (date, due)` as ISO strings.
    fn check(
        la: &str,
        anchor: NaiveDate,
        dob: NaiveDate,
        meeting: Option<NaiveDate>,
        expect: &[(&str, &str, &str)],
    ) {
        let cat = catalogue();
        let profile = cat.get(la).unwrap_or_else(|| unreachable!("{la}"));
        let input = ClockInput {
            anchor: Some(anchor),
            dob,
            ncy_offset: 0,
            meeting,
            profile,
            transfers: Transfers::default(),
            today: d(2026, 11, 22),
        };
        let tl = timeline(&input, &BankHolidays::embedded(), &SchoolCalendar::default())
            .unwrap_or_else(|e| unreachable!("{e}"));
        for (id, date, due) in expect {
            let m = tl.milestones.iter().find(|m| m.id.code() == *id);
            let got = m.map(|m| (m.date.to_string(), m.due.to_string()));
            assert_eq!(got, Some((date.to_string(), due.to_string())), "{id}");
        }
        let ids: Vec<&str> = tl.milestones.iter().map(|m| m.id.code()).collect();
        let expected: Vec<&str> = expect.iter().map(|(id, _, _)| *id).collect();
        assert_eq!(ids, expected, "the milestones listed");
    }

    #[test]
    fn redcar_worked_example() {
        check(
            "redcar",
            d(2025, 3, 1),
            d(2016, 2, 3),
            Some(d(2026, 1, 20)),
            &[
                ("T02", "2026-02-28", "2026-02-27"), // Saturday -> Friday
                ("T03", "2026-01-31", "2026-01-30"),
                ("T04", "2026-02-01", "2026-01-30"), // Sunday -> Friday
                ("T06", "2025-12-09", "2025-12-09"),
                ("T07", "2026-01-06", "2026-01-06"),
                ("T08", "2025-12-30", "2025-12-30"),
                ("T09", "2026-01-06", "2026-01-06"),
                ("T11", "2026-02-03", "2026-02-03"),
                ("T12", "2026-02-17", "2026-02-17"),
                ("T14", "2026-04-14", "2026-04-14"),
            ],
        );
    }

    #[test]
    fn without_a_meeting_only_the_cycle_dates() {
        check(
            "redcar",
            d(2025, 3, 31),
            d(2016, 2, 3),
            None,
            &[
                ("T02", "2026-03-30", "2026-03-30"),
                ("T03", "2026-03-02", "2026-03-02"),
                ("T04", "2026-02-28", "2026-02-27"), // 31 Mar + 11 months clamps to 28 Feb
            ],
        );
    }

    #[test]
    fn leap_day_anchor() {
        check(
            "redcar",
            d(2024, 2, 29),
            d(2016, 2, 3),
            None,
            &[
                ("T02", "2025-02-27", "2025-02-27"),
                ("T03", "2025-01-30", "2025-01-30"),
                ("T04", "2025-01-29", "2025-01-29"),
            ],
        );
    }

    #[test]
    fn christmas_and_easter_move_due_dates_earlier() {
        let cat = catalogue();
        let profile = cat.get("redcar").unwrap_or_else(|| unreachable!());
        let run = |meeting: NaiveDate| {
            let input = input(profile, d(2026, 3, 1), Some(meeting));
            compute(&input)
        };
        // Meeting Mon 11 Jan 2027: notice by Mon 28 Dec 2026 (Boxing Day substitute) -> Thu 24 Dec.
        let tl = run(d(2027, 1, 11));
        let t07 = tl.get(MilestoneId::T07).map(|m| (m.date, m.due, m.non_working_day));
        assert_eq!(t07, Some((d(2026, 12, 28), d(2026, 12, 24), true)));
        // Meeting Fri 17 Apr 2026: circulate by Good Friday 3 Apr -> Thu 2 Apr.
        let tl = run(d(2026, 4, 17));
        assert_eq!(tl.get(MilestoneId::T09).map(|m| m.due), Some(d(2026, 4, 2)));
    }

    #[test]
    fn year_6_and_year_11_transfer_deadlines() {
        // Born Jan 2015: Year 6 in 2025/26. Meeting in November 2025 -> final plan by 15 Feb 2026 (a Sunday).
        let cat = catalogue();
        let profile = cat.get("redcar").unwrap_or_else(|| unreachable!());
        let mk = |dob: NaiveDate, meeting: NaiveDate, transfers: Transfers| {
            let input = ClockInput {
                anchor: Some(d(2025, 1, 10)),
                dob,
                ncy_offset: 0,
                meeting: Some(meeting),
                profile,
                transfers,
                today: meeting,
            };
            compute(&input)
        };
        let y6 = mk(d(2015, 1, 10), d(2025, 11, 10), Transfers::default());
        assert_eq!(y6.ncy, 6);
        assert_eq!(y6.get(MilestoneId::T16).map(|m| (m.date, m.due)), Some((d(2026, 2, 15), d(2026, 2, 13))));
        assert!(y6.get(MilestoneId::T17).is_none() && !y6.pfa_required);

        let y11 = mk(d(2010, 3, 3), d(2025, 10, 1), Transfers::default());
        assert_eq!(y11.ncy, 11);
        assert_eq!(y11.get(MilestoneId::T17).map(|m| m.date), Some(d(2026, 3, 31)));
        assert!(y11.get(MilestoneId::T16).is_none() && y11.pfa_required);

        // A Year 2 child moving from infant to junior school, when that is set for the child.
        let y2 =
            mk(d(2019, 1, 10), d(2025, 11, 10), Transfers { extra_transfer_ncy: Some(2), post16_move: None });
        assert_eq!(y2.ncy, 2);
        assert_eq!(y2.get(MilestoneId::T16).map(|m| m.date), Some(d(2026, 2, 15)));
        let y3 = mk(d(2018, 1, 10), d(2025, 11, 10), Transfers::default());
        assert!(y3.get(MilestoneId::T16).is_none());

        // Post-16 move in January: review at least 5 months before.
        let p16 = mk(
            d(2008, 3, 3),
            d(2025, 7, 1),
            Transfers { extra_transfer_ncy: None, post16_move: Some(d(2026, 1, 5)) },
        );
        assert_eq!(p16.get(MilestoneId::T18).map(|m| m.date), Some(d(2025, 8, 5)));
    }

    #[test]
    fn stockton_wants_the_report_in_a_week() {
        check(
            "stockton",
            d(2025, 3, 1),
            d(2016, 2, 3),
            Some(d(2026, 1, 20)),
            &[
                ("T02", "2026-02-28", "2026-02-27"),
                ("T03", "2026-01-31", "2026-01-30"),
                ("T04", "2026-02-01", "2026-01-30"),
                ("T06", "2025-12-09", "2025-12-09"),
                ("T07", "2026-01-06", "2026-01-06"),
                ("T08", "2025-12-30", "2025-12-30"),
                ("T09", "2026-01-06", "2026-01-06"),
                ("T11", "2026-01-27", "2026-01-27"),
                ("T12", "2026-02-17", "2026-02-17"),
                ("T14", "2026-04-14", "2026-04-14"),
            ],
        );
    }

    #[test]
    fn late_meetings_are_warned_about() {
        let cat = catalogue();
        let profile = cat.get("redcar").unwrap_or_else(|| unreachable!());
        let warnings = |meeting: NaiveDate| {
            let input = input(profile, d(2025, 3, 1), Some(meeting));
            let tl = timeline(&input, &BankHolidays::embedded(), &SchoolCalendar::default())
                .unwrap_or_else(|e| unreachable!("{e}"));
            tl.meeting_warnings(Some(meeting))
        };
        assert!(warnings(d(2026, 1, 20)).is_empty());
        assert!(warnings(d(2026, 1, 31)).is_empty()); // on T03 itself is still in time
        let late = warnings(d(2026, 2, 2));
        assert!(late.len() == 1 && late[0].contains("(T03)") && late[0].contains("28 Feb 2026"), "{late:?}");
    }

    #[test]
    fn a_meeting_before_the_anchor_is_refused() {
        let cat = catalogue();
        let profile = cat.get("redcar").unwrap_or_else(|| unreachable!());
        let input = input(profile, d(2025, 3, 1), Some(d(2025, 2, 1)));
        let err = timeline(&input, &BankHolidays::embedded(), &SchoolCalendar::default()).err();
        assert!(matches!(err, Some(ClockError::MeetingBeforeAnchor { .. })));
    }

    #[test]
    fn school_holidays_are_flagged_not_moved() {
        let cat = catalogue();
        let profile = cat.get("redcar").unwrap_or_else(|| unreachable!());
        let school =
            SchoolCalendar::new(vec![(d(2025, 9, 3), d(2025, 12, 19)), (d(2026, 1, 5), d(2026, 2, 13))], []);
        let input = input(profile, d(2025, 3, 1), Some(d(2026, 1, 20)));
        let tl = timeline(&input, &BankHolidays::embedded(), &school).unwrap_or_else(|e| unreachable!("{e}"));
        let t08 = tl.get(MilestoneId::T08).map(|m| (m.due, m.school_holiday));
        assert_eq!(t08, Some((d(2025, 12, 30), true))); // Christmas holidays: flagged, date kept
        assert_eq!(tl.get(MilestoneId::T07).map(|m| m.school_holiday), Some(false));
    }

    proptest! {
        #[test]
        fn properties_hold_for_any_review(anchor_days in 0u32..3650, age_days in 1100u32..7000, gap in 0u32..400, la in 0usize..5) {
            let anchor = add_days(d(2019, 1, 1), anchor_days);
            let dob = sub_days(anchor, age_days);
            let meeting = add_days(anchor, gap);
            let cat = catalogue();
            let profiles = cat.current();
            let profile = profiles.get(la).copied().unwrap_or_else(|| unreachable!());
            let input = ClockInput { anchor: Some(anchor), dob, ncy_offset: 0, meeting: Some(meeting), profile, transfers: Transfers::default(), today: anchor };
            let holidays = BankHolidays::embedded();
            let tl = timeline(&input, &holidays, &SchoolCalendar::default()).unwrap_or_else(|e| unreachable!("{e}"));
            for m in &tl.milestones {
                prop_assert!(m.due <= m.date, "{:?}", m.id);
                prop_assert!(holidays.is_working_day(m.due), "{:?} due {}", m.id, m.due);
                prop_assert!(!matches!(m.due.weekday(), Weekday::Sat | Weekday::Sun));
                prop_assert!(m.date.signed_duration_since(m.due).num_days() < 7);
            }
            let get = |id| tl.get(id).map(|m| m.date).unwrap_or_default();
            let due = |id| tl.get(id).map(|m| m.due).unwrap_or_default();
            use MilestoneId::*;
            prop_assert!(get(T06) <= get(T08) && get(T08) <= get(T07) && get(T07) == get(T09));
            prop_assert!(get(T09) < meeting && meeting < get(T11) && get(T11) < get(T12) && get(T12) < get(T14));
            prop_assert!(due(T06) <= due(T08) && due(T08) <= due(T07) && due(T07) == due(T09));
            prop_assert!(get(T03) < get(T02) && get(T02) == sub_days(add_months(anchor, 12), 1));
            prop_assert_eq!(tl.ncy, crate::ncy::nc_year(dob, 0, meeting));
        }
    }

    fn history(
        issued: Option<NaiveDate>,
        meeting: Option<NaiveDate>,
        decision: Option<NaiveDate>,
    ) -> ReviewHistory {
        ReviewHistory { plan_issued: issued, last_review_meeting: meeting, last_review_decision: decision }
    }

    #[test]
    fn the_anchor_is_the_decision_letter_then_the_meeting_then_the_plan() {
        let (issued, meeting, decision) = (d(2024, 3, 1), d(2025, 3, 14), d(2025, 4, 2));
        let kind = |h: ReviewHistory| h.anchor().map(|a| (a.kind, a.date));
        assert_eq!(kind(history(None, None, None)), None);
        assert_eq!(kind(history(Some(issued), None, None)), Some((AnchorKind::PlanIssued, issued)));
        assert_eq!(
            kind(history(Some(issued), Some(meeting), None)),
            Some((AnchorKind::LastReviewMeeting, meeting))
        );
        assert_eq!(kind(history(None, Some(meeting), None)), Some((AnchorKind::LastReviewMeeting, meeting)));
        assert_eq!(
            kind(history(Some(issued), Some(meeting), Some(decision))),
            Some((AnchorKind::LastReviewDecision, decision))
        );
        assert_eq!(
            kind(history(None, None, Some(decision))),
            Some((AnchorKind::LastReviewDecision, decision))
        );
    }

    #[test]
    fn the_anchor_is_explained_in_words() {
        let explain = |h: ReviewHistory| h.anchor().map(|a| a.explain()).unwrap_or_default();
        assert_eq!(
            explain(history(None, Some(d(2026, 3, 14)), None)),
            "Anchored on the last review meeting, 14 Mar 2026: the next review is due within 12 months of it, so the LA's decision is needed by 13 Mar 2027. When the LA's decision letter arrives, enter its date: the review ended with it."
        );
        assert!(
            explain(history(Some(d(2025, 9, 1)), None, None))
                .starts_with("Anchored on the date the plan was first issued, 1 Sep 2025: the first review")
        );
        assert!(
            explain(history(None, Some(d(2026, 3, 14)), Some(d(2026, 4, 2))))
                .starts_with("Anchored on the LA's decision letter after the last review, 2 Apr 2026")
        );
    }

    #[test]
    fn the_history_s_dates_must_come_in_order() {
        let today = d(2026, 11, 22);
        let dob = Some(d(2016, 2, 3));
        let fields = |h: ReviewHistory| -> Vec<&'static str> {
            h.problems(dob, today).iter().map(|p| p.field).collect()
        };
        let (issued, meeting, decision) = (Some(d(2024, 3, 1)), Some(d(2025, 3, 14)), Some(d(2025, 4, 2)));
        assert!(fields(history(issued, meeting, decision)).is_empty());
        assert!(fields(history(None, None, None)).is_empty());
        // A decision on the day of the meeting is possible; a meeting on the day of issue is not a review.
        assert!(fields(history(issued, meeting, meeting)).is_empty());
        assert_eq!(fields(history(issued, issued, None)), ["last_review_meeting"]);
        assert_eq!(fields(history(meeting, issued, None)), ["last_review_meeting"]);
        assert_eq!(fields(history(issued, decision, meeting)), ["last_review_decision"]);
        assert_eq!(fields(history(meeting, None, issued)), ["last_review_decision"]);
        // None in the future, none before birth.
        let tomorrow = Some(d(2026, 11, 23));
        assert_eq!(fields(history(tomorrow, None, None)), ["plan_issue_date"]);
        assert_eq!(fields(history(None, tomorrow, None)), ["last_review_meeting"]);
        assert_eq!(fields(history(issued, meeting, tomorrow)), ["last_review_decision"]);
        assert_eq!(fields(history(Some(d(2015, 1, 1)), None, None)), ["plan_issue_date"]);
        assert!(fields(history(None, Some(today), Some(today))).is_empty());
    }

    #[test]
    fn without_an_anchor_only_the_meeting_s_milestones() {
        let cat = catalogue();
        let profile = cat.get("redcar").unwrap_or_else(|| unreachable!());
        let mut undated = input(profile, d(2025, 3, 1), None);
        undated.anchor = None;
        assert!(compute(&undated).milestones.is_empty());
        undated.meeting = Some(d(2026, 1, 20));
        let ids: Vec<&str> = compute(&undated).milestones.iter().map(|m| m.id.code()).collect();
        assert_eq!(ids, ["T06", "T07", "T08", "T09", "T11", "T12", "T14"]);
    }

    proptest! {
        #[test]
        fn an_ordered_history_anchors_on_its_latest_date(
            issued in proptest::option::of(0u32..4000),
            meeting_gap in proptest::option::of(1u32..800),
            decision_gap in proptest::option::of(0u32..60),
        ) {
            let today = d(2026, 11, 22);
            let base = d(2015, 1, 1);
            let plan_issued = issued.map(|n| add_days(base, n));
            let last_review_meeting = meeting_gap.map(|g| add_days(plan_issued.unwrap_or(base), g));
            let last_review_decision = decision_gap.map(|g| add_days(last_review_meeting.or(plan_issued).unwrap_or(base), g.max(1)));
            let h = ReviewHistory { plan_issued, last_review_meeting, last_review_decision };
            let latest = [plan_issued, last_review_meeting, last_review_decision].into_iter().flatten().max();
            if latest.is_some_and(|l| l > today) {
                prop_assert!(!h.problems(Some(d(2010, 1, 1)), today).is_empty());
            } else {
                prop_assert!(h.problems(Some(d(2010, 1, 1)), today).is_empty(), "{:?}", h);
                prop_assert_eq!(h.anchor().map(|a| a.date), latest);
            }
            // Counting from the meeting never puts the review deadline later than counting from
            // the decision letter that follows it.
            if let (Some(m), Some(dl)) = (last_review_meeting, last_review_decision) {
                prop_assert!(within_months_starting_with(m, 12) <= within_months_starting_with(dl, 12));
            }
        }
    }
}
