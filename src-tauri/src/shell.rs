//! The `shell` commands of the contract's table: those that open a native dialog first (the
//! webview never sees a path) or read the shell's own state. Each is named as its command,
//! takes its request and makes one `ardesk_app` call for the work.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use ardesk_app::LetterFormat;
use ardesk_dto::commands as c;
use ardesk_dto::{
    BundleProgress, CalendarSettings, DocumentFormat, ErrorCode, ErrorDto, Exported, LettersWritten,
    PlanImportDto, PupilImport, ReceivedRow, ReviewPrep, SchoolForm, VerifyReport,
};
use tauri::{AppHandle, Manager};

use crate::commands::Backend;
use crate::dialogs;

type Answer<T> = Result<T, ErrorDto>;

fn cancelled() -> ErrorDto {
    ErrorDto { code: ErrorCode::Cancelled, message: "Cancelled.".to_owned(), problems: Vec::new() }
}

fn backend(handle: &AppHandle) -> tauri::State<'_, Backend> {
    handle.state::<Backend>()
}

fn letter_format(format: DocumentFormat) -> LetterFormat {
    match format {
        DocumentFormat::Docx => LetterFormat::Docx,
        DocumentFormat::Pdf => LetterFormat::Pdf,
        DocumentFormat::Both => LetterFormat::Both,
    }
}

/// Asks for a folder, writes documents there with `write`, and shows the folder.
fn into_folder(
    handle: &AppHandle,
    title: &str,
    write: impl FnOnce(&mut ardesk_app::App, &std::path::Path) -> Result<LettersWritten, ardesk_app::AppError>,
) -> Answer<LettersWritten> {
    let folder = dialogs::pick_folder(title).ok_or_else(cancelled)?;
    let written = backend(handle).with(|app| write(app, &folder))?;
    dialogs::reveal(&folder);
    Ok(written)
}

/// Asks where to save, then writes the child's milestones there as an .ics calendar.
pub fn export_ics(handle: &AppHandle, r: c::ExportIcs) -> Answer<Exported> {
    let name = backend(handle).with(|app| app.ics_file_name(r.id))?;
    let path = dialogs::save("Save the review milestones as a calendar", &name, ("Calendar", &["ics"]))
        .ok_or_else(cancelled)?;
    backend(handle).with(|app| app.export_ics(r.id, &path))
}

/// Asks where to save, then writes the whole caseload's milestones there as one calendar.
pub fn export_caseload_ics(handle: &AppHandle, _: c::ExportCaseloadIcs) -> Answer<Exported> {
    let name = backend(handle).with(|app| Ok(app.caseload_ics_file_name()))?;
    let path = dialogs::save("Save the caseload's milestones as a calendar", &name, ("Calendar", &["ics"]))
        .ok_or_else(cancelled)?;
    backend(handle).with(|app| app.export_caseload_ics(&path))
}

/// Asks where to save everything held about the child (a subject access request, or the record
/// for the next setting) and writes it as one zip.
pub fn export_record(handle: &AppHandle, r: c::ExportRecord) -> Answer<Exported> {
    let name = backend(handle).with(|app| app.record_file_name(r.id))?;
    let path = dialogs::save("Save everything held about this child", &name, ("Zip archive", &["zip"]))
        .ok_or_else(cancelled)?;
    backend(handle).with(|app| app.export_record(r.id, &path))
}

/// Encrypts a caseload made before encryption, in place: with the passphrase in
/// `ARDESK_PASSPHRASE`, or else a new one kept in the credential store and shown once.
pub fn encrypt_database(handle: &AppHandle, _: c::EncryptDatabase) -> Answer<String> {
    let given = crate::commands::given_passphrase();
    backend(handle).with(|app| app.encrypt_database(given, &ardesk_app::keys::OsKeyring))
}

/// Opens a database this computer has no key for, with the recovery passphrase typed; or makes
/// the new one, on a computer with no credential store, with the passphrase chosen.
pub fn unlock(handle: &AppHandle, r: c::Unlock) -> Answer<ardesk_dto::AppInfo> {
    handle.state::<crate::commands::Backend>().unlock(&r.passphrase, r.again.as_deref())
}

/// Asks for a pupil file from the school's MIS (a Common Transfer File, or a CSV report) and
/// says what importing it would do; nothing is written until the SENCO confirms.
pub fn preview_pupil_import(handle: &AppHandle, r: c::PreviewPupilImport) -> Answer<PupilImport> {
    let path = dialogs::open(
        "Choose the pupils exported from the MIS (CTF .xml, or a .csv report)",
        ("Pupil files", &["xml", "csv", "txt"]),
    )
    .ok_or_else(cancelled)?;
    backend(handle).with(|app| app.preview_pupil_file(&path, r.la.as_deref()))
}

