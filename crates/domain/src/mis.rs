//! What the school's MIS says about a pupil, merged with what the SENCO has typed.
//!
//! An import remembers what it last wrote for each record (a [`Snapshot`]). On the next import
//! a field is updated only if it still holds what the MIS wrote last time: a field the SENCO
//! has changed since is theirs, and the MIS never overwrites it. Nobody is ever deleted. One
//! exception leans to safety: a court order newly flagged in the MIS restricts the contact even
//! if the SENCO has edited them.

use std::collections::BTreeMap;

use crate::ncy::nc_year;

/// What an import last wrote for one record: field name → value.
pub type Snapshot = BTreeMap<String, String>;

/// Reads a snapshot stored as JSON; an unreadable one is treated as absent (every field is then
/// the SENCO's, which is the safe reading).
pub fn read_snapshot(json: Option<&str>) -> Option<Snapshot> {
    json.and_then(|j| serde_json::from_str(j).ok())
}

pub fn write_snapshot(snapshot: &Snapshot) -> String {
    serde_json::to_string(snapshot).unwrap_or_default()
}

/// What becomes of one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldMerge {
    /// Already what the MIS says.
    Same,
    /// The MIS changed it and the SENCO had not: take the MIS's value.
    Update,
    /// The SENCO changed it since the last import (or typed it before any): theirs is kept.
    Kept,
}

/// Decides one field: `current` on record, `last` as the last import wrote it (if any), and
/// `incoming` from this import.
pub fn merge_field(current: &str, last: Option<&str>, incoming: &str) -> FieldMerge {
    if current == incoming {
        FieldMerge::Same
    } else if last == Some(current) {
        FieldMerge::Update
    } else {
        FieldMerge::Kept
    }
}

/// The fields of `incoming` to take over `current`, given the `last` snapshot: each name with
/// its merge. Fields absent from `current` are new and taken.
pub fn merge(current: &Snapshot, last: Option<&Snapshot>, incoming: &Snapshot) -> Vec<(String, FieldMerge)> {
    incoming
        .iter()
        .map(|(field, value)| {
            let last_value = last.and_then(|l| l.get(field));
            let merge = match current.get(field) {
                None => FieldMerge::Update,
                // A field the last import did not bring, still empty on record, is filled in.
                Some(now) if now.is_empty() && last_value.is_none() && !value.is_empty() => {
                    FieldMerge::Update
                }
                Some(now) => merge_field(now, last_value.map(String::as_str), value),
            };
            (field.clone(), merge)
        })
        .collect()
}

/// The NC-year offset that makes a child born on `dob` be in the MIS's year group on `today`
/// (a child taught out of year group), if it is within the app's range (−3 to 3).
///
/// `year` is as the DfE writes it: "N1", "N2" (nursery), "R", "1" … "14"; anything else
/// (such as "X", not following the National Curriculum) gives no offset.
pub fn ncy_offset(year: &str, dob: chrono::NaiveDate, today: chrono::NaiveDate) -> Option<i8> {
    let actual: i32 = match year.trim().to_ascii_uppercase().as_str() {
        "N1" => -2,
        "N2" => -1,
        "R" => 0,
        other => other.parse().ok().filter(|y| (1..=14).contains(y))?,
    };
    let offset = actual - nc_year(dob, 0, today);
    i8::try_from(offset).ok().filter(|o| (-3..=3).contains(o))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn snap(pairs: &[(&str, &str)]) -> Snapshot {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn the_senco_s_edit_is_kept_and_the_mis_s_change_is_taken() {
        let last = snap(&[("surname", "Smith"), ("forename", "Jo")]);
        let current = snap(&[("surname", "Smith-Jones"), ("forename", "Jo")]);
        let incoming = snap(&[("surname", "Smythe"), ("forename", "Joanne")]);
        let merged = merge(&current, Some(&last), &incoming);
        assert_eq!(
            merged,
            vec![("forename".to_owned(), FieldMerge::Update), ("surname".to_owned(), FieldMerge::Kept)]
        );
    }

    #[test]
    fn without_a_snapshot_everything_on_record_is_the_senco_s() {
        let current = snap(&[("surname", "Typed")]);
        let merged = merge(&current, None, &snap(&[("surname", "FromMis")]));
        assert_eq!(merged, vec![("surname".to_owned(), FieldMerge::Kept)]);
    }

    #[test]
    fn a_field_new_to_the_import_fills_what_is_empty_and_keeps_what_was_typed() {
        let last = snap(&[("surname", "Smith")]);
        let current = snap(&[("surname", "Smith"), ("need_types", ""), ("preferred_name", "Jo")]);
        let incoming = snap(&[("surname", "Smith"), ("need_types", "ASD"), ("preferred_name", "Joanne")]);
        let merged = merge(&current, Some(&last), &incoming);
        assert_eq!(
            merged,
            vec![
                ("need_types".to_owned(), FieldMerge::Update),
                ("preferred_name".to_owned(), FieldMerge::Kept),
                ("surname".to_owned(), FieldMerge::Same),
            ]
        );
    }

    #[test]
    fn a_year_group_gives_the_offset_of_a_child_taught_out_of_year() {
        let dob = chrono::NaiveDate::from_ymd_opt(2015, 5, 14).unwrap_or_default();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        assert_eq!(nc_year(dob, 0, today), 7);
        assert_eq!(ncy_offset("7", dob, today), Some(0));
        assert_eq!(ncy_offset("6", dob, today), Some(-1));
        assert_eq!(ncy_offset("R", dob, today), None, "six years out is beyond the range");
        assert_eq!(ncy_offset("X", dob, today), None);
    }

    proptest! {
        /// A field the SENCO has not touched always follows the MIS, and one they changed never
        /// does.
        #[test]
        fn merging_follows_who_changed_what(last in "[a-z]{0,4}", senco in "[a-z]{0,4}", mis in "[a-z]{0,4}") {
            let untouched = merge_field(&last, Some(&last), &mis);
            prop_assert!(untouched != FieldMerge::Kept);
            let edited = merge_field(&senco, Some(&last), &mis);
            if senco != last && senco != mis {
                prop_assert_eq!(edited, FieldMerge::Kept);
            }
        }
    }
}
