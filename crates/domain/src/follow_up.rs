//! After the meeting: the agreed actions as tracked tasks with termly check-ins, and the LA's
//! decision that closes the review and anchors the next one (spec §10, T12, T14, T15).

use chrono::NaiveDate;

use crate::calendar::{SchoolCalendar, add_days};
use crate::problem::Problem;

/// Where an agreed action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionStatus {
    Open,
    Done,
    /// Not finished; carried into the next review's actions.
    CarriedForward,
    /// No longer needed (the reason goes in the note).
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] =
        [ActionStatus::Open, ActionStatus::Done, ActionStatus::CarriedForward, ActionStatus::Dropped];

    pub fn code(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::CarriedForward => "carried_forward",
            ActionStatus::Dropped => "dropped",
        }
    }

    pub fn from_code(code: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Open",
            ActionStatus::Done => "Done",
            ActionStatus::CarriedForward => "Carried forward",
            ActionStatus::Dropped => "No longer needed",
        }
    }
}

/// The LA's decision after the review (reg 20(10), CoP 9.176).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    /// Maintain the plan unchanged.
    NoChange,
    /// Amend: minor changes.
    Minor,
    /// Amend: significant changes, with a draft plan to follow.
    Significant,
    /// Cease to maintain the plan.
    Cease,
}

impl Decision {
    pub const ALL: [Decision; 4] =
        [Decision::NoChange, Decision::Minor, Decision::Significant, Decision::Cease];

    pub fn code(self) -> &'static str {
        match self {
            Decision::NoChange => "no_change",
            Decision::Minor => "minor",
            Decision::Significant => "significant",
            Decision::Cease => "cease",
        }
    }

    pub fn from_code(code: &str) -> Option<Decision> {
        Decision::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Decision::NoChange => "Maintain the plan unchanged",
            Decision::Minor => "Amend the plan (minor changes)",
            Decision::Significant => "Amend the plan (significant changes, draft to follow)",
            Decision::Cease => "Cease to maintain the plan",
        }
    }

    /// Whether the next review cycle starts from this decision (a ceased plan has no next review).
    pub fn continues(self) -> bool {
        self != Decision::Cease
    }
}

/// Staff are to be briefed on the plan once the LA issues an amended one (issue 20 item 2;
/// Southwark: teachers and TAs must know what the updated plan means for their practice): due
/// from the day the final amended plan was issued until a briefing is recorded on or after it.
pub fn briefing_due(final_plan: Option<NaiveDate>, latest_briefing: Option<NaiveDate>) -> Option<NaiveDate> {
    final_plan.filter(|issued| latest_briefing.is_none_or(|b| b < *issued))
}

/// Weeks between check-ins when the school's term dates are not known.
pub const FALLBACK_CHECK_IN_WEEKS: u32 = 12;

/// Termly check-in dates for an action agreed at `meeting` and due by `deadline`: the first day
/// of each term that starts after the meeting and on or before the deadline. Where the school's
/// term dates do not reach, every [`FALLBACK_CHECK_IN_WEEKS`] weeks after the meeting instead
/// (`approximate` is then true, so the screen can ask for term dates).
pub fn check_ins(meeting: NaiveDate, deadline: NaiveDate, school: &SchoolCalendar) -> CheckIns {
    let covered = school.terms().last().is_some_and(|(_, end)| *end >= deadline)
        && school.terms().first().is_some_and(|(start, _)| *start <= meeting);
    if covered {
        let dates = school
            .terms()
            .iter()
            .map(|(start, _)| *start)
            .filter(|start| *start > meeting && *start <= deadline)
            .collect();
        return CheckIns { dates, approximate: false };
    }
    let mut dates = Vec::new();
    let mut next = add_days(meeting, FALLBACK_CHECK_IN_WEEKS * 7);
    while next <= deadline && dates.len() < 12 {
        dates.push(next);
        next = add_days(next, FALLBACK_CHECK_IN_WEEKS * 7);
    }
    CheckIns { dates, approximate: true }
}

/// The result of [`check_ins`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckIns {
    pub dates: Vec<NaiveDate>,
    /// Computed without the school's term dates.
    pub approximate: bool,
}

impl CheckIns {
    /// The next check-in on or after `today`, if any is left before the deadline.
    pub fn next(&self, today: NaiveDate) -> Option<NaiveDate> {
        self.dates.iter().copied().find(|d| *d >= today)
    }
}

