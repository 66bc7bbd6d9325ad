//! The EHC plan and its sections (SEND Regulations 2014, reg 12).

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

impl FoundSections {
    /// Moves a part of combined sections to another section (the SENCO's choice in the
    /// preview), and makes the sections' text again. False if there is no such part.
    pub fn assign(&mut self, combined: usize, part: usize, to: SectionId) -> bool {
        let Some(piece) = self.pieces.iter_mut().find(|p| p.combined == Some((combined, part))) else {
            return false;
        };
        piece.section = to;
        if let Some(p) = self.combined.get_mut(combined).and_then(|c| c.parts.get_mut(part)) {
            p.0 = to;
        }
        if !self.headed.contains(&to) {
            self.headed.push(to);
        }
        self.assemble();
        true
    }

    /// `front`, `sections` and `missing` from the pieces.
    fn assemble(&mut self) {
        let mut sections = Vec::new();
        for id in SectionId::ALL {
            // The run with the most text (the first of equals). Pieces are in the document's
            // order, so a run's pieces follow one another.
            let mut runs: Vec<(usize, usize)> = Vec::new();
            for p in self.pieces.iter().filter(|p| p.section == id) {
                match runs.last_mut() {
                    Some((run, len)) if *run == p.run => *len += p.text.len(),
                    _ => runs.push((p.run, p.text.len())),
                }
            }
            let best = runs.iter().fold(None, |best: Option<(usize, usize)>, &(run, len)| match best {
                Some((_, l)) if l >= len => best,
                _ => Some((run, len)),
            });
            let text = match best {
                Some((run, _)) => self
                    .pieces
                    .iter()
                    .filter(|p| p.section == id && p.run == run)
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n"),
                None => String::new(),
            };
            let text = text.trim().to_owned();
            let present = if id == SectionId::Front {
                !text.is_empty()
            } else {
                best.is_some() || self.headed.contains(&id)
            };
            if id == SectionId::Front {
                self.front = text.clone();
            }
            if present {
                sections.push((id, text));
            }
        }
        self.missing = SectionId::ALL.into_iter().filter(|s| !sections.iter().any(|(f, _)| f == s)).collect();
        self.sections = sections;
    }
}

