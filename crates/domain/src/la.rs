//! Local-authority profiles: what differs between LAs, held as data files, never as code.
//!
//! The maintaining LA of each child picks the profile. Built-in profiles live in
//! `crates/domain/la-profiles/*.json` and are embedded at compile time; a test proves that each
//! one parses and validates.
//!
//! Any other LA in England gets a statutory-defaults profile ([`LaProfile::statutory_defaults`]):
//! the law's periods and the spec's default documents, with the id `la-` and the LA's DfE
//! three-digit code (`la-301`), so it can never clash with a shipped id. The LAs and their codes
//! are data, `crates/domain/data/england-las.csv`, read by [`england`].

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::content::{Active, Level};
use crate::problem::Problem;

/// How proposed amendments to the plan are shown to this LA (spec §7.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmendmentMode {
    WordRevisions,
    BoldStrike,
    OnFormTable,
    AnnotatedOrTable,
}

impl AmendmentMode {
    pub fn label(self) -> &'static str {
        match self {
            AmendmentMode::WordRevisions => "Word tracked changes",
            AmendmentMode::BoldStrike => "Bold additions, struck-through deletions",
            AmendmentMode::OnFormTable => "Table on the review form",
            AmendmentMode::AnnotatedOrTable => "Annotated plan or table",
        }
    }
}

/// Lead and lag times, in calendar days unless named otherwise (spec §2 and §11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timings {
    pub target_meeting_months: u32,
    /// T06: invitations and requests for advice go out together, this many days before the
    /// meeting.
    pub invite_lead_days: u32,
    /// Retired: profiles had a separate lead time for requests for advice, read nowhere; T06
    /// counts `invite_lead_days`, as the invitations and requests for advice go out together.
    #[serde(default, rename = "advice_request_lead_days", skip_serializing)]
    retired_advice_days: Retired,
    pub reports_due_before_meeting_days: u32,
    pub statutory_notice_days: u32,
    pub circulate_before_meeting_days: u32,
    pub report_after_meeting_days: u32,
    pub la_decision_after_meeting_days: u32,
    pub final_plan_after_meeting_days: u32,
}

/// One version of the LA's review form, possibly only for some year groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormVariant {
    pub title: String,
    pub version: String,
    /// First NC year the variant is for (inclusive); `None` = from the start.
    pub from_ncy: Option<i32>,
    /// Last NC year the variant is for (inclusive); `None` = to the end.
    pub to_ncy: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forms {
    pub ar1: Vec<FormVariant>,
    /// The LA's own request-for-advice form (Redcar: AR3), if it has one.
    pub advice_form: Option<String>,
    /// Older forms are not accepted after this date (Southwark: 1 April 2026): a record on the
    /// form of an earlier version of the profile is then a V18 warning.
    pub old_form_cutoff: Option<NaiveDate>,
    /// The order of the parts of the exported AR1 record (codes of
    /// [`crate::ar1::RecordPart`]); parts not listed follow in the standard order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub record_order: Vec<String>,
}

/// When a conditional document is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    AmendmentsProposed,
    LookedAfter,
    Year9Plus,
    FundingChange,
    PlacementChange,
    PersonalBudget,
    RequestMade,
    PhaseTransfer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionalDoc {
    /// Document code from spec §4 (D01–D19).
    pub doc: String,
    pub when: Condition,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Documents {
    pub required: Vec<String>,
    pub conditional: Vec<ConditionalDoc>,
    pub forbidden: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signoff {
    pub head_teacher_required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileRules {
    /// Lower-case extensions without the dot.
    pub allowed_ext: Vec<String>,
    pub max_mb: Option<u32>,
    /// Kinds of active content this LA accepts with a warning (and a recorded reason) rather
    /// than refusing: `{"embedded_file": "warn"}`. Every kind not named blocks.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub active_content: BTreeMap<Active, Level>,
    /// Retired: whether a zip could be among the documents, read nowhere. A received archive is
    /// refused when it is attached (intake), and whether the bundle goes as one zip is the
    /// channel's `submission.zip_single_file`.
    #[serde(default, rename = "allow_zip", skip_serializing)]
    retired_allow_zip: Retired,
}

/// A field profiles once had and this build no longer reads: accepted, so that a profile saved or
/// exported by an earlier version still opens, ignored, and never written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Retired;

impl<'de> Deserialize<'de> for Retired {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Retired, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| Retired)
    }
}

/// How the bundle reaches the LA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Portal,
    Email,
    Securefile,
    DigitalForm,
}

impl Channel {
    pub fn label(self) -> &'static str {
        match self {
            Channel::Portal => "LA portal",
            Channel::Email => "Email",
            Channel::Securefile => "Secure file transfer",
            Channel::DigitalForm => "LA digital form",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    pub channel: Channel,
    /// Email address, portal name or URL.
    pub address: Option<String>,
    /// The LA takes the paperwork zipped into one file (Buckinghamshire's AnyComms); otherwise
    /// each document goes on its own (a portal, an email with the files attached).
    pub zip_single_file: bool,
    /// The email subject (or upload label): `{initials}` and `{la_ref}` (or `{student_id}`),
    /// never a name (spec §8.2).
    pub subject_pattern: String,
    pub filename_pattern: String,
}

/// Which date the LA's target meeting date (T04) counts from (spec §0a, T04).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetBase {
    /// The cycle's anchor (T01): the LA's last decision letter, or the plan's issue date.
    #[default]
    Anchor,
    /// The last review meeting, or the issue of the first plan when there has been no review
    /// (Redcar & Cleveland's Annual Review Pathway: "no later than 11 months after the first plan
    /// was issued or the last review meeting").
    LastReviewMeeting,
}

impl TargetBase {
    fn is_anchor(&self) -> bool {
        *self == TargetBase::Anchor
    }
}

/// A phase transfer with a statutory deadline (SEND Regulations 2014 reg 18(1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferKind {
    /// Into or between schools (nursery to Reception, infant to junior, primary to secondary…):
    /// the plan amended before 15 February of the year of transfer (reg 18(1)(b), T16).
    Phase,
    /// Secondary school to a post-16 institution: before 31 March (reg 18(1)(a), T17).
    Post16,
}

