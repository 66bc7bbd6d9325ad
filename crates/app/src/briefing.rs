//! The staff briefing sheet (issue 20 item 2): what the teachers and teaching assistants who work
//! with a child need from the plan and the latest review, on one page — the outcomes and how far
//! the child has come, the support (section F, who and how often, as the plan says it), what the
//! meeting said about the support, what changed at this review, the actions, and who to ask.

use std::path::Path;

use ardesk_documents::briefing::{BriefingDoc, render_briefing_docx, render_briefing_pdf};
use ardesk_domain::ar1::Rating;
use ardesk_domain::dates::long;
use ardesk_domain::plan::SectionId;
use ardesk_dto::LettersWritten;

use crate::context::initials;
use crate::files::{LetterFormat, folder_name, write_formats};
use crate::{App, AppError};

/// The most of one part the sheet carries, in characters: it stays one page, and points to the
/// plan for the rest.
const PART_CHARS: usize = 700;

impl App {
    /// Writes the staff briefing sheet for `review`'s child in `folder`, named by initials.
    pub fn write_briefing(
        &self,
        review: i64,
        folder: &Path,
        format: LetterFormat,
    ) -> Result<LettersWritten, AppError> {
        let (doc, stem) = self.briefing_doc(review)?;
        let files = write_formats(folder, &stem, format, "staff briefing", |ext| {
            if ext == "docx" { render_briefing_docx(&doc) } else { render_briefing_pdf(&doc) }
        })?;
        Ok(LettersWritten { folder: folder_name(folder), files, withheld: Vec::new() })
    }

    fn briefing_doc(&self, review: i64) -> Result<(BriefingDoc, String), AppError> {
        let m = self.meeting_ctx(review)?;
        let ctx = &m.ctx;
        let r = &ctx.child.record;
        let record = self.record_of(ctx.review, &m.outcomes)?;
        let plan = &ctx.child.plan;
        let first = r.known_as().to_owned();
        let name = format!("{first} {}", r.legal_surname.as_str());
        let year = match m.ncy {
            n if n < 1 => "Reception or early years".to_owned(),
            n => format!("Year {n}"),
        };
        let needs: Vec<&str> = r.need_types.iter().map(|n| n.label).collect();
        let meeting = ctx.this.meeting.as_ref().map(|m| long(m.date));
        let summary = format!(
            "For the staff who work with {first}. {needs}{review} The plan itself is the full account: ask the SENCO for it.",
            needs = if needs.is_empty() { String::new() } else { format!("Needs: {}. ", needs.join("; ")) },
            review = meeting.map_or_else(
                || "Not yet reviewed this year.".to_owned(),
                |d| format!("From the annual review on {d}.")
            ),
        );
        let mut parts = Vec::new();
        // The outcomes, with how far the child has come where the meeting said.
        let outcomes: Vec<String> = record
            .progress
            .iter()
            .filter(|p| !p.outcome.trim().is_empty())
            .map(|p| {
                let rating = match p.rating {
                    Some(Rating::Achieved) => " (achieved)",
                    Some(Rating::Partly) => " (partly achieved)",
                    Some(Rating::NotYet) => " (not yet)",
                    Some(Rating::NoLongerRelevant) => " (no longer relevant)",
                    None => "",
                };
                format!("• {}{rating}", clipped(&p.outcome, 240))
            })
            .collect();
        if !outcomes.is_empty() {
            parts.push(("What we are working towards".to_owned(), outcomes));
        }
        if let Some(f) = plan.section(SectionId::F).filter(|t| !t.trim().is_empty()) {
            parts.push(("The support: who, what and how often (Section F)".to_owned(), lines(f)));
        }
        if !record.provision_review.trim().is_empty() {
            parts
                .push(("What the review said about the support".to_owned(), lines(&record.provision_review)));
        }
        if !record.child_views.trim().is_empty() {
            parts.push((format!("What {first} told us"), lines(&record.child_views)));
        }
        let mut changed: Vec<String> = record
            .amendments
            .iter()
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(s, text)| format!("• Section {} ({}): {}", s.code(), s.title(), clipped(text, 240)))
            .collect();
        if record.no_amendments {
            changed.push("No changes to the plan were proposed.".to_owned());
        } else if !changed.is_empty() {
            changed.push(
                "These are proposed to the LA: the plan changes when the LA issues it amended.".to_owned(),
            );
        }
        if !changed.is_empty() {
            parts.push(("What changed at this review".to_owned(), changed));
        }
        let actions: Vec<String> = record
            .actions
            .iter()
            .filter(|a| !a.action.trim().is_empty())
            .map(|a| {
                let when = a.deadline.map(|d| format!(", by {}", long(d))).unwrap_or_default();
                format!(
                    "• {} ({}{when})",
                    clipped(&a.action, 200),
                    if a.owner.trim().is_empty() { "owner to agree" } else { a.owner.trim() }
                )
            })
            .collect();
        if !actions.is_empty() {
            parts.push(("Actions agreed at the meeting".to_owned(), actions));
        }
        let school = self.store.school()?;
        let ask = school
            .as_ref()
            .map(|s| {
                format!("{} ({}), about anything on this sheet or in the plan.", s.senco_name, s.senco_role)
            })
            .unwrap_or_else(|| "The SENCO, about anything on this sheet or in the plan.".to_owned());
        let doc = BriefingDoc {
            school_name: school.map(|s| s.name).unwrap_or_default(),
            child: format!("{name}, {year}"),
            head: ardesk_documents::running_head(&initials(r), r.la_ref.as_deref().unwrap_or_default()),
            summary,
            parts,
            ask,
            created: self.clock.now(),
        };
        Ok((doc, format!("{}_staff_briefing", initials(r))))
    }
}

/// A part's text as lines: its paragraphs, with "- " and "• " items as bullets; cut at
/// [`PART_CHARS`] with a pointer to the plan.
fn lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut used = 0;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if used + line.len() > PART_CHARS {
            out.push("(More in the plan.)".to_owned());
            break;
        }
        used += line.len();
        out.push(match line.strip_prefix("- ").or_else(|| line.strip_prefix("• ")) {
            Some(item) => format!("• {item}"),
            None => line.to_owned(),
        });
    }
    out
}

/// `text` cut to at most `max` characters at a word, with "…" when cut.
fn clipped(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut.get(..at).unwrap_or(&cut).trim_end())
}
