//! The LA's replies to what it received (issue 19), drafted for an officer to check and send:
//! "returned for completion" to the school, and the decision to the family (SEND Regulations
//! 2014 reg 20(10): within 4 weeks of the meeting). Templates are data: the shipped wording,
//! which an LA replaces through its profile's `replies` (by kind), in the letter format of
//! [`crate::letters`] (a `Subject:` line, paragraphs, `- ` bullets, `{field}` merge fields).
//!
//! A decision that leaves the plan as it is (kept, minor changes noted for the next review) or
//! ends it carries the family's rights (`appeal_rights`, appended): the SEND Tribunal (CFA 2014
//! s51), mediation and its certificate (s55), the deadline — 2 months from the letter or 1 month
//! from the certificate, whichever is later — and the local SENDIASS. Proposed amendments carry
//! the 15 days for representations (reg 22(2), "beginning with the day" served: the end of
//! D + 14) and the final plan's latest date (reg 22(3): 8 weeks); the right of appeal comes with
//! the final plan, so that letter says so rather than starting the clock.

use chrono::NaiveDate;

use crate::calendar::{add_days, add_months, within_months_starting_with};
use crate::dates::written;
use crate::letters::{Letter, MergeData, render};
use crate::problem::Problem;

/// The kinds of reply, by the code a profile's `replies` uses.
pub const KINDS: [&str; 6] = [
    RETURNED_TO_SCHOOL,
    Outcome::Maintained.kind(),
    Outcome::MinorNoted.kind(),
    Outcome::Amend.kind(),
    Outcome::Cease.kind(),
    APPEAL_RIGHTS,
];

/// To the school: what must be put right before the LA can decide.
pub const RETURNED_TO_SCHOOL: &str = "returned_to_school";
/// The family's rights, appended to every decision that can be appealed now (no `Subject:`).
pub const APPEAL_RIGHTS: &str = "appeal_rights";

/// The shipped wording of reply `kind`.
pub fn builtin(kind: &str) -> Option<&'static str> {
    match kind {
        RETURNED_TO_SCHOOL => Some(include_str!("../replies/returned_to_school.txt")),
        "decision_maintained" => Some(include_str!("../replies/decision_maintained.txt")),
        "decision_minor" => Some(include_str!("../replies/decision_minor.txt")),
        "decision_proposed" => Some(include_str!("../replies/decision_proposed.txt")),
        "decision_cease" => Some(include_str!("../replies/decision_cease.txt")),
        APPEAL_RIGHTS => Some(include_str!("../replies/appeal_rights.txt")),
        _ => None,
    }
}

/// What the LA decided after the review (spec §10; the seed guidance's triage).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Kept as it is.
    Maintained,
    /// Kept; small changes noted and folded in at the next review. In law a decision not to
    /// amend (appealable, s51(2)), so the letter carries the rights.
    MinorNoted,
    /// Amendments proposed (reg 22): representations, then the final plan.
    Amend,
    /// Cease to maintain (regs 29–31; s45).
    Cease,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [Outcome::Maintained, Outcome::MinorNoted, Outcome::Amend, Outcome::Cease];

    /// The code the CLI and the window use: `maintain`, `minor`, `amend`, `cease`.
    pub const fn code(self) -> &'static str {
        match self {
            Outcome::Maintained => "maintain",
            Outcome::MinorNoted => "minor",
            Outcome::Amend => "amend",
            Outcome::Cease => "cease",
        }
    }

    pub fn from_code(code: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == code)
    }

    /// The reply kind of its letter, as a profile's `replies` names it.
    pub const fn kind(self) -> &'static str {
        match self {
            Outcome::Maintained => "decision_maintained",
            Outcome::MinorNoted => "decision_minor",
            Outcome::Amend => "decision_proposed",
            Outcome::Cease => "decision_cease",
        }
    }

    /// Whether the family can appeal this decision now (s51(2)): not a proposal, whose appeal
    /// comes with the final plan.
    pub const fn appealable_now(self) -> bool {
        !matches!(self, Outcome::Amend)
    }
}

/// What a decision letter to the family says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub outcome: Outcome,
    /// The child's name as the letter uses it: from the LA's case record, or else the initials.
    pub child: String,
    pub la_ref: String,
    pub meeting: NaiveDate,
    /// The letter's date: every deadline counts from it.
    pub letter: NaiveDate,
    /// "Dear …": the parent or young person, or "Parent or carer".
    pub recipient: String,
    /// Sections (and what changes in each) proposed or noted, in words.
    pub sections: Vec<String>,
    pub sendiass: Option<String>,
    pub mediation: Option<String>,
    /// How the family reaches the LA's SEN team.
    pub contact: String,
}

