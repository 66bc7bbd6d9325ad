//! The EHC plan and its sections (SEND Regulations 2014, reg 12), and finding them in a plan
//! document, whatever layout its LA's template uses.
//!
//! - `headings`: whether a line heads a section ("Section A", "B:", the regulations' wording).
//! - `find`: reading a document's lines (paragraphs and table rows) into sections.
//! - `combined`: sections printed together ("Sections E and F" in one table), split by the
//!   table's columns, and the note the SENCO reads about each.
//! - `assign`: the sections' text made from the pieces found, and the SENCO's moves of a
//!   combined part to another section.

mod assign;
mod combined;
mod find;
mod headings;
#[cfg(test)]
mod tests;

pub use find::{find_sections, find_sections_in};
pub use headings::heading;

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

/// The text of each section of the child's current EHC plan. (Its dates, which anchor the
/// review cycle, are the child's `ChildRecord::history`.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EhcPlan {
    /// Section text, in [`SectionId`] order; a section may be missing or empty.
    pub sections: Vec<(SectionId, String)>,
}

impl EhcPlan {
    pub fn section(&self, id: SectionId) -> Option<&str> {
        self.sections.iter().find(|(s, _)| *s == id).map(|(_, text)| text.as_str())
    }
}

/// Where a line of a plan document is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineOrigin {
    Body,
    /// A page header, repeated on every page: never a section's text.
    Header,
    /// A page footer, repeated on every page: never a section's text.
    Footer,
    /// A text box: read where it is anchored, as body text.
    TextBox,
}

/// One paragraph of a plan document, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLine {
    pub text: String,
    pub origin: LineOrigin,
    /// The innermost table cell it is in: (table, row, column), each counted from 0, a nested
    /// table numbered apart from the table it is in.
    pub cell: Option<(u32, u32, u32)>,
}

impl PlanLine {
    /// A paragraph of the body, outside any table.
    pub fn body(text: impl Into<String>) -> PlanLine {
        PlanLine { text: text.into(), origin: LineOrigin::Body, cell: None }
    }
}

/// What a heading heads: one section, or several the plan prints together ("Sections E and
/// F", a single "Section H" for H1 and H2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heading {
    One(SectionId),
    /// In [`SectionId`] order, at least two.
    Several(Vec<SectionId>),
}

impl Heading {
    fn sections(&self) -> Vec<SectionId> {
        match self {
            Heading::One(s) => vec![*s],
            Heading::Several(v) => v.clone(),
        }
    }
}

/// Sections a plan prints together, and what the import did with their text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Combined {
    /// The sections, in [`SectionId`] order.
    pub sections: Vec<SectionId>,
    /// The heading as the plan prints it, or the table's column labels.
    pub heading: String,
    /// What was done with the text, in plain English, for the SENCO to check.
    pub note: String,
    /// Each piece of the text (a table row's cells for one section, or a paragraph), in the
    /// plan's order, with the section it was put in. [`FoundSections::assign`] moves one.
    pub parts: Vec<(SectionId, String)>,
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
    /// Sections the plan prints together (under one heading or in one table).
    pub combined: Vec<Combined>,
    /// Every piece of text found, in order: what `sections` and `combined` are made from.
    pieces: Vec<Piece>,
    /// Sections with a heading, in the order headed.
    headed: Vec<SectionId>,
}

/// A piece of a plan's text and where it was put.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    section: SectionId,
    /// Which heading it follows (0: none, the front page): a section headed twice (a contents
    /// page, then the section) keeps the run with the longer text.
    run: usize,
    /// (index in `combined`, index in its `parts`).
    combined: Option<(usize, usize)>,
    text: String,
}
