//! Requests to the LA after a review (issue 20 item 1): a re-assessment, additional support or
//! services, or a reconsideration of the LA's decision on new evidence. Each is checked by the
//! domain (`requests::check`), recorded with the day it was sent and the review's documents
//! sent with it, and written as a letter to the LA's SEN team (DOCX and PDF) with a copy of each
//! document beside it; the request stays on the child's page and the dashboard until the LA's
//! answer is recorded.

use std::path::Path;

use ardesk_documents::bundle::render_views_pdf;
use ardesk_domain::clock::MilestoneId;
use ardesk_domain::dates::{iso, long, parse_user_date};
use ardesk_domain::requests::{Evidence, RequestKind, RequestLetter, ReviewFacts, check, letter};
use ardesk_domain::{Problem, Severity};
use ardesk_dto::{
    AnswerForm, ErrorCode, EvidenceChoice, LaRequestDto, LettersWritten, RequestForm, RequestsDto,
};
use ardesk_store::{Action, ChecklistRow, LaAnswer, LaRequest, ReviewSummary};

use crate::context::{Ctx, initials};
use crate::files::{LetterFormat, ext_of, folder_name, write_atomically, write_formats};
use crate::{App, AppError, convert};

/// A document of the review that can go with a request: a file attached, or views typed in.
fn offered(row: &ChecklistRow) -> bool {
    row.file.is_some() || row.views_text.as_deref().is_some_and(|t| !t.trim().is_empty())
}

impl App {
    /// The review's requests to the LA, and its documents that can go with a new one.
    pub fn la_requests(&self, review: i64) -> Result<RequestsDto, AppError> {
        let ctx = self.review_ctx(review)?;
        let summary = self.summary_of(&ctx)?;
        let since = summary.submitted_on.or(summary.meeting_date);
        let checklist = self.store.checklist(ctx.review)?;
        let requests = self.store.la_requests(ctx.review)?;
        Ok(RequestsDto {
            review_id: ctx.review.0,
            requests: requests.iter().map(|r| self.request_dto(&ctx, r, &checklist)).collect(),
            evidence: checklist
                .iter()
                .filter(|row| offered(row))
                .map(|row| EvidenceChoice {
                    item: row.id,
                    title: row.title.clone(),
                    received_on: row.received_on.map(long),
                    new: row.received_on.zip(since).is_some_and(|(r, s)| r > s),
                })
                .collect(),
            decided: summary.decision.is_some(),
        })
    }

    /// Every request the LA has not answered, the longest waiting first (the dashboard).
    pub fn unanswered_requests(&self) -> Result<Vec<LaRequestDto>, AppError> {
        let mut out = Vec::new();
        for r in self.store.unanswered_la_requests()? {
            let ctx = self.review_ctx(r.review.0)?;
            let checklist = self.store.checklist(ctx.review)?;
            out.push(self.request_dto(&ctx, &r, &checklist));
        }
        Ok(out)
    }

