//! The contract between the UI (wasm) and the backend (Tauri commands and `ardesk --json`).
//!
//! These are plain data: no domain logic, no validation. Dates arrive already formatted for
//! display (`3 Feb 2026`) or for inputs (`03/02/2026`), so the UI needs no date arithmetic.
//! Changing a type here changes the contract: the UI, the Tauri commands and the CLI's JSON
//! output all move together.

use serde::{Deserialize, Serialize};

/// What the window shows in its header and on first run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppInfo {
    pub version: String,
    /// The database file's name (never the full path: the UI has no use for paths).
    pub database: String,
    pub child_count: i64,
    /// Where today's backup of the database went, or why it failed.
    pub backup: String,
    pub school: Option<String>,
    pub las: Vec<LaOption>,
}

/// A local authority the user can choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaOption {
    pub id: String,
    pub name: String,
}

/// One line of the caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildSummary {
    pub id: i64,
    /// Preferred name and surname.
    pub name: String,
    pub legal_name: String,
    pub dob: String,
    pub ncy: i32,
    /// "R", "Y6"…
    pub year_group: String,
    pub la_id: String,
    pub la_name: String,
    pub looked_after: bool,
    /// Stage code of the current review (`planning`, …), if one has been started.
    pub stage: Option<String>,
    pub stage_label: Option<String>,
    /// Meeting date of the current review, for display.
    pub meeting: Option<String>,
}

/// A child with everything the child page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildDetail {
    pub id: i64,
    pub name: String,
    pub legal_name: String,
    pub dob: String,
    /// "Year 6", "Reception"…
    pub year_group: String,
    pub upn: Option<String>,
    pub la_name: String,
    pub la_ref: Option<String>,
    pub looked_after: bool,
    pub plan_issued: String,
    pub last_review_decision: Option<String>,
    pub sections: Vec<PlanSection>,
    pub parents: Vec<Parent>,
    pub professionals: Vec<ProfessionalContact>,
    pub review: Option<ReviewSummary>,
    /// The child's details as the edit form shows them.
    pub form: ChildForm,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSection {
    /// "A" … "K".
    pub code: String,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parent {
    pub name: String,
    pub relationship: String,
    pub parental_responsibility: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub preferred_contact: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfessionalContact {
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSummary {
    pub id: i64,
    pub stage: String,
    pub stage_label: String,
    pub meeting_date: Option<String>,
    pub meeting_time: Option<String>,
    pub venue: Option<String>,
}

/// The add/edit child form, exactly as typed. The backend validates it and answers with every
/// problem at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildForm {
    pub legal_forenames: String,
    pub legal_surname: String,
    pub preferred_name: String,
    /// `dd/mm/yyyy`.
    pub dob: String,
    pub upn: String,
    pub ncy_offset: String,
    pub looked_after: bool,
    pub la_id: String,
    pub la_ref: String,
    /// `dd/mm/yyyy`.
    pub plan_issue_date: String,
    /// An extra phase transfer at the end of this NC year, e.g. "2" (infant to junior); "" for none.
    pub transfer_ncy: String,
    /// `dd/mm/yyyy` of a post-16 to post-16 move; "" for none.
    pub post16_move: String,
}

/// One line of the caseload dashboard (and of `ardesk caseload --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseloadRow {
    pub child_id: i64,
    pub review_id: Option<i64>,
    pub name: String,
    pub ncy: i32,
    /// "R", "Y6"…
    pub year_group: String,
    /// The maintaining LA's profile id.
    pub la: String,
    pub la_name: String,
    pub looked_after: bool,
    /// The review has a phase-transfer deadline (T16, T17 or T18).
    pub transfer: bool,
    /// `planning`, `invitations_sent`, `reports_due`, `meeting_held`, `ready_to_submit`,
    /// `submitted` or `decided`.
    pub stage: String,
    pub stage_label: String,
    pub next: Option<NextStepDto>,
    /// `overdue`, `due_soon` or `on_track`.
    pub status: String,
    pub status_label: String,
    /// Meeting date, for display.
    pub meeting: Option<String>,
    /// Problems with the review's dates (e.g. a meeting too late for the LA to decide in time).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStepDto {
    /// Milestone id, e.g. "T06".
    pub id: String,
    /// ISO date `YYYY-MM-DD`.
    pub due: String,
    /// "Send invitations and requests for advice by Tue 23 Dec 2025".
    pub action: String,
}

/// A review's statutory clock, as the child page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildTimeline {
    pub child_id: i64,
    /// "Year 6"…
    pub year_group: String,
    pub pfa_required: bool,
    /// The date the cycle runs from (plan issue date or last review decision), for display.
    pub anchor: String,
    pub la_name: String,
    pub meeting: Option<String>,
    pub next: Option<NextStepDto>,
    pub status: String,
    pub status_label: String,
    pub milestones: Vec<MilestoneDto>,
    /// Whether the school has entered term dates (otherwise holidays cannot be flagged).
    pub term_dates_known: bool,
    /// Problems with the review's dates.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneDto {
    pub id: String,
    pub title: String,
    /// The computed date, for display ("Sat 28 Feb 2026").
    pub date: String,
    /// The latest working day on or before it, for display.
    pub due: String,
    /// ISO due date.
    pub due_iso: String,
    pub non_working_day: bool,
    pub school_holiday: bool,
    pub passed: bool,
    pub why: String,
    pub source: String,
}

