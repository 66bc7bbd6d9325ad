//! Whether the review met its notice and circulation deadlines: every statutory invitee given
//! two weeks' notice (T07, reg 20(3)) and all advice sent to everyone invited two weeks before
//! the meeting (T09, reg 20(4)); and, for the report to the head and governors (issue 20), the
//! report sent to the LA (T11) and the LA's decision (T12), each judged by the day it was done.

use chrono::NaiveDate;

use crate::calendar::BankHolidays;
use crate::clock::MilestoneId;
use crate::dates::long;
use crate::people::{POST_WORKING_DAYS, SendMethod};

/// Where a deadline stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ComplianceState {
    /// No meeting is set, so there is no deadline yet.
    NoMeeting,
    /// Not done yet, and still in time.
    Pending,
    Met,
    NotMet,
}

impl ComplianceState {
    pub fn code(self) -> &'static str {
        match self {
            ComplianceState::NoMeeting => "no_meeting",
            ComplianceState::Pending => "pending",
            ComplianceState::Met => "met",
            ComplianceState::NotMet => "not_met",
        }
    }

    /// As the compliance report says it: `met`, `late`, `pending` or `n/a`.
    pub fn report_code(self) -> &'static str {
        match self {
            ComplianceState::NoMeeting => "n/a",
            ComplianceState::Pending => "pending",
            ComplianceState::Met => "met",
            ComplianceState::NotMet => "late",
        }
    }
}

/// A deadline judged by the day it was done: met when done by `due`; late when done after it, or
/// not done and `due` has passed; pending while not done and not yet due; not applicable
/// without a deadline (no meeting).
pub fn by_date(due: Option<NaiveDate>, done: Option<NaiveDate>, today: NaiveDate) -> ComplianceState {
    match (due, done) {
        (None, _) => ComplianceState::NoMeeting,
        (Some(due), Some(done)) if done <= due => ComplianceState::Met,
        (Some(_), Some(_)) => ComplianceState::NotMet,
        (Some(due), None) if today > due => ComplianceState::NotMet,
        (Some(_), None) => ComplianceState::Pending,
    }
}

/// How many reviews stand where, for one deadline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub met: usize,
    pub late: usize,
    pub pending: usize,
    pub not_applicable: usize,
}

impl Tally {
    pub fn add(&mut self, state: ComplianceState) {
        match state {
            ComplianceState::Met => self.met += 1,
            ComplianceState::NotMet => self.late += 1,
            ComplianceState::Pending => self.pending += 1,
            ComplianceState::NoMeeting => self.not_applicable += 1,
        }
    }

    /// The share met of those decided either way (met or late), as a whole percentage; `None`
    /// when none is.
    pub fn percent_met(&self) -> Option<u32> {
        let decided = self.met + self.late;
        (decided > 0).then(|| u32::try_from((self.met * 100 + decided / 2) / decided).unwrap_or(100))
    }
}

/// One deadline's state, and a sentence that says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compliance {
    pub milestone: MilestoneId,
    pub state: ComplianceState,
    pub text: String,
}

fn said(milestone: MilestoneId, state: ComplianceState, text: String) -> Compliance {
    Compliance { milestone, state, text }
}

/// T07: were the statutory invitees invited by `due`? `invited` holds, for each statutory
/// invitee, the day they were invited (`None` while not yet).
/// An invitation as it went: the day, and how (a posted one gives notice on the second working
/// day after; one whose way is not recorded counts from the day it went).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invited {
    pub on: NaiveDate,
    pub by: Option<SendMethod>,
}

impl Invited {
    /// The day the invitee can be expected to have it (spec C3).
    pub fn received(self, holidays: &BankHolidays) -> NaiveDate {
        match self.by {
            Some(SendMethod::Post) => holidays.working_days_after(self.on, POST_WORKING_DAYS),
            _ => self.on,
        }
    }
}

