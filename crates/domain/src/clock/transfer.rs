//! Phase transfers (spec T16/T17; SEND Regulations 2014 reg 18(1); Code of Practice 9.179–9.180).
//!
//! A child in the last year of a phase (Year 6, Year 11, or a year the child's record names:
//! nursery, infant, middle school) must have the plan reviewed and amended, naming the next
//! school or college, before 15 February (before 31 March from secondary school to a post-16
//! institution) of the calendar year of the transfer.
//!
//! The law says "before": the last compliant day is 14 February (30 March). The spec's rules
//! table once counted the 15th (31st); the law wins (spec §0a, issue 15 item 2). The other
//! periods of regs 18–22 read "at least … before" (reg 18(2), reg 20(3) and (4)) or "within"
//! (reg 20, reg 22(3)), where the day the period reaches is itself in time: only reg 18(1)
//! takes a day off.
//!
//! A deadline applies to a cycle when the cycle runs over it (between the anchor and T02) or
//! when the cycle's meeting (or, with none booked, its target date) falls in the transfer's
//! school year, from 1 September: reg 18(1) applies "within 12 months of a transfer", whether or
//! not a meeting is booked. An LA that holds the transfer review earlier (Devon: the summer term
//! of Year 5) says so in its profile, and its window opens the period instead.
//!
//! If the cycle's own review is the transfer review (its anchor, the end of the last review,
//! came before the period opened, or is a plan first issued in it), the deadline also brings the target meeting date (T04) and
//! the latest meeting date (T03) forward to leave the LA its full statutory time: 4 weeks to
//! decide and send its proposed amendments, then 8 weeks to the final plan.

use chrono::NaiveDate;

use super::{AMENDMENT_LONG_STOP_DAYS, AnchorKind, ClockInput, DEVON_CASE, LaWords, MilestoneId, Rule};
use crate::calendar::sub_days;
use crate::dates::long;
use crate::la::{TransferKind, TransferReview};
use crate::ncy::{academic_year_start, label, nc_year};

/// One phase transfer's deadline that applies to the cycle.
#[derive(Debug, Clone)]
pub(super) struct Deadline<'a> {
    pub kind: TransferKind,
    /// The NC year the child leaves at the end of the school year.
    pub ncy: i32,
    /// The calendar year of the transfer (the September the child moves).
    pub year: i32,
    /// The last compliant day: 14 February or 30 March of `year`.
    pub date: NaiveDate,
    /// This cycle's review is the transfer review: its anchor came before the period opened, or
    /// is a plan first issued in it, and the meeting (if booked) is before the move.
    pub review_due: bool,
    /// The LA's own window for the transfer review, as dates, if its profile has one.
    pub practice: Option<(NaiveDate, NaiveDate, &'a TransferReview)>,
    /// When the cycle's review was the transfer review already: its anchor.
    pub reviewed_on: Option<NaiveDate>,
}

/// The transfer deadlines that apply to a cycle with `cycle` = (anchor, T02) if known, whose
/// meeting (or target meeting date, or today) is `reference`, and whose anchor is of
/// `anchor_kind`.
pub(super) fn deadlines<'a>(
    input: &ClockInput<'a>,
    cycle: Option<(NaiveDate, NaiveDate)>,
    reference: NaiveDate,
    anchor_kind: Option<AnchorKind>,
) -> Vec<Deadline<'a>> {
    let anchor = cycle.map(|c| c.0);
    let first = academic_year_start(anchor.map_or(reference, |a| a.min(reference)));
    let last = academic_year_start(cycle.map_or(reference, |c| c.1.max(reference))) + 1;
    let mut out = Vec::new();
    for start in first..=last {
        let Some(september) = NaiveDate::from_ymd_opt(start, 9, 1) else { continue };
        let ncy = nc_year(input.dob, input.ncy_offset, september);
        let kind = if ncy == 11 {
            TransferKind::Post16
        } else if ncy == 6 || input.transfers.extra_transfer_ncy == Some(ncy) {
            TransferKind::Phase
        } else {
            continue;
        };
        let year = start + 1;
        // reg 18(1): "before 15 February" / "before 31 March".
        let last_day = match kind {
            TransferKind::Phase => NaiveDate::from_ymd_opt(year, 2, 14),
            TransferKind::Post16 => NaiveDate::from_ymd_opt(year, 3, 30),
        };
        let (Some(date), Some(year_end)) = (last_day, NaiveDate::from_ymd_opt(year, 8, 31)) else { continue };
        let practice = input.profile.review_practice.transfer_review(kind).and_then(|r| {
            let school_year = start - i32::from(r.years_before);
            Some((r.from.in_school_year(school_year)?, r.by.in_school_year(school_year)?, r))
        });
        let opens = practice.map_or(september, |(from, _, _)| from.min(september));
        if anchor.is_some_and(|a| date < a) {
            continue; // it belonged to the review that ended on the anchor
        }
        let over_the_cycle = cycle.is_some_and(|(a, t02)| a <= date && date <= t02);
        let in_the_period = opens <= reference && reference <= year_end;
        if !(over_the_cycle || in_the_period) {
            continue;
        }
        // A review that ended inside the period was the transfer review; a plan first issued
        // in it still needs one (reg 18(1) asks for a review).
        let needs_review = anchor.is_none_or(|a| a < opens) || anchor_kind == Some(AnchorKind::PlanIssued);
        // A meeting booked after the transfer's school year comes after the move: the deadline
        // has gone by, and no longer shapes this cycle's meeting dates (T03/T04), which the
        // review deadline (T02) alone governs. With no meeting booked, the clock does not look
        // at today (spec §0a), so the deadline still brings the target forward.
        let moved = input.meeting.is_some_and(|m| m > year_end);
        out.push(Deadline {
            kind,
            ncy,
            year,
            date,
            review_due: needs_review && !moved,
            practice,
            reviewed_on: anchor.filter(|_| !needs_review),
        });
    }
    out
}