/// A date recorded after the meeting (the record sent, the decision letter): on or after the
/// meeting and not in the future, or a problem naming `field`. `what` completes "the date it
/// was …" ("sent", "decided").
pub fn check_date_after_meeting(
    field: &'static str,
    what: &str,
    meeting: NaiveDate,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<(), Problem> {
    if on > today {
        return Err(Problem::block(
            field,
            format!("The date it was {what} is in the future."),
            "Give the date on the letter or email.",
        ));
    }
    if on < meeting {
        return Err(Problem::block(
            field,
            format!("That date is before the meeting ({}).", crate::dates::long(meeting)),
            "Check the date: it comes after the meeting.",
        ));
    }
    Ok(())
}

/// The LA's decision as typed: its code and the decision letter's date, every problem at once.
pub fn parse_decision(code: &str, date: &str) -> Result<(Decision, NaiveDate), Vec<Problem>> {
    let mut problems = Vec::new();
    let decision = Decision::from_code(code);
    if decision.is_none() {
        problems.push(Problem::block("decision", "Choose the LA's decision.", "Pick from the list."));
    }
    let on = crate::dates::parse_user_date("decided_on", "The decision letter's date", date)
        .map_err(|p| problems.push(p))
        .ok();
    match (decision, on) {
        (Some(decision), Some(on)) => Ok((decision, on)),
        _ => Err(problems),
    }
}

/// The dates that follow the LA's decision (each `None` until it happens).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AfterDecision {
    /// Amend: the notice of the proposed amendments, sent with the plan and evidence (reg 22(2)).
    pub notice: Option<NaiveDate>,
    /// Amend: the draft amended plan, when served later than the notice.
    pub draft: Option<NaiveDate>,
    /// Amend: the final amended plan issued (reg 22(3)).
    pub final_plan: Option<NaiveDate>,
    /// A mediation certificate (Children and Families Act 2014 s55).
    pub mediation_certificate: Option<NaiveDate>,
    /// Cease: a Tribunal appeal lodged, and the day it ended (cease upheld or withdrawn).
    pub appeal_lodged: Option<NaiveDate>,
    pub appeal_ended: Option<NaiveDate>,
}

impl AfterDecision {
    /// The LA's decision `decision` of `letter` with these dates, as the clock takes it.
    pub fn decision(&self, decision: Decision, letter: NaiveDate) -> crate::clock::LaDecision {
        let mut d = crate::clock::LaDecision::new(decision.into(), letter);
        d.notice = self.notice;
        d.draft = self.draft;
        d.final_plan = self.final_plan;
        d.mediation_certificate = self.mediation_certificate;
        d.appeal = self.appeal_lodged.map(|lodged| crate::clock::Appeal { lodged, ended: self.appeal_ended });
        d
    }
}