/// T07: notice is met when every statutory invitee had their invitation by the day notice was
/// due — the day it reached them, a posted letter two working days after it went.
pub fn notice(
    due: Option<NaiveDate>,
    has_meeting: bool,
    invited: &[Option<Invited>],
    holidays: &BankHolidays,
    today: NaiveDate,
) -> Compliance {
    use ComplianceState::{Met, NoMeeting, NotMet, Pending};
    let t07 = MilestoneId::T07;
    let Some(due) = due.filter(|_| has_meeting) else {
        return said(t07, NoMeeting, "Set the meeting date to see the notice deadline.".to_owned());
    };
    if invited.is_empty() {
        return if today > due {
            said(t07, NotMet, format!("Not met: nobody had been invited by {}.", long(due)))
        } else {
            said(t07, Pending, format!("Add the invitees, then send invitations by {}.", long(due)))
        };
    }
    let latest = invited
        .iter()
        .copied()
        .collect::<Option<Vec<_>>>()
        .and_then(|d| d.into_iter().max_by_key(|i| (i.received(holidays), i.on)));
    let went = |i: Invited| match i.by {
        Some(SendMethod::Post) => {
            format!("posted on {}, arriving by {}", long(i.on), long(i.received(holidays)))
        }
        _ => format!("went on {}", long(i.on)),
    };
    match latest {
        Some(sent) if sent.received(holidays) <= due => said(
            t07,
            Met,
            format!(
                "Met: every statutory invitee had their invitation by {} (due by {}).",
                long(sent.received(holidays)),
                long(due)
            ),
        ),
        Some(sent) => {
            said(t07, NotMet, format!("Not met: the last invitation {}, after {}.", went(sent), long(due)))
        }
        None if today > due => {
            said(t07, NotMet, format!("Not met: not everyone had been invited by {}.", long(due)))
        }
        None => said(t07, Pending, format!("Send invitations to everyone by {}.", long(due))),
    }
}

/// How a review's papers were circulated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Circulated<'a> {
    /// The first circulation: the one judged against T09.
    pub first: NaiveDate,
    /// The papers everyone was told had not arrived by then (the SENCO confirmed it), by title;
    /// `None` when that was not recorded.
    pub named_missing: Option<&'a [String]>,
    /// The last time the papers were sent round again, with what had arrived since.
    pub again: Option<NaiveDate>,
}

/// One paper on the report checklist: when it was asked for and when it arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paper<'a> {
    pub title: &'a str,
    pub requested_on: Option<NaiveDate>,
    pub received_on: Option<NaiveDate>,
}

