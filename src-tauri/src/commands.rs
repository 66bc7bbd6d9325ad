//! The commands the window may call. Each takes plain values or IDs (never paths), opens a
//! native dialog where the user must choose a file, makes one `ardesk_app::App` call and maps
//! the result to the DTO contract. Every command is named once, in `command_table.rs`: the
//! build script, the window's capability, the handler list below and the test of the UI's
//! client all come from that table.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use ardesk_app::LetterFormat;
use ardesk_app::{App, AppError, SystemClock};
use ardesk_dto::{
    AfterMeetingDto, AmendmentForm, AmendmentPreview, AmendmentsDto, AppInfo, BundleCheckDto, BundleProgress,
    CalendarSettings, CaseloadRow, ChildDetail, ChildForm, ChildTimeline, DecisionForm, ErrorCode, ErrorDto,
    Exported, InviteeForm, LetterTemplateDto, LettersWritten, MeetingForm, PlanImportDto, PlanSection,
    ProfileSummary, ReviewPrep, Saved, SchoolForm, TrackedActionDto, VerifyReport,
};
use tauri::State;

use crate::dialogs;

/// Serves every command of the table.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    macro_rules! commands {
        ($($command:ident),* $(,)?) => {
            tauri::generate_handler![$($command),*]
        };
    }
    include!("command_table.rs")
}

fn cancelled() -> ErrorDto {
    ErrorDto { code: ErrorCode::Cancelled, message: "Cancelled.".to_owned(), problems: Vec::new() }
}

/// The open caseload, or why it could not be opened (shown in the window instead of crashing).
pub struct Backend(Mutex<Result<App, ErrorDto>>);

impl Backend {
    pub fn open() -> Backend {
        let app = ardesk_app::default_db_path()
            .and_then(|path| App::open(&path, Box::new(SystemClock), ardesk_app::os_user()))
            .map_err(ErrorDto::from);
        Backend(Mutex::new(app))
    }

    fn with<T>(&self, f: impl FnOnce(&mut App) -> Result<T, AppError>) -> Result<T, ErrorDto> {
        let mut guard = self.0.lock().map_err(|_| ErrorDto {
            code: ErrorCode::Unavailable,
            message: "Annual Review Desk hit an internal error. Restart it: everything saved is safe."
                .to_owned(),
            problems: Vec::new(),
        })?;
        match guard.as_mut() {
            Ok(app) => f(app).map_err(ErrorDto::from),
            Err(e) => Err(e.clone()),
        }
    }
}

#[tauri::command(async)]
pub fn app_info(backend: State<'_, Backend>) -> Result<AppInfo, ErrorDto> {
    backend.with(|app| app.info())
}

#[tauri::command(async)]
pub fn load_demo(backend: State<'_, Backend>) -> Result<usize, ErrorDto> {
    backend.with(|app| app.load_demo(ardesk_app::DEMO_SIZE))
}

#[tauri::command(async)]
pub fn get_child(backend: State<'_, Backend>, id: i64) -> Result<ChildDetail, ErrorDto> {
    backend.with(|app| app.child(id))
}

#[tauri::command(async)]
pub fn new_child_form(backend: State<'_, Backend>) -> Result<ChildForm, ErrorDto> {
    backend.with(|app| Ok(app.new_child_form()))
}

#[tauri::command(async)]
pub fn create_child(backend: State<'_, Backend>, form: ChildForm) -> Result<Saved, ErrorDto> {
    backend.with(|app| app.create_child(form))
}

#[tauri::command(async)]
pub fn update_child(backend: State<'_, Backend>, id: i64, form: ChildForm) -> Result<Saved, ErrorDto> {
    backend.with(|app| app.update_child(id, form))
}

#[tauri::command(async)]
pub fn delete_child(backend: State<'_, Backend>, id: i64) -> Result<(), ErrorDto> {
    backend.with(|app| app.delete_child(id))
}

#[tauri::command(async)]
pub fn caseload(backend: State<'_, Backend>) -> Result<Vec<CaseloadRow>, ErrorDto> {
    backend.with(|app| app.caseload())
}

#[tauri::command(async)]
pub fn child_timeline(backend: State<'_, Backend>, id: i64) -> Result<ChildTimeline, ErrorDto> {
    backend.with(|app| app.child_timeline(id))
}

