//! The LA's receiving desk (issue 19): a day's bundles checked at once with the hardened
//! `verify`, on every core, and listed as a register ordered by the date each decision is due —
//! the meeting plus the LA's decision period (4 weeks at most, SEND Regulations 2014 reg 20(10)).
//! A zip without a manifest, or a folder of files, is a submission sent without this app (as
//! most schools will send for years): its files are scanned, the documents recognised where
//! they can be, and it "needs a person" — never "valid". Nothing received is changed: each is
//! only read, with bounded memory.

use std::path::{Path, PathBuf};

use ardesk_domain::dates::parse_iso;
use ardesk_domain::la::{LaCatalogue, LaProfile, la_code_of};
use ardesk_dto::{Exported, ReceivedRow, ReceivedVerdict, VerifyReport};
use chrono::{Days, NaiveDate};
use rayon::prelude::*;

use crate::bundle::MANIFEST;
use crate::context::catalogue;
use crate::files::{ReadRefused, exported, write_atomically};
use crate::verify::verify_bundle;
use crate::{App, AppError, ErrorCode};

/// The LA's decision period when the bundle's profile is not known: the law's 4 weeks.
const STATUTORY_DECISION_DAYS: u32 = 28;

/// `ardesk intake`: every bundle in `paths` (a folder's `.zip` files, or a zip given by name),
/// checked in parallel, as register rows ordered by the decision due (the soonest first; those
/// whose meeting date cannot be read last). `received` is the day they arrived; `today` counts
/// the days left.
pub fn receive_bundles(
    paths: &[PathBuf],
    las: &LaCatalogue,
    la: Option<&str>,
    received: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<ReceivedRow>, AppError> {
    let ours = match la {
        Some(id) => Some(las.get(id).ok_or_else(|| {
            AppError::new(
                ErrorCode::Validation,
                format!("There is no LA profile {id:?}. `ardesk profiles --all` lists every LA's."),
            )
        })?),
        None => None,
    };
    let submissions = submissions_in(paths)?;
    let mut rows: Vec<ReceivedRow> = submissions
        .par_iter()
        .map(|s| match s {
            Submission::Bundle(path) if made_by_the_app(path) => {
                let mut row = row(&verify_bundle(path, las), las, received, today);
                if let (Some(ours), Some(theirs)) = (ours, row.la_profile.clone())
                    && theirs != ours.id
                {
                    row.problems.push(format!(
                        "it was made for {}, not {}: check it was meant for this LA",
                        las.name_of(&theirs),
                        ours.name
                    ));
                    row.verdict = ReceivedVerdict::Problems;
                }
                row
            }
            Submission::Bundle(path) | Submission::Folder(path) => loose(path, ours, received),
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.decision_due.is_none(), &a.decision_due, &a.file).cmp(&(
            b.decision_due.is_none(),
            &b.decision_due,
            &b.file,
        ))
    });
    Ok(rows)
}

/// The LA's desk in the window: the register last opened, and the LA it was opened for.
#[derive(Debug, Default)]
pub(crate) struct Desk {
    pub(crate) rows: Vec<ReceivedRow>,
    /// The desk's own LA (its profile id): replies come from it; `None`, from the LA each bundle
    /// was made for.
    pub(crate) la: Option<String>,
}

impl App {
    /// "Received reviews" in the window: the register of what is in `folder`, as of today, for
    /// the desk of `la` (a bundle made for another LA is then a problem), with the LA profiles as
    /// edited in Settings. It is kept for [`App::save_register`] and the replies.
    pub fn receive_folder(
        &mut self,
        folder: &Path,
        la: Option<String>,
    ) -> Result<Vec<ReceivedRow>, AppError> {
        let today = self.clock.today();
        let las = catalogue(&self.store)?;
        let la = la.filter(|id| !id.is_empty());
        let mut rows = receive_bundles(&[folder.to_path_buf()], &las, la.as_deref(), today, today)?;
        let replies = self.store.desk_replies()?;
        for row in &mut rows {
            if let Some((reply, on)) = replies.get(&review_key(row)) {
                row.replied = Some(reply.clone());
                row.replied_on = Some(on.to_string());
            }
        }
        self.received = Desk { rows: rows.clone(), la };
        Ok(rows)
    }

    /// The register's file name: `register-YYYY-MM-DD.csv`.
    pub fn register_file_name(&self) -> String {
        format!("register-{}.csv", self.clock.today())
    }

