//! Check-ins between reviews (issue 20 item 3): progress, the child's view and the parents'
//! feedback recorded on the child's page; those since the last review are summed up for the
//! next review (its AR1 record and the parent and child views forms).

use ardesk_domain::check_ins::{CheckIn, Summary, check, informing, summary};
use ardesk_domain::dates::{long, parse_user_date};
use ardesk_domain::ids::ChildId;
use ardesk_dto::{CheckInDto, CheckInForm, CheckInSummaryDto, CheckInsDto};
use ardesk_store::Action;
use chrono::NaiveDate;

use crate::context::Ctx;
use crate::{App, AppError};

impl App {
    /// The child's check-ins since the last review, oldest first.
    pub fn check_ins(&self, child: i64) -> Result<CheckInsDto, AppError> {
        let id = ChildId(child);
        // The last meeting the app holds, or the one typed into the plan's dates, if later.
        let today = self.clock.today();
        let typed = self.store.child(id)?.record.history.last_review_meeting.filter(|m| *m <= today);
        let since = self.last_meeting_before(id, None)?.max(typed);
        let all = self.store.check_ins(id)?;
        let (recent, earlier): (Vec<_>, Vec<_>) =
            all.into_iter().partition(|(_, c)| since.is_none_or(|s| c.on > s));
        Ok(CheckInsDto {
            child_id: child,
            check_ins: recent.into_iter().map(|(id, c)| check_in_dto(id, c)).collect(),
            earlier: earlier.len(),
        })
    }

    /// Every check-in recorded for the child, oldest first (their exported record).
    pub(crate) fn all_check_ins(&self, child: i64) -> Result<Vec<CheckInDto>, AppError> {
        Ok(self.store.check_ins(ChildId(child))?.into_iter().map(|(id, c)| check_in_dto(id, c)).collect())
    }

    /// Records a check-in on the child's page.
    pub fn record_check_in(&mut self, child: i64, form: &CheckInForm) -> Result<CheckInsDto, AppError> {
        let review = self.current_review(child)?;
        let _ = self.review_ctx_to_change(review)?;
        let on = parse_user_date("check_in_on", "The day of the check-in", &form.date);
        let c = CheckIn {
            on: *on.as_ref().unwrap_or(&NaiveDate::MIN),
            progress: form.progress.trim().to_owned(),
            child_view: form.child_view.trim().to_owned(),
            parent_view: form.parent_view.trim().to_owned(),
        };
        let mut problems = check(on.as_ref().ok().copied(), &c, self.clock.today());
        if let Err(p) = on {
            problems.insert(0, p);
        }
        if !problems.is_empty() {
            return Err(problems.into());
        }
        let action = Action { actor: &self.actor, name: "check_in.recorded", at: self.clock.now() };
        self.store.write(action, |tx| tx.insert_check_in(ChildId(child), &c).map(drop))?;
        self.check_ins(child)
    }

    /// What the check-ins that inform review `ctx` said: those after the meeting before it and,
    /// once its meeting is set, on or before it.
    pub(crate) fn check_in_summary(&self, ctx: &Ctx) -> Result<Summary, AppError> {
        let meeting = ctx.this.meeting.as_ref().map(|m| m.date);
        // The meeting before this review: the app's own, or the one typed into the plan's dates
        // (a caseload started mid-cycle), whichever is later and still before this one.
        let typed =
            ctx.child.record.history.last_review_meeting.filter(|m| meeting.is_none_or(|own| *m < own));
        let after = self.last_meeting_before(ctx.child.id, Some(ctx.review))?.max(typed);
        let all: Vec<CheckIn> = self.store.check_ins(ctx.child.id)?.into_iter().map(|(_, c)| c).collect();
        Ok(summary(&informing(&all, after, meeting)))
    }

    /// The latest meeting of the child's reviews before `review` (or of every review held, for
    /// `None`, up to today).
    fn last_meeting_before(
        &self,
        child: ChildId,
        review: Option<ardesk_domain::ids::ReviewId>,
    ) -> Result<Option<NaiveDate>, AppError> {
        let today = self.clock.today();
        Ok(self
            .store
            .reviews_of(child)?
            .into_iter()
            .filter(|r| review.is_none_or(|id| r.id < id))
            .filter_map(|r| r.meeting_date)
            .filter(|m| review.is_some() || *m <= today)
            .max())
    }
}

pub(crate) fn summary_dto(s: &Summary) -> CheckInSummaryDto {
    CheckInSummaryDto { progress: s.progress.clone(), child: s.child.clone(), parents: s.parents.clone() }
}

fn check_in_dto(id: i64, c: CheckIn) -> CheckInDto {
    CheckInDto {
        id,
        on: long(c.on),
        progress: c.progress,
        child_view: c.child_view,
        parent_view: c.parent_view,
    }
}
