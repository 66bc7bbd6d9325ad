//! Local-authority profiles: what differs between LAs, held as data files, never as code.
//!
//! The maintaining LA of each child picks the profile. Built-in profiles live in
//! `crates/domain/la-profiles/*.json` and are embedded at compile time; a test proves that each
//! one parses and validates.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
    pub invite_lead_days: u32,
    pub advice_request_lead_days: u32,
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
    /// Older forms are not accepted after this date (Southwark: 1 April 2026).
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
    pub allow_zip: bool,
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
    pub zip_single_file: bool,
    pub subject_pattern: String,
    pub filename_pattern: String,
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
    /// Under-5s: the LA considers a review this often (CoP 9.178: every 3–6 months).
    pub under5_review_months: u32,
    pub forms: Forms,
    pub documents: Documents,
    pub signoff: Signoff,
    pub files: FileRules,
    pub submission: Submission,
    /// The LA's own wording for letters, by letter kind (e.g. `"parent_invitation"`), in the
    /// template format of [`crate::letters`]; the school's wording overrides it in turn.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub letters: std::collections::BTreeMap<String, String>,
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
            ("timings.advice_request_lead_days", t.advice_request_lead_days),
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

    pub fn is_customised(&self, id: &str) -> bool {
        self.customised.iter().any(|c| c == id)
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
    fn profiles_round_trip_through_json() {
        let cat = LaCatalogue::builtin().unwrap_or_else(|p| unreachable!("{}", p.message));
        for p in cat.current() {
            assert_eq!(LaProfile::parse("x.json", &p.to_json()).as_ref(), Ok(p));
        }
    }
}
