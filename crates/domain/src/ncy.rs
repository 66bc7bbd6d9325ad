//! National Curriculum year arithmetic.
//!
//! Children born 1 September of year Y to 31 August of Y+1 are in Reception in the academic
//! year that starts on 1 September of Y+5. Reception is year 0 and nursery is −1. A child taught
//! out of their chronological year group carries an offset (for example −1 for a child held back).

use chrono::{Datelike, NaiveDate};

/// The calendar year in which the academic year containing `date` started (1 September).
pub fn academic_year_start(date: NaiveDate) -> i32 {
    if date.month() >= 9 { date.year() } else { date.year() - 1 }
}

/// The National Curriculum year of a child born on `dob` at `date`, plus `offset`.
pub fn nc_year(dob: NaiveDate, offset: i8, date: NaiveDate) -> i32 {
    let cohort = academic_year_start(dob);
    academic_year_start(date) - (cohort + 5) + i32::from(offset)
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
    }
}
