//! Whether a line heads a section: with its letter ("Section A", "B:", "(A) Views", "Sections
//! E and F"), or in the regulations' wording or an LA's title with no letter.

use super::{Heading, SectionId};

/// The longest line that can be a heading with a section letter.
const MAX_HEADING_CHARS: usize = 120;
/// The longest line that can be a heading in the regulations' wording.
const MAX_WORDING_CHARS: usize = 260;

/// The section (or sections) a paragraph heads, if it is a heading: "Section A", "SECTION F –
/// Special educational provision", "Section H1:", "A:", "(A) Views", "F - Provision", "E)
/// Outcomes", "Sections E and F", "Section H" (H1 and H2), or a heading in the regulations'
/// wording with no letter ("The child or young person's special educational needs"). A bare
/// letter needs punctuation after it, so a sentence starting "A child…" is not a heading.
pub fn heading(paragraph: &str) -> Option<Heading> {
    letter_heading(paragraph, false).or_else(|| wording_heading(paragraph))
}

/// A section code, or a list of them ("E and F", "B, E & F", "E/F"), at the start of `text`:
/// the sections and the rest of the text.
pub(super) fn codes(text: &str) -> Option<(Vec<SectionId>, &str)> {
    let code = |t: &str| -> Option<(Vec<SectionId>, usize)> {
        let len = t.chars().take_while(|c| c.is_ascii_alphanumeric()).count();
        let word = t.get(..len)?;
        if word.eq_ignore_ascii_case("h") {
            return Some((vec![SectionId::H1, SectionId::H2], len));
        }
        SectionId::from_code(word).filter(|s| *s != SectionId::Front).map(|s| (vec![s], len))
    };
    let (mut found, len) = code(text)?;
    let mut rest = text.get(len..).unwrap_or("");
    loop {
        let t = rest.trim_start();
        let after_sep = [",", "&", "/", "+"].iter().find_map(|sep| t.strip_prefix(sep)).or_else(|| {
            let lower = t.get(..4).map(str::to_ascii_lowercase);
            (lower.as_deref() == Some("and ")).then(|| t.get(4..)).flatten()
        });
        let Some(after_sep) = after_sep else { break };
        let after_sep = after_sep.trim_start();
        let after_sep = after_sep.strip_prefix("and ").unwrap_or(after_sep).trim_start(); // ", and F"
        match code(after_sep) {
            Some((more, len)) => {
                found.extend(more);
                rest = after_sep.get(len..).unwrap_or("");
            }
            None => break,
        }
    }
    found.sort();
    found.dedup();
    Some((found, rest))
}

pub(super) fn to_heading(mut sections: Vec<SectionId>) -> Option<Heading> {
    sections.sort();
    sections.dedup();
    match sections.as_slice() {
        [] => None,
        [one] => Some(Heading::One(*one)),
        _ => Some(Heading::Several(sections)),
    }
}

/// A heading with a section letter. `bare`: the line may be the letter alone ("A", "E and F"),
/// as in a table cell of its own.
pub(super) fn letter_heading(paragraph: &str, bare: bool) -> Option<Heading> {
    let line = paragraph.trim();
    if line.is_empty() || line.chars().count() > MAX_HEADING_CHARS {
        return None;
    }
    // "Sections", "Section", or a letter in brackets: "(A) Views".
    let lower = line.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    let (prefixed, rest) = if lower == "sections" {
        (true, line.get(8..).unwrap_or("").trim_start())
    } else if lower.starts_with("section") {
        (true, line.get(7..).unwrap_or("").trim_start())
    } else {
        (false, line)
    };
    // Without "Section", the letter is a capital: "b) two sessions a week" is a list item.
    let capital = |t: &str| t.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    if let Some(inner) = rest.strip_prefix('(').filter(|_| !prefixed) {
        if !capital(inner) {
            return None;
        }
        let (found, after) = codes(inner)?;
        let after = after.trim_start().strip_prefix(')')?;
        let next = after.chars().next();
        return (next.is_none() || next.is_some_and(|c| c.is_whitespace() || c.is_ascii_punctuation()))
            .then(|| to_heading(found))
            .flatten();
    }
    if !prefixed && !capital(rest) {
        return None;
    }
    let (found, after) = codes(rest)?;
    let next = after.trim_start().chars().next();
    let punctuated = matches!(next, Some(':' | '.' | ')' | '-' | '\u{2013}' | '\u{2014}'));
    // "Section A" alone, or followed by a title; a bare "A" only with punctuation, or alone
    // where it stands in its own table cell.
    let fits = if prefixed {
        next.is_none() || punctuated || after.starts_with(char::is_whitespace)
    } else {
        punctuated || (bare && next.is_none())
    };
    fits.then(|| to_heading(found)).flatten()
}