/// A day of the school year, `MM-DD` in the profile's JSON (`"07-20"`): September to December
/// belong to the first calendar year of the school year, January to August to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    /// The date in the school year starting on 1 September `start`.
    pub fn in_school_year(self, start: i32) -> Option<NaiveDate> {
        crate::ncy::in_school_year(start, self.month, self.day)
    }

    /// The order of days within a school year (September first).
    fn school_year_order(self) -> (u32, u32) {
        ((self.month + 3) % 12, self.day)
    }
}

impl TryFrom<String> for MonthDay {
    type Error = String;
    fn try_from(text: String) -> Result<MonthDay, String> {
        let bad = || format!("\"{text}\" is not a day of the year as MM-DD (e.g. \"07-20\")");
        let (m, d) = text.split_once('-').ok_or_else(bad)?;
        let (month, day) = (m.parse::<u32>().map_err(|_| bad())?, d.parse::<u32>().map_err(|_| bad())?);
        // 29 February is refused: it does not exist every year.
        NaiveDate::from_ymd_opt(2025, month, day).ok_or_else(bad)?;
        Ok(MonthDay { month, day })
    }
}

impl From<MonthDay> for String {
    fn from(md: MonthDay) -> String {
        format!("{:02}-{:02}", md.month, md.day)
    }
}

/// An LA's own time for a phase-transfer review, earlier than the law needs (spec §2, the
/// phase-transfer practice: Devon and Cornwall hold it in the summer term of Year 5, Suffolk by
/// the October half-term of Year 6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferReview {
    pub transfer: TransferKind,
    /// The school year of the review: 0 = the year of the transfer (Year 6 or Year 11), 1 = the
    /// year before (Year 5 or Year 10).
    pub years_before: u8,
    /// The LA's window for the review meeting in that school year (`"04-15"` to `"07-20"`).
    pub from: MonthDay,
    pub by: MonthDay,
    /// Where the practice is written down, for the reason shown with the date.
    #[serde(default)]
    pub source: String,
}

/// The LA's own practice around the statutory clock. Each field defaults to the law's reading,
/// so a profile without it behaves as the statutory defaults do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewPractice {
    /// Which date the target meeting date (T04) counts from.
    #[serde(default, skip_serializing_if = "TargetBase::is_anchor")]
    pub target_meeting_from: TargetBase,
    /// The LA's own times for phase-transfer reviews, at most one per kind of transfer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transfer_reviews: Vec<TransferReview>,
    /// Under-5s get the shorter cycle of `under5_review_months` (T19; Code of Practice 9.178:
    /// the LA "should consider" a review every 3 to 6 months). Off unless the LA does so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub under5_shorter_cycle: bool,
}

impl ReviewPractice {
    fn is_default(&self) -> bool {
        *self == ReviewPractice::default()
    }

    /// The LA's transfer review practice for `kind`, if it has one.
    pub fn transfer_review(&self, kind: TransferKind) -> Option<&TransferReview> {
        self.transfer_reviews.iter().find(|r| r.transfer == kind)
    }
}

/// One version of one LA's profile (spec §11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LaProfile {
    pub id: String,
    pub name: String,
    pub version: u32,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub timings: Timings,
    pub amendment_mode: AmendmentMode,
    /// Preparing for adulthood is covered from this NC year (reg 20(6): Year 9).
    pub pfa_from_year: u8,
    /// Under-5s: the LA considers a review this often (CoP 9.178: every 3–6 months). Used by the
    /// clock (T19) only where `review_practice.under5_shorter_cycle` says the LA does so.
    pub under5_review_months: u32,
    /// The LA's own practice around the statutory clock (T04's base, transfer reviews, T19).
    #[serde(default, skip_serializing_if = "ReviewPractice::is_default")]
    pub review_practice: ReviewPractice,
    pub forms: Forms,
    pub documents: Documents,
    pub signoff: Signoff,
    pub files: FileRules,
    pub submission: Submission,
    /// The LA's own wording for letters, by letter kind (e.g. `"parent_invitation"`), in the
    /// template format of [`crate::letters`]; the school's wording overrides it in turn.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub letters: std::collections::BTreeMap<String, String>,
    /// The LA's own wording for its replies to what schools send, by kind (`"returned_to_school"`,
    /// [`crate::replies`]), in the same template format.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub replies: std::collections::BTreeMap<String, String>,
    /// The LA's SEND Information, Advice and Support Service, as the parents' letters name it:
    /// its name and how to reach it, as the school enters it (spec §6.1 item 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sendiass: Option<String>,
    /// The independent mediation service the LA commissions (CFA 2014 s53–55), as its decision
    /// letters name it: its name and how to reach it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mediation: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// The id of the profile used when nothing else is chosen.
pub const DEFAULT_LA: &str = "redcar";

/// Document codes of spec §4.
pub const DOC_CODES: [&str; 19] = [
    "D01", "D02", "D03", "D04", "D05", "D06", "D07", "D08", "D09", "D10", "D11", "D12", "D13", "D14", "D15",
    "D16", "D17", "D18", "D19",
];

const BUILTIN: [(&str, &str); 5] = [
    ("redcar.json", include_str!("../la-profiles/redcar.json")),
    ("stockton.json", include_str!("../la-profiles/stockton.json")),
    ("buckinghamshire.json", include_str!("../la-profiles/buckinghamshire.json")),
    ("kent.json", include_str!("../la-profiles/kent.json")),
    ("southwark.json", include_str!("../la-profiles/southwark.json")),
];

impl LaProfile {
    /// Parses and validates a profile file. The problem names the file and the field at fault.
    pub fn parse(file_name: &str, json: &str) -> Result<LaProfile, Problem> {
        let profile: LaProfile = serde_json::from_str(json).map_err(|e| {
            Problem::block(
                "profile",
                format!("LA profile {file_name} could not be read: {e}."),
                "Correct the field named (line and column are given) and import it again.",
            )
        })?;
        profile.validate(file_name)?;
        Ok(profile)
    }

