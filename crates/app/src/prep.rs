//! Before the meeting (spec §3, §4): the meeting's details, invitees, the report checklist,
//! attachments, and whether notice (T07) and circulation (T09) were in time. The rules are the
//! domain's (`review`, `invitees`, `paperwork`, `compliance`); the letters are in `letters`.

use std::path::Path;

use ardesk_domain::Problem;
use ardesk_domain::clock::MilestoneId;
use ardesk_domain::compliance::{Circulated, Invited, Paper, circulation, notice};
use ardesk_domain::content::{Active, Format};
use ardesk_domain::dates::{input, long};
use ardesk_domain::invitees::validate as validate_invitee;
use ardesk_domain::letters::LetterKind;
use ardesk_domain::paperwork::{Around, ChecklistStatus, add_document, added_due, plan, removable};
use ardesk_domain::review::{ReviewEvent, ReviewStage, validate_meeting};
use ardesk_dto::{
    ChecklistDocumentForm, ChecklistDto, ErrorCode, InviteeDto, InviteeForm, LetterLogDto, MeetingForm,
    ReviewPrep,
};
use ardesk_store::{Action, Attachment, NewChecklistItem};
use chrono::NaiveDate;

use crate::convert::{self, compliance, invitee_form};
use crate::files::{read_chosen_file, sha256_hex};
use crate::{App, AppError};

impl App {
    /// The "Before the meeting" screen of review `review`.
    pub fn review_prep(&self, review: i64) -> Result<ReviewPrep, AppError> {
        let ctx = self.review_ctx(review)?;
        let today = self.clock.today();
        let invitees = self.store.invitees(ctx.review)?;
        let checklist = self.store.checklist(ctx.review)?;
        let meeting = ctx.this.meeting.clone();
        let stage = ctx.this.stage;
        let reports_due = ctx.due(MilestoneId::T08);
        let review_type = self.store.review_type(ctx.review)?;
        let profile = self.profile_on(&ctx.child.record.la_id, meeting.as_ref().map_or(today, |m| m.date))?;
        let name_of = |id: Option<i64>| {
            id.and_then(|id| invitees.iter().find(|i| i.id == id)).map(|i| i.invitee.described())
        };

        let has_meeting = meeting.is_some();
        let invited = statutory_invited(&invitees);
        let notice =
            compliance(notice(ctx.due(MilestoneId::T07), has_meeting, &invited, &self.cal.holidays, today));
        let circulated = self.store.circulation(ctx.review)?;
        let circulation = compliance(judged_circulation(
            ctx.due(MilestoneId::T09),
            has_meeting,
            circulated.as_ref(),
            &checklist,
            today,
        ));
        let missing_papers = missing_papers(&checklist);
        // Said where the meeting is booked: a day the school is shut, a meeting too late.
        let meeting_warnings = match &meeting {
            Some(m) if stage < ReviewStage::MeetingHeld => {
                self.cal.meeting_warnings(m.date, ctx.timeline.as_ref())
            }
            _ => Vec::new(),
        };

        Ok(ReviewPrep {
            meeting_warnings,
            review_id: ctx.review.0,
            child_id: ctx.child.id.0,
            child_name: ctx.child.record.display_name(),
            stage: convert::stage(stage),
            stage_label: stage.label().to_owned(),
            review_type: convert::review_type(review_type),
            meeting: meeting.as_ref().map_or_else(MeetingForm::default, |m| MeetingForm {
                date: input(m.date),
                time: m.start.map(|t| t.format("%H:%M").to_string()).unwrap_or_default(),
                venue: m.venue.clone(),
            }),
            meeting_text: meeting.as_ref().map(|m| ardesk_domain::dates::written_at(m.date, m.start)),
            invitees: invitees
                .iter()
                .map(|i| InviteeDto {
                    id: i.id,
                    form: invitee_form(&i.invitee, i.attendance),
                    kind_label: i.invitee.kind.label().to_owned(),
                    statutory: i.invitee.statutory,
                    reason: i.invitee.reason.clone(),
                    invited_on: i.invited_on.map(long),
                    sent_by: i.sent_by.map(convert::send_method),
                    sent_on_input: i.invited_on.map(ardesk_domain::dates::input).unwrap_or_default(),
                })
                .collect(),
            checklist: checklist
                .iter()
                .map(|c| {
                    let due = c.due_on.or(reports_due);
                    let status = ChecklistStatus::of(c.received_on, c.requested_on, due, today);
                    ChecklistDto {
                        id: c.id,
                        code: c.code.clone(),
                        title: c.title.clone(),
                        from: name_of(c.invitee_id),
                        from_invitee: c.invitee_id,
                        requested_on: c.requested_on.map(long),
                        due: due.map(long),
                        received_on: c.received_on.map(long),
                        chased_on: c.chased_on.map(long),
                        file_name: c.file.as_ref().map(|f| f.name.clone()),
                        file_warning: c.file.as_ref().and_then(file_warning),
                        has_views_text: c.views_text.is_some(),
                        status: convert::checklist_status(status),
                        status_label: status.label().to_owned(),
                        removable: removable(
                            profile,
                            &c.code,
                            c.invitee_id.is_some(),
                            c.received_on.is_some() || c.file.is_some() || c.views_text.is_some(),
                        ),
                    }
                })
                .collect(),
            notice,
            circulation,
            missing_papers,
            letters: self
                .store
                .letter_log(ctx.review)?
                .into_iter()
                .map(|l| LetterLogDto {
                    kind_label: match l.kind.as_str() {
                        "views_form" => "Views form".to_owned(),
                        "email_draft" => "Email draft".to_owned(),
                        kind => LetterKind::from_code(kind).map_or(kind.to_owned(), |k| k.label().to_owned()),
                    },
                    recipient: name_of(l.invitee_id),
                    file_name: l.file_name,
                    generated: chrono::DateTime::parse_from_rfc3339(&l.generated_at)
                        .map(|t| t.format("%-d %b %Y %H:%M").to_string())
                        .unwrap_or(l.generated_at),
                })
                .collect(),
        })
    }