/// T09: was all the advice and information obtained sent to everyone invited by `due`
/// (reg 20(4))? It is met when the papers went round in time, everything that had arrived by
/// `due` went with them (or round again by `due`), and everyone was told which papers had not
/// arrived, as the SENCO confirmed when recording the circulation. A paper asked for after the
/// circulation was not missing from it; one that arrives after `due` cannot go round two weeks
/// before the meeting, and is to be sent round as soon as it comes.
pub fn circulation(
    due: Option<NaiveDate>,
    has_meeting: bool,
    circulated: Option<Circulated<'_>>,
    papers: &[Paper<'_>],
    today: NaiveDate,
) -> Compliance {
    use ComplianceState::{Met, NoMeeting, NotMet, Pending};
    let t09 = MilestoneId::T09;
    let Some(due) = due.filter(|_| has_meeting) else {
        return said(t09, NoMeeting, "Set the meeting date to see the circulation deadline.".to_owned());
    };
    let Some(c) = circulated else {
        return if today > due {
            said(t09, NotMet, format!("Not met: nothing circulated by {}.", long(due)))
        } else {
            said(t09, Pending, format!("Circulate all advice to every invitee by {}.", long(due)))
        };
    };
    if c.first > due {
        return said(t09, NotMet, format!("Not met: circulated on {}, after {}.", long(c.first), long(due)));
    }
    let arrived_after = |p: &&Paper<'_>| p.received_on.is_none_or(|r| r > c.first);
    let missing: Vec<&str> = papers
        .iter()
        .filter(arrived_after)
        .filter(|p| p.requested_on.is_none_or(|r| r <= c.first))
        .map(|p| p.title)
        .collect();
    let unnamed: Vec<&str> = match c.named_missing {
        Some(named) => missing.iter().copied().filter(|t| !named.iter().any(|n| n.trim() == *t)).collect(),
        None => missing.clone(),
    };
    // Arrived after the first circulation: sent round again since, or still to send.
    let sent_again = |r: NaiveDate| c.again.is_some_and(|a| a >= r);
    let late = |in_time: bool| -> Vec<(&str, NaiveDate)> {
        papers
            .iter()
            .filter_map(|p| p.received_on.filter(|r| *r > c.first).map(|r| (p.title, r)))
            .filter(|(_, r)| (*r <= due) == in_time)
            .collect()
    };
    let in_time_unsent: Vec<&str> = late(true)
        .into_iter()
        .filter(|(_, r)| !c.again.is_some_and(|a| a >= *r && a <= due))
        .map(|(t, _)| t)
        .collect();
    let after_due_unsent: Vec<&str> =
        late(false).into_iter().filter(|(_, r)| !sent_again(*r)).map(|(t, _)| t).collect();

    if !unnamed.is_empty() {
        return said(
            t09,
            NotMet,
            format!(
                "Not met: circulated on {}, but {} had not arrived and telling everyone so was not recorded.",
                long(c.first),
                titles(&unnamed)
            ),
        );
    }
    if !in_time_unsent.is_empty() {
        let (state, text) = if today <= due {
            (
                Pending,
                format!(
                    "arrived after the papers went round on {}: send {} to everyone by {}.",
                    long(c.first),
                    it_them(&in_time_unsent),
                    long(due)
                ),
            )
        } else {
            (
                NotMet,
                format!(
                    "arrived before {} but {} not sent round by then.",
                    long(due),
                    was_were(&in_time_unsent)
                ),
            )
        };
        let prefix = if state == NotMet { "Not met: " } else { "" };
        return said(t09, state, format!("{prefix}{} {text}", titles(&in_time_unsent)));
    }
    let mut text = format!("Met: circulated on {} (due by {}).", long(c.first), long(due));
    if !missing.is_empty() {
        text.push_str(&format!(" Everyone was told that {} had not arrived.", titles(&missing)));
    }
    if let Some(again) = c.again {
        text.push_str(&format!(" Sent round again on {}.", long(again)));
    }
    if !after_due_unsent.is_empty() {
        text.push_str(&format!(
            " {} arrived after {}: send {} to everyone before the meeting.",
            titles(&after_due_unsent),
            long(due),
            it_them(&after_due_unsent)
        ));
    }
    said(t09, Met, text)
}

/// "A", "A and B", "A, B and C".
fn titles(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn it_them(items: &[&str]) -> &'static str {
    if items.len() == 1 { "it" } else { "them" }
}

fn was_were(items: &[&str]) -> &'static str {
    if items.len() == 1 { "was" } else { "were" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ComplianceState::{Met, NoMeeting, NotMet, Pending};

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, day).unwrap_or_default()
    }

    #[test]
    fn notice_is_met_only_when_every_statutory_invitee_was_invited_in_time() {
        let due = Some(d(14));
        let by = |day: u32| Some(Invited { on: d(day), by: Some(SendMethod::Email) });
        let holidays = BankHolidays::embedded();
        /// Due, meeting set, each statutory invitee's invitation, today, and the verdict.
        type Case<'a> = (Option<NaiveDate>, bool, &'a [Option<Invited>], NaiveDate, ComplianceState);
        let cases: &[Case] = &[
            (due, false, &[by(1)], d(20), NoMeeting),
            (None, true, &[by(1)], d(20), NoMeeting),
            (due, true, &[], d(1), Pending),
            // Nobody invited and the day has passed: not met (it was "pending" for ever before).
            (due, true, &[], d(15), NotMet),
            (due, true, &[by(1), by(14)], d(20), Met),
            (due, true, &[by(1), by(15)], d(20), NotMet),
            (due, true, &[by(1), None], d(15), NotMet),
            (due, true, &[by(1), None], d(14), Pending),
        ];
        for (due, meeting, invited, today, state) in cases {
            assert_eq!(
                notice(*due, *meeting, invited, &holidays, *today).state,
                *state,
                "{invited:?} on {today}"
            );
        }
        assert_eq!(
            notice(due, true, &[by(15)], &holidays, d(20)).text,
            "Not met: the last invitation went on 15 Oct 2026, after 14 Oct 2026."
        );
    }

    /// Spec C3: a posted invitation gives notice on the second working day after it went.
    #[test]
    fn a_posted_invitation_counts_from_when_it_arrives() {
        let holidays = BankHolidays::embedded();
        let posted = |day: u32| Some(Invited { on: d(day), by: Some(SendMethod::Post) });
        // Due Wednesday 14 October 2026: posted Monday 12th arrives Wednesday 14th, in time;
        // posted Tuesday 13th arrives Thursday 15th, late.
        assert_eq!(notice(Some(d(14)), true, &[posted(12)], &holidays, d(20)).state, ComplianceState::Met);
        let late = notice(Some(d(14)), true, &[posted(13)], &holidays, d(20));
        assert_eq!(late.state, ComplianceState::NotMet);
        assert_eq!(
            late.text,
            "Not met: the last invitation posted on 13 Oct 2026, arriving by 15 Oct 2026, after 14 Oct 2026."
        );
        // Posted on Friday 9th: the weekend does not count, it arrives Tuesday 13th.
        assert_eq!(holidays.working_days_after(d(9), 2), d(13));
        // Handed over, or with no way recorded, it counts from the day it went. A letter goes by
        // post to someone who prefers it, else by email where there is an address for it.
        use crate::people::ContactMethod;
        assert_eq!(SendMethod::usual(ContactMethod::Post, true, true), SendMethod::Post);
        assert_eq!(SendMethod::usual(ContactMethod::Phone, true, true), SendMethod::Email);
        assert_eq!(SendMethod::usual(ContactMethod::Email, false, true), SendMethod::Post);
        assert_eq!(SendMethod::usual(ContactMethod::Post, false, false), SendMethod::Hand);
        let hand = Some(Invited { on: d(14), by: Some(SendMethod::Hand) });
        let unknown = Some(Invited { on: d(14), by: None });
        assert_eq!(notice(Some(d(14)), true, &[hand, unknown], &holidays, d(20)).state, ComplianceState::Met);
    }

    #[test]
    fn circulation_is_met_on_or_before_its_day() {
        let due = Some(d(14));
        let first = |on| Some(Circulated { first: on, named_missing: Some(&[]), again: None });
        let cases = [
            (due, false, first(d(1)), d(1), NoMeeting),
            (due, true, first(d(14)), d(20), Met),
            (due, true, first(d(15)), d(20), NotMet),
            (due, true, None, d(15), NotMet),
            (due, true, None, d(14), Pending),
        ];
        for (due, meeting, on, today, state) in cases {
            let c = circulation(due, meeting, on, &[], today);
            assert_eq!((c.milestone, c.state), (MilestoneId::T09, state), "{on:?} on {today}");
        }
    }

    /// Issue 15 item 13 (reg 20(4): "all advice and information obtained" sent to everyone
    /// invited two weeks before the meeting): circulating 2 of 7 reports is met only when
    /// everyone was told which 5 had not arrived, and a report that arrives before the deadline
    /// goes round again by it.
    #[test]
    fn circulation_is_met_only_with_everything_received_and_the_rest_named() {
        let due = Some(d(14));
        let paper = |title, received_on| Paper { title, requested_on: Some(d(1)), received_on };
        let mut papers = vec![paper("School report", Some(d(5))), paper("Parent views", Some(d(6)))];
        for title in ["EP advice", "Health advice", "Social care advice", "SALT report", "OT report"] {
            papers.push(paper(title, None));
        }
        let five: Vec<String> = papers[2..].iter().map(|p| p.title.to_owned()).collect();
        let check =
            |c: Option<Circulated<'_>>, papers: &[Paper<'_>], today| circulation(due, true, c, papers, today);

        // Not recorded that the five missing were named: not met, and it says which.
        let unnamed = Circulated { first: d(10), named_missing: None, again: None };
        let c = check(Some(unnamed), &papers, d(20));
        assert_eq!(c.state, NotMet);
        assert_eq!(
            c.text,
            "Not met: circulated on 10 Oct 2026, but EP advice, Health advice, Social care advice, SALT report and OT report had not arrived and telling everyone so was not recorded."
        );
        // Named, and confirmed: met, and the line says so.
        let named = Circulated { first: d(10), named_missing: Some(&five), again: None };
        let c = check(Some(named), &papers, d(20));
        assert_eq!(c.state, Met);
        assert!(c.text.ends_with("Everyone was told that EP advice, Health advice, Social care advice, SALT report and OT report had not arrived."), "{}", c.text);
        // Naming only four of the five is not enough.
        let four = Circulated { named_missing: Some(&five[..4]), ..named };
        assert_eq!(check(Some(four), &papers, d(20)).state, NotMet);

        // The EP's advice arrives on the 12th, before the deadline: to go round by the 14th.
        papers[2].received_on = Some(d(12));
        assert_eq!(check(Some(named), &papers, d(13)).state, Pending);
        assert_eq!(
            check(Some(named), &papers, d(13)).text,
            "EP advice arrived after the papers went round on 10 Oct 2026: send it to everyone by 14 Oct 2026."
        );
        assert_eq!(check(Some(named), &papers, d(15)).state, NotMet);
        let again = |on| Circulated { again: Some(on), ..named };
        assert_eq!(check(Some(again(d(13))), &papers, d(20)).state, Met);
        assert_eq!(check(Some(again(d(15))), &papers, d(20)).state, NotMet, "sent round after the deadline");

        // Health advice arrives after the deadline: T09 stands, and the line says to send it.
        papers[3].received_on = Some(d(16));
        let c = check(Some(again(d(13))), &papers, d(20));
        assert_eq!(c.state, Met);
        assert!(
            c.text.ends_with(
                "Health advice arrived after 14 Oct 2026: send it to everyone before the meeting."
            ),
            "{}",
            c.text
        );
        assert!(!check(Some(again(d(17))), &papers, d(20)).text.contains("send it"));

        // A paper asked for after the circulation was not missing from it.
        let added = [Paper { title: "Costed provision map", requested_on: Some(d(11)), received_on: None }];
        let named_none = Circulated { first: d(10), named_missing: Some(&[]), again: None };
        assert_eq!(check(Some(named_none), &added, d(20)).state, Met);
    }
}

