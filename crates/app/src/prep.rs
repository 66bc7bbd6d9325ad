//! Before the meeting (spec §3, §4, §6): the meeting's details, invitees, letters, the report
//! checklist, attachments, and whether notice (T07) and circulation (T09) were in time.

use std::path::Path;

use ardesk_documents::ar1::Ar1Header;
use ardesk_documents::forms::{ViewsForm, ViewsFormDoc, render_views_form};
use ardesk_documents::letter::{LetterDoc, render_docx, render_pdf};
use ardesk_domain::Problem;
use ardesk_domain::child::ChildRecord;
use ardesk_domain::clock::{MilestoneId, Timeline};
use ardesk_domain::dates::{input, long, parse_user_date};
use ardesk_domain::ids::{ChildId, ReviewId};
use ardesk_domain::invitees::{Invitee, InviteeKind, SuggestionContext, suggest};
use ardesk_domain::la::LaProfile;
use ardesk_domain::letters::{Letter, LetterKind, MergeData, render};
use ardesk_domain::ncy::nc_year;
use ardesk_domain::paperwork::{Expected, expected};
use ardesk_domain::people::{ContactMethod, ParentCarer, Professional};
use ardesk_domain::review::{Attendance, Meeting, ReviewStage};
use ardesk_domain::school::School;
use ardesk_dto::{
    ChecklistDto, Compliance, ErrorCode, InviteeDto, InviteeForm, LetterLogDto, LetterTemplateDto,
    LettersWritten, MeetingForm, ReviewPrep, SchoolForm,
};
use ardesk_store::{Action, ChecklistRow, StoredChild, StoredInvitee};
use chrono::{Datelike, NaiveDate, NaiveTime};
use sha2::{Digest, Sha256};

use crate::reviews::write_atomically;
use crate::{App, AppError, row_of};

/// Which formats to write letters in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterFormat {
    Docx,
    Pdf,
    Both,
}

impl LetterFormat {
    fn extensions(self) -> &'static [&'static str] {
        match self {
            LetterFormat::Docx => &["docx"],
            LetterFormat::Pdf => &["pdf"],
            LetterFormat::Both => &["docx", "pdf"],
        }
    }
}

/// Everything about one review that the use-cases below need.
pub(crate) struct Ctx {
    pub review: ReviewId,
    pub child: StoredChild,
    pub timeline: Option<Timeline>,
    pub la_name: String,
    advice_form: Option<String>,
    templates: Vec<(String, String)>,
    max_file_bytes: u64,
    /// The review itself (which need not be the child's latest).
    pub this: ardesk_domain::review::Review,
}

fn kind_label(kind: InviteeKind) -> &'static str {
    match kind {
        InviteeKind::Parent => "Parent/carer (parental responsibility)",
        InviteeKind::YoungPerson => "Young person",
        InviteeKind::Carer => "Carer",
        InviteeKind::Setting => "School or setting",
        InviteeKind::LaSen => "LA SEN officer",
        InviteeKind::Health => "Health professional",
        InviteeKind::SocialCare => "LA social care",
        InviteeKind::Professional => "Other professional",
    }
}

fn invitee_form(i: &Invitee, attendance: Attendance) -> InviteeForm {
    InviteeForm {
        kind: i.kind.code().to_owned(),
        name: i.name.clone(),
        role: i.role.clone(),
        organisation: i.organisation.clone(),
        email: i.email.clone().unwrap_or_default(),
        phone: i.phone.clone().unwrap_or_default(),
        address: i.address.clone().unwrap_or_default(),
        preferred_contact: i.preferred_contact.code().to_owned(),
        advice_requested: i.advice_requested,
        attendance: attendance.code().to_owned(),
    }
}

/// Validates the invitee form, reporting every problem at once.
fn parse_invitee(form: &InviteeForm) -> Result<(Invitee, Attendance), Vec<Problem>> {
    let mut problems = Vec::new();
    let kind = InviteeKind::from_code(&form.kind);
    if kind.is_none() {
        problems.push(Problem::block(
            "kind",
            "Choose who this invitee is.",
            "Pick the closest type from the list.",
        ));
    }
    if form.name.trim().is_empty() {
        problems.push(Problem::block(
            "name",
            "Name is required.",
            "Enter the person's name, or their role if it is not known yet.",
        ));
    }
    if form.role.trim().is_empty() {
        problems.push(Problem::block(
            "role",
            "Role is required.",
            "For example \u{201c}Educational Psychologist\u{201d} or \u{201c}Mother\u{201d}.",
        ));
    }
    let email = form.email.trim();
    if !email.is_empty() && !looks_like_email(email) {
        problems.push(Problem::block(
            "email",
            format!("\u{201c}{email}\u{201d} is not an email address."),
            "Check it, or leave it blank.",
        ));
    }
    let contact = ContactMethod::from_code(&form.preferred_contact);
    if contact.is_none() {
        problems.push(Problem::block(
            "preferred_contact",
            "Choose how this person prefers to be contacted.",
            "Email, phone, post or text.",
        ));
    }
    let attendance =
        Attendance::from_code(if form.attendance.is_empty() { "unknown" } else { &form.attendance });
    if attendance.is_none() {
        problems.push(Problem::block("attendance", "Choose whether they attended.", "Pick from the list."));
    }
    match (kind, contact, attendance) {
        (Some(kind), Some(preferred_contact), Some(attendance)) if problems.is_empty() => {
            let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
            Ok((
                Invitee {
                    kind,
                    name: form.name.trim().to_owned(),
                    role: form.role.trim().to_owned(),
                    organisation: form.organisation.trim().to_owned(),
                    email: opt(&form.email),
                    phone: opt(&form.phone),
                    address: opt(&form.address),
                    preferred_contact,
                    advice_requested: form.advice_requested,
                    statutory: kind.is_statutory(),
                    reason: "Added by the SENCO.".to_owned(),
                },
                attendance,
            ))
        }
        _ => Err(problems),
    }
}

