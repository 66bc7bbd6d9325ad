//! The sections' text, made from the pieces found, and the SENCO's moves of a part of
//! combined sections.

use super::{FoundSections, SectionId};

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
    pub(super) fn assemble(&mut self) {
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
