//! The statutory clock (spec §2, rules T01–T21, conventions C1–C7), through the whole cycle.
//!
//! Given a review cycle's anchor, the child's date of birth, the meeting date (if set) and the
//! maintaining LA's profile, [`timeline`] computes every milestone: its `date` (the computed
//! date, in calendar days, C1) and its `due` date (the latest working day on or before `date`:
//! a deadline is never moved later, C6), with the reason and its source. [`cycle_timeline`]
//! also takes what is known beyond the meeting ([`CycleFacts`]): the last review meeting (the
//! base of some LAs' target date) and the LA's decision with the dates that follow it, and says
//! where the cycle stands ([`CycleState`]).
//!
//! - `history`: T01, the anchor, from what the school knows of the plan's history;
//! - `transfer`: the phase-transfer deadlines T16/T17 and what they do to T03/T04;
//! - `after`: after the meeting: chasing a late decision, the amendment timetable (T13/T14),
//!   the next cycle (T15) and the appeal window (T21).
//!
//! Where the law and the spec disagree, the law wins, and the code says so where it happens.

mod after;
mod history;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;
mod transfer;

use chrono::NaiveDate;

use crate::calendar::{
    BankHolidays, SchoolCalendar, SchoolDay, add_days, add_months, sub_days, sub_months,
    within_months_starting_with,
};
use crate::dates::long;
use crate::la::{LaProfile, TargetBase};
use crate::ncy::nc_year;

pub use after::{Appeal, CycleState, Decided, DecisionKind, LaDecision};
pub use history::{Anchor, AnchorKind, ReviewHistory};

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
    /// The LA sent the review back asking for more: send what it asked for. Not a rule of the
    /// spec: the next step of a returned review ([`crate::returned`]).
    T11R,
    /// The LA's decision.
    T12,
    /// The LA's decision is overdue (T12 passed with no decision letter recorded): chase the LA.
    /// Not a rule of the spec: the next step the law leaves the school with.
    T12C,
    /// End of the representations period on the draft amended plan.
    T13,
    /// Final amended plan.
    T14,
    /// The next cycle: the next review's deadline, counted from this review's decision letter.
    T15,
    /// Phase transfer (not post-16): final plan before 15 February.
    T16,
    /// Secondary to post-16: final plan before 31 March.
    T17,
    /// Post-16 to post-16 at another time: review and amend at least 5 months before.
    T18,
    /// Under-5s: the LA's shorter cycle.
    T19,
    /// The window for an appeal to the SEND Tribunal against the LA's decision.
    T21,
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
            MilestoneId::T11R => "T11R",
            MilestoneId::T12 => "T12",
            MilestoneId::T12C => "T12C",
            MilestoneId::T13 => "T13",
            MilestoneId::T14 => "T14",
            MilestoneId::T15 => "T15",
            MilestoneId::T16 => "T16",
            MilestoneId::T17 => "T17",
            MilestoneId::T18 => "T18",
            MilestoneId::T19 => "T19",
            MilestoneId::T21 => "T21",
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
            MilestoneId::T11R => "Answer the LA's return",
            MilestoneId::T12 => "LA decision due",
            MilestoneId::T12C => "Chase the LA's decision",
            MilestoneId::T13 => "Representations on the draft plan close",
            MilestoneId::T14 => "Final amended plan due",
            MilestoneId::T15 => "Next review deadline",
            MilestoneId::T16 => "Phase transfer: final plan",
            MilestoneId::T17 => "Post-16 transfer: final plan",
            MilestoneId::T18 => "Post-16 move: review and amend",
            MilestoneId::T19 => "Under-5s: next review",
            MilestoneId::T21 => "Appeal window closes",
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
            MilestoneId::T11R => "Send the LA what it asked for by",
            MilestoneId::T12 => "LA decision due by",
            MilestoneId::T12C => "Chase the LA for its decision from",
            MilestoneId::T13 => "Representations on the draft plan close",
            MilestoneId::T14 => "Final amended plan due by",
            MilestoneId::T15 => "Next review concluded by",
            MilestoneId::T16 => "Final plan naming the next school needed by",
            MilestoneId::T17 => "Final plan naming the post-16 setting needed by",
            MilestoneId::T18 => "Review and amend before the move by",
            MilestoneId::T19 => "Hold the under-5s review by",
            MilestoneId::T21 => "Appeal to the SEND Tribunal by",
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
    /// Today. It decides where the cycle stands after the meeting (a decision overdue, an appeal
    /// window closed), never a deadline; the NC year is taken at the meeting or the target
    /// meeting date (T04), and at today only when neither is known.
    pub today: NaiveDate,
}