    /// Writes the register last opened in the window to `path` as CSV, for a spreadsheet.
    pub fn save_register(&self, path: &Path) -> Result<Exported, AppError> {
        if self.received.rows.is_empty() {
            return Err(AppError::new(ErrorCode::NotFound, "Open a folder of received reviews first."));
        }
        write_atomically(path, &register_csv(&self.received.rows)?)?;
        Ok(exported(path, self.received.rows.len()))
    }
}

/// How the desk knows a review again when its folder is opened another day: what its bundle
/// says of it (the LA profile, the child's LA reference or initials, the meeting date, the
/// school's URN), or, sent without the app, the submission's name.
pub(crate) fn review_key(row: &ReceivedRow) -> String {
    match (&row.meeting_date, &row.child_initials) {
        (Some(meeting), Some(initials)) => format!(
            "bundle|{}|{}|{meeting}|{}",
            row.la_profile.as_deref().unwrap_or_default(),
            row.la_ref.as_deref().unwrap_or(initials),
            row.school_urn.as_deref().unwrap_or_default()
        ),
        _ => format!(
            "loose|{}",
            Path::new(&row.file).file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
        ),
    }
}

/// What arrived: a zip, or a folder of loose files.
enum Submission {
    Bundle(PathBuf),
    Folder(PathBuf),
}

/// The submissions named by `paths`: a folder's `.zip` files and its subfolders (each a
/// submission of loose files), in name order; a zip given by name; a folder given that holds
/// neither is itself one submission. A path that cannot be read is refused, naming it.
fn submissions_in(paths: &[PathBuf]) -> Result<Vec<Submission>, AppError> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::symlink_metadata(path).map_err(|e| {
            AppError::new(ErrorCode::NotFound, format!("{} cannot be read: {e}", path.display()))
        })?;
        if !meta.is_dir() {
            out.push(Submission::Bundle(path.clone()));
            continue;
        }
        let mut inside: Vec<(PathBuf, bool)> = std::fs::read_dir(path)
            .map_err(|e| AppError::new(ErrorCode::Io, format!("{} cannot be listed: {e}", path.display())))?
            .flatten()
            .filter_map(|e| {
                let kind = e.file_type().ok()?;
                let p = e.path();
                (kind.is_dir() || (kind.is_file() && is_zip_name(&p))).then_some((p, kind.is_dir()))
            })
            .collect();
        inside.sort();
        if inside.is_empty() && has_files(path) {
            out.push(Submission::Folder(path.clone()));
        }
        for (p, dir) in inside {
            out.push(if dir { Submission::Folder(p) } else { Submission::Bundle(p) });
        }
    }
    Ok(out)
}

fn has_files(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .is_ok_and(|mut d| d.any(|e| e.is_ok_and(|e| e.file_type().is_ok_and(|t| t.is_file()))))
}

