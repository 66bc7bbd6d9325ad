//! Local-authority profiles: what differs between LAs, held as data files, never as code.
//!
//! The maintaining LA of each child picks the profile. Built-in profiles live in
//! `crates/domain/la-profiles/*.json` and are embedded at compile time; a test proves that each
//! one parses and validates.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::problem::Problem;

/// How proposed amendments to the plan are shown to this LA (spec §7.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmendmentMode {
    WordRevisions,
    BoldStrike,
    OnFormTable,
    AnnotatedOrTable,
}

/// Lead and lag times, in calendar days unless named otherwise (spec §2 and §11).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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

/// One version of one LA's profile.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LaProfile {
    pub id: String,
    pub name: String,
    pub version: u32,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub timings: Timings,
    pub amendment_mode: AmendmentMode,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// The id of the profile used when nothing else is chosen.
pub const DEFAULT_LA: &str = "redcar";

const BUILTIN: [(&str, &str); 2] = [
    ("redcar.json", include_str!("../la-profiles/redcar.json")),
    ("stockton.json", include_str!("../la-profiles/stockton.json")),
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
        Ok(())
    }
}

/// The LA profiles the app knows about.
#[derive(Debug, Clone)]
pub struct LaCatalogue {
    profiles: Vec<LaProfile>,
}

impl LaCatalogue {
    /// The profiles shipped with the app.
    pub fn builtin() -> Result<LaCatalogue, Problem> {
        let profiles =
            BUILTIN.iter().map(|(file, json)| LaProfile::parse(file, json)).collect::<Result<Vec<_>, _>>()?;
        Ok(LaCatalogue { profiles })
    }

    pub fn get(&self, id: &str) -> Option<&LaProfile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    pub fn all(&self) -> &[LaProfile] {
        &self.profiles
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
        let cat = cat.as_ref().map(LaCatalogue::all).map(<[_]>::len);
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
    }
}