/// `ardesk timeline --json`: one review cycle's clock, computed without a database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineReport {
    pub ncy: i32,
    pub pfa_required: bool,
    pub milestones: Vec<TimelineEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub id: String,
    /// ISO `YYYY-MM-DD`.
    pub date: String,
    /// ISO `YYYY-MM-DD`: the latest working day on or before `date`.
    pub due: String,
    pub why: String,
    pub source: String,
}

/// Everything the "Before the meeting" screen shows for one review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPrep {
    pub review_id: i64,
    pub child_id: i64,
    pub child_name: String,
    pub stage: String,
    pub stage_label: String,
    /// The meeting as the form shows it (`dd/mm/yyyy`, `HH:MM`, venue); empty strings when unset.
    pub meeting: MeetingForm,
    /// "Tuesday 20 January 2026 at 10:00", when set.
    pub meeting_text: Option<String>,
    pub invitees: Vec<InviteeDto>,
    pub checklist: Vec<ChecklistDto>,
    /// T07: notice of the meeting.
    pub notice: Compliance,
    /// T09: circulation of all advice.
    pub circulation: Compliance,
    pub letters: Vec<LetterLogDto>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingForm {
    /// `dd/mm/yyyy`.
    pub date: String,
    /// `HH:MM`, 24-hour.
    pub time: String,
    /// Room and site, or "Remote: …".
    pub venue: String,
}

/// Whether a statutory step was done in time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compliance {
    /// "T07" or "T09".
    pub id: String,
    /// `met`, `not_met`, `pending` or `no_meeting`.
    pub state: String,
    /// "Met: notice sent on 2 Dec 2025, due by 6 Jan 2026".
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteeDto {
    pub id: i64,
    pub form: InviteeForm,
    pub kind_label: String,
    pub statutory: bool,
    /// Why the app suggested this person.
    pub reason: String,
    /// When the invitation was sent, for display.
    pub invited_on: Option<String>,
}

/// An invitee as the add/edit form holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteeForm {
    /// `parent`, `young_person`, `carer`, `setting`, `la_sen`, `health`, `social_care`, `professional`.
    pub kind: String,
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    /// `email`, `phone`, `post` or `text`.
    pub preferred_contact: String,
    pub advice_requested: bool,
    /// `unknown`, `in_person`, `virtual`, `written`, `apologies` or `absent`.
    pub attendance: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistDto {
    pub id: i64,
    /// Document code, e.g. "D09".
    pub code: String,
    pub title: String,
    /// Who it comes from.
    pub from: Option<String>,
    pub from_invitee: Option<i64>,
    pub requested_on: Option<String>,
    pub due: Option<String>,
    pub received_on: Option<String>,
    pub chased_on: Option<String>,
    pub file_name: Option<String>,
    /// Why the attached file cannot go to the LA as it is (a password…), if it cannot.
    pub file_warning: Option<String>,
    pub has_views_text: bool,
    /// `received`, `overdue`, `awaited` or `not_requested`.
    pub status: String,
    pub status_label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterLogDto {
    pub kind_label: String,
    pub recipient: Option<String>,
    pub file_name: String,
    /// When, for display.
    pub generated: String,
}

/// What a "generate letters" action wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LettersWritten {
    /// The folder's name (never its full path).
    pub folder: String,
    pub files: Vec<String>,
}