impl Deadline<'_> {
    fn id(&self) -> MilestoneId {
        match self.kind {
            TransferKind::Phase => MilestoneId::T16,
            TransferKind::Post16 => MilestoneId::T17,
        }
    }

    /// "Year 6: the move to secondary school".
    fn the_move(&self) -> String {
        let year = label(self.ncy);
        match (self.kind, self.ncy) {
            (TransferKind::Post16, _) => {
                format!("{year}: the move from secondary school to post-16 education")
            }
            (TransferKind::Phase, 6) => format!("{year}: the move to secondary school"),
            (TransferKind::Phase, -1) => format!("{year}: the move to Reception"),
            (TransferKind::Phase, _) => format!("{year}: the move to the next phase of education"),
        }
    }

    /// T16 or T17 itself.
    pub fn milestone(&self) -> Rule {
        let year = self.year;
        let (before, naming, source) = match self.kind {
            TransferKind::Phase => (
                "15 February",
                "the next school",
                "SEND Regulations 2014 reg 18(1)(b); Code of Practice 9.179",
            ),
            TransferKind::Post16 => (
                "31 March",
                "the college or other post-16 institution",
                "SEND Regulations 2014 reg 18(1)(a); Code of Practice 9.180",
            ),
        };
        let mut why = format!(
            "{} in September {year}. The plan must be reviewed and amended, naming {naming}, before {before} {year}, so the last day is {}.",
            self.the_move(),
            long(self.date)
        );
        if let Some(reviewed) = self.reviewed_on {
            why.push_str(&format!(
                " The review concluded on {} was the transfer review: the amended plan must still be final by then.",
                long(reviewed)
            ));
        }
        Rule::new(self.id(), self.date, why, source)
    }

    /// The latest meeting that leaves the LA its full statutory time before the deadline.
    pub fn runway(&self) -> Rule {
        Rule::new(
            self.id(),
            sub_days(self.date, AMENDMENT_LONG_STOP_DAYS),
            format!(
                "{}: the amended plan must be final by {} ({}). A meeting by this date leaves the LA its 4 weeks to decide and send its proposed amendments, then 8 weeks to issue the final plan.",
                self.the_move(),
                long(self.date),
                self.id().code()
            ),
            format!(
                "{}; SEND Regulations 2014 reg 20 and reg 22(3); {DEVON_CASE}",
                match self.kind {
                    TransferKind::Phase => "SEND Regulations 2014 reg 18(1)(b)",
                    TransferKind::Post16 => "SEND Regulations 2014 reg 18(1)(a)",
                }
            ),
        )
    }

    /// The LA's own date for the transfer review meeting, as a target (T04).
    pub fn practice_target(&self, la: &LaWords) -> Option<Rule> {
        let (from, by, review) = self.practice?;
        let source = if review.source.trim().is_empty() { la.source.clone() } else { review.source.clone() };
        Some(Rule::new(
            MilestoneId::T04,
            by,
            format!(
                "{} holds the phase-transfer review between {} and {} ({}).",
                la.name,
                long(from),
                long(by),
                self.the_move()
            ),
            source,
        ))
    }
}
