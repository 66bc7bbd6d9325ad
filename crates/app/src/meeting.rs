//! The meeting (spec §5): the printable AR1 form, the AR1 record as the editor shows and saves
//! it, who attended, the previous review's actions, and the record's export in the LA's order.

use std::path::Path;

use ardesk_documents::ar1::{
    Ar1Form, Ar1Header, Ar1RecordDoc, RecordBlock, render_ar1_form, render_ar1_form_docx, render_record_docx,
    render_record_pdf,
};
use ardesk_domain::Problem;
use ardesk_domain::ar1::{
    Ar1Record, Ar1Rules, MeetingFacts, PersonalBudget, Rating, Recommendation, RecordPart, check, outcomes,
};
use ardesk_domain::clock::MilestoneId;
use ardesk_domain::dates::long;
use ardesk_domain::ids::ReviewId;
use ardesk_domain::invitees::Invitee;
use ardesk_domain::la::{DEFAULT_LA, LaProfile};
use ardesk_domain::ncy::nc_year;
use ardesk_domain::plan::SectionId;
use ardesk_domain::review::{Attendance, ReviewEvent, ReviewStage};
use ardesk_dto::{Ar1Dto, Ar1Saved, AttendeeDto, ErrorCode, FieldProblem, LettersWritten, TrackedActionDto};
use ardesk_store::{Action, StoredInvitee};

use crate::context::{Ctx, ar1_header, initials};
use crate::files::{LetterFormat, folder_name, write_formats};
use crate::{App, AppError};

/// What every AR1 use-case needs about one review.
pub(crate) struct MeetingCtx {
    pub(crate) ctx: Ctx,
    /// Section E outcomes, in order.
    pub(crate) outcomes: Vec<String>,
    rules: Ar1Rules,
    /// The LA's title for the form (by the child's year group).
    title: String,
    /// The LA's order for the exported record.
    record_order: Vec<String>,
    pub(crate) ncy: i32,
}

fn field_problems(problems: Vec<Problem>) -> Vec<FieldProblem> {
    problems
        .into_iter()
        .map(|p| FieldProblem { field: p.field.to_owned(), message: p.message, hint: p.hint })
        .collect()
}

fn rating_label(r: Option<Rating>) -> &'static str {
    match r {
        Some(Rating::Achieved) => "Achieved",
        Some(Rating::Partly) => "Partly achieved",
        Some(Rating::NotYet) => "Not yet",
        Some(Rating::NoLongerRelevant) => "No longer relevant",
        None => "Not rated",
    }
}

fn attendees(invitees: Vec<StoredInvitee>) -> Vec<AttendeeDto> {
    invitees
        .into_iter()
        .map(|i| AttendeeDto {
            invitee_id: i.id,
            name: i.invitee.name,
            role: i.invitee.role,
            attendance: crate::convert::attendance_dto(i.attendance),
        })
        .collect()
}

/// "Not recorded: <reason>" when views are missing for a recorded reason.
fn views_or_reason(views: &str, reason: &str) -> String {
    if views.trim().is_empty() && !reason.trim().is_empty() {
        format!("Not recorded: {}", reason.trim())
    } else {
        views.to_owned()
    }
}

/// The record's Personal Budget paragraph (spec §5 N1), one sentence per fact.
fn personal_budget_text(pb: &PersonalBudget) -> String {
    let mut out = vec![if pb.discussed { "Discussed." } else { "Not discussed." }.to_owned()];
    if pb.in_place {
        out.push("A Personal Budget or direct payment is in place and was reviewed.".to_owned());
    }
    if pb.requested {
        out.push(format!(
            "A Personal Budget was requested for: {}.",
            pb.request_for.trim().trim_end_matches('.')
        ));
    }
    out.join(" ")
}

impl App {
    /// The LA profile in force for a child's review on `date`.
    pub(crate) fn profile_on(&self, la_id: &str, date: chrono::NaiveDate) -> Result<&LaProfile, AppError> {
        self.cal
            .las
            .at(la_id, date)
            .or_else(|| self.cal.las.get(la_id))
            .or_else(|| self.cal.las.get(DEFAULT_LA))
            .ok_or_else(|| AppError::new(ErrorCode::Unavailable, "No LA profiles are available."))
    }

