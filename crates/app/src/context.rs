//! The context every use-case starts from: what the app knows that is not about one child (LA
//! profiles, bank holidays, term dates), a child's current cycle computed from it, and one
//! review with its child, clock and LA rules ([`Ctx`]).

use ardesk_documents::ar1::Ar1Header;
use ardesk_domain::calendar::{BankHolidays, SchoolCalendar};
use ardesk_domain::caseload::{NextStep, Status, next_step, with_return};
use ardesk_domain::child::ChildRecord;
use ardesk_domain::clock::{
    Anchor, ClockInput, CycleFacts, CycleState, Decided, MilestoneId, Timeline, cycle_timeline,
};
use ardesk_domain::dates::long;
use ardesk_domain::ids::{ChildId, ReviewId};
use ardesk_domain::la::{DEFAULT_LA, LaCatalogue, LaProfile};
use ardesk_domain::returned::LaReturn;
use ardesk_domain::review::{Meeting, ReviewEvent, ReviewStage};
use ardesk_dto::ErrorCode;
use ardesk_store::{ChildRow, ReviewSummary, Store, StoredChild, StoredReturn};
use chrono::NaiveDate;

use crate::{App, AppError};

/// What the clock knows that is not about one child.
#[derive(Debug, Clone)]
pub(crate) struct Calendars {
    pub las: LaCatalogue,
    pub holidays: BankHolidays,
    pub school: SchoolCalendar,
}

/// A child's current review cycle, computed.
pub(crate) struct Cycle<'a> {
    pub profile: &'a LaProfile,
    pub timeline: Result<Timeline, String>,
    pub stage: ReviewStage,
    pub meeting: Option<NaiveDate>,
    pub next: Option<NextStep>,
    /// What the cycle counts from; `None` when no date of the plan's history is known.
    pub anchor: Option<Anchor>,
    pub status: Status,
    /// Where the cycle stands after its meeting; a plan ceased (`!state.is_active()`) leaves
    /// the active caseload.
    pub state: CycleState,
    /// The LA sent the current review back and it has not gone back yet: answering it is `next`.
    pub returned: Option<LaReturn>,
}

impl Calendars {
    /// What is wrong with a meeting booked on `date`: a weekend, a bank holiday or a day the
    /// school is shut (issue 16), then, from the review's clock, too late for the LA.
    pub(crate) fn meeting_warnings(&self, date: NaiveDate, timeline: Option<&Timeline>) -> Vec<String> {
        ardesk_domain::calendar::meeting_day_warning(date, &self.holidays, &self.school)
            .into_iter()
            .chain(timeline.map(|t| t.meeting_warnings(Some(date))).unwrap_or_default())
            .collect()
    }

