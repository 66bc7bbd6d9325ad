//! National Curriculum year arithmetic.
//!
//! Children born 1 September of year Y to 31 August of Y+1 are in Reception in the academic
//! year that starts on 1 September of Y+5. Reception is year 0 and nursery is −1. A child taught
//! out of their chronological year group carries an offset (for example −1 for a child held back).
//!
//! Also here: the end of compulsory school age, from which a child is a "young person" in their
//! own right ([`is_young_person`]): the one place the app decides "16 or over".

use chrono::{Datelike, NaiveDate, Weekday};

/// The calendar year in which the academic year containing `date` started (1 September).
pub fn academic_year_start(date: NaiveDate) -> i32 {
    if date.month() >= 9 { date.year() } else { date.year() - 1 }
}

/// The National Curriculum year of a child born on `dob` at `date`, plus `offset`.
pub fn nc_year(dob: NaiveDate, offset: i8, date: NaiveDate) -> i32 {
    let cohort = academic_year_start(dob);
    academic_year_start(date) - (cohort + 5) + i32::from(offset)
}

/// The date `month`/`day` falls on in the school year starting on 1 September `start`:
/// September to December of `start`, January to August of `start + 1`. `None` for a day that
/// does not exist that year (29 February of a common year).
pub fn in_school_year(start: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(if month >= 9 { start } else { start + 1 }, month, day)
}

/// The school leaving date of `year`: the last Friday in June (Education (School Leaving Date)
/// Order 1997, made under Education Act 1996 s8(4)).
pub fn school_leaving_date(year: i32) -> NaiveDate {
    let june_30 = NaiveDate::from_ymd_opt(year, 6, 30).unwrap_or_default();
    let back = (7 + june_30.weekday().num_days_from_monday() - Weekday::Fri.num_days_from_monday()) % 7;
    june_30 - chrono::Days::new(u64::from(back))
}

/// The last day a child born on `dob` is of compulsory school age: the school leaving date (the
/// last Friday in June) of the school year in which they turn 16 (Education Act 1996 s8(3)).
///
/// By age, not by the year group a child is taught in. The Act's "school year" (s579(1)) begins
/// with the first term to begin after July; this takes it to begin on 1 September, as the NC
/// year does, because the function has no term dates. The law differs only for a 16th birthday
/// between 1 September and the first day of a school's autumn term (or, for a term starting in
/// late August, between that day and 31 August): s8(3)(a) then ends compulsory school age at the
/// June before (a year later for the late-August case). For such a child the SENCO edits the
/// suggested invitees.
pub fn end_of_compulsory_school_age(dob: NaiveDate) -> NaiveDate {
    // Born on 29 February: 16 on 1 March in a common year; either day is in the same school year.
    let sixteenth = dob
        .with_year(dob.year() + 16)
        .or_else(|| NaiveDate::from_ymd_opt(dob.year() + 16, 3, 1))
        .unwrap_or(dob);
    school_leaving_date(academic_year_start(sixteenth) + 1)
}

/// Whether someone born on `dob` is a "young person" on `on`: over compulsory school age and
/// under 25 (Children and Families Act 2014 s83(2)). From then on they are invited, consulted and
/// written to in their own right (reg 20(2)(a)); before then their parent is.
///
/// Compulsory school age ends at the end of the school leaving date in the school year the
/// child turns 16 ([`end_of_compulsory_school_age`]), not on the 16th birthday.
pub fn is_young_person(dob: NaiveDate, on: NaiveDate) -> bool {
    let twenty_fifth =
        dob.with_year(dob.year() + 25).or_else(|| NaiveDate::from_ymd_opt(dob.year() + 25, 3, 1));
    on > end_of_compulsory_school_age(dob) && twenty_fifth.is_none_or(|d| on < d)
}

/// Age in whole years on `on` (a 29 February birthday counts on 1 March in a common year).
pub fn age_on(dob: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - dob.year();
    if (on.month(), on.day()) < (dob.month(), dob.day()) {
        age -= 1;
    }
    age
}

/// A year group as people say it: "Nursery", "Reception", "Year 7".
pub fn label(ncy: i32) -> String {
    match ncy {
        i32::MIN..=-2 => "Pre-school".to_owned(),
        -1 => "Nursery".to_owned(),
        0 => "Reception".to_owned(),
        n => format!("Year {n}"),
    }
}