/// The deadlines a decision letter gives, each counted from its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionDates {
    /// Representations on proposed amendments: 15 days beginning with the letter's day.
    pub representations_end: NaiveDate,
    /// The final amended plan: 8 weeks from the amendment notice (reg 22(3)).
    pub final_plan_by: NaiveDate,
    /// The appeal: 2 months from the letter (or 1 month from a mediation certificate, if later).
    pub appeal_by: NaiveDate,
    /// The next review: within 12 months starting with the decision letter (T01, T02).
    pub next_review_by: NaiveDate,
}

impl DecisionDates {
    pub fn from_letter(letter: NaiveDate) -> Self {
        DecisionDates {
            representations_end: add_days(letter, 14),
            final_plan_by: add_days(letter, 56),
            appeal_by: add_months(letter, 2),
            next_review_by: within_months_starting_with(letter, 12),
        }
    }
}

/// The decision letter to the family, from `template` (the outcome's kind) and, for a decision
/// appealable now, `rights` appended. Every field without a value is reported.
pub fn decision_letter(template: &str, rights: &str, d: &Decision) -> Result<Letter, Vec<Problem>> {
    let dates = DecisionDates::from_letter(d.letter);
    let mut data = MergeData::new();
    data.set("child.name", d.child.clone())
        .set("child.la_ref", d.la_ref.clone())
        .set("meeting.date", written(d.meeting))
        .set("recipient.name", d.recipient.clone())
        .set("sections.list", d.sections.join("\n"))
        .set("reps.end", written(dates.representations_end))
        .set("final.by", written(dates.final_plan_by))
        .set("appeal.by", written(dates.appeal_by))
        .set("next_review.by", written(dates.next_review_by))
        .set("la.sendiass", d.sendiass.clone().unwrap_or_default())
        .set("la.mediation", d.mediation.clone().unwrap_or_default())
        .set("la.contact", d.contact.clone())
        .flag("sections", !d.sections.is_empty())
        .flag("sendiass", d.sendiass.is_some())
        .flag("mediation", d.mediation.is_some());
    let text =
        if d.outcome.appealable_now() { format!("{template}\n\n{rights}") } else { template.to_owned() };
    render(&text, &data)
}

/// What a "returned for completion" reply says. Dates are written out ("1 December 2026").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Returned {
    pub initials: String,
    /// The LA's reference for the child, or "no LA reference given".
    pub la_ref: String,
    pub meeting: String,
    pub received: String,
    pub reply_by: String,
    pub decision_due: String,
    /// How to send the corrected paperwork: the LA's portal or address.
    pub channel: String,
    /// Each thing to put right, in words.
    pub problems: Vec<String>,
}

