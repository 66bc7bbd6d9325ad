//! Whether the review met its notice and circulation deadlines: every statutory invitee given
//! two weeks' notice (T07, reg 20(3)) and all advice sent to everyone invited two weeks before
//! the meeting (T09, reg 20(4)).

use chrono::NaiveDate;

use crate::clock::MilestoneId;
use crate::dates::long;

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
pub fn notice(
    due: Option<NaiveDate>,
    has_meeting: bool,
    invited: &[Option<NaiveDate>],
    today: NaiveDate,
) -> Compliance {
    use ComplianceState::{Met, NoMeeting, NotMet, Pending};
    let t07 = MilestoneId::T07;
    let Some(due) = due.filter(|_| has_meeting) else {
        return said(t07, NoMeeting, "Set the meeting date to see the notice deadline.".to_owned());
    };
    if invited.is_empty() {
        return said(t07, Pending, format!("Add the invitees, then send invitations by {}.", long(due)));
    }
    let latest = invited.iter().copied().collect::<Option<Vec<_>>>().and_then(|d| d.into_iter().max());
    match latest {
        Some(sent) if sent <= due => said(
            t07,
            Met,
            format!("Met: every statutory invitee was invited by {} (due by {}).", long(sent), long(due)),
        ),
        Some(sent) => said(
            t07,
            NotMet,
            format!("Not met: the last invitation went on {}, after {}.", long(sent), long(due)),
        ),
        None if today > due => {
            said(t07, NotMet, format!("Not met: not everyone had been invited by {}.", long(due)))
        }
        None => said(t07, Pending, format!("Send invitations to everyone by {}.", long(due))),
    }
}

/// T09: was the advice circulated by `due`?
pub fn circulation(
    due: Option<NaiveDate>,
    has_meeting: bool,
    circulated: Option<NaiveDate>,
    today: NaiveDate,
) -> Compliance {
    use ComplianceState::{Met, NoMeeting, NotMet, Pending};
    let t09 = MilestoneId::T09;
    let Some(due) = due.filter(|_| has_meeting) else {
        return said(t09, NoMeeting, "Set the meeting date to see the circulation deadline.".to_owned());
    };
    match circulated {
        Some(on) if on <= due => {
            said(t09, Met, format!("Met: circulated on {} (due by {}).", long(on), long(due)))
        }
        Some(on) => said(t09, NotMet, format!("Not met: circulated on {}, after {}.", long(on), long(due))),
        None if today > due => said(t09, NotMet, format!("Not met: nothing circulated by {}.", long(due))),
        None => said(t09, Pending, format!("Circulate all advice to every invitee by {}.", long(due))),
    }
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
        /// Due, meeting set, each statutory invitee's invitation, today, and the verdict.
        type Case<'a> = (Option<NaiveDate>, bool, &'a [Option<NaiveDate>], NaiveDate, ComplianceState);
        let cases: &[Case] = &[
            (due, false, &[Some(d(1))], d(20), NoMeeting),
            (None, true, &[Some(d(1))], d(20), NoMeeting),
            (due, true, &[], d(1), Pending),
            (due, true, &[Some(d(1)), Some(d(14))], d(20), Met),
            (due, true, &[Some(d(1)), Some(d(15))], d(20), NotMet),
            (due, true, &[Some(d(1)), None], d(15), NotMet),
            (due, true, &[Some(d(1)), None], d(14), Pending),
        ];
        for (due, meeting, invited, today, state) in cases {
            assert_eq!(notice(*due, *meeting, invited, *today).state, *state, "{invited:?} on {today}");
        }
        assert_eq!(
            notice(due, true, &[Some(d(15))], d(20)).text,
            "Not met: the last invitation went on 15 Oct 2026, after 14 Oct 2026."
        );
    }

    #[test]
    fn circulation_is_met_on_or_before_its_day() {
        let due = Some(d(14));
        let cases = [
            (due, false, None, d(1), NoMeeting),
            (due, true, Some(d(14)), d(20), Met),
            (due, true, Some(d(15)), d(20), NotMet),
            (due, true, None, d(15), NotMet),
            (due, true, None, d(14), Pending),
        ];
        for (due, meeting, on, today, state) in cases {
            let c = circulation(due, meeting, on, today);
            assert_eq!((c.milestone, c.state), (MilestoneId::T09, state), "{on:?} on {today}");
        }
    }
}