/// What the clock knows of a cycle beyond [`ClockInput`]. The default knows nothing more: no
/// last review meeting, and a decision the caller does not track (see [`Decided`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CycleFacts {
    /// Which date of the plan's history the anchor is ([`ReviewHistory::anchor`]), if known. A
    /// plan first issued inside a transfer's period still needs its transfer review; an anchor
    /// of unknown kind there is taken to be the end of one.
    pub anchor_kind: Option<AnchorKind>,
    /// The last review meeting: the base of the target meeting date (T04) for an LA that counts
    /// from it (`review_practice.target_meeting_from`).
    pub last_review_meeting: Option<NaiveDate>,
    /// The LA's decision after this cycle's meeting.
    pub decision: Decided,
}

/// The computed clock of one review cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// NC year at the meeting or, with none booked, at the target meeting date (T04); at today
    /// only when neither is known. Whether preparing for adulthood or a transfer applies does
    /// not change with the day the clock is looked at.
    pub ncy: i32,
    /// Preparing for adulthood must be covered (Year 9 and above, reg 20(6)).
    pub pfa_required: bool,
    /// In the order of [`MilestoneId`].
    pub milestones: Vec<Milestone>,
    /// Where the cycle stands after its meeting.
    pub state: CycleState,
    /// What the next cycle counts from (T15), once this review is concluded or its decision is
    /// overdue; `None` while the LA's decision is awaited, and after a decision to cease.
    pub next_anchor: Option<Anchor>,
}

impl Timeline {
    pub fn get(&self, id: MilestoneId) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.id == id)
    }

    /// A phase-transfer deadline (T16, T17 or T18) applies to this cycle.
    pub fn is_transfer(&self) -> bool {
        [MilestoneId::T16, MilestoneId::T17, MilestoneId::T18].iter().any(|id| self.get(*id).is_some())
    }

    /// What the cycle waits on once the school has sent its report, on `today`: the LA's
    /// decision (T12) or chasing it (T12C); while amending, the representations (T13) then the
    /// final plan (T14); after a decision to cease, the appeal window (T21); once concluded, the
    /// next review's deadline (T15). `None` while an appeal is heard and once the plan has ceased.
    pub fn after_meeting_step(&self, today: NaiveDate) -> Option<&Milestone> {
        use MilestoneId::*;
        match self.state {
            CycleState::Open => self.get(T12),
            CycleState::DecisionOverdue { .. } => self.get(T12C),
            CycleState::Amending => self.get(T13).filter(|m| today <= m.date).or_else(|| self.get(T14)),
            CycleState::Concluded => self.get(T15),
            CycleState::CeaseAppealWindow { .. } => self.get(T21),
            CycleState::CeaseAppealed | CycleState::Ceased { .. } => None,
        }
    }

    /// The statutory deadline missed, named with how late it is: the review deadline (T02) passed
    /// with the meeting not yet held (issue 15 item 13).
    pub fn missed_deadline(&self, today: NaiveDate) -> Option<String> {
        let t02 = self.get(MilestoneId::T02).filter(|t02| t02.due < today)?;
        let late = (today - t02.due).num_days();
        Some(format!(
            "The review deadline (T02) was {}: the review is {late} day{} late. Hold the meeting as soon as possible.",
            long(t02.due),
            if late == 1 { "" } else { "s" }
        ))
    }

    /// Warnings about the meeting date: after T03 the LA cannot decide before the review deadline
    /// (or, in a transfer year, cannot issue the amended plan with its full statutory time before
    /// the transfer deadline); after T04 it misses the LA's own target.
    pub fn meeting_warnings(&self, meeting: Option<NaiveDate>) -> Vec<String> {
        let Some(m) = meeting else { return Vec::new() };
        if let Some(t03) = self.get(MilestoneId::T03).filter(|t03| m > t03.date) {
            let t02 = self.get(MilestoneId::T02);
            let for_transfer = t02.is_some_and(|t02| t03.date < sub_days(t02.date, 28));
            let transfer = [MilestoneId::T16, MilestoneId::T17]
                .into_iter()
                .find_map(|id| self.get(id))
                .filter(|_| for_transfer);
            if let Some(deadline) = transfer {
                return vec![format!(
                    "The meeting on {} is after {} (T03): the LA could not decide, send its proposed amendments and issue the final plan with its full statutory time (4 weeks, then 8) before the transfer deadline of {} ({}). Bring the meeting forward.",
                    long(m),
                    long(t03.date),
                    long(deadline.date),
                    deadline.id.code()
                )];
            }
            let t02 = t02.map_or(String::new(), |t| long(t.date));
            return vec![format!(
                "The meeting on {} is after {} (T03): the LA cannot decide within its 4 weeks before the review deadline of {t02}. Bring the meeting forward.",
                long(m),
                long(t03.date)
            )];
        }
        match self.get(MilestoneId::T04).filter(|t04| m > t04.date) {
            Some(t04) => vec![format!(
                "The meeting on {} is after the LA's target date of {} (T04).",
                long(m),
                long(t04.date)
            )],
            None => Vec::new(),
        }
    }
}

