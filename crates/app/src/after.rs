//! After the meeting (spec §10): the record goes to the LA, the agreed actions become tracked
//! tasks with termly check-ins, and the LA's decision letter closes the review and anchors the
//! next one (T12, T14, T15).

use ardesk_domain::Problem;
use ardesk_domain::ar1::Ar1Record;
use ardesk_domain::calendar::SchoolCalendar;
use ardesk_domain::clock::{CycleState, MilestoneId};
use ardesk_domain::dates::{long, parse_user_date};
use ardesk_domain::follow_up::{
    ActionStatus, CheckIns, briefing_due, check_date_after_meeting, check_ins, parse_after_decision,
    parse_decision,
};
use ardesk_domain::ids::ReviewId;
use ardesk_domain::returned::{LaReturn, parse_return};
use ardesk_domain::review::{Review, ReviewEvent};
use ardesk_dto::{
    AfterDecisionForm, AfterMeetingDto, BriefingDto, BriefingForm, DecisionForm, ErrorCode, LaReturnDto,
    ReflectionDto, ReflectionForm, ReturnForm, ReturnItemDto, TrackedActionDto,
};
use ardesk_store::{Action, Ar1Field, FollowUp};
use chrono::NaiveDate;

use crate::{App, AppError, convert};

/// The agreed actions of one review as tracked tasks.
pub(crate) fn action_dtos(
    child: (i64, &str),
    review: ReviewId,
    meeting: Option<NaiveDate>,
    fields: &[Ar1Field],
    follow_ups: &[FollowUp],
    school: &SchoolCalendar,
    today: NaiveDate,
) -> Vec<TrackedActionDto> {
    tracked(child, review, meeting, fields, follow_ups, school, today).into_iter().map(|(_, a)| a).collect()
}

/// As [`action_dtos`], each with the date it sorts by: its next date, or its deadline.
fn tracked(
    (child_id, child_name): (i64, &str),
    review: ReviewId,
    meeting: Option<NaiveDate>,
    fields: &[Ar1Field],
    follow_ups: &[FollowUp],
    school: &SchoolCalendar,
    today: NaiveDate,
) -> Vec<(Option<NaiveDate>, TrackedActionDto)> {
    let record = Ar1Record::from_fields(fields.iter().map(|f| (f.key.as_str(), f.value.as_str())), &[]);
    record
        .numbered_actions()
        .into_iter()
        .map(|(row, a)| {
            let follow_up = follow_ups.iter().find(|f| f.row == row);
            let status = follow_up.map_or(ActionStatus::Open, |f| f.status);
            let checks = match (meeting, a.deadline) {
                (Some(m), Some(d)) => check_ins(m, d, school),
                _ => CheckIns { dates: Vec::new(), approximate: false },
            };
            let open = status == ActionStatus::Open;
            let overdue = open && a.deadline.is_some_and(|d| d < today);
            // The next date to look at it: a check-in, or the deadline if that comes first. An
            // overdue action has no next date: it is due now.
            let next = (open && !overdue)
                .then(|| checks.next(today).filter(|c| a.deadline.is_none_or(|d| *c < d)).or(a.deadline))
                .flatten();
            let dto = TrackedActionDto {
                review_id: review.0,
                row,
                child_id,
                child_name: child_name.to_owned(),
                action: a.action.clone(),
                owner: a.owner.clone(),
                deadline: a.deadline.map(long),
                success_measure: a.success_measure.clone(),
                status: crate::convert::action_status(status),
                status_label: status.label().to_owned(),
                note: follow_up.map(|f| f.note.clone()).unwrap_or_default(),
                updated: follow_up.map(|f| long(f.updated_on)),
                check_ins: checks.dates.iter().copied().map(long).collect(),
                check_ins_approximate: checks.approximate,
                next: next.map(long),
                overdue,
            };
            (next.or(a.deadline), dto)
        })
        .collect()
}