fn is_zip_name(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// Whether the zip at `path` is a bundle this app wrote (it holds `manifest.json`); a file that
/// is not a readable zip is left to `verify`, which says why.
fn made_by_the_app(path: &Path) -> bool {
    let Ok(file) = crate::files::open_regular(path) else { return true };
    match zip::ZipArchive::new(std::io::BufReader::new(file)) {
        Ok(zip) => zip.file_names().any(|n| n.is_ok_and(|n| n == MANIFEST)),
        Err(_) => true,
    }
}

/// The most files looked at in a submission sent without the app, the most bytes read from one,
/// and from all of them together.
const MAX_LOOSE_FILES: usize = 200;
const MAX_LOOSE_FILE: u64 = 64 << 20;
const MAX_LOOSE_TOTAL: u64 = 1 << 30;

/// A submission sent without the app (a zip with no manifest, or a folder): each file scanned
/// and recognised where it can be. Its verdict is "needs a person", or "unusable" when nothing
/// in it can be read.
fn loose(path: &Path, la: Option<&LaProfile>, received: NaiveDate) -> ReceivedRow {
    let mut seen = Loose {
        problems: vec![
            "sent without Annual Review Desk (no manifest): a person must check it is complete".to_owned(),
        ],
        budget: MAX_LOOSE_TOTAL,
        ..Loose::default()
    };
    if path.is_dir() {
        seen.folder(path);
    } else {
        seen.zip(path);
    }
    // What the LA requires that nothing sent was recognised as (the tracked-change document is
    // required only with amendments, which cannot be told here).
    let missing = la.map_or_else(Vec::new, |p| {
        p.documents
            .required
            .iter()
            .filter(|code| *code != "D04" && !seen.codes.contains(&code.as_str()))
            .map(|code| ardesk_domain::paperwork::doc_title(code).to_owned())
            .collect()
    });
    ReceivedRow {
        file: path.display().to_string(),
        verdict: if seen.read_any { ReceivedVerdict::NeedsPerson } else { ReceivedVerdict::Unusable },
        la_profile: None,
        la_code: None,
        child_initials: None,
        upn: None,
        need_types: Vec::new(),
        la_ref: None,
        school_name: None,
        school_urn: None,
        meeting_date: None,
        received: received.to_string(),
        decision_due: None,
        review_deadline: None,
        phase_transfer_by: None,
        days_left: None,
        recommendation: None,
        sections_to_amend: Vec::new(),
        requests: Vec::new(),
        looked_after: None,
        missing,
        file_findings: seen.file_findings,
        found: seen.found,
        problems: seen.problems,
        warnings: Vec::new(),
        replied: None,
        replied_on: None,
    }
}

/// What was seen in a submission sent without the app, as its files are read.
#[derive(Default)]
struct Loose {
    found: Vec<String>,
    /// The codes (D01–D17) of what was recognised.
    codes: Vec<&'static str>,
    file_findings: Vec<String>,
    problems: Vec<String>,
    /// Bytes still to be read from it in all.
    budget: u64,
    read_any: bool,
}

impl Loose {
    /// The most one more file may be, within the submission's budget.
    fn cap(&self) -> u64 {
        MAX_LOOSE_FILE.min(self.budget)
    }

    /// Scans one file and recognises what it is.
    fn look(&mut self, name: &str, bytes: &[u8]) {
        self.read_any = true;
        self.budget = self.budget.saturating_sub(u64::try_from(bytes.len()).unwrap_or(u64::MAX));
        let scan = ardesk_intake::scan(bytes, MAX_LOOSE_FILE);
        if scan.verdict != ardesk_intake::Verdict::Ok {
            self.file_findings.push(format!("{name}: {}", scan.verdict.detail()));
        }
        let marks = scan.file_type == Some(ardesk_intake::FileType::Docx)
            && ardesk_intake::review_marks(bytes).is_some_and(|m| m.revisions);
        let text = scan.readable_text(bytes).unwrap_or_default();
        if let Some(code) = ardesk_domain::paperwork::recognise(name, &text, marks) {
            self.found.push(format!("{}: {name}", ardesk_domain::paperwork::doc_title(code)));
            self.codes.push(code);
        }
    }

    fn too_large(&mut self, name: &str) {
        self.problems.push(format!("{name} is too large to check (over {} MB)", self.cap() >> 20));
    }

    /// A folder's files (not its subfolders), in name order.
    fn folder(&mut self, dir: &Path) {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|d| {
                d.flatten().filter(|e| e.file_type().is_ok_and(|t| t.is_file())).map(|e| e.path()).collect()
            })
            .unwrap_or_default();
        files.sort();
        if files.len() > MAX_LOOSE_FILES {
            self.problems
                .push(format!("it holds {} files; the first {MAX_LOOSE_FILES} were checked", files.len()));
        }
        for file in files.iter().take(MAX_LOOSE_FILES) {
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            match crate::files::read_capped(file, self.cap()) {
                Ok(bytes) => self.look(&name, &bytes),
                Err(ReadRefused::TooLarge { .. }) => self.too_large(&name),
                Err(e) => self.problems.push(format!("{name}: the file {e}")),
            }
        }
    }

    /// A zip's entries, each inflated no further than the cap.
    fn zip(&mut self, path: &Path) {
        let opened = crate::files::open_regular(path).map_err(|e| format!("the file {e}")).and_then(|f| {
            zip::ZipArchive::new(std::io::BufReader::new(f))
                .map_err(|e| format!("it cannot be read as a zip: {e}"))
        });
        let mut zip = match opened {
            Ok(zip) => zip,
            Err(why) => return self.problems.push(why),
        };
        if zip.len() > MAX_LOOSE_FILES {
            self.problems
                .push(format!("it holds {} entries; the first {MAX_LOOSE_FILES} were checked", zip.len()));
        }
        for i in 0..zip.len().min(MAX_LOOSE_FILES) {
            let cap = self.cap();
            let Ok(entry) = zip.by_index(i) else {
                self.problems.push(format!("entry {} cannot be read", i + 1));
                continue;
            };
            if entry.is_dir() {
                continue;
            }
            let name =
                entry.name().map(|n| n.rsplit('/').next().unwrap_or_default().to_owned()).unwrap_or_default();
            if entry.encrypted() {
                self.file_findings.push(format!("{name}: it is encrypted inside the zip"));
                continue;
            }
            let mut bytes = Vec::new();
            if std::io::Read::read_to_end(&mut std::io::Read::take(entry, cap + 1), &mut bytes).is_err() {
                self.problems.push(format!("{name} is damaged"));
            } else if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > cap {
                self.too_large(&name);
            } else {
                self.look(&name, &bytes);
            }
        }
    }
}