    pub(crate) fn meeting_ctx(&self, review: i64) -> Result<MeetingCtx, AppError> {
        let ctx = self.review_ctx(review)?;
        let r = &ctx.child.record;
        let on = ctx.this.meeting.as_ref().map_or(self.clock.today(), |m| m.date);
        let profile = self.profile_on(&r.la_id, on)?;
        let ncy = nc_year(r.dob, r.ncy_offset, on);
        Ok(MeetingCtx {
            outcomes: ctx.child.plan.section(SectionId::E).map(outcomes).unwrap_or_default(),
            rules: Ar1Rules {
                pfa_required: ctx.timeline.as_ref().is_some_and(|t| t.pfa_required),
                head_teacher_required: profile.signoff.head_teacher_required,
            },
            title: profile
                .ar1_for(ncy)
                .map_or_else(|| "Record of Annual Review".to_owned(), |f| f.title.clone()),
            record_order: profile.forms.record_order.clone(),
            ncy,
            ctx,
        })
    }

    pub(crate) fn record_of(&self, review: ReviewId, outcomes: &[String]) -> Result<Ar1Record, AppError> {
        let fields = self.store.ar1_fields(review)?;
        Ok(Ar1Record::from_fields(fields.iter().map(|f| (f.key.as_str(), f.value.as_str())), outcomes))
    }

    /// What stops the record being complete: its own fields, and the meeting it records (held
    /// by today? the statutory invitees' attendance recorded?), as the domain checks them.
    fn gaps(&self, m: &MeetingCtx, record: &Ar1Record, invitees: &[StoredInvitee]) -> Vec<Problem> {
        let invited: Vec<(&Invitee, Attendance)> =
            invitees.iter().map(|i| (&i.invitee, i.attendance)).collect();
        let facts = MeetingFacts {
            today: self.clock.today(),
            meeting: m.ctx.this.meeting.as_ref().map(|meeting| meeting.date),
            invitees: &invited,
        };
        check(record, m.rules, &facts)
    }

    fn ar1_problems(
        &self,
        m: &MeetingCtx,
        invitees: &[StoredInvitee],
    ) -> Result<Vec<FieldProblem>, AppError> {
        let record = self.record_of(m.ctx.review, &m.outcomes)?.without_empty_rows();
        Ok(field_problems(self.gaps(m, &record, invitees)))
    }

    /// The agreed actions of the child's review before this one, with where each stands.
    fn previous_actions(&self, ctx: &Ctx) -> Result<Vec<TrackedActionDto>, AppError> {
        let reviews = self.store.reviews_of(ctx.child.id)?;
        let Some(previous) =
            reviews.iter().rev().find(|r| r.id.0 < ctx.review.0 && r.stage >= ReviewStage::MeetingHeld)
        else {
            return Ok(Vec::new());
        };
        let fields = self.store.ar1_fields(previous.id)?;
        let follow_ups = self.store.follow_ups(previous.id)?;
        Ok(crate::after::action_dtos(
            (ctx.child.id.0, &ctx.child.record.display_name()),
            previous.id,
            previous.meeting_date,
            &fields,
            &follow_ups,
            &self.cal.school,
            self.clock.today(),
        ))
    }

    /// Writes the printable AR1 form for the meeting into `folder` (PDF to print, DOCX to type
    /// into): blank, or pre-filled with the child's details, everyone invited, the plan's
    /// Section E outcomes and the previous review's actions. Returns the files written.
    pub fn write_ar1_form(
        &self,
        review: i64,
        folder: &Path,
        prefilled: bool,
        format: LetterFormat,
    ) -> Result<LettersWritten, AppError> {
        let m = self.meeting_ctx(review)?;
        let ctx = &m.ctx;
        let profile = self.profile_on(&ctx.child.record.la_id, self.clock.today())?;
        let school = self.store.school()?.map(|s| s.name).unwrap_or_default();
        let form = if prefilled {
            Ar1Form {
                header: ar1_header(ctx, m.ncy, ctx.this.meeting.as_ref()),
                invited: self
                    .store
                    .invitees(ctx.review)?
                    .into_iter()
                    .map(|i| (i.invitee.name, i.invitee.role))
                    .collect(),
                outcomes: m.outcomes.clone(),
                previous_actions: self
                    .previous_actions(ctx)?
                    .into_iter()
                    .map(|a| format!("{} ({}, by {})", a.action, a.owner, a.deadline.unwrap_or_default()))
                    .collect(),
                pfa: m.rules.pfa_required,
                head_teacher_signoff: m.rules.head_teacher_required,
                title: m.title.clone(),
                la_name: profile.name.clone(),
                school_name: school,
                created: self.clock.now(),
            }
        } else {
            Ar1Form {
                header: Ar1Header::default(),
                invited: Vec::new(),
                outcomes: Vec::new(),
                previous_actions: Vec::new(),
                pfa: true,
                head_teacher_signoff: m.rules.head_teacher_required,
                title: m.title.clone(),
                la_name: profile.name.clone(),
                school_name: school,
                created: self.clock.now(),
            }
        };
        let stem = if prefilled {
            format!("{}_AR1_for_the_meeting", initials(&ctx.child.record))
        } else {
            "AR1_blank".to_owned()
        };
        let files = write_formats(folder, &stem, format, "AR1 form", |ext| {
            if ext == "docx" { render_ar1_form_docx(&form) } else { render_ar1_form(&form) }
        })?;
        Ok(LettersWritten { folder: folder_name(folder), files, withheld: Vec::new() })
    }