/// A review's AR1 record as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ar1Dto {
    pub review_id: i64,
    pub child_id: i64,
    pub child_name: String,
    /// The LA's title for the form.
    pub title: String,
    /// Section E outcomes, in order (progress fields are `progress.N.…`).
    pub outcomes: Vec<String>,
    /// Every field that has a value, by key (`discussion`, `actions.0.owner`…).
    pub values: std::collections::BTreeMap<String, String>,
    /// How many action rows to show.
    pub action_rows: usize,
    pub pfa_required: bool,
    pub head_teacher_required: bool,
    /// What is still missing before the record can be submitted.
    pub problems: Vec<FieldProblem>,
    /// Everyone invited, with whether they came.
    pub attendees: Vec<AttendeeDto>,
    /// The previous review's agreed actions, for follow-up at this meeting.
    pub previous_actions: Vec<TrackedActionDto>,
}

/// One invitee in the AR1 record's attendance list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeDto {
    pub invitee_id: i64,
    pub name: String,
    pub role: String,
    /// `unknown`, `in_person`, `virtual`, `written`, `apologies` or `absent`.
    pub attendance: String,
}

/// An agreed action as a tracked task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedActionDto {
    pub review_id: i64,
    /// The row it is stored under in the AR1 record (`actions.N.…`).
    pub row: usize,
    pub child_id: i64,
    pub child_name: String,
    pub action: String,
    pub owner: String,
    /// Long form, e.g. "Mon 1 Feb 2027".
    pub deadline: Option<String>,
    pub success_measure: String,
    /// `open`, `done`, `carried_forward` or `dropped`.
    pub status: String,
    pub status_label: String,
    pub note: String,
    /// When the status was last changed.
    pub updated: Option<String>,
    /// Termly check-in dates before the deadline.
    pub check_ins: Vec<String>,
    /// The check-ins were computed without the school's term dates.
    pub check_ins_approximate: bool,
    /// For an open action: the next check-in, or the deadline if that comes first.
    pub next: Option<String>,
    /// Open and past its deadline.
    pub overdue: bool,
}

/// The "after the meeting" panel of a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AfterMeetingDto {
    pub review_id: i64,
    pub child_id: i64,
    pub stage: String,
    pub stage_label: String,
    pub meeting: Option<String>,
    /// The meeting date has passed.
    pub held: bool,
    /// How many parts of the AR1 record are still missing.
    pub missing: usize,
    pub submitted_on: Option<String>,
    /// The decision's label, once recorded.
    pub decision: Option<String>,
    pub decided_on: Option<String>,
    /// T11: the record to the LA by.
    pub report_due: Option<String>,
    /// T12: the LA's decision due by.
    pub decision_due: Option<String>,
    /// T14: the final plan due by (if the plan is amended).
    pub final_plan_due: Option<String>,
    pub actions: Vec<TrackedActionDto>,
    /// The review that the decision started, once recorded.
    pub next_review_id: Option<i64>,
}

/// The LA's decision as the form holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionForm {
    /// `no_change`, `minor`, `significant` or `cease`.
    pub decision: String,
    /// The decision letter's date (dd/mm/yyyy).
    pub date: String,
}

/// The answer to one autosave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ar1Saved {
    /// "10:32:05", for the "Saved" indicator.
    pub saved_at: String,
    pub problems: Vec<FieldProblem>,
}

/// A run of the word-level difference between current and proposed wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffRun {
    /// `same`, `inserted` or `deleted`.
    pub change: String,
    pub text: String,
}

/// A vague phrase in proposed Section F wording, by character position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VagueDto {
    pub phrase: String,
    /// Character offsets (not bytes) in the proposed wording.
    pub start: usize,
    pub end: usize,
    pub hint: String,
}

