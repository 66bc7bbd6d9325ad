//! The compliance report for the head teacher and governors (issue 20): for a chosen period,
//! each review whose meeting fell in it, with its statutory deadlines met, late, pending or not
//! applicable — notice (T07, reg 20(3)), circulation (T09, reg 20(4)), the report to the LA
//! (T11) and the LA's decision (T12, reg 20(10)) — and the totals. Each deadline is the one the
//! review's own timeline gives (the LA's timings, never looser than the law); children are
//! named by initials only.

use std::collections::HashMap;

use ardesk_domain::clock::{MeetingDeadlines, MilestoneId};
use ardesk_domain::compliance::{ComplianceState, Tally, by_date, notice};
use std::path::Path;

use ardesk_domain::dates::{iso, long, parse_iso, parse_user_date, written};
use ardesk_dto::{ComplianceReportDto, ComplianceRowDto, ComplianceTotalDto, LettersWritten};
use chrono::NaiveDate;

use crate::context::initials;
use crate::files::{folder_name, write_atomically};
use crate::prep::{judged_circulation, statutory_invited};
use crate::{App, AppError, ErrorCode};

/// The deadlines the report judges, in its column order, with what each is in words.
const DEADLINES: [(MilestoneId, &str); 4] = [
    (MilestoneId::T07, "Two weeks' notice of the meeting"),
    (MilestoneId::T09, "Advice circulated two weeks before"),
    (MilestoneId::T11, "Report sent to the LA"),
    (MilestoneId::T12, "LA decision within 4 weeks"),
];

impl App {
    /// The compliance report for the reviews whose meeting fell between `from` and `to` (as
    /// typed: DD/MM/YYYY or YYYY-MM-DD, both included; either left blank, the school year's),
    /// judged as of today.
    pub fn compliance_report(&self, from: &str, to: &str) -> Result<ComplianceReportDto, AppError> {
        let today = self.clock.today();
        // Left blank: the school year today falls in (1 September to 31 August).
        let year = ardesk_domain::ncy::academic_year_start(today);
        let day = |field, label, raw: &str, blank: Option<NaiveDate>| match blank
            .filter(|_| raw.trim().is_empty())
        {
            Some(d) => Ok(d),
            None => parse_user_date(field, label, raw).map_err(|p| AppError::from(vec![p])),
        };
        let from = day("from", "The period's first day", from, NaiveDate::from_ymd_opt(year, 9, 1))?;
        let to = day("to", "The period's last day", to, NaiveDate::from_ymd_opt(year + 1, 8, 31))?;
        if to < from {
            return Err(AppError::new(
                ErrorCode::Validation,
                "The period ends before it begins: swap the dates.",
            ));
        }
        let children: HashMap<_, _> = self.store.children()?.into_iter().map(|c| (c.id, c)).collect();
        let mut tallies = [Tally::default(); 4];
        let mut rows = Vec::new();
        for (child_id, review) in self.store.reviews_meeting_between(from, to)? {
            let (Some(meeting), Some(child)) = (review.meeting_date, children.get(&child_id)) else {
                continue;
            };
            let profile = self.profile_on(&child.record.la_id, meeting)?;
            let due = MeetingDeadlines::of(meeting, &profile.timings);
            let invited = statutory_invited(&self.store.invitees(review.id)?);
            // Nobody recorded as invited: late once the notice day has passed.
            let t07 = if invited.is_empty() {
                by_date(Some(due.notice), None, today)
            } else {
                notice(Some(due.notice), true, &invited, &self.cal.holidays, today).state
            };
            let circulated = self.store.circulation(review.id)?;
            let checklist = self.store.checklist(review.id)?;
            let t09 =
                judged_circulation(Some(due.circulate), true, circulated.as_ref(), &checklist, today).state;
            let t11 = by_date(Some(due.report), review.submitted_on, today);
            let t12 = by_date(Some(due.decision), review.decision.map(|d| d.on), today);
            let states: [ComplianceState; 4] = [t07, t09, t11, t12];
            for (tally, state) in tallies.iter_mut().zip(states) {
                tally.add(state);
            }
            let [t07, t09, t11, t12] = states.map(|s| s.report_code().to_owned());
            rows.push(ComplianceRowDto {
                review_id: review.id.0,
                child_id: child_id.0,
                initials: initials(&child.record),
                la_name: profile.name.clone(),
                meeting: iso(meeting),
                t07,
                t09,
                t11,
                t12,
            });
        }
        let totals = DEADLINES
            .iter()
            .zip(tallies)
            .map(|((id, title), t)| ComplianceTotalDto {
                milestone: id.code().to_owned(),
                title: (*title).to_owned(),
                met: t.met,
                late: t.late,
                pending: t.pending,
                not_applicable: t.not_applicable,
                percent_met: t.percent_met(),
            })
            .collect();
        let period = format!("{} to {}", long(from), long(to));
        Ok(ComplianceReportDto { from: iso(from), to: iso(to), period, rows, totals })
    }

