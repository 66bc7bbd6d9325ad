//! Amendments (spec §7): the changes the review proposes to the plan's sections (`plan.rs`) with
//! their evidence, the rules they must meet, and the tracked-change document in the LA's
//! preferred form.

use std::path::Path;

use ardesk_documents::amendments::{
    AmendmentRow as RowDoc, AmendmentsDoc, SectionText, render_boldstrike_docx, render_boldstrike_pdf,
    render_revisions_docx, render_table_docx, render_table_pdf,
};
use ardesk_domain::Problem;
use ardesk_domain::amend::{Amendment, Change, Evidence, check, compose, diff_words, vague_provision};
use ardesk_domain::ids::ReviewId;
use ardesk_domain::invitees::InviteeKind;
use ardesk_domain::la::AmendmentMode;
use ardesk_domain::plan::SectionId;
use ardesk_domain::problem::Severity;
use ardesk_dto::{
    self as dto, AmendmentDto, AmendmentForm, AmendmentPreview, AmendmentProblem, AmendmentsDto, DiffChange,
    DiffRun, ErrorCode, EvidenceOption, EvidenceRef, LettersWritten, PlanSection, VagueDto,
};
use ardesk_store::{Action, AmendmentEvidence, AmendmentRow, StoredAmendment};

use crate::context::{Ctx, initials};
use crate::files::{LetterFormat, folder_name, write_formats};
use crate::{App, AppError};

/// The longest wording one section may hold.
const MAX_TEXT: usize = 50_000;

/// The three ways of showing amendments, by code.
pub const MODES: [(&str, &str); 3] = [
    ("revisions", "Word tracked changes"),
    ("boldstrike", "Bold additions, struck-through deletions"),
    ("table", "Table of changes"),
];

/// A mode code (of [`MODES`]) in the contract.
fn mode_dto(code: &str) -> ardesk_dto::AmendmentMode {
    match code {
        "boldstrike" => ardesk_dto::AmendmentMode::Boldstrike,
        "table" => ardesk_dto::AmendmentMode::Table,
        _ => ardesk_dto::AmendmentMode::Revisions,
    }
}

/// The LA's preferred rendering, as a mode code.
fn default_mode(mode: AmendmentMode) -> &'static str {
    match mode {
        AmendmentMode::WordRevisions | AmendmentMode::AnnotatedOrTable => "revisions",
        AmendmentMode::BoldStrike => "boldstrike",
        AmendmentMode::OnFormTable => "table",
    }
}

fn diff_change(c: Change) -> DiffChange {
    match c {
        Change::Same => DiffChange::Same,
        Change::Inserted => DiffChange::Inserted,
        Change::Deleted => DiffChange::Deleted,
    }
}

