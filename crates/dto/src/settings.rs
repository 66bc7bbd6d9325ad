//! Settings: the school, letter wording, LA profiles, the calendar.

use serde::{Deserialize, Serialize};

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
    /// The head teacher's name: the setting's invitation goes to them.
    #[serde(default)]
    pub head_teacher: String,
    /// A logo is set (it heads the Word letters); it is chosen and removed on its own.
    #[serde(default)]
    pub has_logo: bool,
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
    /// The DfE three-digit LA code ("306"), empty if the profile stands for no LA in the list.
    pub code: String,
    /// The school has edited this profile: it differs from the shipped one, or from the
    /// statutory defaults.
    pub customised: bool,
    /// A profile that starts from the statutory defaults (an LA added by the school, `la-NNN`)
    /// rather than from a shipped profile: Reset goes back to the defaults.
    pub statutory_defaults: bool,
    pub amendment_mode: String,
    pub channel: String,
}

/// The parts of an LA profile edited in Settings (the rest is edited as JSON). Numbers stay as
/// typed, so that a mistake is shown beside its field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub name: String,
    pub channel: Option<crate::Channel>,
    /// The LA's email address, portal name or URL for the bundle.
    pub address: String,
    /// The LA's review form (AR1): title and version.
    pub ar1_title: String,
    pub ar1_version: String,
    /// The LA has a review form per year group: its forms are edited as JSON, and the two
    /// fields above are not used.
    #[serde(default)]
    pub forms_by_year: bool,
    /// The LA's own request-for-advice form, blank when it has none.
    pub advice_form: String,
    /// The LA's SENDIASS and how to contact it, named in the parents' letters; blank if not
    /// entered.
    #[serde(default)]
    pub sendiass: String,
    pub amendment_mode: Option<crate::LaAmendmentMode>,
    pub timings: TimingsForm,
}

/// An LA's timings as typed: days, except the target for the meeting (months).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimingsForm {
    pub target_meeting_months: String,
    /// Invitations and requests for advice go out together (T06).
    pub invite_lead_days: String,
    pub reports_due_before_meeting_days: String,
    pub statutory_notice_days: String,
    pub circulate_before_meeting_days: String,
    pub report_after_meeting_days: String,
    pub la_decision_after_meeting_days: String,
    pub final_plan_after_meeting_days: String,
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
