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

#[test]
fn edit_la_checks_each_field_against_the_law_and_remove_la_takes_an_added_la_off() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let db = dir.path().join("x.db").to_string_lossy().into_owned();
    json(&ardesk(&["add-la", "--db", &db, "--code", "306", "--json"]));

    // Less notice than the law allows, an unknown channel and a non-number: refused, nothing saved.
    let bad = ardesk(&["edit-la", "--db", &db, "la-306", "--timing", "statutory_notice_days=10"]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr).into_owned();
    assert!(stderr.contains("reg 20(3)"), "{stderr}");
    let channel = ardesk(&["edit-la", "--db", &db, "la-306", "--channel", "fax"]);
    assert_eq!(channel.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&channel.stderr).contains("portal, email, securefile, digital_form"));
    let word = ardesk(&["edit-la", "--db", &db, "la-306", "--timing", "invite_lead_days=six weeks"]);
    assert_eq!(word.status.code(), Some(2));

    let saved = json(&ardesk(&[
        "edit-la",
        "--db",
        &db,
        "la-306",
        "--name",
        "London Borough of Croydon",
        "--channel",
        "portal",
        "--address",
        "Croydon SEND portal",
        "--advice-form",
        "EP1 request for advice",
        "--sendiass",
        "Exampletown SENDIASS, 01632 960999",
        "--timing",
        "statutory_notice_days=21",
        "--timing",
        "target_meeting_months=10",
        "--json",
    ]));
    assert_eq!(saved["name"], "London Borough of Croydon");
    assert_eq!(
        (saved["channel"].as_str(), saved["address"].as_str()),
        (Some("portal"), Some("Croydon SEND portal"))
    );
    assert_eq!(saved["timings"]["statutory_notice_days"], "21");
    assert_eq!(saved["advice_form"], "EP1 request for advice");
    assert_eq!(saved["sendiass"], "Exampletown SENDIASS, 01632 960999");

    let shipped = ardesk(&["remove-la", "--db", &db, "kent"]);
    assert_eq!(shipped.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&shipped.stderr).contains("shipped with the app"));
    let removed = ardesk(&["remove-la", "--db", &db, "la-306"]);
    assert!(removed.status.success(), "{}", String::from_utf8_lossy(&removed.stderr));
    let listed = json(&ardesk(&["profiles", "--db", &db, "--json"]));
    assert_eq!(ids(&listed), ["buckinghamshire", "kent", "redcar", "southwark", "stockton"]);
}
