//! Requests the school makes of the LA after a review (issue 20; spec §10, Southwark's
//! "post-review requests"): a re-assessment of the child's needs, additional support or
//! services, and — when the school believes the LA should reconsider its decision — a
//! reconsideration, which the LA takes only on evidence beyond what the review sent it.
//!
//! Each request is a letter to the LA's SEN team with its evidence listed (templates are data,
//! in `requests/`), a date sent and, until the LA answers, an answer awaited. A re-assessment
//! request must be answered within 15 days of its receipt (SEND Regulations 2014, reg 24(1)); a
//! refusal can be appealed (CFA 2014 s51(2)(d)). The others have no statutory deadline.

use chrono::NaiveDate;

use crate::calendar::add_days;
use crate::dates::written;
use crate::follow_up::Decision;
use crate::letters::{Letter, MergeData, render};
use crate::problem::Problem;

/// What the school asks of the LA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestKind {
    /// A re-assessment of the child's education, health and care needs (regs 24–27).
    Reassessment,
    /// Additional support or services.
    Support,
    /// Reconsider the decision that followed the review, on new evidence.
    Reconsideration,
}

impl RequestKind {
    pub const ALL: [RequestKind; 3] =
        [RequestKind::Reassessment, RequestKind::Support, RequestKind::Reconsideration];

    pub fn code(self) -> &'static str {
        match self {
            RequestKind::Reassessment => "reassessment",
            RequestKind::Support => "support",
            RequestKind::Reconsideration => "reconsideration",
        }
    }

    pub fn from_code(code: &str) -> Option<RequestKind> {
        RequestKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            RequestKind::Reassessment => "Re-assessment of needs",
            RequestKind::Support => "Additional support or services",
            RequestKind::Reconsideration => "Reconsider the LA's decision (new evidence)",
        }
    }

    /// The shipped wording of the letter.
    pub fn template(self) -> &'static str {
        match self {
            RequestKind::Reassessment => include_str!("../requests/reassessment.txt"),
            RequestKind::Support => include_str!("../requests/support.txt"),
            RequestKind::Reconsideration => include_str!("../requests/reconsideration.txt"),
        }
    }

    /// The day the LA's answer is due for a request sent on `sent`, where the law sets one: a
    /// re-assessment within 15 days of receiving the request (reg 24(1)), counted from the day
    /// it was sent (a request sent by email arrives that day).
    pub fn answer_due(self, sent: NaiveDate) -> Option<NaiveDate> {
        match self {
            RequestKind::Reassessment => Some(add_days(sent, REASSESSMENT_ANSWER_DAYS)),
            RequestKind::Support | RequestKind::Reconsideration => None,
        }
    }
}

/// Days the LA has to answer a request for a re-assessment (reg 24(1)).
pub const REASSESSMENT_ANSWER_DAYS: u32 = 15;

/// The longest grounds accepted, in characters.
pub const MAX_GROUNDS_CHARS: usize = 5_000;

/// How the LA answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestOutcome {
    Agreed,
    PartlyAgreed,
    Refused,
    /// The school withdrew the request.
    Withdrawn,
}

impl RequestOutcome {
    pub const ALL: [RequestOutcome; 4] = [
        RequestOutcome::Agreed,
        RequestOutcome::PartlyAgreed,
        RequestOutcome::Refused,
        RequestOutcome::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RequestOutcome::Agreed => "agreed",
            RequestOutcome::PartlyAgreed => "partly",
            RequestOutcome::Refused => "refused",
            RequestOutcome::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<RequestOutcome> {
        RequestOutcome::ALL.into_iter().find(|o| o.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            RequestOutcome::Agreed => "Agreed",
            RequestOutcome::PartlyAgreed => "Partly agreed",
            RequestOutcome::Refused => "Refused",
            RequestOutcome::Withdrawn => "Withdrawn by the school",
        }
    }
}

/// A document of the review offered as evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// What it is, as the review's documents list it.
    pub title: String,
    /// The day it reached the school.
    pub received: Option<NaiveDate>,
}

impl Evidence {
    fn line(&self) -> String {
        let mut line = self.title.clone();
        if let Some(on) = self.received {
            line.push_str(&format!(" (received {})", plain(on)));
        }
        line
    }
}

