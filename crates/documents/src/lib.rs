//! Document renderers: domain values in, bytes (or text) out. Nothing here opens a path or
//! reads the clock: the caller passes "now" and writes the result where the user chose.
//!
//! - [`ics`]: milestones as an iCalendar file (one all-day event per milestone).

pub mod ics;