/// The words a heading in the regulations' wording (SEND Regulations 2014, reg 12(1)) or an LA
/// template's title for a section is made of. A line with any other word (not a name) is a
/// sentence, not a heading.
const HEADING_WORDS: &[&str] = &[
    "a",
    "about",
    "act",
    "adult",
    "adulthood",
    "advice",
    "agreed",
    "all",
    "an",
    "and",
    "any",
    "appendices",
    "appendix",
    "arrangements",
    "as",
    "aspirations",
    "assessment",
    "attached",
    "attended",
    "authority",
    "be",
    "body",
    "budget",
    "budgets",
    "by",
    "care",
    "carer",
    "carers",
    "child",
    "childs",
    "children",
    "chronically",
    "college",
    "commissioning",
    "csdpa",
    "difficulties",
    "difficulty",
    "direct",
    "disabilities",
    "disability",
    "disabled",
    "during",
    "education",
    "educational",
    "ehc",
    "ehcp",
    "family",
    "feelings",
    "for",
    "from",
    "gathered",
    "having",
    "health",
    "her",
    "him",
    "his",
    "i",
    "in",
    "including",
    "information",
    "institution",
    "institutions",
    "interests",
    "is",
    "its",
    "la",
    "learning",
    "life",
    "list",
    "local",
    "made",
    "maintained",
    "me",
    "meet",
    "met",
    "must",
    "my",
    "name",
    "needs",
    "need",
    "nhs",
    "nursery",
    "of",
    "or",
    "other",
    "our",
    "outcome",
    "outcomes",
    "parent",
    "parents",
    "payment",
    "payments",
    "person",
    "persons",
    "personal",
    "pfa",
    "placement",
    "plan",
    "post",
    "preparing",
    "provision",
    "reasonably",
    "related",
    "relate",
    "relating",
    "required",
    "result",
    "s2",
    "school",
    "schools",
    "section",
    "sections",
    "secured",
    "sen",
    "send",
    "setting",
    "short",
    "shorter",
    "sick",
    "social",
    "sought",
    "special",
    "steps",
    "support",
    "targets",
    "term",
    "the",
    "their",
    "them",
    "they",
    "to",
    "towards",
    "type",
    "views",
    "which",
    "wishes",
    "with",
    "young",
    "achieve",
    "achieved",
    "intended",
    "onwards",
    "year",
    "yr",
    "1970",
    "16",
    "2",
    "25",
    "9",
];

/// The phrases that name each section in headings without a letter, most specific first.
const WORDING: &[(&str, &[SectionId])] = &[
    ("chronically sick", &[SectionId::H1]),
    ("csdpa", &[SectionId::H1]),
    ("other social care provision", &[SectionId::H2]),
    ("direct payment", &[SectionId::J]),
    ("personal budget", &[SectionId::J]),
];
const PHRASES: &[(&str, &[SectionId])] = &[
    ("views interests and aspirations", &[SectionId::A]),
    ("views wishes and feelings", &[SectionId::A]),
    ("all about me", &[SectionId::A]),
    ("special educational needs", &[SectionId::B]),
    ("health care needs", &[SectionId::C]),
    ("health needs", &[SectionId::C]),
    ("social care needs", &[SectionId::D]),
    ("outcomes", &[SectionId::E]),
    ("special educational provision", &[SectionId::F]),
    ("educational provision", &[SectionId::F]),
    ("provision to meet", &[SectionId::F]),
    ("health care provision", &[SectionId::G]),
    ("health provision", &[SectionId::G]),
    ("social care provision", &[SectionId::H1, SectionId::H2]),
    ("placement", &[SectionId::I]),
    ("name of the school", &[SectionId::I]),
    ("name and type", &[SectionId::I]),
    ("type of school", &[SectionId::I]),
    ("advice and information", &[SectionId::K]),
];

/// Lower case, apostrophes dropped ("child's" → "childs"), every other non-alphanumeric a
/// single space, with a space at each end so phrases match whole words.
pub(super) fn normalise(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !matches!(c, '\'' | '\u{2019}' | '\u{2018}') && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// Whether a line has a word that is not a heading word, a section letter or a name (a capital
/// letter): a sentence, not a heading.
fn sentence(line: &str) -> bool {
    line.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}')))
        .filter(|w| !w.is_empty())
        .any(|w| {
            let plain: String =
                w.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            !(capital
                || HEADING_WORDS.contains(&plain.as_str())
                || SectionId::from_code(&plain).is_some()
                || plain == "h"
                || plain.strip_suffix('s').is_some_and(|p| HEADING_WORDS.contains(&p)))
        })
}

/// A table cell's first paragraph that is a section's letter and at most its title ("B", "H1",
/// "E and F", "Section B: Special educational needs"), not a lettered item of a list ("A. Kit
/// will read twenty words").
pub(super) fn letter_cell(paragraph: &str) -> Option<Heading> {
    letter_heading(paragraph, true).filter(|_| !sentence(paragraph))
}

/// A heading in the regulations' wording, or an LA's title for a section, with no letter.
pub(super) fn wording_heading(paragraph: &str) -> Option<Heading> {
    let line = paragraph.trim();
    if line.is_empty() || line.chars().count() > MAX_WORDING_CHARS || line.ends_with('.') {
        return None;
    }
    if sentence(line) {
        return None;
    }
    let text = normalise(line);
    let phrase = |p: &str| text.find(&format!(" {p} "));
    if let Some((_, ids)) = WORDING.iter().find(|(p, _)| phrase(p).is_some()) {
        return to_heading(ids.to_vec());
    }
    PHRASES
        .iter()
        .filter_map(|(p, ids)| phrase(p).map(|at| (at, usize::MAX - p.len(), *ids)))
        .min()
        .and_then(|(_, _, ids)| to_heading(ids.to_vec()))
}