    /// Sets the meeting's date, time and venue. Refused (with every problem) if the date is
    /// before the start of the review cycle.
    pub fn set_meeting(&mut self, review: i64, form: MeetingForm) -> Result<ReviewPrep, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        // Without any of the plan's dates, the cycle can start no earlier than the child's birth.
        let cycle_start = ctx.child.record.history.anchor().map_or(ctx.child.record.dob, |a| a.date);
        let meeting = validate_meeting(&convert::meeting_input(form), cycle_start)?;
        let stage = ctx.this.stage;
        let action = Action { actor: &self.actor, name: "review.meeting", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_meeting(ctx.review, Some(&meeting), stage))?;
        self.review_prep(review)
    }

    /// Sets the kind of review: annual, interim or early (spec §9). The clock is the same for
    /// each: the LA's decision letter concluding it starts the next cycle (T15).
    pub fn set_review_type(
        &mut self,
        review: i64,
        review_type: Option<ardesk_dto::ReviewType>,
    ) -> Result<ReviewPrep, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let Some(kind) = review_type.map(convert::review_type_of) else {
            return Err(vec![Problem::block(
                "review_type",
                "Choose the kind of review.",
                "An annual review, an interim review between annual reviews, or an early review.",
            )]
            .into());
        };
        let action = Action { actor: &self.actor, name: "review.type", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_review_type(ctx.review, kind))?;
        self.review_prep(review)
    }

    /// Adds a document to the checklist that the invitee list did not produce (a costed
    /// provision map, a risk assessment, a report from someone not invited, a request form…),
    /// asked for today; its file is then attached as any other's.
    pub fn add_checklist_document(
        &mut self,
        review: i64,
        form: ChecklistDocumentForm,
    ) -> Result<ReviewPrep, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let items = self.store.checklist(ctx.review)?;
        let existing: Vec<(&str, &str)> = items.iter().map(|c| (c.code.as_str(), c.title.as_str())).collect();
        let doc = add_document(form.code.map(|c| c.code()), &form.title, &existing)?;
        let today = self.clock.today();
        let due_on = added_due(ctx.due(MilestoneId::T08), ctx.due(MilestoneId::T11), today);
        let item = NewChecklistItem { code: doc.code.to_owned(), title: doc.title, invitee_id: None, due_on };
        let action = Action { actor: &self.actor, name: "checklist.add", at: self.clock.now() };
        self.store
            .write(action, |tx| tx.add_checklist_document(ctx.review, &item, Some(today)).map(|_| ()))?;
        self.review_prep(review)
    }

    /// Takes a document added by hand off the checklist, while nothing has been received for it.
    pub fn remove_checklist_item(&mut self, review: i64, item: i64) -> Result<ReviewPrep, AppError> {
        self.refuse_if_read_only_review(review)?;
        let prep = self.review_prep(review)?;
        let Some(found) = prep.checklist.iter().find(|c| c.id == item) else {
            return Err(AppError::new(
                ErrorCode::NotFound,
                "That document is not on this review's checklist.",
            ));
        };
        if !found.removable {
            let why = if found.received_on.is_some() {
                "something has been received for it: it goes with the review"
            } else {
                "it comes from the invitees or the LA's requirements, not added by hand"
            };
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!("\u{201c}{}\u{201d} cannot be taken off the list: {why}.", found.title),
            ));
        }
        let action = Action { actor: &self.actor, name: "checklist.remove", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.remove_checklist_item(ardesk_domain::ids::ReviewId(prep.review_id), item)
        })?;
        self.review_prep(review)
    }

    /// Saves the suggested invitees and the report checklist that follows from them. Refused if
    /// the review already has invitees (edit those instead).
    pub fn accept_suggested_invitees(&mut self, review: i64) -> Result<ReviewPrep, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        if !self.store.invitees(ctx.review)?.is_empty() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "This review already has invitees: add, edit or remove them one by one.",
            ));
        }
        let profile = self
            .cal
            .las
            .get(&ctx.child.record.la_id)
            .or_else(|| self.cal.las.get(ardesk_domain::la::DEFAULT_LA))
            .ok_or_else(|| AppError::new(ErrorCode::Unavailable, "No LA profiles are available."))?;
        let stored_school = self.store.school()?;
        let school = stored_school.as_ref().map_or("the school", |s| s.name.as_str()).to_owned();
        let head = stored_school.as_ref().map_or("", |s| s.head_teacher.as_str()).to_owned();
        let meeting = ctx.this.meeting.as_ref().map(|m| m.date);
        let parents = ctx.child.parent_list();
        if let Some(problem) = ardesk_domain::paperwork::parental_responsibility_missing(
            &ctx.child.record,
            &parents,
            meeting.unwrap_or(self.clock.today()),
        ) {
            return Err(vec![problem].into());
        }
        let professionals = ctx.child.professional_list();
        let receiving = self.store.receiving_setting(ctx.child.id)?;
        let (invitees, docs) = plan(
            &ctx.child.record,
            &Around { parents: &parents, professionals: &professionals, receiving: receiving.as_ref() },
            meeting.unwrap_or(self.clock.today()),
            ctx.timeline.as_ref(),
            profile,
            (&school, &head),
        );
        let action = Action { actor: &self.actor, name: "invitees.accept", at: self.clock.now() };
        self.store.write(action, |tx| {
            let ids = tx.replace_invitees(ctx.review, &invitees)?;
            let items: Vec<NewChecklistItem> = docs
                .iter()
                .map(|d| NewChecklistItem {
                    code: d.code.to_owned(),
                    title: d.title.clone(),
                    invitee_id: d.from.and_then(|n| ids.get(n).copied()),
                    due_on: None,
                })
                .collect();
            tx.add_checklist_items(ctx.review, &items)
        })?;
        self.review_prep(review)
    }

    pub fn add_invitee(&mut self, review: i64, form: InviteeForm) -> Result<ReviewPrep, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let (invitee, _) = validate_invitee(&convert::invitee_input(&form))?;
        let action = Action { actor: &self.actor, name: "invitee.add", at: self.clock.now() };
        self.store.write(action, |tx| {
            let id = tx.add_invitee(ctx.review, &invitee)?;
            if invitee.advice_requested && !invitee.kind.is_family() {
                let title = format!("Advice from {} ({})", invitee.role, invitee.name);
                let item =
                    NewChecklistItem { code: "D09".to_owned(), title, invitee_id: Some(id), due_on: None };
                tx.add_checklist_items(ctx.review, &[item])?;
            }
            Ok(())
        })?;
        self.review_prep(review)
    }

    pub fn update_invitee(
        &mut self,
        review: i64,
        invitee: i64,
        form: InviteeForm,
    ) -> Result<ReviewPrep, AppError> {
        self.refuse_if_read_only_review(review)?;
        let (parsed, attendance) = validate_invitee(&convert::invitee_input(&form))?;
        let action = Action { actor: &self.actor, name: "invitee.update", at: self.clock.now() };
        self.store.write(action, |tx| tx.update_invitee(invitee, &parsed, attendance))?;
        self.review_prep(review)
    }

    pub fn delete_invitee(&mut self, review: i64, invitee: i64) -> Result<ReviewPrep, AppError> {
        self.refuse_if_read_only_review(review)?;
        let action = Action { actor: &self.actor, name: "invitee.delete", at: self.clock.now() };
        self.store.write(action, |tx| tx.delete_invitee(invitee))?;
        self.review_prep(review)
    }

    /// Records that invitations and requests for advice were sent today to everyone not yet
    /// invited, and moves a review in planning on to "invitations sent".
    pub fn mark_invitations_sent(&mut self, review: i64) -> Result<ReviewPrep, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let list = self.store.invitees(ctx.review)?;
        let ways: Vec<_> = list.iter().map(|i| (i.id, i.invitee.usual_send())).collect();
        let stage = ctx.next_stage(ReviewEvent::InvitationsSent { invitees: list.len() })?;
        let meeting = ctx.this.meeting.clone();
        let today = self.clock.today();
        let action = Action { actor: &self.actor, name: "invitations.sent", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.mark_invited(ctx.review, today, &ways)?;
            tx.set_meeting(ctx.review, meeting.as_ref(), stage)
        })?;
        self.review_prep(review)
    }

    /// Records how and when one invitation went (by email, post or hand, on a day), or that it
    /// has not gone (no way given). Once everyone's has gone, the review moves on as "Record
    /// invitations as sent" would. A posted letter gives notice two working days later (T07).
    pub fn record_invitation(
        &mut self,
        review: i64,
        invitee: i64,
        form: &ardesk_dto::InvitationForm,
    ) -> Result<ReviewPrep, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let list = self.store.invitees(ctx.review)?;
        let target = list
            .iter()
            .find(|i| i.id == invitee)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, "That invitee is no longer on the list."))?;
        let sent = match form.by.map(convert::send_method_of) {
            None => None,
            Some(by) => {
                let on = ardesk_domain::dates::parse_user_date("sent_on", "The day it went", &form.date)
                    .map_err(|p| vec![p])?;
                let meeting = ctx.this.meeting.as_ref().map(|m| m.date);
                let problems =
                    ardesk_domain::invitees::check_sent(&target.invitee, by, on, meeting, self.clock.today());
                if !problems.is_empty() {
                    return Err(problems.into());
                }
                Some((on, by))
            }
        };
        let everyone =
            list.iter().all(|i| if i.id == invitee { sent.is_some() } else { i.invited_on.is_some() });
        let stage = if everyone {
            ctx.next_stage(ReviewEvent::InvitationsSent { invitees: list.len() }).unwrap_or(ctx.this.stage)
        } else {
            ctx.this.stage
        };
        let action = Action { actor: &self.actor, name: "invitation.sent", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.set_invitation_sent(ctx.review, invitee, sent)?;
            if stage != ctx.this.stage {
                tx.set_stage(ctx.review, stage)?;
            }
            Ok(())
        })?;
        self.review_prep(review)
    }

    /// Records that every document received was sent to every invitee today (T09), and, when
    /// some have not arrived, that everyone was told which (`told_missing`: the SENCO confirms
    /// it; the circulation cover letters name them). Refused beside the confirmation while
    /// papers are missing and it is not given.
    pub fn mark_circulated(&mut self, review: i64, told_missing: bool) -> Result<ReviewPrep, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let today = self.clock.today();
        let meeting = ctx.this.meeting.clone();
        let missing = missing_papers(&self.store.checklist(ctx.review)?);
        if !missing.is_empty() && !told_missing {
            return Err(AppError::from(vec![Problem::block(
                "told_missing",
                format!(
                    "{} not arrived. Tell everyone which papers are missing (the circulation cover letters name them), then confirm it here.",
                    match missing.as_slice() {
                        [one] => format!("{one} has"),
                        many => format!("{} papers have", many.len()),
                    }
                ),
                "",
            )]));
        }
        let stage = ctx.next_stage(ReviewEvent::Circulated)?;
        let action = Action { actor: &self.actor, name: "papers.circulated", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.mark_circulated(ctx.review, today, &missing)?;
            tx.set_meeting(ctx.review, meeting.as_ref(), stage)
        })?;
        self.review_prep(review)
    }

    /// Attaches a received file to checklist item `item`: its type is decided by content, and
    /// executables, macro documents, unknown types and files over the LA's limit are refused.
    /// The file is stored once, by its SHA-256.
    pub fn attach_file(
        &mut self,
        review: i64,
        item: i64,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<ReviewPrep, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        // A document that would run something is kept, as one with a password is: it was
        // received. The checklist says how to remove it, and the bundle check judges it by the
        // LA's profile (spec V14). Anything else refused is not kept.
        let kind = ardesk_intake::sniff(bytes, ctx.max_file_bytes).or_else(|refusal| match refusal {
            ardesk_intake::Refusal::Macro { ext, .. } => {
                ardesk_intake::FileType::from_extension(ext).ok_or(refusal)
            }
            _ => Err(refusal),
        });
        let kind = kind.map_err(|refusal| {
            AppError::from(vec![Problem::block(
                "file",
                format!("{file_name} was not attached: {refusal}"),
                "",
            )])
        })?;
        let sha = sha256_hex(bytes);
        // A password-protected, damaged or active file is kept (it was received), but flagged
        // now: the LA cannot open it, and the bundle check refuses it (V01, V14).
        let scan = ardesk_intake::scan(bytes, ctx.max_file_bytes);
        let today = self.clock.today();
        let action = Action { actor: &self.actor, name: "checklist.attach", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.put_file(&sha, kind.extension(), bytes)?;
            tx.set_file_scan(&sha, &convert::file_scan(&scan.verdict))?;
            tx.mark_received(item, today, Some(Attachment { sha256: &sha, name: file_name }), None)
        })?;
        self.review_prep(review)
    }

    /// Attaches the file at `path` (chosen by the user in a dialog): its size is checked before
    /// it is read, so a huge file is refused without loading it.
    pub fn attach_file_from(&mut self, review: i64, item: i64, path: &Path) -> Result<ReviewPrep, AppError> {
        let ctx = self.review_ctx(review)?;
        let (name, bytes) = read_chosen_file(path, ctx.max_file_bytes, "was not attached")?;
        self.attach_file(review, item, &name, &bytes)
    }

    /// Records views typed in (from a phone call, a conversation, a form filled in at school).
    pub fn record_views(&mut self, review: i64, item: i64, text: &str) -> Result<ReviewPrep, AppError> {
        self.refuse_if_read_only_review(review)?;
        if text.trim().is_empty() {
            return Err(AppError::from(vec![Problem::block(
                "views",
                "The views are empty.",
                "Type what was said, or attach the form instead.",
            )]));
        }
        let today = self.clock.today();
        let action = Action { actor: &self.actor, name: "checklist.views", at: self.clock.now() };
        self.store.write(action, |tx| tx.mark_received(item, today, None, Some(text.trim())))?;
        self.review_prep(review)
    }
}