    /// The child's current cycle. `decided` is the child's latest review with the LA's decision
    /// recorded, if any: the current review itself (a cease, which starts no next review), or
    /// the one before it, whose amendment may still be running. `returned` is the current
    /// review's open return by the LA, if any.
    pub(crate) fn cycle<'a>(
        &'a self,
        row: &ChildRow,
        decided: Option<&ReviewSummary>,
        returned: Option<&LaReturn>,
        today: NaiveDate,
    ) -> Result<Cycle<'a>, AppError> {
        let review = row.review.as_ref().map(|r| &r.review);
        let meeting = review.and_then(|r| r.meeting.as_ref()).map(|m| m.date);
        let stage = review.map_or(ReviewStage::Planning, |r| r.stage);
        let current = row.review.as_ref().map(|r| r.id);
        let (this_decided, earlier) = match decided {
            Some(d) if Some(d.id) == current => (Some(d), None),
            other => (None, other),
        };
        let profile = self
            .las
            .at(&row.record.la_id, meeting.unwrap_or(today))
            .or_else(|| self.las.get(DEFAULT_LA))
            .ok_or_else(|| AppError::new(ErrorCode::Unavailable, "No LA profiles are available."))?;
        let anchor = row.record.history.anchor();
        let input = ClockInput {
            anchor: anchor.map(|a| a.date),
            dob: row.record.dob,
            ncy_offset: row.record.ncy_offset,
            meeting,
            profile,
            transfers: row.record.transfers,
            today,
        };
        // After the meeting the LA's decision is tracked: none yet (chase it once T12 has
        // passed), or the one recorded (a cease keeps this review current).
        let decision = match this_decided {
            Some(d) => {
                d.decision.map_or(Decided::NotYet, |on| Decided::Letter(d.after.decision(on.decision, on.on)))
            }
            None if meeting.is_some_and(|m| m <= today)
                && matches!(
                    stage,
                    ReviewStage::MeetingHeld | ReviewStage::ReadyToSubmit | ReviewStage::Submitted
                ) =>
            {
                Decided::NotYet
            }
            None => Decided::Untracked,
        };
        let facts = CycleFacts {
            anchor_kind: anchor.map(|a| a.kind),
            last_review_meeting: row.record.history.last_review_meeting,
            decision,
        };
        let timeline =
            cycle_timeline(&input, &facts, &self.holidays, &self.school).map_err(|e| e.to_string());
        let circulated = review.is_some_and(|r| r.circulated_on.is_some());
        let mut next = timeline
            .as_ref()
            .ok()
            .and_then(|t| next_step(stage, t, meeting, circulated, profile, &self.holidays, today));
        // An amendment of the last review still running comes first when it is due sooner.
        if let Some(amending) = earlier
            .and_then(|d| self.after_clock(&row.record, d, today).ok())
            .filter(|t| t.state == CycleState::Amending)
            .and_then(|t| t.after_meeting_step(today).map(|m| NextStep { id: m.id, due: m.due }))
            && next.as_ref().is_none_or(|n| amending.due < n.due)
        {
            next = Some(amending);
        }
        let returned = returned.filter(|r| r.is_open() && stage < ReviewStage::Submitted).cloned();
        let next = with_return(next, returned.as_ref(), &self.holidays);
        let state = timeline.as_ref().map_or(CycleState::Open, |t| t.state);
        let status = Status::of_review(anchor.is_some(), next.as_ref(), today);
        let status = match &timeline {
            Ok(t) => status.with_meeting(t, stage, meeting, today),
            Err(_) => status,
        };
        Ok(Cycle { profile, timeline, stage, meeting, next, anchor, status, state, returned })
    }

    /// The clock of review `review` after its meeting, with its decision and what followed it
    /// as recorded (`Decided::NotYet` before the letter, so an overdue decision is named). The
    /// cycle's anchor has moved on once the decision was recorded, so only what follows the
    /// meeting is counted.
    pub(crate) fn after_clock(
        &self,
        record: &ChildRecord,
        review: &ReviewSummary,
        today: NaiveDate,
    ) -> Result<Timeline, String> {
        self.after_clock_with(record, review, review.after, today)
    }

    /// [`Calendars::after_clock`] with `after` in place of what is recorded (to check an edit).
    pub(crate) fn after_clock_with(
        &self,
        record: &ChildRecord,
        review: &ReviewSummary,
        after: ardesk_domain::follow_up::AfterDecision,
        today: NaiveDate,
    ) -> Result<Timeline, String> {
        let meeting = review.meeting_date;
        let profile = self
            .las
            .at(&record.la_id, meeting.unwrap_or(today))
            .or_else(|| self.las.get(DEFAULT_LA))
            .ok_or_else(|| "no LA profile is available".to_owned())?;
        let input = ClockInput {
            anchor: None,
            dob: record.dob,
            ncy_offset: record.ncy_offset,
            meeting,
            profile,
            transfers: record.transfers,
            today,
        };
        let decision = match review.decision {
            Some(d) => Decided::Letter(after.decision(d.decision, d.on)),
            None if meeting.is_some() => Decided::NotYet,
            None => Decided::Untracked,
        };
        cycle_timeline(
            &input,
            &CycleFacts { decision, ..CycleFacts::default() },
            &self.holidays,
            &self.school,
        )
        .map_err(|e| e.to_string())
    }
}

/// The shipped LA profiles, and the statutory defaults (`la-NNN`) for every other LA in England.
pub fn builtin_las() -> Result<LaCatalogue, AppError> {
    LaCatalogue::builtin()
        .map(LaCatalogue::with_england_defaults)
        .map_err(|p| AppError::new(ErrorCode::Unavailable, p.message))
}