    /// Checks and records a request, and writes its letter and a copy of each document sent
    /// with it into `folder`. Nothing is recorded unless the letter could be written.
    pub fn make_request(
        &mut self,
        review: i64,
        form: &RequestForm,
        folder: &Path,
    ) -> Result<LettersWritten, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let summary = self.summary_of(&ctx)?;
        let kind = form.kind.map(convert::request_kind_of);
        let sent = parse_user_date("sent_on", "The day the request is sent", &form.sent_on);
        let checklist = self.store.checklist(ctx.review)?;
        let mut problems = Vec::new();
        let mut evidence = Vec::new();
        for id in &form.evidence {
            match checklist.iter().find(|row| row.id == *id && offered(row)) {
                Some(row) if !evidence.iter().any(|e: &&ChecklistRow| e.id == row.id) => evidence.push(row),
                Some(_) => {}
                None => problems.push(Problem::block(
                    "evidence",
                    "A document chosen is not one of this review's documents with a file or views.",
                    "Reopen the child's page and choose again.",
                )),
            }
        }
        let sent = match sent {
            Ok(d) => Some(d),
            Err(p) => {
                problems.push(p);
                None
            }
        };
        let meeting = summary.meeting_date.ok_or_else(|| {
            AppError::new(
                ErrorCode::Conflict,
                "This review has no meeting date: a request follows its meeting.",
            )
        })?;
        let facts = ReviewFacts {
            meeting,
            sent_to_la: summary.submitted_on,
            decision: summary.decision.map(|d| (d.decision, d.on)),
        };
        let documents: Vec<Evidence> = evidence.iter().map(|row| evidence_of(row)).collect();
        problems.extend(
            check(kind, &form.grounds, sent, &documents, &facts, self.clock.today())
                .into_iter()
                .filter(|p| p.severity == Severity::Block),
        );
        if !problems.is_empty() {
            return Err(problems.into());
        }
        let (Some(kind), Some(sent)) = (kind, sent) else {
            return Err(AppError::new(ErrorCode::Validation, "The request is not complete."));
        };
        let request = LaRequest {
            id: 0,
            review: ctx.review,
            kind,
            grounds: form.grounds.trim().to_owned(),
            sent_on: sent,
            evidence: evidence.iter().map(|row| row.id).collect(),
            answer: None,
        };
        let files = self.write_request(&ctx, &summary, &request, &checklist, folder)?;
        let action = Action { actor: &self.actor, name: "la_request.made", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.insert_la_request(ctx.review, kind, &request.grounds, sent, &request.evidence).map(drop)
        })?;
        Ok(LettersWritten { folder: folder_name(folder), files, withheld: Vec::new() })
    }

    /// Writes a recorded request's letter (dated the day it was sent) and its documents again.
    pub fn write_request_letter(&self, request: i64, folder: &Path) -> Result<LettersWritten, AppError> {
        let r = self.store.la_request(request)?.ok_or_else(request_not_found)?;
        let ctx = self.review_ctx(r.review.0)?;
        let summary = self.summary_of(&ctx)?;
        let checklist = self.store.checklist(ctx.review)?;
        let files = self.write_request(&ctx, &summary, &r, &checklist, folder)?;
        Ok(LettersWritten { folder: folder_name(folder), files, withheld: Vec::new() })
    }

    /// Records the LA's answer to a request (an empty form takes a wrong answer back).
    pub fn answer_request(&mut self, request: i64, form: &AnswerForm) -> Result<RequestsDto, AppError> {
        let r = self.store.la_request(request)?.ok_or_else(request_not_found)?;
        let review = r.review;
        let _ = self.review_ctx_to_change(review.0)?;
        let blank = form.outcome.is_none() && form.date.trim().is_empty() && form.note.trim().is_empty();
        let answer = if blank {
            None
        } else {
            let mut problems = Vec::new();
            if form.outcome.is_none() {
                problems.push(Problem::block("outcome", "Choose the LA's answer.", ""));
            }
            let on = match parse_user_date("answered_on", "The day of the LA's answer", &form.date) {
                Ok(on) if on < r.sent_on => {
                    problems.push(Problem::block(
                        "answered_on",
                        format!("That is before the request was sent on {}.", long(r.sent_on)),
                        "Give the date of the LA's answer.",
                    ));
                    None
                }
                Ok(on) if on > self.clock.today() => {
                    problems.push(Problem::block(
                        "answered_on",
                        "That date is in the future.",
                        "Give the date of the LA's answer.",
                    ));
                    None
                }
                Ok(on) => Some(on),
                Err(p) => {
                    problems.push(p);
                    None
                }
            };
            match (form.outcome, on) {
                (Some(outcome), Some(on)) if problems.is_empty() => Some(LaAnswer {
                    outcome: convert::request_outcome_of(outcome),
                    on,
                    note: form.note.trim().chars().take(2_000).collect(),
                }),
                _ => return Err(problems.into()),
            }
        };
        let action = Action { actor: &self.actor, name: "la_request.answered", at: self.clock.now() };
        self.store.write(action, |tx| tx.answer_la_request(request, answer.as_ref()))?;
        self.la_requests(review.0)
    }

    fn summary_of(&self, ctx: &Ctx) -> Result<ReviewSummary, AppError> {
        self.store
            .reviews_of(ctx.child.id)?
            .into_iter()
            .find(|r| r.id == ctx.review)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, "That review no longer exists."))
    }

    fn request_dto(&self, ctx: &Ctx, r: &LaRequest, checklist: &[ChecklistRow]) -> LaRequestDto {
        let due = r.kind.answer_due(r.sent_on);
        LaRequestDto {
            id: r.id,
            review_id: r.review.0,
            child_id: ctx.child.id.0,
            child_name: ctx.child.record.display_name(),
            kind: convert::request_kind(r.kind),
            kind_label: r.kind.label().to_owned(),
            grounds: r.grounds.clone(),
            sent_on: long(r.sent_on),
            evidence: r
                .evidence
                .iter()
                .filter_map(|id| checklist.iter().find(|row| row.id == *id))
                .map(|row| row.title.clone())
                .collect(),
            answer_due: due.map(long),
            overdue: r.answer.is_none() && due.is_some_and(|d| d < self.clock.today()),
            outcome: r.answer.as_ref().map(|a| convert::request_outcome(a.outcome)),
            outcome_label: r.answer.as_ref().map(|a| a.outcome.label().to_owned()),
            answered_on: r.answer.as_ref().map(|a| long(a.on)),
            note: r.answer.as_ref().map(|a| a.note.clone()).unwrap_or_default(),
        }
    }

    /// The letter to the LA's SEN team, and each document sent with it beside it. File names
    /// carry the child's initials only.
    fn write_request(
        &self,
        ctx: &Ctx,
        summary: &ReviewSummary,
        r: &LaRequest,
        checklist: &[ChecklistRow],
        folder: &Path,
    ) -> Result<Vec<String>, AppError> {
        let school = self.school_for_letters()?;
        let meeting = summary.meeting_date.unwrap_or(r.sent_on);
        let rows: Vec<&ChecklistRow> =
            r.evidence.iter().filter_map(|id| checklist.iter().find(|row| row.id == *id)).collect();
        let appeal_by = self
            .cal
            .after_clock(&ctx.child.record, summary, self.clock.today())
            .ok()
            .and_then(|t| t.get(MilestoneId::T21).map(|m| m.due));
        let request = RequestLetter {
            kind: r.kind,
            child: ctx.child.record.legal_name(),
            dob: ctx.child.record.dob,
            la_ref: ctx.child.record.la_ref.clone(),
            school: school.name.clone(),
            meeting,
            decision: summary.decision.map(|d| (d.decision, d.on)),
            appeal_by: appeal_by.filter(|_| r.kind == RequestKind::Reconsideration),
            grounds: r.grounds.clone(),
            evidence: rows.iter().map(|row| evidence_of(row)).collect(),
        };
        let text = letter(r.kind.template(), &request)?;
        let mut doc = self.letter_doc(&school, None, r.sent_on, text);
        doc.recipient = vec!["The SEN team".to_owned(), ctx.la_name.clone()];
        let stem = format!("request-{}-{}-{}", r.kind.code(), initials(&ctx.child.record), iso(r.sent_on));
        let mut files =
            write_formats(folder, &stem, LetterFormat::Both, "request letter", |ext| match ext {
                "docx" => ardesk_documents::letter::render_docx(&doc),
                _ => ardesk_documents::letter::render_pdf(&doc),
            })?;
        for (n, row) in rows.iter().enumerate() {
            let (bytes, ext) = match (&row.file, &row.views_text) {
                (Some(file), _) => (self.store.file_content(&file.sha256)?, ext_of(&file.name)),
                (None, Some(text)) => {
                    let bytes = render_views_pdf(
                        &row.title,
                        &ctx.child.record.display_name(),
                        text,
                        self.clock.now(),
                    )
                    .map_err(|e| {
                        AppError::new(ErrorCode::Storage, format!("The views could not be written: {e}"))
                    })?;
                    (bytes, "pdf".to_owned())
                }
                (None, None) => continue,
            };
            let ext = if ext.chars().all(|c| c.is_ascii_alphanumeric()) && !ext.is_empty() {
                ext
            } else {
                "bin".into()
            };
            let name = format!("{stem}-evidence-{}-{}.{ext}", n + 1, row.code);
            write_atomically(&folder.join(&name), &bytes)?;
            files.push(name);
        }
        Ok(files)
    }
}

fn evidence_of(row: &ChecklistRow) -> Evidence {
    Evidence { title: row.title.clone(), received: row.received_on }
}

fn request_not_found() -> AppError {
    AppError::new(ErrorCode::NotFound, "That request no longer exists.")
}