/// The short form used in lists: "N", "R", "Y7".
pub fn short_label(ncy: i32) -> String {
    match ncy {
        i32::MIN..=-2 => "Pre".to_owned(),
        -1 => "N".to_owned(),
        0 => "R".to_owned(),
        n => format!("Y{n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn cohort_boundaries() {
        // Born 1 Sep 2015 and 31 Aug 2016 are in the same year; 31 Aug 2015 is a year above.
        let at = d(2020, 10, 1);
        assert_eq!(nc_year(d(2015, 9, 1), 0, at), 0);
        assert_eq!(nc_year(d(2016, 8, 31), 0, at), 0);
        assert_eq!(nc_year(d(2015, 8, 31), 0, at), 1);
        // The year changes on 1 September, not 1 January.
        assert_eq!(nc_year(d(2015, 9, 1), 0, d(2021, 8, 31)), 0);
        assert_eq!(nc_year(d(2015, 9, 1), 0, d(2021, 9, 1)), 1);
        assert_eq!(nc_year(d(2015, 9, 1), -1, at), -1);
    }

    /// One row per child: date of birth, the last day of compulsory school age.
    fn check_school_leaving(rows: &[(NaiveDate, NaiveDate)]) {
        for (dob, end) in rows {
            assert_eq!(end_of_compulsory_school_age(*dob), *end, "born {dob}");
            let day_after = *end + chrono::Days::new(1);
            assert!(!is_young_person(*dob, *end) && is_young_person(*dob, day_after), "born {dob}");
        }
    }

    #[test]
    fn young_person_from_the_end_of_compulsory_school_age_not_the_16th_birthday() {
        // Education Act 1996 s8(3); Education (School Leaving Date) Order 1997; CFA 2014 s83(2).
        check_school_leaving(&[
            // IPSEA's example: born 23 Sep 2007 -> 28 Jun 2024.
            (d(2007, 9, 23), d(2024, 6, 28)),
            // Born 1 Sep and 31 Aug are in the same school year (2025/26): Fri 26 Jun 2026.
            (d(2009, 9, 1), d(2026, 6, 26)),
            (d(2010, 8, 31), d(2026, 6, 26)),
            // A July birthday: 16 after the leaving date, so it ends before the birthday (s8(3)(a)).
            (d(2010, 7, 10), d(2026, 6, 26)),
            // Turning 16 on the leaving date itself (s8(3)(b)).
            (d(2010, 6, 26), d(2026, 6, 26)),
            // A leap-day birthday.
            (d(2008, 2, 29), d(2024, 6, 28)),
        ]);
        // 16 in October, but not a young person until after the last Friday in June.
        assert!(!is_young_person(d(2009, 10, 5), d(2025, 11, 1)));
        assert!(is_young_person(d(2009, 10, 5), d(2026, 6, 27)));
        // Over 25 is no longer a young person (s83(2)).
        assert!(!is_young_person(d(2000, 5, 1), d(2025, 5, 1)));
        assert_eq!(school_leaving_date(2027), d(2027, 6, 25));
        assert_eq!(age_on(d(2010, 3, 3), d(2026, 3, 2)), 15);
        assert_eq!(in_school_year(2025, 7, 20), Some(d(2026, 7, 20)));
        assert_eq!(in_school_year(2025, 10, 31), Some(d(2025, 10, 31)));
    }

    #[test]
    fn labels() {
        assert_eq!(label(-1), "Nursery");
        assert_eq!(label(0), "Reception");
        assert_eq!(label(11), "Year 11");
        assert_eq!(short_label(0), "R");
        assert_eq!(short_label(9), "Y9");
    }

    /// Counts 1 Septembers directly: the child enters Reception on the first 1 September strictly
    /// after their 4th birthday (a child born on 1 September is 5 when they start), and goes up a
    /// year on each 1 September after that.
    fn by_counting(dob: NaiveDate, at: NaiveDate) -> i32 {
        let fourth = dob.with_year(dob.year() + 4).unwrap_or_else(|| d(dob.year() + 4, 3, 1));
        let mut entry = d(fourth.year(), 9, 1);
        if entry <= fourth {
            entry = d(fourth.year() + 1, 9, 1);
        }
        let mut ncy = 0;
        let mut sept = entry;
        if at < entry {
            while at < sept {
                ncy -= 1;
                sept = d(sept.year() - 1, 9, 1);
            }
            return ncy;
        }
        loop {
            let next = d(sept.year() + 1, 9, 1);
            if at < next {
                return ncy;
            }
            ncy += 1;
            sept = next;
        }
    }

    proptest! {
        #[test]
        fn formula_agrees_with_a_direct_count(dob_days in 0i64..9000, gap in 0i64..8000) {
            let dob = d(2000, 1, 1) + chrono::Days::new(dob_days as u64);
            let at = dob + chrono::Days::new(gap as u64);
            prop_assert_eq!(nc_year(dob, 0, at), by_counting(dob, at));
        }

        /// Compulsory school age ends on a Friday in the last week of June of Year 11 (by age),
        /// when the child is 15 or 16.
        #[test]
        fn school_leaving_is_the_last_friday_in_june_of_year_11(dob_days in 0i64..9000) {
            let dob = d(2000, 1, 1) + chrono::Days::new(dob_days as u64);
            let end = end_of_compulsory_school_age(dob);
            prop_assert_eq!(end.weekday(), Weekday::Fri);
            prop_assert!(end.month() == 6 && end.day() >= 24);
            prop_assert_eq!(nc_year(dob, 0, end), 11);
            prop_assert!((15..=16).contains(&age_on(dob, end)));
        }
    }
}
