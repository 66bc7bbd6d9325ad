//! Letters (spec §6): invitations and requests for advice, the cover letter that goes with the
//! circulated papers, and reminders. One batch routine writes them all: every letter of a batch
//! is merged before anything is written, so a missing value (named, with whose letter it is)
//! writes nothing; then each is written atomically as DOCX and/or PDF and logged in the same
//! transaction as the action that sent it.

use std::path::Path;

use ardesk_documents::child_letter;
use ardesk_documents::forms::{ViewsForm, ViewsFormDoc, render_views_form};
use ardesk_documents::letter::{LetterDoc, render_docx, render_pdf};
use ardesk_domain::Problem;
use ardesk_domain::clock::MilestoneId;
use ardesk_domain::dates::long;
use ardesk_domain::ids::ReviewId;
use ardesk_domain::invitees::{InviteeKind, unnamed_role};
use ardesk_domain::letters::{Letter, LetterKind, MergeData, render, reply_by, reply_by_words};
use ardesk_domain::review::is_remote;
use ardesk_domain::school::School;
use ardesk_dto::{ErrorCode, LettersWritten};
use ardesk_store::{Action, ChecklistRow, StoreError, StoredInvitee, Tx};
use chrono::{DateTime, NaiveDate, Utc};

use crate::context::{Ctx, initials};
use crate::files::{LetterFormat, folder_name, write_atomically};
use crate::{App, AppError};

/// One letter of a batch: its kind, who it goes to (`None`: the child), and its file name
/// without the extension.
struct Planned<'a> {
    kind: LetterKind,
    to: Option<&'a StoredInvitee>,
    stem: String,
    /// The letter's date: the day it is recorded as sent (an invitation already sent keeps the
    /// day it went), or today for one going out now.
    dated: NaiveDate,
}

/// A review's invitations rendered, with what they were made from.
struct Invitations {
    ctx: Ctx,
    invitees: Vec<StoredInvitee>,
    school: School,
    rendered: Vec<Rendered>,
    /// Why anyone was left out.
    withheld: Vec<String>,
}

/// A file of a batch, rendered and not yet written.
struct Rendered {
    logged: Logged,
    bytes: Vec<u8>,
}

/// Writes each rendered file into `folder`, atomically; what was written, for the letter log.
fn write_rendered(folder: &Path, rendered: Vec<Rendered>) -> Result<Vec<Logged>, AppError> {
    rendered
        .into_iter()
        .map(|r| {
            write_atomically(&folder.join(&r.logged.file), &r.bytes)?;
            Ok(r.logged)
        })
        .collect()
}

/// A file a batch wrote, for the letter log.
struct Logged {
    invitee: Option<i64>,
    /// A letter kind's code, or `views_form`.
    kind: &'static str,
    file: String,
}

/// A file-name-safe version of `text`: letters, digits and hyphens.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(40).collect()
}

/// Who a letter is for, in file names: the invitee's role ("Mother", "Educational-Psychologist"),
/// never their name (letters travel by email), or `child`.
fn recipient_slug(to: Option<&StoredInvitee>) -> String {
    to.map_or_else(|| "child".to_owned(), role_slug)
}

fn role_slug(to: &StoredInvitee) -> String {
    let role = slug(&to.invitee.role);
    if role.is_empty() { "invitee".to_owned() } else { role }
}

