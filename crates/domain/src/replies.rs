//! The LA's replies to what it received (issue 19), drafted for an officer to check and send:
//! "returned for completion" to the school. Templates are data: the shipped wording, which an LA
//! replaces through its profile's `replies` (by kind), in the letter format of
//! [`crate::letters`] (a `Subject:` line, paragraphs, `- ` bullets, `{field}` merge fields).

use crate::letters::{Letter, MergeData, render};
use crate::problem::Problem;

/// The kinds of reply, by the code a profile's `replies` uses.
pub const KINDS: [&str; 1] = [RETURNED_TO_SCHOOL];

/// To the school: what must be put right before the LA can decide.
pub const RETURNED_TO_SCHOOL: &str = "returned_to_school";

/// The shipped wording of reply `kind`.
pub fn builtin(kind: &str) -> Option<&'static str> {
    match kind {
        RETURNED_TO_SCHOOL => Some(include_str!("../replies/returned_to_school.txt")),
        _ => None,
    }
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
}
