//! The LA's receiving desk (issue 19): a day's bundles checked at once with the hardened
//! `verify`, on every core, and listed as a register ordered by the date each decision is due —
//! the meeting plus the LA's decision period (4 weeks at most, SEND Regulations 2014 reg 20(10)).
//! Nothing in a bundle is changed: each is only read.

use std::path::{Path, PathBuf};

use ardesk_domain::la::{LaCatalogue, la_code_of};
use ardesk_dto::{ReceivedRow, ReceivedVerdict, VerifyReport};
use chrono::{Days, NaiveDate};
use rayon::prelude::*;

use crate::context::builtin_las;
use crate::verify::verify_bundle;
use crate::{AppError, ErrorCode};

/// The LA's decision period when the bundle's profile is not known: the law's 4 weeks.
const STATUTORY_DECISION_DAYS: u32 = 28;

/// `ardesk intake`: every bundle in `paths` (a folder's `.zip` files, or a zip given by name),
/// checked in parallel, as register rows ordered by the decision due (the soonest first; those
/// whose meeting date cannot be read last). `received` is the day they arrived; `today` counts
/// the days left.
pub fn receive_bundles(
    paths: &[PathBuf],
    received: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<ReceivedRow>, AppError> {
    let las = builtin_las()?;
    let bundles = bundles_in(paths)?;
    let mut rows: Vec<ReceivedRow> =
        bundles.par_iter().map(|path| row(&verify_bundle(path, &las), &las, received, today)).collect();
    rows.sort_by(|a, b| {
        (a.decision_due.is_none(), &a.decision_due, &a.file).cmp(&(
            b.decision_due.is_none(),
            &b.decision_due,
            &b.file,
        ))
    });
    Ok(rows)
}

/// The bundles named by `paths`: a folder's `.zip` files (not its subfolders), in name order,
/// or a file itself. A path that is neither is refused, naming it.
fn bundles_in(paths: &[PathBuf]) -> Result<Vec<PathBuf>, AppError> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::symlink_metadata(path).map_err(|e| {
            AppError::new(ErrorCode::NotFound, format!("{} cannot be read: {e}", path.display()))
        })?;
        if meta.is_dir() {
            let mut zips: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| {
                    AppError::new(ErrorCode::Io, format!("{} cannot be listed: {e}", path.display()))
                })?
                .flatten()
                .map(|e| e.path())
                .filter(|p| is_zip_name(p) && p.is_file())
                .collect();
            zips.sort();
            out.extend(zips);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn is_zip_name(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// One register row from `verify`'s report.
fn row(report: &VerifyReport, las: &LaCatalogue, received: NaiveDate, today: NaiveDate) -> ReceivedRow {
    let manifest = report.manifest.as_ref();
    let profile = manifest.and_then(|m| las.get(&m.la_profile.id));
    let meeting = manifest.and_then(|m| NaiveDate::parse_from_str(&m.review.meeting_date, "%Y-%m-%d").ok());
    let period = profile.map_or(STATUTORY_DECISION_DAYS, |p| {
        p.timings.la_decision_after_meeting_days.min(STATUTORY_DECISION_DAYS)
    });
    let due = meeting.and_then(|m| m.checked_add_days(Days::new(u64::from(period))));
    let of = |rules: &[&str]| -> Vec<String> {
        report
            .findings
            .iter()
            .filter(|f| rules.contains(&f.rule.as_str()))
            .map(|f| f.document.clone().unwrap_or_else(|| f.message.clone()))
            .collect()
    };
    let file_findings = report
        .findings
        .iter()
        .filter(|f| ["V01", "V03", "V14"].contains(&f.rule.as_str()))
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect();
    ReceivedRow {
        file: report.bundle.clone(),
        verdict: if report.unusable {
            ReceivedVerdict::Unusable
        } else if report.valid {
            ReceivedVerdict::Valid
        } else {
            ReceivedVerdict::Problems
        },
        la_profile: manifest.map(|m| m.la_profile.id.clone()),
        la_code: manifest.and_then(|m| la_code_of(&m.la_profile.id)).map(|c| format!("{c:03}")),
        child_initials: manifest.map(|m| m.child.initials.clone()),
        la_ref: manifest.and_then(|m| m.child.la_ref.clone()),
        school_name: manifest.and_then(|m| m.school.as_ref()).map(|s| s.name.clone()),
        school_urn: manifest.and_then(|m| m.school.as_ref()).and_then(|s| s.urn.clone()),
        meeting_date: meeting.map(|d| d.to_string()),
        received: received.to_string(),
        decision_due: due.map(|d| d.to_string()),
        days_left: due.map(|d| (d - today).num_days()),
        recommendation: manifest.and_then(|m| m.review.recommendation.clone()),
        sections_to_amend: manifest.map(|m| m.review.sections_to_amend.clone()).unwrap_or_default(),
        requests: manifest.map(|m| m.review.requests.clone()).unwrap_or_default(),
        looked_after: manifest.map(|m| m.child.looked_after),
        missing: of(&["V10"]),
        file_findings,
        problems: report.problems.clone(),
        warnings: report.warnings.clone(),
    }
}

/// The register as CSV for a spreadsheet: a header row, then one row per bundle, lists joined
/// with "; ". Cells that a spreadsheet would read as a formula are prefixed with an apostrophe.
pub fn register_csv(rows: &[ReceivedRow]) -> Result<Vec<u8>, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let failed =
        |e: csv::Error| AppError::new(ErrorCode::Io, format!("The register could not be written: {e}"));
    w.write_record([
        "DecisionDue",
        "DaysLeft",
        "Verdict",
        "MeetingDate",
        "DateReceived",
        "ChildInitials",
        "LAReference",
        "LACode",
        "LAProfile",
        "SchoolName",
        "URN",
        "Recommendation",
        "SectionsToAmend",
        "Requests",
        "LookedAfter",
        "MissingDocuments",
        "FileFindings",
        "Problems",
        "File",
    ])
    .map_err(failed)?;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    for r in rows {
        let record = [
            opt(&r.decision_due),
            r.days_left.map(|d| d.to_string()).unwrap_or_default(),
            r.verdict.code().to_owned(),
            opt(&r.meeting_date),
            r.received.clone(),
            opt(&r.child_initials),
            opt(&r.la_ref),
            opt(&r.la_code),
            opt(&r.la_profile),
            opt(&r.school_name),
            opt(&r.school_urn),
            opt(&r.recommendation),
            r.sections_to_amend.join("; "),
            r.requests.join("; "),
            r.looked_after.map(|b| if b { "Y" } else { "N" }.to_owned()).unwrap_or_default(),
            r.missing.join("; "),
            r.file_findings.join("; "),
            r.problems.join("; "),
            r.file.clone(),
        ];
        w.write_record(record.iter().map(|c| spreadsheet_safe(c))).map_err(failed)?;
    }
    w.into_inner()
        .map_err(|e| AppError::new(ErrorCode::Io, format!("The register could not be written: {e}")))
}

/// `text` as a spreadsheet cell that cannot run: text from a bundle beginning `=`, `+`, `-`, `@`
/// or a control character would be read as a formula (CSV injection), so it gets a leading
/// apostrophe. Negative day counts are numbers, not text, and are kept.
fn spreadsheet_safe(text: &str) -> String {
    let number = text.parse::<i64>().is_ok();
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !number => format!("'{text}"),
        _ => text.to_owned(),
    }
}
