//! Proposed amendments to the EHC plan (spec §7): each change as data (section, current and
//! proposed wording, reason, evidence), the word-level difference between the two wordings, and
//! the rules a set of amendments must meet, every problem at once.

use crate::plan::SectionId;
use crate::problem::{Problem, Severity};

/// A document in the review's checklist that an amendment relies on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The checklist item's title, e.g. "Speech and language therapy report".
    pub title: String,
    /// Page or paragraph, e.g. "p. 4, para 3".
    pub locator: String,
    /// Written by a health professional (needed for Sections C and G).
    pub from_health: bool,
}

/// One proposed change to one section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amendment {
    pub section: SectionId,
    pub current: String,
    pub proposed: String,
    pub reason: String,
    pub evidence: Vec<Evidence>,
    /// Agreed at the meeting.
    pub agreed: bool,
    /// Who disagrees, and why (when not agreed).
    pub disagreement: String,
}

/// How a piece of text changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    Same,
    Inserted,
    Deleted,
}

/// The word-level difference between two wordings: runs of unchanged, inserted and deleted text,
/// in reading order (deletions before the insertions that replace them). Whitespace is kept, so
/// joining the `Same` and `Inserted` runs gives the proposed wording back, and joining `Same` and
/// `Deleted` gives the current one.
pub fn diff_words(current: &str, proposed: &str) -> Vec<(Change, String)> {
    let diff =
        similar::TextDiff::configure().algorithm(similar::Algorithm::Patience).diff_words(current, proposed);
    let mut out: Vec<(Change, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            similar::ChangeTag::Equal => Change::Same,
            similar::ChangeTag::Insert => Change::Inserted,
            similar::ChangeTag::Delete => Change::Deleted,
        };
        match out.last_mut() {
            Some((last, text)) if *last == kind => text.push_str(change.value()),
            _ => out.push((kind, change.value().to_owned())),
        }
    }
    out
}

/// A vague phrase found in proposed Section F wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vague {
    pub phrase: String,
    /// Byte range of the phrase in the text.
    pub start: usize,
    pub end: usize,
    pub hint: String,
}

/// Phrases that never specify provision on their own (IPSEA; SEND Tribunal decisions).
const ALWAYS_VAGUE: [(&str, &str); 5] = [
    ("access to", "Say what will be provided, not access to it: what, how often, for how long, by whom."),
    ("regular", "Replace \u{201c}regular\u{201d} with a frequency, e.g. \u{201c}3 times a week\u{201d}."),
    ("up to", "Give the amount that will be provided, not a maximum."),
    (
        "as appropriate",
        "Say what is appropriate: the provision is specified in the plan, not left to judgement.",
    ),
    ("opportunities to", "Say what will be provided, how often and by whom, not the opportunity."),
];

/// Phrases that need a frequency, a duration or who delivers them in the same sentence.
const NEEDS_DETAIL: [&str; 2] = ["small group", "support"];

/// Words that show a sentence specifies how often, how long or who.
const DETAIL_MARKERS: [&str; 30] = [
    "daily",
    "weekly",
    "fortnightly",
    "termly",
    "monthly",
    "each day",
    "each week",
    "per day",
    "per week",
    "a day",
    "a week",
    "times",
    "minutes",
    "minute",
    "hours",
    "hour",
    "sessions",
    "session",
    "teacher",
    "assistant",
    "therapist",
    "senco",
    "psychologist",
    "practitioner",
    "nurse",
    "1:1",
    "one-to-one",
    "trained",
    "specialist",
    "delivered by",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '-'
}

/// Every occurrence of `phrase` in `lower` at word boundaries.
fn find_phrase(lower: &str, phrase: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower.get(from..).and_then(|rest| rest.find(phrase)).map(|i| i + from) {
        let before = lower.get(..i).and_then(|s| s.chars().next_back());
        let after = lower.get(i + phrase.len()..).and_then(|s| s.chars().next());
        if !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) {
            out.push(i);
        }
        from = i + phrase.len();
    }
    out
}

/// The sentence around byte `at`.
fn sentence_at(text: &str, at: usize) -> &str {
    let start = text.get(..at).and_then(|s| s.rfind(['.', '\n', ';'])).map_or(0, |i| i + 1);
    let end = text.get(at..).and_then(|s| s.find(['.', '\n', ';'])).map_or(text.len(), |i| i + at);
    text.get(start..end).unwrap_or("")
}

