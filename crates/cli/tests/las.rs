//! Issue 14, any LA, from the command line: the school's LAs listed, another LA in England
//! added with the statutory defaults, and the clock of a review for an LA that was not shipped.

mod common;

use common::ardesk;

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_default()
}

fn ids(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .map(|a| a.iter().filter_map(|p| p["id"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

#[test]
fn add_la_makes_any_english_la_one_of_the_school_s_with_the_statutory_defaults() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let db = dir.path().join("x.db").to_string_lossy().into_owned();

    let shipped = json(&ardesk(&["profiles", "--db", &db, "--json"]));
    assert_eq!(ids(&shipped), ["buckinghamshire", "kent", "redcar", "southwark", "stockton"]);
    let all = json(&ardesk(&["profiles", "--db", &db, "--all", "--json"]));
    assert_eq!(all.as_array().map(Vec::len), Some(153));
    assert!(all.as_array().is_some_and(|a| a.iter().any(|la| la["id"] == "la-306" && la["yours"] == false)));

    let added = json(&ardesk(&["add-la", "--db", &db, "--code", "306", "--json"]));
    assert_eq!((added["id"].as_str(), added["name"].as_str()), (Some("la-306"), Some("Croydon")));
    assert_eq!(added["statutory_defaults"], true);
    let listed = json(&ardesk(&["profiles", "--db", &db, "--json"]));
    assert_eq!(ids(&listed), ["buckinghamshire", "la-306", "kent", "redcar", "southwark", "stockton"]);
    let table = String::from_utf8_lossy(&ardesk(&["profiles", "--db", &db]).stdout).into_owned();
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("la-306") && l.contains("Croydon") && l.contains("statutory defaults"))
    );

    let again = ardesk(&["add-la", "--db", &db, "--code", "306"]);
    assert_eq!(again.status.code(), Some(1), "already the school's");
    assert!(String::from_utf8_lossy(&again.stderr).contains("Croydon is already one of your LAs"));
    let unknown = ardesk(&["add-la", "--db", &db, "--code", "999"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("not the three-digit DfE code"));

    // The clock needs no database: any LA's statutory defaults, stated as the rule.
    let tl = json(&ardesk(&[
        "timeline",
        "--anchor",
        "2025-09-01",
        "--dob",
        "2015-05-14",
        "--la",
        "la-306",
        "--json",
    ]));
    let t04 = tl["milestones"].as_array().and_then(|m| m.iter().find(|m| m["id"] == "T04")).cloned();
    let why = t04.as_ref().and_then(|m| m["why"].as_str()).unwrap_or_default().to_owned();
    assert!(why.starts_with("Holding the meeting within 11 months"), "{tl}");
}
