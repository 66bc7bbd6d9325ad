//! The pupil readers against the synthetic fixtures in `tests/fixtures/pupils` (made by
//! `make.py` there). What each file should give comes from `expected.json`, written by the same
//! script from the data it wrote the files from, never from the reader.

#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use ardesk_intake::pupils::{
    ColumnMapping, ContactField, Field, ImportedContact, ImportedPupil, PupilFile, Source, csv_headers,
    read_csv, read_ctf,
};
use proptest::prelude::*;
use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pupils")
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e} (run make.py)"))
}

fn expected() -> Value {
    serde_json::from_slice(&bytes("expected.json")).expect("expected.json")
}

fn opt(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

fn check_contact(got: &ImportedContact, want: &Value, at: &str) {
    assert_eq!(got.title, opt(&want["title"]), "{at} title");
    assert_eq!(got.forename, opt(&want["forename"]), "{at} forename");
    assert_eq!(got.surname, opt(&want["surname"]), "{at} surname");
    assert_eq!(
        got.relationship.as_ref().and_then(|r| r.code.clone()),
        opt(&want["relationship_code"]),
        "{at}"
    );
    assert_eq!(got.parental_responsibility, want["parental_responsibility"].as_bool().unwrap(), "{at} PR");
    assert_eq!(got.court_order, want["court_order"].as_bool().unwrap(), "{at} court order");
    assert_eq!(got.email, opt(&want["email"]), "{at} email");
    let phones: Vec<String> = want["phones"].as_array().unwrap().iter().filter_map(opt).collect();
    assert_eq!(got.phones, phones, "{at} phones");
    let lines: Option<Vec<String>> =
        want["address_lines"].as_array().map(|a| a.iter().filter_map(opt).collect());
    assert_eq!(got.address.as_ref().map(|a| a.lines.clone()), lines, "{at} address");
    assert_eq!(
        got.address.as_ref().and_then(|a| a.postcode.clone()),
        opt(&want["postcode"]),
        "{at} postcode"
    );
}

fn check_pupil(got: &ImportedPupil, want: &Value) {
    let at = got.upn.clone();
    assert_eq!(Some(got.upn.clone()), opt(&want["upn"]));
    assert_eq!(Some(got.legal_forename.clone()), opt(&want["legal_forename"]), "{at}");
    assert_eq!(Some(got.legal_surname.clone()), opt(&want["legal_surname"]), "{at}");
    assert_eq!(got.preferred_forename, opt(&want["preferred_forename"]), "{at}");
    assert_eq!(Some(got.dob.to_string()), opt(&want["dob"]), "{at}");
    assert_eq!(got.sex, opt(&want["sex"]), "{at}");
    assert_eq!(got.nc_year, opt(&want["nc_year"]), "{at}");
    let needs: Vec<String> = got.need_types.iter().map(|n| n.code.clone()).collect();
    let want_needs: Vec<String> = want["needs"].as_array().unwrap().iter().filter_map(opt).collect();
    assert_eq!(needs, want_needs, "{at} needs");
    assert_eq!(Some(got.row as u64), want["row"].as_u64(), "{at} row");
    let contacts = want["contacts"].as_array().unwrap();
    assert_eq!(got.contacts.len(), contacts.len(), "{at} contacts");
    for (i, (c, w)) in got.contacts.iter().zip(contacts).enumerate() {
        check_contact(c, w, &format!("{at} contact {}", i + 1));
    }
}

/// Compares a read file with its entry in expected.json.
fn check(file: &PupilFile, want: &Value, pupils: &Value) {
    let pupils = pupils.as_array().unwrap();
    let upns: Vec<&str> = file.pupils.iter().map(|p| p.upn.as_str()).collect();
    assert_eq!(file.pupils.len(), pupils.len(), "pupils read: {upns:?}; skipped: {:#?}", file.skipped);
    for (got, w) in file.pupils.iter().zip(pupils) {
        check_pupil(got, w);
    }
    let skipped = want["skipped"].as_array().unwrap();
    assert_eq!(file.skipped.len(), skipped.len(), "{:#?}", file.skipped);
    for (got, w) in file.skipped.iter().zip(skipped) {
        assert_eq!(got.upn, opt(&w["upn"]), "{got:?}");
        assert_eq!(Some(got.row as u64), w["row"].as_u64(), "{got:?}");
        let phrase = w["reason_contains"].as_str().unwrap();
        assert!(got.reason.contains(phrase), "{:?} should say {phrase:?}", got.reason);
    }
}

#[test]
fn ctf_25_and_24_give_the_pupils_with_a_current_plan_and_say_why_the_rest_are_skipped() {
    let expected = expected();
    for name in ["ctf25.xml", "ctf24.xml"] {
        let want = &expected[name];
        let file = read_ctf(&bytes(name)).unwrap_or_else(|r| panic!("{name}: {r}"));
        assert_eq!(file.source, Source::Ctf { version: want["version"].as_str().unwrap().to_owned() });
        check(&file, want, &want["pupils"]);
    }
}

#[test]
fn a_court_order_and_an_address_as_pupil_come_through() {
    let file = read_ctf(&bytes("ctf25.xml")).unwrap();
    let first = &file.pupils[0];
    let restricted: Vec<bool> = first.contacts.iter().map(|c| c.court_order).collect();
    assert_eq!(restricted, [false, true]);
    assert!(first.contacts[0].address_as_pupil);
    assert_eq!(first.contacts[0].address, first.address);
    assert_eq!(first.contacts[0].relationship.as_ref().map(|r| r.label.as_str()), Some("Mother"));
    assert_eq!(first.need_types[0].label, Some("Autistic spectrum disorder"));
}

#[test]
fn sims_and_arbor_csv_reports_are_read_by_their_headers() {
    let expected = expected();
    for name in ["sims.csv", "arbor.csv"] {
        let want = &expected[name];
        let file = read_csv(&bytes(name), None).unwrap_or_else(|r| panic!("{name}: {r}"));
        assert_eq!(file.source, Source::Csv);
        check(&file, want, &want["pupils"]);
    }
}

#[test]
fn the_header_report_lists_the_unrecognised_columns_and_a_mapping_assigns_one() {
    let expected = expected();
    let want = &expected["arbor.csv"];
    let report = csv_headers(&bytes("arbor.csv")).unwrap();
    let unrecognised: Vec<&str> = report.unrecognised().map(|c| c.header.as_str()).collect();
    let want_unrecognised: Vec<&str> =
        want["unrecognised"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert_eq!(unrecognised, want_unrecognised);
    assert!(report.missing().is_empty());

    let column = want["mapping"]["column"].as_u64().unwrap() as usize;
    let field = Field::Contact(1, ContactField::Name);
    assert_eq!(field.label(), want["mapping"]["field"].as_str().unwrap());
    let mut mapping = ColumnMapping::new();
    mapping.set(column, Some(field));
    let file = read_csv(&bytes("arbor.csv"), Some(&mapping)).unwrap();
    check(&file, want, &want["mapping"]["pupils"]);
}

#[test]
fn a_csv_without_a_needed_column_is_refused_naming_it() {
    let refused = read_csv(b"UPN,Surname,Forename\nB801200005001,Testwhistle,Juniper\n", None).unwrap_err();
    assert!(refused.reason.contains("date of birth") && refused.reason.contains("mapping"), "{refused}");
    let mut mapping = ColumnMapping::new();
    mapping.set(0, None);
    let refused = read_csv(b"UPN,Surname,Forename,DOB\n", Some(&mapping)).unwrap_err();
    assert!(refused.reason.contains("upn"), "{refused}");
}

#[test]
fn hostile_files_are_refused_with_their_reason() {
    let expected = expected();
    for (name, phrase) in expected["hostile"].as_object().unwrap() {
        let data = bytes(name);
        let got = if name.ends_with(".csv") { read_csv(&data, None) } else { read_ctf(&data) };
        let reason = got.map(|_| "read".to_owned()).unwrap_or_else(|r| r.reason);
        assert!(reason.contains(phrase.as_str().unwrap()), "{name}: {reason:?}");
    }
}

#[test]
fn every_truncation_of_a_good_file_is_refused_or_read_whole_and_nothing_panics() {
    for name in ["ctf25.xml", "sims.csv"] {
        let data = bytes(name);
        let whole = if name.ends_with(".csv") { read_csv(&data, None) } else { read_ctf(&data) }.unwrap();
        for cut in 1..data.len() {
            let part = &data[..cut];
            let got = if name.ends_with(".csv") { read_csv(part, None) } else { read_ctf(part) };
            if name.ends_with(".xml") {
                // A CTF cut anywhere before its closing tag is refused as a whole.
                let closing = data.len() - b"</CTfile>\n".len() + b"</CTfile>".len();
                assert_eq!(got.is_ok(), cut >= closing, "{name} cut at {cut}: {got:?}");
            } else if let Ok(file) = got {
                // A CSV cut at a row boundary is a shorter list: never more than the whole file.
                assert!(file.pupils.len() <= whole.pupils.len());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_ctf(&data);
        let _ = read_csv(&data, None);
        let _ = csv_headers(&data);
    }

    #[test]
    fn a_ctf_with_random_bytes_spliced_in_never_panics(at in 0usize..10_000, junk in proptest::collection::vec(any::<u8>(), 1..64)) {
        let mut data = bytes("ctf25.xml");
        let at = at.min(data.len());
        data.splice(at..at, junk);
        let _ = read_ctf(&data);
    }

    #[test]
    fn csv_text_never_panics(text in "[A-Za-z0-9,;\t\"\r\n /-]{0,400}") {
        let with_header = format!("UPN,Surname,Forename,DOB,SEN Status,Contact 1 Name\n{text}");
        let _ = read_csv(with_header.as_bytes(), None);
        let _ = read_csv(text.as_bytes(), None);
    }
}