/// Problems with the input that make a timeline meaningless.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClockError {
    MeetingBeforeAnchor {
        meeting: NaiveDate,
        anchor: NaiveDate,
    },
    AnchorBeforeBirth,
    /// The last review meeting is after the anchor, which is the decision that followed it (or
    /// the plan it reviewed).
    LastMeetingAfterAnchor {
        last_meeting: NaiveDate,
        anchor: NaiveDate,
    },
    /// `what` (on `date`) comes before `other` (on `other_date`), which it must follow.
    OutOfOrder {
        what: &'static str,
        date: NaiveDate,
        other: &'static str,
        other_date: NaiveDate,
    },
    /// `what` ("an amendment notice") does not go with a decision of this kind.
    NotForDecision {
        what: &'static str,
        decision: DecisionKind,
    },
    /// `what` ("a mediation certificate…") needs `needs` to be known first.
    Needs {
        what: &'static str,
        needs: &'static str,
    },
}

impl std::fmt::Display for ClockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClockError::MeetingBeforeAnchor { meeting, anchor } => write!(
                f,
                "the meeting ({meeting}) is before the anchor ({anchor}): a review meeting belongs to the cycle that starts on its anchor"
            ),
            ClockError::AnchorBeforeBirth => write!(f, "the anchor is before the date of birth"),
            ClockError::LastMeetingAfterAnchor { last_meeting, anchor } => write!(
                f,
                "the last review meeting ({last_meeting}) is after the anchor ({anchor}): the anchor is the LA's decision letter after that meeting, or the plan it reviewed"
            ),
            ClockError::OutOfOrder { what, date, other, other_date } => {
                write!(f, "the {what} ({date}) is before the {other} ({other_date}) it follows")
            }
            ClockError::NotForDecision { what, decision } => {
                write!(f, "{what} does not go with a decision to {}", decision.code())
            }
            ClockError::Needs { what, needs } => write!(f, "{what} needs {needs}"),
        }
    }
}

const S44: &str = "Children and Families Act 2014 s44(1); SEND Code of Practice 9.169";
const REG20_DECISION: &str =
    "SEND Regulations 2014 reg 20 (LA decision within 4 weeks); Code of Practice 9.176";
const REG20_NOTICE: &str = "SEND Regulations 2014 reg 20(3)";
const REG20_CIRCULATE: &str = "SEND Regulations 2014 reg 20(4); Code of Practice 9.176";
const DEVON_CASE: &str = "R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)";

/// 4 weeks for the LA's decision with its proposed amendments (reg 20; Devon), then 8 weeks
/// from that notice to the final plan (reg 22(3)): the longest the law lets an amendment take
/// after the meeting, and the runway a transfer review needs before its deadline.
pub const AMENDMENT_LONG_STOP_DAYS: u32 = 84;

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

/// One computed date before its due date and flags are worked out.
#[derive(Debug, Clone)]
struct Rule {
    id: MilestoneId,
    date: NaiveDate,
    why: String,
    source: String,
}