/// Asks where to save, then writes the child's milestones there as an .ics calendar.
#[tauri::command(async)]
pub fn export_ics(backend: State<'_, Backend>, id: i64) -> Result<Exported, ErrorDto> {
    let name = backend.with(|app| app.ics_file_name(id))?;
    let path = dialogs::save("Save the review milestones as a calendar", &name, ("Calendar", &["ics"]))
        .ok_or_else(cancelled)?;
    backend.with(|app| app.export_ics(id, &path))
}

#[tauri::command(async)]
pub fn profiles(backend: State<'_, Backend>) -> Result<Vec<ProfileSummary>, ErrorDto> {
    backend.with(|app| Ok(app.profiles()))
}

#[tauri::command(async)]
pub fn profile_json(backend: State<'_, Backend>, id: String) -> Result<String, ErrorDto> {
    backend.with(|app| app.profile_json(&id))
}

#[tauri::command(async)]
pub fn save_profile(backend: State<'_, Backend>, id: String, json: String) -> Result<(), ErrorDto> {
    backend.with(|app| app.save_profile(&id, &json))
}

#[tauri::command(async)]
pub fn reset_profile(backend: State<'_, Backend>, id: String) -> Result<(), ErrorDto> {
    backend.with(|app| app.reset_profile(&id))
}

#[tauri::command(async)]
pub fn terms_text(backend: State<'_, Backend>) -> Result<String, ErrorDto> {
    backend.with(|app| Ok(app.terms_text()))
}

#[tauri::command(async)]
pub fn set_terms(backend: State<'_, Backend>, text: String) -> Result<CalendarSettings, ErrorDto> {
    backend.with(|app| app.set_terms(&text))
}

#[tauri::command(async)]
pub fn calendar_settings(backend: State<'_, Backend>) -> Result<CalendarSettings, ErrorDto> {
    backend.with(|app| Ok(app.calendar_settings()))
}

/// Asks for a term-dates file (iCalendar or CSV) and replaces the term dates with it.
#[tauri::command(async)]
pub fn import_terms(backend: State<'_, Backend>) -> Result<CalendarSettings, ErrorDto> {
    let path = dialogs::open(
        "Choose the school's term dates (.ics or .csv)",
        ("Term dates", &["ics", "csv", "txt"]),
    )
    .ok_or_else(cancelled)?;
    backend.with(|app| app.import_terms_file(&path))
}

/// Asks for gov.uk's bank-holidays.json and adds its England and Wales dates.
#[tauri::command(async)]
pub fn import_bank_holidays(backend: State<'_, Backend>) -> Result<usize, ErrorDto> {
    let path =
        dialogs::open("Choose bank-holidays.json from gov.uk", ("JSON", &["json"])).ok_or_else(cancelled)?;
    backend.with(|app| app.import_bank_holidays_file(&path))
}

#[tauri::command(async)]
pub fn review_prep(backend: State<'_, Backend>, review: i64) -> Result<ReviewPrep, ErrorDto> {
    backend.with(|app| app.review_prep(review))
}

#[tauri::command(async)]
pub fn set_meeting(
    backend: State<'_, Backend>,
    review: i64,
    form: MeetingForm,
) -> Result<ReviewPrep, ErrorDto> {
    backend.with(|app| app.set_meeting(review, form))
}

#[tauri::command(async)]
pub fn accept_invitees(backend: State<'_, Backend>, review: i64) -> Result<ReviewPrep, ErrorDto> {
    backend.with(|app| app.accept_suggested_invitees(review))
}

#[tauri::command(async)]
pub fn add_invitee(
    backend: State<'_, Backend>,
    review: i64,
    form: InviteeForm,
) -> Result<ReviewPrep, ErrorDto> {
    backend.with(|app| app.add_invitee(review, form))
}

#[tauri::command(async)]
pub fn update_invitee(
    backend: State<'_, Backend>,
    review: i64,
    invitee: i64,
    form: InviteeForm,
) -> Result<ReviewPrep, ErrorDto> {
    backend.with(|app| app.update_invitee(review, invitee, form))
}

#[tauri::command(async)]
pub fn delete_invitee(
    backend: State<'_, Backend>,
    review: i64,
    invitee: i64,
) -> Result<ReviewPrep, ErrorDto> {
    backend.with(|app| app.delete_invitee(review, invitee))
}

#[tauri::command(async)]
pub fn mark_invitations_sent(backend: State<'_, Backend>, review: i64) -> Result<ReviewPrep, ErrorDto> {
    backend.with(|app| app.mark_invitations_sent(review))
}

#[tauri::command(async)]
pub fn mark_circulated(backend: State<'_, Backend>, review: i64) -> Result<ReviewPrep, ErrorDto> {
    backend.with(|app| app.mark_circulated(review))
}

