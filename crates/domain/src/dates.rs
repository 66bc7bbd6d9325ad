//! Dates as people type and read them: `dd/mm/yyyy` in inputs, `3 Feb 2026` in prose.

use chrono::NaiveDate;

use crate::problem::Problem;

/// Parses a date typed by a user. Accepts `dd/mm/yyyy` (the British form shown in inputs) and
/// ISO `yyyy-mm-dd` (what date pickers and files produce).
pub fn parse_user_date(field: &'static str, label: &str, raw: &str) -> Result<NaiveDate, Problem> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(Problem::block(
            field,
            format!("{label} is required."),
            "Enter it as dd/mm/yyyy, for example 03/02/2016.",
        ));
    }
    NaiveDate::parse_from_str(text, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
        // `%Y` accepts years like 20161; keep to four digits.
        .filter(|d| (1000..=9999).contains(&chrono::Datelike::year(d)))
        .ok_or_else(|| {
            Problem::block(
                field,
                format!("{label} \u{201c}{text}\u{201d} is not a date."),
                "Enter it as dd/mm/yyyy, for example 03/02/2016.",
            )
        })
}

/// A date in prose: `3 Feb 2026`.
pub fn long(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// A date as a letter writes it: `Tuesday 3 February 2026`.
pub fn written(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// A meeting's day and, when set, its time: `Tuesday 3 February 2026 at 09:30`.
pub fn written_at(date: NaiveDate, time: Option<chrono::NaiveTime>) -> String {
    match time {
        Some(t) => format!("{} at {}", written(date), t.format("%H:%M")),
        None => written(date),
    }
}

/// A date as shown in an input: `03/02/2026`.
pub fn input(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// A date in files and JSON: `2026-02-03`.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Parses the ISO form written by [`iso`] (used for stored data, not user input).
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, expect: Option<&str>) {
        let got = parse_user_date("dob", "Date of birth", raw).ok().map(iso);
        assert_eq!(got.as_deref(), expect, "input {raw:?}");
    }

    #[test]
    fn accepts_british_and_iso_forms() {
        check("03/02/2016", Some("2016-02-03"));
        check(" 3/2/2016 ", Some("2016-02-03"));
        check("2016-02-03", Some("2016-02-03"));
        check("29/02/2024", Some("2024-02-29"));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        check("", None);
        check("31/02/2016", None);
        check("29/02/2023", None);
        check("02/03", None);
        check("tomorrow", None);
        check("03/02/20161", None);
    }

    #[test]
    fn formats_for_prose_and_inputs() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 3).unwrap_or_default();
        assert_eq!(long(d), "3 Feb 2026");
        assert_eq!(input(d), "03/02/2026");
        assert_eq!(iso(d), "2026-02-03");
    }
}