/// The longest line that can be a heading with a section letter.
const MAX_HEADING_CHARS: usize = 120;
/// The longest line that can be a heading in the regulations' wording.
const MAX_WORDING_CHARS: usize = 260;
/// The longest table cell that can be a column label.
const MAX_LABEL_CHARS: usize = 80;

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
fn codes(text: &str) -> Option<(Vec<SectionId>, &str)> {
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

fn to_heading(mut sections: Vec<SectionId>) -> Option<Heading> {
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
fn letter_heading(paragraph: &str, bare: bool) -> Option<Heading> {
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
fn normalise(text: &str) -> String {
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

/// A heading in the regulations' wording, or an LA's title for a section, with no letter.
fn wording_heading(paragraph: &str) -> Option<Heading> {
    let line = paragraph.trim();
    if line.is_empty() || line.chars().count() > MAX_WORDING_CHARS || line.ends_with('.') {
        return None;
    }
    // Every word is a heading word, a section letter or a name (a capital letter).
    let sentence = line
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}')))
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
        });
    if sentence {
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

/// What a table cell labels as a column: the section it names ("Outcome (Section E)",
/// "Provision", "Who and how often").
fn column_label(cell: &str) -> Option<SectionId> {
    let cell = cell.trim();
    if cell.is_empty() || cell.chars().count() > MAX_LABEL_CHARS {
        return None;
    }
    let text = normalise(cell);
    // "(Section E)" anywhere in the label.
    if let Some(at) = text.find(" section ")
        && let Some((ids, _)) = codes(text.get(at + 9..).unwrap_or("").trim_start())
        && let [one] = ids.as_slice()
    {
        return Some(*one);
    }
    if let Some(Heading::One(s)) = heading(cell) {
        return Some(s);
    }
    let has = |w: &str| text.contains(&format!(" {w} "));
    if has("outcome") || has("outcomes") {
        Some(SectionId::E)
    } else if [
        "provision",
        "support",
        "who",
        "how often",
        "frequency",
        "by whom",
        "delivered by",
        "resources",
    ]
    .iter()
    .any(|w| has(w))
    {
        Some(SectionId::F)
    } else if has("need") || has("needs") {
        Some(SectionId::B)
    } else {
        None
    }
}

/// A list of sections as a sentence says it: "E and F", "B, E and F".
fn say(sections: &[SectionId]) -> String {
    let codes: Vec<&str> = sections.iter().map(|s| s.code()).collect();
    match codes.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_owned(),
        None => String::new(),
    }
}

/// A table row as read: its cells (column, paragraphs) in order.
type Row<'a> = Vec<(u32, Vec<&'a str>)>;

enum Item<'a> {
    Paragraph(&'a str),
    Row(Row<'a>),
}

/// Sections printed together while they are read.
struct Block {
    sections: Vec<SectionId>,
    heading: String,
    /// The section each column goes to, once the columns are known.
    columns: Option<Vec<(u32, SectionId)>>,
    labels: Vec<String>,
    by_position: bool,
    parts: usize,
}

#[derive(Clone, Copy)]
enum Target {
    Front,
    One(SectionId),
    Block(usize),
}

struct Finder {
    target: Target,
    run: usize,
    blocks: Vec<Block>,
    found: FoundSections,
}

impl Finder {
    fn headed(&mut self, sections: &[SectionId]) {
        for s in sections {
            if !self.found.headed.contains(s) {
                self.found.headed.push(*s);
            }
        }
    }

    fn start(&mut self, heading: Heading, text: &str) {
        self.run += 1;
        match heading {
            Heading::One(s) => {
                self.target = Target::One(s);
                self.headed(&[s]);
            }
            Heading::Several(sections) => {
                self.headed(&sections);
                self.target = Target::Block(self.blocks.len());
                self.blocks.push(Block {
                    sections,
                    heading: text.trim().to_owned(),
                    columns: None,
                    labels: Vec::new(),
                    by_position: false,
                    parts: 0,
                });
            }
        }
    }

    fn put(&mut self, section: Option<SectionId>, text: String) {
        if text.trim().is_empty() {
            return;
        }
        let (section, combined) = match self.target {
            Target::Front => (SectionId::Front, None),
            Target::One(s) => (s, None),
            Target::Block(b) => match self.blocks.get_mut(b) {
                Some(block) => {
                    let first = block.sections.first().copied().unwrap_or(SectionId::Front);
                    block.parts += 1;
                    (section.unwrap_or(first), Some((b, block.parts - 1)))
                }
                None => return,
            },
        };
        self.found.pieces.push(Piece { section, run: self.run, combined, text });
    }

    fn paragraph(&mut self, text: &str) {
        match (letter_heading(text, false), self.target) {
            // The section being read, headed again ("Section F (continued)", a contents page
            // just before the section): the same run goes on.
            (Some(Heading::One(s)), Target::One(current)) if s == current => {}
            (Some(h), _) => self.start(h, text),
            (None, target) => match (wording_heading(text), target) {
                // A sub-heading in the section's own words is its text.
                (Some(Heading::One(s)), Target::One(current)) if s == current => {
                    self.put(None, text.to_owned())
                }
                (Some(h), _) => self.start(h, text),
                (None, _) => self.put(None, text.to_owned()),
            },
        }
    }

    /// A row of column labels naming two sections or more: the columns of combined sections.
    fn label_row(&mut self, row: &Row<'_>) -> bool {
        let allowed: Option<Vec<SectionId>> = match self.target {
            Target::Front => return false,
            Target::One(_) => None,
            Target::Block(b) => match self.blocks.get(b) {
                Some(block) if block.columns.is_none() => Some(block.sections.clone()),
                _ => return false,
            },
        };
        let labels: Vec<(u32, String, Option<SectionId>)> = row
            .iter()
            .filter(|(_, cell)| !cell.is_empty())
            .map(|(col, cell)| {
                let text = cell.join(" ");
                let label = column_label(&text).filter(|s| allowed.as_ref().is_none_or(|a| a.contains(s)));
                (*col, text, label)
            })
            .collect();
        if labels.iter().any(|(_, text, _)| text.chars().count() > MAX_LABEL_CHARS) {
            return false;
        }
        let mut named: Vec<SectionId> = labels.iter().filter_map(|(_, _, s)| *s).collect();
        named.sort();
        named.dedup();
        if named.len() < 2 {
            return false;
        }
        if let Target::One(current) = self.target {
            if !named.contains(&current) {
                return false;
            }
            self.headed(&named);
            self.run += 1;
            self.target = Target::Block(self.blocks.len());
            self.blocks.push(Block {
                sections: named.clone(),
                heading: labels.iter().map(|(_, t, _)| t.as_str()).collect::<Vec<_>>().join(" | "),
                columns: None,
                labels: Vec::new(),
                by_position: false,
                parts: 0,
            });
        }
        // A column with no section of its own goes with the nearest labelled column to its
        // left ("Who and how often" after "Provision"), or else to its right.
        let mut columns = Vec::new();
        for (i, (col, _, label)) in labels.iter().enumerate() {
            let left = labels.get(..i).and_then(|l| l.iter().rev().find_map(|(_, _, s)| *s));
            let right = labels.get(i..).and_then(|l| l.iter().find_map(|(_, _, s)| *s));
            if let Some(s) = label.or(left).or(right) {
                columns.push((*col, s));
            }
        }
        if let Target::Block(b) = self.target
            && let Some(block) = self.blocks.get_mut(b)
        {
            block.labels = labels.into_iter().map(|(_, t, _)| t).collect();
            block.columns = Some(columns);
        }
        true
    }

    fn row(&mut self, row: &Row<'_>) {
        let filled: Vec<&(u32, Vec<&str>)> = row.iter().filter(|(_, c)| !c.is_empty()).collect();
        if filled.len() < 2 {
            // A box of its own: its paragraphs are read as any paragraphs are.
            for (_, cell) in filled {
                for p in cell {
                    self.paragraph(p);
                }
            }
            return;
        }
        if self.label_row(row) {
            return;
        }
        let mut cells: Vec<(u32, String)> = Vec::new();
        let first = row
            .first()
            .filter(|(col, _)| *col == 0)
            .and_then(|(_, c)| c.first())
            .and_then(|p| letter_heading(p, true).or_else(|| heading(p)));
        let mut rest = row.as_slice();
        if let (Some(h), Some(((_, head), others))) = (first, row.split_first()) {
            let text = head.first().copied().unwrap_or("");
            self.start(h.clone(), text);
            // A title beside the letter ("A" | "Views, interests and aspirations") is not text.
            let titled =
                |t: &str| heading(t).is_some_and(|t| t.sections().iter().all(|s| h.sections().contains(s)));
            let more = head.get(1..).unwrap_or(&[]).join("\n");
            cells.push((0, more));
            rest = others;
            for (col, cell) in rest {
                let text = cell.join("\n");
                if !titled(&text) {
                    cells.push((*col, text));
                }
            }
        } else {
            cells.extend(rest.iter().map(|(col, cell)| (*col, cell.join("\n"))));
        }
        cells.retain(|(_, t)| !t.trim().is_empty());
        // Combined sections under one heading, with no label row: by position, if the row has
        // as many cells as the heading names sections.
        if let Target::Block(b) = self.target
            && let Some(block) = self.blocks.get_mut(b)
            && block.columns.is_none()
            && row.len() == block.sections.len()
            && cells.len() > 1
        {
            block.columns = Some(row.iter().map(|(c, _)| *c).zip(block.sections.iter().copied()).collect());
            block.by_position = true;
        }
        let columns = match self.target {
            Target::Block(b) => self.blocks.get(b).and_then(|block| block.columns.clone()),
            _ => None,
        };
        match columns {
            Some(columns) => {
                // Each column's cell to its section; the cells of one section joined by a tab.
                let mut by_section: Vec<(SectionId, Vec<String>)> = Vec::new();
                for (col, text) in cells {
                    let section = columns.iter().find(|(c, _)| *c == col).map(|(_, s)| *s);
                    let section =
                        section.or_else(|| columns.last().map(|(_, s)| *s)).unwrap_or(SectionId::Front);
                    match by_section.iter_mut().find(|(s, _)| *s == section) {
                        Some((_, texts)) => texts.push(text),
                        None => by_section.push((section, vec![text])),
                    }
                }
                for (section, texts) in by_section {
                    self.put(Some(section), texts.join("\t"));
                }
            }
            None => {
                let text: Vec<String> = cells.into_iter().map(|(_, t)| t).collect();
                self.put(None, text.join("\t"));
            }
        }
    }

    fn finish(mut self) -> FoundSections {
        // Notes for the combined sections that hold text; the others (a contents page) are
        // dropped and the rest renumbered.
        let mut parts_of: Vec<Vec<(SectionId, String)>> = self.blocks.iter().map(|_| Vec::new()).collect();
        for p in &self.found.pieces {
            if let Some(parts) = p.combined.and_then(|(b, _)| parts_of.get_mut(b)) {
                parts.push((p.section, p.text.clone()));
            }
        }
        let mut renumber: Vec<Option<usize>> = Vec::new();
        for (block, parts) in self.blocks.iter().zip(parts_of) {
            if parts.is_empty() {
                renumber.push(None);
                continue;
            }
            renumber.push(Some(self.found.combined.len()));
            let list = say(&block.sections);
            let first = block.sections.first().map_or("", |s| s.code());
            let note = match &block.columns {
                Some(columns) if block.by_position => format!(
                    "This plan prints Sections {list} together, in one table with no column labels: each row's cells were put in {} by their position. Check each part is in the right section.",
                    say(&columns.iter().map(|(_, s)| *s).collect::<Vec<_>>())
                ),
                Some(columns) => {
                    let mut split: Vec<String> = Vec::new();
                    for s in &block.sections {
                        let labels: Vec<&str> = block
                            .labels
                            .iter()
                            .zip(columns.iter())
                            .filter(|(_, (_, c))| c == s)
                            .map(|(l, _)| l.as_str())
                            .collect();
                        if !labels.is_empty() {
                            split.push(format!("\u{201c}{}\u{201d} to {}", labels.join("\u{201d} and \u{201c}"), s.code()));
                        }
                    }
                    format!(
                        "This plan prints Sections {list} together, in one table: each row was split by its columns, {}. Check each part is in the right section.",
                        split.join(", ")
                    )
                }
                None if block.sections == [SectionId::H1, SectionId::H2] => "This plan has one Section H for H1 and H2: all of it was put in H1. Move to H2 any social care provision that is not made under section 2 of the Chronically Sick and Disabled Persons Act 1970.".to_owned(),
                None => format!(
                    "This plan prints Sections {list} together: all of their text was put in {first}. Move each part to the section it belongs to."
                ),
            };
            self.found.combined.push(Combined {
                sections: block.sections.clone(),
                heading: block.heading.clone(),
                note,
                parts,
            });
        }
        for p in &mut self.found.pieces {
            p.combined = p.combined.and_then(|(b, i)| renumber.get(b).copied().flatten().map(|b| (b, i)));
        }
        self.found.assemble();
        self.found
    }
}

/// Splits a plan document's paragraphs (the body's, outside any table) into its sections by
/// their headings. See [`find_sections_in`].
pub fn find_sections(paragraphs: &[String]) -> FoundSections {
    let lines: Vec<PlanLine> = paragraphs.iter().map(|p| PlanLine::body(p.as_str())).collect();
    find_sections_in(&lines)
}

/// Splits a plan document into its sections, in whatever order and layout the plan prints
/// them: headings as paragraphs or in a table cell of their own beside the text, with or
/// without the letter, sections printed together ("Sections E and F" in one table, row by row,
/// split by the columns; one "Section H"). A section headed twice (a contents page, then the
/// section) keeps the longer text. Headers and footers are never a section's text, nor is a
/// body line that repeats one (a plan converted from PDF repeats them at each page break).
pub fn find_sections_in(lines: &[PlanLine]) -> FoundSections {
    let furniture: std::collections::HashSet<&str> = lines
        .iter()
        .filter(|l| matches!(l.origin, LineOrigin::Header | LineOrigin::Footer))
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let mut items: Vec<Item<'_>> = Vec::new();
    let mut at: Option<(u32, u32)> = None;
    for line in lines {
        if matches!(line.origin, LineOrigin::Header | LineOrigin::Footer)
            || furniture.contains(line.text.trim())
        {
            continue;
        }
        match line.cell {
            Some((table, row, column)) => {
                let same = at == Some((table, row));
                match items.last_mut() {
                    Some(Item::Row(cells)) if same => match cells.last_mut() {
                        Some((c, texts)) if *c == column => texts.push(&line.text),
                        _ => cells.push((column, vec![&line.text])),
                    },
                    _ => items.push(Item::Row(vec![(column, vec![&line.text])])),
                }
                at = Some((table, row));
            }
            None => {
                items.push(Item::Paragraph(&line.text));
                at = None;
            }
        }
    }
    let mut finder =
        Finder { target: Target::Front, run: 0, blocks: Vec::new(), found: FoundSections::default() };
    for item in &items {
        match item {
            Item::Paragraph(text) => finder.paragraph(text),
            Item::Row(row) => finder.row(row),
        }
    }
    finder.finish()
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
        use SectionId::*;
        let one = |s| Some(Heading::One(s));
        let several = |v: &[SectionId]| Some(Heading::Several(v.to_vec()));
        for (line, id) in [
            ("Section A", one(A)),
            ("SECTION F \u{2013} Special educational provision", one(F)),
            ("Section H1: Social care provision", one(H1)),
            ("section k", one(K)),
            ("B: Special educational needs", one(B)),
            ("E) Outcomes", one(E)),
            ("(A) Views, Interests and Aspirations", one(A)),
            ("Sections E and F: Outcomes and provision", several(&[E, F])),
            ("Section E & F", several(&[E, F])),
            ("Sections B, E and F", several(&[B, E, F])),
            ("E/F: outcomes and provision", several(&[E, F])),
            ("Section H: Social care provision", several(&[H1, H2])),
            ("Section F and the provision", one(F)),
            // In the regulations' wording (reg 12(1)), or an LA's title, with no letter.
            (
                "The views, interests and aspirations of the child and his or her parents or the young person",
                one(A),
            ),
            ("The child or young person\u{2019}s special educational needs", one(B)),
            (
                "The child or young person's health care needs which relate to their special educational needs",
                one(C),
            ),
            ("The outcomes sought for the child or young person", one(E)),
            (
                "Any health care provision reasonably required by the learning difficulties or disabilities which result in the child or young person having special educational needs",
                one(G),
            ),
            (
                "Any social care provision which must be made for the child or young person as a result of section 2 of the Chronically Sick and Disabled Persons Act 1970",
                one(H1),
            ),
            (
                "Any other social care provision reasonably required by the learning difficulties or disabilities which result in the child or young person having special educational needs",
                one(H2),
            ),
            (
                "Where any special educational provision is to be secured by a direct payment, the special educational needs and outcomes to be met by the direct payment",
                one(J),
            ),
            ("Social care provision", several(&[H1, H2])),
            ("All about me", one(A)),
            ("The views, interests and aspirations of Kit Fictional and family", one(A)),
            // Not headings.
            ("A child who enjoys music", None),
            ("b) two sessions a week", None),
            ("(i) speech and language therapy", None),
            ("Sectional view", None),
            ("Section L", None),
            ("Section 2 of the Act", None),
            ("Special educational provision will be delivered by the class teacher", None),
            ("Special educational needs are met by the school.", None),
            ("No social care needs were identified", None),
            ("Education, Health and Care Plan", None),
            ("", None),
        ] {
            assert_eq!(heading(line), id, "{line:?}");
        }
    }

    fn cells(rows: &[&[&str]], table: u32) -> Vec<PlanLine> {
        let mut out = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                for p in cell.split('\n').filter(|p| !p.is_empty()) {
                    let at = (table, u32::try_from(r).unwrap_or(0), u32::try_from(c).unwrap_or(0));
                    out.push(PlanLine { text: p.to_owned(), origin: LineOrigin::Body, cell: Some(at) });
                }
            }
        }
        out
    }

    fn text(found: &FoundSections, id: SectionId) -> &str {
        found.sections.iter().find(|(s, _)| *s == id).map_or("(none)", |(_, t)| t.as_str())
    }

    #[test]
    fn a_letter_in_its_own_cell_heads_the_text_beside_and_below_it() {
        let mut lines = vec![PlanLine::body("Education, Health and Care Plan")];
        lines.extend(cells(&[&["Name", "Kit Fictional"]], 0));
        lines.extend(cells(
            &[
                &["A", "Views, interests and aspirations"],
                &["", "Kit likes bridges.\nKit wants to be an engineer."],
                &["B", "Kit finds spoken instructions hard."],
                &["H", "Social care provision"],
                &["", "A youth club on Saturdays."],
            ],
            1,
        ));
        let found = find_sections_in(&lines);
        assert_eq!(found.front, "Education, Health and Care Plan\nName\tKit Fictional");
        assert_eq!(text(&found, SectionId::A), "Kit likes bridges.\nKit wants to be an engineer.");
        assert_eq!(text(&found, SectionId::B), "Kit finds spoken instructions hard.");
        assert_eq!(text(&found, SectionId::H1), "A youth club on Saturdays.");
        assert_eq!(text(&found, SectionId::H2), "");
        assert_eq!(found.combined.len(), 1);
        assert!(found.combined.iter().all(|c| c.sections == [SectionId::H1, SectionId::H2]));
    }

    #[test]
    fn outcomes_and_provision_in_one_table_are_split_row_by_row_and_can_be_reassigned() {
        let mut lines = vec![PlanLine::body("Section B: Needs"), PlanLine::body("Reading.")];
        lines.push(PlanLine::body("Sections E and F"));
        lines.extend(cells(
            &[
                &["Outcome", "Provision", "Who and how often"],
                &["Read a page aloud.", "Daily reading.", "TA, daily"],
                &["Spell 80% of the list.", "Spelling programme.", "Teacher"],
            ],
            0,
        ));
        lines.push(PlanLine::body("Section G: Health provision"));
        lines.push(PlanLine::body("None."));
        let mut found = find_sections_in(&lines);
        assert_eq!(text(&found, SectionId::E), "Read a page aloud.\nSpell 80% of the list.");
        assert_eq!(text(&found, SectionId::F), "Daily reading.\tTA, daily\nSpelling programme.\tTeacher");
        assert_eq!(text(&found, SectionId::G), "None.");
        let combined = found.combined.first().cloned().unwrap_or_else(|| unreachable!("{found:?}"));
        assert_eq!(combined.sections, [SectionId::E, SectionId::F]);
        assert!(combined.note.contains("\u{201c}Outcome\u{201d} to E"), "{}", combined.note);
        assert_eq!(combined.parts.len(), 4);
        // The SENCO moves the second outcome to F.
        assert!(found.assign(0, 2, SectionId::F));
        assert_eq!(text(&found, SectionId::E), "Read a page aloud.");
        assert_eq!(
            text(&found, SectionId::F),
            "Daily reading.\tTA, daily\nSpell 80% of the list.\nSpelling programme.\tTeacher"
        );
        assert!(!found.assign(0, 9, SectionId::F) && !found.assign(5, 0, SectionId::F));
    }

    #[test]
    fn combined_sections_with_no_table_go_to_the_first_and_say_so() {
        let lines: Vec<PlanLine> =
            ["Sections C and D", "Asthma.", "No social care needs.", "Section E", "Outcomes."]
                .into_iter()
                .map(PlanLine::body)
                .collect();
        let found = find_sections_in(&lines);
        assert_eq!(text(&found, SectionId::C), "Asthma.\nNo social care needs.");
        assert_eq!(text(&found, SectionId::D), "");
        assert!(!found.missing.contains(&SectionId::D));
        let note = found.combined.first().map(|c| c.note.clone()).unwrap_or_default();
        assert!(note.contains("Sections C and D") && note.contains("put in C"), "{note}");
    }

    #[test]
    fn headers_footers_and_their_repeats_in_the_body_are_not_text() {
        let mut lines = vec![
            PlanLine::body("Section A"),
            PlanLine::body("Kit likes bridges."),
            PlanLine::body("OFFICIAL-SENSITIVE"),
            PlanLine::body("More about Kit."),
        ];
        for (text, origin) in
            [("OFFICIAL-SENSITIVE", LineOrigin::Footer), ("Kit Fictional", LineOrigin::Header)]
        {
            lines.push(PlanLine { text: text.to_owned(), origin, cell: None });
        }
        let found = find_sections_in(&lines);
        assert_eq!(text(&found, SectionId::A), "Kit likes bridges.\nMore about Kit.");
    }

    #[test]
    fn a_contents_table_does_not_take_a_section_s_text() {
        let mut lines = cells(
            &[
                &["Section A:", "Views, interests and aspirations"],
                &["Section H1:", "Social care provision (CSDPA 1970 s2)"],
            ],
            0,
        );
        lines.extend(["Section A: Views", "Kit.", "Section H1", "None."].into_iter().map(PlanLine::body));
        let found = find_sections_in(&lines);
        assert_eq!(text(&found, SectionId::A), "Kit.");
        assert_eq!(text(&found, SectionId::H1), "None.");
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

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        fn line() -> impl Strategy<Value = PlanLine> {
            let text = prop_oneof![
                "[a-z ]{0,30}\\.",
                "(Section|Sections|SECTION) [A-KH12, &/and]{1,8}[:.]? ?[A-Za-z ]{0,20}",
                "[A-K](1|2)?[:.)\\-] [a-z ]{0,10}",
                "\\PC{0,40}",
            ];
            let origin = prop_oneof![
                Just(LineOrigin::Body),
                Just(LineOrigin::Header),
                Just(LineOrigin::Footer),
                Just(LineOrigin::TextBox)
            ];
            let cell = proptest::option::of((0u32..3, 0u32..4, 0u32..4));
            (text, origin, cell).prop_map(|(text, origin, cell)| PlanLine { text, origin, cell })
        }

        proptest! {
            #[test]
            fn any_document_gives_each_section_once_and_parts_can_move(
                lines in proptest::collection::vec(line(), 0..60),
                moves in proptest::collection::vec((0usize..3, 0usize..8, 0usize..13), 0..4),
            ) {
                let mut found = find_sections_in(&lines);
                for (b, p, to) in moves {
                    let to = SectionId::ALL.get(to).copied().unwrap_or(SectionId::A);
                    let _ = found.assign(b, p, to);
                }
                let ids: Vec<SectionId> = found.sections.iter().map(|(s, _)| *s).collect();
                let mut sorted = ids.clone();
                sorted.sort();
                sorted.dedup();
                prop_assert_eq!(&ids, &sorted);
                for s in SectionId::ALL {
                    prop_assert!(ids.contains(&s) != found.missing.contains(&s));
                }
                for c in &found.combined {
                    prop_assert!(c.sections.len() >= 2 && !c.parts.is_empty() && !c.note.is_empty());
                }
            }

            #[test]
            fn text_under_letter_headings_is_found_whole(
                plan in proptest::collection::vec((0usize..12, proptest::collection::vec("[a-z][a-z ]{0,20}\\.", 1..4)), 1..12),
            ) {
                let mut lines = Vec::new();
                let mut expected: Vec<(SectionId, String)> = Vec::new();
                for (i, body) in &plan {
                    let id = SectionId::ALL.get(i + 1).copied().unwrap_or(SectionId::A);
                    if expected.iter().any(|(s, _)| *s == id) {
                        continue;
                    }
                    lines.push(PlanLine::body(format!("Section {}: {}", id.code(), id.title())));
                    lines.extend(body.iter().map(PlanLine::body));
                    expected.push((id, body.join("\n").trim().to_owned()));
                }
                let found = find_sections_in(&lines);
                expected.sort();
                prop_assert_eq!(found.sections, expected);
                prop_assert!(found.combined.is_empty());
            }
        }
    }
}
