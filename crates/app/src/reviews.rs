//! The statutory clock: the caseload dashboard, a child's timeline, the calendar (.ics) export,
//! and `ardesk timeline` (one cycle from its inputs alone).

use std::collections::HashMap;
use std::path::Path;

use ardesk_documents::ics;
use ardesk_domain::caseload::{
    ENTER_THE_PLANS_DATES, NO_ANCHOR_EXPLAINED, NO_ANCHOR_WARNING, NextStep, Status,
};
use ardesk_domain::clock::MilestoneId;
use ardesk_domain::dates::long;
use ardesk_domain::follow_up::briefing_due;
use ardesk_domain::ids::{ChildId, ReviewId};
use ardesk_domain::ncy::{label, nc_year, short_label};
use ardesk_domain::paperwork::transfer_year;
use ardesk_domain::returned::LaReturn;
use ardesk_domain::review::ReviewStage;
use ardesk_domain::transition::{self, TransitionAction};
use ardesk_dto::{CaseloadRow, CeasedPlan, ChildTimeline, ErrorCode, Exported, MilestoneDto, NextStepDto};
use ardesk_store::{ChildRow, ReviewSummary};
use chrono::{DateTime, NaiveDate, Utc};

use crate::context::{Calendars, Cycle, row_of};
use crate::files::{exported, write_atomically};
use crate::{App, AppError, convert};

fn next_dto(next: &NextStep) -> NextStepDto {
    NextStepDto { id: next.id.code().to_owned(), due: Some(next.due.to_string()), action: next.action() }
}

/// The cycle's next step; for a child whose plan's dates are all unknown, entering them (T01,
/// the anchor, with no date of its own).
fn cycle_next(cycle: &Cycle<'_>) -> Option<NextStepDto> {
    match (&cycle.next, cycle.status) {
        // A review the LA sent back: the step names what it asked for.
        (Some(next), _) if next.id == MilestoneId::T11R => {
            cycle.returned.as_ref().map(|r| NextStepDto { action: r.step_words(next.due), ..next_dto(next) })
        }
        (Some(next), _) => Some(next_dto(next)),
        (None, Status::NeedsDates) => {
            Some(NextStepDto { id: "T01".to_owned(), due: None, action: ENTER_THE_PLANS_DATES.to_owned() })
        }
        (None, _) => None,
    }
}

/// The clock's warnings: before the meeting, the review deadline missed, a meeting booked on a
/// day the school is shut and a meeting too late for the LA; and a cycle whose review deadline
/// cannot be worked out because no date of the plan's history is known.
fn cycle_warnings(
    cycle: &Cycle<'_>,
    tl: &ardesk_domain::clock::Timeline,
    cal: &Calendars,
    today: NaiveDate,
) -> Vec<String> {
    let mut out = Vec::new();
    if cycle.stage < ReviewStage::MeetingHeld {
        out.extend(tl.missed_deadline(today).filter(|_| cycle.anchor.is_some()));
        out.extend(cycle.meeting.map(|m| cal.meeting_warnings(m, Some(tl))).unwrap_or_default());
    }
    if cycle.anchor.is_none() && cycle.next.is_some() {
        out.push(NO_ANCHOR_WARNING.to_owned());
    }
    out
}

/// Overdue first (the longest overdue at the top), then due soon, then on track; by due date.
/// The active caseload's rows, most urgent first: a child whose plan has ceased (the appeal
/// window closed, or an appeal ended) is no longer on it.
fn caseload_rows(
    rows: &[ChildRow],
    decided: &HashMap<ChildId, ReviewSummary>,
    returns: &HashMap<ReviewId, LaReturn>,
    briefed: &HashMap<ReviewId, NaiveDate>,
    transitions: &HashMap<ChildId, Vec<TransitionAction>>,
    cal: &Calendars,
    today: NaiveDate,
) -> Result<Vec<CaseloadRow>, AppError> {
    let mut out: Vec<(Status, Option<NaiveDate>, CaseloadRow)> = Vec::with_capacity(rows.len());
    for row in rows {
        let returned = row.review.as_ref().and_then(|r| returns.get(&r.id));
        let cycle = cal.cycle(row, decided.get(&row.id), returned, today)?;
        if !cycle.state.is_active() {
            continue;
        }
        let r = &row.record;
        let ncy = nc_year(r.dob, r.ncy_offset, today);
        let status = cycle.status;
        // As the review's paperwork and the transition plan decide it: the clock has a transfer
        // deadline (T16–T18), or the child is in Year 6 or 11 at the meeting (today if none).
        let at_meeting = nc_year(r.dob, r.ncy_offset, cycle.meeting.unwrap_or(today));
        let transfer = transfer_year(cycle.timeline.as_ref().ok(), at_meeting);
        out.push((
            status,
            cycle.next.map(|n| n.due),
            CaseloadRow {
                child_id: row.id.0,
                review_id: row.review.as_ref().map(|s| s.id.0),
                name: r.display_name(),
                ncy,
                year_group: short_label(ncy),
                la: r.la_id.clone(),
                la_name: cal.las.name_of(&r.la_id).to_owned(),
                looked_after: r.looked_after,
                transfer,
                stage: convert::stage(cycle.stage),
                stage_label: cycle.stage.label().to_owned(),
                next: cycle_next(&cycle),
                status: convert::urgency(status),
                status_label: match (&cycle.timeline, status) {
                    (Err(_), _) => "Check dates".to_owned(),
                    (_, s) => s.words(cycle.next.as_ref().map(|n| n.due), today),
                },
                meeting: cycle.meeting.map(long),
                warnings: match &cycle.timeline {
                    Ok(tl) => cycle_warnings(&cycle, tl, cal, today),
                    Err(why) => vec![format!("The review's dates do not fit together: {why}.")],
                },
                briefing_due: decided
                    .get(&row.id)
                    .and_then(|d| briefing_due(d.after.final_plan, briefed.get(&d.id).copied()))
                    .map(long),
                transition_due: transitions
                    .get(&row.id)
                    .map(|all| all.iter().filter_map(|a| transition::reminder(a, today)).collect())
                    .unwrap_or_default(),
            },
        ));
    }
    out.sort_by(|a, b| (a.0, a.1, &a.2.name).cmp(&(b.0, b.1, &b.2.name)));
    Ok(out.into_iter().map(|(_, _, row)| row).collect())
}