    fn validate(&self, file_name: &str) -> Result<(), Problem> {
        let bad = |field: &str, why: &str| {
            Problem::block(
                "profile",
                format!("LA profile {file_name}: field `{field}` {why}."),
                "Correct that field and import the profile again.",
            )
        };
        if self.id.is_empty()
            || !self.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(bad("id", "must be lower-case letters, digits and hyphens"));
        }
        if self.id.starts_with(DEFAULTS_ID_PREFIX) && code_of_defaults_id(&self.id).is_none() {
            return Err(bad(
                "id",
                "starting \"la-\" must end in the three-digit DfE code of an LA in England (e.g. la-301)",
            ));
        }
        if self.name.trim().is_empty() {
            return Err(bad("name", "is empty"));
        }
        if self.valid_to.is_some_and(|to| to <= self.valid_from) {
            return Err(bad("valid_to", "must be after valid_from"));
        }
        let t = &self.timings;
        if !(1..=12).contains(&t.target_meeting_months) {
            return Err(bad("timings.target_meeting_months", "must be between 1 and 12"));
        }
        for (field, days) in [
            ("timings.invite_lead_days", t.invite_lead_days),
            ("timings.reports_due_before_meeting_days", t.reports_due_before_meeting_days),
            ("timings.statutory_notice_days", t.statutory_notice_days),
            ("timings.circulate_before_meeting_days", t.circulate_before_meeting_days),
            ("timings.report_after_meeting_days", t.report_after_meeting_days),
            ("timings.la_decision_after_meeting_days", t.la_decision_after_meeting_days),
            ("timings.final_plan_after_meeting_days", t.final_plan_after_meeting_days),
        ] {
            if days > 365 {
                return Err(bad(field, "must be at most 365 days"));
            }
        }
        // The statutory floors (reg 20): notice and circulation at least 14 days before, the
        // report within 14 days after, the decision within 28 days. A profile may be stricter.
        if t.statutory_notice_days < 14 {
            return Err(bad("timings.statutory_notice_days", "must be at least 14 (reg 20(3))"));
        }
        if t.circulate_before_meeting_days < 14 {
            return Err(bad("timings.circulate_before_meeting_days", "must be at least 14 (reg 20(4))"));
        }
        if t.report_after_meeting_days > 14 {
            return Err(bad("timings.report_after_meeting_days", "must be at most 14 (reg 20)"));
        }
        if t.la_decision_after_meeting_days > 28 {
            return Err(bad("timings.la_decision_after_meeting_days", "must be at most 28 (reg 20)"));
        }
        if !(9..=14).contains(&self.pfa_from_year) {
            return Err(bad(
                "pfa_from_year",
                "must be between 9 and 14 (reg 20(6): from Year 9 at the latest)",
            ));
        }
        if !(1..=12).contains(&self.under5_review_months) {
            return Err(bad("under5_review_months", "must be between 1 and 12"));
        }
        let practice = &self.review_practice;
        if practice.under5_shorter_cycle && !(3..=6).contains(&self.under5_review_months) {
            return Err(bad(
                "under5_review_months",
                "must be between 3 and 6 for the under-5s' shorter cycle (Code of Practice 9.178)",
            ));
        }
        for (n, r) in practice.transfer_reviews.iter().enumerate() {
            if practice.transfer_reviews.iter().take(n).any(|earlier| earlier.transfer == r.transfer) {
                return Err(bad("review_practice.transfer_reviews", "lists the same transfer twice"));
            }
            if r.years_before > 1 {
                return Err(bad(
                    "review_practice.transfer_reviews.years_before",
                    "must be 0 (the year of the transfer) or 1 (the year before)",
                ));
            }
            if r.from.school_year_order() > r.by.school_year_order() {
                return Err(bad(
                    "review_practice.transfer_reviews.from",
                    "must come before `by` in the school year",
                ));
            }
        }
        if self.forms.ar1.is_empty() {
            return Err(bad("forms.ar1", "must list at least one form"));
        }
        if let Some(code) =
            self.forms.record_order.iter().find(|c| crate::ar1::RecordPart::from_code(c).is_none())
        {
            return Err(bad(
                "forms.record_order",
                &format!("has an unknown part {code:?} (use views, progress, discussion, actions…)"),
            ));
        }
        let known = |code: &String| DOC_CODES.contains(&code.as_str());
        let docs = &self.documents;
        if let Some(code) = docs.required.iter().find(|c| !known(c)) {
            return Err(bad(
                "documents.required",
                &format!("has an unknown document code {code:?} (use D01 to D19)"),
            ));
        }
        if let Some(c) = docs.conditional.iter().find(|c| !known(&c.doc)) {
            return Err(bad(
                "documents.conditional",
                &format!("has an unknown document code {:?} (use D01 to D19)", c.doc),
            ));
        }
        if let Some(code) = docs.forbidden.iter().find(|c| !known(c)) {
            return Err(bad(
                "documents.forbidden",
                &format!("has an unknown document code {code:?} (use D01 to D19)"),
            ));
        }
        if let Some(code) = docs.required.iter().find(|c| docs.forbidden.contains(c)) {
            return Err(bad("documents.forbidden", &format!("also lists the required document {code}")));
        }
        if self.files.allowed_ext.is_empty()
            || self
                .files
                .allowed_ext
                .iter()
                .any(|e| e.is_empty() || !e.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
        {
            return Err(bad(
                "files.allowed_ext",
                "must list lower-case extensions without dots, e.g. [\"pdf\", \"docx\"]",
            ));
        }
        if self.files.max_mb == Some(0) {
            return Err(bad("files.max_mb", "must be at least 1, or null for no limit"));
        }
        if let Some(kind) = self.letters.keys().find(|k| crate::letters::LetterKind::from_code(k).is_none()) {
            return Err(bad("letters", &format!("names an unknown letter {kind:?}")));
        }
        if let Some(kind) = self.replies.keys().find(|k| !crate::replies::KINDS.contains(&k.as_str())) {
            return Err(bad("replies", &format!("names an unknown reply {kind:?}")));
        }
        if self.submission.filename_pattern.trim().is_empty() {
            return Err(bad("submission.filename_pattern", "is empty"));
        }
        Ok(())
    }