/// A date without its weekday: a date of birth, the day a report arrived.
fn plain(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// What the review's record says, for the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewFacts {
    pub meeting: NaiveDate,
    /// The day the review went to the LA, if recorded.
    pub sent_to_la: Option<NaiveDate>,
    /// The LA's decision and the date of its letter, once recorded.
    pub decision: Option<(Decision, NaiveDate)>,
}

/// Checks a request before it is recorded and its letter written: the grounds given, a date on
/// or after the meeting and not in the future, and for a reconsideration a decision to
/// reconsider and at least one document the LA has not seen — one that reached the school after
/// the review went to the LA (Southwark: "additional or alternative evidence must be provided
/// beyond what was originally submitted"). Every problem at once.
/// `kind` and `sent` are `None` when not given (a date that could not be read is reported by
/// whoever read it).
pub fn check(
    kind: Option<RequestKind>,
    grounds: &str,
    sent: Option<NaiveDate>,
    evidence: &[Evidence],
    facts: &ReviewFacts,
    today: NaiveDate,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if kind.is_none() {
        problems.push(Problem::block(
            "kind",
            "Choose what the school is asking for.",
            "A re-assessment, additional support or services, or a reconsideration of the LA's decision.",
        ));
    }
    if grounds.trim().is_empty() {
        problems.push(Problem::block(
            "grounds",
            "Say why the school is asking.",
            match kind.unwrap_or(RequestKind::Support) {
                RequestKind::Reassessment => "For example what has changed in the child's needs since the plan was written. One reason a line.",
                RequestKind::Support => "Say what support or service is needed, and why. One a line.",
                RequestKind::Reconsideration => "Say what the new evidence shows that the LA did not know. One point a line.",
            },
        ));
    } else if grounds.chars().count() > MAX_GROUNDS_CHARS {
        problems.push(Problem::block(
            "grounds",
            format!("That is longer than {MAX_GROUNDS_CHARS} characters."),
            "Keep the letter to the points; the evidence says the rest.",
        ));
    }
    if sent.is_some_and(|s| s < facts.meeting) {
        problems.push(Problem::block(
            "sent_on",
            format!("That is before the review meeting on {}.", written(facts.meeting)),
            "A request after the review is sent on or after its meeting.",
        ));
    } else if sent.is_some_and(|s| s > today) {
        problems.push(Problem::block(
            "sent_on",
            "That date is in the future.",
            "Give the day the letter goes.",
        ));
    }
    if kind == Some(RequestKind::Reconsideration) {
        match facts.decision {
            None => problems.push(Problem::block(
                "kind",
                "The LA has not decided yet, so there is no decision to reconsider.",
                "Record the LA's decision on the review first. Until then, send the new evidence as part of the review.",
            )),
            Some((_, letter)) if sent.is_some_and(|s| s < letter) => problems.push(Problem::block(
                "sent_on",
                format!("That is before the LA's decision letter of {}.", written(letter)),
                "Give the day the request goes.",
            )),
            Some(_) => {}
        }
        let since = facts.sent_to_la.unwrap_or(facts.meeting);
        if !evidence.iter().any(|e| e.received.is_some_and(|r| r > since)) {
            problems.push(Problem::block(
                "evidence",
                format!(
                    "The LA reconsiders only on evidence it has not seen: choose at least one document that reached the school after the review went to the LA on {}.",
                    written(since)
                ),
                "Add it to the review's documents first: for example an independent EP, speech and language or OT assessment, the school's records, the parents' statement or the child's views.",
            ));
        }
    }
    if evidence.is_empty() && matches!(kind, Some(RequestKind::Reassessment | RequestKind::Support)) {
        // Allowed, but the LA will ask: say so.
        problems.push(Problem {
            field: "evidence",
            severity: crate::Severity::Info,
            message: "No evidence is listed: the LA decides on the evidence it is sent.".into(),
            hint: "Choose the reports that support the request, if there are any.".into(),
        });
    }
    problems
}

