//! Time is passed in: the app asks its [`Clock`], so tests fix "now" instead of reading it.
//! Also here: `ardesk timeline`, the statutory clock from dates passed in
//! ([`crate::App::statutory_timeline`]).

use ardesk_domain::calendar::{BankHolidays, SchoolCalendar};
use ardesk_domain::clock::{ClockInput, CycleFacts, Transfers, cycle_timeline};
use ardesk_dto::{ErrorCode, TimelineEntry, TimelineReport};
use chrono::{DateTime, Local, NaiveDate, Utc};

use crate::AppError;

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

/// `ardesk timeline`: the statutory clock of one review cycle from its dates alone, with the
/// shipped LA profiles and bank holidays (no database, no term dates). It sits beside the
/// [`Clock`] because both are about time: this one computes the law's, from dates passed in.
impl crate::App {
    /// Every milestone that applies to the cycle that counts from `anchor` for a child born on
    /// `dob` with the LA `la`: the run-up to `meeting`, and what `facts` add after it (the
    /// decision, the amendment timetable, the appeal window, chasing a late decision on `today`).
    pub fn statutory_timeline(
        la: &str,
        anchor: NaiveDate,
        dob: NaiveDate,
        meeting: Option<NaiveDate>,
        facts: &CycleFacts,
        today: NaiveDate,
    ) -> Result<TimelineReport, AppError> {
        let las = crate::context::builtin_las()?;
        let profile = las.at(la, meeting.unwrap_or(today)).ok_or_else(|| {
            let shipped: Vec<&str> = ardesk_domain::la::SHIPPED_LA_CODES.iter().map(|(id, _)| *id).collect();
            AppError::new(
                ErrorCode::Validation,
                format!(
                    "unknown LA \"{la}\" (use {}, or la- and any English LA's three-digit DfE code, e.g. la-306)",
                    shipped.join(", ")
                ),
            )
        })?;
        let input = ClockInput {
            anchor: Some(anchor),
            dob,
            ncy_offset: 0,
            meeting,
            profile,
            transfers: Transfers::default(),
            today,
        };
        let tl = cycle_timeline(&input, facts, &BankHolidays::embedded(), &SchoolCalendar::default())
            .map_err(|e| AppError::new(ErrorCode::Validation, e.to_string()))?;
        Ok(TimelineReport {
            ncy: tl.ncy,
            pfa_required: tl.pfa_required,
            milestones: tl
                .milestones
                .into_iter()
                .map(|m| TimelineEntry {
                    id: m.id.code().to_owned(),
                    date: m.date.to_string(),
                    due: m.due.to_string(),
                    why: m.why,
                    source: m.source,
                })
                .collect(),
        })
    }
}