/// Vague wording in proposed Section F provision, each phrase with where it is and a hint.
pub fn vague_provision(text: &str) -> Vec<Vague> {
    // ASCII lower-casing keeps byte offsets equal to the original text's.
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for (phrase, hint) in ALWAYS_VAGUE {
        for start in find_phrase(&lower, phrase) {
            out.push(Vague {
                phrase: text.get(start..start + phrase.len()).unwrap_or(phrase).to_owned(),
                start,
                end: start + phrase.len(),
                hint: hint.to_owned(),
            });
        }
    }
    for phrase in NEEDS_DETAIL {
        for start in find_phrase(&lower, phrase) {
            let sentence = sentence_at(&lower, start);
            let specified = DETAIL_MARKERS.iter().any(|m| sentence.contains(m))
                || sentence.chars().any(|c| c.is_ascii_digit());
            if !specified {
                out.push(Vague {
                    phrase: text.get(start..start + phrase.len()).unwrap_or(phrase).to_owned(),
                    start,
                    end: start + phrase.len(),
                    hint: format!(
                        "Say how often, for how long and who provides the {phrase}, e.g. \u{201c}3 x 30 minutes a week with a trained teaching assistant\u{201d}."
                    ),
                });
            }
        }
    }
    out.sort_by_key(|v| v.start);
    out
}

/// Sections whose changes must rest on evidence (spec §7: needs and provision).
/// The highest page an evidence locator cites: "p. 3", "pp. 2-4", "page 5", "p3, para 2" give 3,
/// 4, 5 and 3; a locator naming no page ("para 2", "section 4") gives `None`.
pub fn cited_page(locator: &str) -> Option<u32> {
    let lower = locator.to_lowercase();
    let mut best: Option<u32> = None;
    let mut rest = lower.as_str();
    while let Some(at) = rest.find('p') {
        let after = rest.get(at..).unwrap_or_default();
        // "p", "p.", "pp", "pp.", "page", "pages", then the numbers and ranges that follow.
        let word_start =
            at == 0 || !rest.get(..at).unwrap_or_default().ends_with(|c: char| c.is_alphanumeric());
        let marker =
            ["pages", "page", "pp.", "pp", "p."].into_iter().chain(["p"]).find(|m| after.starts_with(m));
        rest = after.get(1..).unwrap_or_default();
        let (Some(marker), true) = (marker, word_start) else { continue };
        let numbers = after.get(marker.len()..).unwrap_or_default();
        if !numbers.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        for n in numbers
            .trim_start()
            .split(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '\u{2013}' | ',' | ' ')))
            .next()
            .unwrap_or_default()
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse::<u32>().ok())
        {
            best = best.max(Some(n));
        }
    }
    best
}

pub fn needs_evidence(section: SectionId) -> bool {
    matches!(
        section,
        SectionId::B
            | SectionId::C
            | SectionId::D
            | SectionId::F
            | SectionId::G
            | SectionId::H1
            | SectionId::H2
    )
}

/// Sections whose changes need a health professional's evidence.
pub fn needs_health_evidence(section: SectionId) -> bool {
    matches!(section, SectionId::C | SectionId::G)
}

/// Every problem with a review's amendments, at once. `no_amendments` is the explicit "no
/// amendments proposed" statement; with no amendments it must be given, and with some it must not.
/// Vague Section F wording is a warning (it can be overridden with a reason), the rest block.
/// A section's wording before and after its changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub before: String,
    pub after: String,
}

/// Applies the changes to one section (`changes`, in the order they were made) to the plan's
/// wording of it (`section`; empty when the plan was not imported).
///
/// Each change replaces its current wording, found in the section as the earlier changes left
/// it, with its proposed wording; so two changes to different passages both show, and the
/// document shows the whole section. A single change whose wording is not in the section
/// stands on its own (its current wording against its proposed). Several changes that cannot
/// all be placed (they overlap, or one quotes wording the section does not have) are refused:
/// the document could not show them all honestly.
pub fn compose(section: &str, changes: &[&Amendment]) -> Result<Composed, Problem> {
    let joined =
        |part: fn(&Amendment) -> &str| changes.iter().map(|a| part(a)).collect::<Vec<_>>().join("\n");
    let found = |text: &str, a: &Amendment| !a.current.trim().is_empty() && text.contains(a.current.trim());
    match changes {
        [] => return Ok(Composed { before: section.to_owned(), after: section.to_owned() }),
        // Without the plan's wording the passages cannot be placed: each is shown in turn.
        _ if section.trim().is_empty() => {
            return Ok(Composed { before: joined(|a| &a.current), after: joined(|a| &a.proposed) });
        }
        [only] if !found(section, only) => {
            return Ok(Composed { before: only.current.clone(), after: only.proposed.clone() });
        }
        _ => {}
    }
    let mut after = section.to_owned();
    for a in changes {
        if !found(&after, a) {
            let code = a.section.code();
            return Err(Problem::block(
                "current",
                format!(
                    "The changes to Section {code} cannot all be shown: the current wording of one \
                     (\u{201c}{}\u{201d}) is not in the section as the other changes leave it.",
                    excerpt(a.current.trim())
                ),
                "Quote only the passage each change replaces, without overlapping another change, or \
                 combine them into one change.",
            ));
        }
        after = after.replacen(a.current.trim(), a.proposed.trim(), 1);
    }
    Ok(Composed { before: section.to_owned(), after })
}