impl Rule {
    fn new(id: MilestoneId, date: NaiveDate, why: impl Into<String>, source: impl Into<String>) -> Rule {
        Rule { id, date, why: why.into(), source: source.into() }
    }

    /// The same date and reason under another milestone id.
    fn as_id(&self, id: MilestoneId) -> Rule {
        Rule { id, ..self.clone() }
    }
}

/// How the LA is named in reasons.
struct LaWords {
    name: String,
    source: String,
    /// The LA has only the statutory defaults' timings: say the rule, not the LA.
    statutory: bool,
}

impl LaWords {
    fn of(p: &LaProfile) -> LaWords {
        LaWords {
            name: p.name.clone(),
            source: p.sources.first().cloned().unwrap_or_else(|| format!("{} LA profile", p.name)),
            statutory: p.id.starts_with(crate::la::DEFAULTS_ID_PREFIX)
                && p.timings == crate::la::STATUTORY_TIMINGS,
        }
    }
}

/// Computes the timeline of one review cycle, knowing nothing after its meeting: as
/// [`cycle_timeline`] with [`CycleFacts::default`].
pub fn timeline(
    input: &ClockInput<'_>,
    holidays: &BankHolidays,
    school: &SchoolCalendar,
) -> Result<Timeline, ClockError> {
    cycle_timeline(input, &CycleFacts::default(), holidays, school)
}