    /// Whether this version applies on `date`.
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|to| date <= to)
    }

    /// The review form for a child in NC year `ncy`.
    pub fn ar1_for(&self, ncy: i32) -> Option<&FormVariant> {
        self.forms
            .ar1
            .iter()
            .find(|f| f.from_ncy.is_none_or(|from| ncy >= from) && f.to_ncy.is_none_or(|to| ncy <= to))
    }

    /// Pretty JSON, in the shape [`LaProfile::parse`] reads.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A profile for the LA with DfE code `code`, holding only what the law and the spec's
    /// defaults say, with no LA-specific forms, address or wording: the starting point for any LA
    /// without a shipped profile, which the school then edits (name, address, channel, forms,
    /// timings).
    ///
    /// Timings: notice of the meeting and circulation of advice at least 2 weeks before it (reg
    /// 20(3) and (4)), the report within 2 weeks after it and the LA's decision within 4 weeks
    /// (reg 20; Devon 2022), the final amended plan within 12 weeks (4 weeks, then 8 from the
    /// amendment notice, reg 22(3)), the meeting 11 months after the anchor so the decision falls
    /// within the 12 months of s44(1) (T03/T04). The law sets no date for asking for advice or for
    /// reports to come back: those are the spec's defaults (T06: 6 weeks before; T08: 3 weeks,
    /// leaving one to collate). Documents: spec §4 without Redcar's own SEN support plan
    /// requirement. Preparing for adulthood from Year 9 (reg 20(6)); under-5s every 6 months (CoP
    /// 9.178). Submission by email to an address the school fills in.
    ///
    /// `code` is one of [`england`]'s; any other gives a profile that fails validation.
    pub fn statutory_defaults(code: u16, name: &str) -> LaProfile {
        let docs = |codes: &[&str]| codes.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
        let when = |doc: &str, when: Condition| ConditionalDoc { doc: doc.to_owned(), when };
        LaProfile {
            id: defaults_profile_id(code),
            name: name.trim().to_owned(),
            version: 1,
            // The SEND Regulations 2014 came into force on 1 September 2014.
            valid_from: NaiveDate::from_ymd_opt(2014, 9, 1).unwrap_or_default(),
            valid_to: None,
            timings: STATUTORY_TIMINGS,
            amendment_mode: AmendmentMode::WordRevisions,
            pfa_from_year: 9,
            under5_review_months: 6,
            review_practice: ReviewPractice::default(),
            forms: Forms {
                ar1: vec![FormVariant {
                    title: "Record of Annual Review".to_owned(),
                    version: "statutory defaults".to_owned(),
                    from_ncy: None,
                    to_ncy: None,
                }],
                advice_form: None,
                old_form_cutoff: None,
                record_order: Vec::new(),
            },
            documents: Documents {
                required: docs(&["D01", "D02", "D10", "D11"]),
                conditional: vec![
                    when("D04", Condition::AmendmentsProposed),
                    when("D05", Condition::LookedAfter),
                    when("D06", Condition::Year9Plus),
                    when("D07", Condition::FundingChange),
                    when("D08", Condition::PlacementChange),
                    when("D12", Condition::PersonalBudget),
                    when("D15", Condition::RequestMade),
                ],
                forbidden: docs(&["D17", "D18", "D19"]),
            },
            signoff: Signoff { head_teacher_required: false },
            files: FileRules {
                allowed_ext: docs(&["pdf", "docx"]),
                max_mb: None,
                active_content: BTreeMap::new(),
                retired_allow_zip: Retired,
            },
            submission: Submission {
                channel: Channel::Email,
                address: None,
                zip_single_file: false,
                subject_pattern: "Annual Review – {initials} {la_ref}".to_owned(),
                filename_pattern: "AR_{la_ref}_{initials}_{meeting}_{nn}_{code}".to_owned(),
            },
            letters: std::collections::BTreeMap::new(),
            replies: std::collections::BTreeMap::new(),
            sendiass: None,
            mediation: None,
            sources: vec![
                "Statutory defaults: Children and Families Act 2014 s44; SEND Regulations 2014 regs 18–22; \
                 SEND Code of Practice 9.166–9.185 (no LA-specific rules: check the LA's own guidance)"
                    .to_owned(),
            ],
        }
    }
}

/// The timings of [`LaProfile::statutory_defaults`] (see there for where each comes from).
pub const STATUTORY_TIMINGS: Timings = Timings {
    target_meeting_months: 11,
    invite_lead_days: 42,
    retired_advice_days: Retired,
    reports_due_before_meeting_days: 21,
    statutory_notice_days: 14,
    circulate_before_meeting_days: 14,
    report_after_meeting_days: 14,
    la_decision_after_meeting_days: 28,
    final_plan_after_meeting_days: 84,
};

/// The statutory-defaults profile a `la-NNN` id starts from, under the DfE's name for the LA;
/// `None` for any other id.
pub fn defaults_for_id(id: &str) -> Option<LaProfile> {
    let la = find_by_code(code_of_defaults_id(id)?)?;
    Some(LaProfile::statutory_defaults(la.code, la.name))
}

/// A local authority in England that maintains EHC plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnglishLa {
    /// The DfE three-digit LA code: SEN2, the CTF `<LA>` element, GIAS "LA (code)".
    pub code: u16,
    /// The DfE's name for it, e.g. "Kent", "Bristol, City of".
    pub name: &'static str,
}

/// The list of LAs, as shipped (`crates/domain/data/england-las.csv`; sources in its header).
const ENGLAND_CSV: &str = include_str!("../data/england-las.csv");

/// Every local authority in England that maintains EHC plans (153 since April 2023), by code.
pub fn england() -> &'static [EnglishLa] {
    static LIST: OnceLock<Vec<EnglishLa>> = OnceLock::new();
    // A test proves the shipped file parses, so the empty fallback is never used.
    LIST.get_or_init(|| parse_england(ENGLAND_CSV).unwrap_or_default())
}

/// Reads the `code,name` list: `#` lines are comments, the header is `code,name`, a code is three
/// digits, a name with a comma is in double quotes. Refuses a malformed line or a repeated code.
fn parse_england(csv: &'static str) -> Result<Vec<EnglishLa>, String> {
    let mut list: Vec<EnglishLa> = Vec::new();
    for (n, line) in csv.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') || line == "code,name" {
            continue;
        }
        let bad = |why: &str| format!("england-las.csv line {}: {why}", n + 1);
        let (code, name) = line.split_once(',').ok_or_else(|| bad("expected code,name"))?;
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("the code must be three digits"));
        }
        let code: u16 = code.parse().map_err(|_| bad("the code must be three digits"))?;
        let name = match name.strip_prefix('"') {
            Some(quoted) => quoted.strip_suffix('"').ok_or_else(|| bad("unclosed quote"))?,
            None if name.contains(',') => return Err(bad("a name with a comma must be quoted")),
            None => name,
        };
        if name.trim().is_empty() || name.trim() != name || name.contains('"') {
            return Err(bad("the name is empty, padded or holds a quote"));
        }
        if list.iter().any(|la| la.code == code) {
            return Err(bad("the code is listed twice"));
        }
        list.push(EnglishLa { code, name });
    }
    Ok(list)
}

