//! Sections printed together ("Sections E and F" in one table, a single "Section H"): the
//! columns of their table, and the note the SENCO reads about what was done with their text.

use super::find::{Finder, Row, Target};
use super::headings::{codes, heading, normalise};
use super::{Combined, FoundSections, Heading, SectionId};

/// The longest table cell that can be a column label.
const MAX_LABEL_CHARS: usize = 80;

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

/// Sections printed together while they are read.
pub(super) struct Block {
    pub(super) sections: Vec<SectionId>,
    pub(super) heading: String,
    /// The section each column goes to, once the columns are known.
    pub(super) columns: Option<Vec<(u32, SectionId)>>,
    /// The table the columns were learnt from.
    pub(super) table: Option<u32>,
    pub(super) labels: Vec<String>,
    pub(super) by_position: bool,
    pub(super) parts: usize,
}

impl Block {
    pub(super) fn new(sections: Vec<SectionId>, heading: String) -> Block {
        Block {
            sections,
            heading,
            columns: None,
            table: None,
            labels: Vec::new(),
            by_position: false,
            parts: 0,
        }
    }

    /// The section a cell starting in grid column `column` of the block's table goes to: its
    /// column's, or else the nearest labelled column's to its left (a label merged across two
    /// columns starts in the first), or else the first column's.
    pub(super) fn section_at(&self, column: u32) -> Option<SectionId> {
        let columns = self.columns.as_deref()?;
        let left = columns.iter().filter(|(c, _)| *c <= column).max_by_key(|(c, _)| *c);
        left.or_else(|| columns.iter().min_by_key(|(c, _)| *c)).map(|(_, s)| *s)
    }
}

impl Finder {
    /// A row of column labels naming two sections or more: the columns of combined sections.
    pub(super) fn label_row(&mut self, row: &Row<'_>) -> bool {
        let allowed: Option<Vec<SectionId>> = match self.target {
            Target::Front => return false,
            Target::One(_) => None,
            Target::Block(b) => match self.blocks.get(b) {
                Some(block) if block.columns.is_none() => Some(block.sections.clone()),
                _ => return false,
            },
        };
        let labels: Vec<(u32, String, Option<SectionId>)> = row
            .cells
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
            let heading = labels.iter().map(|(_, t, _)| t.as_str()).collect::<Vec<_>>().join(" | ");
            self.blocks.push(Block::new(named.clone(), heading));
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
            block.table = Some(row.table);
        }
        true
    }

    pub(super) fn finish(mut self) -> FoundSections {
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
