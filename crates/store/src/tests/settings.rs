//! The school's calendar, imported bank holidays and its own LA profiles.

use chrono::NaiveDate;

use super::*;

#[test]
fn calendars_holidays_and_profiles_round_trip() -> Result<(), StoreError> {
    use ardesk_domain::calendar::SchoolCalendar;
    let mut store = Store::open_in_memory()?;
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
    let cal = SchoolCalendar::new(vec![(d(2026, 9, 3), d(2026, 10, 23))], [d(2026, 9, 4)]);
    store.write(action("terms.import"), |tx| tx.set_school_calendar(&cal))?;
    assert_eq!(store.school_calendar()?, cal);
    let added =
        store.write(action("holidays.import"), |tx| tx.add_bank_holidays([d(2031, 1, 1), d(2031, 1, 1)]))?;
    assert_eq!(added, 1);
    assert_eq!(store.imported_bank_holidays()?, [d(2031, 1, 1)]);
    store.write(action("profile.save"), |tx| tx.set_custom_profile("redcar", "{}"))?;
    assert_eq!(store.custom_profiles()?, [CustomProfile { id: "redcar".to_owned(), json: "{}".to_owned() }]);
    store.write(action("profile.reset"), |tx| tx.delete_custom_profile("redcar"))?;
    assert!(store.custom_profiles()?.is_empty());
    Ok(())
}
