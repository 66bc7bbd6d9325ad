//! The one API of Annual Review Desk.
//!
//! Each public method of [`App`] is one use-case: it parses what the user gave, runs the domain
//! rules, performs at most one store transaction (which writes the audit row) and returns a DTO.
//! The Tauri shell and the `ardesk` CLI call these methods and nothing else, so both always
//! behave the same.

mod after;
mod amendments;
pub mod backups;
mod bundle;
mod clock;
mod convert;
mod error;
mod meeting;
mod prep;
mod reviews;

use std::path::{Path, PathBuf};

use ardesk_domain::calendar::{BankHolidays, SchoolCalendar, format_terms, parse_terms};
use ardesk_domain::child;
use ardesk_domain::clock::{ClockInput, Transfers};
use ardesk_domain::demo;
use ardesk_domain::follow_up::ActionStatus;
use ardesk_domain::ids::ChildId;
use ardesk_domain::la::{LaCatalogue, LaProfile};
use ardesk_domain::review::{Review, ReviewStage};
use ardesk_dto::{
    AppInfo, CalendarSettings, CaseloadRow, ChildDetail, ChildForm, ChildSummary, ChildTimeline, ErrorCode,
    Exported, LaOption, ProfileSummary, Saved, TimelineEntry, TimelineReport,
};
use ardesk_store::{Action, ChildRow, Store, StoreError, StoredChild};
use chrono::NaiveDate;
use reviews::Calendars;

pub use amendments::MODES as AMENDMENT_MODES;
pub use bundle::{verify_bundle, verify_bundle_file, write_bundle_zip};
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::AppError;
pub use prep::LetterFormat;

/// The folder (inside the OS's local application-data directory) that holds the database.
pub const DATA_DIR_NAME: &str = "annual-review-desk";
/// The database file name inside [`DATA_DIR_NAME`].
pub const DB_FILE_NAME: &str = "ardesk.sqlite3";
/// The size of the demo caseload the window loads.
pub const DEMO_SIZE: usize = ardesk_domain::demo::STANDARD_SIZE;

/// The database both the desktop app and the CLI use when none is named:
/// `$XDG_DATA_HOME/annual-review-desk/ardesk.sqlite3` on Linux (usually under
/// `~/.local/share`), `%LOCALAPPDATA%\annual-review-desk\…` on Windows.
pub fn default_db_path() -> Result<PathBuf, AppError> {
    dirs::data_local_dir().map(|dir| dir.join(DATA_DIR_NAME).join(DB_FILE_NAME)).ok_or_else(|| {
        AppError::new(
            ErrorCode::Io,
            "Could not find this computer's application-data folder. Name a database file with --db.",
        )
    })
}

/// The operating-system account using the app, recorded in the audit table.
pub fn os_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// What a demo review past planning has already recorded.
#[derive(Debug)]
struct DemoPaperwork {
    invitees: Vec<ardesk_domain::invitees::Invitee>,
    docs: Vec<ardesk_domain::paperwork::Expected>,
    invited: NaiveDate,
    circulated: Option<NaiveDate>,
}

/// How many demo records ready to send have all their reports attached.
const DEMO_ATTACHED_REVIEWS: usize = 4;
/// A real password-protected PDF (qpdf, AES-256; `tests/fixtures/make-fixtures.sh`).
const DEMO_PROTECTED_PDF: &[u8] = include_bytes!("../demo/protected-report.pdf");

/// An open caseload.
#[derive(Debug)]
pub struct App {
    store: Store,
    /// LA profiles, bank holidays and term dates: loaded at open, reloaded after each change.
    cal: Calendars,
    clock: Box<dyn Clock>,
    actor: String,
    /// A plan document read for import, kept until the SENCO confirms its sections.
    pending_plan: Option<(ChildId, String, Vec<u8>)>,
    /// Today's backup (`None` while the caseload is empty), or why it failed; `None` in memory.
    backup: Option<Result<Option<PathBuf>, String>>,
}

fn builtin_las() -> Result<LaCatalogue, AppError> {
    LaCatalogue::builtin().map_err(|p| AppError::new(ErrorCode::Unavailable, p.message))
}

/// The shipped LA profiles with the school's edited ones in their place. A stored profile that
/// no longer validates (say, after an upgrade tightened a rule) is left out, so the shipped one
/// applies, rather than stopping the app.
fn catalogue(store: &Store) -> Result<LaCatalogue, AppError> {
    let custom = store
        .custom_profiles()?
        .into_iter()
        .filter_map(|(id, json)| LaProfile::parse(&format!("{id} (edited)"), &json).ok())
        .collect();
    Ok(builtin_las()?.with_custom(custom))
}

