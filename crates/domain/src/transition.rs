//! The transition plan (issue 20 item 4; Southwark: "begin planning early and involve future
//! settings"): from Year 9 (preparing for adulthood, reg 20(6)) and in a phase-transfer year,
//! the school records the receiving setting as a contact — invited to the next review in place
//! of the unnamed "Receiving setting" — and the transition actions, each with an owner, a day
//! and when it was done.

use chrono::NaiveDate;

use crate::problem::{Problem, Problems};
use crate::text::check_email;

/// The longest text accepted in a field, in characters.
pub const MAX_CHARS: usize = 300;

/// The next school or college, as a contact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReceivingSetting {
    /// The school or college.
    pub setting: String,
    /// The person there (usually its SENCO); empty until known.
    pub contact: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// One transition action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionAction {
    pub action: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
}

impl TransitionAction {
    /// Not done and past its day.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.done.is_none() && self.due.is_some_and(|d| d < today)
    }
}

/// Whether the child's reviews must plan a transition: from Year 9, or in a year with a phase
/// transfer.
pub fn applies(ncy: i32, transfer: bool) -> bool {
    ncy >= 9 || transfer
}

/// Why, in words, for the child's page.
pub fn why(ncy: i32, transfer: bool) -> Option<&'static str> {
    match (transfer, ncy >= 9) {
        (true, _) => Some("A phase transfer is coming: plan the move with the next setting."),
        (false, true) => {
            Some("Year 9 and above: reviews prepare for adulthood, and for the move after school.")
        }
        _ => None,
    }
}

fn length(problems: &mut Problems, field: &'static str, text: &str) {
    if text.chars().count() > MAX_CHARS {
        problems.push(Problem::block(
            field,
            format!("That is longer than {MAX_CHARS} characters."),
            "Shorten it.",
        ));
    }
}

/// Checks the receiving setting as typed: its name, a valid email address if given.
pub fn check_setting(s: &ReceivingSetting) -> Result<ReceivingSetting, Vec<Problem>> {
    let mut problems = Problems::new();
    let setting = s.setting.trim();
    if setting.is_empty() {
        problems.push(Problem::block(
            "setting",
            "Name the school or college.",
            "The setting the child is moving to, even if not yet confirmed.",
        ));
    }
    for (field, text) in [("setting", setting), ("contact", s.contact.trim())] {
        length(&mut problems, field, text);
    }
    let email = s.email.as_deref().map(str::trim).filter(|e| !e.is_empty());
    if let Some(e) = email {
        problems.take(check_email("setting_email", e));
    }
    let phone = s.phone.as_deref().map(str::trim).filter(|p| !p.is_empty());
    if let Some(p) = phone {
        length(&mut problems, "setting_phone", p);
    }
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    Ok(ReceivingSetting {
        setting: setting.to_owned(),
        contact: s.contact.trim().to_owned(),
        email: email.map(str::to_owned),
        phone: phone.map(str::to_owned),
    })
}

/// Checks a transition action: what and who are given and not too long.
pub fn check_action(action: &str, owner: &str) -> Vec<Problem> {
    let mut problems = Problems::new();
    if action.trim().is_empty() {
        problems.push(Problem::block(
            "transition_action",
            "Say what is to be done.",
            "For example \u{201c}Visit the new school with a TA\u{201d}.",
        ));
    }
    if owner.trim().is_empty() {
        problems.push(Problem::block("transition_owner", "Say who will do it.", "A name or a role."));
    }
    length(&mut problems, "transition_action", action.trim());
    length(&mut problems, "transition_owner", owner.trim());
    problems.into_vec()
}

/// How far ahead the dashboard shows a transition action coming due.
pub const REMIND_DAYS: i64 = 28;

/// What the dashboard says of an open transition action: overdue, or due within
/// [`REMIND_DAYS`]; nothing for one done, undated or further off (it is on the child's page).
pub fn reminder(a: &TransitionAction, today: NaiveDate) -> Option<String> {
    let due = a.due.filter(|_| a.done.is_none())?;
    let what = format!("{} ({})", a.action, a.owner);
    if a.overdue(today) {
        Some(format!("Transition action overdue since {}: {what}", crate::dates::long(due)))
    } else if (due - today).num_days() <= REMIND_DAYS {
        Some(format!("Transition action due {}: {what}", crate::dates::long(due)))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_transition_action_is_on_the_dashboard_when_overdue_or_due_within_four_weeks() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d);
        let today = day(1).unwrap_or_default();
        let action = |due: Option<NaiveDate>, done: Option<NaiveDate>| TransitionAction {
            action: "Visit the new school".into(),
            owner: "Class TA".into(),
            due,
            done,
        };
        let overdue = reminder(&action(NaiveDate::from_ymd_opt(2026, 11, 30), None), today);
        assert_eq!(
            overdue.as_deref(),
            Some("Transition action overdue since 30 Nov 2026: Visit the new school (Class TA)")
        );
        let soon = reminder(&action(day(29), None), today);
        assert_eq!(
            soon.as_deref(),
            Some("Transition action due 29 Dec 2026: Visit the new school (Class TA)")
        );
        assert_eq!(reminder(&action(day(30), None), today), None, "29 days off");
        assert_eq!(reminder(&action(None, None), today), None, "no date");
        assert_eq!(reminder(&action(NaiveDate::from_ymd_opt(2026, 11, 1), day(1)), today), None, "done");
    }

    #[test]
    fn a_transition_is_planned_from_year_9_and_in_transfer_years() {
        assert!(!applies(5, false) && applies(6, true) && applies(9, false) && applies(11, true));
        assert_eq!(why(4, false), None);
        assert!(why(6, true).is_some_and(|w| w.contains("phase transfer")));
    }

    #[test]
    fn the_setting_needs_a_name_and_a_valid_address() {
        let typed = ReceivingSetting {
            setting: "  Example High School ".into(),
            contact: "Ms Example, SENCO".into(),
            email: Some(" senco@high.example.org ".into()),
            phone: Some(String::new()),
        };
        let s = check_setting(&typed).unwrap_or_default();
        assert_eq!(
            (s.setting.as_str(), s.email.as_deref(), s.phone),
            ("Example High School", Some("senco@high.example.org"), None)
        );
        let bad = ReceivingSetting { setting: " ".into(), email: Some("nope".into()), ..typed };
        let fields: Vec<&str> =
            check_setting(&bad).err().unwrap_or_default().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["setting", "setting_email"]);
        let fields: Vec<&str> = check_action(" ", "").iter().map(|p| p.field).collect();
        assert_eq!(fields, ["transition_action", "transition_owner"]);
    }
}