impl App {
    /// Merges every planned letter, then (only if all merged) writes each into `folder`.
    /// A problem names whose letter it is in; the same problem in several letters is said once.
    fn write_batch(
        &self,
        ctx: &Ctx,
        folder: &Path,
        format: LetterFormat,
        planned: &[Planned<'_>],
        problems: Vec<Problem>,
    ) -> Result<Vec<Logged>, AppError> {
        write_rendered(folder, self.render_batch(ctx, format, planned, problems)?)
    }

    /// As [`App::write_batch`], the files kept in memory.
    fn render_batch(
        &self,
        ctx: &Ctx,
        format: LetterFormat,
        planned: &[Planned<'_>],
        mut problems: Vec<Problem>,
    ) -> Result<Vec<Rendered>, AppError> {
        let invitees = self.store.invitees(ctx.review)?;
        let checklist = self.store.checklist(ctx.review)?;
        let school = self.school_for_letters()?;
        let mut letters = Vec::new();
        for p in planned {
            let data = self.merge_data(ctx, &school, p.to, p.dated, &invitees, &checklist);
            match render(&self.template(ctx, p.kind)?, &data) {
                Ok(letter) => letters.push((p, letter)),
                Err(ps) => problems.extend(ps.into_iter().map(|mut problem| {
                    let who = p.to.map_or_else(|| "the child".to_owned(), |t| t.invitee.name.clone());
                    problem.message = format!("{} (letter to {who})", problem.message);
                    problem
                })),
            }
        }
        if !problems.is_empty() {
            problems.dedup_by(|a, b| {
                a.message.split(" (letter to").next() == b.message.split(" (letter to").next()
            });
            return Err(AppError::from(problems));
        }
        let mut rendered = Vec::new();
        for (p, letter) in letters {
            let doc = self.letter_doc(&school, p.to, p.dated, letter);
            // The child's own letter is laid out for a child: large print, pictures.
            let child = p.kind == LetterKind::ChildInvitation;
            for ext in format.extensions() {
                let bytes = match (child, *ext) {
                    (true, "docx") => child_letter::render_docx(&doc),
                    (true, _) => child_letter::render_pdf(&doc),
                    (false, "docx") => render_docx(&doc),
                    (false, _) => render_pdf(&doc),
                }
                .map_err(|e| {
                    AppError::new(ErrorCode::Storage, format!("The letter could not be produced: {e}"))
                })?;
                rendered.push(Rendered {
                    logged: Logged {
                        invitee: p.to.map(|t| t.id),
                        kind: p.kind.code(),
                        file: format!("{}.{ext}", p.stem),
                    },
                    bytes,
                });
            }
        }
        Ok(rendered)
    }

    /// The day a letter dated `dated` asks for replies by, as it says it.
    fn reply_by(&self, ctx: &Ctx, dated: NaiveDate) -> Option<String> {
        let (t08, t09) = (ctx.due(MilestoneId::T08)?, ctx.due(MilestoneId::T09)?);
        Some(reply_by_words(reply_by(dated, t08, t09, &self.cal.holidays), &self.cal.school))
    }

    fn merge_data(
        &self,
        ctx: &Ctx,
        school: &School,
        to: Option<&StoredInvitee>,
        dated: NaiveDate,
        invitees: &[StoredInvitee],
        checklist: &[ChecklistRow],
    ) -> MergeData {
        let mut d = MergeData::new();
        let r = &ctx.child.record;
        let first = r.known_as();
        // One child, one name: a professional who reads the legal name is told the name the
        // child goes by, which the rest of the letter uses.
        let full_name = match &r.preferred_name {
            Some(known) if known.as_str() != r.legal_forenames.as_str() => {
                format!("{} (known as {})", r.legal_name(), known.as_str())
            }
            _ => r.legal_name(),
        };
        d.set("child.name", first)
            .set("child.legal_name", r.legal_name())
            .set("child.full_name", full_name)
            .set("child.dob", long(r.dob));
        let mut refs = Vec::new();
        if let Some(la_ref) = &r.la_ref {
            refs.push(format!("{} reference: {la_ref}", ctx.la_name));
        }
        // The UPN is the school system's number: only the LA's SEN team needs it. Health and
        // social care, and other services, identify the child by name, date of birth and the
        // LA's reference (spec §6.3).
        if let Some(upn) = &r.upn
            && to.is_some_and(|t| t.invitee.kind == InviteeKind::LaSen)
        {
            refs.push(format!("UPN: {}", upn.as_str()));
        }
        d.set(
            "child.references",
            if refs.is_empty() { "No LA reference recorded".to_owned() } else { refs.join("; ") },
        );
        if let Some(m) = ctx.this.meeting.as_ref() {
            d.set("meeting.date", ardesk_domain::dates::written(m.date));
            d.set("meeting.time", m.start.map(|t| t.format("%H:%M").to_string()).unwrap_or_default());
            d.set("meeting.venue", m.venue.clone());
            d.flag("remote", is_remote(&m.venue));
        }
        let day = |id| ctx.due(id).map(ardesk_domain::dates::written).unwrap_or_default();
        // Replies are asked for from the day the invitation went (a reminder repeats that date).
        let asked = to.and_then(|t| t.invited_on).unwrap_or(dated);
        let reply = self.reply_by(ctx, asked).unwrap_or_default();
        d.set("rsvp.date", reply.clone())
            .set("reports.due", reply)
            .set("circulate.date", day(MilestoneId::T09));
        d.set("la.name", ctx.la_name.clone());
        d.set("school.name", school.name.clone()).set("sender.name", school.senco_name.clone());
        d.flag("plan", !ctx.child.plan.sections.is_empty());
        if let Some(sendiass) = &ctx.sendiass {
            d.set("la.sendiass", sendiass.trim().trim_end_matches('.'));
        }
        d.flag("sendiass", ctx.sendiass.is_some());
        if let Some(form) = &ctx.advice_form {
            d.set("la.advice_form", form.clone());
        }
        // The LA's advice form is mentioned only to those asked for advice.
        let asked = to.is_some_and(|t| t.invitee.advice_requested);
        d.flag("advice_form", asked && ctx.advice_form.is_some());
        if let Some(tl) = &ctx.timeline {
            d.flag("pfa", tl.pfa_required);
            d.flag("transfer", tl.is_transfer());
        }
        let others: Vec<String> = invitees
            .iter()
            .filter(|i| to.is_none_or(|t| t.id != i.id) && !i.invitee.kind.is_family())
            .map(|i| unnamed_role(&i.invitee.name).map_or_else(|| i.invitee.described(), str::to_owned))
            .collect();
        d.set(
            "invitees.list",
            if others.is_empty() { "no one else yet".to_owned() } else { others.join("; ") },
        );
        let received: Vec<&str> =
            checklist.iter().filter(|c| c.received_on.is_some()).map(|c| c.title.as_str()).collect();
        let missing: Vec<&str> =
            checklist.iter().filter(|c| c.received_on.is_none()).map(|c| c.title.as_str()).collect();
        d.set(
            "reports.received",
            if received.is_empty() {
                "No reports have been received yet.".to_owned()
            } else {
                received.join("\n")
            },
        );
        d.set("reports.missing", missing.join("\n")).flag("missing", !missing.is_empty());
        if let Some(t) = to {
            // Someone not yet named is written to as a person would: "Dear Colleague".
            let name = if unnamed_role(&t.invitee.name).is_some() { "Colleague" } else { &t.invitee.name };
            d.set("recipient.name", name).set("recipient.role", t.invitee.role.clone());
            d.flag("health", t.invitee.kind == InviteeKind::Health);
            d.flag("advice", t.invitee.advice_requested);
            if let Some(item) = checklist.iter().find(|c| c.invitee_id == Some(t.id))
                && let Some(req) = item.requested_on
            {
                d.set("requested.date", long(req));
            }
        } else {
            d.set("recipient.name", first);
        }
        d
    }

    /// The school's details, which head every letter; a validation error (field `school`) when
    /// they have not been set.
    pub(crate) fn school_for_letters(&self) -> Result<School, AppError> {
        self.store.school()?.ok_or_else(|| {
            AppError::from(vec![Problem::block(
                "school",
                "The school's details are not set.",
                "Fill them in under Settings: they head every letter.",
            )])
        })
    }

    fn template(&self, ctx: &Ctx, kind: LetterKind) -> Result<String, AppError> {
        let school = self.store.letter_templates()?;
        Ok(school
            .into_iter()
            .map(|t| (t.kind, t.body))
            .chain(ctx.templates.iter().cloned())
            .find(|(k, _)| k == kind.code())
            .map(|(_, body)| body)
            .unwrap_or_else(|| kind.builtin_template().to_owned()))
    }

    pub(crate) fn letter_doc(
        &self,
        school: &School,
        to: Option<&StoredInvitee>,
        dated: NaiveDate,
        letter: Letter,
    ) -> LetterDoc {
        let mut recipient = Vec::new();
        if let Some(t) = to {
            recipient.push(t.invitee.name.clone());
            if t.invitee.role != t.invitee.name && !t.invitee.kind.is_family() {
                recipient.push(t.invitee.role.clone());
            }
            if !t.invitee.organisation.is_empty() {
                recipient.push(t.invitee.organisation.clone());
            }
            match (&t.invitee.address, &t.invitee.email) {
                (Some(a), _) => {
                    recipient.extend(a.split(',').map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()))
                }
                (None, Some(e)) => recipient.push(format!("By email: {e}")),
                (None, None) => {}
            }
        }
        LetterDoc {
            school_name: school.name.clone(),
            school_address: school.address.clone(),
            school_contact: [school.phone.as_str(), school.email.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · "),
            logo_png: school.logo.clone(),
            date: dated.format("%-d %B %Y").to_string(),
            recipient,
            letter,
            signer: school.senco_name.clone(),
            signer_role: format!("{}, on behalf of the head teacher", school.senco_role),
            created: self.clock.now(),
        }
    }

    /// Writes every letter for the review into `folder`: an invitation for each invitee (the
    /// family's letter, or the professional invitation with the request for advice) and the
    /// child's own invitation. Every letter is merged first; if any has a missing value,
    /// nothing is written and every problem is reported.
    pub fn generate_letters(
        &mut self,
        review: i64,
        folder: &Path,
        format: LetterFormat,
    ) -> Result<LettersWritten, AppError> {
        self.write_invitations(review, folder, format, None)
    }

    /// Writes the letter for one invitee only (with the views forms, for the family).
    pub fn generate_letter_for(
        &mut self,
        review: i64,
        invitee: i64,
        folder: &Path,
        format: LetterFormat,
    ) -> Result<LettersWritten, AppError> {
        self.write_invitations(review, folder, format, Some(invitee))
    }

    fn write_invitations(
        &mut self,
        review: i64,
        folder: &Path,
        format: LetterFormat,
        only: Option<i64>,
    ) -> Result<LettersWritten, AppError> {
        let Invitations { ctx, rendered, withheld, .. } = self.invitation_files(review, format, only)?;
        let written = write_rendered(folder, rendered)?;
        let at = self.clock.now();
        let action = Action { actor: &self.actor, name: "letters.generate", at };
        self.store.write(action, |tx| log_letters(tx, ctx.review, &written, at))?;
        Ok(letters_written(folder, written, withheld))
    }

    /// The invitations as email drafts (issue 20 item 7): one `.eml` per invitee with an email
    /// address, their letter attached as PDF (the family's with the child's letter and the views
    /// forms), marked unsent so that Outlook opens it ready to send (Thunderbird: "Edit as
    /// New"). Nothing for a restricted contact, or for someone with no email address: each is
    /// said why. The subject names the child by initials only.
    pub fn write_invitation_emails(
        &mut self,
        review: i64,
        folder: &Path,
    ) -> Result<LettersWritten, AppError> {
        let Invitations { ctx, invitees, school, rendered, mut withheld } =
            self.invitation_files(review, LetterFormat::Pdf, None)?;
        let initials = initials(&ctx.child.record);
        let record = &ctx.child.record;
        let first = record.known_as().to_owned();
        let meeting =
            ctx.this.meeting.as_ref().map(|m| ardesk_domain::dates::written(m.date)).unwrap_or_default();
        let now = self.clock.now();
        let mut written = Vec::new();
        for (n, i) in invitees.iter().enumerate().filter(|(_, i)| i.invitee.restriction.is_none()) {
            let Some(email) = i.invitee.email.as_deref().filter(|e| !e.trim().is_empty()) else {
                withheld.push(format!(
                    "{} ({}) has no email address: post their letter or hand it over.",
                    i.invitee.name, i.invitee.role
                ));
                continue;
            };
            let family = i.invitee.kind.is_family();
            let attached: Vec<&Rendered> = rendered
                .iter()
                .filter(|r| r.logged.invitee == Some(i.id) || (family && r.logged.invitee.is_none()))
                .collect();
            let greeting =
                if unnamed_role(&i.invitee.name).is_some() { "Colleague" } else { &i.invitee.name };
            let what = if family {
                format!(
                    "the invitation to {first}'s annual review meeting, {first}'s own invitation and the forms for your views"
                )
            } else if i.invitee.advice_requested {
                format!("the invitation to {first}'s annual review meeting, with our request for your advice")
            } else {
                format!("the invitation to {first}'s annual review meeting")
            };
            let body = format!(
                "Dear {greeting},\n\nPlease find attached {what}. The meeting is on {meeting}.\n\nPlease reply to this email, or contact me at school.\n\n{}\n{}, {}\n",
                school.senco_name, school.senco_role, school.name
            );
            let mut message = mail_builder::MessageBuilder::new()
                .to((i.invitee.name.as_str(), email))
                .subject(format!("Annual review meeting for {initials} on {meeting}: invitation"))
                .message_id(format!(
                    "review-{}-invitee-{}-{}@annual-review-desk.invalid",
                    ctx.review.0,
                    i.id,
                    now.timestamp()
                ))
                .date(mail_builder::headers::date::Date::new(now.timestamp()))
                .header("X-Unsent", mail_builder::headers::raw::Raw::new("1"))
                .text_body(body);
            if !school.email.trim().is_empty() {
                message = message.from((school.senco_name.as_str(), school.email.as_str()));
            }
            for r in &attached {
                message = message.attachment("application/pdf", r.logged.file.as_str(), r.bytes.as_slice());
            }
            let bytes = message.write_to_vec().map_err(|e| {
                AppError::new(ErrorCode::Storage, format!("The email could not be produced: {e}"))
            })?;
            let file = format!("{initials}_{:02}_{}.eml", n + 1, role_slug(i));
            write_atomically(&folder.join(&file), &bytes)?;
            written.push(Logged { invitee: Some(i.id), kind: "email_draft", file });
        }
        let at = self.clock.now();
        let action = Action { actor: &self.actor, name: "letters.email_drafts", at };
        self.store.write(action, |tx| log_letters(tx, ctx.review, &written, at))?;
        Ok(letters_written(folder, written, withheld))
    }

    /// Every invitation of the review (or `only` one invitee's), the child's letter and the
    /// views forms with the family's, rendered but not written; and why anyone was left out.
    fn invitation_files(
        &self,
        review: i64,
        format: LetterFormat,
        only: Option<i64>,
    ) -> Result<Invitations, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let invitees = self.store.invitees(ctx.review)?;
        if invitees.is_empty() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "Add the invitees first: letters are written for each of them.",
            ));
        }
        let school = self.school_for_letters()?;
        let mut school_problems = Vec::new();
        if school.senco_name.trim().is_empty() {
            school_problems.push(Problem::block(
                "school",
                "The letters need the SENCO's name to sign them.",
                "Fill it in under Settings.",
            ));
        }
        if only.is_some_and(|id| !invitees.iter().any(|i| i.id == id)) {
            return Err(AppError::new(ErrorCode::NotFound, "That invitee is no longer on the list."));
        }
        let withheld = withheld(invitees.iter().filter(|i| only.is_none_or(|id| id == i.id)));
        if only.is_some() && !withheld.is_empty() {
            return Err(AppError::new(ErrorCode::Conflict, withheld.join(" ")));
        }
        let mut to: Vec<(Option<&StoredInvitee>, LetterKind)> = invitees
            .iter()
            .filter(|i| only.is_none_or(|id| id == i.id) && i.invitee.restriction.is_none())
            .map(|i| {
                let kind = if i.invitee.kind.is_family() {
                    LetterKind::ParentInvitation
                } else {
                    LetterKind::ProfessionalInvitation
                };
                (Some(i), kind)
            })
            .collect();
        if only.is_none() && !invitees.iter().any(|i| i.invitee.kind == InviteeKind::YoungPerson) {
            to.push((None, LetterKind::ChildInvitation));
        }
        let initials = initials(&ctx.child.record);
        let today = self.clock.today();
        // The child's letter goes with the family's.
        let family_sent =
            invitees.iter().filter(|i| i.invitee.kind.is_family()).filter_map(|i| i.invited_on).min();
        let planned: Vec<Planned<'_>> = to
            .into_iter()
            .enumerate()
            .map(|(n, (to, kind))| Planned {
                kind,
                to,
                stem: format!("{initials}_{:02}_{}_{}", n + 1, kind.code(), recipient_slug(to)),
                dated: to.map_or(family_sent, |t| t.invited_on).unwrap_or(today),
            })
            .collect();
        let mut rendered = self.render_batch(&ctx, format, &planned, school_problems)?;
        // The printable views forms go with the family's letters.
        let with_forms =
            only.is_none_or(|id| invitees.iter().any(|i| i.id == id && i.invitee.kind.is_family()));
        if with_forms {
            rendered.extend(self.render_views_forms(&ctx, &school, family_sent.unwrap_or(today))?);
        }
        Ok(Invitations { ctx, invitees, school, rendered, withheld })
    }

    /// The parent/carer's and the child's views forms, as PDF, to go with the family's letters.
    fn render_views_forms(
        &self,
        ctx: &Ctx,
        school: &School,
        dated: NaiveDate,
    ) -> Result<Vec<Rendered>, AppError> {
        let record = &ctx.child.record;
        let first = record.known_as().to_owned();
        let meeting_day = ctx
            .child
            .review
            .as_ref()
            .and_then(|r| r.review.meeting.as_ref())
            .map(|m| ardesk_domain::dates::written(m.date))
            .unwrap_or_default();
        let initials = initials(record);
        let told = self.check_in_summary(ctx)?;
        let mut written = Vec::new();
        for (kind, code) in
            [(ViewsForm::ParentCarer, "parent_views_form"), (ViewsForm::Child, "child_views_form")]
        {
            let form = ViewsFormDoc {
                kind,
                school_name: school.name.clone(),
                child_name: first.clone(),
                meeting: meeting_day.clone(),
                return_by: self.reply_by(ctx, dated).unwrap_or_default(),
                return_to: school.senco_name.clone(),
                return_email: school.email.clone(),
                pfa: ctx.timeline.as_ref().is_some_and(|t| t.pfa_required),
                told_us: match kind {
                    ViewsForm::ParentCarer => &told.parents,
                    ViewsForm::Child => &told.child,
                }
                .lines()
                .map(str::to_owned)
                .collect(),
                created: self.clock.now(),
            };
            let bytes = render_views_form(&form).map_err(|e| {
                AppError::new(ErrorCode::Storage, format!("The views form could not be produced: {e}"))
            })?;
            let file = format!("{initials}_{code}.pdf");
            written.push(Rendered { logged: Logged { invitee: None, kind: "views_form", file }, bytes });
        }
        Ok(written)
    }

    /// Writes the cover letter that goes with the circulated papers, one per invitee: it lists
    /// what was received and what is still missing.
    pub fn generate_circulation_letters(
        &mut self,
        review: i64,
        folder: &Path,
        format: LetterFormat,
    ) -> Result<LettersWritten, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let invitees = self.store.invitees(ctx.review)?;
        if invitees.is_empty() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "Add the invitees first: the papers go to each of them.",
            ));
        }
        let initials = initials(&ctx.child.record);
        let withheld = withheld(invitees.iter());
        let planned: Vec<Planned<'_>> = invitees
            .iter()
            .filter(|i| i.invitee.restriction.is_none())
            .enumerate()
            .map(|(n, to)| Planned {
                kind: LetterKind::CirculationCover,
                to: Some(to),
                stem: format!("{initials}_{:02}_circulation_{}", n + 1, role_slug(to)),
                dated: self.clock.today(),
            })
            .collect();
        let written = self.write_batch(&ctx, folder, format, &planned, Vec::new())?;
        let at = self.clock.now();
        let action = Action { actor: &self.actor, name: "letters.circulation", at };
        self.store.write(action, |tx| log_letters(tx, ctx.review, &written, at))?;
        Ok(letters_written(folder, written, withheld))
    }

    /// Writes a reminder to the invitee whose advice (checklist item `item`) is overdue, and
    /// records the chase.
    pub fn chase(
        &mut self,
        review: i64,
        item: i64,
        folder: &Path,
        format: LetterFormat,
    ) -> Result<LettersWritten, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let invitees = self.store.invitees(ctx.review)?;
        let checklist = self.store.checklist(ctx.review)?;
        let row = checklist
            .iter()
            .find(|c| c.id == item)
            .ok_or(AppError::new(ErrorCode::NotFound, "That document is no longer on the checklist."))?;
        let to = row.invitee_id.and_then(|id| invitees.iter().find(|i| i.id == id)).ok_or_else(|| {
            AppError::new(
                ErrorCode::Conflict,
                "This document has no named sender to chase: add one as an invitee.",
            )
        })?;
        if let Some(restriction) = to.invitee.restriction {
            return Err(AppError::new(ErrorCode::Conflict, restriction.why_nothing_sent(&to.invitee.name)));
        }
        let planned = [Planned {
            kind: LetterKind::Reminder,
            to: Some(to),
            stem: format!("{}_reminder_{}", initials(&ctx.child.record), role_slug(to)),
            dated: self.clock.today(),
        }];
        let written = self.write_batch(&ctx, folder, format, &planned, Vec::new())?;
        let today = self.clock.today();
        let at = self.clock.now();
        let action = Action { actor: &self.actor, name: "checklist.chase", at };
        self.store.write(action, |tx| {
            tx.mark_chased(item, today)?;
            log_letters(tx, ctx.review, &written, at)
        })?;
        Ok(letters_written(folder, written, Vec::new()))
    }
}

/// Records the files of a batch in the letter log, inside the action's transaction.
fn log_letters(
    tx: &mut Tx<'_>,
    review: ReviewId,
    written: &[Logged],
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    for w in written {
        tx.log_letter(review, w.invitee, w.kind, &w.file, at)?;
    }
    Ok(())
}

fn letters_written(folder: &Path, written: Vec<Logged>, withheld: Vec<String>) -> LettersWritten {
    LettersWritten {
        folder: folder_name(folder),
        files: written.into_iter().map(|w| w.file).collect(),
        withheld,
    }
}

/// Why nothing is written automatically to the restricted invitees among `invitees`.
fn withheld<'a>(invitees: impl Iterator<Item = &'a StoredInvitee>) -> Vec<String> {
    invitees.filter_map(|i| i.invitee.restriction.map(|r| r.why_nothing_sent(&i.invitee.name))).collect()
}
