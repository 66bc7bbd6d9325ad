//! T01: what the school knows of a plan's history, and the date a review cycle counts from.

use chrono::NaiveDate;

use crate::calendar::within_months_starting_with;
use crate::problem::Problem;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::add_days;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
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
