//! Reading a plan document's lines, paragraph by paragraph and table row by table row, into
//! its sections.

use std::collections::BTreeMap;

use super::combined::Block;
use super::headings::{heading, letter_cell, letter_heading, normalise, wording_heading};
use super::{FoundSections, Heading, LineOrigin, Piece, PlanLine, SectionId};

/// A table row as read: its table and row, and its cells (the grid column each starts in, its
/// paragraphs) in order. Only cells with text are in it.
pub(super) struct Row<'a> {
    pub(super) table: u32,
    pub(super) row: u32,
    pub(super) cells: Vec<(u32, Vec<&'a str>)>,
}

enum Item<'a> {
    Paragraph(&'a str),
    Row(Row<'a>),
}

/// Where the text being read goes.
#[derive(Clone, Copy)]
pub(super) enum Target {
    Front,
    One(SectionId),
    Block(usize),
}

/// A table whose rows carry their section's letter in one column (the first, or another: "1 |
/// Section B: ...", "Part | Section | What the plan says", the text with its letter after it).
#[derive(Clone, Copy)]
struct SectionColumn {
    /// The grid column the letters are in.
    column: u32,
    /// The first row with a letter in it: a row above it may be the table's header.
    first_row: u32,
}

/// The reader of a plan's lines: where its text goes now, and what it has found so far.
pub(super) struct Finder {
    pub(super) target: Target,
    pub(super) run: usize,
    pub(super) blocks: Vec<Block>,
    pub(super) found: FoundSections,
    /// The tables with a column of section letters, by table.
    section_columns: BTreeMap<u32, SectionColumn>,
}

/// The tables whose rows carry their section's letter in one column: a column where two rows
/// or more start with a section letter ("A", "Section B: ...", "E and F"), the column with the
/// most in each table (the first of equals).
fn section_columns(items: &[Item<'_>]) -> BTreeMap<u32, SectionColumn> {
    // (table, column) -> (rows starting with a letter, the first of them)
    let mut seen: BTreeMap<(u32, u32), (usize, u32)> = BTreeMap::new();
    for item in items {
        let Item::Row(row) = item else { continue };
        for (column, cell) in &row.cells {
            if cell.first().and_then(|p| letter_cell(p)).is_some() {
                let (count, first) = seen.entry((row.table, *column)).or_insert((0, row.row));
                *count += 1;
                *first = (*first).min(row.row);
            }
        }
    }
    // In (table, column) order: each table's column with the most, the first of equals.
    let mut out: BTreeMap<u32, (SectionColumn, usize)> = BTreeMap::new();
    for ((table, column), (count, first_row)) in seen {
        let found = SectionColumn { column, first_row };
        match out.get_mut(&table) {
            _ if count < 2 => {}
            Some((best, most)) => {
                if count > *most {
                    (*best, *most) = (found, count);
                }
            }
            None => {
                out.insert(table, (found, count));
            }
        }
    }
    out.into_iter().map(|(table, (s, _))| (table, s)).collect()
}

/// A row number in a cell of its own ("1", "2.", "(3)", "4a"): not text.
fn row_number(cell: &str) -> bool {
    let t = cell.trim().trim_start_matches('(').trim_end_matches(['.', ')']);
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && t.chars().skip(digits).count() <= 1
        && t.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A header row's label over a column of section letters ("Section", "Letter").
fn letters_label(cell: &str) -> bool {
    matches!(normalise(cell).trim(), "section" | "sections" | "section letter" | "letter")
}

impl Finder {
    pub(super) fn headed(&mut self, sections: &[SectionId]) {
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
                self.blocks.push(Block::new(sections, text.trim().to_owned()));
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
        self.paragraph_in(text, None);
    }

    /// A heading read as a paragraph: the section being read, headed again ("Section F
    /// (continued)", a contents page just before the section), goes on in the same run.
    fn paragraph_heading(&mut self, heading: Heading, text: &str) {
        match (&heading, self.target) {
            (Heading::One(s), Target::One(current)) if *s == current => {}
            _ => self.start(heading, text),
        }
    }

    /// A paragraph, in a table's cell (table, grid column) if `cell`: text under combined
    /// sections whose columns were learnt from that table goes to its column's section.
    fn paragraph_in(&mut self, text: &str, cell: Option<(u32, u32)>) {
        let column = match (self.target, cell) {
            (Target::Block(b), Some((table, column))) => self
                .blocks
                .get(b)
                .filter(|block| block.table == Some(table))
                .and_then(|block| block.section_at(column)),
            _ => None,
        };
        match (letter_heading(text, false), self.target) {
            (Some(h), _) => self.paragraph_heading(h, text),
            (None, target) => match (wording_heading(text), target) {
                // A sub-heading in the section's own words is its text.
                (Some(Heading::One(s)), Target::One(current)) if s == current => {
                    self.put(None, text.to_owned())
                }
                (Some(h), _) => self.start(h, text),
                (None, _) => self.put(column, text.to_owned()),
            },
        }
    }

    fn row(&mut self, row: &Row<'_>) {
        let letters = self.section_columns.get(&row.table).copied();
        // The header row over a column of letters ("Part | Section | What the plan says").
        if let Some(l) = letters
            && row.row < l.first_row
            && row.cells.iter().any(|(col, cell)| *col == l.column && letters_label(&cell.join(" ")))
        {
            return;
        }
        if row.cells.len() < 2 {
            // A box of its own: its paragraphs are read as any paragraphs are; a letter alone
            // in the table's column of letters heads what follows (the letter's cell merged
            // down beside the rows of its text).
            for (col, cell) in &row.cells {
                for (i, p) in cell.iter().enumerate() {
                    match letter_cell(p) {
                        Some(h) if i == 0 && letters.is_some_and(|l| l.column == *col) => {
                            self.paragraph_heading(h, p)
                        }
                        _ => self.paragraph_in(p, Some((row.table, *col))),
                    }
                }
            }
            return;
        }
        if self.label_row(row) {
            return;
        }
        // The cell that heads the row: in the table's column of letters, or else the first
        // cell if it heads (a letter, "Section A", or the regulations' wording).
        let head = |at: usize, letter_only: bool| -> Option<(usize, Heading)> {
            let p = row.cells.get(at)?.1.first()?;
            let h = if letter_only { letter_cell(p) } else { letter_heading(p, true).or_else(|| heading(p)) };
            h.map(|h| (at, h))
        };
        let headed = match letters {
            Some(l) if l.column != 0 => {
                row.cells.iter().position(|(col, _)| *col == l.column).and_then(|at| head(at, true))
            }
            _ => row.cells.first().filter(|(col, _)| *col == 0).and_then(|_| head(0, false)),
        };
        let mut cells: Vec<(u32, String)> = Vec::new();
        match headed {
            Some((at, h)) => {
                let first = row.cells.get(at).and_then(|(_, c)| c.first()).copied().unwrap_or("");
                self.start(h.clone(), first);
                // A title beside the letter ("A" | "Views, interests and aspirations") is not
                // text, nor is a row number before it ("1" | "Section A: ...").
                let titled = |t: &str| {
                    heading(t).is_some_and(|t| t.sections().iter().all(|s| h.sections().contains(s)))
                };
                for (i, (col, cell)) in row.cells.iter().enumerate() {
                    if i == at {
                        cells.push((*col, cell.get(1..).unwrap_or(&[]).join("\n")));
                        continue;
                    }
                    let text = cell.join("\n");
                    if !(titled(&text) || (i < at && row_number(&text))) {
                        cells.push((*col, text));
                    }
                }
            }
            None => cells.extend(row.cells.iter().map(|(col, cell)| (*col, cell.join("\n")))),
        }
        cells.retain(|(_, t)| !t.trim().is_empty());
        // Combined sections under one heading, with no label row: by position, if the row has
        // as many cells as the heading names sections.
        if let Target::Block(b) = self.target
            && let Some(block) = self.blocks.get_mut(b)
            && block.columns.is_none()
            && row.cells.len() == block.sections.len()
            && cells.len() > 1
        {
            block.columns =
                Some(row.cells.iter().map(|(c, _)| *c).zip(block.sections.iter().copied()).collect());
            block.table = Some(row.table);
            block.by_position = true;
        }
        let block = match self.target {
            Target::Block(b) => self.blocks.get(b).filter(|block| block.columns.is_some()),
            _ => None,
        };
        match block {
            Some(block) => {
                // Each column's cell to its section; the cells of one section joined by a tab.
                let mut by_section: Vec<(SectionId, Vec<String>)> = Vec::new();
                for (col, text) in cells {
                    let section = block.section_at(col).unwrap_or(SectionId::Front);
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
/// split by the columns; one "Section H"). A table's column of letters may be any column ("1 |
/// Section B: ...", "Part | Section | What the plan says", the text with its letter after it),
/// and its cells may be merged: a cell's column is the grid column it starts in, a label
/// merged across columns labels them all, and a cell merged down holds no text of its own, so
/// a row may have a single cell that still goes to its column's section. A table nested in a
/// cell is read row by row where it stands. A section headed twice (a contents page, then the
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
    for line in lines {
        if matches!(line.origin, LineOrigin::Header | LineOrigin::Footer)
            || furniture.contains(line.text.trim())
        {
            continue;
        }
        match line.cell {
            Some((table, row, column)) => match items.last_mut() {
                Some(Item::Row(r)) if (r.table, r.row) == (table, row) => match r.cells.last_mut() {
                    Some((c, texts)) if *c == column => texts.push(&line.text),
                    _ => r.cells.push((column, vec![&line.text])),
                },
                _ => items.push(Item::Row(Row { table, row, cells: vec![(column, vec![&line.text])] })),
            },
            None => items.push(Item::Paragraph(&line.text)),
        }
    }
    let mut finder = Finder {
        target: Target::Front,
        run: 0,
        blocks: Vec::new(),
        found: FoundSections::default(),
        section_columns: section_columns(&items),
    };
    for item in &items {
        match item {
            Item::Paragraph(text) => finder.paragraph(text),
            Item::Row(row) => finder.row(row),
        }
    }
    finder.finish()
}
