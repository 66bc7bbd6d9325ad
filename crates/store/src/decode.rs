//! Turning stored text back into validated domain values. A row that no longer validates (a
//! file edited by hand, a damaged page) is reported as corrupt rather than shown wrongly.

use ardesk_domain::dates::parse_iso;
use ardesk_domain::text::PersonName;
use chrono::NaiveDate;

use crate::StoreError;

/// `what` of record `id` did not validate.
pub(crate) fn corrupt(what: &str, id: i64) -> StoreError {
    StoreError::Corrupt { detail: format!("{what} of record {id} is not valid") }
}

/// An ISO date column.
pub(crate) fn date(text: &str, what: &str, id: i64) -> Result<NaiveDate, StoreError> {
    parse_iso(text).ok_or_else(|| corrupt(what, id))
}

/// A person's name column.
pub(crate) fn name(text: &str, what: &str, id: i64) -> Result<PersonName, StoreError> {
    PersonName::parse("name", what, text).map_err(|_| corrupt(what, id))
}