fn timeline_dto(
    row: &ChildRow,
    decided: Option<&ReviewSummary>,
    returned: Option<&LaReturn>,
    cal: &Calendars,
    today: NaiveDate,
) -> Result<ChildTimeline, AppError> {
    let cycle = cal.cycle(row, decided, returned, today)?;
    let tl = cycle.timeline.as_ref().map_err(|why| {
        AppError::new(
            ErrorCode::Validation,
            format!("The review's dates do not fit together: {why}. Correct the meeting date."),
        )
    })?;
    let day = |d: NaiveDate| d.format("%a %-d %b %Y").to_string();
    // A plan that has ceased has no next step: its page is kept for the record.
    let ceased_from = cycle.state.ceased_from().map(long);
    Ok(ChildTimeline {
        child_id: row.id.0,
        year_group: label(tl.ncy),
        pfa_required: tl.pfa_required,
        anchor: cycle.anchor.map(|a| long(a.date)),
        anchor_explained: cycle.anchor.map_or_else(|| NO_ANCHOR_EXPLAINED.to_owned(), |a| a.explain()),
        la_name: cycle.profile.name.clone(),
        meeting: cycle.meeting.map(day),
        next: cycle_next(&cycle).filter(|_| ceased_from.is_none()),
        status: convert::urgency(cycle.status),
        status_label: match &ceased_from {
            Some(from) => format!("Plan ceased from {from}"),
            None => cycle.status.words(cycle.next.as_ref().map(|n| n.due), today),
        },
        term_dates_known: !cal.school.is_empty(),
        warnings: cycle_warnings(&cycle, tl, cal, today),
        ceased_from,
        milestones: tl
            .milestones
            .iter()
            .map(|m| MilestoneDto {
                id: m.id.code().to_owned(),
                title: m.id.title().to_owned(),
                date: day(m.date),
                due: day(m.due),
                due_iso: m.due.to_string(),
                non_working_day: m.non_working_day,
                school_holiday: m.school_holiday,
                passed: m.due < today,
                why: m.why.clone(),
                source: m.source.clone(),
            })
            .collect(),
    })
}

/// "Robin T.": enough for the SENCO's own calendar, without the full name.
/// The file name offered in the save dialog.
/// The calendar's name for the child: events sync to Exchange or Google, so their initials and
/// the LA's reference, never their name ("CC, LA ref RC-EHC-10014").
fn ics_who(row: &ChildRow) -> String {
    let initials = crate::context::initials(&row.record);
    match row.record.la_ref.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        Some(reference) => format!("{initials}, LA ref {reference}"),
        None => initials,
    }
}

fn ics_name(row: &ChildRow) -> String {
    format!("review-milestones-{}.ics", crate::context::initials(&row.record))
}

