//! A review the LA sent back (issue 15 item 6; spec §8.3, "why reviews come back"): the LA's
//! quality check returns the paperwork asking for more (views missing, no record of discussion,
//! a costed provision map…). The record reopens, each item asked for becomes the next step, and
//! the review goes back to the LA.
//!
//! The law sets no timetable for this: the LA's decision (T12, four weeks after the meeting,
//! reg 22) still falls when it falls. The school answers by the date the LA gives, or within two
//! weeks of the return when it gives none, the time the LA allows for the report after the
//! meeting (T11) — this app's default, said so in the step's reason.

use chrono::NaiveDate;

use crate::calendar::{BankHolidays, add_days};
use crate::dates::{long, parse_user_date};
use crate::problem::Problem;

/// Days allowed to answer a return when the LA gives no date (as T11 allows for the report).
pub const DEFAULT_ANSWER_DAYS: u32 = 14;
/// At most this many items in one return, each at most this many characters.
pub const MAX_ITEMS: usize = 30;
pub const MAX_ITEM_CHARS: usize = 500;

/// One thing the LA asked for, and the day the SENCO ticked it off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub what: String,
    pub done_on: Option<NaiveDate>,
}

/// The LA sent the review back on `returned_on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaReturn {
    pub returned_on: NaiveDate,
    /// The date the LA asked for an answer by, if it gave one.
    pub respond_by: Option<NaiveDate>,
    pub items: Vec<Asked>,
    /// The day the review went back to the LA; `None` while the return is open.
    pub resubmitted_on: Option<NaiveDate>,
}

impl LaReturn {
    /// Still waiting for the school: not yet sent back.
    pub fn is_open(&self) -> bool {
        self.resubmitted_on.is_none()
    }

    /// The items not yet ticked off, in the LA's order.
    pub fn outstanding(&self) -> impl Iterator<Item = &Asked> {
        self.items.iter().filter(|a| a.done_on.is_none())
    }

    /// The date the answer is due: the LA's date, or [`DEFAULT_ANSWER_DAYS`] after the return,
    /// moved earlier to a working day (a deadline is never moved later).
    pub fn due(&self, holidays: &BankHolidays) -> NaiveDate {
        let date = self.respond_by.unwrap_or_else(|| add_days(self.returned_on, DEFAULT_ANSWER_DAYS));
        holidays.working_day_on_or_before(date)
    }

    /// Why [`LaReturn::due`] is that date.
    pub fn why(&self) -> String {
        match self.respond_by {
            Some(by) => format!(
                "The LA sent the review back on {} and asked for an answer by {}.",
                long(self.returned_on),
                long(by)
            ),
            None => format!(
                "The LA sent the review back on {} without a date: the app allows {DEFAULT_ANSWER_DAYS} days, \
                 as the LA allows for the report after the meeting (T11). The LA's decision is still due \
                 four weeks after the meeting.",
                long(self.returned_on)
            ),
        }
    }

    /// The next step in words: the first item still to do, or sending the review back once
    /// every item is done. "Send the LA what it asked for (a costed provision map, and 2 more)
    /// by Tue 15 Dec 2026".
    pub fn step_words(&self, due: NaiveDate) -> String {
        let by = due.format("%a %-d %b %Y");
        let mut left = self.outstanding();
        match (left.next(), left.count()) {
            (None, _) => format!("Send the review back to the LA by {by}"),
            (Some(first), 0) => format!("Send the LA what it asked for ({}) by {by}", first.what),
            (Some(first), more) => {
                format!("Send the LA what it asked for ({}, and {more} more) by {by}", first.what)
            }
        }
    }
}

