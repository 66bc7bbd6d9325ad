//! Before the meeting: the meeting, invitees, the checklist, letters.

use serde::{Deserialize, Serialize};

use crate::{
    AddableDocument, ChecklistStatus, ComplianceState, ContactMethod, InviteeKind, ReviewType, Stage,
};

/// Everything the "Before the meeting" screen shows for one review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPrep {
    pub review_id: i64,
    pub child_id: i64,
    pub child_name: String,
    pub stage: Stage,
    pub stage_label: String,
    /// Annual, interim or early (spec §9).
    pub review_type: ReviewType,
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
    /// The papers on the checklist that have not arrived: everyone must be told which when the
    /// papers go round (the SENCO confirms it: `MarkCirculated::told_missing`).
    pub missing_papers: Vec<String>,
    /// What is wrong with the meeting's date: a weekend, a bank holiday, a school holiday, or too
    /// late for the LA to decide in time.
    #[serde(default)]
    pub meeting_warnings: Vec<String>,
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
    pub state: ComplianceState,
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
    /// How it went, when recorded.
    #[serde(default)]
    pub sent_by: Option<crate::SendMethod>,
    /// The day it went, dd/mm/yyyy (for the form), when recorded.
    #[serde(default)]
    pub sent_on_input: String,
}

/// How and when one invitation went, as the form sends it; no way given: not sent yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationForm {
    pub by: Option<crate::SendMethod>,
    /// dd/mm/yyyy.
    pub date: String,
}

/// An invitee as the add/edit form holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteeForm {
    /// Who they are; `None` until chosen.
    pub kind: Option<InviteeKind>,
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub preferred_contact: Option<ContactMethod>,
    pub advice_requested: bool,
    /// `None` for not recorded.
    pub attendance: Option<crate::Attendance>,
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
    pub status: ChecklistStatus,
    pub status_label: String,
    /// Added by hand and nothing received yet: it can be taken off the list.
    #[serde(default)]
    pub removable: bool,
}

/// A document added to the checklist by hand: which, and its title (the document's name if
/// left blank; for a report from someone not invited, whose it is).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistDocumentForm {
    /// `None` until chosen.
    pub code: Option<AddableDocument>,
    pub title: String,
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
    /// Why nobody was written to for some invitees (a contact restriction), one line each.
    #[serde(default)]
    pub withheld: Vec<String>,
}