/// One register row from `verify`'s report.
fn row(report: &VerifyReport, las: &LaCatalogue, received: NaiveDate, today: NaiveDate) -> ReceivedRow {
    let manifest = report.manifest.as_ref();
    let profile = manifest.and_then(|m| las.get(&m.la_profile.id));
    let meeting = manifest.and_then(|m| parse_iso(&m.review.meeting_date));
    let period = profile.map_or(STATUTORY_DECISION_DAYS, |p| {
        p.timings.la_decision_after_meeting_days.min(STATUTORY_DECISION_DAYS)
    });
    let date = |d: Option<&String>| d.and_then(|d| parse_iso(d));
    let deadline = date(manifest.and_then(|m| m.review.review_deadline.as_ref()));
    let due = match (meeting.and_then(|m| m.checked_add_days(Days::new(u64::from(period)))), deadline) {
        (Some(due), Some(deadline)) => Some(due.min(deadline)),
        (due, _) => due,
    };
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
        upn: manifest.and_then(|m| m.child.upn.clone()),
        need_types: manifest.map(|m| m.child.need_types.clone()).unwrap_or_default(),
        la_ref: manifest.and_then(|m| m.child.la_ref.clone()),
        school_name: manifest.and_then(|m| m.school.as_ref()).map(|s| s.name.clone()),
        school_urn: manifest.and_then(|m| m.school.as_ref()).and_then(|s| s.urn.clone()),
        meeting_date: meeting.map(|d| d.to_string()),
        received: received.to_string(),
        decision_due: due.map(|d| d.to_string()),
        review_deadline: deadline.map(|d| d.to_string()),
        phase_transfer_by: date(manifest.and_then(|m| m.review.phase_transfer_by.as_ref()))
            .map(|d| d.to_string()),
        days_left: due.map(|d| (d - today).num_days()),
        recommendation: manifest.and_then(|m| m.review.recommendation.clone()),
        sections_to_amend: manifest.map(|m| m.review.sections_to_amend.clone()).unwrap_or_default(),
        requests: manifest.map(|m| m.review.requests.clone()).unwrap_or_default(),
        looked_after: manifest.map(|m| m.child.looked_after),
        missing: of(&["V10"]),
        file_findings,
        found: Vec::new(),
        problems: report.problems.clone(),
        warnings: report.warnings.clone(),
        replied: None,
        replied_on: None,
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
        "ReviewDeadline",
        "Verdict",
        "MeetingDate",
        "DateReceived",
        "ChildInitials",
        "UPN",
        "NeedTypes",
        "LAReference",
        "LACode",
        "LAProfile",
        "SchoolName",
        "URN",
        "Recommendation",
        "SectionsToAmend",
        "Requests",
        "LookedAfter",
        "PhaseTransferBy",
        "MissingDocuments",
        "FileFindings",
        "DocumentsFound",
        "Problems",
        "ReplyDrafted",
        "File",
    ])
    .map_err(failed)?;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    for r in rows {
        let record = [
            opt(&r.decision_due),
            r.days_left.map(|d| d.to_string()).unwrap_or_default(),
            opt(&r.review_deadline),
            r.verdict.code().to_owned(),
            opt(&r.meeting_date),
            r.received.clone(),
            opt(&r.child_initials),
            opt(&r.upn),
            r.need_types.join("; "),
            opt(&r.la_ref),
            opt(&r.la_code),
            opt(&r.la_profile),
            opt(&r.school_name),
            opt(&r.school_urn),
            opt(&r.recommendation),
            r.sections_to_amend.join("; "),
            r.requests.join("; "),
            r.looked_after.map(|b| if b { "Y" } else { "N" }.to_owned()).unwrap_or_default(),
            opt(&r.phase_transfer_by),
            r.missing.join("; "),
            r.file_findings.join("; "),
            r.found.join("; "),
            r.problems.join("; "),
            opt(&r.replied),
            r.file.clone(),
        ];
        w.write_record(record.iter().map(|c| crate::files::spreadsheet_safe(c))).map_err(failed)?;
    }
    w.into_inner()
        .map_err(|e| AppError::new(ErrorCode::Io, format!("The register could not be written: {e}")))
}
