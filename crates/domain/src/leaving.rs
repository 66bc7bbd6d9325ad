//! A child who has left the school, and how long the school keeps their record afterwards.
//!
//! A leaver is off the caseload and their record is read-only. The school's retention rule
//! (its records policy, set in Settings) gives the day each leaver's record is due to be erased;
//! nothing is erased until the SENCO confirms the list. The IRMS toolkit for schools, which most
//! schools' policies follow, keeps a pupil's SEN record at the last school they attended until
//! their 31st birthday (an EHC plan can last to 25, plus six years), and has a school the child
//! moved on from pass the record on rather than keep it: both are rules this module can state.

use chrono::{Months, NaiveDate};

use crate::dates::parse_user_date;
use crate::problem::{Problem, Problems};

/// The longest a destination may be, in characters.
const DESTINATION_MAX: usize = 200;

/// When and where a child left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaving {
    pub on: NaiveDate,
    /// The school, college or other setting they went to, or why there is none.
    pub destination: String,
}

/// Checks a leaving date (`dd/mm/yyyy`) and destination as typed. A child is marked as left on
/// or after the day they leave, not before: until then they are on the caseload.
pub fn check(on: &str, destination: &str, dob: NaiveDate, today: NaiveDate) -> Result<Leaving, Vec<Problem>> {
    let mut problems = Problems::new();
    let on = problems.take(parse_user_date("left_on", "The date they left", on));
    if let Some(day) = on {
        if day > today {
            problems.push(Problem::block(
                "left_on",
                format!("{} is after today.", day.format("%d/%m/%Y")),
                "Mark a child as left on or after the day they leave: until then they stay on the caseload.",
            ));
        } else if day <= dob {
            problems.push(Problem::block(
                "left_on",
                format!("{} is not after their date of birth.", day.format("%d/%m/%Y")),
                "Check the date.",
            ));
        }
    }
    let destination = destination.trim();
    if destination.is_empty() {
        problems.push(Problem::block(
            "destination",
            "Where they went is required.",
            "Name the school, college or setting, or say why there is none (for example \"moved abroad\").",
        ));
    } else if destination.chars().count() > DESTINATION_MAX {
        problems.push(Problem::block(
            "destination",
            format!("This is longer than {DESTINATION_MAX} characters."),
            "Name the setting only.",
        ));
    }
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    Ok(Leaving { on: on.unwrap_or(today), destination: destination.to_owned() })
}

/// What the school's retention period counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetentionBasis {
    /// So many years after the day the child left.
    AfterLeaving,
    /// Until the child's birthday at that age (the IRMS rule for the last school: 31).
    UntilAge,
}

impl RetentionBasis {
    pub const ALL: [RetentionBasis; 2] = [RetentionBasis::AfterLeaving, RetentionBasis::UntilAge];

    pub fn code(self) -> &'static str {
        match self {
            RetentionBasis::AfterLeaving => "after_leaving",
            RetentionBasis::UntilAge => "until_age",
        }
    }

    pub fn from_code(code: &str) -> Option<RetentionBasis> {
        RetentionBasis::ALL.into_iter().find(|b| b.code() == code)
    }
}

/// The school's rule for how long a leaver's record is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub basis: RetentionBasis,
    pub years: u32,
}

impl Retention {
    /// The day a leaver's record is due to be erased: the end of the period, counted from the
    /// day they left or from their date of birth (a 29 February birthday falls on 28 February).
    pub fn erase_on(&self, dob: NaiveDate, left_on: NaiveDate) -> NaiveDate {
        let from = match self.basis {
            RetentionBasis::AfterLeaving => left_on,
            RetentionBasis::UntilAge => dob,
        };
        let end =
            from.checked_add_months(Months::new(self.years.saturating_mul(12))).unwrap_or(NaiveDate::MAX);
        // Never before the day they left: a record is not due before its child has gone.
        end.max(left_on)
    }

    /// The rule in words, for Settings and the leavers list.
    pub fn describe(&self) -> String {
        match self.basis {
            RetentionBasis::AfterLeaving => format!("kept for {} years after the child leaves", self.years),
            RetentionBasis::UntilAge => format!("kept until the child's {} birthday", ordinal(self.years)),
        }
    }
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Checks the retention rule as typed in Settings: a basis code and a whole number of years.
pub fn check_retention(basis: &str, years: &str) -> Result<Retention, Vec<Problem>> {
    let mut problems = Problems::new();
    let basis = RetentionBasis::from_code(basis.trim());
    if basis.is_none() {
        problems.push(Problem::block(
            "basis",
            "Choose what the period counts from.",
            "After leaving, or until an age.",
        ));
    }
    let (low, high) = match basis {
        Some(RetentionBasis::UntilAge) => (18, 100),
        _ => (1, 100),
    };
    let years = years.trim().parse::<u32>().ok().filter(|y| (low..=high).contains(y));
    if years.is_none() {
        problems.push(Problem::block(
            "years",
            format!("Enter a whole number of years from {low} to {high}."),
            match basis {
                Some(RetentionBasis::UntilAge) => {
                    "The IRMS toolkit keeps an EHC plan pupil's record until their 31st birthday."
                }
                _ => "Take it from the school's records management policy.",
            },
        ));
    }
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    Ok(Retention { basis: basis.unwrap_or(RetentionBasis::AfterLeaving), years: years.unwrap_or(low) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn a_leaving_date_is_today_or_before_and_a_destination_is_given() {
        let dob = day(2014, 5, 14);
        let today = day(2026, 12, 3);
        let ok = check("17/07/2026", " Kirkleatham Academy ", dob, today);
        assert_eq!(ok, Ok(Leaving { on: day(2026, 7, 17), destination: "Kirkleatham Academy".into() }));
        let fields = |r: Result<Leaving, Vec<Problem>>| {
            r.err().unwrap_or_default().iter().map(|p| p.field).collect::<Vec<_>>()
        };
        assert_eq!(fields(check("04/12/2026", "x", dob, today)), ["left_on"]);
        assert_eq!(fields(check("2026-13-01", "", dob, today)), ["left_on", "destination"]);
        assert_eq!(fields(check("01/01/2014", "x", dob, today)), ["left_on"]);
        assert_eq!(fields(check("01/01/2026", &"x".repeat(201), dob, today)), ["destination"]);
    }

    #[test]
    fn the_day_a_record_is_due_to_be_erased() {
        let dob = day(2012, 2, 29);
        let left = day(2028, 7, 21);
        let after = Retention { basis: RetentionBasis::AfterLeaving, years: 6 };
        assert_eq!(after.erase_on(dob, left), day(2034, 7, 21));
        let until = Retention { basis: RetentionBasis::UntilAge, years: 31 };
        assert_eq!(until.erase_on(dob, left), day(2043, 2, 28));
        // An age already passed when they left: due the day they left, not before.
        let young = Retention { basis: RetentionBasis::UntilAge, years: 18 };
        assert_eq!(young.erase_on(dob, day(2031, 1, 5)), day(2031, 1, 5));
        assert_eq!(until.describe(), "kept until the child's 31st birthday");
        assert_eq!(after.describe(), "kept for 6 years after the child leaves");
    }

    #[test]
    fn a_retention_rule_is_checked() {
        assert_eq!(
            check_retention("until_age", "31"),
            Ok(Retention { basis: RetentionBasis::UntilAge, years: 31 })
        );
        assert!(check_retention("until_age", "12").is_err());
        assert!(check_retention("after_leaving", "0").is_err());
        assert!(check_retention("after_leaving", "six").is_err());
        assert!(check_retention("forever", "6").is_err());
    }
}
