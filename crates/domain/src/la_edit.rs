//! The school's edits to an LA profile, as typed in Settings (or given to `ardesk edit-la`):
//! the LA's name, how the bundle reaches it, its forms, how amendments are shown, and its
//! timings. Each edit is checked against the law before it replaces anything: an LA may ask for
//! more notice or a shorter cycle than the SEND Regulations 2014, never for less.
//!
//! Everything else in a profile (documents, file rules, letters) is edited as JSON.

use crate::la::{AmendmentMode, Channel, LaProfile, Timings};
use crate::problem::Problem;
use crate::text::check_email;

/// The parts of a profile the Settings form edits, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileEdit {
    pub name: String,
    pub channel: Option<Channel>,
    /// The LA's email address, portal name or URL for the bundle.
    pub address: String,
    /// The LA's review form: title and version. Ignored when the LA has a form per year group
    /// (those are edited as JSON).
    pub ar1_title: String,
    pub ar1_version: String,
    /// The LA's own request-for-advice form, blank when it has none.
    pub advice_form: String,
    /// The LA's SENDIASS and how to contact it, blank when not entered.
    pub sendiass: String,
    pub amendment_mode: Option<AmendmentMode>,
    pub timings: TimingsEdit,
}

/// The timings as typed: whole numbers of days (months for the target meeting).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimingsEdit {
    pub target_meeting_months: String,
    pub invite_lead_days: String,
    pub reports_due_before_meeting_days: String,
    pub statutory_notice_days: String,
    pub circulate_before_meeting_days: String,
    pub report_after_meeting_days: String,
    pub la_decision_after_meeting_days: String,
    pub final_plan_after_meeting_days: String,
}

impl ProfileEdit {
    /// The form for `profile` as it stands.
    pub fn of(profile: &LaProfile) -> ProfileEdit {
        let t = &profile.timings;
        let (ar1_title, ar1_version) = match profile.forms.ar1.as_slice() {
            [only] => (only.title.clone(), only.version.clone()),
            _ => (String::new(), String::new()),
        };
        ProfileEdit {
            name: profile.name.clone(),
            channel: Some(profile.submission.channel),
            address: profile.submission.address.clone().unwrap_or_default(),
            ar1_title,
            ar1_version,
            advice_form: profile.forms.advice_form.clone().unwrap_or_default(),
            sendiass: profile.sendiass.clone().unwrap_or_default(),
            amendment_mode: Some(profile.amendment_mode),
            timings: TimingsEdit {
                target_meeting_months: t.target_meeting_months.to_string(),
                invite_lead_days: t.invite_lead_days.to_string(),
                reports_due_before_meeting_days: t.reports_due_before_meeting_days.to_string(),
                statutory_notice_days: t.statutory_notice_days.to_string(),
                circulate_before_meeting_days: t.circulate_before_meeting_days.to_string(),
                report_after_meeting_days: t.report_after_meeting_days.to_string(),
                la_decision_after_meeting_days: t.la_decision_after_meeting_days.to_string(),
                final_plan_after_meeting_days: t.final_plan_after_meeting_days.to_string(),
            },
        }
    }
}

/// Whether the LA has one review form for every year group (so the form's title and version
/// can be edited here) rather than one per year group.
pub fn has_one_review_form(profile: &LaProfile) -> bool {
    profile.forms.ar1.len() == 1
}

