//! The EHC plan and its sections (SEND Regulations 2014, reg 12).

use chrono::NaiveDate;

/// A section of an EHC plan. Plans do not always print sections in this order, so sections are
/// always found by id, never by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SectionId {
    /// The front page: the child's personal details.
    Front,
    A,
    B,
    C,
    D,
    E,
    F,
    G,
    H1,
    H2,
    I,
    J,
    K,
}

impl SectionId {
    pub const ALL: [SectionId; 13] = [
        SectionId::Front,
        SectionId::A,
        SectionId::B,
        SectionId::C,
        SectionId::D,
        SectionId::E,
        SectionId::F,
        SectionId::G,
        SectionId::H1,
        SectionId::H2,
        SectionId::I,
        SectionId::J,
        SectionId::K,
    ];

    /// The code used in storage, files and the UI: "Front", "A", …, "H1", "H2", …, "K".
    pub fn code(self) -> &'static str {
        match self {
            SectionId::Front => "Front",
            SectionId::A => "A",
            SectionId::B => "B",
            SectionId::C => "C",
            SectionId::D => "D",
            SectionId::E => "E",
            SectionId::F => "F",
            SectionId::G => "G",
            SectionId::H1 => "H1",
            SectionId::H2 => "H2",
            SectionId::I => "I",
            SectionId::J => "J",
            SectionId::K => "K",
        }
    }

    pub fn from_code(code: &str) -> Option<SectionId> {
        SectionId::ALL.into_iter().find(|s| s.code().eq_ignore_ascii_case(code.trim()))
    }

    /// What the section holds, as reg 12 describes it.
    pub fn title(self) -> &'static str {
        match self {
            SectionId::Front => "Front page (personal details)",
            SectionId::A => "Views, interests and aspirations",
            SectionId::B => "Special educational needs",
            SectionId::C => "Health care needs",
            SectionId::D => "Social care needs",
            SectionId::E => "Outcomes",
            SectionId::F => "Special educational provision",
            SectionId::G => "Health provision",
            SectionId::H1 => "Social care provision (CSDPA 1970 s2)",
            SectionId::H2 => "Other social care provision",
            SectionId::I => "Placement",
            SectionId::J => "Personal Budget",
            SectionId::K => "Advice and information",
        }
    }
}

/// The child's current EHC plan: when it was issued, when the last review concluded, and the
/// text of each section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EhcPlan {
    /// Date the final plan was issued.
    pub issue_date: NaiveDate,
    /// Date of the LA decision letter that concluded the last review, if there has been one.
    pub last_review_decision: Option<NaiveDate>,
    /// Section text, in [`SectionId`] order; a section may be missing or empty.
    pub sections: Vec<(SectionId, String)>,
}

impl EhcPlan {
    /// The anchor of the current review cycle (spec T01): the last decision letter, otherwise the
    /// issue date of the plan.
    pub fn anchor(&self) -> NaiveDate {
        self.last_review_decision.unwrap_or(self.issue_date)
    }

    pub fn section(&self, id: SectionId) -> Option<&str> {
        self.sections.iter().find(|(s, _)| *s == id).map(|(_, text)| text.as_str())
    }
}

/// What [`find_sections`] found in a plan document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoundSections {
    /// Text before the first section heading: the front page (personal details).
    pub front: String,
    /// Each section found, in [`SectionId`] order, with its text (headings not included).
    pub sections: Vec<(SectionId, String)>,
    /// Sections with no heading in the document.
    pub missing: Vec<SectionId>,
}

/// The longest line that can be a heading.
const MAX_HEADING_CHARS: usize = 120;

/// The section a paragraph heads, if it is a heading: "Section A", "SECTION F – Special
/// educational provision", "Section H1:", "A:", "F - Provision", "E) Outcomes". A bare letter
/// needs punctuation after it, so a sentence starting "A child…" is not a heading.
pub fn heading(paragraph: &str) -> Option<SectionId> {
    let line = paragraph.trim();
    if line.is_empty() || line.chars().count() > MAX_HEADING_CHARS {
        return None;
    }
    let (prefixed, rest) = match line.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("section") => (true, line.get(7..).unwrap_or("").trim_start()),
        _ => (false, line),
    };
    let code_len = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).count();
    let code = rest.get(..code_len)?;
    let id = SectionId::from_code(code)?;
    let after = rest.get(code_len..).unwrap_or("");
    let next = after.trim_start().chars().next();
    let punctuated = matches!(next, Some(':' | '.' | ')' | '-' | '\u{2013}' | '\u{2014}'));
    // "Section A" alone, or followed by a title; a bare "A" only with punctuation.
    let fits = if prefixed {
        next.is_none() || punctuated || after.starts_with(char::is_whitespace)
    } else {
        punctuated
    };
    fits.then_some(id)
}