fn calendars(store: &Store) -> Result<Calendars, AppError> {
    let imported = store.imported_bank_holidays()?;
    let holidays = BankHolidays::embedded().merged_with(&BankHolidays::from_dates(imported));
    Ok(Calendars { las: catalogue(store)?, holidays, school: store.school_calendar()? })
}

pub(crate) fn row_of(c: StoredChild) -> ChildRow {
    ChildRow {
        id: c.id,
        record: c.record,
        last_review_decision: c.plan.last_review_decision,
        review: c.review,
    }
}

/// `ardesk scan`: the password, encryption and macro verdict on each file, read from disk. A
/// file that cannot be read is "unreadable"; one over `limit` bytes is not read at all.
pub fn scan_files(paths: &[PathBuf], limit: u64) -> Vec<ardesk_dto::ScanResult> {
    paths
        .iter()
        .map(|path| {
            let file = path.display().to_string();
            let result =
                |verdict: &str, detail: String, credentials: Option<String>| ardesk_dto::ScanResult {
                    file: file.clone(),
                    verdict: verdict.to_owned(),
                    detail,
                    credentials,
                };
            match std::fs::metadata(path) {
                Err(e) => result("unreadable", format!("cannot be opened: {e}"), None),
                Ok(m) if m.len() > limit => result(
                    "too_large",
                    format!("{} MB, over the {} MB limit", m.len().div_ceil(1 << 20), limit >> 20),
                    None,
                ),
                Ok(_) => match std::fs::read(path) {
                    Err(e) => result("unreadable", format!("cannot be read: {e}"), None),
                    Ok(bytes) => {
                        let scan = ardesk_intake::scan(&bytes, limit);
                        result(scan.verdict.code(), scan.verdict.detail().to_owned(), scan.credentials)
                    }
                },
            }
        })
        .collect()
}

/// `ardesk timeline`: the clock of one review cycle from its inputs alone, with the shipped LA
/// profiles and bank holidays (no database, no term dates).
pub fn timeline_report(
    anchor: NaiveDate,
    dob: NaiveDate,
    meeting: Option<NaiveDate>,
    la: &str,
    today: NaiveDate,
) -> Result<TimelineReport, AppError> {
    let las = builtin_las()?;
    let profile = las.at(la, meeting.unwrap_or(today)).ok_or_else(|| {
        let known: Vec<&str> = las.current().iter().map(|p| p.id.as_str()).collect();
        AppError::new(ErrorCode::Validation, format!("unknown LA \"{la}\" (known: {})", known.join(", ")))
    })?;
    let input =
        ClockInput { anchor, dob, ncy_offset: 0, meeting, profile, transfers: Transfers::default(), today };
    let tl = ardesk_domain::clock::timeline(&input, &BankHolidays::embedded(), &SchoolCalendar::default())
        .map_err(|e| AppError::new(ErrorCode::Validation, e.to_string()))?;
    Ok(TimelineReport {
        ncy: tl.ncy,
        pfa_required: tl.pfa_required,
        milestones: tl
            .milestones
            .into_iter()
            .map(|m| TimelineEntry {
                id: m.id.code().to_owned(),
                date: m.date.to_string(),
                due: m.due.to_string(),
                why: m.why,
                source: m.source,
            })
            .collect(),
    })
}

impl App {
    /// Opens the database at `path` (creating it if needed).
    ///
    /// A damaged database is refused untouched, with the way back from the newest backup. On
    /// the first open of each day the database is backed up (see [`backups`]); a backup that
    /// fails does not stop the app, and [`App::info`] says why.
    pub fn open(path: &Path, clock: Box<dyn Clock>, actor: impl Into<String>) -> Result<App, AppError> {
        let store = Store::open(path).map_err(|e| {
            let damaged = matches!(e, StoreError::Damaged { .. } | StoreError::Unreadable { .. });
            let mut error = AppError::from(e);
            if damaged {
                error.message.push_str(&backups::restore_hint(path));
            }
            error
        })?;
        let cal = calendars(&store)?;
        let backup = backups::daily(&store, path, clock.today()).map_err(|e| e.message);
        Ok(App { store, cal, clock, actor: actor.into(), pending_plan: None, backup: Some(backup) })
    }