/// Computes the timeline of one review cycle, with what is known beyond its meeting.
pub fn cycle_timeline(
    input: &ClockInput<'_>,
    facts: &CycleFacts,
    holidays: &BankHolidays,
    school: &SchoolCalendar,
) -> Result<Timeline, ClockError> {
    check_order(input, facts)?;
    let p = input.profile;
    let la = LaWords::of(p);
    let mut out: Vec<Rule> = Vec::new();

    // T02, and the LA's own target (T04) and under-5s cycle (T19) before any transfer shortens it.
    let cycle = input.anchor.map(|anchor| {
        let t02 = within_months_starting_with(anchor, 12);
        let target = la_target(anchor, facts.last_review_meeting, p, &la);
        let t19 = under5(anchor, input.dob, p, &la);
        (anchor, t02, target, t19)
    });
    // Whether a transfer applies is judged at the meeting, or at the target meeting date, never
    // at today (spec §0a): today only when there is neither.
    let early_target = cycle
        .as_ref()
        .map(|(_, _, target, t19)| t19.as_ref().map_or(target.date, |t19| t19.date.min(target.date)));
    let reference = input.meeting.or(early_target).unwrap_or(input.today);
    let transfers =
        transfer::deadlines(input, cycle.as_ref().map(|c| (c.0, c.1)), reference, facts.anchor_kind);

    let mut target_date = None;
    if let Some((anchor, t02, target, t19)) = cycle {
        out.push(Rule::new(
            MilestoneId::T02,
            t02,
            format!(
                "The LA must review the plan within the 12 months starting with {} (the date the plan was first issued, or the last review), so its decision is due by this date.",
                long(anchor)
            ),
            S44,
        ));
        let mut t03 = vec![Rule::new(
            MilestoneId::T03,
            sub_days(t02, 28),
            "The LA has 4 weeks after the meeting to decide, so a meeting after this date leaves it too little time before the review deadline.",
            format!("Derived from T02 and {REG20_DECISION}"),
        )];
        let mut t04 = vec![target.clone()];
        if let Some(t19) = &t19 {
            t04.push(t19.as_id(MilestoneId::T04));
        }
        for deadline in transfers.iter().filter(|d| d.review_due) {
            let mut runway = deadline.runway();
            if runway.date < anchor {
                runway.date = anchor;
                runway
                    .why
                    .push_str(" This cycle began after that date: hold the meeting as soon as possible.");
            }
            t03.push(runway.as_id(MilestoneId::T03));
            t04.push(runway.as_id(MilestoneId::T04));
            if let Some(practice) = deadline.practice_target(&la).filter(|r| r.date >= anchor) {
                t04.push(practice);
            }
        }
        out.extend(earliest(t03));
        if let Some(mut t04) = earliest(t04) {
            if t04.date < target.date {
                t04.why =
                    format!("{} ({}'s usual target, {}, is later.)", t04.why, la.name, long(target.date));
            }
            target_date = Some(t04.date);
            out.push(t04);
        }
        out.extend(t19);
    }
    for deadline in &transfers {
        out.push(deadline.milestone());
    }

    // Item 8 of issue 15: the NC year at the meeting, or at the target meeting date.
    let ncy = nc_year(input.dob, input.ncy_offset, input.meeting.or(target_date).unwrap_or(input.today));

    if let Some(m) = input.meeting {
        out.extend(run_up(m, p, &la));
    }
    if let Some(move_date) = input.transfers.post16_move {
        let t18 = sub_months(move_date, 5);
        // A date before the anchor belonged to the review that ended on it.
        if input.anchor.is_none_or(|a| t18 >= a) {
            out.push(Rule::new(
                MilestoneId::T18,
                t18,
                format!(
                    "A move between post-16 settings on {} must be reviewed and the plan amended at least 5 months before.",
                    long(move_date)
                ),
                "SEND Regulations 2014 reg 18(2); Code of Practice 9.180",
            ));
        }
    }
    let after = after::after_meeting(input, facts);
    out.extend(after.rules);

    out.sort_by_key(|r| r.id);
    let milestones = out
        .into_iter()
        .map(|Rule { id, date, why, source }| {
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
    Ok(Timeline {
        ncy,
        pfa_required: ncy >= i32::from(p.pfa_from_year),
        milestones,
        state: after.state,
        next_anchor: after.next_anchor,
    })
}

/// The earliest of some candidate dates for one milestone (the first of equals).
fn earliest(rules: Vec<Rule>) -> Option<Rule> {
    rules.into_iter().reduce(|best, r| if r.date < best.date { r } else { best })
}

/// T04 as the LA counts it: its target months from the anchor or, for an LA that counts from
/// the last review meeting (Redcar), from that meeting. Never before the anchor.
fn la_target(anchor: NaiveDate, last_meeting: Option<NaiveDate>, p: &LaProfile, la: &LaWords) -> Rule {
    let months = p.timings.target_meeting_months;
    let (date, why) = match (p.review_practice.target_meeting_from, last_meeting) {
        (TargetBase::Anchor, _) if la.statutory => (
            add_months(anchor, months),
            format!(
                "Holding the meeting within {months} months of the plan or the last review leaves the LA its 4 weeks to decide within the 12 months."
            ),
        ),
        (TargetBase::Anchor, _) => (
            add_months(anchor, months),
            format!(
                "{} asks for the review meeting within {months} months of the plan or the last review.",
                la.name
            ),
        ),
        (TargetBase::LastReviewMeeting, Some(last)) => (
            add_months(last, months),
            format!(
                "{} asks for the review meeting within {months} months of the last review meeting ({}), not of its decision letter.",
                la.name,
                long(last)
            ),
        ),
        (TargetBase::LastReviewMeeting, None) => (
            add_months(anchor, months),
            format!(
                "{} asks for the review meeting within {months} months of the last review meeting or, before the first review, of the plan's issue date. No review meeting is recorded, so this counts from {}: enter the last review meeting's date if there was one.",
                la.name,
                long(anchor)
            ),
        ),
    };
    Rule::new(MilestoneId::T04, date.max(anchor), why, la.source.clone())
}

/// T19: the LA's shorter cycle for a child under 5 when the cycle begins, where its profile
/// says it runs one (Code of Practice 9.178).
fn under5(anchor: NaiveDate, dob: NaiveDate, p: &LaProfile, la: &LaWords) -> Option<Rule> {
    let months = p.under5_review_months;
    (p.review_practice.under5_shorter_cycle && crate::ncy::age_on(dob, anchor) < 5).then(|| {
        Rule::new(
            MilestoneId::T19,
            add_months(anchor, months),
            format!(
                "Under 5 when this cycle began ({}): {} reviews the plans of children under 5 every {months} months (the Code of Practice asks LAs to consider a review every 3 to 6 months).",
                long(anchor),
                la.name
            ),
            format!("SEND Code of Practice 9.178; {}", la.source),
        )
    })
}

/// The days a meeting's statutory deadlines fall on, by the LA's timings: notice (T07),
/// circulation (T09), the report to the LA (T11) and the LA's decision (T12).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingDeadlines {
    pub notice: NaiveDate,
    pub circulate: NaiveDate,
    pub report: NaiveDate,
    pub decision: NaiveDate,
}

impl MeetingDeadlines {
    pub fn of(meeting: NaiveDate, t: &crate::la::Timings) -> Self {
        MeetingDeadlines {
            notice: sub_days(meeting, t.statutory_notice_days),
            circulate: sub_days(meeting, t.circulate_before_meeting_days),
            report: add_days(meeting, t.report_after_meeting_days),
            decision: add_days(meeting, t.la_decision_after_meeting_days),
        }
    }
}

/// The meeting's own milestones: the run-up (T06–T09), the report (T11) and the LA's decision
/// (T12).
fn run_up(m: NaiveDate, p: &LaProfile, la: &LaWords) -> Vec<Rule> {
    let t = &p.timings;
    let due = MeetingDeadlines::of(m, t);
    vec![
        Rule::new(
            MilestoneId::T06,
            sub_days(m, t.invite_lead_days),
            if la.statutory {
                format!(
                    "Invitations and requests for advice should go out {} before the meeting, so that reports can come back in time (the law sets no date for this).",
                    weeks(t.invite_lead_days)
                )
            } else {
                format!(
                    "{} expects invitations and requests for advice to go out {} before the meeting, so that reports can come back in time.",
                    la.name,
                    weeks(t.invite_lead_days)
                )
            },
            la.source.clone(),
        ),
        Rule::new(
            MilestoneId::T07,
            due.notice,
            format!(
                "Everyone who must be invited (parents or the young person, the school, the LA's SEN and social care officers, health) must have at least {} notice of the meeting.",
                weeks(t.statutory_notice_days)
            ),
            REG20_NOTICE,
        ),
        Rule::new(
            MilestoneId::T08,
            sub_days(m, t.reports_due_before_meeting_days),
            format!(
                "Reports are due back {} before the meeting, leaving time to collate them before they must be circulated.",
                weeks(t.reports_due_before_meeting_days)
            ),
            format!("{}; hard limit from {REG20_CIRCULATE}", la.source),
        ),
        Rule::new(
            MilestoneId::T09,
            due.circulate,
            format!(
                "All advice and information must be sent to everyone invited at least {} before the meeting.",
                weeks(t.circulate_before_meeting_days)
            ),
            REG20_CIRCULATE,
        ),
        Rule::new(
            MilestoneId::T11,
            due.report,
            format!(
                "The report of the meeting, with its recommendations, must reach everyone invited and the LA within {} of the meeting.",
                weeks(t.report_after_meeting_days)
            ),
            if t.report_after_meeting_days < 14 {
                format!("{} (statutory maximum: 2 weeks, SEND Regulations 2014 reg 20)", la.source)
            } else {
                "SEND Regulations 2014 reg 20; Code of Practice 9.176".to_owned()
            },
        ),
        Rule::new(
            MilestoneId::T12,
            due.decision,
            "The LA must decide to maintain, amend or cease the plan within 4 weeks of the meeting, and send any proposed amendments with that decision.",
            format!("{REG20_DECISION}; {DEVON_CASE}"),
        ),
    ]
}

/// The order the dates must come in: the anchor after birth, the meeting in the anchor's cycle,
/// the last review meeting before the anchor, and the decision's dates after the meeting and
/// after each other.
fn check_order(input: &ClockInput<'_>, facts: &CycleFacts) -> Result<(), ClockError> {
    if let Some(anchor) = input.anchor {
        if anchor < input.dob {
            return Err(ClockError::AnchorBeforeBirth);
        }
        if let Some(meeting) = input.meeting.filter(|m| *m < anchor) {
            return Err(ClockError::MeetingBeforeAnchor { meeting, anchor });
        }
        if let Some(last_meeting) = facts.last_review_meeting.filter(|m| *m > anchor) {
            return Err(ClockError::LastMeetingAfterAnchor { last_meeting, anchor });
        }
    }
    match facts.decision {
        Decided::Letter(d) => d.check(input.meeting),
        Decided::Untracked | Decided::NotYet => Ok(()),
    }
}