/// A light check that catches typing slips, not a full address validation.
fn looks_like_email(email: &str) -> bool {
    email.contains('@') && email.contains('.') && !email.contains(' ')
}

fn parse_meeting(form: &MeetingForm) -> Result<Meeting, Vec<Problem>> {
    let mut problems = Vec::new();
    let date = parse_user_date("date", "Meeting date", &form.date).map_err(|p| problems.push(p)).ok();
    let start = match form.time.trim() {
        "" => {
            problems.push(Problem::block(
                "time",
                "Start time is required.",
                "Enter it as HH:MM, for example 09:30.",
            ));
            None
        }
        t => NaiveTime::parse_from_str(t, "%H:%M")
            .map_err(|_| {
                problems.push(Problem::block(
                    "time",
                    format!("\u{201c}{t}\u{201d} is not a time."),
                    "Enter it as HH:MM, for example 09:30.",
                ));
            })
            .ok(),
    };
    if form.venue.trim().is_empty() {
        problems.push(Problem::block(
            "venue",
            "Venue is required.",
            "Enter the room and site, or \u{201c}Remote: \u{201d} and how to join.",
        ));
    }
    match (date, start) {
        (Some(date), Some(start)) if problems.is_empty() => {
            Ok(Meeting { date, start: Some(start), venue: form.venue.trim().to_owned() })
        }
        _ => Err(problems),
    }
}