/// The LA with DfE code `code`.
pub fn find_by_code(code: u16) -> Option<&'static EnglishLa> {
    england().iter().find(|la| la.code == code)
}

/// The LA called `name`, ignoring case, punctuation, "&" for "and", hyphens for spaces and a
/// trailing "Council"; the DfE's "Bristol, City of" is also found as "Bristol" or "City of
/// Bristol".
pub fn find_by_name(name: &str) -> Option<&'static EnglishLa> {
    let wanted = name_key(name);
    let wanted = wanted.strip_suffix(" council").unwrap_or(&wanted).to_owned();
    if wanted.is_empty() {
        return None;
    }
    england().iter().find(|la| {
        let mut keys = vec![name_key(la.name)];
        if let Some((before, after)) = la.name.split_once(", ") {
            keys.push(name_key(before));
            keys.push(name_key(&format!("{after} {before}")));
        }
        keys.contains(&wanted)
    })
}

/// `name` folded for comparison: lower case, "&" as "and", hyphens as spaces, no other
/// punctuation, single spaces.
fn name_key(name: &str) -> String {
    let folded: String = name
        .to_lowercase()
        .replace('&', " and ")
        .chars()
        .map(|c| if c == '-' { ' ' } else { c })
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The ids of statutory-defaults profiles are this prefix and the LA's three-digit code.
pub const DEFAULTS_ID_PREFIX: &str = "la-";

/// The id of the statutory-defaults profile for the LA with code `code`, e.g. `la-301`.
pub fn defaults_profile_id(code: u16) -> String {
    format!("{DEFAULTS_ID_PREFIX}{code:03}")
}

/// The LA code in a statutory-defaults id (`la-301` → 301), if it names an LA in [`england`].
pub fn code_of_defaults_id(id: &str) -> Option<u16> {
    let digits = id.strip_prefix(DEFAULTS_ID_PREFIX)?;
    if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().and_then(find_by_code).map(|la| la.code)
}

/// The LA of each shipped profile, by DfE code. A test keeps it in step with the shipped files.
pub const SHIPPED_LA_CODES: [(&str, u16); 5] =
    [("southwark", 210), ("redcar", 807), ("stockton", 808), ("buckinghamshire", 825), ("kent", 886)];

/// The profile id to use for the LA with code `code` (say, a CTF's `<LA>`): the shipped profile
/// where there is one (`886` → `kent`), else its statutory-defaults id (`301` → `la-301`).
/// `None` for a code that is not an LA in England.
pub fn profile_id_for(code: u16) -> Option<String> {
    let la = find_by_code(code)?;
    Some(match SHIPPED_LA_CODES.iter().find(|(_, c)| *c == la.code) {
        Some((id, _)) => (*id).to_owned(),
        None => defaults_profile_id(la.code),
    })
}

/// The DfE code of the LA a profile id stands for: a shipped id or a `la-NNN` one.
pub fn la_code_of(id: &str) -> Option<u16> {
    SHIPPED_LA_CODES.iter().find(|(i, _)| *i == id).map(|(_, c)| *c).or_else(|| code_of_defaults_id(id))
}

/// The LA profiles the app knows about: the shipped ones, with any the school edited in their
/// place.
#[derive(Debug, Clone)]
pub struct LaCatalogue {
    /// Every version of every profile, sorted by id then version.
    profiles: Vec<LaProfile>,
    /// Ids whose profile the school has edited.
    customised: Vec<String>,
}

impl LaCatalogue {
    /// The profiles shipped with the app.
    pub fn builtin() -> Result<LaCatalogue, Problem> {
        let profiles =
            BUILTIN.iter().map(|(file, json)| LaProfile::parse(file, json)).collect::<Result<Vec<_>, _>>()?;
        Ok(LaCatalogue::from_profiles(profiles))
    }

    fn from_profiles(mut profiles: Vec<LaProfile>) -> LaCatalogue {
        profiles.sort_by(|a, b| (a.id.as_str(), a.version).cmp(&(b.id.as_str(), b.version)));
        LaCatalogue { profiles, customised: Vec::new() }
    }

    /// Adds a statutory-defaults profile (`la-NNN`) for every LA in [`england`] that no profile
    /// here stands for yet, so that a child can be saved against any LA in England. Call it
    /// before [`LaCatalogue::with_custom`], so that the school's edited `la-NNN` profiles replace
    /// the defaults.
    pub fn with_england_defaults(self) -> LaCatalogue {
        let LaCatalogue { mut profiles, customised } = self;
        for la in england() {
            let covered = profiles.iter().any(|p| la_code_of(&p.id) == Some(la.code));
            if !covered {
                profiles.push(LaProfile::statutory_defaults(la.code, la.name));
            }
        }
        LaCatalogue { customised, ..LaCatalogue::from_profiles(profiles) }
    }

    /// Whether `id` is a statutory-defaults profile the school has not edited.
    pub fn is_untouched_default(&self, id: &str) -> bool {
        code_of_defaults_id(id).is_some() && !self.is_customised(id) && self.get(id).is_some()
    }

    /// Replaces the shipped versions of each id in `custom` with the school's own profile.
    pub fn with_custom(self, custom: Vec<LaProfile>) -> LaCatalogue {
        let ids: Vec<String> = custom.iter().map(|p| p.id.clone()).collect();
        let mut profiles: Vec<LaProfile> =
            self.profiles.into_iter().filter(|p| !ids.contains(&p.id)).collect();
        profiles.extend(custom);
        let mut catalogue = LaCatalogue::from_profiles(profiles);
        catalogue.customised = ids;
        catalogue
    }

    /// The current (latest) version of `id`.
    pub fn get(&self, id: &str) -> Option<&LaProfile> {
        self.profiles.iter().rev().find(|p| p.id == id)
    }

    /// The version of `id` valid on `date`, or the latest one if none is.
    pub fn at(&self, id: &str, date: NaiveDate) -> Option<&LaProfile> {
        self.profiles.iter().rev().find(|p| p.id == id && p.valid_on(date)).or_else(|| self.get(id))
    }

    /// The latest version of each profile, sorted by name.
    pub fn current(&self) -> Vec<&LaProfile> {
        let mut list: Vec<&LaProfile> = Vec::new();
        for p in &self.profiles {
            match list.iter_mut().find(|q| q.id == p.id) {
                Some(slot) => *slot = p,
                None => list.push(p),
            }
        }
        list.sort_by(|a, b| a.name.cmp(&b.name));
        list
    }

    /// Whether the school holds its own copy of `id` (edited, or an LA it added in Settings).
    pub fn is_customised(&self, id: &str) -> bool {
        self.customised.iter().any(|c| c == id)
    }

    /// Whether the school's copy of `id` differs from what it started from: the shipped profile
    /// or, for a `la-NNN` id, the statutory defaults.
    pub fn is_edited(&self, id: &str) -> bool {
        self.is_customised(id)
            && match defaults_for_id(id) {
                Some(defaults) => self.get(id) != Some(&defaults),
                None => true,
            }
    }

    /// The display name of `id`, or the id itself for an LA the catalogue does not hold.
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.get(id).map_or(id, |p| p.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_parse_and_validate() {
        let cat = LaCatalogue::builtin().map_err(|p| p.message);
        let cat = cat.as_ref().map(|c| c.current().len());
        assert_eq!(cat, Ok(BUILTIN.len()));
    }

    #[test]
    fn redcar_is_the_default_with_the_pathway_timings() {
        let cat = LaCatalogue::builtin().ok();
        let redcar = cat.as_ref().and_then(|c| c.get(DEFAULT_LA));
        let t = redcar.map(|p| &p.timings);
        assert_eq!(t.map(|t| t.target_meeting_months), Some(11));
        assert_eq!(t.map(|t| t.invite_lead_days), Some(42));
        assert_eq!(t.map(|t| t.reports_due_before_meeting_days), Some(21));
        assert_eq!(redcar.map(|p| p.amendment_mode), Some(AmendmentMode::WordRevisions));
    }

    fn check_refused(edit: impl Fn(&mut serde_json::Value), field: &str) {
        let mut value: serde_json::Value =
            serde_json::from_str(BUILTIN[0].1).unwrap_or(serde_json::Value::Null);
        edit(&mut value);
        let result = LaProfile::parse("test.json", &value.to_string());
        let message = result.err().map(|p| p.message).unwrap_or_default();
        assert!(message.contains(field), "expected {field} in {message:?}");
    }

    #[test]
    fn invalid_profiles_are_refused_naming_the_field() {
        check_refused(|v| v["id"] = "Red Car".into(), "`id`");
        check_refused(|v| v["timings"]["statutory_notice_days"] = 7.into(), "statutory_notice_days");
        check_refused(|v| v["timings"]["target_meeting_months"] = 13.into(), "target_meeting_months");
        check_refused(|v| v["valid_to"] = "2020-01-01".into(), "valid_to");
        check_refused(|v| v["timings"]["typo_days"] = 1.into(), "typo_days");
        check_refused(|v| v["amendment_mode"] = "crayon".into(), "crayon");
        check_refused(|v| v["documents"]["required"][0] = "D99".into(), "documents.required");
        check_refused(|v| v["files"]["allowed_ext"][0] = ".PDF".into(), "files.allowed_ext");
        check_refused(|v| v["pfa_from_year"] = 15.into(), "pfa_from_year");
    }

    #[test]
    fn the_five_profiles_carry_their_la_s_rules() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let names: Vec<&str> = cat.current().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Buckinghamshire", "Kent", "Redcar & Cleveland", "Southwark", "Stockton-on-Tees"]);
        let stockton = cat.get("stockton").map(|p| {
            (p.timings.report_after_meeting_days, p.amendment_mode, p.signoff.head_teacher_required)
        });
        assert_eq!(stockton, Some((7, AmendmentMode::BoldStrike, true)));
        assert_eq!(cat.get("kent").map(|p| p.amendment_mode), Some(AmendmentMode::OnFormTable));
        assert_eq!(cat.get("buckinghamshire").map(|p| p.submission.zip_single_file), Some(true));
        let southwark = cat.get("southwark");
        assert_eq!(
            southwark.and_then(|p| p.ar1_for(3)).map(|f| f.title.as_str()),
            Some("Annual Review form (EYFS to Year 4)")
        );
        assert_eq!(
            southwark.and_then(|p| p.ar1_for(9)).map(|f| f.title.as_str()),
            Some("Annual Review form (Year 5 and above)")
        );
        assert!(cat.get("redcar").is_some_and(|p| p.documents.forbidden.contains(&"D17".to_owned())));
    }

    #[test]
    fn a_school_s_edited_profile_replaces_the_shipped_one() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let mut mine = cat.get("redcar").cloned().unwrap_or_else(|| unreachable!());
        mine.timings.invite_lead_days = 35;
        mine.version = 2;
        let cat = cat.with_custom(vec![mine]);
        assert_eq!(cat.get("redcar").map(|p| p.timings.invite_lead_days), Some(35));
        assert!(cat.is_customised("redcar") && !cat.is_customised("kent"));
        assert_eq!(cat.current().len(), 5);
    }

    #[test]
    fn the_england_list_has_153_las_with_unique_three_digit_codes() {
        let parsed = parse_england(ENGLAND_CSV).map(|l| l.len());
        assert_eq!(parsed, Ok(153), "every line of england-las.csv must parse");
        let list = england();
        assert_eq!(list.len(), 153);
        assert!(list.windows(2).all(|w| w[0].code < w[1].code), "sorted by code, none repeated");
        assert!(list.iter().all(|la| (100..=999).contains(&la.code) && !la.name.is_empty()));
        let mut names: Vec<String> = list.iter().map(|la| name_key(la.name)).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 153, "names are unique too");
    }

    #[test]
    fn the_list_is_after_the_2023_reorganisations() {
        let name = |code| find_by_code(code).map(|la| la.name);
        assert_eq!(name(201), Some("City of London"));
        assert_eq!(name(202), Some("Camden"));
        assert_eq!(name(420), Some("Isles of Scilly"));
        assert_eq!(name(815), Some("North Yorkshire"));
        assert_eq!(name(838), Some("Dorset"));
        assert_eq!(name(839), Some("Bournemouth, Christchurch and Poole"));
        assert_eq!(name(886), Some("Kent"));
        assert_eq!(name(933), Some("Somerset"));
        assert_eq!(name(940), Some("North Northamptonshire"));
        assert_eq!(name(941), Some("West Northamptonshire"));
        assert_eq!(name(942), Some("Cumberland"));
        assert_eq!(name(943), Some("Westmorland and Furness"));
        // Cumbria, Northamptonshire, the old Dorset, Poole and Bournemouth are gone.
        for gone in [909, 928, 835, 836, 837] {
            assert_eq!(name(gone), None, "{gone}");
        }
    }

    #[test]
    fn names_are_found_however_they_are_written() {
        let code = |name: &str| find_by_name(name).map(|la| la.code);
        assert_eq!(code("KENT"), Some(886));
        assert_eq!(code("Redcar & Cleveland"), Some(807));
        assert_eq!(code("redcar and cleveland council"), Some(807));
        assert_eq!(code("St Helens"), Some(342));
        assert_eq!(code("Southend on Sea"), Some(882));
        assert_eq!(code("Kingston upon Hull"), Some(810));
        assert_eq!(code("City of Bristol"), Some(801));
        assert_eq!(code("bristol, city of"), Some(801));
        assert_eq!(code("westmorland  and furness"), Some(943));
        assert_eq!(code("Cumbria"), None);
        assert_eq!(code(""), None);
        assert_eq!(code("Council"), None);
        assert_eq!(find_by_code(999), None);
    }

    #[test]
    fn the_shipped_profiles_las_are_in_the_list_with_their_codes() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let shipped: Vec<&str> = cat.current().iter().map(|p| p.id.as_str()).collect();
        assert_eq!(shipped.len(), SHIPPED_LA_CODES.len());
        for p in cat.current() {
            assert!(!p.id.starts_with(DEFAULTS_ID_PREFIX), "{} could clash with a defaults id", p.id);
            let code = la_code_of(&p.id);
            assert!(code.is_some(), "{} needs its DfE code in SHIPPED_LA_CODES", p.id);
            assert_eq!(find_by_name(&p.name).map(|la| la.code), code, "{}", p.name);
            assert_eq!(code.and_then(profile_id_for).as_deref(), Some(p.id.as_str()));
        }
    }

    #[test]
    fn statutory_defaults_validate_for_every_la_and_keep_the_law_s_periods() {
        for la in england() {
            let p = LaProfile::statutory_defaults(la.code, la.name);
            assert_eq!(LaProfile::parse("defaults.json", &p.to_json()).as_ref(), Ok(&p), "{}", la.name);
            assert_eq!(code_of_defaults_id(&p.id), Some(la.code));
        }
        let p = LaProfile::statutory_defaults(301, "Barking and Dagenham");
        assert_eq!(p.id, "la-301");
        let t = &p.timings;
        assert_eq!((t.statutory_notice_days, t.circulate_before_meeting_days), (14, 14), "reg 20(3) and (4)");
        assert_eq!((t.report_after_meeting_days, t.la_decision_after_meeting_days), (14, 28), "reg 20");
        assert_eq!((t.target_meeting_months, t.final_plan_after_meeting_days), (11, 84));
        assert!(t.reports_due_before_meeting_days > t.circulate_before_meeting_days);
        assert!(t.invite_lead_days >= t.reports_due_before_meeting_days);
        assert!(t.invite_lead_days >= t.statutory_notice_days);
        assert_eq!((p.forms.advice_form.as_deref(), p.forms.old_form_cutoff), (None, None));
        assert!(p.forms.record_order.is_empty() && p.letters.is_empty() && p.submission.address.is_none());
        assert_eq!(p.documents.required, ["D01", "D02", "D10", "D11"]);
        assert_eq!(p.documents.forbidden, ["D17", "D18", "D19"]);
        assert!(!p.signoff.head_teacher_required);
    }

    /// Issue 15 item 12: `timings.advice_request_lead_days` and `files.allow_zip` were read
    /// nowhere and are retired; a profile saved or exported with them still opens, and they are
    /// no longer written.
    #[test]
    fn a_profile_with_retired_fields_still_opens_and_they_are_not_written() {
        let p = LaProfile::statutory_defaults(301, "Barking and Dagenham");
        let mut v: serde_json::Value = serde_json::from_str(&p.to_json()).unwrap_or_default();
        v["timings"]["advice_request_lead_days"] = 28.into();
        v["files"]["allow_zip"] = true.into();
        let old = LaProfile::parse("old.json", &v.to_string());
        assert_eq!(old.as_ref(), Ok(&p));
        let json = p.to_json();
        assert!(!json.contains("advice_request_lead_days") && !json.contains("allow_zip"), "{json}");
    }

    #[test]
    fn defaults_ids_cannot_clash_and_must_name_an_english_la() {
        assert_eq!(profile_id_for(886).as_deref(), Some("kent"));
        assert_eq!(profile_id_for(301).as_deref(), Some("la-301"));
        assert_eq!(profile_id_for(909), None);
        assert_eq!(la_code_of("la-943"), Some(943));
        assert_eq!(la_code_of("southwark"), Some(210));
        for not_an_la in ["la-909", "la-12", "la-0301", "la-3o1", "la-"] {
            assert_eq!(code_of_defaults_id(not_an_la), None, "{not_an_la}");
        }
        check_refused(|v| v["id"] = "la-909".into(), "`id`");
        check_refused(|v| v["id"] = "la-kent".into(), "`id`");
    }

    #[test]
    fn a_school_edits_the_defaults_into_its_own_profile_for_a_new_la() {
        // As the settings screen would: the defaults as JSON, edited, parsed back.
        let defaults = LaProfile::statutory_defaults(301, "Barking and Dagenham");
        let mut v: serde_json::Value = serde_json::from_str(&defaults.to_json()).unwrap_or_default();
        v["name"] = "Barking & Dagenham".into();
        v["version"] = 2.into();
        v["submission"]["channel"] = "portal".into();
        v["submission"]["address"] = "LBBD SEND portal".into();
        v["forms"]["ar1"][0]["title"] = "EHCP Annual Review form".into();
        v["forms"]["advice_form"] = "AR2".into();
        v["timings"]["report_after_meeting_days"] = 10.into();
        v["timings"]["invite_lead_days"] = 56.into();
        let edited = LaProfile::parse("the edited profile", &v.to_string());
        let edited = edited.unwrap_or_else(|p| unreachable!("{}", p.message));
        assert_eq!(LaProfile::parse("again.json", &edited.to_json()).as_ref(), Ok(&edited));
        assert_eq!(edited.id, "la-301");
        assert_eq!(edited.submission.channel, Channel::Portal);

        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let cat = cat.with_england_defaults();
        assert_eq!(cat.current().len(), 153, "5 shipped and 148 defaults");
        assert!(cat.get("la-886").is_none(), "Kent has its shipped profile");
        assert!(cat.is_untouched_default("la-301") && !cat.is_untouched_default("kent"));
        assert_eq!(cat.name_of("la-943"), "Westmorland and Furness");

        let cat = cat.with_custom(vec![edited]);
        assert_eq!(cat.current().len(), 153);
        assert_eq!(cat.get("la-301").map(|p| p.timings.report_after_meeting_days), Some(10));
        assert_eq!(cat.name_of("la-301"), "Barking & Dagenham");
        assert!(cat.is_customised("la-301") && !cat.is_untouched_default("la-301"));
    }

    #[test]
    fn a_child_can_be_saved_against_any_la_in_england() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let cat = cat.with_england_defaults();
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        for la_id in ["la-942", "kent", "la-420"] {
            let input = crate::child::ChildInput {
                legal_forenames: "Alex".into(),
                legal_surname: "Example".into(),
                dob: "03/02/2016".into(),
                la_id: la_id.into(),
                plan_issue_date: "01/03/2024".into(),
                ..Default::default()
            };
            let la_problems: Vec<String> = match crate::child::validate(&input, &cat, today) {
                Ok(record) => {
                    assert_eq!(record.la_id, la_id);
                    vec![]
                }
                Err(problems) => {
                    problems.into_iter().filter(|p| p.field == "la_id").map(|p| p.message).collect()
                }
            };
            assert!(la_problems.is_empty(), "{la_id}: {la_problems:?}");
        }
    }

    #[test]
    fn an_added_la_is_the_school_s_but_not_edited_until_it_differs_from_the_defaults() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        let cat = cat.with_england_defaults();
        let added = defaults_for_id("la-306").unwrap_or_else(|| unreachable!("Croydon is 306"));
        assert_eq!((added.name.as_str(), added.timings.clone()), ("Croydon", STATUTORY_TIMINGS));
        assert_eq!(defaults_for_id("kent"), None);
        let copy =
            LaProfile::parse("copy.json", &added.to_json()).unwrap_or_else(|p| unreachable!("{}", p.message));
        let mut edited = copy.clone();
        edited.submission.address = Some("send@croydon.example.org".into());
        let cat_added = cat.clone().with_custom(vec![copy]);
        assert!(cat_added.is_customised("la-306") && !cat_added.is_edited("la-306"));
        assert!(!cat_added.is_untouched_default("la-306"));
        let cat_edited = cat.with_custom(vec![edited]);
        assert!(cat_edited.is_edited("la-306") && !cat_edited.is_edited("kent"));
    }

    #[test]
    fn the_review_practice_is_optional_and_checked() {
        // Absent: the law's reading, and left out of a profile's JSON while it is the default.
        let defaults = LaProfile::statutory_defaults(301, "Barking and Dagenham");
        assert_eq!(defaults.review_practice, ReviewPractice::default());
        assert!(!defaults.to_json().contains("review_practice"));
        let mut v: serde_json::Value = serde_json::from_str(&defaults.to_json()).unwrap_or_default();
        assert!(v.get("review_practice").is_none());
        let parsed = LaProfile::parse("no-practice.json", &v.to_string()).map(|p| p.review_practice);
        assert_eq!(parsed, Ok(ReviewPractice::default()));
        // Redcar counts its target from the last review meeting; Devon reviews in Year 5's summer term.
        v["review_practice"] = serde_json::json!({
            "target_meeting_from": "last_review_meeting",
            "transfer_reviews": [{"transfer": "phase", "years_before": 1, "from": "04-15", "by": "07-20",
                                  "source": "Devon: Year 5 summer-term review"}],
            "under5_shorter_cycle": true
        });
        let p = LaProfile::parse("practice.json", &v.to_string())
            .unwrap_or_else(|p| unreachable!("{}", p.message));
        assert_eq!(p.review_practice.target_meeting_from, TargetBase::LastReviewMeeting);
        let r = p.review_practice.transfer_review(TransferKind::Phase).cloned();
        assert_eq!(
            r.map(|r| (r.from.in_school_year(2024), r.by.in_school_year(2024))),
            Some((NaiveDate::from_ymd_opt(2025, 4, 15), NaiveDate::from_ymd_opt(2025, 7, 20)))
        );
        assert_eq!(LaProfile::parse("again.json", &p.to_json()).as_ref(), Ok(&p));

        let refused = |practice: serde_json::Value, field: &str| {
            check_refused(|v| v["review_practice"] = practice.clone(), field);
        };
        refused(serde_json::json!({"target_meeting_from": "the_moon"}), "the_moon");
        let review = |from: &str, by: &str, years: u8| {
            serde_json::json!({"transfer_reviews": [
            {"transfer": "phase", "years_before": years, "from": from, "by": by}]})
        };
        refused(review("02-29", "07-20", 1), "02-29");
        refused(review("13-01", "07-20", 1), "13-01");
        refused(review("07-20", "04-15", 1), "transfer_reviews.from");
        refused(review("09-01", "10-31", 2), "years_before");
        // Autumn comes before summer in a school year.
        assert!(
            LaProfile::parse(
                "ok.json",
                &{
                    let mut v = v.clone();
                    v["review_practice"] = review("09-01", "07-20", 0);
                    v
                }
                .to_string()
            )
            .is_ok()
        );
        // The shorter cycle needs 3 to 6 months (CoP 9.178).
        check_refused(
            |v| {
                v["review_practice"] = serde_json::json!({"under5_shorter_cycle": true});
                v["under5_review_months"] = 9.into();
            },
            "under5_review_months",
        );
    }

    #[test]
    fn profiles_round_trip_through_json() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        for p in cat.current() {
            assert_eq!(LaProfile::parse("x.json", &p.to_json()).as_ref(), Ok(p));
        }
    }
}
