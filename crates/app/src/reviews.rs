//! The statutory clock for stored children: the caseload dashboard, a child's timeline, and the
//! calendar (.ics) export.

use std::path::Path;

use ardesk_documents::ics;
use ardesk_domain::calendar::{BankHolidays, SchoolCalendar};
use ardesk_domain::caseload::{NextStep, Status, next_step};
use ardesk_domain::clock::{ClockInput, Timeline, timeline};
use ardesk_domain::dates::long;
use ardesk_domain::la::{DEFAULT_LA, LaCatalogue, LaProfile};
use ardesk_domain::ncy::{label, nc_year, short_label};
use ardesk_domain::review::ReviewStage;
use ardesk_dto::{CaseloadRow, ChildTimeline, ErrorCode, Exported, MilestoneDto, NextStepDto};
use ardesk_store::ChildRow;
use chrono::{DateTime, NaiveDate, Utc};

use crate::AppError;

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
    pub anchor: NaiveDate,
}

impl Calendars {
    pub(crate) fn cycle<'a>(&'a self, row: &ChildRow, today: NaiveDate) -> Result<Cycle<'a>, AppError> {
        let review = row.review.as_ref().map(|r| &r.review);
        let meeting = review.and_then(|r| r.meeting.as_ref()).map(|m| m.date);
        let stage = review.map_or(ReviewStage::Planning, |r| r.stage);
        let profile = self
            .las
            .at(&row.record.la_id, meeting.unwrap_or(today))
            .or_else(|| self.las.get(DEFAULT_LA))
            .ok_or_else(|| AppError::new(ErrorCode::Unavailable, "No LA profiles are available."))?;
        let anchor = row.last_review_decision.unwrap_or(row.record.plan_issue_date);
        let input = ClockInput {
            anchor,
            dob: row.record.dob,
            ncy_offset: row.record.ncy_offset,
            meeting,
            profile,
            transfers: row.record.transfers,
            today,
        };
        let timeline = timeline(&input, &self.holidays, &self.school).map_err(|e| e.to_string());
        let circulated = review.is_some_and(|r| r.circulated_on.is_some());
        let next = timeline
            .as_ref()
            .ok()
            .and_then(|t| next_step(stage, t, meeting, circulated, profile, &self.holidays));
        Ok(Cycle { profile, timeline, stage, meeting, next, anchor })
    }
}

fn next_dto(next: &NextStep) -> NextStepDto {
    NextStepDto { id: next.id.code().to_owned(), due: next.due.to_string(), action: next.action() }
}

/// Overdue first (the longest overdue at the top), then due soon, then on track; by due date.
pub(crate) fn caseload(
    rows: &[ChildRow],
    cal: &Calendars,
    today: NaiveDate,
) -> Result<Vec<CaseloadRow>, AppError> {
    let mut out: Vec<(Status, Option<NaiveDate>, CaseloadRow)> = Vec::with_capacity(rows.len());
    for row in rows {
        let cycle = cal.cycle(row, today)?;
        let r = &row.record;
        let ncy = nc_year(r.dob, r.ncy_offset, today);
        // A timeline that cannot be computed (a meeting before the cycle's anchor) needs a look now.
        let status = cycle.next.map_or(Status::Overdue, |n| Status::of(n.due, today));
        let transfer = ncy == 6
            || ncy == 11
            || r.transfers.extra_transfer_ncy == Some(ncy)
            || r.transfers.post16_move.is_some();
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
                stage: cycle.stage.code().to_owned(),
                stage_label: cycle.stage.label().to_owned(),
                next: cycle.next.as_ref().map(next_dto),
                status: status.code().to_owned(),
                status_label: match (&cycle.timeline, status) {
                    (Err(_), _) => "Check dates".to_owned(),
                    (_, s) => s.label().to_owned(),
                },
                meeting: cycle.meeting.map(long),
                warnings: match &cycle.timeline {
                    Ok(tl) if cycle.stage < ReviewStage::MeetingHeld => tl.meeting_warnings(cycle.meeting),
                    Ok(_) => Vec::new(),
                    Err(why) => vec![format!("The review's dates do not fit together: {why}.")],
                },
            },
        ));
    }
    out.sort_by(|a, b| (a.0, a.1, &a.2.name).cmp(&(b.0, b.1, &b.2.name)));
    Ok(out.into_iter().map(|(_, _, row)| row).collect())
}