/// The live view of a change as it is typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentPreview {
    pub diff: Vec<DiffRun>,
    pub vague: Vec<VagueDto>,
}

/// A report an amendment can cite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceOption {
    pub item_id: i64,
    pub title: String,
    /// Written by a health professional.
    pub from_health: bool,
    pub received: bool,
}

/// One evidence reference of an amendment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub item_id: i64,
    /// Page or paragraph.
    pub locator: String,
}

/// An amendment as the form holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentForm {
    /// `Front`, `A` … `K`.
    pub section: String,
    pub current: String,
    pub proposed: String,
    pub reason: String,
    pub evidence: Vec<EvidenceRef>,
    pub agreed: bool,
    pub disagreement: String,
}

/// A stored amendment, with its difference and lint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentDto {
    pub id: i64,
    pub section_title: String,
    pub form: AmendmentForm,
    pub preview: AmendmentPreview,
}

/// A problem with the amendments, with how serious it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentProblem {
    pub field: String,
    /// `block` or `warn`.
    pub severity: String,
    pub message: String,
    pub hint: String,
}

/// The amendments screen of a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentsDto {
    pub review_id: i64,
    pub child_id: i64,
    pub child_name: String,
    /// The plan's sections, in order (every section, empty text where none is recorded).
    pub plan: Vec<PlanSection>,
    /// The file the plan was imported from, if it was.
    pub plan_source: Option<String>,
    pub amendments: Vec<AmendmentDto>,
    /// "No amendments proposed" is stated.
    pub no_amendments: bool,
    pub problems: Vec<AmendmentProblem>,
    pub evidence_options: Vec<EvidenceOption>,
    /// `revisions`, `boldstrike` or `table`: what "Generate" writes.
    pub mode: String,
    /// The LA profile's choice.
    pub default_mode: String,
}

/// What an imported plan document was found to contain, for the SENCO to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanImportDto {
    pub file_name: String,
    /// Every section, in order; where the document had no heading for one, the text already
    /// recorded.
    pub sections: Vec<PlanSection>,
    /// Codes of the sections not found (their text is what was recorded before).
    pub missing: Vec<String>,
}

/// The password, encryption and macro verdict on one file (`ardesk scan --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanResult {
    pub file: String,
    /// `ok`, `encrypted`, `macro`, `unsupported`, `too_large` or `unreadable`.
    pub verdict: String,
    pub detail: String,
    /// Credential-like text found in the file ("password: ****"), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<String>,
}

/// One finding of the bundle validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingDto {
    /// V01–V19.
    pub rule: String,
    /// `block`, `warn` or `info`.
    pub severity: String,
    pub document: Option<String>,
    pub message: String,
    pub fix: String,
    /// Where in the app to fix it: `ar1`, `prep`, `amendments` or `none`.
    pub fix_at: String,
    pub can_override: bool,
    /// The reason recorded for overriding it.
    pub overridden: Option<String>,
}

/// One file of the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleFileDto {
    /// `NN_CODE.ext`.
    pub name: String,
    pub title: String,
    /// `generated` or `attached`.
    pub source: String,
    pub size: u64,
    /// The scan's verdict (`ok`, `encrypted`…) and why.
    pub verdict: String,
    pub detail: String,
}

/// The bundle as it would be exported now, and what stops it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleCheckDto {
    pub review_id: i64,
    pub child_id: i64,
    /// The zip's name, without `.zip`.
    pub name: String,
    pub files: Vec<BundleFileDto>,
    pub findings: Vec<FindingDto>,
    /// Any "block" finding not overridden.
    pub blocked: bool,
}

/// How far the bundle export has got, in bytes written and read back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleProgress {
    pub done: u64,
    pub total: u64,
    /// An export is under way.
    pub running: bool,
}