fn letter_format(format: &str) -> LetterFormat {
    match format {
        "docx" => LetterFormat::Docx,
        "pdf" => LetterFormat::Pdf,
        _ => LetterFormat::Both,
    }
}

/// Asks for a folder, writes every letter for the review there, and shows the folder.
#[tauri::command(async)]
pub fn generate_letters(
    backend: State<'_, Backend>,
    review: i64,
    format: String,
) -> Result<LettersWritten, ErrorDto> {
    let folder = dialogs::pick_folder("Choose a folder for the letters").ok_or_else(cancelled)?;
    let written = backend.with(|app| app.generate_letters(review, &folder, letter_format(&format)))?;
    dialogs::reveal(&folder);
    Ok(written)
}

/// Asks for a folder and writes the circulation cover letters there.
#[tauri::command(async)]
pub fn circulation_letters(backend: State<'_, Backend>, review: i64) -> Result<LettersWritten, ErrorDto> {
    let folder = dialogs::pick_folder("Choose a folder for the cover letters").ok_or_else(cancelled)?;
    let written =
        backend.with(|app| app.generate_circulation_letters(review, &folder, LetterFormat::Both))?;
    dialogs::reveal(&folder);
    Ok(written)
}

/// Asks for a folder and writes one invitee's letter there.
#[tauri::command(async)]
pub fn generate_letter_for(
    backend: State<'_, Backend>,
    review: i64,
    invitee: i64,
) -> Result<LettersWritten, ErrorDto> {
    let folder = dialogs::pick_folder("Choose a folder for the letter").ok_or_else(cancelled)?;
    let written =
        backend.with(|app| app.generate_letter_for(review, invitee, &folder, LetterFormat::Both))?;
    dialogs::reveal(&folder);
    Ok(written)
}

/// Asks for a folder and writes a reminder for overdue advice there.
#[tauri::command(async)]
pub fn chase(backend: State<'_, Backend>, review: i64, item: i64) -> Result<LettersWritten, ErrorDto> {
    let folder = dialogs::pick_folder("Choose a folder for the reminder").ok_or_else(cancelled)?;
    let written = backend.with(|app| app.chase(review, item, &folder, LetterFormat::Both))?;
    dialogs::reveal(&folder);
    Ok(written)
}

/// Asks which received file to attach to a checklist item; the app copies it into its storage.
#[tauri::command(async)]
pub fn attach_file(backend: State<'_, Backend>, review: i64, item: i64) -> Result<ReviewPrep, ErrorDto> {
    let filter: (&str, &[&str]) =
        ("Documents", &["pdf", "docx", "doc", "odt", "xlsx", "pptx", "png", "jpg", "jpeg", "txt"]);
    let path = dialogs::open("Choose the document received", filter).ok_or_else(cancelled)?;
    backend.with(|app| app.attach_file_from(review, item, &path))
}

#[tauri::command(async)]
pub fn record_views(
    backend: State<'_, Backend>,
    review: i64,
    item: i64,
    text: String,
) -> Result<ReviewPrep, ErrorDto> {
    backend.with(|app| app.record_views(review, item, &text))
}

#[tauri::command(async)]
pub fn ar1(backend: State<'_, Backend>, review: i64) -> Result<ardesk_dto::Ar1Dto, ErrorDto> {
    backend.with(|app| app.ar1(review))
}

#[tauri::command(async)]
pub fn save_ar1_field(
    backend: State<'_, Backend>,
    review: i64,
    key: String,
    value: String,
) -> Result<ardesk_dto::Ar1Saved, ErrorDto> {
    backend.with(|app| app.save_ar1_field(review, &key, &value))
}

#[tauri::command(async)]
pub fn school_form(backend: State<'_, Backend>) -> Result<SchoolForm, ErrorDto> {
    backend.with(|app| app.school_form())
}

#[tauri::command(async)]
pub fn save_school(backend: State<'_, Backend>, form: SchoolForm) -> Result<SchoolForm, ErrorDto> {
    backend.with(|app| app.save_school(form))
}

#[tauri::command(async)]
pub fn letter_templates(backend: State<'_, Backend>) -> Result<Vec<LetterTemplateDto>, ErrorDto> {
    backend.with(|app| app.letter_templates())
}

#[tauri::command(async)]
pub fn save_letter_template(
    backend: State<'_, Backend>,
    kind: String,
    text: String,
) -> Result<Vec<LetterTemplateDto>, ErrorDto> {
    backend.with(|app| app.save_letter_template(&kind, &text))
}