    /// The review's AR1 record for the editor, with what is still missing.
    pub fn ar1(&self, review: i64) -> Result<Ar1Dto, AppError> {
        let m = self.meeting_ctx(review)?;
        let values: std::collections::BTreeMap<String, String> =
            self.store.ar1_fields(m.ctx.review)?.into_iter().map(|f| (f.key, f.value)).collect();
        let action_rows = values
            .keys()
            .filter_map(|k| {
                k.strip_prefix("actions.")
                    .and_then(|r| r.split('.').next())
                    .and_then(|n| n.parse::<usize>().ok())
            })
            .max()
            .map_or(2, |n| (n + 1).max(2));
        let invitees = self.store.invitees(m.ctx.review)?;
        Ok(Ar1Dto {
            review_id: m.ctx.review.0,
            child_id: m.ctx.child.id.0,
            child_name: m.ctx.child.record.display_name(),
            title: m.title.clone(),
            problems: self.ar1_problems(&m, &invitees)?,
            attendees: attendees(invitees),
            previous_actions: self.previous_actions(&m.ctx)?,
            outcomes: m.outcomes,
            values,
            action_rows,
            pfa_required: m.rules.pfa_required,
            head_teacher_required: m.rules.head_teacher_required,
            check_ins: crate::check_ins::summary_dto(&self.check_in_summary(&m.ctx)?),
        })
    }

