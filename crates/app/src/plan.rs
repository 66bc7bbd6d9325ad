//! The child's current plan: read from the EHCP's .docx (sections found by their headings or
//! layout, sections printed together for the SENCO to assign), typed in, and saved.

use std::path::Path;

use ardesk_domain::Problem;
use ardesk_domain::ids::ChildId;
use ardesk_domain::plan::SectionId;
use ardesk_dto::{PlanImportDto, PlanSection};
use ardesk_store::Action;

use crate::files::{read_chosen_file, sha256_hex};
use crate::{App, AppError};

/// The longest wording one section may hold.
const MAX_TEXT: usize = 50_000;

impl App {
    /// Reads the current EHCP from a .docx and finds its sections, for the SENCO to confirm; the
    /// file is kept until then. Nothing is saved yet.
    /// A section the document has no heading for keeps the text already recorded. Sections the
    /// plan prints together are listed in `combined`, with a note and their parts, for the
    /// SENCO to check and assign ([`App::assign_plan_parts`]).
    pub fn read_plan(&mut self, child: i64, name: &str, bytes: Vec<u8>) -> Result<PlanImportDto, AppError> {
        let dto = self.plan_import(child, name, &bytes, &[])?;
        self.pending_plan = Some((ChildId(child), name.to_owned(), bytes));
        Ok(dto)
    }

    /// [`App::read_plan`] from a file on disk.
    pub fn read_plan_file(&mut self, child: i64, path: &Path) -> Result<PlanImportDto, AppError> {
        let (name, bytes) =
            read_chosen_file(path, ardesk_intake::DEFAULT_MAX_BYTES, "could not be imported")?;
        self.read_plan(child, &name, bytes)
    }

    /// The plan being imported (the last [`App::read_plan`] for this child) with parts of its
    /// combined sections moved to the sections the SENCO chose: every choice so far, each
    /// naming a part as `read_plan` listed it. Nothing is saved yet.
    pub fn assign_plan_parts(
        &self,
        child: i64,
        choices: &[ardesk_dto::PlanPartChoice],
    ) -> Result<PlanImportDto, AppError> {
        match &self.pending_plan {
            Some((c, name, bytes)) if *c == ChildId(child) => self.plan_import(child, name, bytes, choices),
            _ => Err(vec![Problem::block(
                "file",
                "There is no plan being imported for this child.".to_owned(),
                "Import the plan again.",
            )]
            .into()),
        }
    }

    /// The plan's sections as found in the file, with the SENCO's choices for combined parts.
    fn plan_import(
        &self,
        child: i64,
        name: &str,
        bytes: &[u8],
        choices: &[ardesk_dto::PlanPartChoice],
    ) -> Result<PlanImportDto, AppError> {
        use ardesk_domain::plan::{LineOrigin, PlanLine, find_sections_in};
        use ardesk_intake::docx::Origin;
        let existing = self.store.child(ChildId(child))?.plan;
        let paragraphs = ardesk_intake::docx::docx_document(bytes, ardesk_intake::DEFAULT_MAX_BYTES)
            .map_err(|r| {
                AppError::from(vec![Problem::block(
                    "file",
                    format!("{name} could not be imported: {r}"),
                    "Or type or paste each section's text.",
                )])
            })?;
        let lines: Vec<PlanLine> = paragraphs
            .into_iter()
            .map(|p| PlanLine {
                text: p.text,
                origin: match p.origin {
                    Origin::Body => LineOrigin::Body,
                    Origin::Header => LineOrigin::Header,
                    Origin::Footer => LineOrigin::Footer,
                    Origin::TextBox => LineOrigin::TextBox,
                },
                cell: p.cell.map(|c| (c.table, c.row, c.column)),
            })
            .collect();
        let mut found = find_sections_in(&lines);
        drop(lines);
        if found.sections.iter().all(|(s, _)| *s == SectionId::Front) {
            return Err(vec![Problem::block(
                "file",
                format!(
                    "No section headings (\u{201c}Section A\u{201d}, \u{201c}B:\u{201d}, a letter in its own table cell, or the regulations\u{2019} wording) were found in {name}."
                ),
                "Check it is the EHC plan, or type or paste each section's text.",
            )]
            .into());
        }
        let mut problems = Vec::new();
        for choice in choices {
            let moved = SectionId::from_code(&choice.code)
                .filter(|s| *s != SectionId::Front)
                .is_some_and(|to| found.assign(choice.combined, choice.part, to));
            if !moved {
                problems.push(Problem::block(
                    "plan",
                    format!(
                        "Part {} of the combined sections cannot be put in {}.",
                        choice.part + 1,
                        choice.code
                    ),
                    "Choose one of the plan's sections, A to K.",
                ));
            }
        }
        if !problems.is_empty() {
            return Err(problems.into());
        }
        let code = |s: &SectionId| s.code().to_owned();
        Ok(PlanImportDto {
            file_name: name.to_owned(),
            sections: SectionId::ALL
                .into_iter()
                .map(|s| PlanSection {
                    code: s.code().to_owned(),
                    title: s.title().to_owned(),
                    text: found
                        .sections
                        .iter()
                        .find(|(f, _)| *f == s)
                        .map(|(_, t)| t.clone())
                        .unwrap_or_else(|| existing.section(s).unwrap_or_default().to_owned()),
                })
                .collect(),
            missing: found.missing.iter().map(code).collect(),
            combined: found
                .combined
                .into_iter()
                .map(|c| ardesk_dto::CombinedSectionsDto {
                    codes: c.sections.iter().map(code).collect(),
                    heading: c.heading,
                    note: c.note,
                    parts: c
                        .parts
                        .into_iter()
                        .map(|(s, text)| ardesk_dto::PlanPartDto { code: code(&s), text })
                        .collect(),
                })
                .collect(),
        })
    }

    /// Saves the plan's sections as the SENCO confirmed or corrected them, and keeps the
    /// imported file (if this follows an import for the same child) as the plan's source.
    pub fn save_plan(&mut self, child: i64, sections: Vec<PlanSection>) -> Result<(), AppError> {
        self.refuse_if_read_only(ChildId(child))?;
        let id = ChildId(child);
        self.store.child(id)?;
        let mut parsed = Vec::new();
        let mut problems = Vec::new();
        for s in &sections {
            match SectionId::from_code(&s.code) {
                Some(section) if s.text.chars().count() <= MAX_TEXT => {
                    parsed.push((section, s.text.trim().to_owned()))
                }
                Some(_) => problems.push(Problem::block(
                    "plan",
                    format!("Section {} is longer than {MAX_TEXT} characters.", s.code),
                    "Shorten it.",
                )),
                None => problems.push(Problem::block(
                    "plan",
                    format!("{} is not a section of an EHC plan.", s.code),
                    "",
                )),
            }
        }
        if !problems.is_empty() {
            return Err(problems.into());
        }
        let source = match self.pending_plan.take() {
            Some((c, name, bytes)) if c == id => Some((name, bytes)),
            other => {
                self.pending_plan = other;
                None
            }
        };
        let sha = source.as_ref().map(|(_, bytes)| sha256_hex(bytes));
        let action = Action { actor: &self.actor, name: "plan.save", at: self.clock.now() };
        self.store.write(action, |tx| {
            for (section, text) in &parsed {
                tx.set_section(id, *section, text)?;
            }
            if let (Some((name, bytes)), Some(sha)) = (&source, &sha) {
                tx.put_file(sha, ardesk_intake::FileType::Docx.media_type(), bytes)?;
                tx.set_plan_source(id, name, sha)?;
            }
            Ok(())
        })?;
        Ok(())
    }
}
