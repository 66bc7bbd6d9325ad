//! Issue 14 from the command line: pupils imported from a CTF, and the people around a child.

mod common;

use std::path::Path;

use common::ardesk;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/pupils")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_default()
}

#[test]
fn import_pupils_reports_added_updated_unchanged_and_skipped_as_json() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let db = dir.path().join("x.db").to_string_lossy().into_owned();
    let ctf = fixture("ctf25.xml");

    let dry = json(&ardesk(&["import-pupils", "--db", &db, &ctf, "--la", "kent", "--dry-run", "--json"]));
    assert_eq!(dry["added"], serde_json::json!(["K999999914001", "Z999999914002", "J999999914008"]));
    assert_eq!(dry["skipped"][0]["upn"], "N999999914003");
    assert_eq!(dry["skipped"][0]["row"], 3);
    assert!(dry["skipped"][0]["reason"].as_str().unwrap_or_default().contains("SEN support"));
    assert_eq!(json(&ardesk(&["pupils", "--db", &db, "--json"])), serde_json::json!([]), "--dry-run wrote");

    let done = json(&ardesk(&["import-pupils", "--db", &db, &ctf, "--la", "kent", "--json"]));
    assert_eq!(done["added"].as_array().map(Vec::len), Some(3));
    let again = json(&ardesk(&["import-pupils", "--db", &db, &ctf, "--la", "kent", "--json"]));
    assert_eq!(again["unchanged"].as_array().map(Vec::len), Some(3));
    assert_eq!(again["added"], serde_json::json!([]));

    let pupils = json(&ardesk(&["pupils", "--db", &db, "--json"]));
    let juniper = pupils.as_array().and_then(|p| p.iter().find(|p| p["upn"] == "K999999914001")).cloned();
    let juniper = juniper.unwrap_or_default();
    assert_eq!(
        (juniper["legal_forenames"].as_str(), juniper["preferred_name"].as_str()),
        (Some("Juniper"), Some("Juno"))
    );
    let barnaby = juniper["parents"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == "Mr Barnaby Testwhistle"))
        .cloned();
    let barnaby = barnaby.unwrap_or_default();
    assert_eq!(barnaby["court_order"], true);
    assert_eq!(barnaby["parental_responsibility"], true);
    assert!(barnaby["relationship"].is_string());
}

#[test]
fn an_unusable_pupil_file_exits_2_with_one_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let db = dir.path().join("x.db").to_string_lossy().into_owned();
    for name in ["hostile-entity-bomb.xml", "hostile-truncated.xml"] {
        let out = ardesk(&["import-pupils", "--db", &db, &fixture(name), "--json"]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim_end().lines().count(), 1, "{name}: {stderr}");
        assert!(out.stdout.is_empty(), "{name}");
    }
    assert_eq!(json(&ardesk(&["pupils", "--db", &db, "--json"])), serde_json::json!([]));
}

#[test]
fn people_are_added_listed_and_a_restricted_parent_is_marked() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| unreachable!("{e}"));
    let db = dir.path().join("x.db").to_string_lossy().into_owned();
    json(&ardesk(&["import-pupils", "--db", &db, &fixture("ctf25.xml"), "--la", "kent", "--json"]));
    let pip = json(&ardesk(&["pupils", "--db", &db, "--json"]))
        .as_array()
        .and_then(|p| p.iter().find(|p| p["upn"] == "Z999999914002").map(|p| p["id"].to_string()))
        .unwrap_or_default();

    let added = ardesk(&[
        "people",
        "add-parent",
        "--db",
        &db,
        "--child",
        &pip,
        "--name",
        "Ada Testperson",
        "--relationship",
        "Stepmother",
        "--pr",
        "--phone",
        "07700 900123",
        "--contact",
        "text",
        "--restriction",
        "no-post",
    ]);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    assert!(String::from_utf8_lossy(&added.stdout).contains("RESTRICTED"));
    let refused = ardesk(&[
        "people",
        "add-professional",
        "--db",
        &db,
        "--child",
        &pip,
        "--name",
        "Sam Sample",
        "--role",
        "",
        "--service",
        "health",
    ]);
    assert_eq!(refused.status.code(), Some(2), "a professional with no role is refused");
    let people = json(&ardesk(&["people", "list", "--db", &db, "--child", &pip, "--json"]));
    let ada =
        people["parents"].as_array().and_then(|p| p.iter().find(|p| p["name"] == "Ada Testperson")).cloned();
    assert_eq!(ada.unwrap_or_default()["restriction"], "no_post");
}