    /// Brings what the check-ins since the last review said into the record (issue 20 item 3):
    /// the child's views, the parents' views and the school's views (progress), each only where
    /// nothing is written yet, in one transaction. The SENCO edits them at the meeting.
    pub fn ar1_from_check_ins(&mut self, review: i64) -> Result<Ar1Dto, AppError> {
        self.refuse_if_read_only_review(review)?;
        let m = self.meeting_ctx(review)?;
        let summary = self.check_in_summary(&m.ctx)?;
        if summary.is_empty() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "No check-in since the last review has been recorded: record them on the child's page.",
            ));
        }
        let written: std::collections::BTreeMap<String, String> =
            self.store.ar1_fields(m.ctx.review)?.into_iter().map(|f| (f.key, f.value)).collect();
        let fill: Vec<(&str, String)> = [
            ("child_views", "What the child said at check-ins since the last review:", &summary.child),
            ("parent_views", "What the parents said at check-ins since the last review:", &summary.parents),
            ("school_views", "Progress noted at check-ins since the last review:", &summary.progress),
        ]
        .into_iter()
        .filter(|(key, _, lines)| !lines.is_empty() && written.get(*key).is_none_or(|v| v.trim().is_empty()))
        .map(|(key, heading, lines)| (key, ardesk_domain::check_ins::prefill(heading, lines)))
        .collect();
        if !fill.is_empty() {
            let stage = m.ctx.next_stage(ReviewEvent::MeetingRecorded { today: self.clock.today() })?;
            let action = Action { actor: &self.actor, name: "ar1.from_check_ins", at: self.clock.now() };
            self.store.write(action, |tx| {
                for (key, value) in &fill {
                    tx.set_ar1_field(m.ctx.review, key, value)?;
                }
                if stage != m.ctx.this.stage {
                    tx.set_stage(m.ctx.review, stage)?;
                }
                Ok(())
            })?;
        }
        self.ar1(review)
    }

    /// Saves one field of the AR1 record (the editor calls this as the user types, debounced):
    /// one transaction, one audit row. Recording a meeting whose date has passed marks it held.
    /// Answers with what is still missing.
    pub fn save_ar1_field(&mut self, review: i64, key: &str, value: &str) -> Result<Ar1Saved, AppError> {
        self.refuse_if_read_only_review(review)?;
        let m = self.meeting_ctx(review)?;
        // Check the value on a scratch record: a bad date or an unknown field is refused.
        let mut scratch = Ar1Record::from_fields(std::iter::empty(), &m.outcomes);
        scratch
            .apply(key, value)
            .map_err(|p| AppError::from(vec![Problem::block("ar1", p.message, p.hint)]))?;
        let stage = m.ctx.next_stage(ReviewEvent::MeetingRecorded { today: self.clock.today() })?;
        let action = Action { actor: &self.actor, name: "ar1.save", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.set_ar1_field(m.ctx.review, key, value)?;
            if stage != m.ctx.this.stage {
                tx.set_stage(m.ctx.review, stage)?;
            }
            Ok(())
        })?;
        self.ar1_saved(&m)
    }

    fn ar1_saved(&self, m: &MeetingCtx) -> Result<Ar1Saved, AppError> {
        Ok(Ar1Saved {
            saved_at: self.clock.now().with_timezone(&chrono::Local).format("%H:%M:%S").to_string(),
            problems: self.ar1_problems(m, &self.store.invitees(m.ctx.review)?)?,
        })
    }

    /// Records whether an invitee came to the meeting (the AR1 attendance list).
    pub fn set_attendance(
        &mut self,
        review: i64,
        invitee: i64,
        attendance: &str,
    ) -> Result<Ar1Saved, AppError> {
        self.refuse_if_read_only_review(review)?;
        let m = self.meeting_ctx(review)?;
        let attendance = Attendance::from_code(attendance).ok_or_else(|| {
            AppError::from(vec![Problem::block(
                "attendance",
                "Choose whether they attended.",
                "Pick from the list.",
            )])
        })?;
        let stored =
            self.store.invitees(m.ctx.review)?.into_iter().find(|i| i.id == invitee).ok_or_else(|| {
                AppError::new(ErrorCode::NotFound, "That person is not on this review's list.")
            })?;
        let stage = m.ctx.next_stage(ReviewEvent::MeetingRecorded { today: self.clock.today() })?;
        let action = Action { actor: &self.actor, name: "invitee.attendance", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.update_invitee(invitee, &stored.invitee, attendance)?;
            if stage != m.ctx.this.stage {
                tx.set_stage(m.ctx.review, stage)?;
            }
            Ok(())
        })?;
        self.ar1_saved(&m)
    }

    /// Writes the AR1 record of the meeting as DOCX and/or PDF into `folder`, its parts in the
    /// LA profile's order. A record that is not complete yet is written as a draft, headed by
    /// what is still missing.
    pub fn write_ar1_record(
        &self,
        review: i64,
        folder: &Path,
        format: LetterFormat,
    ) -> Result<LettersWritten, AppError> {
        let (doc, stem) = self.record_doc(review)?;
        let files = write_formats(folder, &stem, format, "AR1 record", |ext| {
            if ext == "docx" { render_record_docx(&doc) } else { render_record_pdf(&doc) }
        })?;
        Ok(LettersWritten { folder: folder_name(folder), files, withheld: Vec::new() })
    }

    /// The AR1 record as a document's bytes (`pdf` or `docx`), for the bundle.
    pub(crate) fn record_bytes(&self, review: i64, ext: &str) -> Result<Vec<u8>, AppError> {
        let (doc, _) = self.record_doc(review)?;
        let bytes = if ext == "docx" { render_record_docx(&doc) } else { render_record_pdf(&doc) };
        bytes.map_err(|e| {
            AppError::new(ErrorCode::Storage, format!("The AR1 record could not be produced: {e}"))
        })
    }

    /// The record document, in the LA's order, and its file stem (`_draft` when incomplete).
    fn record_doc(&self, review: i64) -> Result<(Ar1RecordDoc, String), AppError> {
        let m = self.meeting_ctx(review)?;
        let ctx = &m.ctx;
        let record = self.record_of(ctx.review, &m.outcomes)?.without_empty_rows();
        let invitees = self.store.invitees(ctx.review)?;
        let problems = self.gaps(&m, &record, &invitees);
        let mut blocks = Vec::new();
        if !problems.is_empty() {
            let list: Vec<String> = problems.iter().map(|p| format!("• {}", p.message)).collect();
            blocks.push(text("Draft: still to complete", list.join("\n")));
        }
        let previous = self.previous_actions(ctx)?;
        // The next review is due within 12 months of the LA's decision (reg 18, T02), itself due
        // four weeks after the meeting (T12).
        let next_review = match ctx.due(MilestoneId::T12) {
            Some(t12) => format!(
                "By {} at the latest: within 12 months of the LA's decision, which is due by {}.",
                long(ardesk_domain::calendar::within_months_starting_with(t12, 12)),
                long(t12)
            ),
            None => "Within 12 months of the LA's decision.".to_owned(),
        };
        let school = self.store.school()?;
        let facts = RecordFacts {
            rules: m.rules,
            invitees: &invitees,
            previous: &previous,
            chair: school.as_ref().map(|s| s.senco_name.clone()).filter(|n| !n.trim().is_empty()),
            child: ctx.child.record.display_name(),
            next_review,
        };
        for part in RecordPart::ordered(&m.record_order) {
            record_part(part, &record, &facts, &mut blocks);
        }
        let title = m.title.clone();
        let doc = Ar1RecordDoc {
            title: if problems.is_empty() { title } else { format!("{title} (draft)") },
            la_name: ctx.la_name.clone(),
            school_name: school.map(|s| s.name).unwrap_or_default(),
            header: ar1_header(ctx, m.ncy, ctx.this.meeting.as_ref()),
            blocks,
            created: self.clock.now(),
        };
        let stem = format!(
            "{}_AR1_record{}",
            initials(&ctx.child.record),
            if problems.is_empty() { "" } else { "_draft" }
        );
        Ok((doc, stem))
    }
}

