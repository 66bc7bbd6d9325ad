//! Milestones as an iCalendar (`.ics`) file that Outlook, Google Calendar and Thunderbird import.

use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

/// One all-day calendar entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable across exports, so re-importing updates events instead of duplicating them.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
}

/// Renders `entries` as an iCalendar document. `stamp` is the DTSTAMP of every event, so the
/// same entries exported at the same time give identical bytes.
pub fn calendar(name: &str, entries: &[Entry], stamp: DateTime<Utc>) -> String {
    let mut cal = Calendar::new();
    cal.name(name);
    for e in entries {
        let event = Event::new()
            .uid(&e.uid)
            .timestamp(stamp)
            .summary(&e.summary)
            .description(&e.description)
            .all_day(e.date)
            .done();
        cal.push(event);
    }
    cal.done().to_string()
}

/// Parses iCalendar text and returns the number of events in it (used to check exports).
pub fn count_events(text: &str) -> Result<usize, String> {
    let parsed: Calendar = text.parse()?;
    Ok(parsed.components.iter().filter(|c| c.as_event().is_some()).count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn entries() -> Vec<Entry> {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default();
        vec![
            Entry {
                uid: "a-T06@ardesk".into(),
                date: d(1, 6),
                summary: "Send invitations".into(),
                description: "Why: six weeks; notice, circulation".into(),
            },
            Entry {
                uid: "a-T07@ardesk".into(),
                date: d(1, 20),
                summary: "Statutory notice".into(),
                description: "reg 20(3)".into(),
            },
        ]
    }

    #[test]
    fn exports_all_day_events_that_parse_back() {
        let stamp = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).single().unwrap_or_default();
        let text = calendar("Robin T. — review milestones", &entries(), stamp);
        assert!(text.starts_with("BEGIN:VCALENDAR"), "{text}");
        assert!(text.contains("DTSTART;VALUE=DATE:20260106"), "{text}");
        assert!(text.contains("UID:a-T07@ardesk"));
        assert_eq!(count_events(&text), Ok(2));
        // Same input, same time: same bytes.
        assert_eq!(text, calendar("Robin T. — review milestones", &entries(), stamp));
    }

    #[test]
    fn garbage_is_not_a_calendar() {
        for text in ["", "hello", "BEGIN:VCALENDAR\nthis is not ical"] {
            assert!(count_events(text).is_err(), "{text:?} parsed");
        }
        assert_eq!(count_events("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), Ok(0));
    }
}