fn is_remote(venue: &str) -> bool {
    let v = venue.to_lowercase();
    ["remote", "online", "video", "teams", "zoom", "http"].iter().any(|k| v.contains(k))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The child and meeting details at the top of the AR1 form and record.
pub(crate) fn ar1_header(ctx: &Ctx, ncy: i32, meeting: Option<&Meeting>) -> Ar1Header {
    let r = &ctx.child.record;
    Ar1Header {
        child_name: r.legal_name(),
        dob: long(r.dob),
        year_group: ardesk_domain::ncy::label(ncy),
        upn: r.upn.as_ref().map(|u| u.as_str().to_owned()).unwrap_or_default(),
        la_reference: r.la_ref.clone().unwrap_or_default(),
        meeting: meeting
            .map(|m| match m.start {
                Some(t) => format!("{} at {}", m.date.format("%A %-d %B %Y"), t.format("%H:%M")),
                None => m.date.format("%A %-d %B %Y").to_string(),
            })
            .unwrap_or_default(),
        venue: meeting.map(|m| m.venue.clone()).unwrap_or_default(),
    }
}

/// The child's initials, for file names: letters travel by email, so never the full name.
pub(crate) fn initials(record: &ChildRecord) -> String {
    record.legal_name().split_whitespace().filter_map(|w| w.chars().next()).collect()
}

/// A folder's name for messages (the UI never sees full paths).
pub(crate) fn folder_name(folder: &Path) -> String {
    folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Writes `<stem>.docx` and/or `<stem>.pdf` in `folder`, each atomically, with `render`
/// producing the bytes for an extension; returns the file names written.
pub(crate) fn write_formats(
    folder: &Path,
    stem: &str,
    format: LetterFormat,
    what: &str,
    render: impl Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<Vec<String>, AppError> {
    let mut names = Vec::new();
    for ext in format.extensions() {
        let bytes = render(ext).map_err(|e| {
            AppError::new(ErrorCode::Storage, format!("The {what} could not be produced: {e}"))
        })?;
        let name = format!("{stem}.{ext}");
        write_atomically(&folder.join(&name), &bytes)?;
        names.push(name);
    }
    Ok(names)
}

/// Writes a letter as DOCX and/or PDF.
fn write_letter_files(
    folder: &Path,
    stem: &str,
    doc: &LetterDoc,
    format: LetterFormat,
) -> Result<Vec<String>, AppError> {
    write_formats(folder, stem, format, "letter", |ext| {
        if ext == "docx" { render_docx(doc) } else { render_pdf(doc) }
    })
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

impl App {
    pub(crate) fn prep_ctx(&self, review: i64) -> Result<Ctx, AppError> {
        let review = ReviewId(review);
        let (child_id, this) = self.store.review_info(review)?;
        let child = self.store.child(child_id)?;
        let today = self.clock.today();
        let row = row_of(child.clone());
        let cycle = self.cal.cycle(&row, today)?;
        Ok(Ctx {
            review,
            la_name: cycle.profile.name.clone(),
            advice_form: cycle.profile.forms.advice_form.clone(),
            templates: cycle.profile.letters.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            max_file_bytes: cycle
                .profile
                .files
                .max_mb
                .map_or(ardesk_intake::DEFAULT_MAX_BYTES, |mb| u64::from(mb) * 1024 * 1024),
            timeline: cycle.timeline.ok(),
            child,
            this,
        })
    }

    fn due(ctx: &Ctx, id: MilestoneId) -> Option<NaiveDate> {
        ctx.timeline.as_ref().and_then(|t| t.get(id)).map(|m| m.due)
    }

    /// The "Before the meeting" screen of review `review`.
    pub fn review_prep(&self, review: i64) -> Result<ReviewPrep, AppError> {
        let ctx = self.prep_ctx(review)?;
        let today = self.clock.today();
        let invitees = self.store.invitees(ctx.review)?;
        let checklist = self.store.checklist(ctx.review)?;
        let meeting = ctx.this.meeting.clone();
        let stage = ctx.this.stage;
        let reports_due = Self::due(&ctx, MilestoneId::T08);
        let name_of = |id: Option<i64>| {
            id.and_then(|id| invitees.iter().find(|i| i.id == id))
                .map(|i| format!("{} ({})", i.invitee.name, i.invitee.role))
        };

        let notice_due = Self::due(&ctx, MilestoneId::T07);
        let notice = match (notice_due, meeting.is_some()) {
            (Some(due), true) => {
                let statutory: Vec<&StoredInvitee> =
                    invitees.iter().filter(|i| i.invitee.statutory).collect();
                let latest = statutory
                    .iter()
                    .map(|i| i.invited_on)
                    .collect::<Option<Vec<_>>>()
                    .and_then(|d| d.into_iter().max());
                match latest {
                    _ if statutory.is_empty() => compliance(
                        "T07",
                        "pending",
                        format!("Add the invitees, then send invitations by {}.", long(due)),
                    ),
                    Some(sent) if sent <= due => compliance(
                        "T07",
                        "met",
                        format!(
                            "Met: every statutory invitee was invited by {} (due by {}).",
                            long(sent),
                            long(due)
                        ),
                    ),
                    Some(sent) => compliance(
                        "T07",
                        "not_met",
                        format!("Not met: the last invitation went on {}, after {}.", long(sent), long(due)),
                    ),
                    None if today > due => compliance(
                        "T07",
                        "not_met",
                        format!("Not met: not everyone had been invited by {}.", long(due)),
                    ),
                    None => compliance(
                        "T07",
                        "pending",
                        format!("Send invitations to everyone by {}.", long(due)),
                    ),
                }
            }
            _ => {
                compliance("T07", "no_meeting", "Set the meeting date to see the notice deadline.".to_owned())
            }
        };
        let circulate_due = Self::due(&ctx, MilestoneId::T09);
        let circulation = match (circulate_due, meeting.is_some(), ctx.this.circulated_on) {
            (Some(due), true, Some(on)) if on <= due => {
                compliance("T09", "met", format!("Met: circulated on {} (due by {}).", long(on), long(due)))
            }
            (Some(due), true, Some(on)) => compliance(
                "T09",
                "not_met",
                format!("Not met: circulated on {}, after {}.", long(on), long(due)),
            ),
            (Some(due), true, None) if today > due => {
                compliance("T09", "not_met", format!("Not met: nothing circulated by {}.", long(due)))
            }
            (Some(due), true, None) => compliance(
                "T09",
                "pending",
                format!("Circulate all advice to every invitee by {}.", long(due)),
            ),
            _ => compliance(
                "T09",
                "no_meeting",
                "Set the meeting date to see the circulation deadline.".to_owned(),
            ),
        };

        Ok(ReviewPrep {
            review_id: ctx.review.0,
            child_id: ctx.child.id.0,
            child_name: ctx.child.record.display_name(),
            stage: stage.code().to_owned(),
            stage_label: stage.label().to_owned(),
            meeting: meeting.as_ref().map_or_else(MeetingForm::default, |m| MeetingForm {
                date: input(m.date),
                time: m.start.map(|t| t.format("%H:%M").to_string()).unwrap_or_default(),
                venue: m.venue.clone(),
            }),
            meeting_text: meeting.as_ref().map(|m| match m.start {
                Some(t) => format!("{} at {}", m.date.format("%A %-d %B %Y"), t.format("%H:%M")),
                None => m.date.format("%A %-d %B %Y").to_string(),
            }),
            invitees: invitees
                .iter()
                .map(|i| InviteeDto {
                    id: i.id,
                    form: invitee_form(&i.invitee, i.attendance),
                    kind_label: kind_label(i.invitee.kind).to_owned(),
                    statutory: i.invitee.statutory,
                    reason: i.invitee.reason.clone(),
                    invited_on: i.invited_on.map(long),
                })
                .collect(),
            checklist: checklist
                .iter()
                .map(|c| {
                    let due = c.due_on.or(reports_due);
                    let (status, label) = match (c.received_on, c.requested_on, due) {
                        (Some(_), _, _) => ("received", "Received"),
                        (None, None, _) => ("not_requested", "Not requested yet"),
                        (None, Some(_), Some(due)) if due < today => ("overdue", "Overdue"),
                        (None, Some(_), _) => ("awaited", "Awaited"),
                    };
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
                        file_warning: c.file.as_ref().and_then(|f| f.scan.as_ref()).filter(|(v, _)| v != "ok").map(
                            |(verdict, detail)| match verdict.as_str() {
                                "encrypted" => format!(
                                    "It has a password ({detail}): the LA cannot open it. Ask for a copy without one."
                                ),
                                _ => format!("It cannot be sent as it is ({verdict}: {detail})."),
                            },
                        ),
                        has_views_text: c.views_text.is_some(),
                        status: status.to_owned(),
                        status_label: label.to_owned(),
                    }
                })
                .collect(),
            notice,
            circulation,
            letters: self
                .store
                .letter_log(ctx.review)?
                .into_iter()
                .map(|l| LetterLogDto {
                    kind_label: LetterKind::from_code(&l.kind)
                        .map_or(l.kind.clone(), |k| k.label().to_owned()),
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
        let ctx = self.prep_ctx(review)?;
        let meeting = parse_meeting(&form)?;
        let anchor = ctx.child.plan.anchor();
        if meeting.date < anchor {
            return Err(AppError::from(vec![Problem::block(
                "date",
                format!("The meeting date is before this review cycle began ({}).", long(anchor)),
                "Check the year: the meeting belongs to the cycle that starts with the plan or the last decision letter.",
            )]));
        }
        let stage = ctx.this.stage;
        let action = Action { actor: &self.actor, name: "review.meeting", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_meeting(ctx.review, Some(&meeting), stage))?;
        self.review_prep(review)
    }

    /// Saves the suggested invitees and the report checklist that follows from them. Refused if
    /// the review already has invitees (edit those instead).
    pub fn accept_suggested_invitees(&mut self, review: i64) -> Result<ReviewPrep, AppError> {
        let ctx = self.prep_ctx(review)?;
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
        let school = self.store.school()?.map(|s| s.name).unwrap_or_else(|| "the school".to_owned());
        let meeting = ctx.this.meeting.as_ref().map(|m| m.date);
        let (invitees, docs) = plan_invitees(
            &ctx.child.record,
            &ctx.child.parents,
            &ctx.child.professionals,
            meeting.unwrap_or(self.clock.today()),
            ctx.timeline.as_ref(),
            profile,
            &school,
        );
        let action = Action { actor: &self.actor, name: "invitees.accept", at: self.clock.now() };
        self.store.write(action, |tx| {
            let ids = tx.replace_invitees(ctx.review, &invitees)?;
            let items: Vec<(String, String, Option<i64>, Option<NaiveDate>)> = docs
                .iter()
                .map(|d| (d.code.to_owned(), d.title.clone(), d.from.and_then(|n| ids.get(n).copied()), None))
                .collect();
            tx.add_checklist_items(ctx.review, &items)
        })?;
        self.review_prep(review)
    }

    pub fn add_invitee(&mut self, review: i64, form: InviteeForm) -> Result<ReviewPrep, AppError> {
        let ctx = self.prep_ctx(review)?;
        let (invitee, _) = parse_invitee(&form)?;
        let action = Action { actor: &self.actor, name: "invitee.add", at: self.clock.now() };
        self.store.write(action, |tx| {
            let id = tx.add_invitee(ctx.review, &invitee)?;
            if invitee.advice_requested && !invitee.kind.is_family() {
                let title = format!("Advice from {} ({})", invitee.role, invitee.name);
                tx.add_checklist_items(ctx.review, &[("D09".to_owned(), title, Some(id), None)])?;
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
        let (parsed, attendance) = parse_invitee(&form)?;
        let action = Action { actor: &self.actor, name: "invitee.update", at: self.clock.now() };
        self.store.write(action, |tx| tx.update_invitee(invitee, &parsed, attendance))?;
        self.review_prep(review)
    }

    pub fn delete_invitee(&mut self, review: i64, invitee: i64) -> Result<ReviewPrep, AppError> {
        let action = Action { actor: &self.actor, name: "invitee.delete", at: self.clock.now() };
        self.store.write(action, |tx| tx.delete_invitee(invitee))?;
        self.review_prep(review)
    }

    /// Records that invitations and requests for advice were sent today to everyone not yet
    /// invited, and moves a review in planning on to "invitations sent".
    pub fn mark_invitations_sent(&mut self, review: i64) -> Result<ReviewPrep, AppError> {
        let ctx = self.prep_ctx(review)?;
        if self.store.invitees(ctx.review)?.is_empty() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "Add the invitees before recording that invitations were sent.",
            ));
        }
        let meeting = ctx.this.meeting.clone();
        if meeting.is_none() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "Set the meeting's date, time and venue first: the invitations give them.",
            ));
        }
        let stage = ctx.this.stage.max(ReviewStage::InvitationsSent);
        let today = self.clock.today();
        let action = Action { actor: &self.actor, name: "invitations.sent", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.mark_invited(ctx.review, today)?;
            tx.set_meeting(ctx.review, meeting.as_ref(), stage)
        })?;
        self.review_prep(review)
    }

    /// Records that every document received was sent to every invitee today (T09).
    pub fn mark_circulated(&mut self, review: i64) -> Result<ReviewPrep, AppError> {
        let ctx = self.prep_ctx(review)?;
        let today = self.clock.today();
        let meeting = ctx.this.meeting.clone();
        let stage = ctx.this.stage.max(ReviewStage::ReportsDue);
        let action = Action { actor: &self.actor, name: "papers.circulated", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.mark_circulated(ctx.review, today)?;
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
        let ctx = self.prep_ctx(review)?;
        let kind = ardesk_intake::sniff(bytes, ctx.max_file_bytes).map_err(|refusal| {
            AppError::from(vec![Problem::block(
                "file",
                format!("{file_name} was not attached: {refusal}"),
                "",
            )])
        })?;
        let sha = sha256_hex(bytes);
        // A password-protected or damaged file is kept (it was received), but flagged now: the
        // LA cannot open it, and the bundle will refuse it (V01).
        let scan = ardesk_intake::scan(bytes, ctx.max_file_bytes);
        let today = self.clock.today();
        let action = Action { actor: &self.actor, name: "checklist.attach", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.put_file(&sha, kind.extension(), bytes)?;
            tx.set_file_scan(&sha, scan.verdict.code(), scan.verdict.detail())?;
            tx.mark_received(item, today, Some((&sha, file_name)), None)
        })?;
        self.review_prep(review)
    }

    /// Attaches the file at `path` (chosen by the user in a dialog): its size is checked before
    /// it is read, so a huge file is refused without loading it.
    pub fn attach_file_from(&mut self, review: i64, item: i64, path: &Path) -> Result<ReviewPrep, AppError> {
        let ctx = self.prep_ctx(review)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "the file".to_owned());
        let io = |e: std::io::Error| AppError::new(ErrorCode::Io, format!("Could not read {name}: {e}."));
        let size = std::fs::metadata(path).map_err(io)?.len();
        if size > ctx.max_file_bytes {
            let refusal = ardesk_intake::Refusal::TooLarge { size, limit: ctx.max_file_bytes };
            return Err(AppError::from(vec![Problem::block(
                "file",
                format!("{name} was not attached: {refusal}"),
                "",
            )]));
        }
        let bytes = std::fs::read(path).map_err(io)?;
        self.attach_file(review, item, &name, &bytes)
    }

    /// Records views typed in (from a phone call, a conversation, a form filled in at school).
    pub fn record_views(&mut self, review: i64, item: i64, text: &str) -> Result<ReviewPrep, AppError> {
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

    fn merge_data(
        &self,
        ctx: &Ctx,
        to: Option<&StoredInvitee>,
        invitees: &[StoredInvitee],
        checklist: &[ChecklistRow],
    ) -> MergeData {
        let mut d = MergeData::new();
        let r = &ctx.child.record;
        let first = r.preferred_name.as_ref().unwrap_or(&r.legal_forenames).as_str();
        d.set("child.name", first).set("child.legal_name", r.legal_name()).set("child.dob", long(r.dob));
        let mut refs = Vec::new();
        if let Some(la_ref) = &r.la_ref {
            refs.push(format!("{} reference: {la_ref}", ctx.la_name));
        }
        if let Some(upn) = &r.upn {
            refs.push(format!("UPN: {}", upn.as_str()));
        }
        d.set(
            "child.references",
            if refs.is_empty() { "No LA reference recorded".to_owned() } else { refs.join("; ") },
        );
        if let Some(m) = ctx.this.meeting.as_ref() {
            d.set("meeting.date", m.date.format("%A %-d %B %Y").to_string());
            d.set("meeting.time", m.start.map(|t| t.format("%H:%M").to_string()).unwrap_or_default());
            d.set("meeting.venue", m.venue.clone());
            d.flag("remote", is_remote(&m.venue));
        }
        let day = |id| Self::due(ctx, id).map(|d| d.format("%A %-d %B %Y").to_string()).unwrap_or_default();
        d.set("rsvp.date", day(MilestoneId::T08))
            .set("reports.due", day(MilestoneId::T08))
            .set("circulate.date", day(MilestoneId::T09));
        d.set("la.name", ctx.la_name.clone());
        if let Ok(Some(school)) = self.store.school() {
            d.set("school.name", school.name);
        }
        if let Some(form) = &ctx.advice_form {
            d.set("la.advice_form", form.clone());
        }
        // The LA's advice form is mentioned only to those asked for advice.
        let asked = to.is_some_and(|t| t.invitee.advice_requested);
        d.flag("advice_form", asked && ctx.advice_form.is_some());
        if let Some(tl) = &ctx.timeline {
            d.flag("pfa", tl.pfa_required);
            d.flag(
                "transfer",
                [MilestoneId::T16, MilestoneId::T17, MilestoneId::T18].iter().any(|id| tl.get(*id).is_some()),
            );
        }
        let others: Vec<String> = invitees
            .iter()
            .filter(|i| to.is_none_or(|t| t.id != i.id) && !i.invitee.kind.is_family())
            .map(|i| {
                if i.invitee.name == i.invitee.role {
                    i.invitee.role.clone()
                } else {
                    format!("{} ({})", i.invitee.name, i.invitee.role)
                }
            })
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
            d.set("recipient.name", t.invitee.name.clone()).set("recipient.role", t.invitee.role.clone());
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
    fn school_for_letters(&self) -> Result<School, AppError> {
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
            .chain(ctx.templates.iter().cloned())
            .find(|(k, _)| k == kind.code())
            .map(|(_, body)| body)
            .unwrap_or_else(|| kind.builtin_template().to_owned()))
    }

    fn letter_doc(&self, school: &School, to: Option<&StoredInvitee>, letter: Letter) -> LetterDoc {
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
            date: self.clock.today().format("%-d %B %Y").to_string(),
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
        self.write_letters(review, folder, format, None)
    }

    /// Writes the letter for one invitee only (with the views forms, for the family).
    pub fn generate_letter_for(
        &mut self,
        review: i64,
        invitee: i64,
        folder: &Path,
        format: LetterFormat,
    ) -> Result<LettersWritten, AppError> {
        self.write_letters(review, folder, format, Some(invitee))
    }

    fn write_letters(
        &mut self,
        review: i64,
        folder: &Path,
        format: LetterFormat,
        only: Option<i64>,
    ) -> Result<LettersWritten, AppError> {
        let ctx = self.prep_ctx(review)?;
        let invitees = self.store.invitees(ctx.review)?;
        if invitees.is_empty() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "Add the invitees first: letters are written for each of them.",
            ));
        }
        let checklist = self.store.checklist(ctx.review)?;
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
        let mut planned: Vec<(Option<&StoredInvitee>, LetterKind)> = invitees
            .iter()
            .filter(|i| only.is_none_or(|id| id == i.id))
            .map(|i| {
                (
                    Some(i),
                    if i.invitee.kind.is_family() {
                        LetterKind::ParentInvitation
                    } else {
                        LetterKind::ProfessionalInvitation
                    },
                )
            })
            .collect();
        if only.is_none() && !invitees.iter().any(|i| i.invitee.kind == InviteeKind::YoungPerson) {
            planned.push((None, LetterKind::ChildInvitation));
        }
        let mut letters = Vec::new();
        let mut problems = school_problems;
        for (to, kind) in &planned {
            let data = self.merge_data(&ctx, *to, &invitees, &checklist);
            match render(&self.template(&ctx, *kind)?, &data) {
                Ok(letter) => letters.push((*to, *kind, letter)),
                Err(ps) => problems.extend(ps.into_iter().map(|mut p| {
                    let who = to.map_or_else(|| "the child".to_owned(), |t| t.invitee.name.clone());
                    p.message = format!("{} (letter to {who})", p.message);
                    p
                })),
            }
        }
        if !problems.is_empty() {
            problems.dedup_by(|a, b| {
                a.message.split(" (letter to").next() == b.message.split(" (letter to").next()
            });
            return Err(AppError::from(problems));
        }
        let initials = initials(&ctx.child.record);
        let mut written = Vec::new();
        let mut log = Vec::new();
        for (n, (to, kind, letter)) in letters.into_iter().enumerate() {
            let who = to.map_or_else(|| "child".to_owned(), |t| slug(&t.invitee.name));
            let stem = format!("{initials}_{:02}_{}_{who}", n + 1, kind.code());
            let doc = self.letter_doc(&school, to, letter);
            for name in write_letter_files(folder, &stem, &doc, format)? {
                log.push((to.map(|t| t.id), Some(kind), name.clone()));
                written.push(name);
            }
        }
        // The printable views forms go with the family's letters.
        let with_forms =
            only.is_none_or(|id| invitees.iter().any(|i| i.id == id && i.invitee.kind.is_family()));
        let first = ctx
            .child
            .record
            .preferred_name
            .as_ref()
            .unwrap_or(&ctx.child.record.legal_forenames)
            .as_str()
            .to_owned();
        let day = |id| Self::due(&ctx, id).map(|d| d.format("%A %-d %B %Y").to_string()).unwrap_or_default();
        let meeting_day = ctx
            .child
            .review
            .as_ref()
            .and_then(|r| r.review.meeting.as_ref())
            .map(|m| m.date.format("%A %-d %B %Y").to_string())
            .unwrap_or_default();
        let forms: &[(ViewsForm, &str)] = if with_forms {
            &[(ViewsForm::ParentCarer, "parent_views_form"), (ViewsForm::Child, "child_views_form")]
        } else {
            &[]
        };
        for &(kind, code) in forms {
            let form = ViewsFormDoc {
                kind,
                school_name: school.name.clone(),
                child_name: first.clone(),
                meeting: meeting_day.clone(),
                return_by: day(MilestoneId::T08),
                pfa: ctx.timeline.as_ref().is_some_and(|t| t.pfa_required),
                created: self.clock.now(),
            };
            let bytes = render_views_form(&form).map_err(|e| {
                AppError::new(ErrorCode::Storage, format!("The views form could not be produced: {e}"))
            })?;
            let name = format!("{initials}_{code}.pdf");
            write_atomically(&folder.join(&name), &bytes)?;
            log.push((None, None, name.clone()));
            written.push(name);
        }
        let action = Action { actor: &self.actor, name: "letters.generate", at: self.clock.now() };
        let at = self.clock.now();
        self.store.write(action, |tx| {
            for (invitee, kind, name) in &log {
                tx.log_letter(ctx.review, *invitee, kind.map_or("views_form", LetterKind::code), name, at)?;
            }
            Ok(())
        })?;
        Ok(LettersWritten { folder: folder_name(folder), files: written })
    }

    /// Writes the cover letter that goes with the circulated papers, one per invitee: it lists
    /// what was received and what is still missing.
    pub fn generate_circulation_letters(
        &mut self,
        review: i64,
        folder: &Path,
        format: LetterFormat,
    ) -> Result<LettersWritten, AppError> {
        let ctx = self.prep_ctx(review)?;
        let invitees = self.store.invitees(ctx.review)?;
        if invitees.is_empty() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "Add the invitees first: the papers go to each of them.",
            ));
        }
        let checklist = self.store.checklist(ctx.review)?;
        let school = self.school_for_letters()?;
        let template = self.template(&ctx, LetterKind::CirculationCover)?;
        let mut letters = Vec::new();
        let mut problems = Vec::new();
        for to in &invitees {
            match render(&template, &self.merge_data(&ctx, Some(to), &invitees, &checklist)) {
                Ok(letter) => letters.push((to, letter)),
                Err(ps) => problems.extend(ps),
            }
        }
        if !problems.is_empty() {
            problems.dedup_by(|a, b| a.message == b.message);
            return Err(AppError::from(problems));
        }
        let initials = initials(&ctx.child.record);
        let mut written = Vec::new();
        let at = self.clock.now();
        let mut log = Vec::new();
        for (n, (to, letter)) in letters.into_iter().enumerate() {
            let doc = self.letter_doc(&school, Some(to), letter);
            let stem = format!("{initials}_{:02}_circulation_{}", n + 1, slug(&to.invitee.name));
            for name in write_letter_files(folder, &stem, &doc, format)? {
                log.push((to.id, name.clone()));
                written.push(name);
            }
        }
        let action = Action { actor: &self.actor, name: "letters.circulation", at };
        self.store.write(action, |tx| {
            for (invitee, name) in &log {
                tx.log_letter(ctx.review, Some(*invitee), LetterKind::CirculationCover.code(), name, at)?;
            }
            Ok(())
        })?;
        Ok(LettersWritten { folder: folder_name(folder), files: written })
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
        let ctx = self.prep_ctx(review)?;
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
        let school = self.school_for_letters()?;
        let data = self.merge_data(&ctx, Some(to), &invitees, &checklist);
        let letter = render(&self.template(&ctx, LetterKind::Reminder)?, &data)?;
        let doc = self.letter_doc(&school, Some(to), letter);
        let initials = initials(&ctx.child.record);
        let written = write_letter_files(
            folder,
            &format!("{initials}_reminder_{}", slug(&to.invitee.name)),
            &doc,
            format,
        )?;
        let today = self.clock.today();
        let at = self.clock.now();
        let action = Action { actor: &self.actor, name: "checklist.chase", at };
        self.store.write(action, |tx| {
            tx.mark_chased(item, today)?;
            for name in &written {
                tx.log_letter(ctx.review, Some(to.id), LetterKind::Reminder.code(), name, at)?;
            }
            Ok(())
        })?;
        Ok(LettersWritten { folder: folder_name(folder), files: written })
    }

    /// The school's details for the settings form (empty when not yet set).
    pub fn school_form(&self) -> Result<SchoolForm, AppError> {
        Ok(self.store.school()?.map_or_else(
            || SchoolForm { senco_role: "SENCO".to_owned(), ..SchoolForm::default() },
            |s| SchoolForm {
                name: s.name,
                address: s.address,
                urn: s.urn,
                senco_name: s.senco_name,
                senco_role: s.senco_role,
                phone: s.phone,
                email: s.email,
            },
        ))
    }

    /// Saves the school's details (they head every letter). Every problem is reported.
    pub fn save_school(&mut self, form: SchoolForm) -> Result<SchoolForm, AppError> {
        let mut problems = Vec::new();
        let required = [
            (
                "name",
                &form.name,
                "School name is required.",
                "Enter the school's name as it appears on letters.",
            ),
            ("address", &form.address, "Address is required.", "Enter it with commas between the lines."),
            ("senco_name", &form.senco_name, "The SENCO's name is required.", "Letters are signed with it."),
        ];
        for (field, value, message, hint) in required {
            if value.trim().is_empty() {
                problems.push(Problem::block(field, message, hint));
            }
        }
        let urn = form.urn.trim();
        let is_urn = urn.len() == 6 && urn.chars().all(|c| c.is_ascii_digit());
        if !urn.is_empty() && !is_urn {
            problems.push(Problem::block(
                "urn",
                format!("URN \u{201c}{urn}\u{201d} is not 6 digits."),
                "Find it on Get Information about Schools, or leave it blank.",
            ));
        }
        let email = form.email.trim();
        if !email.is_empty() && !looks_like_email(email) {
            problems.push(Problem::block(
                "email",
                format!("\u{201c}{email}\u{201d} is not an email address."),
                "Check it, or leave it blank.",
            ));
        }
        if !problems.is_empty() {
            return Err(AppError::from(problems));
        }
        let logo = self.store.school()?.and_then(|s| s.logo);
        let school = School {
            name: form.name.trim().to_owned(),
            address: form.address.trim().to_owned(),
            urn: urn.to_owned(),
            logo,
            senco_name: form.senco_name.trim().to_owned(),
            senco_role: if form.senco_role.trim().is_empty() {
                "SENCO".to_owned()
            } else {
                form.senco_role.trim().to_owned()
            },
            phone: form.phone.trim().to_owned(),
            email: email.to_owned(),
        };
        let action = Action { actor: &self.actor, name: "school.save", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_school(&school))?;
        self.school_form()
    }

    /// Each letter's wording: the school's own where it has one, otherwise the shipped one.
    pub fn letter_templates(&self) -> Result<Vec<LetterTemplateDto>, AppError> {
        let own = self.store.letter_templates()?;
        Ok(LetterKind::ALL
            .iter()
            .map(|k| {
                let mine = own.iter().find(|(kind, _)| kind == k.code());
                LetterTemplateDto {
                    kind: k.code().to_owned(),
                    label: k.label().to_owned(),
                    text: mine.map_or_else(|| k.builtin_template().to_owned(), |(_, t)| t.clone()),
                    customised: mine.is_some(),
                }
            })
            .collect())
    }

    /// Saves the school's wording for a letter, after checking its fields and conditions.
    pub fn save_letter_template(
        &mut self,
        kind: &str,
        text: &str,
    ) -> Result<Vec<LetterTemplateDto>, AppError> {
        let kind = LetterKind::from_code(kind)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("No letter \"{kind}\".")))?;
        ardesk_domain::letters::check_template(text)?;
        let action = Action { actor: &self.actor, name: "letter_template.save", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_letter_template(kind.code(), Some(text)))?;
        self.letter_templates()
    }

    /// Goes back to the shipped wording for a letter.
    pub fn reset_letter_template(&mut self, kind: &str) -> Result<Vec<LetterTemplateDto>, AppError> {
        let action = Action { actor: &self.actor, name: "letter_template.reset", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_letter_template(kind, None))?;
        self.letter_templates()
    }

    /// The review id of the child's current review.
    pub fn current_review(&self, child: i64) -> Result<i64, AppError> {
        self.store
            .child(ChildId(child))?
            .review
            .map(|r| r.id.0)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, "This child has no review yet."))
    }
}