pub(crate) fn child_timeline(
    row: &ChildRow,
    cal: &Calendars,
    today: NaiveDate,
) -> Result<ChildTimeline, AppError> {
    let cycle = cal.cycle(row, today)?;
    let tl = cycle.timeline.map_err(|why| {
        AppError::new(
            ErrorCode::Validation,
            format!("The review's dates do not fit together: {why}. Correct the meeting date."),
        )
    })?;
    let status = cycle.next.map_or(Status::Overdue, |n| Status::of(n.due, today));
    let day = |d: NaiveDate| d.format("%a %-d %b %Y").to_string();
    Ok(ChildTimeline {
        child_id: row.id.0,
        year_group: label(tl.ncy),
        pfa_required: tl.pfa_required,
        anchor: long(cycle.anchor),
        la_name: cycle.profile.name.clone(),
        meeting: cycle.meeting.map(day),
        next: cycle.next.as_ref().map(next_dto),
        status: status.code().to_owned(),
        status_label: status.label().to_owned(),
        term_dates_known: !cal.school.is_empty(),
        warnings: if cycle.stage < ReviewStage::MeetingHeld {
            tl.meeting_warnings(cycle.meeting)
        } else {
            Vec::new()
        },
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
fn short_name(row: &ChildRow) -> String {
    let r = &row.record;
    let first = r.preferred_name.as_ref().unwrap_or(&r.legal_forenames).as_str();
    let initial = r.legal_surname.as_str().chars().next().map(|c| format!(" {c}.")).unwrap_or_default();
    format!("{first}{initial}")
}

/// The file name offered in the save dialog.
pub(crate) fn ics_file_name(row: &ChildRow) -> String {
    let name: String = short_name(row).chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    format!("review-milestones-{name}.ics")
}

pub(crate) fn ics_text(
    row: &ChildRow,
    cal: &Calendars,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(String, usize), AppError> {
    let cycle = cal.cycle(row, today)?;
    let tl = cycle.timeline.map_err(|why| {
        AppError::new(ErrorCode::Validation, format!("The review's dates do not fit together: {why}."))
    })?;
    let who = short_name(row);
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
    Ok((ics::calendar(&format!("Annual review milestones: {who}"), &entries, now), entries.len()))
}

/// Writes `bytes` to `path` so that `path` is never left half-written: a temporary file in the
/// same folder, flushed to disk, then renamed over `path`.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    use std::io::Write;
    let io = |e: std::io::Error| {
        AppError::new(
            ErrorCode::Io,
            format!("Could not write {}: {e}. Choose another folder.", path.display()),
        )
    };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile_in(dir).map_err(io)?;
    tmp.1.write_all(bytes).and_then(|()| tmp.1.sync_all()).map_err(io)?;
    std::fs::rename(&tmp.0, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp.0);
        io(e)
    })
}

/// Removes `.ardesk-*.partial` files left in `dir` by an export that was interrupted (a crash,
/// a full disk) more than ten minutes ago.
pub(crate) fn remove_stale_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(600));
        if name.starts_with(".ardesk-") && name.ends_with(".partial") && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A new file `.ardesk-<pid>-<n>.partial` in `dir`, created exclusively.
pub(crate) fn tempfile_in(dir: &Path) -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".ardesk-{}-{n}.partial", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

pub(crate) fn exported(path: &Path, items: usize) -> Exported {
    Exported {
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        items,
    }
}