    /// A caseload held in memory only (tests, benchmarks).
    pub fn in_memory(clock: Box<dyn Clock>) -> Result<App, AppError> {
        let store = Store::open_in_memory()?;
        let cal = calendars(&store)?;
        Ok(App { store, cal, clock, actor: "test".to_owned(), pending_plan: None, backup: None })
    }

    pub fn info(&self) -> Result<AppInfo, AppError> {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            database: self
                .store
                .path()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "(in memory)".to_owned()),
            child_count: self.store.child_count()?,
            backup: match &self.backup {
                Some(Ok(Some(path))) => format!(
                    "Backed up today to {}. The newest {} daily copies are kept.",
                    path.display(),
                    backups::KEEP
                ),
                Some(Ok(None)) => {
                    "No backup has been made today: the caseload was empty when Annual Review Desk \
                     started. The first start of each day with children on the caseload makes one."
                        .to_owned()
                }
                Some(Err(why)) => format!("Today's backup failed: {why}"),
                None => "This caseload is held in memory and is not backed up.".to_owned(),
            },
            school: self.store.school()?.map(|s| s.name),
            las: self
                .cal
                .las
                .current()
                .into_iter()
                .map(|p| LaOption { id: p.id.clone(), name: p.name.clone() })
                .collect(),
        })
    }

    /// Loads the synthetic demo caseload of `size` children in one transaction. Refused when the
    /// caseload already holds real (non-demo) children; a no-op when the demo is already loaded.
    /// Returns the number of children in the demo caseload.
    pub fn load_demo(&mut self, size: usize) -> Result<usize, AppError> {
        if !(1..=demo::MAX_SIZE).contains(&size) {
            return Err(AppError::new(
                ErrorCode::Validation,
                format!("The demo caseload can have 1 to {} children.", demo::MAX_SIZE),
            ));
        }
        let today = self.clock.today();
        let caseload = demo::caseload(today, size);
        let existing = self.store.child_count()?;
        if existing > 0 {
            let is_demo = self.store.school()?.is_some_and(|s| s.urn == caseload.school.urn);
            if is_demo {
                return usize::try_from(existing)
                    .map_err(|_| AppError::new(ErrorCode::Storage, "Too many children."));
            }
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!(
                    "This caseload already has {existing} children, so the demo was not loaded. \
                     Use a new database for the demo (ardesk demo --db NEW_FILE)."
                ),
            ));
        }
        // Reviews past planning already have their invitees, requests for advice and (once the
        // meeting has happened) circulation recorded, as a real caseload would.
        let plans: Vec<Option<DemoPaperwork>> =
            caseload.children.iter().map(|c| self.demo_paperwork(c, &caseload.school.name, today)).collect();
        let action = Action { actor: &self.actor, name: "demo.load", at: self.clock.now() };
        let now = self.clock.now();
        self.store.write(action, |tx| {
            // The first few records ready to send have every report received, so that they
            // export cleanly; the second has its school report sent with a password (V01).
            let mut attached = 0;
            tx.set_school(&caseload.school)?;
            for (c, plan) in caseload.children.iter().zip(&plans) {
                let id = tx.insert_child(&c.record)?;
                tx.set_last_review_decision(id, c.last_review_decision)?;
                for (section, text) in &c.sections {
                    tx.set_section(id, *section, text)?;
                }
                for p in &c.parents {
                    tx.add_parent(id, p)?;
                }
                for p in &c.professionals {
                    tx.add_professional(id, p)?;
                }
                // The review the last decision letter concluded, with its actions' follow-up.
                if let Some(prev) = demo::previous_review(c) {
                    let held = prev.meeting.date;
                    let review = tx.insert_review(
                        id,
                        &Review {
                            meeting: Some(prev.meeting),
                            stage: ReviewStage::Decided,
                            circulated_on: None,
                        },
                    )?;
                    for (key, value) in &prev.actions {
                        tx.set_ar1_field(review, key, value)?;
                    }
                    for row in prev.done {
                        tx.set_follow_up(review, row, ActionStatus::Done, "", held + chrono::Days::new(14))?;
                    }
                    tx.set_decision(review, prev.decision, prev.decided_on)?;
                }
                let review = tx.insert_review(
                    id,
                    &Review { meeting: c.meeting.clone(), stage: c.stage, circulated_on: None },
                )?;
                if let (ReviewStage::Submitted, Some(m)) = (c.stage, &c.meeting) {
                    tx.set_submitted(review, m.date + chrono::Days::new(5))?;
                }
                if let Some(p) = plan {
                    let ids = tx.replace_invitees(review, &p.invitees)?;
                    let items: Vec<(String, String, Option<i64>, Option<NaiveDate>)> = p
                        .docs
                        .iter()
                        .map(|d| {
                            (
                                d.code.to_owned(),
                                d.title.clone(),
                                d.from.and_then(|n| ids.get(n).copied()),
                                None,
                            )
                        })
                        .collect();
                    tx.add_checklist_items(review, &items)?;
                    tx.mark_invited(review, p.invited)?;
                    if let Some(on) = p.circulated {
                        tx.mark_circulated(review, on)?;
                    }
                    // A review ready to submit has its meeting recorded in full, attendance too.
                    if c.stage >= ReviewStage::ReadyToSubmit {
                        for (id, invitee) in ids.iter().zip(&p.invitees) {
                            tx.update_invitee(*id, invitee, demo::attendance(invitee.kind))?;
                        }
                        for (key, value) in demo::ar1_fields(c) {
                            tx.set_ar1_field(review, &key, &value)?;
                        }
                        let items = tx.checklist_codes(review)?;
                        for a in demo::amendments(c) {
                            let evidence: Vec<(i64, String)> = a
                                .evidence
                                .iter()
                                .filter_map(|(code, at)| {
                                    items
                                        .iter()
                                        .find(|(_, c, _)| c == code)
                                        .map(|(id, _, _)| (*id, (*at).to_owned()))
                                })
                                .collect();
                            tx.add_amendment(
                                review,
                                &ardesk_store::AmendmentRow {
                                    section: a.section,
                                    current: &a.current,
                                    proposed: &a.proposed,
                                    reason: &a.reason,
                                    agreed: true,
                                    disagreement: "",
                                    evidence: &evidence,
                                },
                            )?;
                        }
                        if attached < DEMO_ATTACHED_REVIEWS {
                            attached += 1;
                            let received = p.circulated.unwrap_or(today) - chrono::Days::new(1);
                            let name = c.record.display_name();
                            for (item, code, title) in &items {
                                if code == "D10" || code == "D11" {
                                    let views = format!(
                                        "{title} for {name}, recorded by the SENCO in a phone call (synthetic demo text): \
                                         happy with progress in reading; would like more help with friendships."
                                    );
                                    tx.mark_received(*item, received, None, Some(&views))?;
                                    continue;
                                }
                                let (bytes, file) = if attached == 2 && code == "D02" {
                                    (DEMO_PROTECTED_PDF.to_vec(), "school-report-protected.pdf".to_owned())
                                } else {
                                    let body = format!(
                                        "{title} for {name}: a synthetic demo document. Progress towards the outcomes \
                                         in Section E is good in reading and partial in social communication. The \
                                         provision in Section F was delivered as specified."
                                    );
                                    match ardesk_documents::bundle::render_views_pdf(title, &name, &body, now) {
                                        Ok(b) => (b, format!("{}.pdf", title.replace(['/', '(', ')'], ""))),
                                        Err(_) => continue,
                                    }
                                };
                                let sha = format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(&bytes));
                                tx.put_file(&sha, "application/pdf", &bytes)?;
                                let scan = ardesk_intake::scan(&bytes, ardesk_intake::DEFAULT_MAX_BYTES);
                                tx.set_file_scan(&sha, scan.verdict.code(), scan.verdict.detail())?;
                                tx.mark_received(*item, received, Some((&sha, &file)), None)?;
                            }
                        }
                    }
                }
            }
            tx.touch_none();
            Ok(())
        })?;
        Ok(caseload.children.len())
    }

    /// For a demo review past planning: its invitees and checklist, when invitations went, and
    /// when the papers were circulated (for reviews whose meeting has happened).
    fn demo_paperwork(&self, c: &demo::DemoChild, school: &str, today: NaiveDate) -> Option<DemoPaperwork> {
        let meeting = c.meeting.as_ref()?;
        if c.stage < ReviewStage::InvitationsSent {
            return None;
        }
        let row = ChildRow {
            id: ChildId(0),
            record: c.record.clone(),
            last_review_decision: c.last_review_decision,
            review: Some(ardesk_store::StoredReview {
                id: ardesk_domain::ids::ReviewId(0),
                review: Review { meeting: Some(meeting.clone()), stage: c.stage, circulated_on: None },
            }),
        };
        let cycle = self.cal.cycle(&row, today).ok()?;
        let timeline = cycle.timeline.ok()?;
        let (invitees, docs) = prep::plan_invitees(
            &c.record,
            &c.parents,
            &c.professionals,
            meeting.date,
            Some(&timeline),
            cycle.profile,
            school,
        );
        let due = |id| timeline.get(id).map(|m| m.due);
        let invited = due(ardesk_domain::clock::MilestoneId::T06)?.min(today);
        let circulated = (c.stage >= ReviewStage::MeetingHeld)
            .then(|| due(ardesk_domain::clock::MilestoneId::T09))
            .flatten();
        Some(DemoPaperwork { invitees, docs, invited, circulated })
    }

    /// The caseload, ordered by surname.
    pub fn children(&self) -> Result<Vec<ChildSummary>, AppError> {
        let today = self.clock.today();
        Ok(self.store.children()?.iter().map(|row| convert::summary(row, &self.cal.las, today)).collect())
    }

    pub fn child(&self, id: i64) -> Result<ChildDetail, AppError> {
        let stored = self.store.child(ChildId(id))?;
        Ok(convert::detail(&stored, &self.cal.las, self.clock.today()))
    }

    /// Validates the form and adds the child, with a review in planning.
    pub fn create_child(&mut self, form: ChildForm) -> Result<Saved, AppError> {
        let record = child::validate(&convert::input(form), &self.cal.las, self.clock.today())?;
        let action = Action { actor: &self.actor, name: "child.create", at: self.clock.now() };
        let id = self.store.write(action, |tx| {
            let id = tx.insert_child(&record)?;
            tx.insert_review(id, &Review::planning())?;
            Ok(id)
        })?;
        Ok(Saved { id: id.0 })
    }

    pub fn update_child(&mut self, id: i64, form: ChildForm) -> Result<Saved, AppError> {
        let record = child::validate(&convert::input(form), &self.cal.las, self.clock.today())?;
        let action = Action { actor: &self.actor, name: "child.update", at: self.clock.now() };
        self.store.write(action, |tx| tx.update_child(ChildId(id), &record))?;
        Ok(Saved { id })
    }

    /// Deletes the child and everything recorded about them.
    pub fn delete_child(&mut self, id: i64) -> Result<(), AppError> {
        let action = Action { actor: &self.actor, name: "child.delete", at: self.clock.now() };
        self.store.write(action, |tx| tx.delete_child(ChildId(id)))?;
        Ok(())
    }

    /// Writes a consistent copy of the database to `out` (SQLite online backup).
    pub fn backup(&self, out: &Path) -> Result<(), AppError> {
        Ok(self.store.backup_to(out)?)
    }

    /// The caseload with each review's next step, most urgent first.
    pub fn caseload(&self) -> Result<Vec<CaseloadRow>, AppError> {
        reviews::caseload(&self.store.children()?, &self.cal, self.clock.today())
    }

    /// Every milestone of the child's current review cycle, with its reason.
    pub fn child_timeline(&self, id: i64) -> Result<ChildTimeline, AppError> {
        let row = row_of(self.store.child(ChildId(id))?);
        reviews::child_timeline(&row, &self.cal, self.clock.today())
    }

    /// The file name to offer when saving the child's milestones as a calendar.
    pub fn ics_file_name(&self, id: i64) -> Result<String, AppError> {
        Ok(reviews::ics_file_name(&row_of(self.store.child(ChildId(id))?)))
    }

    /// Writes the child's milestones to `out` as an iCalendar file (one all-day event each).
    pub fn export_ics(&self, id: i64, out: &Path) -> Result<Exported, AppError> {
        let row = row_of(self.store.child(ChildId(id))?);
        let (text, items) = reviews::ics_text(&row, &self.cal, self.clock.today(), self.clock.now())?;
        reviews::write_atomically(out, text.as_bytes())?;
        Ok(reviews::exported(out, items))
    }

    /// The LA profiles, current versions, by name.
    pub fn profiles(&self) -> Vec<ProfileSummary> {
        self.cal
            .las
            .current()
            .into_iter()
            .map(|p| ProfileSummary {
                id: p.id.clone(),
                name: p.name.clone(),
                version: p.version,
                valid_from: ardesk_domain::dates::long(p.valid_from),
                customised: self.cal.las.is_customised(&p.id),
                amendment_mode: p.amendment_mode.label().to_owned(),
                channel: p.submission.channel.label().to_owned(),
            })
            .collect()
    }

    /// The current profile `id` as editable JSON.
    pub fn profile_json(&self, id: &str) -> Result<String, AppError> {
        self.cal
            .las
            .get(id)
            .map(LaProfile::to_json)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("No LA profile \"{id}\".")))
    }

    /// Saves the school's own version of profile `id`. A profile that fails validation is refused
    /// with the field named, and nothing is saved.
    pub fn save_profile(&mut self, id: &str, json: &str) -> Result<(), AppError> {
        if self.cal.las.get(id).is_none() {
            return Err(AppError::new(ErrorCode::NotFound, format!("No LA profile \"{id}\".")));
        }
        let profile = LaProfile::parse("the edited profile", json).map_err(|p| AppError::from(vec![p]))?;
        if profile.id != id {
            return Err(AppError::from(vec![ardesk_domain::Problem::block(
                "profile",
                format!("The edited profile's field `id` is \"{}\", but it must stay \"{id}\".", profile.id),
                "Change `id` back: to add another LA, ask for it to be added to the shipped profiles.",
            )]));
        }
        let action = Action { actor: &self.actor, name: "profile.save", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_custom_profile(id, &profile.to_json()))?;
        self.reload()
    }

    /// Goes back to the shipped version of profile `id`.
    pub fn reset_profile(&mut self, id: &str) -> Result<(), AppError> {
        let action = Action { actor: &self.actor, name: "profile.reset", at: self.clock.now() };
        self.store.write(action, |tx| tx.delete_custom_profile(id))?;
        self.reload()
    }

    /// Adds the England and Wales bank holidays from gov.uk's `bank-holidays.json`.
    /// Returns how many dates were new.
    pub fn import_bank_holidays(&mut self, json: &str) -> Result<usize, AppError> {
        let feed = BankHolidays::from_govuk_json(json).map_err(|p| AppError::from(vec![p]))?;
        let new: Vec<NaiveDate> = feed.dates().filter(|d| !self.cal.holidays.contains(*d)).collect();
        let action = Action { actor: &self.actor, name: "bank_holidays.import", at: self.clock.now() };
        let added = self.store.write(action, |tx| tx.add_bank_holidays(new))?;
        self.reload()?;
        Ok(added)
    }

    /// Replaces the school's term dates with `text` (see `calendar::parse_terms`).
    pub fn set_terms(&mut self, text: &str) -> Result<CalendarSettings, AppError> {
        let calendar = parse_terms(text)?;
        let action = Action { actor: &self.actor, name: "terms.set", at: self.clock.now() };
        self.store.write(action, |tx| tx.set_school_calendar(&calendar))?;
        self.reload()?;
        Ok(self.calendar_settings())
    }

    /// Replaces the term dates with those in a file the user chose: an iCalendar export of the
    /// school's calendar, or the line/CSV format of [`App::set_terms`].
    pub fn import_terms(&mut self, text: &str) -> Result<CalendarSettings, AppError> {
        if !text.trim_start().starts_with("BEGIN:VCALENDAR") {
            return self.set_terms(text);
        }
        let events = ardesk_documents::ics::day_events(text).map_err(|why| {
            AppError::from(vec![ardesk_domain::Problem::block(
                "terms",
                format!("The calendar file could not be read: {why}."),
                "Export the term dates again from the school's calendar, or type them in.",
            )])
        })?;
        let calendar = ardesk_domain::calendar::calendar_from_events(
            events.iter().map(|e| (e.first, e.last, e.summary.as_str())),
        )
        .map_err(|p| AppError::from(vec![p]))?;
        self.set_terms(&format_terms(&calendar))
    }

    /// The term dates in the editable text format.
    pub fn terms_text(&self) -> String {
        format_terms(&self.cal.school)
    }

    pub fn calendar_settings(&self) -> CalendarSettings {
        let s = &self.cal.school;
        CalendarSettings {
            terms: s
                .terms()
                .iter()
                .map(|(a, b)| {
                    format!("{} – {}", ardesk_domain::dates::long(*a), ardesk_domain::dates::long(*b))
                })
                .collect(),
            closures: s.closures().map(ardesk_domain::dates::long).collect(),
            bank_holiday_years: self
                .cal
                .holidays
                .years()
                .map_or_else(|| "none".to_owned(), |(a, b)| format!("{a} to {b}")),
        }
    }

    fn reload(&mut self) -> Result<(), AppError> {
        self.cal = calendars(&self.store)?;
        Ok(())
    }

    /// The empty form for a new child, with the default LA chosen.
    pub fn new_child_form(&self) -> ChildForm {
        ChildForm { la_id: ardesk_domain::la::DEFAULT_LA.to_owned(), ..ChildForm::default() }
    }
}

#[cfg(test)]
mod tests;