/// Asks for the school's logo (a PNG) and sets it.
pub fn choose_school_logo(handle: &AppHandle, _: c::ChooseSchoolLogo) -> Answer<SchoolForm> {
    let path =
        dialogs::open("Choose the school's logo (PNG)", ("PNG image", &["png"])).ok_or_else(cancelled)?;
    backend(handle).with(|app| app.set_school_logo_file(&path))
}

/// Asks for gov.uk's bank-holidays.json and adds its England and Wales dates.
pub fn import_bank_holidays(handle: &AppHandle, _: c::ImportBankHolidays) -> Answer<usize> {
    let path =
        dialogs::open("Choose bank-holidays.json from gov.uk", ("JSON", &["json"])).ok_or_else(cancelled)?;
    backend(handle).with(|app| app.import_bank_holidays_file(&path))
}

/// Asks for a term-dates file (iCalendar or CSV) and replaces the term dates with it.
pub fn import_terms(handle: &AppHandle, _: c::ImportTerms) -> Answer<CalendarSettings> {
    let path = dialogs::open(
        "Choose the school's term dates (.ics or .csv)",
        ("Term dates", &["ics", "csv", "txt"]),
    )
    .ok_or_else(cancelled)?;
    backend(handle).with(|app| app.import_terms_file(&path))
}

/// Every letter for the review.
pub fn generate_letters(handle: &AppHandle, r: c::GenerateLetters) -> Answer<LettersWritten> {
    into_folder(handle, "Choose a folder for the letters", |app, folder| {
        app.generate_letters(r.review, folder, letter_format(r.format))
    })
}

/// One invitee's letter.
pub fn generate_letter_for(handle: &AppHandle, r: c::GenerateLetterFor) -> Answer<LettersWritten> {
    into_folder(handle, "Choose a folder for the letter", |app, folder| {
        app.generate_letter_for(r.review, r.invitee, folder, LetterFormat::Both)
    })
}

/// A reminder for overdue advice.
pub fn chase(handle: &AppHandle, r: c::Chase) -> Answer<LettersWritten> {
    into_folder(handle, "Choose a folder for the reminder", |app, folder| {
        app.chase(r.review, r.item, folder, LetterFormat::Both)
    })
}

/// The circulation cover letters.
pub fn circulation_letters(handle: &AppHandle, r: c::CirculationLetters) -> Answer<LettersWritten> {
    into_folder(handle, "Choose a folder for the cover letters", |app, folder| {
        app.generate_circulation_letters(r.review, folder, LetterFormat::Both)
    })
}

/// Asks which received file to attach to a checklist item; the app copies it into its storage.
pub fn attach_file(handle: &AppHandle, r: c::AttachFile) -> Answer<ReviewPrep> {
    let filter: (&str, &[&str]) = (
        "Documents",
        &["pdf", "docx", "doc", "odt", "ods", "odp", "xlsx", "pptx", "png", "jpg", "jpeg", "txt"],
    );
    let path = dialogs::open("Choose the document received", filter).ok_or_else(cancelled)?;
    backend(handle).with(|app| app.attach_file_from(r.review, r.item, &path))
}

/// Asks for a folder, writes the printable AR1 form there (pre-filled or blank) and opens it
/// in the system's PDF viewer to print.
pub fn print_ar1_form(handle: &AppHandle, r: c::PrintAr1Form) -> Answer<LettersWritten> {
    let folder = dialogs::pick_folder("Choose a folder for the AR1 form").ok_or_else(cancelled)?;
    let written =
        backend(handle).with(|app| app.write_ar1_form(r.review, &folder, r.prefilled, LetterFormat::Pdf))?;
    if let Some(file) = written.files.first() {
        dialogs::reveal(&folder.join(file));
    }
    Ok(written)
}

/// The AR1 record, as Word and PDF.
pub fn export_ar1_record(handle: &AppHandle, r: c::ExportAr1Record) -> Answer<LettersWritten> {
    into_folder(handle, "Choose a folder for the AR1 record", |app, folder| {
        app.write_ar1_record(r.review, folder, LetterFormat::Both)
    })
}

/// The staff briefing sheet, as Word and PDF.
pub fn write_briefing(handle: &AppHandle, r: c::WriteBriefing) -> Answer<LettersWritten> {
    into_folder(handle, "Choose a folder for the staff briefing sheet", |app, folder| {
        app.write_briefing(r.review, folder, LetterFormat::Both)
    })
}

/// The invitations as email drafts (.eml), one per invitee with an email address.
pub fn write_invitation_emails(handle: &AppHandle, r: c::WriteInvitationEmails) -> Answer<LettersWritten> {
    into_folder(handle, "Choose a folder for the email drafts", |app, folder| {
        app.write_invitation_emails(r.review, folder)
    })
}