/// What the record's parts say beyond the record's own fields.
struct RecordFacts<'a> {
    rules: Ar1Rules,
    invitees: &'a [StoredInvitee],
    previous: &'a [TrackedActionDto],
    /// The SENCO, who chairs the meeting and completes the record.
    chair: Option<String>,
    /// The child's name, as the record names them.
    child: String,
    /// When the next annual review is due, as a sentence.
    next_review: String,
}

/// Appends one part of the record to `blocks`.
fn record_part(part: RecordPart, record: &Ar1Record, facts: &RecordFacts<'_>, blocks: &mut Vec<RecordBlock>) {
    let (rules, invitees, previous) = (facts.rules, facts.invitees, facts.previous);
    match part {
        // Everyone at the meeting: the chair, the child (however they took part) and
        // every invitee.
        RecordPart::Attendance => blocks.push(table(
            "Attendance",
            &[("Name", 60.0), ("Role", 60.0), ("Attendance", 50.0)],
            facts
                .chair
                .iter()
                .map(|senco| vec![senco.clone(), "SENCO".to_owned(), "Chaired the meeting".to_owned()])
                .chain(std::iter::once(vec![
                    facts.child.clone(),
                    "The child or young person".to_owned(),
                    record.child_presence.map_or("Not recorded", |p| p.label()).to_owned(),
                ]))
                .chain(invitees.iter().map(|i| {
                    vec![i.invitee.name.clone(), i.invitee.role.clone(), i.attendance.label().to_owned()]
                }))
                .collect(),
            "No one was recorded as invited.",
        )),
        RecordPart::PreviousActions if !previous.is_empty() => blocks.push(table(
            "Actions from the previous review",
            &[("Action", 75.0), ("Owner", 35.0), ("Deadline", 30.0), ("Status", 30.0)],
            previous
                .iter()
                .map(|a| {
                    vec![
                        a.action.clone(),
                        a.owner.clone(),
                        a.deadline.clone().unwrap_or_default(),
                        a.status_label.clone(),
                    ]
                })
                .collect(),
            "",
        )),
        RecordPart::PreviousActions => {}
        RecordPart::Views => blocks.extend([
            text(
                "Views of the child or young person",
                views_or_reason(&record.child_views, &record.child_views_missing_reason),
            ),
            text(
                "Views of parents or carers",
                views_or_reason(&record.parent_views, &record.parent_views_missing_reason),
            ),
            text("Views of the school or setting", record.school_views.clone()),
            text("Professional advice", record.professional_views.clone()),
        ]),
        RecordPart::Progress if !record.progress.is_empty() => blocks.push(table(
            "Progress towards the outcomes in Section E",
            &[("Outcome", 75.0), ("Progress", 30.0), ("Evidence", 65.0)],
            record
                .progress
                .iter()
                .map(|p| {
                    let evidence =
                        if p.evidence.trim().is_empty() { "Not recorded." } else { p.evidence.trim() };
                    vec![p.outcome.clone(), rating_label(p.rating).to_owned(), evidence.to_owned()]
                })
                .collect(),
            "",
        )),
        RecordPart::Progress => {}
        RecordPart::Provision => {
            blocks.push(text("Special educational provision (Section F)", record.provision_review.clone()))
        }
        RecordPart::Health => blocks.push(text("Health", record.health.clone())),
        RecordPart::SocialCare => blocks.push(text("Social care", record.social_care.clone())),
        RecordPart::Pfa if rules.pfa_required => {
            let p = &record.pfa;
            blocks.extend([
                text("Preparing for adulthood: employment or further study", p.employment.clone()),
                text("Preparing for adulthood: independent living", p.independent_living.clone()),
                text("Preparing for adulthood: friends, relationships and community", p.community.clone()),
                text("Preparing for adulthood: good health", p.health.clone()),
            ]);
        }
        RecordPart::Pfa => {}
        RecordPart::Placement => blocks.push(text("Placement", record.placement.clone())),
        RecordPart::PersonalBudget => {
            blocks.push(text("Personal Budget", personal_budget_text(&record.personal_budget)))
        }
        RecordPart::Discussion => blocks.push(text("Record of discussion", record.discussion.clone())),
        RecordPart::Differences => blocks.push(text("Differences of opinion", record.differences.clone())),
        RecordPart::Recommendation => {
            let body = match record.recommendation {
                Some(rec) => {
                    let what = match rec {
                        Recommendation::Maintain => "Maintain the plan unchanged.",
                        Recommendation::Amend => "Amend the plan.",
                        Recommendation::Cease => "Cease to maintain the plan.",
                    };
                    let asked: Vec<&str> = [
                        (record.requests.reassessment, "a reassessment"),
                        (record.requests.funding, "a change of funding"),
                        (record.requests.placement, "a change of placement"),
                    ]
                    .into_iter()
                    .filter_map(|(on, what)| on.then_some(what))
                    .collect();
                    let requests = if asked.is_empty() {
                        String::new()
                    } else {
                        format!(" The meeting requests {}.", asked.join(" and "))
                    };
                    format!("{what} {}{requests}", record.recommendation_reasons.trim())
                }
                None => String::new(),
            };
            blocks.push(text("Recommendation to the LA", body));
        }
        RecordPart::Amendments => blocks.push(table(
            "Recommended amendments",
            &[("Section", 30.0), ("Summary", 140.0)],
            record.amendments.iter().map(|(s, t)| vec![format!("Section {}", s.code()), t.clone()]).collect(),
            "No amendments proposed.",
        )),
        RecordPart::Actions => blocks.push(table(
            "Agreed actions",
            &[("Action", 72.0), ("Owner", 38.0), ("Deadline", 25.0), ("Success measure", 35.0)],
            record
                .actions
                .iter()
                .map(|a| {
                    vec![
                        a.action.clone(),
                        a.owner.clone(),
                        a.deadline.map(long).unwrap_or_default(),
                        a.success_measure.clone(),
                    ]
                })
                .collect(),
            "No actions agreed.",
        )),
        RecordPart::Signoff => {
            let head = record.head_teacher_signed.map(long).unwrap_or_else(|| {
                if rules.head_teacher_required { "Not yet" } else { "Not required by the LA" }.to_owned()
            });
            blocks.push(table(
                "Sign-off",
                &[("", 60.0), ("", 110.0)],
                vec![
                    vec!["Completed by".to_owned(), record.completed_by.clone()],
                    vec!["Completed on".to_owned(), record.completed_on.map(long).unwrap_or_default()],
                    vec!["Head teacher signed".to_owned(), head],
                    vec!["Next annual review".to_owned(), facts.next_review.clone()],
                ],
                "",
            ));
        }
    }
}

fn text(heading: &str, body: String) -> RecordBlock {
    RecordBlock::Text { heading: heading.to_owned(), body }
}

fn table(heading: &str, columns: &[(&str, f32)], rows: Vec<Vec<String>>, empty: &str) -> RecordBlock {
    RecordBlock::Table {
        heading: heading.to_owned(),
        columns: columns.iter().map(|(t, w)| ((*t).to_owned(), *w)).collect(),
        rows,
        empty: empty.to_owned(),
    }
}