/// The LA's return as typed: the date it came back (dd/mm/yyyy), the date it asked for an answer
/// by (blank if none) and what it asked for, one item per line. The return comes after the
/// review was sent (`submitted_on`) and not in the future; the answer's date is not before it.
/// Every problem at once, each on its field (`returned_on`, `respond_by`, `asked`).
pub fn parse_return(
    returned_on: &str,
    respond_by: &str,
    asked: &str,
    submitted_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(NaiveDate, Option<NaiveDate>, Vec<String>), Vec<Problem>> {
    let mut problems = Vec::new();
    let on = parse_user_date("returned_on", "The date the LA sent it back", returned_on)
        .map_err(|p| problems.push(p))
        .ok();
    match (on, submitted_on) {
        (Some(on), _) if on > today => problems.push(Problem::block(
            "returned_on",
            "The date the LA sent it back is in the future.",
            "Give the date on the LA's email or letter.",
        )),
        (Some(on), Some(sent)) if on < sent => problems.push(Problem::block(
            "returned_on",
            format!("That is before the review was sent to the LA ({}).", long(sent)),
            "Check the date: the LA returns a review after receiving it.",
        )),
        (Some(_), None) => problems.push(Problem::block(
            "returned_on",
            "This review has not been recorded as sent to the LA.",
            "Record the day it was sent first.",
        )),
        _ => {}
    }
    let by = match respond_by.trim() {
        "" => None,
        typed => parse_user_date("respond_by", "The date the LA wants an answer by", typed)
            .map_err(|p| problems.push(p))
            .ok(),
    };
    if let (Some(on), Some(by)) = (on, by)
        && by < on
    {
        problems.push(Problem::block(
            "respond_by",
            "The answer's date is before the LA sent the review back.",
            "Give the date the LA asked for an answer by, or leave it blank.",
        ));
    }
    let items: Vec<String> =
        asked.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
    if items.is_empty() {
        problems.push(Problem::block(
            "asked",
            "Say what the LA asked for.",
            "One item per line, as the LA's email or letter lists them.",
        ));
    } else if items.len() > MAX_ITEMS {
        problems.push(Problem::block(
            "asked",
            format!("That is {} items; at most {MAX_ITEMS} can be recorded.", items.len()),
            "Group related items on one line.",
        ));
    } else if let Some(long_one) = items.iter().position(|i| i.chars().count() > MAX_ITEM_CHARS) {
        problems.push(Problem::block(
            "asked",
            format!("Item {} is longer than {MAX_ITEM_CHARS} characters.", long_one + 1),
            "Shorten it: the LA's email or letter can be kept with the review's files.",
        ));
    }
    match (on, problems.is_empty()) {
        (Some(on), true) => Ok((on, by, items)),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn returned(items: &[(&str, bool)], respond_by: Option<NaiveDate>) -> LaReturn {
        LaReturn {
            returned_on: d(2026, 11, 20),
            respond_by,
            items: items
                .iter()
                .map(|(w, done)| Asked { what: (*w).to_owned(), done_on: done.then(|| d(2026, 11, 25)) })
                .collect(),
            resubmitted_on: None,
        }
    }

    #[test]
    fn the_first_item_still_to_do_is_the_next_step() {
        let due = d(2026, 12, 4);
        let r = returned(
            &[("Parent's views", true), ("Costed provision map", false), ("Head's signature", false)],
            None,
        );
        assert_eq!(
            r.step_words(due),
            "Send the LA what it asked for (Costed provision map, and 1 more) by Fri 4 Dec 2026"
        );
        let one = returned(&[("Costed provision map", false)], None);
        assert_eq!(
            one.step_words(due),
            "Send the LA what it asked for (Costed provision map) by Fri 4 Dec 2026"
        );
        let all = returned(&[("Costed provision map", true)], None);
        assert_eq!(all.step_words(due), "Send the review back to the LA by Fri 4 Dec 2026");
    }

    #[test]
    fn the_answer_is_due_on_the_la_s_date_or_two_weeks_after_the_return_on_a_working_day() {
        let holidays = BankHolidays::embedded();
        // 20 Nov 2026 + 14 = Fri 4 Dec.
        assert_eq!(returned(&[], None).due(&holidays), d(2026, 12, 4));
        // The LA's own date, a Sunday, is moved earlier to the Friday, never later.
        assert_eq!(returned(&[], Some(d(2026, 11, 29))).due(&holidays), d(2026, 11, 27));
        assert!(returned(&[], None).why().contains("allows 14 days"));
    }

    #[test]
    fn a_return_needs_its_date_after_the_review_was_sent_and_what_was_asked() {
        let today = d(2026, 12, 1);
        let sent = Some(d(2026, 11, 10));
        assert_eq!(
            parse_return("20/11/2026", "", "Parent's views\n\n  Costed provision map  \n", sent, today),
            Ok((d(2026, 11, 20), None, vec!["Parent's views".to_owned(), "Costed provision map".to_owned()]))
        );
        let fields = |on: &str, by: &str, asked: &str, sent: Option<NaiveDate>| -> Vec<&'static str> {
            parse_return(on, by, asked, sent, today)
                .err()
                .unwrap_or_default()
                .iter()
                .map(|p| p.field)
                .collect()
        };
        assert_eq!(fields("", "", "", sent), ["returned_on", "asked"]);
        assert_eq!(fields("02/12/2026", "", "x", sent), ["returned_on"], "in the future");
        assert_eq!(fields("09/11/2026", "", "x", sent), ["returned_on"], "before it was sent");
        assert_eq!(fields("20/11/2026", "", "x", None), ["returned_on"], "never sent");
        assert_eq!(fields("20/11/2026", "19/11/2026", "x", sent), ["respond_by"]);
        assert_eq!(fields("20/11/2026", "31/13/2026", "x", sent), ["respond_by"]);
        let many = "item\n".repeat(MAX_ITEMS + 1);
        assert_eq!(fields("20/11/2026", "", &many, sent), ["asked"]);
        assert_eq!(fields("20/11/2026", "", &"x".repeat(MAX_ITEM_CHARS + 1), sent), ["asked"]);
    }
}