/// The difference and (for Section F) the vague phrases, with character offsets for the UI.
pub(crate) fn preview(section: Option<SectionId>, current: &str, proposed: &str) -> AmendmentPreview {
    let chars = |byte: usize| proposed.get(..byte).map_or(0, |s| s.chars().count());
    AmendmentPreview {
        diff: diff_words(current, proposed)
            .into_iter()
            .map(|(c, text)| DiffRun { change: diff_change(c), text })
            .collect(),
        vague: if section == Some(SectionId::F) {
            vague_provision(proposed)
                .into_iter()
                .map(|v| VagueDto {
                    start: chars(v.start),
                    end: chars(v.end),
                    phrase: v.phrase,
                    hint: v.hint,
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}

fn form_of(a: &StoredAmendment) -> AmendmentForm {
    AmendmentForm {
        section: a.section.code().to_owned(),
        current: a.current.clone(),
        proposed: a.proposed.clone(),
        reason: a.reason.clone(),
        evidence: a
            .evidence
            .iter()
            .map(|e| EvidenceRef { item_id: e.checklist_item_id, locator: e.locator.clone() })
            .collect(),
        agreed: a.agreed,
        disagreement: a.disagreement.clone(),
    }
}

/// Checks what was typed; problems that only the set of amendments as a whole can have (no
/// evidence yet, vague wording) are shown, not refused, so a change can be saved and finished later.
fn parse_form(form: &AmendmentForm) -> Result<(SectionId, Vec<AmendmentEvidence>), Vec<Problem>> {
    let mut problems = Vec::new();
    let section = SectionId::from_code(&form.section);
    if section.is_none() {
        problems.push(Problem::block("section", "Choose the section to amend.", "Pick from the list."));
    }
    if form.proposed.trim().is_empty() {
        problems.push(Problem::block(
            "proposed",
            "The proposed wording is empty.",
            "Write the section as it should read; to remove all of it, say so in words.",
        ));
    }
    for (field, text) in [("current", &form.current), ("proposed", &form.proposed), ("reason", &form.reason)]
    {
        if text.chars().count() > MAX_TEXT {
            problems.push(Problem::block(
                field,
                format!("The text is longer than {MAX_TEXT} characters."),
                "Shorten it.",
            ));
        }
    }
    let mut evidence: Vec<AmendmentEvidence> = Vec::new();
    for e in &form.evidence {
        if !evidence.iter().any(|s| s.checklist_item_id == e.item_id) {
            evidence.push(AmendmentEvidence {
                checklist_item_id: e.item_id,
                locator: e.locator.trim().to_owned(),
            });
        }
    }
    match section {
        Some(section) if problems.is_empty() => Ok((section, evidence)),
        _ => Err(problems),
    }
}

impl App {
    /// The amendments screen of review `review`.
    pub fn amendments(&self, review: i64) -> Result<AmendmentsDto, AppError> {
        let ctx = self.review_ctx(review)?;
        let stored = self.store.amendments(ctx.review)?;
        let options = self.evidence_options(ctx.review)?;
        let no_amendments = self.no_amendments(ctx.review)?;
        let domain: Vec<Amendment> = stored.iter().map(|a| to_domain(a, &options)).collect();
        let profile = self.profile_on(&ctx.child.record.la_id, self.clock.today())?;
        let default = default_mode(profile.amendment_mode);
        let mode = self.store.amendment_mode(ctx.review)?.unwrap_or_else(|| default.to_owned());
        Ok(AmendmentsDto {
            review_id: ctx.review.0,
            child_id: ctx.child.id.0,
            child_name: ctx.child.record.display_name(),
            plan: SectionId::ALL
                .into_iter()
                .map(|s| PlanSection {
                    code: s.code().to_owned(),
                    title: s.title().to_owned(),
                    text: ctx.child.plan.section(s).unwrap_or_default().to_owned(),
                })
                .collect(),
            plan_source: self.store.plan_source(ctx.child.id)?.map(|s| s.name),
            amendments: stored
                .iter()
                .map(|a| AmendmentDto {
                    id: a.id,
                    section_title: format!("Section {}: {}", a.section.code(), a.section.title()),
                    form: form_of(a),
                    preview: preview(Some(a.section), &a.current, &a.proposed),
                })
                .collect(),
            no_amendments,
            problems: check(&domain, no_amendments)
                .into_iter()
                .chain(SectionId::ALL.into_iter().filter_map(|s| {
                    let changes: Vec<&Amendment> = domain.iter().filter(|a| a.section == s).collect();
                    compose(ctx.child.plan.section(s).unwrap_or_default(), &changes).err()
                }))
                .map(|p| AmendmentProblem {
                    field: p.field.to_owned(),
                    severity: if p.severity == Severity::Warn {
                        dto::Severity::Warn
                    } else {
                        dto::Severity::Block
                    },
                    message: p.message,
                    hint: p.hint,
                })
                .collect(),
            evidence_options: options,
            mode: mode_dto(&mode),
            default_mode: mode_dto(default),
        })
    }

    /// The reports in the review's checklist, as evidence to cite.
    fn evidence_options(&self, review: ReviewId) -> Result<Vec<EvidenceOption>, AppError> {
        let invitees = self.store.invitees(review)?;
        Ok(self
            .store
            .checklist(review)?
            .into_iter()
            .map(|c| {
                let health = c.code == "D13"
                    || c.invitee_id
                        .and_then(|id| invitees.iter().find(|i| i.id == id))
                        .is_some_and(|i| i.invitee.kind == InviteeKind::Health);
                EvidenceOption {
                    item_id: c.id,
                    title: c.title,
                    from_health: health,
                    received: c.received_on.is_some(),
                }
            })
            .collect())
    }

    fn no_amendments(&self, review: ReviewId) -> Result<bool, AppError> {
        Ok(self.store.ar1_fields(review)?.iter().any(|f| f.key == "no_amendments" && f.value == "true"))
    }

    /// The difference and lint of a change as it is typed.
    pub fn preview_amendment(&self, section: &str, current: &str, proposed: &str) -> AmendmentPreview {
        preview(SectionId::from_code(section), current, proposed)
    }

    /// Adds a proposed change. Stating "no amendments proposed" is undone by proposing one.
    pub fn add_amendment(&mut self, review: i64, form: AmendmentForm) -> Result<AmendmentsDto, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let (section, evidence) = parse_form(&form)?;
        let row = row(section, &form, &evidence);
        let action = Action { actor: &self.actor, name: "amendment.add", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.add_amendment(ctx.review, &row)?;
            tx.set_ar1_field(ctx.review, "no_amendments", "false")
        })?;
        self.amendments(review)
    }

    pub fn update_amendment(
        &mut self,
        review: i64,
        id: i64,
        form: AmendmentForm,
    ) -> Result<AmendmentsDto, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let (section, evidence) = parse_form(&form)?;
        let row = row(section, &form, &evidence);
        let action = Action { actor: &self.actor, name: "amendment.update", at: self.clock.now() };
        self.store.write(action, |tx| tx.update_amendment(ctx.review, id, &row))?;
        self.amendments(review)
    }

    pub fn delete_amendment(&mut self, review: i64, id: i64) -> Result<AmendmentsDto, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let action = Action { actor: &self.actor, name: "amendment.delete", at: self.clock.now() };
        self.store.write(action, |tx| tx.delete_amendment(ctx.review, id))?;
        self.amendments(review)
    }

    /// States (or withdraws) "No amendments proposed": the same statement as the AR1 record's.
    pub fn set_no_amendments(&mut self, review: i64, none: bool) -> Result<AmendmentsDto, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        if none && !self.store.amendments(ctx.review)?.is_empty() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "Amendments are listed: remove them before stating that none are proposed.",
            ));
        }
        let action = Action { actor: &self.actor, name: "amendment.none", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.set_ar1_field(ctx.review, "no_amendments", if none { "true" } else { "false" })
        })?;
        self.amendments(review)
    }

    /// Chooses how this review's amendments are shown (`revisions`, `boldstrike`, `table`).
    pub fn set_amendment_mode(&mut self, review: i64, mode: &str) -> Result<AmendmentsDto, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        if !MODES.iter().any(|(m, _)| *m == mode) {
            return Err(vec![Problem::block(
                "mode",
                "Choose how to show the changes.",
                "Pick from the list.",
            )]
            .into());
        }
        let profile = self.profile_on(&ctx.child.record.la_id, self.clock.today())?;
        let stored = (mode != default_mode(profile.amendment_mode)).then_some(mode);
        let action = Action { actor: &self.actor, name: "amendment.mode", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_amendment_mode(ctx.review, stored))?;
        self.amendments(review)
    }

    /// Writes the tracked-change document into `folder`, in `mode` (or the review's choice).
    /// With no amendments nothing is written: the AR1 says "No amendments proposed".
    pub fn write_amendments(
        &self,
        review: i64,
        folder: &Path,
        mode: Option<&str>,
        format: LetterFormat,
    ) -> Result<LettersWritten, AppError> {
        let dto = self.amendments(review)?;
        let ctx = self.review_ctx(review)?;
        let mode = mode.unwrap_or(dto.mode.code()).to_owned();
        if !MODES.iter().any(|(m, _)| *m == mode) {
            return Err(AppError::new(
                ErrorCode::Validation,
                format!("{mode} is not a way of showing amendments: use revisions, boldstrike or table."),
            ));
        }
        let stored = self.store.amendments(ctx.review)?;
        if stored.is_empty() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "No amendments are proposed, so there is no tracked-change document: the AR1 record says \u{201c}No amendments proposed\u{201d}.",
            ));
        }
        let doc = self.amendments_doc(&ctx, &stored, &dto.evidence_options)?;
        let stem = format!("{}_proposed_amendments_{mode}", initials(&ctx.child.record));
        // Word revisions only exist in Word: that mode is always a DOCX.
        let format = if mode == "revisions" { LetterFormat::Docx } else { format };
        let files =
            write_formats(folder, &stem, format, "amendments document", |ext| match (mode.as_str(), ext) {
                ("revisions", _) => render_revisions_docx(&doc),
                ("boldstrike", "docx") => render_boldstrike_docx(&doc),
                ("boldstrike", _) => render_boldstrike_pdf(&doc),
                (_, "docx") => render_table_docx(&doc),
                _ => render_table_pdf(&doc),
            })?;
        Ok(LettersWritten { folder: folder_name(folder), files, withheld: Vec::new() })
    }

    /// The amendments document's bytes in `mode` (`revisions` is always DOCX), for the bundle;
    /// `None` when no amendments are proposed.
    pub(crate) fn amendments_bytes(
        &self,
        review: i64,
        mode: &str,
        ext: &str,
    ) -> Result<Option<Vec<u8>>, AppError> {
        let ctx = self.review_ctx(review)?;
        let stored = self.store.amendments(ctx.review)?;
        if stored.is_empty() {
            return Ok(None);
        }
        let options = self.evidence_options(ctx.review)?;
        let doc = self.amendments_doc(&ctx, &stored, &options)?;
        let bytes = match (mode, ext) {
            ("revisions", _) => render_revisions_docx(&doc),
            ("boldstrike", "docx") => render_boldstrike_docx(&doc),
            ("boldstrike", _) => render_boldstrike_pdf(&doc),
            (_, "docx") => render_table_docx(&doc),
            _ => render_table_pdf(&doc),
        };
        bytes.map(Some).map_err(|e| {
            AppError::new(ErrorCode::Storage, format!("The amendments document could not be produced: {e}"))
        })
    }

    fn amendments_doc(
        &self,
        ctx: &Ctx,
        stored: &[StoredAmendment],
        options: &[EvidenceOption],
    ) -> Result<AmendmentsDoc, AppError> {
        let school = self.store.school()?;
        let school_name = school.as_ref().map(|s| s.name.clone()).unwrap_or_default();
        let meeting = ctx.this.meeting.as_ref().map(|m| m.date).unwrap_or_else(|| self.clock.today());
        let domain: Vec<Amendment> = stored.iter().map(|a| to_domain(a, options)).collect();
        let evidence_text = |a: &StoredAmendment| {
            a.evidence
                .iter()
                .map(|AmendmentEvidence { checklist_item_id: id, locator }| {
                    let title =
                        options.iter().find(|o| o.item_id == *id).map_or("Report", |o| o.title.as_str());
                    if locator.is_empty() { title.to_owned() } else { format!("{title}, {locator}") }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        // Each change's reason and evidence, said beside it in every mode.
        let note = |a: &StoredAmendment| {
            let evidence = evidence_text(a).replace('\n', "; ");
            format!(
                "Reason: {}. Evidence: {}.",
                a.reason.trim().trim_end_matches('.'),
                if evidence.is_empty() { "none cited".to_owned() } else { evidence }
            )
        };
        let mut sections = Vec::new();
        for s in SectionId::ALL {
            let text = ctx.child.plan.section(s).unwrap_or_default();
            let changes: Vec<&Amendment> = domain.iter().filter(|a| a.section == s).collect();
            let runs = match changes.as_slice() {
                [] if text.trim().is_empty() => continue,
                [] => vec![(Change::Same, text.to_owned())],
                // The changes applied in turn to the section's wording (refused if they cannot be).
                _ => {
                    let composed = compose(text, &changes).map_err(|p| AppError::from(vec![p]))?;
                    diff_words(&composed.before, &composed.after)
                }
            };
            sections.push(SectionText {
                heading: format!("Section {}: {}", s.code(), s.title()),
                runs,
                notes: stored.iter().filter(|a| a.section == s).map(note).collect(),
            });
        }
        let r = &ctx.child.record;
        let child_ids = [
            Some(format!("Date of birth {}", ardesk_domain::dates::long(r.dob))),
            r.la_ref.as_ref().map(|la_ref| format!("{} reference {la_ref}", ctx.la_name)),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" \u{b7} ");
        Ok(AmendmentsDoc {
            la_name: ctx.la_name.clone(),
            school_name: school_name.clone(),
            child_name: ctx.child.record.legal_name(),
            initials: initials(r),
            la_reference: r.la_ref.clone().unwrap_or_default(),
            child_ids,
            meeting: ardesk_domain::dates::written(meeting),
            author: format!("{school_name} SENCO").trim().to_owned(),
            revision_date: format!("{}T00:00:00Z", meeting.format("%Y-%m-%d")),
            sections,
            rows: stored
                .iter()
                .map(|a| RowDoc {
                    section: a.section.code().to_owned(),
                    current: a.current.clone(),
                    proposed: a.proposed.clone(),
                    reason: a.reason.clone(),
                    evidence: evidence_text(a),
                })
                .collect(),
            created: self.clock.now(),
        })
    }
}

fn row<'a>(
    section: SectionId,
    form: &'a AmendmentForm,
    evidence: &'a [AmendmentEvidence],
) -> AmendmentRow<'a> {
    AmendmentRow {
        section,
        current: &form.current,
        proposed: &form.proposed,
        reason: form.reason.trim(),
        agreed: form.agreed,
        disagreement: form.disagreement.trim(),
        evidence,
    }
}

fn to_domain(a: &StoredAmendment, options: &[EvidenceOption]) -> Amendment {
    Amendment {
        section: a.section,
        current: a.current.clone(),
        proposed: a.proposed.clone(),
        reason: a.reason.clone(),
        evidence: a
            .evidence
            .iter()
            .map(|AmendmentEvidence { checklist_item_id: id, locator }| {
                let option = options.iter().find(|o| o.item_id == *id);
                Evidence {
                    title: option.map(|o| o.title.clone()).unwrap_or_default(),
                    locator: locator.clone(),
                    from_health: option.is_some_and(|o| o.from_health),
                }
            })
            .collect(),
        agreed: a.agreed,
        disagreement: a.disagreement.clone(),
    }
}