impl App {
    /// The "after the meeting" panel of a review: where it stands, the dates that still matter
    /// and its agreed actions.
    pub fn after_meeting(&self, review: i64) -> Result<AfterMeetingDto, AppError> {
        let ctx = self.review_ctx(review)?;
        let today = self.clock.today();
        let reviews = self.store.reviews_of(ctx.child.id)?;
        let latest = reviews.last().map(|r| r.id);
        let summary = reviews
            .into_iter()
            .find(|r| r.id == ctx.review)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, "That review no longer exists."))?;
        let due = |id: MilestoneId| {
            ctx.timeline
                .as_ref()
                .and_then(|t| t.get(id))
                .map(|m| long(m.due))
                .filter(|_| summary.decision.is_none())
        };
        let fields = self.store.ar1_fields(ctx.review)?;
        let follow_ups = self.store.follow_ups(ctx.review)?;
        let missing = self.record_problems(ctx.review)?.len();
        let meeting = ctx.this.meeting.as_ref().map(|m| m.date);
        // Sent back by the LA: the review goes straight back once its list is done ("Sent back to
        // the LA on…"), with no "ready to send" step in between.
        let sent_back = self.open_return(ctx.review)?.is_some();
        let can_mark_ready = missing == 0
            && !sent_back
            && ctx.next_stage(ReviewEvent::MarkedReady).is_ok_and(|s| s != ctx.this.stage);
        // This review's own clock after its meeting: the decision and what follows it.
        let after = self.cal.after_clock(&ctx.child.record, &summary, today).ok();
        let after_date = |id: MilestoneId| after.as_ref().and_then(|t| t.get(id)).map(|m| long(m.due));
        let state = after.as_ref().map_or(CycleState::Open, |t| t.state);
        let recorded = |d: Option<NaiveDate>| d.map(ardesk_domain::dates::input).unwrap_or_default();
        let a = summary.after;
        let briefings = self.store.briefings(ctx.review)?;
        Ok(AfterMeetingDto {
            review_id: ctx.review.0,
            child_id: ctx.child.id.0,
            stage: convert::stage(ctx.this.stage),
            stage_label: ctx.this.stage.label().to_owned(),
            meeting: meeting.map(long),
            held: meeting.is_some_and(|m| m <= today),
            missing,
            can_mark_ready,
            submitted_on: summary.submitted_on.map(long),
            decision: summary.decision.map(|d| d.decision.label().to_owned()),
            decided: summary.decision.map(|d| convert::decision_dto(d.decision)),
            decided_on: summary.decision.map(|d| long(d.on)),
            report_due: due(MilestoneId::T11).filter(|_| summary.submitted_on.is_none()),
            decision_due: due(MilestoneId::T12),
            final_plan_due: match summary.decision {
                None => due(MilestoneId::T14),
                Some(_) => after_date(MilestoneId::T14).filter(|_| a.final_plan.is_none()),
            },
            state: state.code().to_owned(),
            state_label: state.label().to_owned(),
            chase_la: after_date(MilestoneId::T12C),
            representations_close: after_date(MilestoneId::T13).filter(|_| a.final_plan.is_none()),
            appeal_by: after_date(MilestoneId::T21),
            after_decision: AfterDecisionForm {
                notice: recorded(a.notice),
                draft: recorded(a.draft),
                final_plan: recorded(a.final_plan),
                mediation_certificate: recorded(a.mediation_certificate),
                appeal_lodged: recorded(a.appeal_lodged),
                appeal_ended: recorded(a.appeal_ended),
            },
            actions: action_dtos(
                (ctx.child.id.0, &ctx.child.record.display_name()),
                ctx.review,
                meeting,
                &fields,
                &follow_ups,
                &self.cal.school,
                today,
            ),
            next_review_id: latest
                .filter(|id| summary.decision.is_some() && *id != ctx.review)
                .map(|id| id.0),
            returns: self
                .store
                .returns_of(ctx.review)?
                .into_iter()
                .map(|s| self.return_dto(&s.returned))
                .collect(),
            briefing_due: briefing_due(a.final_plan, briefings.iter().map(|b| b.on).max()).map(long),
            briefings: briefings.into_iter().map(|b| BriefingDto { on: long(b.on), who: b.who }).collect(),
            reflection: self
                .store
                .reflections_of(ctx.review)?
                .map(|r| ReflectionForm { worked: r.worked, improve: r.improve, next_time: r.next_time })
                .unwrap_or_default(),
        })
    }

    /// Saves the SENCO's reflection on a review once its meeting has been held: what worked,
    /// what could improve, what to do differently next time (each up to 1,000 characters; at
    /// least one answered).
    pub fn save_reflection(
        &mut self,
        review: i64,
        form: ReflectionForm,
    ) -> Result<AfterMeetingDto, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let today = self.clock.today();
        if ctx.this.meeting.as_ref().is_none_or(|m| m.date > today) {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "Reflect on the review once its meeting has been held.",
            ));
        }
        let answers = [("worked", &form.worked), ("improve", &form.improve), ("next_time", &form.next_time)];
        let mut problems: Vec<Problem> = answers
            .iter()
            .filter(|(_, a)| a.chars().count() > 1000)
            .map(|(field, _)| {
                Problem::block(field, "That is longer than 1,000 characters.", "A few sentences are enough.")
            })
            .collect();
        if answers.iter().all(|(_, a)| a.trim().is_empty()) {
            problems.push(Problem::block(
                "worked",
                "Answer at least one of the questions.",
                "A sentence is enough.",
            ));
        }
        if !problems.is_empty() {
            return Err(problems.into());
        }
        let reflection = ardesk_store::Reflection {
            review: ctx.review,
            worked: form.worked.trim().to_owned(),
            improve: form.improve.trim().to_owned(),
            next_time: form.next_time.trim().to_owned(),
            on: today,
        };
        let action = Action { actor: &self.actor, name: "review.reflected", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_reflection(&reflection))?;
        self.after_meeting(review)
    }

    /// Every review's reflection, the latest first, for the SENCO to look across.
    pub fn reflections(&self) -> Result<Vec<ReflectionDto>, AppError> {
        let children: std::collections::HashMap<_, _> =
            self.store.children()?.into_iter().map(|c| (c.id, c)).collect();
        let mut out = Vec::new();
        for r in self.store.reflections()? {
            let info = self.store.review_info(r.review)?;
            let Some(child) = children.get(&info.child) else { continue };
            out.push(ReflectionDto {
                review_id: r.review.0,
                child_id: info.child.0,
                child_name: child.record.display_name(),
                meeting: info.review.meeting.as_ref().map(|m| long(m.date)),
                written_on: long(r.on),
                answers: ReflectionForm { worked: r.worked, improve: r.improve, next_time: r.next_time },
            });
        }
        Ok(out)
    }

    /// Records that `form.who` was briefed on the plan on `form.date`, after the review's
    /// meeting and not in the future (issue 20: staff know what the plan means for them).
    pub fn record_briefing(&mut self, review: i64, form: BriefingForm) -> Result<AfterMeetingDto, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let who = form.who.trim();
        let mut problems = Vec::new();
        if who.is_empty() {
            problems.push(Problem::block(
                "briefed_who",
                "Say who was briefed.",
                "For example \u{201c}Class teacher and TA\u{201d}.",
            ));
        } else if who.chars().count() > 200 {
            problems.push(Problem::block(
                "briefed_who",
                "That is longer than 200 characters.",
                "Name the staff or their roles briefly.",
            ));
        }
        let on = match parse_user_date("briefed_on", "The day of the briefing", &form.date) {
            Ok(on) => Some(on),
            Err(p) => {
                problems.push(p);
                None
            }
        };
        if !problems.is_empty() {
            return Err(problems.into());
        }
        let on = on.unwrap_or_default();
        self.check_after_meeting(ctx.this.meeting.as_ref().map(|m| m.date), on, "briefed_on", "briefed")?;
        let action = Action { actor: &self.actor, name: "staff.briefed", at: self.clock.now() };
        self.store.write(action, |tx| tx.insert_briefing(ctx.review, on, who).map(drop))?;
        self.after_meeting(review)
    }

    fn return_dto(&self, r: &LaReturn) -> LaReturnDto {
        LaReturnDto {
            returned_on: long(r.returned_on),
            respond_by: r.respond_by.map(long),
            open: r.is_open(),
            due: long(r.due(&self.cal.holidays)),
            why: r.why(),
            items: r
                .items
                .iter()
                .enumerate()
                .map(|(position, a)| ReturnItemDto {
                    position,
                    asked: a.what.clone(),
                    done_on: a.done_on.map(long),
                })
                .collect(),
            resubmitted_on: r.resubmitted_on.map(long),
        }
    }

    /// Records that the LA sent the review back (its quality check), with what it asked for:
    /// the record reopens (the stage goes back to "meeting held") and answering the return
    /// becomes the review's next step until the review is sent again ([`App::mark_submitted`]).
    pub fn record_return(&mut self, review: i64, form: ReturnForm) -> Result<AfterMeetingDto, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let stage = ctx.next_stage(ReviewEvent::ReturnedByLa)?;
        let sent = self.last_sent(&ctx)?;
        let (on, by, items) =
            parse_return(&form.returned_on, &form.respond_by, &form.asked, sent, self.clock.today())?;
        let action = Action { actor: &self.actor, name: "review.returned", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.insert_return(ctx.review, on, by, &items)?;
            tx.set_stage(ctx.review, stage)
        })?;
        self.after_meeting(review)
    }

    /// Ticks one item of the LA's open return done (today), or not done.
    pub fn set_return_item(
        &mut self,
        review: i64,
        position: usize,
        done: bool,
    ) -> Result<AfterMeetingDto, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let open = self
            .open_return(ctx.review)?
            .ok_or_else(|| AppError::new(ErrorCode::Conflict, "The LA has not sent this review back."))?;
        if position >= open.returned.items.len() {
            return Err(AppError::new(ErrorCode::NotFound, "That item is not on the LA's list."));
        }
        let on = done.then(|| self.clock.today());
        let action = Action { actor: &self.actor, name: "review.return_item", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_return_item_done(open.id, position, on))?;
        self.after_meeting(review)
    }

    /// The last day the review went to the LA: first sent, or sent again after a return.
    fn last_sent(&self, ctx: &crate::context::Ctx) -> Result<Option<NaiveDate>, AppError> {
        let first = self
            .store
            .reviews_of(ctx.child.id)?
            .into_iter()
            .find(|r| r.id == ctx.review)
            .and_then(|r| r.submitted_on);
        let again =
            self.store.returns_of(ctx.review)?.into_iter().filter_map(|s| s.returned.resubmitted_on).max();
        Ok(first.max(again))
    }

    /// Records what followed the LA's decision: for an amend, the notice, draft and final plan;
    /// for an appeal, the mediation certificate and the Tribunal appeal. Every date is checked
    /// (none in the future, each after what it follows, each with its kind of decision).
    pub fn record_after_decision(
        &mut self,
        review: i64,
        form: AfterDecisionForm,
    ) -> Result<AfterMeetingDto, AppError> {
        let ctx = self.review_ctx(review)?;
        let summary = self
            .store
            .reviews_of(ctx.child.id)?
            .into_iter()
            .find(|r| r.id == ctx.review)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, "That review no longer exists."))?;
        if summary.decision.is_none() {
            return Err(AppError::new(ErrorCode::Conflict, "Record the LA's decision letter first."));
        }
        let typed = [
            form.notice.as_str(),
            form.draft.as_str(),
            form.final_plan.as_str(),
            form.mediation_certificate.as_str(),
            form.appeal_lodged.as_str(),
            form.appeal_ended.as_str(),
        ];
        let after = parse_after_decision(typed, self.clock.today())?;
        self.cal.after_clock_with(&ctx.child.record, &summary, after, self.clock.today()).map_err(|why| {
            AppError::from(vec![Problem::block(
                "after_decision",
                format!("These dates do not fit together: {why}."),
                "Check them against the LA's letters.",
            )])
        })?;
        let action = Action { actor: &self.actor, name: "review.after_decision", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_after_decision(ctx.review, &after))?;
        self.after_meeting(review)
    }

    /// What stops the review's AR1 record being submitted, as the completeness check reports it.
    fn record_problems(&self, review: ReviewId) -> Result<Vec<Problem>, AppError> {
        let ar1 = self.ar1(review.0)?;
        Ok(ar1.problems.into_iter().map(|p| Problem::block("ar1", p.message, p.hint)).collect())
    }

    fn refuse_incomplete(&self, review: ReviewId, doing: &str) -> Result<(), AppError> {
        let problems = self.record_problems(review)?;
        if problems.is_empty() {
            return Ok(());
        }
        Err(AppError {
            code: ErrorCode::Conflict,
            message: format!(
                "The AR1 record is not complete, so it cannot be {doing}: {} still to do. Open the AR1 \
                 record to see each one.",
                problems.len()
            ),
            problems,
        })
    }

    /// Marks the record complete and ready to send to the LA. Refused while anything is missing.
    pub fn mark_ready_to_submit(&mut self, review: i64) -> Result<AfterMeetingDto, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let stage = ctx.next_stage(ReviewEvent::MarkedReady)?;
        self.refuse_incomplete(ctx.review, "marked ready")?;
        let action = Action { actor: &self.actor, name: "review.ready", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_stage(ctx.review, stage))?;
        self.after_meeting(review)
    }

    /// Records that the paperwork was sent to the LA on `date` (dd/mm/yyyy); after the LA sent
    /// it back, that it was sent again (the first date stays: T11 is judged on it).
    pub fn mark_submitted(&mut self, review: i64, date: &str) -> Result<AfterMeetingDto, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let on = parse_user_date("submitted_on", "The date it was sent", date).map_err(|p| vec![p])?;
        self.check_after_meeting(ctx.this.meeting.as_ref().map(|m| m.date), on, "submitted_on", "sent")?;
        let stage = ctx.next_stage(ReviewEvent::Submitted)?;
        self.refuse_incomplete(ctx.review, "sent")?;
        let open = self.open_return(ctx.review)?;
        if let Some(open) = &open
            && on < open.returned.returned_on
        {
            return Err(vec![Problem::block(
                "submitted_on",
                format!("That is before the LA sent the review back ({}).", long(open.returned.returned_on)),
                "Give the day it went back to the LA.",
            )]
            .into());
        }
        let action = Action { actor: &self.actor, name: "review.submitted", at: self.clock.now() };
        self.store.write(action, |tx| match &open {
            Some(open) => {
                tx.set_resubmitted(open.id, on)?;
                tx.set_stage(ctx.review, stage)
            }
            None => tx.set_submitted(ctx.review, on, stage),
        })?;
        self.after_meeting(review)
    }

    /// A date after the meeting and not in the future (`follow_up::check_date_after_meeting`).
    fn check_after_meeting(
        &self,
        meeting: Option<NaiveDate>,
        on: NaiveDate,
        field: &'static str,
        what: &str,
    ) -> Result<(), AppError> {
        let meeting =
            meeting.ok_or_else(|| AppError::new(ErrorCode::Conflict, "Set the meeting's date first."))?;
        check_date_after_meeting(field, what, meeting, on, self.clock.today()).map_err(|p| vec![p])?;
        Ok(())
    }

    /// Records the LA's decision letter. It concludes the review: unless the plan is ceased, its
    /// date becomes the anchor of the next review (T15), which starts at once.
    pub fn record_decision(&mut self, review: i64, form: DecisionForm) -> Result<AfterMeetingDto, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let (decision, on) = parse_decision(form.decision.map_or("", |d| d.code()), &form.date)?;
        let stage = ctx.next_stage(ReviewEvent::DecisionReceived { today: self.clock.today() })?;
        self.check_after_meeting(ctx.this.meeting.as_ref().map(|m| m.date), on, "decided_on", "decided")?;
        let reviews = self.store.reviews_of(ctx.child.id)?;
        if reviews.iter().any(|r| r.id == ctx.review && r.decision.is_some()) {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "The LA's decision for this review is already recorded.",
            ));
        }
        let latest = reviews.last().is_some_and(|r| r.id == ctx.review);
        let action = Action { actor: &self.actor, name: "review.decision", at: self.clock.now() };
        self.store.write(action, |tx| {
            tx.set_decision(ctx.review, decision, on, stage)?;
            if latest && decision.continues() {
                tx.set_last_review(ctx.child.id, ctx.this.meeting.as_ref().map(|m| m.date), Some(on))?;
                tx.insert_review(ctx.child.id, &Review::planning())?;
            }
            Ok(())
        })?;
        self.after_meeting(review)
    }

    /// Records where one agreed action stands (done, carried forward…), with an optional note.
    pub fn set_action_status(
        &mut self,
        review: i64,
        row: usize,
        status: &str,
        note: &str,
    ) -> Result<TrackedActionDto, AppError> {
        let ctx = self.review_ctx_to_change(review)?;
        let status = ActionStatus::from_code(status).ok_or_else(|| {
            AppError::from(vec![Problem::block(
                "status",
                "Choose where the action stands.",
                "Pick from the list.",
            )])
        })?;
        if note.chars().count() > 2000 {
            return Err(vec![Problem::block(
                "note",
                "The note is longer than 2,000 characters.",
                "Shorten it.",
            )]
            .into());
        }
        let fields = self.store.ar1_fields(ctx.review)?;
        let record = Ar1Record::from_fields(fields.iter().map(|f| (f.key.as_str(), f.value.as_str())), &[]);
        if !record.numbered_actions().iter().any(|(n, _)| *n == row) {
            return Err(AppError::new(ErrorCode::NotFound, "That action is not in the review's record."));
        }
        let today = self.clock.today();
        let action = Action { actor: &self.actor, name: "action.follow_up", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_follow_up(ctx.review, row, status, note.trim(), today))?;
        let follow_ups = self.store.follow_ups(ctx.review)?;
        action_dtos(
            (ctx.child.id.0, &ctx.child.record.display_name()),
            ctx.review,
            ctx.this.meeting.as_ref().map(|m| m.date),
            &fields,
            &follow_ups,
            &self.cal.school,
            today,
        )
        .into_iter()
        .find(|a| a.row == row)
        .ok_or_else(|| AppError::new(ErrorCode::NotFound, "That action is not in the review's record."))
    }

    /// Every open agreed action across the caseload: overdue first, then by the next date
    /// (check-in or deadline).
    pub fn open_actions(&self) -> Result<Vec<TrackedActionDto>, AppError> {
        let today = self.clock.today();
        let names: std::collections::HashMap<i64, String> =
            self.store.children()?.into_iter().map(|c| (c.id.0, c.record.display_name())).collect();
        let mut out: Vec<(bool, Option<NaiveDate>, TrackedActionDto)> = Vec::new();
        for r in self.store.tracked_actions()? {
            let name = names.get(&r.child.0).map_or("", String::as_str);
            let all = tracked(
                (r.child.0, name),
                r.review,
                r.meeting_date,
                &r.fields,
                &r.follow_ups,
                &self.cal.school,
                today,
            );
            for (next, a) in all.into_iter().filter(|(_, a)| a.status == ardesk_dto::ActionStatus::Open) {
                out.push((!a.overdue, next, a));
            }
        }
        out.sort_by(|a, b| (a.0, a.1, &a.2.child_name).cmp(&(b.0, b.1, &b.2.child_name)));
        Ok(out.into_iter().map(|(_, _, a)| a).collect())
    }
}
