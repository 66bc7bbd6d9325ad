//! Time is passed in: the app asks its [`Clock`], so tests fix "now" instead of reading it.

use chrono::{DateTime, Local, NaiveDate, Utc};

/// Where the app gets the current time.
pub trait Clock: std::fmt::Debug + Send + Sync {
    fn now(&self) -> DateTime<Utc>;
    /// Today's date where the user is (statutory dates are calendar dates in England).
    fn today(&self) -> NaiveDate;
}

/// The computer's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
    fn today(&self) -> NaiveDate {
        Local::now().date_naive()
    }
}

/// A clock stopped at one instant (tests, reproducible demos: `ardesk --today`).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl FixedClock {
    /// Noon UTC on `date`.
    pub fn on(date: NaiveDate) -> FixedClock {
        FixedClock(date.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc())
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
    fn today(&self) -> NaiveDate {
        self.0.date_naive()
    }
}