/// Every LA in England ([`builtin_las`]) with the school's own profiles in their place: those it
/// edited and the LAs it added in Settings. A stored profile that no longer validates (say,
/// after an upgrade tightened a rule) is left out, so the shipped one or the statutory defaults
/// apply, rather than stopping the app.
pub(crate) fn catalogue(store: &Store) -> Result<LaCatalogue, AppError> {
    let custom = store
        .custom_profiles()?
        .into_iter()
        .filter_map(|p| LaProfile::parse(&format!("{} (edited)", p.id), &p.json).ok())
        .collect();
    Ok(builtin_las()?.with_custom(custom))
}

pub(crate) fn calendars(store: &Store) -> Result<Calendars, AppError> {
    let imported = store.imported_bank_holidays()?;
    let holidays = BankHolidays::embedded().merged_with(&BankHolidays::from_dates(imported));
    Ok(Calendars { las: catalogue(store)?, holidays, school: store.school_calendar()? })
}

pub(crate) fn row_of(c: StoredChild) -> ChildRow {
    ChildRow { id: c.id, record: c.record, review: c.review, left: c.left }
}

/// Everything about one review that the use-cases below need.
pub(crate) struct Ctx {
    pub review: ReviewId,
    pub child: StoredChild,
    pub timeline: Option<Timeline>,
    pub la_name: String,
    /// The LA's own form for advice, named in the request for advice.
    pub advice_form: Option<String>,
    /// The LA's SENDIASS and how to contact it, named in the parents' letters.
    pub sendiass: Option<String>,
    /// The LA profile's letter wording, by letter code.
    pub templates: Vec<(String, String)>,
    /// The largest file the LA accepts.
    pub max_file_bytes: u64,
    /// The review itself (which need not be the child's latest).
    pub this: ardesk_domain::review::Review,
    /// The day the child's plan ceased, once it has: their records are then read-only.
    pub ceased_from: Option<NaiveDate>,
}

impl Ctx {
    /// The stage `event` moves this review to, or why it cannot happen now (a conflict: the
    /// review is not at a stage where it can).
    pub(crate) fn next_stage(&self, event: ReviewEvent) -> Result<ReviewStage, AppError> {
        self.this
            .stage
            .after(self.this.meeting.as_ref().map(|m| m.date), event)
            .map_err(|p| AppError::new(ErrorCode::Conflict, p.message))
    }

    /// The due date of milestone `id` in this review's cycle, if the cycle has it.
    pub(crate) fn due(&self, id: MilestoneId) -> Option<NaiveDate> {
        self.timeline.as_ref().and_then(|t| t.get(id)).map(|m| m.due)
    }
}

/// The child and meeting details at the top of the AR1 form and record.
pub(crate) fn ar1_header(ctx: &Ctx, ncy: i32, meeting: Option<&Meeting>) -> Ar1Header {
    let r = &ctx.child.record;
    Ar1Header {
        child_name: r.legal_name(),
        initials: initials(r),
        dob: long(r.dob),
        year_group: ardesk_domain::ncy::label(ncy),
        upn: r.upn.as_ref().map(|u| u.as_str().to_owned()).unwrap_or_default(),
        la_reference: r.la_ref.clone().unwrap_or_default(),
        meeting: meeting.map(|m| ardesk_domain::dates::written_at(m.date, m.start)).unwrap_or_default(),
        venue: meeting.map(|m| m.venue.clone()).unwrap_or_default(),
    }
}

/// The child's initials, for file names: letters travel by email, so never the full name. Only
/// letters, in capitals, so that whatever was typed as a name (". . /x") cannot make a path; "X"
/// for a name with no letters.
pub(crate) fn initials(record: &ChildRecord) -> String {
    let initials: String = record
        .legal_name()
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .flat_map(char::to_uppercase)
        .collect();
    if initials.is_empty() { "X".to_owned() } else { initials }
}