/// What the checklist says of an attached file the scan did not pass: what is wrong, and what to
/// do in the program that made it (the same words as the bundle check's).
fn file_warning(file: &ardesk_store::FileRef) -> Option<String> {
    let scan = file.scan.as_ref().filter(|s| s.verdict != "ok")?;
    let named = crate::files::ext_of(&file.name);
    let found = ardesk_intake::FileType::from_extension(&file.file_type);
    let format = Format::of_ext(ardesk_intake::judged_extension(found, &named));
    let active = scan.active.as_deref().and_then(Active::from_code);
    let fix = ardesk_domain::content::fix(&scan.verdict, active, format);
    Some(match scan.verdict.as_str() {
        "encrypted" => format!("It has a password ({}): the LA cannot open it. {fix}", scan.detail),
        _ => format!("It cannot be sent as it is: {}. {fix}", scan.detail),
    })
}

/// The titles of the papers on the checklist that have not arrived.
fn missing_papers(checklist: &[ardesk_store::ChecklistRow]) -> Vec<String> {
    checklist.iter().filter(|c| c.received_on.is_none()).map(|c| c.title.clone()).collect()
}

/// Each statutory invitee's invitation, the day and how it went (`None` while not yet): what
/// T07 is judged on.
pub(crate) fn statutory_invited(invitees: &[ardesk_store::StoredInvitee]) -> Vec<Option<Invited>> {
    invitees
        .iter()
        .filter(|i| i.invitee.statutory)
        .map(|i| i.invited_on.map(|on| Invited { on, by: i.sent_by }))
        .collect()
}

/// T09 judged on what the store holds of a review: its circulation and its checklist's papers.
pub(crate) fn judged_circulation(
    due: Option<NaiveDate>,
    has_meeting: bool,
    circulated: Option<&ardesk_store::CirculationRecord>,
    checklist: &[ardesk_store::ChecklistRow],
    today: NaiveDate,
) -> ardesk_domain::compliance::Compliance {
    let papers: Vec<Paper<'_>> = checklist
        .iter()
        .map(|c| Paper { title: &c.title, requested_on: c.requested_on, received_on: c.received_on })
        .collect();
    circulation(
        due,
        has_meeting,
        circulated.map(|c| Circulated {
            first: c.first,
            named_missing: c.named_missing.as_deref(),
            again: c.again,
        }),
        &papers,
        today,
    )
}
