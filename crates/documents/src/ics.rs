//! Milestones as an iCalendar (`.ics`) file that Outlook, Google Calendar and Thunderbird import.

use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Class, Component, Event, EventLike};

/// One all-day calendar entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable across exports, so re-importing updates events instead of duplicating them.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
}

/// Renders `entries` as an iCalendar document, each event private (CLASS:PRIVATE: a shared
/// calendar shows others only that the time is busy). `stamp` is the DTSTAMP of every event, so
/// the same entries exported at the same time give identical bytes.
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
            .class(Class::Private)
            .done();
        cal.push(event);
    }
    cal.done().to_string()
}

/// An all-day event read from an iCalendar file: inclusive dates and its summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayEvent {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub summary: String,
}

/// The largest calendar file read (a school's term-date calendar is a few kilobytes).
pub const MAX_ICS_BYTES: usize = 1024 * 1024;

/// Reads the all-day (or dated) events of an iCalendar file, as a school's term-date calendar
/// exports them. `DTEND` of an all-day event is exclusive, so `last` is the day before it.
pub fn day_events(text: &str) -> Result<Vec<DayEvent>, String> {
    if text.len() > MAX_ICS_BYTES {
        return Err("the calendar file is larger than 1 MB".to_owned());
    }
    let parsed: Calendar = text.parse()?;
    let date_of = |d: icalendar::DatePerhapsTime| match d {
        icalendar::DatePerhapsTime::Date(date) => Some((date, true)),
        icalendar::DatePerhapsTime::DateTime(dt) => match dt {
            icalendar::CalendarDateTime::Floating(n) => Some((n.date(), false)),
            icalendar::CalendarDateTime::Utc(u) => Some((u.date_naive(), false)),
            icalendar::CalendarDateTime::WithTimezone { date_time, .. } => Some((date_time.date(), false)),
        },
    };
    let mut out = Vec::new();
    for event in parsed.components.iter().filter_map(|c| c.as_event()) {
        let Some((first, _)) = event.get_start().and_then(date_of) else { continue };
        let last = match event.get_end().and_then(date_of) {
            // An all-day DTEND is the day after the last day.
            Some((end, true)) if end > first => end.pred_opt().unwrap_or(end),
            Some((end, false)) if end >= first => end,
            _ => first,
        };
        out.push(DayEvent { first, last, summary: event.get_summary().unwrap_or_default().to_owned() });
    }
    Ok(out)
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
    fn all_day_events_read_back_with_inclusive_ends() {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//School//Terms//EN\r\n\
BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Autumn term\r\nDTSTART;VALUE=DATE:20260903\r\nDTEND;VALUE=DATE:20261024\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:2\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:INSET day\r\nDTSTART;VALUE=DATE:20260904\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default();
        assert_eq!(
            day_events(text),
            Ok(vec![
                DayEvent { first: d(9, 3), last: d(10, 23), summary: "Autumn term".into() },
                DayEvent { first: d(9, 4), last: d(9, 4), summary: "INSET day".into() },
            ])
        );
    }

    #[test]
    fn garbage_is_not_a_calendar() {
        for text in ["", "hello", "BEGIN:VCALENDAR\nthis is not ical"] {
            assert!(count_events(text).is_err(), "{text:?} parsed");
        }
        assert_eq!(count_events("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), Ok(0));
    }
}