#[tauri::command(async)]
pub fn reset_letter_template(
    backend: State<'_, Backend>,
    kind: String,
) -> Result<Vec<LetterTemplateDto>, ErrorDto> {
    backend.with(|app| app.reset_letter_template(&kind))
}

#[tauri::command(async)]
pub fn set_attendance(
    backend: State<'_, Backend>,
    review: i64,
    invitee: i64,
    attendance: String,
) -> Result<ardesk_dto::Ar1Saved, ErrorDto> {
    backend.with(|app| app.set_attendance(review, invitee, &attendance))
}

#[tauri::command(async)]
pub fn after_meeting(backend: State<'_, Backend>, review: i64) -> Result<AfterMeetingDto, ErrorDto> {
    backend.with(|app| app.after_meeting(review))
}

#[tauri::command(async)]
pub fn mark_ready_to_submit(backend: State<'_, Backend>, review: i64) -> Result<AfterMeetingDto, ErrorDto> {
    backend.with(|app| app.mark_ready_to_submit(review))
}

#[tauri::command(async)]
pub fn mark_submitted(
    backend: State<'_, Backend>,
    review: i64,
    date: String,
) -> Result<AfterMeetingDto, ErrorDto> {
    backend.with(|app| app.mark_submitted(review, &date))
}

#[tauri::command(async)]
pub fn record_decision(
    backend: State<'_, Backend>,
    review: i64,
    form: DecisionForm,
) -> Result<AfterMeetingDto, ErrorDto> {
    backend.with(|app| app.record_decision(review, form))
}

#[tauri::command(async)]
pub fn set_action_status(
    backend: State<'_, Backend>,
    review: i64,
    row: usize,
    status: String,
    note: String,
) -> Result<TrackedActionDto, ErrorDto> {
    backend.with(|app| app.set_action_status(review, row, &status, &note))
}

#[tauri::command(async)]
pub fn open_actions(backend: State<'_, Backend>) -> Result<Vec<TrackedActionDto>, ErrorDto> {
    backend.with(|app| app.open_actions())
}

/// Asks for a folder, writes the printable AR1 form there (pre-filled or blank) and opens it in
/// the system's PDF viewer to print.
#[tauri::command(async)]
pub fn print_ar1_form(
    backend: State<'_, Backend>,
    review: i64,
    prefilled: bool,
) -> Result<LettersWritten, ErrorDto> {
    let folder = dialogs::pick_folder("Choose a folder for the AR1 form").ok_or_else(cancelled)?;
    let written = backend.with(|app| app.write_ar1_form(review, &folder, prefilled, LetterFormat::Pdf))?;
    if let Some(file) = written.files.first() {
        dialogs::reveal(&folder.join(file));
    }
    Ok(written)
}

/// Asks for a folder and writes the AR1 record there as Word and PDF.
#[tauri::command(async)]
pub fn export_ar1_record(backend: State<'_, Backend>, review: i64) -> Result<LettersWritten, ErrorDto> {
    let folder = dialogs::pick_folder("Choose a folder for the AR1 record").ok_or_else(cancelled)?;
    let written = backend.with(|app| app.write_ar1_record(review, &folder, LetterFormat::Both))?;
    dialogs::reveal(&folder);
    Ok(written)
}

#[tauri::command(async)]
pub fn amendments(backend: State<'_, Backend>, review: i64) -> Result<AmendmentsDto, ErrorDto> {
    backend.with(|app| app.amendments(review))
}

#[tauri::command(async)]
pub fn preview_amendment(
    backend: State<'_, Backend>,
    section: String,
    current: String,
    proposed: String,
) -> Result<AmendmentPreview, ErrorDto> {
    backend.with(|app| Ok(app.preview_amendment(&section, &current, &proposed)))
}

#[tauri::command(async)]
pub fn add_amendment(
    backend: State<'_, Backend>,
    review: i64,
    form: AmendmentForm,
) -> Result<AmendmentsDto, ErrorDto> {
    backend.with(|app| app.add_amendment(review, form))
}

#[tauri::command(async)]
pub fn update_amendment(
    backend: State<'_, Backend>,
    review: i64,
    id: i64,
    form: AmendmentForm,
) -> Result<AmendmentsDto, ErrorDto> {
    backend.with(|app| app.update_amendment(review, id, form))
}