impl App {
    /// The child's latest review with the LA's decision recorded (see [`Calendars::cycle`]).
    pub(crate) fn latest_decided(
        &self,
        child: ardesk_domain::ids::ChildId,
    ) -> Result<Option<ReviewSummary>, AppError> {
        Ok(self.store.reviews_of(child)?.into_iter().rev().find(|r| r.decision.is_some()))
    }

    /// The review's return by the LA not yet answered, if any, with its stored id.
    pub(crate) fn open_return(&self, review: ReviewId) -> Result<Option<StoredReturn>, AppError> {
        Ok(self.store.returns_of(review)?.into_iter().find(|s| s.returned.is_open()))
    }

    /// Refuses any change to a child whose plan has ceased, or who has left the school: their
    /// records are kept for reference, read-only (issue 15 item 4, issue 17). Only the dates
    /// that decided a cease (the appeal, the mediation certificate) stay correctable, in "After
    /// the meeting"; a leaver is put back on roll first.
    pub(crate) fn refuse_if_read_only(&self, child: ChildId) -> Result<(), AppError> {
        let stored = self.store.child(child)?;
        if let Some(left) = &stored.left {
            return Err(left_read_only(left.on));
        }
        self.ceased_from(&stored)?.map_or(Ok(()), |from| Err(read_only(from)))
    }

    /// The day a child's plan ceased from, once it has.
    pub(crate) fn ceased_from(&self, child: &StoredChild) -> Result<Option<NaiveDate>, AppError> {
        let row = row_of(child.clone());
        let decided = self.latest_decided(row.id)?;
        Ok(self.cal.cycle(&row, decided.as_ref(), None, self.clock.today())?.state.ceased_from())
    }

    /// [`App::refuse_if_read_only`] for the child of review `review`.
    pub(crate) fn refuse_if_read_only_review(&self, review: i64) -> Result<(), AppError> {
        self.refuse_if_read_only(self.store.review_info(ReviewId(review))?.child)
    }

    /// [`App::review_ctx`] for a change to the review: refused once the plan has ceased.
    pub(crate) fn review_ctx_to_change(&self, review: i64) -> Result<Ctx, AppError> {
        let ctx = self.review_ctx(review)?;
        if let Some(left) = &ctx.child.left {
            return Err(left_read_only(left.on));
        }
        match ctx.ceased_from {
            Some(from) => Err(read_only(from)),
            None => Ok(ctx),
        }
    }

    pub(crate) fn review_ctx(&self, review: i64) -> Result<Ctx, AppError> {
        let review = ReviewId(review);
        let ardesk_store::ReviewInfo { child: child_id, review: this } = self.store.review_info(review)?;
        let child = self.store.child(child_id)?;
        let today = self.clock.today();
        let row = row_of(child.clone());
        let decided = self.latest_decided(child.id)?;
        let returned = self.open_return(review)?.map(|s| s.returned);
        let cycle = self.cal.cycle(&row, decided.as_ref(), returned.as_ref(), today)?;
        Ok(Ctx {
            review,
            la_name: cycle.profile.name.clone(),
            advice_form: cycle.profile.forms.advice_form.clone(),
            sendiass: cycle.profile.sendiass.clone(),
            templates: cycle.profile.letters.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            max_file_bytes: cycle
                .profile
                .files
                .max_mb
                .map_or(ardesk_intake::DEFAULT_MAX_BYTES, |mb| u64::from(mb) * 1024 * 1024),
            timeline: cycle.timeline.ok(),
            child,
            ceased_from: cycle.state.ceased_from(),
            this,
        })
    }
}

/// The refusal of a change to a child who left the school on `on`.
fn left_read_only(on: NaiveDate) -> AppError {
    AppError::new(
        ErrorCode::Conflict,
        format!(
            "This child left the school on {}: their records are kept for reference and cannot be \
             changed. Put them back on roll first if they have not left.",
            long(on)
        ),
    )
}

/// The refusal of a change to a child whose plan ceased from `from`.
fn read_only(from: NaiveDate) -> AppError {
    AppError::new(
        ErrorCode::Conflict,
        format!(
            "This child's plan ceased from {}: their records are kept for reference and cannot be changed.",
            long(from)
        ),
    )
}