/// The reply to the school, from `template`; every field without a value is reported.
pub fn returned_to_school(template: &str, r: &Returned) -> Result<Letter, Vec<Problem>> {
    let mut data = MergeData::new();
    data.set("child.initials", r.initials.clone())
        .set("child.la_ref", r.la_ref.clone())
        .set("meeting.date", r.meeting.clone())
        .set("received.date", r.received.clone())
        .set("reply.date", r.reply_by.clone())
        .set("decision.date", r.decision_due.clone())
        .set("la.channel", r.channel.clone())
        .set("problems.list", r.problems.join("\n"));
    render(template, &data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::letters::Block;

    #[test]
    fn the_school_is_told_each_thing_to_put_right() {
        let r = Returned {
            initials: "FF".into(),
            la_ref: "RC-EHC-10035".into(),
            meeting: "20 November 2026".into(),
            received: "30 November 2026".into(),
            reply_by: "7 December 2026".into(),
            decision_due: "18 December 2026".into(),
            channel: "the LA's SEND portal".into(),
            problems: vec!["The school report has a password.".into(), "The AR1 is not signed.".into()],
        };
        let template = builtin(RETURNED_TO_SCHOOL).unwrap_or_default();
        let letter = returned_to_school(template, &r).map_err(|p| format!("{p:?}"));
        let letter = letter.unwrap_or_else(|e| unreachable!("{e}"));
        assert!(letter.subject.contains("FF (RC-EHC-10035): returned for completion"), "{}", letter.subject);
        let bullets: Vec<&Block> = letter.blocks.iter().filter(|b| matches!(b, Block::Bullet(_))).collect();
        assert_eq!(bullets.len(), 2, "{letter:?}");
        assert!(letter.plain_text().contains("by 18 December 2026"));
        // A template naming a field the reply does not know is refused, naming it.
        let bad = returned_to_school("Subject: {child.name}\n\nHello", &r);
        assert!(matches!(bad, Err(p) if p.iter().any(|p| p.message.contains("child.name"))));
    }

    fn decision(outcome: Outcome) -> Decision {
        Decision {
            outcome,
            child: "Ffion".into(),
            la_ref: "RC-EHC-10035".into(),
            meeting: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default(),
            letter: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default(),
            recipient: "Ms Example".into(),
            sections: vec!["Section F: speech and language therapy".into()],
            sendiass: Some("Tees Valley SENDIASS, 01642 000000".into()),
            mediation: None,
            contact: "sen@example.gov.uk".into(),
        }
    }

    fn letter(d: &Decision) -> Letter {
        let template = builtin(d.outcome.kind()).unwrap_or_default();
        let rights = builtin(APPEAL_RIGHTS).unwrap_or_default();
        decision_letter(template, rights, d).unwrap_or_else(|p| unreachable!("{p:?}"))
    }

    #[test]
    fn the_deadlines_count_from_the_letter() {
        let dates = DecisionDates::from_letter(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default());
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        // 15 days beginning with 3 December end on the 17th (spec C4).
        assert_eq!(dates.representations_end, day(2026, 12, 17));
        assert_eq!(dates.final_plan_by, day(2027, 1, 28));
        assert_eq!(dates.appeal_by, day(2027, 2, 3));
        // Within 12 months starting with the letter (C7).
        assert_eq!(dates.next_review_by, day(2027, 12, 2));
        // The end of a month clamps: 31 December + 2 months is the end of February.
        let dec31 = DecisionDates::from_letter(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default());
        assert_eq!(dec31.appeal_by, NaiveDate::from_ymd_opt(2027, 2, 28).unwrap_or_default());
    }

    #[test]
    fn a_decision_the_family_can_appeal_now_carries_their_rights() {
        for outcome in [Outcome::Maintained, Outcome::MinorNoted, Outcome::Cease] {
            let text = letter(&decision(outcome)).plain_text();
            for words in [
                "SEND Tribunal",
                "by Wednesday 3 February 2027",
                "one month from the date of a mediation certificate",
                "mediation adviser",
                "Tees Valley SENDIASS, 01642 000000",
                "Please ask us for our independent mediation service",
                "only about the school or college named",
            ] {
                assert!(text.contains(words), "{outcome:?} lacks {words:?}:\n{text}");
            }
        }
        let kept = letter(&decision(Outcome::Maintained)).plain_text();
        assert!(
            kept.contains("keep the plan as it is") && kept.contains("by Thursday 2 December 2027"),
            "{kept}"
        );
        let minor = letter(&decision(Outcome::MinorNoted)).plain_text();
        assert!(minor.contains("Section F: speech and language therapy"), "{minor}");
        let cease = letter(&decision(Outcome::Cease)).plain_text();
        assert!(cease.contains("cease to maintain") && cease.contains("section 45"), "{cease}");
        // A named mediation service replaces the request for its details.
        let mut d = decision(Outcome::Maintained);
        d.mediation = Some("Global Mediation, 0800 000 0000".into());
        let text = letter(&d).plain_text();
        assert!(
            text.contains("Our mediation service is Global Mediation") && !text.contains("Please ask us for")
        );
    }

    #[test]
    fn proposed_amendments_give_15_days_and_the_final_plan_date_not_yet_the_appeal_clock() {
        let text = letter(&decision(Outcome::Amend)).plain_text();
        assert!(text.contains("until Thursday 17 December 2026"), "{text}");
        assert!(text.contains("by Thursday 28 January 2027"), "{text}");
        assert!(text.contains("particular school or college"), "{text}");
        assert!(text.contains("Section F: speech and language therapy"), "{text}");
        assert!(!text.contains("3 February 2027") && text.contains("final plan you can appeal"), "{text}");
        // Without sections, the notice is referred to rather than an empty list.
        let mut d = decision(Outcome::Amend);
        d.sections.clear();
        assert!(letter(&d).plain_text().contains("set out in the enclosed notice"));
    }

    #[test]
    fn every_kind_has_shipped_wording_and_the_codes_round_trip() {
        for kind in KINDS {
            assert!(builtin(kind).is_some(), "{kind}");
        }
        for o in Outcome::ALL {
            assert_eq!(Outcome::from_code(o.code()), Some(o));
        }
    }
}