/// The first few words of `text`, for a message.
fn excerpt(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.get(..8) {
        Some(head) if words.len() > 8 => format!("{}\u{2026}", head.join(" ")),
        _ => words.join(" "),
    }
}

pub fn check(amendments: &[Amendment], no_amendments: bool) -> Vec<Problem> {
    let mut out = Vec::new();
    if amendments.is_empty() && !no_amendments {
        out.push(Problem::block(
            "no_amendments",
            "No amendments are listed and \u{201c}No amendments proposed\u{201d} is not stated.",
            "Add the proposed changes, or state that no amendments are proposed.",
        ));
    }
    if !amendments.is_empty() && no_amendments {
        out.push(Problem::block(
            "no_amendments",
            "Amendments are listed but \u{201c}No amendments proposed\u{201d} is also stated.",
            "Remove the amendments, or untick \u{201c}No amendments proposed\u{201d}.",
        ));
    }
    for a in amendments {
        let s = a.section.code();
        if a.proposed.trim() == a.current.trim() {
            out.push(Problem::block(
                "proposed",
                format!("The change to Section {s} does not change its wording."),
                "Write the proposed wording, or remove the amendment.",
            ));
        }
        if a.reason.trim().is_empty() {
            out.push(Problem::block(
                "reason",
                format!("The change to Section {s} has no reason."),
                "Say why the section should change.",
            ));
        }
        if needs_evidence(a.section) && a.evidence.is_empty() {
            out.push(Problem::block(
                "evidence",
                format!("The change to Section {s} has no evidence."),
                "Choose the report it rests on, with the page or paragraph.",
            ));
        }
        if needs_health_evidence(a.section) && !a.evidence.iter().any(|e| e.from_health) {
            out.push(Problem::block(
                "evidence",
                format!("The change to Section {s} needs evidence from a health professional's report."),
                "Choose a report from a health professional (NHS), e.g. the paediatrician or therapist.",
            ));
        }
        if !a.agreed && a.disagreement.trim().is_empty() {
            out.push(Problem::block(
                "disagreement",
                format!("The change to Section {s} was not agreed, but no one is recorded as disagreeing."),
                "Say who disagrees and why, or mark the change agreed.",
            ));
        }
        if a.section == SectionId::F {
            for v in vague_provision(&a.proposed) {
                out.push(Problem {
                    field: "proposed",
                    severity: Severity::Warn,
                    message: format!("Section F: \u{201c}{}\u{201d} is vague.", v.phrase),
                    hint: v.hint,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 16: the page an evidence reference cites, to check against the report's pages.
    #[test]
    fn the_page_an_evidence_reference_cites() {
        for (locator, page) in [
            ("p. 3", Some(3)),
            ("p. 3, para 2", Some(3)),
            ("pp. 2-4", Some(4)),
            ("pp. 2\u{2013}4", Some(4)),
            ("page 5", Some(5)),
            ("Pages 7, 9", Some(9)),
            ("p3", Some(3)),
            ("p. 12 and p. 14", Some(14)),
            ("para 2", None),
            ("section 4, reading assessments", None),
            ("", None),
        ] {
            assert_eq!(cited_page(locator), page, "{locator:?}");
        }
    }

    fn change(section: SectionId, current: &str, proposed: &str) -> Amendment {
        Amendment {
            section,
            current: current.to_owned(),
            proposed: proposed.to_owned(),
            reason: "Because.".to_owned(),
            evidence: Vec::new(),
            agreed: true,
            disagreement: String::new(),
        }
    }

    #[test]
    fn changes_to_one_section_are_applied_in_turn_to_the_whole_section() {
        let plan = "Speech therapy weekly.\nA quiet space at lunch.\nTeaching assistant in maths.";
        let a = change(SectionId::F, "Speech therapy weekly.", "Speech therapy twice weekly, 30 minutes.");
        let b = change(SectionId::F, "A quiet space at lunch.", "A quiet space at lunch and break.");
        let got = compose(plan, &[&a, &b]);
        assert_eq!(
            got,
            Ok(Composed {
                before: plan.to_owned(),
                after: "Speech therapy twice weekly, 30 minutes.\nA quiet space at lunch and break.\nTeaching assistant in maths."
                    .to_owned(),
            })
        );
        // The whole section replaced by one change, as the form pre-fills it.
        let whole = change(SectionId::F, plan, "All new wording.");
        assert_eq!(compose(plan, &[&whole]).map(|c| c.after), Ok("All new wording.".to_owned()));
    }

    #[test]
    fn changes_that_cannot_all_be_placed_are_refused_not_shown_wrongly() {
        let plan = "Speech therapy weekly.\nA quiet space at lunch.";
        let a = change(SectionId::F, "Speech therapy weekly.", "Speech therapy twice weekly.");
        // Overlaps the first change's passage, which is gone once it is applied.
        let b = change(SectionId::F, "Speech therapy weekly.\nA quiet", "Occupational therapy.\nA quiet");
        let refused = compose(plan, &[&a, &b]).err().map(|p| p.message).unwrap_or_default();
        assert!(refused.contains("Section F cannot all be shown"), "{refused}");
        // One change quoting wording the plan does not have stands on its own.
        let typed = change(SectionId::F, "Old wording typed by hand.", "New wording.");
        assert_eq!(
            compose(plan, &[&typed]),
            Ok(Composed {
                before: "Old wording typed by hand.".to_owned(),
                after: "New wording.".to_owned()
            })
        );
        // Without the plan's wording, each passage is shown in turn.
        assert_eq!(
            compose("", &[&a, &typed]).map(|c| c.before),
            Ok("Speech therapy weekly.\nOld wording typed by hand.".to_owned())
        );
    }

    fn joined(diff: &[(Change, String)], keep: Change) -> String {
        diff.iter().filter(|(c, _)| *c == Change::Same || *c == keep).map(|(_, t)| t.as_str()).collect()
    }

    #[test]
    fn the_word_diff_rebuilds_both_wordings() {
        let current = "Ben needs support with reading.\nHe has speech therapy.";
        let proposed = "Ben needs daily support with reading and spelling.\nHe has speech therapy.";
        let d = diff_words(current, proposed);
        assert_eq!(joined(&d, Change::Inserted), proposed);
        assert_eq!(joined(&d, Change::Deleted), current);
        assert!(d.iter().any(|(c, t)| *c == Change::Inserted && t.contains("daily")));
    }

    #[test]
    fn vague_provision_is_found_with_its_place() {
        let text = "Regular access to a small group. Support from a trained teaching assistant for 30 minutes daily.";
        let found: Vec<String> = vague_provision(text).into_iter().map(|v| v.phrase).collect();
        assert_eq!(found, ["Regular", "access to", "small group"]);
        let v = vague_provision("He will have irregular sessions");
        assert!(v.is_empty(), "{v:?}: a word inside another is not the phrase");
        let first = vague_provision("Up to 3 hours").into_iter().next();
        assert_eq!(first.map(|v| (v.start, v.end)), Some((0, 5)));
    }

    fn amendment(section: SectionId) -> Amendment {
        Amendment {
            section,
            current: "Old wording.".into(),
            proposed: "New wording, 3 x 30 minutes a week with a teaching assistant.".into(),
            reason: "Progress in reading".into(),
            evidence: vec![Evidence {
                title: "School report".into(),
                locator: "p. 2".into(),
                from_health: false,
            }],
            agreed: true,
            disagreement: String::new(),
        }
    }

    #[test]
    fn the_rules_report_everything_at_once() {
        assert!(check(&[amendment(SectionId::F)], false).is_empty());
        let mut bare = amendment(SectionId::C);
        bare.evidence.clear();
        bare.reason.clear();
        bare.agreed = false;
        let mut vague = amendment(SectionId::F);
        vague.proposed = "Regular speech and language therapy as appropriate.".into();
        let problems = check(&[bare, vague], true);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Amendments are listed but \u{201c}No amendments proposed\u{201d} is also stated.",
                "The change to Section C has no reason.",
                "The change to Section C has no evidence.",
                "The change to Section C needs evidence from a health professional's report.",
                "The change to Section C was not agreed, but no one is recorded as disagreeing.",
                "Section F: \u{201c}Regular\u{201d} is vague.",
                "Section F: \u{201c}as appropriate\u{201d} is vague.",
            ]
        );
        assert!(
            problems
                .iter()
                .filter(|p| p.message.starts_with("Section F"))
                .all(|p| p.severity == Severity::Warn)
        );
        // Nothing proposed must be said explicitly.
        assert_eq!(check(&[], false).len(), 1);
        assert!(check(&[], true).is_empty());
        // Section A needs no evidence.
        let mut a = amendment(SectionId::A);
        a.evidence.clear();
        assert!(check(&[a], false).is_empty());
    }
}