#[tauri::command(async)]
pub fn delete_amendment(
    backend: State<'_, Backend>,
    review: i64,
    id: i64,
) -> Result<AmendmentsDto, ErrorDto> {
    backend.with(|app| app.delete_amendment(review, id))
}

#[tauri::command(async)]
pub fn set_no_amendments(
    backend: State<'_, Backend>,
    review: i64,
    none: bool,
) -> Result<AmendmentsDto, ErrorDto> {
    backend.with(|app| app.set_no_amendments(review, none))
}

#[tauri::command(async)]
pub fn set_amendment_mode(
    backend: State<'_, Backend>,
    review: i64,
    mode: String,
) -> Result<AmendmentsDto, ErrorDto> {
    backend.with(|app| app.set_amendment_mode(review, &mode))
}

/// Asks for a folder and writes the tracked-change document there, in the review's mode.
#[tauri::command(async)]
pub fn write_amendments(backend: State<'_, Backend>, review: i64) -> Result<LettersWritten, ErrorDto> {
    let folder = dialogs::pick_folder("Choose a folder for the amendments").ok_or_else(cancelled)?;
    let written = backend.with(|app| app.write_amendments(review, &folder, None, LetterFormat::Both))?;
    dialogs::reveal(&folder);
    Ok(written)
}

/// Asks for the current EHC plan (.docx) and finds its sections, for the SENCO to confirm.
#[tauri::command(async)]
pub fn import_plan(backend: State<'_, Backend>, child: i64) -> Result<PlanImportDto, ErrorDto> {
    let path = dialogs::open("Choose the current EHC plan (Word)", ("Word documents", &["docx"]))
        .ok_or_else(cancelled)?;
    backend.with(|app| app.read_plan_file(child, &path))
}

#[tauri::command(async)]
pub fn save_plan(
    backend: State<'_, Backend>,
    child: i64,
    sections: Vec<PlanSection>,
) -> Result<(), ErrorDto> {
    backend.with(|app| app.save_plan(child, sections))
}

#[tauri::command(async)]
pub fn bundle_check(backend: State<'_, Backend>, review: i64) -> Result<BundleCheckDto, ErrorDto> {
    backend.with(|app| app.bundle_check(review))
}

#[tauri::command(async)]
pub fn override_finding(
    backend: State<'_, Backend>,
    review: i64,
    rule: String,
    message: String,
    reason: String,
) -> Result<BundleCheckDto, ErrorDto> {
    backend.with(|app| app.override_finding(review, &rule, &message, &reason))
}

/// How far a bundle export has got. Kept outside the [`Backend`] lock, which the export holds,
/// so that the page can poll it while the export runs.
#[derive(Default)]
pub struct ExportProgress {
    done: AtomicU64,
    total: AtomicU64,
    running: AtomicBool,
}

/// Asks where to save the bundle (suggesting the LA's file name) and writes it there.
#[tauri::command(async)]
pub fn export_bundle(
    backend: State<'_, Backend>,
    progress: State<'_, ExportProgress>,
    review: i64,
) -> Result<Exported, ErrorDto> {
    let name = backend.with(|app| app.bundle_file_name(review))?;
    let path = dialogs::save("Save the submission bundle", &name, ("Zip archive", &["zip"]))
        .ok_or_else(cancelled)?;
    progress.done.store(0, Ordering::Relaxed);
    progress.total.store(0, Ordering::Relaxed);
    progress.running.store(true, Ordering::Relaxed);
    let report = |done: u64, total: u64| {
        progress.total.store(total, Ordering::Relaxed);
        progress.done.store(done, Ordering::Relaxed);
    };
    let files = backend.with(|app| app.export_bundle_reporting(review, &path, &report));
    progress.running.store(false, Ordering::Relaxed);
    let files = files?;
    Ok(Exported {
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        items: files.len(),
    })
}

#[tauri::command(async)]
pub fn bundle_progress(progress: State<'_, ExportProgress>) -> Result<BundleProgress, ErrorDto> {
    Ok(BundleProgress {
        done: progress.done.load(Ordering::Relaxed),
        total: progress.total.load(Ordering::Relaxed),
        running: progress.running.load(Ordering::Relaxed),
    })
}

/// Asks for a received bundle and checks it as `ardesk verify` does.
#[tauri::command(async)]
pub fn open_bundle() -> Result<VerifyReport, ErrorDto> {
    let path = dialogs::open("Open a received bundle", ("Zip archive", &["zip"])).ok_or_else(cancelled)?;
    ardesk_app::verify_bundle_file(&path).map_err(ErrorDto::from)
}