#[cfg(test)]
mod report_tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap_or_default()
    }

    #[test]
    fn a_deadline_is_met_late_pending_or_not_applicable() {
        assert_eq!(by_date(Some(d(10)), Some(d(10)), d(20)), ComplianceState::Met);
        assert_eq!(by_date(Some(d(10)), Some(d(11)), d(20)), ComplianceState::NotMet);
        assert_eq!(by_date(Some(d(10)), None, d(11)), ComplianceState::NotMet);
        assert_eq!(by_date(Some(d(10)), None, d(10)), ComplianceState::Pending);
        assert_eq!(by_date(None, Some(d(1)), d(10)), ComplianceState::NoMeeting);
        let codes: Vec<&str> = [
            ComplianceState::Met,
            ComplianceState::NotMet,
            ComplianceState::Pending,
            ComplianceState::NoMeeting,
        ]
        .map(ComplianceState::report_code)
        .to_vec();
        assert_eq!(codes, ["met", "late", "pending", "n/a"]);
    }

    #[test]
    fn the_share_met_counts_only_the_decided() {
        let mut t = Tally::default();
        assert_eq!(t.percent_met(), None);
        for s in
            [ComplianceState::Met, ComplianceState::Met, ComplianceState::NotMet, ComplianceState::Pending]
        {
            t.add(s);
        }
        assert_eq!((t.met, t.late, t.pending, t.not_applicable), (2, 1, 1, 0));
        assert_eq!(t.percent_met(), Some(67));
    }
}
