//! Issue 15, the statutory clock through the whole cycle, from the command line: the contract of
//! `ardesk timeline` (every milestone that applies, with `id`, `date`, `due`, `why` and `source`;
//! T13, T14 and T21 when the decision calls for them; bad input exits 2 with one line).

mod common;

use std::process::Output;

use common::ardesk;

/// A Year 6 child (born 10 Jan 2015) whose cycle counts from 1 Mar 2025, with Redcar.
const Y6: [&str; 6] = ["--anchor", "2025-03-01", "--dob", "2015-01-10", "--la", "redcar"];

fn timeline(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["timeline", "--json"];
    all.extend_from_slice(args);
    let out = ardesk(&all);
    assert!(out.status.success(), "{all:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_default()
}

fn with(extra: &[&'static str]) -> Vec<&'static str> {
    let mut args = Y6.to_vec();
    args.extend_from_slice(extra);
    args
}

fn ids(v: &serde_json::Value) -> Vec<String> {
    v["milestones"]
        .as_array()
        .map(|a| a.iter().filter_map(|m| m["id"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// `(date, due)` of milestone `id`.
fn dates(v: &serde_json::Value, id: &str) -> Option<(String, String)> {
    let m = v["milestones"].as_array()?.iter().find(|m| m["id"] == id)?;
    Some((m["date"].as_str()?.to_owned(), m["due"].as_str()?.to_owned()))
}

fn field(v: &serde_json::Value, id: &str, key: &str) -> String {
    let m = v["milestones"].as_array().and_then(|a| a.iter().find(|m| m["id"] == id)).cloned();
    m.and_then(|m| m.get(key).and_then(|f| f.as_str()).map(str::to_owned)).unwrap_or_default()
}

#[test]
fn every_milestone_carries_its_date_due_date_reason_and_source() {
    let v = timeline(&with(&["--meeting", "2025-11-10", "--today", "2025-11-20"]));
    assert_eq!((v["ncy"].as_i64(), v["pfa_required"].as_bool()), (Some(6), Some(false)));
    assert_eq!(ids(&v), ["T02", "T03", "T04", "T06", "T07", "T08", "T09", "T11", "T12", "T14", "T16"]);
    for m in v["milestones"].as_array().cloned().unwrap_or_default() {
        for key in ["id", "date", "due", "why", "source"] {
            assert!(m[key].as_str().is_some_and(|s| !s.is_empty()), "{key} in {m}");
        }
        for key in ["date", "due"] {
            let iso = m[key].as_str().unwrap_or_default();
            assert!(chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").is_ok(), "{key} {iso}");
        }
    }
    // reg 18(1)(b): "before 15 February": Sat 14 Feb 2026, due Fri 13th.
    assert_eq!(dates(&v, "T16"), Some(("2026-02-14".into(), "2026-02-13".into())));
    assert!(field(&v, "T16", "source").contains("reg 18(1)(b)"));
}

#[test]
fn a_transfer_year_shapes_the_clock_with_no_meeting_booked() {
    let v = timeline(&with(&["--today", "2025-09-01"]));
    assert_eq!(ids(&v), ["T02", "T03", "T04", "T16"]);
    // 14 Feb 2026 − 12 weeks: the meeting by Sat 22 Nov 2025 (due Fri 21st), not 1 Feb 2026.
    assert_eq!(dates(&v, "T04"), Some(("2025-11-22".into(), "2025-11-21".into())));
    assert_eq!(v["ncy"].as_i64(), Some(6));
    // Year 11: post-16, before 31 March: Mon 30 Mar 2026.
    let y11 = timeline(&["--anchor", "2025-03-01", "--dob", "2010-03-03", "--today", "2025-09-01"]);
    assert_eq!(dates(&y11, "T17"), Some(("2026-03-30".into(), "2026-03-30".into())));
    assert_eq!(y11["pfa_required"].as_bool(), Some(true));
    // The same answer whatever day it is asked.
    assert_eq!(timeline(&with(&["--today", "2027-06-01"])), v);
}

#[test]
fn a_decision_to_amend_brings_the_representations_and_the_final_plan() {
    let amend = timeline(&with(&[
        "--meeting",
        "2025-11-10",
        "--decision",
        "amend",
        "--decision-date",
        "2025-12-01",
        "--notice-date",
        "2025-12-01",
        "--today",
        "2025-12-05",
    ]));
    let got = ids(&amend);
    assert!(got.iter().any(|i| i == "T13") && got.iter().any(|i| i == "T14"), "{got:?}");
    // 15 days beginning with the day of service; 8 weeks from the notice (reg 22).
    assert_eq!(dates(&amend, "T13"), Some(("2025-12-15".into(), "2025-12-15".into())));
    assert_eq!(dates(&amend, "T14"), Some(("2026-01-26".into(), "2026-01-26".into())));
    assert!(field(&amend, "T14", "source").contains("reg 22(3)"));
    // The next cycle counts from the letter.
    assert_eq!(dates(&amend, "T15").map(|d| d.0), Some("2026-11-30".into()));
    // No notice yet: the long-stop of 12 weeks after the meeting (Devon).
    let no_notice =
        timeline(&with(&["--meeting", "2025-11-10", "--decision", "amend", "--decision-date", "2025-12-01"]));
    assert_eq!(dates(&no_notice, "T14").map(|d| d.0), Some("2026-02-02".into()));
    assert!(field(&no_notice, "T14", "why").contains("12 weeks after the meeting"));
    // Maintained: nothing to amend; the appeal window (2 months) is information.
    let maintain = timeline(&with(&[
        "--meeting",
        "2025-11-10",
        "--decision",
        "maintain",
        "--decision-date",
        "2025-12-01",
    ]));
    let got = ids(&maintain);
    assert!(!got.iter().any(|i| i == "T13" || i == "T14"), "{got:?}");
    assert_eq!(dates(&maintain, "T21").map(|d| d.0), Some("2026-02-01".into()));
}

#[test]
fn a_decision_to_cease_opens_the_appeal_window() {
    let cease = |extra: &[&'static str]| {
        let mut args =
            with(&["--meeting", "2025-11-10", "--decision", "cease", "--decision-date", "2025-12-01"]);
        args.extend_from_slice(extra);
        timeline(&args)
    };
    let plain = cease(&[]);
    let got = ids(&plain);
    assert!(got.iter().any(|i| i == "T21") && !got.iter().any(|i| i == "T14" || i == "T15"), "{got:?}");
    assert_eq!(dates(&plain, "T21").map(|d| d.0), Some("2026-02-01".into()));
    // A mediation certificate of 15 Jan: one month later, 15 Feb, is the later date.
    let certified = cease(&["--mediation-certificate", "2026-01-15"]);
    assert_eq!(dates(&certified, "T21"), Some(("2026-02-15".into(), "2026-02-13".into())));
    assert!(field(&certified, "T21", "why").contains("maintained until then"));
}

#[test]
fn no_decision_four_weeks_after_the_meeting_says_chase_the_la() {
    let waiting = timeline(&with(&["--meeting", "2025-11-10", "--today", "2025-12-09"]));
    assert_eq!(dates(&waiting, "T12C").map(|d| d.0), Some("2025-12-09".into()));
    assert!(field(&waiting, "T12C", "why").contains("chase the LA"));
    assert_eq!(dates(&waiting, "T15").map(|d| d.0), Some("2026-11-09".into()));
    let in_time = timeline(&with(&["--meeting", "2025-11-10", "--today", "2025-12-08"]));
    assert!(!ids(&in_time).iter().any(|i| i == "T12C"));
}

#[test]
fn the_table_is_still_printed_without_json() {
    let mut args = vec!["timeline"];
    args.extend_from_slice(&with(&["--meeting", "2025-11-10", "--today", "2025-11-20"]));
    let out = ardesk(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("NC year 6 · preparing for adulthood not yet required\n"), "{text}");
    assert!(text.lines().any(|l| l.starts_with("T16  date 2026-02-14  due 2026-02-13  Year 6")), "{text}");
}

fn refused(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.starts_with("error: "), "{err}");
    err
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let meeting = ["--meeting", "2025-11-10"];
    for (extra, says) in [
        (vec!["--anchor", "2025-02-30", "--dob", "2015-01-10"], "--anchor \"2025-02-30\" is not a date"),
        (vec!["--anchor", "2025-03-01", "--dob", "10/01/2015"], "--dob \"10/01/2015\" is not a date"),
        (vec!["--dob", "2015-01-10"], "--anchor is required"),
        (vec!["--anchor", "2025-03-01"], "--dob is required"),
        (
            vec!["--anchor", "2025-03-01", "--dob", "2015-01-10", "--meeting", "2025-01-01"],
            "before the anchor",
        ),
        (vec!["--anchor", "2025-03-01", "--dob", "2015-01-10", "--la", "atlantis"], "unknown LA"),
        (
            vec!["--anchor", "2025-03-01", "--dob", "2015-01-10", "--last-meeting", "2025-04-01"],
            "after the anchor",
        ),
        (vec!["--anchor", "2025-03-01", "--dob", "2015-01-10", "--meeting", "2025-11-10\nT99"], "not a date"),
        (
            [&Y6[..], &meeting, &["--decision", "suspend", "--decision-date", "2025-12-01"]].concat(),
            "not a decision",
        ),
        ([&Y6[..], &meeting, &["--decision", "amend"]].concat(), "--decision needs --decision-date"),
        (
            [&Y6[..], &meeting, &["--decision-date", "2025-12-01"]].concat(),
            "--decision-date needs --decision",
        ),
        ([&Y6[..], &meeting, &["--notice-date", "2025-12-01"]].concat(), "--notice-date needs --decision"),
        (
            [
                &Y6[..],
                &meeting,
                &["--decision", "maintain", "--decision-date", "2025-12-01", "--notice-date", "2025-12-01"],
            ]
            .concat(),
            "an amendment notice does not go with a decision to maintain",
        ),
        (
            [&Y6[..], &meeting, &["--decision", "cease", "--decision-date", "2025-11-01"]].concat(),
            "the LA's decision letter (2025-11-01) is before the meeting (2025-11-10)",
        ),
        (
            [
                &Y6[..],
                &meeting,
                &["--decision", "amend", "--decision-date", "2025-12-01", "--notice-date", "2025-11-01"],
            ]
            .concat(),
            "the amendment notice (2025-11-01) is before the meeting",
        ),
    ] {
        let mut args = vec!["timeline", "--json"];
        args.extend_from_slice(&extra);
        let err = refused(&ardesk(&args));
        assert!(err.contains(says), "{args:?}: {err}");
    }
}