/// The dates after the decision as typed (dd/mm/yyyy, blank for not yet), in the order
/// notice, draft, final plan, mediation certificate, appeal lodged, appeal ended: each read and
/// none in the future, every problem at once. Their order and whether each goes with the
/// decision is the clock's check ([`crate::clock::cycle_timeline`]).
pub fn parse_after_decision(typed: [&str; 6], today: NaiveDate) -> Result<AfterDecision, Vec<Problem>> {
    const FIELDS: [(&str, &str); 6] = [
        ("notice", "The amendment notice's date"),
        ("draft", "The draft amended plan's date"),
        ("final_plan", "The final amended plan's date"),
        ("mediation_certificate", "The mediation certificate's date"),
        ("appeal_lodged", "The date the appeal was lodged"),
        ("appeal_ended", "The date the appeal ended"),
    ];
    let mut problems = Vec::new();
    let mut dates = [None; 6];
    for ((raw, (field, label)), slot) in typed.iter().zip(FIELDS).zip(dates.iter_mut()) {
        if raw.trim().is_empty() {
            continue;
        }
        match crate::dates::parse_user_date(field, label, raw) {
            Ok(date) if date > today => problems.push(Problem::block(
                field,
                format!("{label} is in the future."),
                "Record it once it has happened: give the date on the letter or email.",
            )),
            Ok(date) => *slot = Some(date),
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let [notice, draft, final_plan, mediation_certificate, appeal_lodged, appeal_ended] = dates;
    if appeal_ended.is_some() && appeal_lodged.is_none() {
        return Err(vec![Problem::block(
            "appeal_lodged",
            "An appeal that ended must have been lodged.",
            "Give the date the appeal was lodged too.",
        )]);
    }
    Ok(AfterDecision { notice, draft, final_plan, mediation_certificate, appeal_lodged, appeal_ended })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_after_the_decision_are_read_each_on_its_field() {
        let today = d(2026, 12, 1);
        let read = parse_after_decision(["05/10/2026", "", "", "", "", ""], today);
        assert_eq!(read.map(|a| a.notice), Ok(Some(d(2026, 10, 5))));
        let fields = |typed: [&str; 6]| -> Vec<&'static str> {
            parse_after_decision(typed, today).err().unwrap_or_default().iter().map(|p| p.field).collect()
        };
        assert_eq!(fields(["5 Oct", "", "01/01/2027", "", "", ""]), ["notice", "final_plan"]);
        assert_eq!(fields(["", "", "", "", "", "01/11/2026"]), ["appeal_lodged"]);
        let cease = parse_after_decision(["", "", "", "", "01/10/2026", ""], today).unwrap_or_default();
        let decision = cease.decision(Decision::Cease, d(2026, 9, 20));
        assert_eq!(decision.appeal.map(|a| a.lodged), Some(d(2026, 10, 1)));
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn codes_round_trip() {
        for s in ActionStatus::ALL {
            assert_eq!(ActionStatus::from_code(s.code()), Some(s));
        }
        for x in Decision::ALL {
            assert_eq!(Decision::from_code(x.code()), Some(x));
        }
        assert!(!Decision::Cease.continues());
    }

    #[test]
    fn check_ins_fall_on_the_first_day_of_each_later_term() {
        let school = SchoolCalendar::new(
            vec![
                (d(2026, 9, 3), d(2026, 12, 18)),
                (d(2027, 1, 5), d(2027, 3, 26)),
                (d(2027, 4, 12), d(2027, 7, 21)),
            ],
            [],
        );
        let c = check_ins(d(2026, 11, 10), d(2027, 6, 30), &school);
        assert_eq!(c, CheckIns { dates: vec![d(2027, 1, 5), d(2027, 4, 12)], approximate: false });
        assert_eq!(c.next(d(2027, 1, 6)), Some(d(2027, 4, 12)));
        assert_eq!(c.next(d(2027, 5, 1)), None);
        // A deadline inside the same term: the deadline itself is the only check.
        assert!(check_ins(d(2026, 11, 10), d(2026, 12, 1), &school).dates.is_empty());
    }

    #[test]
    fn without_term_dates_check_ins_are_every_twelve_weeks() {
        let c = check_ins(d(2026, 11, 10), d(2027, 6, 30), &SchoolCalendar::default());
        assert!(c.approximate);
        assert_eq!(c.dates, [d(2027, 2, 2), d(2027, 4, 27)]);
    }

    #[test]
    fn dates_after_the_meeting_are_not_before_it_nor_in_the_future() {
        let (meeting, today) = (d(2026, 11, 11), d(2026, 11, 22));
        let check =
            |on| check_date_after_meeting("submitted_on", "sent", meeting, on, today).map_err(|p| p.message);
        assert_eq!(check(d(2026, 11, 11)), Ok(()));
        assert_eq!(check(d(2026, 11, 22)), Ok(()));
        assert_eq!(check(d(2026, 11, 23)), Err("The date it was sent is in the future.".to_owned()));
        assert_eq!(check(d(2026, 11, 10)), Err("That date is before the meeting (11 Nov 2026).".to_owned()));
    }

    #[test]
    fn a_decision_needs_its_kind_and_its_letter_s_date() {
        assert_eq!(parse_decision("minor", "01/12/2026"), Ok((Decision::Minor, d(2026, 12, 1))));
        let fields = |r: Result<(Decision, NaiveDate), Vec<Problem>>| -> Vec<&'static str> {
            r.err().unwrap_or_default().iter().map(|p| p.field).collect()
        };
        assert_eq!(fields(parse_decision("", "")), ["decision", "decided_on"]);
        assert_eq!(fields(parse_decision("no_change", "31/02/2026")), ["decided_on"]);
    }

    #[test]
    fn a_briefing_is_due_from_the_amended_plan_until_one_is_recorded() {
        let d = |day| NaiveDate::from_ymd_opt(2027, 2, day).unwrap_or_default();
        assert_eq!(briefing_due(None, None), None, "no amended plan, nothing due");
        assert_eq!(briefing_due(Some(d(10)), None), Some(d(10)));
        assert_eq!(briefing_due(Some(d(10)), Some(d(9))), Some(d(10)), "a briefing before it does not count");
        assert_eq!(briefing_due(Some(d(10)), Some(d(10))), None);
    }
}