/// One timing: its field, how a person reads it, where it is in the form and in the profile,
/// and the law's bounds (inclusive) with the reason for each.
struct TimingRule {
    field: &'static str,
    what: &'static str,
    unit: &'static str,
    typed: fn(&TimingsEdit) -> &str,
    slot: fn(&mut Timings) -> &mut u32,
    min: (u32, &'static str),
    max: (u32, &'static str),
}

const NO_LAW: &str = "";

const TIMING_RULES: [TimingRule; 8] = [
    TimingRule {
        field: "target_meeting_months",
        what: "The target for the meeting",
        unit: "months",
        typed: |t| &t.target_meeting_months,
        slot: |t| &mut t.target_meeting_months,
        min: (1, NO_LAW),
        max: (
            12,
            "the plan must be reviewed at least every 12 months (Children and Families Act 2014 s44(1))",
        ),
    },
    TimingRule {
        field: "invite_lead_days",
        what: "The invitations and requests for advice",
        unit: "days before the meeting",
        typed: |t| &t.invite_lead_days,
        slot: |t| &mut t.invite_lead_days,
        min: (14, "everyone invited must have at least two weeks' notice (SEND Regulations 2014 reg 20(3))"),
        max: (365, NO_LAW),
    },
    TimingRule {
        field: "reports_due_before_meeting_days",
        what: "Reports due back",
        unit: "days before the meeting",
        typed: |t| &t.reports_due_before_meeting_days,
        slot: |t| &mut t.reports_due_before_meeting_days,
        min: (14, "advice must be circulated at least two weeks before the meeting (reg 20(4))"),
        max: (365, NO_LAW),
    },
    TimingRule {
        field: "statutory_notice_days",
        what: "The statutory notice of the meeting",
        unit: "days",
        typed: |t| &t.statutory_notice_days,
        slot: |t| &mut t.statutory_notice_days,
        min: (14, "everyone invited must have at least two weeks' notice (reg 20(3))"),
        max: (365, NO_LAW),
    },
    TimingRule {
        field: "circulate_before_meeting_days",
        what: "Circulating the advice",
        unit: "days before the meeting",
        typed: |t| &t.circulate_before_meeting_days,
        slot: |t| &mut t.circulate_before_meeting_days,
        min: (14, "advice must be circulated at least two weeks before the meeting (reg 20(4))"),
        max: (365, NO_LAW),
    },
    TimingRule {
        field: "report_after_meeting_days",
        what: "The report of the meeting",
        unit: "days after it",
        typed: |t| &t.report_after_meeting_days,
        slot: |t| &mut t.report_after_meeting_days,
        min: (1, NO_LAW),
        max: (14, "the report must be sent within two weeks of the meeting (reg 20)"),
    },
    TimingRule {
        field: "la_decision_after_meeting_days",
        what: "The LA's decision",
        unit: "days after the meeting",
        typed: |t| &t.la_decision_after_meeting_days,
        slot: |t| &mut t.la_decision_after_meeting_days,
        min: (1, NO_LAW),
        max: (28, "the LA must decide within four weeks of the meeting (reg 20; Code of Practice 9.176)"),
    },
    TimingRule {
        field: "final_plan_after_meeting_days",
        what: "An amended plan",
        unit: "days after the meeting",
        typed: |t| &t.final_plan_after_meeting_days,
        slot: |t| &mut t.final_plan_after_meeting_days,
        min: (1, NO_LAW),
        max: (
            84,
            "an amended plan is due at most 12 weeks after the meeting (reg 22(3); R (L, M and P) v Devon CC [2022])",
        ),
    },
];

/// The profile with the school's edits, or every problem with them, each on its field. The
/// id, version, documents and rules not in the form are kept as they are.
pub fn apply(profile: &LaProfile, edit: &ProfileEdit) -> Result<LaProfile, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut out = profile.clone();

    let name = edit.name.trim();
    if name.is_empty() {
        problems.push(Problem::block("name", "The LA's name is required.", "Enter it as the LA writes it."));
    } else if name.chars().count() > 120 || name.chars().any(char::is_control) {
        problems.push(Problem::block(
            "name",
            "The LA's name is too long or has a line break in it.",
            "Enter the name on one line, as the LA writes it.",
        ));
    }
    out.name = name.to_owned();

    match edit.channel {
        Some(channel) => out.submission.channel = channel,
        None => problems.push(Problem::block(
            "channel",
            "Choose how the review reaches the LA.",
            "The LA's guidance says: email, portal, secure file transfer or its digital form.",
        )),
    }
    let address = edit.address.trim();
    if edit.channel == Some(Channel::Email)
        && let Err(p) = check_email("address", address)
    {
        problems.push(p);
    }
    out.submission.address = (!address.is_empty()).then(|| address.to_owned());

    match edit.amendment_mode {
        Some(mode) => out.amendment_mode = mode,
        None => problems.push(Problem::block(
            "amendment_mode",
            "Choose how the LA wants proposed amendments shown.",
            "The LA's guidance on amendments says which.",
        )),
    }

    if let [only] = out.forms.ar1.as_mut_slice() {
        let title = edit.ar1_title.trim();
        if title.is_empty() {
            problems.push(Problem::block(
                "ar1_title",
                "The review form's title is required.",
                "Enter it as on the LA's form, e.g. \u{201c}Annual Review Record (AR1)\u{201d}.",
            ));
        }
        only.title = title.to_owned();
        only.version = edit.ar1_version.trim().to_owned();
    }
    let advice = edit.advice_form.trim();
    out.forms.advice_form = (!advice.is_empty()).then(|| advice.to_owned());
    let sendiass = edit.sendiass.trim();
    if sendiass.chars().count() > 300 {
        problems.push(Problem::block(
            "sendiass",
            "The SENDIASS details are longer than 300 characters.",
            "Give its name, telephone and website only.",
        ));
    }
    out.sendiass = (!sendiass.is_empty()).then(|| sendiass.to_owned());

    for rule in &TIMING_RULES {
        let typed = (rule.typed)(&edit.timings).trim();
        let Ok(value) = typed.parse::<u32>() else {
            problems.push(Problem::block(
                rule.field,
                format!("{}: \u{201c}{typed}\u{201d} is not a whole number of {}.", rule.what, rule.unit),
                "Enter a number such as 14.",
            ));
            continue;
        };
        let (min, min_why) = rule.min;
        let (max, max_why) = rule.max;
        if value < min || value > max {
            let why = if value < min { min_why } else { max_why };
            let message = if why.is_empty() {
                format!("{}: {value} {} is outside {min} to {max}.", rule.what, rule.unit)
            } else {
                format!("{}: {value} {} is not allowed: {why}.", rule.what, rule.unit)
            };
            problems.push(Problem::block(
                rule.field,
                message,
                format!("Enter {min} to {max}. An LA may ask for more notice, never for less than the law."),
            ));
            continue;
        }
        *(rule.slot)(&mut out.timings) = value;
    }
    if problems.is_empty() {
        problems.extend(order_problems(&out.timings));
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// The timings must follow each other: advice is asked for before reports are due, which is
/// before they are circulated; invitations go out no later than the statutory notice.
fn order_problems(t: &Timings) -> Vec<Problem> {
    let mut problems = Vec::new();
    if t.invite_lead_days < t.statutory_notice_days {
        problems.push(Problem::block(
            "invite_lead_days",
            format!(
                "The invitations ({} days before) would go out after the statutory notice ({} days before).",
                t.invite_lead_days, t.statutory_notice_days
            ),
            "Send invitations at least as early as the notice the meeting needs.",
        ));
    }
    if t.invite_lead_days <= t.reports_due_before_meeting_days {
        problems.push(Problem::block(
            "invite_lead_days",
            format!(
                "Advice would be asked for {} days before the meeting, but is due back {} days before it.",
                t.invite_lead_days, t.reports_due_before_meeting_days
            ),
            "Ask for advice earlier than it is due back.",
        ));
    }
    if t.reports_due_before_meeting_days < t.circulate_before_meeting_days {
        problems.push(Problem::block(
            "reports_due_before_meeting_days",
            format!(
                "Reports would be due back {} days before the meeting, after they must be circulated ({} days before).",
                t.reports_due_before_meeting_days, t.circulate_before_meeting_days
            ),
            "Have reports back no later than the day they are circulated.",
        ));
    }
    if t.final_plan_after_meeting_days < t.la_decision_after_meeting_days {
        problems.push(Problem::block(
            "final_plan_after_meeting_days",
            format!(
                "An amended plan ({} days after the meeting) would be due before the LA's decision ({} days after).",
                t.final_plan_after_meeting_days, t.la_decision_after_meeting_days
            ),
            "The final plan follows the decision.",
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> LaProfile {
        LaProfile::statutory_defaults(306, "Croydon")
    }

    /// The fields with a problem when `change` is made to the defaults' form.
    fn check(change: impl FnOnce(&mut ProfileEdit), expect: &[&str]) {
        let mut edit = ProfileEdit::of(&defaults());
        change(&mut edit);
        let fields: Vec<&str> = match apply(&defaults(), &edit) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.iter().map(|p| p.field).collect(),
        };
        assert_eq!(fields, expect);
    }

    #[test]
    fn the_defaults_form_saves_back_unchanged() {
        let p = defaults();
        assert_eq!(apply(&p, &ProfileEdit::of(&p)), Ok(p));
    }

    #[test]
    fn every_shipped_profile_s_form_saves_back_unchanged() {
        let shipped = crate::la::LaCatalogue::builtin().expect("the shipped profiles parse");
        for p in shipped.current() {
            assert_eq!(apply(p, &ProfileEdit::of(p)).as_ref(), Ok(p), "{}", p.id);
        }
    }

    #[test]
    fn an_edit_changes_only_what_the_form_holds() {
        let p = defaults();
        let mut edit = ProfileEdit::of(&p);
        edit.name = " Croydon Council ".into();
        edit.channel = Some(Channel::Portal);
        edit.address = "SEN portal".into();
        edit.ar1_title = "Annual Review Record".into();
        edit.advice_form = "AR3 request for advice".into();
        edit.timings.invite_lead_days = "42".into();
        edit.timings.report_after_meeting_days = "7".into();
        let out = apply(&p, &edit).expect("a lawful edit saves");
        assert_eq!(out.name, "Croydon Council");
        assert_eq!(out.submission.channel, Channel::Portal);
        assert_eq!(out.submission.address.as_deref(), Some("SEN portal"));
        assert_eq!(out.forms.ar1[0].title, "Annual Review Record");
        assert_eq!(out.forms.advice_form.as_deref(), Some("AR3 request for advice"));
        assert_eq!((out.timings.invite_lead_days, out.timings.report_after_meeting_days), (42, 7));
        assert_eq!((out.id.as_str(), &out.documents), (p.id.as_str(), &p.documents));
    }

    #[test]
    fn every_problem_is_reported_on_its_field_at_once() {
        check(
            |e| {
                e.name = " ".into();
                e.channel = None;
                e.amendment_mode = None;
                e.ar1_title = String::new();
                e.timings.invite_lead_days = "two weeks".into();
            },
            &["name", "channel", "amendment_mode", "ar1_title", "invite_lead_days"],
        );
        check(
            |e| {
                e.channel = Some(Channel::Email);
                e.address = "sen at croydon".into();
            },
            &["address"],
        );
    }

    /// Where a timing is typed in the form.
    type Slot = fn(&mut TimingsEdit) -> &mut String;

    /// An LA may ask for more than the law, never less (SEND Regulations 2014 reg 20, CFA 2014 s44(1)).
    #[test]
    fn timings_the_law_does_not_allow_are_refused() {
        let cases: [(Slot, &str, &str); 7] = [
            (|t| &mut t.target_meeting_months, "13", "target_meeting_months"), // s44(1)
            (|t| &mut t.statutory_notice_days, "10", "statutory_notice_days"), // reg 20(3)
            (|t| &mut t.circulate_before_meeting_days, "13", "circulate_before_meeting_days"), // reg 20(4)
            (|t| &mut t.report_after_meeting_days, "15", "report_after_meeting_days"), // reg 20
            (|t| &mut t.la_decision_after_meeting_days, "35", "la_decision_after_meeting_days"), // reg 20
            (|t| &mut t.final_plan_after_meeting_days, "90", "final_plan_after_meeting_days"),
            (|t| &mut t.invite_lead_days, "-1", "invite_lead_days"),
        ];
        for (slot, value, field) in cases {
            check(|e| *slot(&mut e.timings) = value.into(), &[field]);
        }
        // More notice, a shorter cycle and a faster report are lawful.
        check(
            |e| {
                e.timings.target_meeting_months = "10".into();
                e.timings.statutory_notice_days = "21".into();
                e.timings.invite_lead_days = "28".into();
                e.timings.report_after_meeting_days = "7".into();
            },
            &[],
        );
    }

    #[test]
    fn timings_out_of_order_are_refused() {
        check(|e| e.timings.statutory_notice_days = "50".into(), &["invite_lead_days"]);
        check(|e| e.timings.reports_due_before_meeting_days = "50".into(), &["invite_lead_days"]);
        check(
            |e| e.timings.circulate_before_meeting_days = "25".into(),
            &["reports_due_before_meeting_days"],
        );
        check(
            |e| {
                e.timings.la_decision_after_meeting_days = "28".into();
                e.timings.final_plan_after_meeting_days = "20".into();
            },
            &["final_plan_after_meeting_days"],
        );
    }

    #[test]
    fn a_form_per_year_group_is_left_to_the_json_editor() {
        let mut p = defaults();
        let mut second = p.forms.ar1[0].clone();
        second.from_ncy = Some(10);
        p.forms.ar1[0].to_ncy = Some(9);
        p.forms.ar1.push(second);
        assert!(!has_one_review_form(&p));
        let edit = ProfileEdit::of(&p);
        assert_eq!(edit.ar1_title, "");
        assert_eq!(apply(&p, &edit).map(|out| out.forms.ar1), Ok(p.forms.ar1.clone()));
    }
}