    /// The report for `from`..`to` written in `folder` for the head and governors: a PDF (the
    /// totals as a chart and a table, then each review) and the same as CSV. Named by the
    /// period only.
    pub fn save_compliance(&self, from: &str, to: &str, folder: &Path) -> Result<LettersWritten, AppError> {
        let report = self.compliance_report(from, to)?;
        let school = self.store.school()?.map(|s| s.name).unwrap_or_else(|| "The school".to_owned());
        let day = |d: &str| parse_iso(d).map(written).unwrap_or_default();
        let label = |code: &str| match code {
            "met" => "met",
            "late" => "LATE",
            "pending" => "pending",
            _ => "—",
        };
        let doc = ardesk_documents::compliance::ComplianceDoc {
            school_name: school,
            period: format!("{} to {}", day(&report.from), day(&report.to)),
            totals: report
                .totals
                .iter()
                .map(|t| ardesk_documents::compliance::DeadlineTotals {
                    code: t.milestone.clone(),
                    title: t.title.clone(),
                    met: t.met,
                    late: t.late,
                    pending: t.pending,
                    on_time: t.percent_met,
                })
                .collect(),
            rows: report
                .rows
                .iter()
                .map(|r| {
                    let mut row = vec![r.meeting.clone(), r.initials.clone(), r.la_name.clone()];
                    row.extend([&r.t07, &r.t09, &r.t11, &r.t12].map(|c| label(c).to_owned()));
                    row
                })
                .collect(),
            created: self.clock.now(),
        };
        let pdf = ardesk_documents::compliance::render_compliance_pdf(&doc).map_err(|e| {
            AppError::new(ErrorCode::Storage, format!("The report could not be produced: {e}"))
        })?;
        let stem = format!("compliance-{}-to-{}", report.from, report.to);
        let mut files = Vec::new();
        for (ext, bytes) in [("pdf", pdf), ("csv", compliance_csv(&report)?)] {
            let name = format!("{stem}.{ext}");
            write_atomically(&folder.join(&name), &bytes)?;
            files.push(name);
        }
        Ok(LettersWritten { folder: folder_name(folder), files, withheld: Vec::new() })
    }
}

/// The report as CSV for a spreadsheet: one row per review, in meeting order.
pub fn compliance_csv(report: &ComplianceReportDto) -> Result<Vec<u8>, AppError> {
    let failed =
        |e: csv::Error| AppError::new(ErrorCode::Io, format!("The report could not be written: {e}"));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["MeetingDate", "ChildInitials", "LA", "T07", "T09", "T11", "T12", "ReviewId"])
        .map_err(failed)?;
    for r in &report.rows {
        let id = r.review_id.to_string();
        let cells = [&r.meeting, &r.initials, &r.la_name, &r.t07, &r.t09, &r.t11, &r.t12, &id];
        w.write_record(cells.map(|c| crate::files::spreadsheet_safe(c))).map_err(failed)?;
    }
    w.into_inner().map_err(|e| AppError::new(ErrorCode::Io, format!("The report could not be written: {e}")))
}