fn ics_text(
    row: &ChildRow,
    decided: Option<&ReviewSummary>,
    cal: &Calendars,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(String, usize), AppError> {
    let entries = ics_entries(row, decided, cal, today)?;
    Ok((ics::calendar(&format!("Annual review milestones: {}", ics_who(row)), &entries, now), entries.len()))
}

/// A child's milestones as calendar events, named by initials (and LA reference) only.
fn ics_entries(
    row: &ChildRow,
    decided: Option<&ReviewSummary>,
    cal: &Calendars,
    today: NaiveDate,
) -> Result<Vec<ics::Entry>, AppError> {
    // The calendar holds the clock's milestones; a return by the LA adds none.
    let cycle = cal.cycle(row, decided, None, today)?;
    let tl = cycle.timeline.map_err(|why| {
        AppError::new(ErrorCode::Validation, format!("The review's dates do not fit together: {why}."))
    })?;
    let who = ics_who(row);
    let review = row.review.as_ref().map_or(0, |r| r.id.0);
    let entries: Vec<ics::Entry> = tl
        .milestones
        .iter()
        .map(|m| ics::Entry {
            uid: format!("ardesk-{}-{review}-{}@annual-review-desk", row.id.0, m.id.code()),
            date: m.due,
            summary: format!("{}: {} ({})", who, m.id.title(), m.id.code()),
            description: format!(
                "{}\n\nSource: {}\nDate: {}. Due (latest working day on or before it): {}.",
                m.why,
                m.source,
                long(m.date),
                long(m.due)
            ),
        })
        .collect();
    Ok(entries)
}

impl App {
    /// The caseload with each review's next step, most urgent first.
    pub fn caseload(&self) -> Result<Vec<CaseloadRow>, AppError> {
        let decided = self.store.latest_decided_reviews()?;
        let returns = self.store.open_returns()?;
        let briefed = self.store.latest_briefings()?;
        let transitions = self.store.open_dated_transition_actions()?;
        // A leaver is off the caseload (listed with the leavers).
        let on_roll: Vec<_> = self.store.children()?.into_iter().filter(|c| c.left.is_none()).collect();
        caseload_rows(&on_roll, &decided, &returns, &briefed, &transitions, &self.cal, self.clock.today())
    }

    /// The children whose plans have ceased (off the active caseload, kept for the record), the
    /// most recent first; one who has also left the school is with the leavers.
    pub fn ceased_plans(&self) -> Result<Vec<CeasedPlan>, AppError> {
        let decided = self.store.latest_decided_reviews()?;
        let today = self.clock.today();
        let mut out = Vec::new();
        for row in self.store.children()?.into_iter().filter(|c| c.left.is_none()) {
            let Some(d) = decided.get(&row.id) else { continue };
            let cycle = self.cal.cycle(&row, Some(d), None, today)?;
            if let Some(from) = cycle.state.ceased_from() {
                out.push((
                    from,
                    CeasedPlan {
                        child_id: row.id.0,
                        name: row.record.display_name(),
                        la_name: cycle.profile.name.clone(),
                        ceased_from: long(from),
                    },
                ));
            }
        }
        out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
        Ok(out.into_iter().map(|(_, c)| c).collect())
    }

    /// Every milestone of the child's current review cycle, with its reason.
    pub fn child_timeline(&self, id: i64) -> Result<ChildTimeline, AppError> {
        let row = row_of(self.store.child(ChildId(id))?);
        let decided = self.latest_decided(row.id)?;
        let returned = match &row.review {
            Some(r) => self.open_return(r.id)?.map(|s| s.returned),
            None => None,
        };
        timeline_dto(&row, decided.as_ref(), returned.as_ref(), &self.cal, self.clock.today())
    }

    /// The file name to offer when saving the child's milestones as a calendar.
    pub fn ics_file_name(&self, id: i64) -> Result<String, AppError> {
        Ok(ics_name(&row_of(self.store.child(ChildId(id))?)))
    }

    /// The file name to offer for the whole caseload's calendar: the day it was made.
    pub fn caseload_ics_file_name(&self) -> String {
        format!("review-milestones-{}.ics", self.clock.today())
    }

    /// Writes every milestone of every child on roll to `out` as one iCalendar file (issue 20
    /// item 7), each event named by initials only. A child whose plan's dates are not yet
    /// entered has no clock, and is left out (their page asks for the dates). Returns the
    /// number of events.
    pub fn export_caseload_ics(&self, out: &Path) -> Result<Exported, AppError> {
        let decided = self.store.latest_decided_reviews()?;
        let today = self.clock.today();
        let mut entries = Vec::new();
        for row in self.store.children()?.into_iter().filter(|c| c.left.is_none()) {
            if let Ok(mine) = ics_entries(&row, decided.get(&row.id), &self.cal, today) {
                entries.extend(mine);
            }
        }
        let text = ics::calendar("Annual review milestones: the caseload", &entries, self.clock.now());
        write_atomically(out, text.as_bytes())?;
        Ok(exported(out, entries.len()))
    }

    /// Writes the child's milestones to `out` as an iCalendar file (one all-day event each).
    pub fn export_ics(&self, id: i64, out: &Path) -> Result<Exported, AppError> {
        let row = row_of(self.store.child(ChildId(id))?);
        let decided = self.latest_decided(row.id)?;
        let (text, items) =
            ics_text(&row, decided.as_ref(), &self.cal, self.clock.today(), self.clock.now())?;
        write_atomically(out, text.as_bytes())?;
        Ok(exported(out, items))
    }
}