/// `manifest.json` in every bundle: what the bundle holds, checked by `ardesk verify`. The JSON
/// Schema is `docs/manifest.schema.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub schema_version: u32,
    pub app_version: String,
    pub la_profile: ManifestProfile,
    pub child: ManifestChild,
    pub review: ManifestReview,
    pub files: Vec<ManifestFile>,
    pub validation: Vec<ManifestFinding>,
    /// RFC 3339.
    pub generated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestProfile {
    pub id: String,
    pub version: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestChild {
    pub initials: String,
    pub la_ref: Option<String>,
    /// YYYY-MM-DD.
    pub dob: String,
    pub looked_after: bool,
    pub year9_plus: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestReview {
    /// YYYY-MM-DD.
    pub meeting_date: String,
    /// `annual`.
    pub review_type: String,
    /// `maintain`, `amend`, `cease`, or null if none was made.
    pub recommendation: Option<String>,
    pub amendments_proposed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    pub name: String,
    /// D01–D19.
    pub category: String,
    pub title: String,
    pub sha256: String,
    pub size: u64,
    /// `generated` or `attached`.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFinding {
    pub rule: String,
    pub severity: String,
    pub document: Option<String>,
    pub message: String,
    pub override_reason: Option<String>,
}

/// What `ardesk verify` (and "Open a received bundle") found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    pub bundle: String,
    /// The bundle is well-formed, complete and every file is as the manifest says.
    pub valid: bool,
    /// The file could not be used at all (not a zip, no manifest that can be read).
    pub unusable: bool,
    /// What makes it not valid: damage, a changed file, or a blocking finding of the rules the
    /// school's own check applies (which would have stopped the school sending it).
    pub problems: Vec<String>,
    /// Warnings of those rules, each with the reason the school recorded (if it did).
    #[serde(default)]
    pub warnings: Vec<String>,
    pub manifest: Option<Manifest>,
    pub files: Vec<ScanResult>,
}

/// The school's details, as the settings form holds them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolForm {
    pub name: String,
    /// Lines separated by commas.
    pub address: String,
    /// The 6-digit Unique Reference Number.
    pub urn: String,
    pub senco_name: String,
    pub senco_role: String,
    pub phone: String,
    pub email: String,
}

/// One letter's wording in Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterTemplateDto {
    /// `parent_invitation`, `child_invitation`, `professional_invitation`, `reminder`, `circulation_cover`.
    pub kind: String,
    pub label: String,
    pub text: String,
    /// The school has its own wording for this letter.
    pub customised: bool,
}

/// An LA profile in the list of profiles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileSummary {
    pub id: String,
    pub name: String,
    pub version: u32,
    pub valid_from: String,
    /// The school has edited this profile.
    pub customised: bool,
    pub amendment_mode: String,
    pub channel: String,
}

/// The school's calendar settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarSettings {
    /// Each term as "3 Sep 2026 – 23 Oct 2026".
    pub terms: Vec<String>,
    pub closures: Vec<String>,
    /// "2018 to 2030".
    pub bank_holiday_years: String,
}

/// What a save-to-file action wrote (the file name only: the UI never sees paths).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exported {
    pub file_name: String,
    pub items: usize,
}

/// What a successful save returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub id: i64,
}

/// A stable code the UI and CLI branch on. Never branch on the message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input has problems; see `problems`.
    Validation,
    NotFound,
    /// The action does not fit the current state (e.g. demo into a caseload that has children).
    Conflict,
    /// The database was written by a newer version of the app.
    NewerSchema,
    /// The file is not an Annual Review Desk database, or is damaged.
    NotOurDatabase,
    Storage,
    Io,
    /// The backend is not ready (for example the database could not be opened at start).
    Unavailable,
    /// The user closed a file dialog without choosing a file: not an error to show.
    Cancelled,
}

/// An error as the UI and CLI see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDto {
    pub code: ErrorCode,
    /// What happened and what to do next, in plain British English.
    pub message: String,
    /// For `validation`: one entry per field with a problem.
    pub problems: Vec<FieldProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    /// The form field (`ChildForm` member name) the message belongs next to.
    pub field: String,
    pub message: String,
    pub hint: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_are_snake_case_strings() {
        let json = serde_json::to_string(&ErrorCode::NewerSchema).unwrap_or_default();
        assert_eq!(json, "\"newer_schema\"");
    }
}
