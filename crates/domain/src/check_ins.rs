//! Check-ins between reviews (issue 20 item 3; Southwark: "use pupil voice and parental
//! feedback to inform ongoing support"): each records progress, the child's view and the
//! parents' feedback on a day; those since the last review are summed up for the next review's
//! AR1 record and its views forms.

use chrono::NaiveDate;

use crate::dates::long;
use crate::problem::Problem;

/// The longest answer accepted, in characters.
pub const MAX_CHARS: usize = 2_000;

/// One check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckIn {
    pub on: NaiveDate,
    /// Progress towards the plan's outcomes, as the school sees it.
    pub progress: String,
    /// What the child said.
    pub child_view: String,
    /// What the parents or carers said.
    pub parent_view: String,
}

/// Checks a check-in: a day not in the future, at least one answer, none too long. `on` is
/// `None` when the date could not be read (the reader reports that).
pub fn check(on: Option<NaiveDate>, c: &CheckIn, today: NaiveDate) -> Vec<Problem> {
    let mut problems = Vec::new();
    if on.is_some_and(|d| d > today) {
        problems.push(Problem::block(
            "check_in_on",
            "That date is in the future.",
            "Give the day of the check-in.",
        ));
    }
    let answers = [("progress", &c.progress), ("child_view", &c.child_view), ("parent_view", &c.parent_view)];
    if answers.iter().all(|(_, a)| a.trim().is_empty()) {
        problems.push(Problem::block(
            "progress",
            "Write at least one of progress, the child's view or the parents' feedback.",
            "A check-in records what was found; leave blank what was not asked.",
        ));
    }
    for (field, answer) in answers {
        if answer.chars().count() > MAX_CHARS {
            problems.push(Problem::block(
                field,
                format!("That is longer than {MAX_CHARS} characters."),
                "Keep to the main points.",
            ));
        }
    }
    problems
}

/// The check-ins that inform a review: after the meeting before it (`after`) and, when its own
/// meeting is set, on or before it. Oldest first.
pub fn informing(all: &[CheckIn], after: Option<NaiveDate>, meeting: Option<NaiveDate>) -> Vec<CheckIn> {
    let mut list: Vec<CheckIn> = all
        .iter()
        .filter(|c| after.is_none_or(|a| c.on > a) && meeting.is_none_or(|m| c.on <= m))
        .cloned()
        .collect();
    list.sort_by_key(|c| c.on);
    list
}

/// What the check-ins said, each answer dated, one a line ("3 Feb 2027: …"); empty where
/// nothing was said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub progress: String,
    pub child: String,
    pub parents: String,
}

impl Summary {
    pub fn is_empty(&self) -> bool {
        self.progress.is_empty() && self.child.is_empty() && self.parents.is_empty()
    }
}

/// The summary of `check_ins` (oldest first).
pub fn summary(check_ins: &[CheckIn]) -> Summary {
    let lines = |answer: fn(&CheckIn) -> &str| {
        check_ins
            .iter()
            .filter(|c| !answer(c).trim().is_empty())
            .map(|c| {
                format!("{}: {}", long(c.on), answer(c).split_whitespace().collect::<Vec<_>>().join(" "))
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    Summary {
        progress: lines(|c| &c.progress),
        child: lines(|c| &c.child_view),
        parents: lines(|c| &c.parent_view),
    }
}

/// The text a record field starts from when the SENCO brings the check-ins in.
pub fn prefill(heading: &str, lines: &str) -> String {
    format!("{heading}\n{lines}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn c(on: NaiveDate, progress: &str, child: &str, parents: &str) -> CheckIn {
        CheckIn { on, progress: progress.into(), child_view: child.into(), parent_view: parents.into() }
    }

    #[test]
    fn a_check_in_says_something_and_is_not_in_the_future() {
        let today = d(2027, 2, 1);
        let blank = c(today, " ", "", "");
        let fields: Vec<&str> = check(Some(d(2027, 2, 2)), &blank, today).iter().map(|p| p.field).collect();
        assert_eq!(fields, ["check_in_on", "progress"]);
        let long_view = c(today, "", &"x".repeat(MAX_CHARS + 1), "");
        let p = check(Some(today), &long_view, today);
        assert!(
            p.iter().all(|p| p.severity == Severity::Block) && p.len() == 1 && p[0].field == "child_view"
        );
        assert!(check(Some(today), &c(today, "", "Likes maths now.", ""), today).is_empty());
    }

    #[test]
    fn the_check_ins_since_the_last_review_are_summed_up_dated() {
        let all = [
            c(d(2026, 9, 1), "Before the last review", "", ""),
            c(d(2027, 4, 19), "Reading age up six months.", "", "Sleeping better."),
            c(d(2027, 1, 5), "Settled after Christmas.", "I like  the quiet room.", ""),
            c(d(2027, 12, 1), "After this review's meeting", "", ""),
        ];
        let since = informing(&all, Some(d(2026, 11, 10)), Some(d(2027, 11, 9)));
        let s = summary(&since);
        assert_eq!(
            s.progress,
            "5 Jan 2027: Settled after Christmas.\n19 Apr 2027: Reading age up six months."
        );
        assert_eq!(s.child, "5 Jan 2027: I like the quiet room.");
        assert_eq!(s.parents, "19 Apr 2027: Sleeping better.");
        // No meeting set yet: everything since the last review.
        assert_eq!(informing(&all, Some(d(2026, 11, 10)), None).len(), 3);
        assert!(summary(&[]).is_empty());
    }
}