/// The decision as the reconsideration letter says it ("…: to keep the plan as it is.").
fn decision_words(decision: Decision) -> &'static str {
    match decision {
        Decision::NoChange => "to keep the plan as it is",
        Decision::Minor => "to make minor amendments to the plan",
        Decision::Significant => "to amend the plan",
        Decision::Cease => "to cease to maintain the plan",
    }
}

/// What a request's letter says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLetter {
    pub kind: RequestKind,
    pub child: String,
    pub dob: NaiveDate,
    /// The LA's reference for the child; `None` when the school does not have it.
    pub la_ref: Option<String>,
    pub school: String,
    pub meeting: NaiveDate,
    pub decision: Option<(Decision, NaiveDate)>,
    /// The last day to appeal against the decision, where the family can appeal it now.
    pub appeal_by: Option<NaiveDate>,
    pub grounds: String,
    pub evidence: Vec<Evidence>,
}

/// The request's letter from `template` (the kind's wording). Every field the template names
/// without a value is reported.
pub fn letter(template: &str, r: &RequestLetter) -> Result<Letter, Vec<Problem>> {
    let grounds: Vec<&str> = r.grounds.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let evidence: Vec<String> = r.evidence.iter().map(Evidence::line).collect();
    let mut data = MergeData::new();
    data.set("child.name", r.child.clone())
        .set("child.dob", plain(r.dob))
        .set(
            "child.details",
            match &r.la_ref {
                Some(reference) => format!("date of birth {}; your reference {reference}", plain(r.dob)),
                None => format!("date of birth {}", plain(r.dob)),
            },
        )
        .set("school.name", r.school.clone())
        .set("meeting.date", written(r.meeting))
        .set("grounds.list", grounds.join("\n"))
        .set("evidence.list", evidence.join("\n"))
        .flag("evidence", !evidence.is_empty())
        .flag("appeal", r.appeal_by.is_some());
    if let Some((decision, on)) = r.decision {
        data.set("decision.date", written(on)).set("decision.label", decision_words(decision));
    }
    if let Some(by) = r.appeal_by {
        data.set("appeal.by", written(by));
    }
    render(template, &data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;
    use crate::letters::Block;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn facts() -> ReviewFacts {
        ReviewFacts {
            meeting: d(2026, 11, 10),
            sent_to_la: Some(d(2026, 11, 20)),
            decision: Some((Decision::NoChange, d(2026, 12, 4))),
        }
    }

    fn report(title: &str, received: NaiveDate) -> Evidence {
        Evidence { title: title.into(), received: Some(received) }
    }

    fn blocking(p: &[Problem]) -> Vec<&'static str> {
        p.iter().filter(|p| p.severity == Severity::Block).map(|p| p.field).collect()
    }

    #[test]
    fn a_reassessment_is_answered_within_15_days_and_the_others_have_no_deadline() {
        assert_eq!(RequestKind::Reassessment.answer_due(d(2027, 1, 11)), Some(d(2027, 1, 26)));
        assert_eq!(RequestKind::Support.answer_due(d(2027, 1, 11)), None);
        assert_eq!(RequestKind::Reconsideration.answer_due(d(2027, 1, 11)), None);
        for k in RequestKind::ALL {
            assert_eq!(RequestKind::from_code(k.code()), Some(k));
        }
        for o in RequestOutcome::ALL {
            assert_eq!(RequestOutcome::from_code(o.code()), Some(o));
        }
    }

    #[test]
    fn a_reconsideration_needs_a_decision_and_evidence_the_la_has_not_seen() {
        let today = d(2027, 1, 20);
        let old = [report("Speech and language therapy report", d(2026, 11, 1))];
        let p = check(
            Some(RequestKind::Reconsideration),
            "Needs have changed.",
            Some(d(2027, 1, 11)),
            &old,
            &facts(),
            today,
        );
        assert_eq!(blocking(&p), vec!["evidence"], "{p:?}");
        // A report that came after the review went to the LA is new evidence.
        let new = [report("Independent EP assessment", d(2026, 12, 15))];
        let p = check(
            Some(RequestKind::Reconsideration),
            "Needs have changed.",
            Some(d(2027, 1, 11)),
            &new,
            &facts(),
            today,
        );
        assert!(blocking(&p).is_empty(), "{p:?}");
        // No decision yet: nothing to reconsider; a date before the decision letter is refused.
        let undecided = ReviewFacts { decision: None, ..facts() };
        let p = check(Some(RequestKind::Reconsideration), "x", Some(d(2027, 1, 11)), &new, &undecided, today);
        assert_eq!(blocking(&p), vec!["kind"]);
        let p = check(Some(RequestKind::Reconsideration), "x", Some(d(2026, 12, 1)), &new, &facts(), today);
        assert_eq!(blocking(&p), vec!["sent_on"]);
    }

    #[test]
    fn grounds_and_dates_are_checked_together() {
        let p = check(Some(RequestKind::Support), "  ", Some(d(2026, 11, 1)), &[], &facts(), d(2027, 1, 20));
        assert_eq!(blocking(&p), vec!["grounds", "sent_on"]);
        // No evidence is allowed for support, but said.
        assert!(p.iter().any(|p| p.field == "evidence" && p.severity == Severity::Info));
        let p =
            check(Some(RequestKind::Reassessment), "x", Some(d(2027, 2, 1)), &[], &facts(), d(2027, 1, 20));
        assert_eq!(blocking(&p), vec!["sent_on"]);
        let long = "x".repeat(MAX_GROUNDS_CHARS + 1);
        let p = check(None, "x", None, &[], &facts(), d(2027, 1, 20));
        assert_eq!(blocking(&p), vec!["kind"]);
        let p = check(
            Some(RequestKind::Reassessment),
            &long,
            Some(d(2027, 1, 11)),
            &[],
            &facts(),
            d(2027, 1, 20),
        );
        assert_eq!(blocking(&p), vec!["grounds"]);
    }

    fn request(kind: RequestKind) -> RequestLetter {
        RequestLetter {
            kind,
            child: "Sam Example".into(),
            dob: d(2015, 3, 2),
            la_ref: None,
            school: "Example Primary School".into(),
            meeting: d(2026, 11, 10),
            decision: Some((Decision::NoChange, d(2026, 12, 4))),
            appeal_by: Some(d(2027, 2, 4)),
            grounds: "Reading age has fallen a year behind.\n\nNew anxiety about transition.".into(),
            evidence: vec![
                report("Independent EP assessment", d(2026, 12, 15)),
                report("Parents' statement", d(2027, 1, 5)),
            ],
        }
    }

    #[test]
    fn each_letter_lists_the_grounds_and_the_evidence() {
        for kind in RequestKind::ALL {
            let r = request(kind);
            let letter = letter(kind.template(), &r).unwrap_or_else(|p| unreachable!("{kind:?}: {p:?}"));
            let text = letter.plain_text();
            assert!(text.contains("Sam Example"), "{text}");
            assert!(text.contains("2 March 2015"), "{text}");
            assert!(text.contains("(date of birth 2 March 2015)"), "{text}");
            let bullets: Vec<&Block> =
                letter.blocks.iter().filter(|b| matches!(b, Block::Bullet(_))).collect();
            // Two grounds and two documents.
            assert_eq!(bullets.len(), 4, "{kind:?}: {text}");
            assert!(text.contains("Independent EP assessment (received 15 December 2026)"), "{text}");
        }
        let text = letter(RequestKind::Reconsideration.template(), &request(RequestKind::Reconsideration))
            .map(|l| l.plain_text())
            .unwrap_or_default();
        assert!(text.contains("10 November 2026: to keep the plan as it is."), "{text}");
        assert!(text.contains("nor its deadline of Thursday 4 February 2027"), "{text}");
        let text = letter(RequestKind::Reassessment.template(), &request(RequestKind::Reassessment))
            .map(|l| l.plain_text())
            .unwrap_or_default();
        assert!(text.contains("within 15 days of receiving this request"), "{text}");
        // A reconsideration with no decision cannot be written: the field is named.
        let undecided = RequestLetter { decision: None, ..request(RequestKind::Reconsideration) };
        let p = letter(RequestKind::Reconsideration.template(), &undecided).err().unwrap_or_default();
        assert!(p.iter().any(|p| p.message.contains("decision.date")), "{p:?}");
    }
}