/// Records a request to the LA and writes its letter, with the documents sent with it.
pub fn make_request(handle: &AppHandle, r: c::MakeRequest) -> Answer<LettersWritten> {
    into_folder(handle, "Choose a folder for the request's letter and its evidence", |app, folder| {
        app.make_request(r.review, &r.form, folder)
    })
}

/// A recorded request's letter and its documents, written again.
pub fn write_request_letter(handle: &AppHandle, r: c::WriteRequestLetter) -> Answer<LettersWritten> {
    into_folder(handle, "Choose a folder for the request's letter and its evidence", |app, folder| {
        app.write_request_letter(r.request, folder)
    })
}

/// The tracked-change document, in the review's mode.
pub fn write_amendments(handle: &AppHandle, r: c::WriteAmendments) -> Answer<LettersWritten> {
    into_folder(handle, "Choose a folder for the amendments", |app, folder| {
        app.write_amendments(r.review, folder, None, LetterFormat::Both)
    })
}

/// Asks for the current EHC plan (.docx) and finds its sections, for the SENCO to confirm.
pub fn import_plan(handle: &AppHandle, r: c::ImportPlan) -> Answer<PlanImportDto> {
    let path = dialogs::open("Choose the current EHC plan (Word)", ("Word documents", &["docx"]))
        .ok_or_else(cancelled)?;
    backend(handle).with(|app| app.read_plan_file(r.child, &path))
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
pub fn export_bundle(handle: &AppHandle, r: c::ExportBundle) -> Answer<Exported> {
    let name = backend(handle).with(|app| app.bundle_file_name(r.review))?;
    let path = dialogs::save("Save the submission bundle", &name, ("Zip archive", &["zip"]))
        .ok_or_else(cancelled)?;
    let progress = handle.state::<ExportProgress>();
    progress.done.store(0, Ordering::Relaxed);
    progress.total.store(0, Ordering::Relaxed);
    progress.running.store(true, Ordering::Relaxed);
    let report = |done: u64, total: u64| {
        progress.total.store(total, Ordering::Relaxed);
        progress.done.store(done, Ordering::Relaxed);
    };
    let files = backend(handle).with(|app| app.export_bundle_reporting(r.review, &path, &report));
    progress.running.store(false, Ordering::Relaxed);
    let files = files?;
    Ok(Exported {
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        items: files.len(),
    })
}

pub fn bundle_progress(handle: &AppHandle, _: c::BundleProgress) -> Answer<BundleProgress> {
    let progress = handle.state::<ExportProgress>();
    Ok(BundleProgress {
        done: progress.done.load(Ordering::Relaxed),
        total: progress.total.load(Ordering::Relaxed),
        running: progress.running.load(Ordering::Relaxed),
    })
}

/// Asks for a folder of received reviews and lists them as the LA's register, as `ardesk intake`
/// does.
pub fn receive_folder(
    handle: &AppHandle,
    c::ReceiveFolder { la }: c::ReceiveFolder,
) -> Answer<Vec<ReceivedRow>> {
    let folder = dialogs::pick_folder("Open a folder of received reviews").ok_or_else(cancelled)?;
    backend(handle).with(|app| app.receive_folder(&folder, la))
}

/// Asks where to save the register last opened, and writes it there as CSV for a spreadsheet.
pub fn save_register(handle: &AppHandle, _: c::SaveRegister) -> Answer<Exported> {
    let name = backend(handle).with(|app| Ok(app.register_file_name()))?;
    let path = dialogs::save("Save the register as a spreadsheet", &name, ("CSV spreadsheet", &["csv"]))
        .ok_or_else(cancelled)?;
    backend(handle).with(|app| app.save_register(&path))
}

/// Asks for the folder to write the reply in, and drafts it there as DOCX and PDF, as
/// `ardesk reply` does.
pub fn draft_reply(handle: &AppHandle, c::DraftReply { form }: c::DraftReply) -> Answer<LettersWritten> {
    let folder = dialogs::pick_folder("Choose the folder for the reply").ok_or_else(cancelled)?;
    backend(handle).with(|app| app.draft_reply(&form, &folder))
}

/// Asks for the folder, and writes the compliance report for the governors there (PDF and
/// CSV), as `ardesk compliance --out` does.
pub fn save_compliance(
    handle: &AppHandle,
    c::SaveCompliance { from, to }: c::SaveCompliance,
) -> Answer<LettersWritten> {
    let folder = dialogs::pick_folder("Choose the folder for the compliance report").ok_or_else(cancelled)?;
    backend(handle).with(|app| app.save_compliance(&from, &to, &folder))
}

/// Asks for a received bundle and checks it as `ardesk verify` does.
pub fn open_bundle(_: &AppHandle, _: c::OpenBundle) -> Answer<VerifyReport> {
    let path = dialogs::open("Open a received bundle", ("Zip archive", &["zip"])).ok_or_else(cancelled)?;
    ardesk_app::verify_bundle_file(&path).map_err(ErrorDto::from)
}