/// Splits a plan document's paragraphs into its sections by their headings, in whatever order
/// the plan prints them. A section headed twice (a contents page, then the section) keeps the
/// longer text.
pub fn find_sections(paragraphs: &[String]) -> FoundSections {
    let mut found = FoundSections::default();
    let mut current: Option<(SectionId, Vec<&str>)> = None;
    let mut bodies: Vec<(SectionId, String)> = Vec::new();
    let mut front: Vec<&str> = Vec::new();
    let close = |current: Option<(SectionId, Vec<&str>)>, bodies: &mut Vec<(SectionId, String)>| {
        if let Some((id, lines)) = current {
            let text = lines.join("\n").trim().to_owned();
            match bodies.iter_mut().find(|(s, _)| *s == id) {
                Some((_, existing)) if existing.len() >= text.len() => {}
                Some((_, existing)) => *existing = text,
                None => bodies.push((id, text)),
            }
        }
    };
    for p in paragraphs {
        if let Some(id) = heading(p) {
            close(current.take(), &mut bodies);
            current = Some((id, Vec::new()));
        } else {
            match &mut current {
                Some((_, lines)) => lines.push(p.as_str()),
                None => front.push(p.as_str()),
            }
        }
    }
    close(current, &mut bodies);
    found.front = front.join("\n").trim().to_owned();
    if !found.front.is_empty() {
        bodies.push((SectionId::Front, found.front.clone()));
    }
    bodies.sort_by_key(|(s, _)| *s);
    found.missing = SectionId::ALL.into_iter().filter(|s| !bodies.iter().any(|(b, _)| b == s)).collect();
    found.sections = bodies;
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in SectionId::ALL {
            assert_eq!(SectionId::from_code(s.code()), Some(s));
        }
        assert_eq!(SectionId::from_code("h1"), Some(SectionId::H1));
        assert_eq!(SectionId::from_code("H"), None);
    }

    #[test]
    fn headings_are_recognised_in_their_common_forms() {
        for (line, id) in [
            ("Section A", Some(SectionId::A)),
            ("SECTION F \u{2013} Special educational provision", Some(SectionId::F)),
            ("Section H1: Social care provision", Some(SectionId::H1)),
            ("section k", Some(SectionId::K)),
            ("B: Special educational needs", Some(SectionId::B)),
            ("E) Outcomes", Some(SectionId::E)),
            ("A child who enjoys music", None),
            ("Sectional view", None),
            ("Section L", None),
            ("", None),
        ] {
            assert_eq!(heading(line), id, "{line:?}");
        }
    }

    #[test]
    fn sections_are_found_in_any_order_and_contents_pages_are_skipped() {
        let doc: Vec<String> = [
            "Education, Health and Care Plan",
            "Name: Robin Testcase",
            "Section A",
            "Section B",
            "Section E", // a contents page
            "Section E: Outcomes",
            "1. Read at the expected level.",
            "Section B \u{2013} Special educational needs",
            "Robin has difficulties with reading.",
            "Section A: Views",
            "Robin likes football.",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let found = find_sections(&doc);
        assert_eq!(found.front, "Education, Health and Care Plan\nName: Robin Testcase");
        assert_eq!(
            found.sections,
            vec![
                (SectionId::Front, found.front.clone()),
                (SectionId::A, "Robin likes football.".to_owned()),
                (SectionId::B, "Robin has difficulties with reading.".to_owned()),
                (SectionId::E, "1. Read at the expected level.".to_owned()),
            ]
        );
        assert!(found.missing.contains(&SectionId::F) && !found.missing.contains(&SectionId::A));
    }

    #[test]
    fn anchor_is_last_decision_or_issue_date() {
        let issue = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default();
        let decided = NaiveDate::from_ymd_opt(2025, 4, 2).unwrap_or_default();
        let mut plan = EhcPlan { issue_date: issue, last_review_decision: None, sections: vec![] };
        assert_eq!(plan.anchor(), issue);
        plan.last_review_decision = Some(decided);
        assert_eq!(plan.anchor(), decided);
    }
}