/// The invitees the app suggests for a review meeting on `meeting`, and the documents the
/// checklist then expects (indexes in `Expected::from` point into the invitees).
pub(crate) fn plan_invitees(
    record: &ChildRecord,
    parents: &[ParentCarer],
    professionals: &[Professional],
    meeting: NaiveDate,
    timeline: Option<&Timeline>,
    profile: &LaProfile,
    school_name: &str,
) -> (Vec<Invitee>, Vec<Expected>) {
    let mut age = meeting.year() - record.dob.year();
    if (meeting.month(), meeting.day()) < (record.dob.month(), record.dob.day()) {
        age -= 1;
    }
    let ncy = nc_year(record.dob, record.ncy_offset, meeting);
    let transfer = timeline.is_some_and(|t| {
        [MilestoneId::T16, MilestoneId::T17, MilestoneId::T18].iter().any(|id| t.get(*id).is_some())
    }) || ncy == 6
        || ncy == 11;
    let ctx = SuggestionContext {
        looked_after: record.looked_after,
        ncy,
        age,
        transfer,
        school_name,
        la_name: &profile.name,
    };
    let invitees = suggest(&ctx, &record.display_name(), parents, professionals);
    let pfa = timeline.is_some_and(|t| t.pfa_required);
    let docs = expected(profile, record.looked_after, pfa, &invitees);
    (invitees, docs)
}

fn compliance(id: &str, state: &str, text: String) -> Compliance {
    Compliance { id: id.to_owned(), state: state.to_owned(), text }
}
